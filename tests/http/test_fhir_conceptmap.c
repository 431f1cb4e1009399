/* FHIR ConceptMap through nginx: one map per list and source from the
 * mappings the terms carry, searched (url, source-system, target-system,
 * source-uri, target-uri: a searchset Bundle) and read (streamed, one
 * element per mapping, equivalent for the main source and relatedto for
 * another); $translate both ways (a source's code to SPOR terms, an SPOR
 * term to the sources' codes), at type and instance level, by GET and by
 * POST; OperationOutcomes naming the bad parameter, 404 for an unknown map
 * or system; hostile input. */
#include "config.h"

#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../tap.h"
#include "fhir_tx.h"
#include "users.h"

#define CM "/api/v1/fhir/ConceptMap"
#define ENC "https%3A%2F%2Fspor.ema.europa.eu%2Fv1%2F"
#define MAP_ID TX_LIST "-" TX_EDQM
#define OTHER_ID TX_LIST "-" TX_OTHER

static bool same(const char *a, const char *b)
{
	return a && b && strcmp(a, b) == 0;
}

/* How many entries of a Bundle are maps of the fixture's list, and whether `id` is one. */
static size_t fixture_maps(json_t *bundle, const char *id, bool *has)
{
	size_t i, n = 0;
	json_t *e;
	*has = false;
	json_array_foreach(json_object_get(bundle, "entry"), i, e)
	{
		const char *got = json_string_value(json_object_get(json_object_get(e, "resource"), "id"));
		n += got && strncmp(got, TX_LIST "-", 13) == 0;
		*has = *has || same(got, id);
	}
	return n;
}

static void test_search(void)
{
	static const struct {
		const char *what, *query;
		size_t maps;
		const char *id;
	} cases[] = {
		{"every map", "", 2, MAP_ID},
		{"target-system", "?target-system=" ENC "lists%2F" TX_LIST, 2, OTHER_ID},
		{"source-system", "?source-system=" ENC "sources%2F" TX_EDQM, 1, MAP_ID},
		{"source-system with http://", "?source-system=http%3A%2F%2Fspor.ema.europa.eu%2Fv1%2Fsources%2F" TX_OTHER, 1,
		 OTHER_ID},
		{"url", "?url=" ENC "lists%2F" TX_LIST "%2Fconceptmaps%2F" TX_OTHER, 1, OTHER_ID},
		{"target-uri", "?target-uri=" ENC "lists%2F" TX_LIST "%3Ffhir_vs", 2, MAP_ID},
		{"source-uri and target-system", "?source-uri=" ENC "sources%2F" TX_EDQM "%3Ffhir_vs&target-system=" ENC
		 "lists%2F" TX_LIST, 1, MAP_ID},
		{"a source-system of nothing", "?source-system=%27%20OR%201%3D1", 0, NULL},
		{"a url of nothing", "?url=x", 0, NULL},
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		char path[512];
		snprintf(path, sizeof path, CM "%s", cases[i].query);
		struct resp r;
		json_t *b = fhir_get(path, &r);
		bool has;
		size_t n = fixture_maps(b, cases[i].id, &has);
		bool good = r.status == 200 && same(json_string_value(json_object_get(b, "type")), "searchset") &&
			    n == cases[i].maps && (!cases[i].id || has);
		if (!ok(good, "ConceptMap search: %s (%zu of the fixture's maps)", cases[i].what, cases[i].maps))
			diag("%ld, %zu: %.300s", r.status, n, r.body ? r.body : "");
		json_decref(b);
		resp_free(&r);
	}
}

/* The element of `code` in a map's only group, or NULL. */
static json_t *element(json_t *cm, const char *code)
{
	size_t i;
	json_t *e;
	json_array_foreach(json_object_get(json_array_get(json_object_get(cm, "group"), 0), "element"), i, e)
		if (same(json_string_value(json_object_get(e, "code")), code))
			return e;
	return NULL;
}

static const char *target(json_t *e, const char *key)
{
	return json_string_value(json_object_get(json_array_get(json_object_get(e, "target"), 0), key));
}

