/* FHIR ValueSet through nginx: a list's implicit value set read; $expand at
 * type level (?url=, http:// read as https://) and instance level, by GET
 * and by POST (Parameters), with filter (the word search: accents and case
 * aside, prefixes, French and German), count and offset (deep offsets past
 * the anchors' threshold), displayLanguage, activeOnly and
 * includeDesignations, expansion.total and its echoed parameters, 422 for
 * an unpaged expansion too large; $validate-code (a wrong display is a
 * message, a replaced term true with a warning, a code or system not in the
 * value set false); OperationOutcomes naming the bad parameter, 404 for an
 * unknown value set; hostile input. */
#include "config.h"

#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../tap.h"
#include "fhir_tx.h"
#include "users.h"

#define VS "/api/v1/fhir/ValueSet/"
#define URL "https%3A%2F%2Fspor.ema.europa.eu%2Fv1%2Flists%2F" TX_LIST "%3Ffhir_vs"
#define HTTP_URL "http%3A%2F%2Fspor.ema.europa.eu%2Fv1%2Flists%2F" TX_LIST "%3Ffhir_vs"

static json_t *expansion(json_t *vs)
{
	return json_object_get(vs, "expansion");
}

static json_t *contains(json_t *vs)
{
	return json_object_get(expansion(vs), "contains");
}

static long long total(json_t *vs)
{
	json_t *t = json_object_get(expansion(vs), "total");
	return json_is_integer(t) ? (long long)json_integer_value(t) : -1;
}

/* The i-th code's key. */
static const char *code_at(json_t *vs, size_t i, const char *key)
{
	return json_string_value(json_object_get(json_array_get(contains(vs), i), key));
}

static bool same(const char *a, const char *b)
{
	return a && b && strcmp(a, b) == 0;
}

static void test_read(void)
{
	struct resp r;
	json_t *vs = fhir_get(VS TX_LIST, &r);
	char *type = header(&r, "Content-Type");
	ok(r.status == 200 && type && strstr(type, "application/fhir+json"), "ValueSet/{listId}: FHIR JSON");
	ok(same(json_string_value(json_object_get(vs, "resourceType")), "ValueSet") &&
		   same(json_string_value(json_object_get(vs, "url")),
			"https://spor.ema.europa.eu/v1/lists/" TX_LIST "?fhir_vs") &&
		   same(json_string_value(json_object_get(json_array_get(
				json_object_get(json_object_get(vs, "compose"), "include"), 0), "system")),
			"https://spor.ema.europa.eu/v1/lists/" TX_LIST),
	   "its url is the list's system with ?fhir_vs, and it includes the whole system");
	free(type);
	json_decref(vs);
	resp_free(&r);

	vs = fhir_get(VS "999999999999", &r);
	ok(r.status == 404 && same(json_string_value(json_object_get(vs, "resourceType")), "OperationOutcome") &&
		   same(fhir_issue_code(vs), "not-found"),
	   "an unknown list: 404, an OperationOutcome not-found");
	json_decref(vs);
	resp_free(&r);
}

struct expand_case {
	const char *what, *path;
	long long total;      /* -1: not checked */
	size_t codes;	      /* how many contains */
	const char *first;    /* the first code's display, or NULL */
};

static void test_expand(void)
{
	static const struct expand_case cases[] = {
		{"instance level, count 3", VS TX_LIST "/$expand?count=3", TX_TERMS, 3, "Effervescent tablet"},
		{"type level by url", VS "$expand?count=3&url=" URL, TX_TERMS, 3, "Effervescent tablet"},
		{"the url with http://", VS "$expand?count=2&url=" HTTP_URL, TX_TERMS, 2, "Effervescent tablet"},
		{"filter without accents (French)", VS TX_LIST "/$expand?filter=comprime", 2, 2, "Effervescent tablet"},
		{"filter with accents and upper case", VS TX_LIST "/$expand?filter=COMPRIM%C3%89+PELL", 1, 1, NULL},
		{"filter: a German prefix", VS TX_LIST "/$expand?filter=filmtab", 1, 1, NULL},
		{"filter: an umlaut typed plain", VS TX_LIST "/$expand?filter=losung", 1, 1, NULL},
		{"filter: an umlaut", VS TX_LIST "/$expand?filter=l%C3%B6sung", 1, 1, NULL},
		{"filter and activeOnly", VS TX_LIST "/$expand?filter=losung&activeOnly=true", 0, 0, NULL},
		{"filter that matches nothing", VS TX_LIST "/$expand?filter=zzzzqq", 0, 0, NULL},
		{"displayLanguage fr", VS TX_LIST "/$expand?count=1&displayLanguage=fr", TX_TERMS, 1,
		 "Comprimé effervescent"},
		{"displayLanguage de-CH", VS TX_LIST "/$expand?count=1&displayLanguage=de-CH", TX_TERMS, 1, "Brausetablette"},
		{"activeOnly", VS TX_LIST "/$expand?count=5&activeOnly=true", TX_TERMS - 1, 5, "Effervescent tablet"},
		{"offset", VS TX_LIST "/$expand?count=2&offset=2", TX_TERMS, 2, "Oral liquid"},
		{"a deep offset (the anchors)", VS TX_LIST "/$expand?count=3&offset=1010", TX_TERMS, 3, "Paging form 1007"},
		{"a deep offset of the active codes", VS TX_LIST "/$expand?count=3&offset=1010&activeOnly=true", TX_TERMS - 1,
		 3, "Paging form 1008"},
		{"the last codes", VS TX_LIST "/$expand?count=10&offset=" "1050", TX_TERMS, 4, "Paging form 1047"},
		{"past the end", VS TX_LIST "/$expand?count=10&offset=5000", TX_TERMS, 0, NULL},
		{"count 0: the total alone", VS TX_LIST "/$expand?count=0", TX_TERMS, 0, NULL},
		{"a filtered expansion paged", VS TX_LIST "/$expand?filter=paging+form+10&count=5&offset=3", 51, 5,
		 "Paging form 1003"},
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		const struct expand_case *c = &cases[i];
		struct resp r;
		json_t *vs = fhir_get(c->path, &r);
		bool good = r.status == 200 && (c->total < 0 || total(vs) == c->total) &&
			    json_array_size(contains(vs)) == c->codes && (!c->first || same(code_at(vs, 0, "display"), c->first));
		if (!ok(good, "$expand: %s", c->what))
			diag("%ld total %lld, %zu codes, first %s", r.status, total(vs), json_array_size(contains(vs)),
			     code_at(vs, 0, "display") ? code_at(vs, 0, "display") : "-");
		json_decref(vs);
		resp_free(&r);
	}

	struct resp r;
	json_t *vs = fhir_get(VS TX_LIST "/$expand?count=4&includeDesignations=true&filter=oral", &r);
	json_t *e = expansion(vs);
	const char *id = json_string_value(json_object_get(e, "identifier"));
	ok(id && strncmp(id, "urn:uuid:", 9) == 0 && json_is_string(json_object_get(e, "timestamp")) &&
		   json_integer_value(json_object_get(e, "offset")) == 0,
	   "the expansion has an identifier, a timestamp and its offset");
	json_t *solution = NULL, *p;
	size_t i;
	json_array_foreach(contains(vs), i, p) if (same(json_string_value(json_object_get(p, "code")), "900000002103"))
		solution = p;
	ok(solution && json_is_true(json_object_get(solution, "inactive")) &&
		   json_array_size(json_object_get(solution, "designation")) == 3 &&
		   same(json_string_value(json_object_get(solution, "system")),
			"https://spor.ema.europa.eu/v1/lists/" TX_LIST),
	   "a replaced term is inactive; includeDesignations gives its names in every language");
	int echoed = 0;
	json_array_foreach(json_object_get(e, "parameter"), i, p)
	{
		const char *n = json_string_value(json_object_get(p, "name"));
		echoed += same(n, "filter") || same(n, "count") || same(n, "offset") || same(n, "includeDesignations");
	}
	ok(echoed == 4, "the expansion echoes its parameters (filter, count, offset, includeDesignations)");
	json_decref(vs);
	resp_free(&r);

	/* The same expansion by POST, its parameters in a Parameters body. */
	vs = fhir_post(VS "$expand",
		       "{\"resourceType\":\"Parameters\",\"parameter\":[{\"name\":\"url\",\"valueUri\":"
		       "\"https://spor.ema.europa.eu/v1/lists/" TX_LIST "?fhir_vs\"},{\"name\":\"filter\","
		       "\"valueString\":\"Comprim\\u00e9\"},{\"name\":\"count\",\"valueInteger\":1},{\"name\":"
		       "\"displayLanguage\",\"valueCode\":\"de\"},{\"name\":\"activeOnly\",\"valueBoolean\":true}]}",
		       &r);
	ok(r.status == 200 && total(vs) == 2 && json_array_size(contains(vs)) == 1 &&
		   same(code_at(vs, 0, "display"), "Brausetablette"),
	   "POST $expand with a Parameters body: filtered, paged and displayed in German");
	json_decref(vs);
	resp_free(&r);
	vs = fhir_post(VS TX_LIST "/$expand", "{\"resourceType\":\"Parameters\",\"parameter\":[{\"name\":\"count\",\"valueInteger\":2},{\"name\":\"offset\",\"valueInteger\":1020}]}", &r);
	ok(r.status == 200 && same(code_at(vs, 0, "display"), "Paging form 1017"), "POST $expand at instance level, deep");
	json_decref(vs);
	resp_free(&r);
}