static void test_read(void)
{
	struct resp r;
	json_t *cm = fhir_get(CM "/" MAP_ID, &r);
	json_t *group = json_array_get(json_object_get(cm, "group"), 0);
	ok(r.status == 200 && same(json_string_value(json_object_get(cm, "resourceType")), "ConceptMap") &&
		   same(json_string_value(json_object_get(cm, "url")),
			"https://spor.ema.europa.eu/v1/lists/" TX_LIST "/conceptmaps/" TX_EDQM) &&
		   same(json_string_value(json_object_get(group, "source")),
			"https://spor.ema.europa.eu/v1/sources/" TX_EDQM) &&
		   same(json_string_value(json_object_get(group, "target")), "https://spor.ema.europa.eu/v1/lists/" TX_LIST),
	   "ConceptMap/{listId}-{sourceId}: its url, and a group from the source's system to the list's");
	json_t *e = element(cm, "10221000");
	ok(json_array_size(json_object_get(group, "element")) == 3 && e && same(target(e, "code"), "900000002101") &&
		   same(target(e, "equivalence"), "equivalent") && same(target(e, "display"), "Film-coated tablet"),
	   "one element per mapping; the main source's mapping is equivalent");
	json_decref(cm);
	resp_free(&r);

	cm = fhir_get(CM "/" OTHER_ID, &r);
	e = element(cm, "FCT");
	ok(r.status == 200 && e && same(json_string_value(json_object_get(e, "display")), "FC tablet") &&
		   same(target(e, "equivalence"), "relatedto"),
	   "a mapping of another source than the main one is relatedto");
	json_decref(cm);
	resp_free(&r);

	static const char *const unknown[] = {CM "/" TX_LIST "-999999999999", CM "/" TX_LIST "-" TX_LIST,
					      CM "/999999999999-" TX_EDQM, CM "/abc", CM "/%27%20OR%201%3D1--"};
	for (size_t i = 0; i < sizeof unknown / sizeof unknown[0]; i++) {
		cm = fhir_get(unknown[i], &r);
		ok(r.status == 404 && same(json_string_value(json_object_get(cm, "resourceType")), "OperationOutcome") &&
			   same(fhir_issue_code(cm), "not-found") && same(fhir_issue_expression(cm), "conceptMapId"),
		   "an unknown map (%s): 404 naming conceptMapId", unknown[i] + sizeof CM);
		json_decref(cm);
		resp_free(&r);
	}
}

struct translate_case {
	const char *what, *method, *path, *body;
	bool result;
	size_t matches;
	const char *code, *equivalence; /* of the first match */
};

static json_t *part(json_t *match, const char *name, const char *type)
{
	size_t i;
	json_t *p;
	json_array_foreach(json_object_get(match, "part"), i, p)
		if (same(json_string_value(json_object_get(p, "name")), name))
			return json_object_get(p, type);
	return NULL;
}

static void test_translate(void)
{
#define SRC "system=" ENC "sources%2F" TX_EDQM
#define LST "system=" ENC "lists%2F" TX_LIST
	static const struct translate_case cases[] = {
		{"a source's code to its term", "GET", CM "/$translate?" SRC "&code=10221000", NULL, true, 1, "900000002101",
		 "equivalent"},
		{"by the map's url", "GET", CM "/$translate?url=" ENC "lists%2F" TX_LIST "%2Fconceptmaps%2F" TX_EDQM "&code=10222000",
		 NULL, true, 1, "900000002102", "equivalent"},
		{"at instance level", "GET", CM "/" OTHER_ID "/$translate?code=FCT", NULL, true, 1, "900000002101",
		 "relatedto"},
		{"with a target system", "GET", CM "/$translate?" SRC "&code=10221000&targetsystem=" ENC "lists%2F" TX_LIST,
		 NULL, true, 1, "900000002101", NULL},
		{"with a target system of another list", "GET",
		 CM "/$translate?" SRC "&code=10221000&targetsystem=" ENC "lists%2F100000000002", NULL, false, 0, NULL, NULL},
		{"a term to the sources' codes (the list's system)", "GET", CM "/$translate?" LST "&code=900000002101", NULL,
		 true, 2, "10221000", "equivalent"},
		{"reverse=true without a system", "GET", CM "/$translate?reverse=true&code=900000002103", NULL, true, 1,
		 "10111000", NULL},
		{"reverse at instance level", "GET", CM "/" OTHER_ID "/$translate?reverse=true&code=900000002101", NULL, true,
		 1, "FCT", "relatedto"},
		{"a code of no mapping", "GET", CM "/$translate?" SRC "&code=99999999", NULL, false, 0, NULL, NULL},
		{"a term of no mapping", "GET", CM "/$translate?" LST "&code=900000002104", NULL, false, 0, NULL, NULL},
		{"hostile code", "GET", CM "/$translate?" SRC "&code=%27%20OR%20%271%27%3D%271", NULL, false, 0, NULL, NULL},
		{"POST with a valueCoding", "POST", CM "/$translate",
		 "{\"resourceType\":\"Parameters\",\"parameter\":[{\"name\":\"coding\",\"valueCoding\":{\"system\":"
		 "\"https://spor.ema.europa.eu/v1/sources/" TX_EDQM "\",\"code\":\"10111000\"}}]}",
		 true, 1, "900000002103", "equivalent"},
		{"POST reverse at instance level", "POST", CM "/" MAP_ID "/$translate",
		 "{\"resourceType\":\"Parameters\",\"parameter\":[{\"name\":\"code\",\"valueCode\":\"900000002102\"},"
		 "{\"name\":\"reverse\",\"valueBoolean\":true}]}",
		 true, 1, "10222000", "equivalent"},
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		const struct translate_case *c = &cases[i];
		struct resp r;
		json_t *out = strcmp(c->method, "POST") == 0 ? fhir_post(c->path, c->body, &r) : fhir_get(c->path, &r);
		size_t n = 0, k;
		json_t *p, *first = NULL;
		json_array_foreach(json_object_get(out, "parameter"), k, p)
		{
			if (!same(json_string_value(json_object_get(p, "name")), "match"))
				continue;
			first = first ? first : p;
			n++;
		}
		json_t *concept = part(first, "concept", "valueCoding");
		bool good = r.status == 200 && json_is_true(fhir_param(out, "result", "valueBoolean")) == c->result &&
			    n == c->matches &&
			    (!c->code || same(json_string_value(json_object_get(concept, "code")), c->code)) &&
			    (!c->equivalence || same(json_string_value(part(first, "equivalence", "valueCode")), c->equivalence)) &&
			    (n || json_is_string(fhir_param(out, "message", "valueString")));
		if (!ok(good, "$translate: %s", c->what))
			diag("%ld %s", r.status, r.body ? r.body : "");
		json_decref(out);
		resp_free(&r);
	}

	static const struct {
		const char *what, *path;
		long status;
		const char *expression;
	} errors[] = {
		{"no code", CM "/$translate?" SRC, 400, "code"},
		{"a source's code without its system", CM "/$translate?code=10221000", 400, "system"},
		{"an unknown system", CM "/$translate?system=http%3A%2F%2Fsnomed.info%2Fsct&code=1", 404, "system"},
		{"reverse with a source's system", CM "/$translate?" SRC "&code=1&reverse=true", 400, "reverse"},
		{"reverse not a boolean", CM "/$translate?" SRC "&code=1&reverse=1", 400, "reverse"},
		{"an unknown map's url", CM "/$translate?url=" ENC "lists%2F" TX_LIST "%2Fconceptmaps%2F999999999999&code=1",
		 404, "url"},
		{"an unknown map at instance level", CM "/" TX_LIST "-999999999999/$translate?code=1", 404, "conceptMapId"},
		{"a target of no value set", CM "/$translate?" SRC "&code=1&target=urn%3Ax", 404, "target"},
	};
	for (size_t i = 0; i < sizeof errors / sizeof errors[0]; i++) {
		struct resp r;
		json_t *oo = fhir_get(errors[i].path, &r);
		bool good = r.status == errors[i].status &&
			    same(json_string_value(json_object_get(oo, "resourceType")), "OperationOutcome") &&
			    same(fhir_issue_expression(oo), errors[i].expression);
		if (!ok(good, "$translate, %s: %ld naming %s", errors[i].what, errors[i].status, errors[i].expression))
			diag("%ld %s", r.status, r.body ? r.body : "");
		json_decref(oo);
		resp_free(&r);
	}
}

int main(void)
{
	MYSQL *owner = users_start(NULL);
	if (!ok(fhir_tx_fixture(), "the fixture's lists are imported"))
		return done_testing();
	test_search();
	test_read();
	test_translate();
	users_done(owner);
	return done_testing();
}