struct error_case {
	const char *what, *method, *path, *body;
	long status;
	const char *expression, *code; /* NULL: not checked */
};

static void test_errors(void)
{
	static const struct error_case cases[] = {
		{"unpaged and too large", "GET", VS TX_LIST "/$expand", NULL, 422, "count", "too-costly"},
		{"a negative count", "GET", VS TX_LIST "/$expand?count=-1", NULL, 400, "count", "invalid"},
		{"a count too large", "GET", VS TX_LIST "/$expand?count=100000", NULL, 400, "count", "invalid"},
		{"a count of text", "GET", VS TX_LIST "/$expand?count=ten", NULL, 400, "count", "invalid"},
		{"an offset of text", "GET", VS TX_LIST "/$expand?count=1&offset=1e3", NULL, 400, "offset", "invalid"},
		{"activeOnly not a boolean", "GET", VS TX_LIST "/$expand?count=1&activeOnly=yes", NULL, 400, "activeOnly",
		 "invalid"},
		{"a filter of one letter", "GET", VS TX_LIST "/$expand?filter=a", NULL, 400, "filter", "invalid"},
		{"a filter too long", "GET", VS TX_LIST "/$expand?count=1&filter=" "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa",
		 NULL, 400, "filter", "invalid"},
		{"a displayLanguage that is no language", "GET", VS TX_LIST "/$expand?count=1&displayLanguage=%3Cscript%3E",
		 NULL, 400, "displayLanguage", "invalid"},
		{"the type level without url", "GET", VS "$expand?count=1", NULL, 400, "url", "invalid"},
		{"a url of no list", "GET", VS "$expand?count=1&url=javascript%3Aalert(1)", NULL, 404, "url", "not-found"},
		{"a url of a list but no value set", "GET",
		 VS "$expand?count=1&url=https%3A%2F%2Fspor.ema.europa.eu%2Fv1%2Flists%2F" TX_LIST, NULL, 404, "url",
		 "not-found"},
		{"the url of an unknown list", "GET",
		 VS "$expand?count=1&url=https%3A%2F%2Fspor.ema.europa.eu%2Fv1%2Flists%2F999999999999%3Ffhir_vs", NULL, 404,
		 "url", "not-found"},
		{"a url of another value set at instance level", "GET",
		 VS "100000000002/$expand?count=1&url=" URL, NULL, 400, "url", "invalid"},
		{"an unknown list at instance level", "GET", VS "999999999999/$expand?count=1", NULL, 404, "listId",
		 "not-found"},
		{"a list ID that is no ID", "GET", VS "12%27%20OR%201=1/$expand", NULL, 400, "listId", "invalid"},
		{"a count given twice", "GET", VS TX_LIST "/$expand?count=1&count=2", NULL, 400, "count", "invalid"},
		{"POST of no JSON", "POST", VS TX_LIST "/$expand", "count=1", 400, "body", "invalid"},
		{"POST of a resource that is not Parameters", "POST", VS TX_LIST "/$expand",
		 "{\"resourceType\":\"Patient\"}", 400, "resourceType", "invalid"},
		{"POST with a count of the wrong type", "POST", VS TX_LIST "/$expand",
		 "{\"resourceType\":\"Parameters\",\"parameter\":[{\"name\":\"count\",\"valueString\":\"x\"}]}", 400, "count",
		 "invalid"},
		{"POST with duplicate keys", "POST", VS TX_LIST "/$expand",
		 "{\"resourceType\":\"Parameters\",\"resourceType\":\"Parameters\"}", 400, "body", "invalid"},
		{"$validate-code without a code", "GET", VS TX_LIST "/$validate-code", NULL, 400, "code", "invalid"},
		{"$validate-code with code and coding", "GET", VS TX_LIST "/$validate-code?code=1&coding=x%7C1", NULL, 400,
		 "coding", "invalid"},
		{"$validate-code at type level without url", "GET", VS "$validate-code?code=900000002101", NULL, 400, "url",
		 "invalid"},
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		const struct error_case *c = &cases[i];
		struct resp r;
		const char *headers[] = {"Accept: application/fhir+json", "Content-Type: application/fhir+json", NULL};
		request(c->method, c->path, c->body, c->body ? strlen(c->body) : 0, headers, &r);
		json_t *oo = r.body ? json_loads(r.body, 0, NULL) : NULL;
		bool good = r.status == c->status && same(json_string_value(json_object_get(oo, "resourceType")), "OperationOutcome") &&
			    (!c->expression || same(fhir_issue_expression(oo), c->expression)) &&
			    (!c->code || same(fhir_issue_code(oo), c->code));
		if (!ok(good, "%s: %ld, an OperationOutcome naming %s", c->what, c->status, c->expression ? c->expression : "-"))
			diag("%ld %s", r.status, r.body ? r.body : "");
		json_decref(oo);
		resp_free(&r);
	}
}

struct validate_case {
	const char *what, *path;
	bool result;
	const char *message; /* a piece of the message, "" for none, NULL: not checked */
	const char *display;
};

static void test_validate(void)
{
	static const struct validate_case cases[] = {
		{"a code of the list", VS TX_LIST "/$validate-code?code=900000002101", true, "", "Film-coated tablet"},
		{"by url, with the system", VS "$validate-code?url=" URL "&code=900000002101&system=https%3A%2F%2Fspor.ema.europa.eu%2Fv1%2Flists%2F" TX_LIST,
		 true, "", "Film-coated tablet"},
		{"a display of another language, case and accents aside",
		 VS TX_LIST "/$validate-code?code=900000002101&display=COMPRIME+PELLICULE", true, "", NULL},
		{"a wrong display: true, with a message", VS TX_LIST "/$validate-code?code=900000002101&display=Capsule", true,
		 "not a name", "Film-coated tablet"},
		{"a replaced term: true, with a warning", VS TX_LIST "/$validate-code?code=900000002103", true,
		 "replaced by 900000002104", NULL},
		{"displayLanguage", VS TX_LIST "/$validate-code?code=900000002101&displayLanguage=de", true, "", "Filmtablette"},
		{"a code of another list", VS TX_LIST "/$validate-code?code=100000000002", false, "not in the value set", NULL},
		{"a code that is no ID", VS TX_LIST "/$validate-code?code=%27%20OR%201%3D1", false, "not in the value set", NULL},
		{"another system", VS TX_LIST "/$validate-code?code=900000002101&system=http%3A%2F%2Fsnomed.info%2Fsct", false,
		 "system", NULL},
		{"a coding", VS TX_LIST "/$validate-code?coding=https%3A%2F%2Fspor.ema.europa.eu%2Fv1%2Flists%2F" TX_LIST "%7C900000002102",
		 true, "", "Effervescent tablet"},
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		const struct validate_case *c = &cases[i];
		struct resp r;
		json_t *out = fhir_get(c->path, &r);
		const char *message = json_string_value(fhir_param(out, "message", "valueString"));
		bool good = r.status == 200 && same(json_string_value(json_object_get(out, "resourceType")), "Parameters") &&
			    json_is_boolean(fhir_param(out, "result", "valueBoolean")) &&
			    json_is_true(fhir_param(out, "result", "valueBoolean")) == c->result &&
			    (!c->message || (*c->message ? message && strstr(message, c->message) : !message)) &&
			    (!c->display || same(json_string_value(fhir_param(out, "display", "valueString")), c->display));
		if (!ok(good, "$validate-code: %s", c->what))
			diag("%ld %s", r.status, r.body ? r.body : "");
		json_decref(out);
		resp_free(&r);
	}
	struct resp r;
	json_t *out = fhir_post(VS "$validate-code",
				"{\"resourceType\":\"Parameters\",\"parameter\":[{\"name\":\"url\",\"valueUri\":"
				"\"http://spor.ema.europa.eu/v1/lists/" TX_LIST "?fhir_vs\"},{\"name\":\"coding\","
				"\"valueCoding\":{\"system\":\"https://spor.ema.europa.eu/v1/lists/" TX_LIST "\","
				"\"code\":\"900000002102\",\"display\":\"x\"}},{\"name\":\"display\",\"valueString\":\"Brausetablette\"}]}",
				&r);
	ok(r.status == 200 && json_is_true(fhir_param(out, "result", "valueBoolean")) &&
		   !fhir_param(out, "message", "valueString"),
	   "POST $validate-code with a valueCoding and a German display");
	json_decref(out);
	resp_free(&r);
}

int main(void)
{
	MYSQL *owner = users_start(NULL);
	if (!ok(fhir_tx_fixture(), "the fixture's list is imported"))
		return done_testing();
	test_read();
	test_expand();
	test_errors();
	test_validate();
	users_done(owner);
	return done_testing();
}
