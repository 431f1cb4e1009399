/* The FHIR CodeSystem operations through nginx: $lookup, $validate-code
 * and $subsumes, each at type level (the system named) and instance level
 * (/CodeSystem/{listId}/$op), by GET and by POST of a Parameters resource
 * (with code and system, or a coding), on the demonstration lists and the
 * hierarchical list of tests/fixtures/rms/hierarchy.json; their errors as
 * OperationOutcomes with the status FHIR gives them (400 naming the
 * parameter, 404 for an unknown code system or code, 422 for $subsumes on a
 * flat list); cached GETs, uncached POSTs, CORS. */
#include "config.h"

#include <jansson.h>
#include <stdlib.h>
#include <string.h>

#include "../tap.h"
#include "client.h"
#include "dbtest.h"
#include "fhir.h"
#include "users.h"

#define CS "/api/v1/fhir/CodeSystem"

static MYSQL *owner;

static bool same(const char *a, const char *b)
{
	return a && b && strcmp(a, b) == 0;
}

/* $lookup of the Tablet, the same by the four ways of asking. */
static void test_lookup_ways(void)
{
	char *tablet = fhir_parameters("system", "valueUri", FHIR_TREE_URL, "code", "valueCode", "900000000102", NULL);
	char *coding = fhir_parameters("coding", "valueCoding", FHIR_TREE_URL "|900000000102", NULL);
	char *instance = fhir_parameters("code", "valueCode", "900000000102", NULL);
	struct {
		const char *name, *path, *body;
	} ways[] = {
		{"type level, GET", CS "/$lookup?system=" FHIR_TREE_URL "&code=900000000102", NULL},
		{"type level, GET with http://", CS "/$lookup?system=http://spor.ema.europa.eu/v1/lists/" FHIR_TREE
						   "&code=900000000102",
		 NULL},
		{"type level, GET with a coding", CS "/$lookup?coding=" FHIR_TREE_URL "%7C900000000102", NULL},
		{"instance level, GET", CS "/" FHIR_TREE "/$lookup?code=900000000102", NULL},
		{"type level, POST", CS "/$lookup", tablet},
		{"type level, POST with a valueCoding", CS "/$lookup", coding},
		{"instance level, POST", CS "/" FHIR_TREE "/$lookup", instance},
	};
	for (size_t i = 0; i < sizeof ways / sizeof ways[0]; i++) {
		struct resp r;
		json_t *doc = ways[i].body ? fhir_post(ways[i].path, ways[i].body, &r) : fhir_get(ways[i].path, &r);
		char *type = header(&r, "Content-Type");
		bool good = r.status == 200 && type && strstr(type, "application/fhir+json") &&
			    same(json_string_value(json_object_get(doc, "resourceType")), "Parameters") &&
			    same(fhir_value(fhir_param(doc, "name", 0)), "FHIR test hierarchy") &&
			    same(fhir_value(fhir_param(doc, "version", 0)), "1") &&
			    same(fhir_value(fhir_param(doc, "display", 0)), "Tablet") &&
			    fhir_has_property(doc, "parent", "900000000101") &&
			    fhir_has_property(doc, "child", "900000000103") && fhir_has_property(doc, "status", "CURRENT");
		if (!ok(good, "$lookup, %s: the term's name, version, display, parent, child and status", ways[i].name))
			diag("%ld %.400s", r.status, r.body ? r.body : "");
		free(type);
		json_decref(doc);
		resp_free(&r);
	}
	free(tablet);
	free(coding);
	free(instance);
}

/* What $lookup says of a term: designations, properties, the language of
 * its display, and only the properties asked for. */
static void test_lookup_content(void)
{
	/* A FHIR CodeSystem carries no dates: give the root some, as a CSV would. */
	dbtest_execf(owner, "UPDATE rms_terms SET created_at = '2024-03-01 10:00:00', modified_at = '2025-06-30 09:19:36'"
			    " WHERE id = 900000000101");
	struct resp r;
	json_t *doc = fhir_get(CS "/" FHIR_TREE "/$lookup?code=900000000101", &r);
	bool french = false, short_en = false;
	for (size_t i = 0; fhir_param(doc, "designation", i); i++) {
		const char *lang = fhir_part(doc, "designation", i, "language");
		const char *use = fhir_part(doc, "designation", i, "use"), *value = fhir_part(doc, "designation", i, "value");
		french |= same(lang, "fr") && same(use, "name") && same(value, "Formes solides");
		short_en |= same(lang, "en") && same(use, "short") && same(value, "Solid");
	}
	ok(french && short_en, "every text a designation with its language and use (name, short ...)");
	ok(fhir_has_property(doc, "definition", "Dosage forms that are solid.") &&
		   fhir_has_property(doc, "domain", "100000000012") && fhir_has_property(doc, "inactive", "false") &&
		   fhir_has_property(doc, "created", "2024-03-01T10:00:00Z") &&
		   fhir_has_property(doc, "modified", "2025-06-30T09:19:36Z") && !fhir_has_property(doc, "parent", NULL),
	   "its definition, domain, inactive and dates; a root has no parent");
	size_t children = 0;
	for (size_t i = 0; fhir_param(doc, "property", i); i++)
		children += same(fhir_part(doc, "property", i, "code"), "child");
	is_int((long long)children, 3, "a child property for each of its three children");
	json_decref(doc);
	resp_free(&r);

	doc = fhir_get(CS "/" FHIR_TREE "/$lookup?code=900000000104", &r);
	ok(fhir_has_property(doc, "status", "NON_CURRENT") && fhir_has_property(doc, "replacedBy", "900000000105") &&
		   fhir_has_property(doc, "inactive", "true"),
	   "a non-current term: its status, replacedBy and inactive");
	json_decref(doc);
	resp_free(&r);

	static const struct {
		const char *lang, *display;
	} langs[] = {{"fr", "Comprimé"}, {"fr-CH", "Comprimé"}, {"de", "Tablette"}, {"it", "Tablet"}, {"en", "Tablet"}};
	for (size_t i = 0; i < sizeof langs / sizeof langs[0]; i++) {
		char path[200];
		snprintf(path, sizeof path, CS "/" FHIR_TREE "/$lookup?code=900000000102&displayLanguage=%s", langs[i].lang);
		doc = fhir_get(path, &r);
		if (!ok(same(fhir_value(fhir_param(doc, "display", 0)), langs[i].display), "displayLanguage=%s: %s",
			langs[i].lang, langs[i].display))
			diag("%.300s", r.body ? r.body : "");
		json_decref(doc);
		resp_free(&r);
	}

	doc = fhir_get(CS "/" FHIR_TREE "/$lookup?code=900000000102&property=parent&property=child", &r);
	ok(r.status == 200 && fhir_has_property(doc, "parent", NULL) && fhir_has_property(doc, "child", NULL) &&
		   !fhir_has_property(doc, "status", NULL) && !fhir_param(doc, "designation", 0) &&
		   fhir_param(doc, "display", 0),
	   "property= chooses the properties (repeated), the display always there");
	json_decref(doc);
	resp_free(&r);
	char *body = fhir_parameters("code", "valueCode", "900000000102", "property", "valueCode", "lang.fr", "property",
				     "valueCode", "status", NULL);
	doc = fhir_post(CS "/" FHIR_TREE "/$lookup", body, &r);
	ok(r.status == 200 && fhir_count(doc, "designation") == 1 && same(fhir_part(doc, "designation", 0, "language"), "fr") &&
		   fhir_has_property(doc, "status", NULL) && !fhir_has_property(doc, "parent", NULL),
	   "and so do repeated property parameters of a POST (lang.fr: the French designations)");
	free(body);
	json_decref(doc);
	resp_free(&r);

	/* A flat list of the demonstration data: a term of the Country list. */
	doc = fhir_get(CS "/$lookup?system=" FHIR_SYSTEM("100000000002") "&code=100000000337", &r);
	const char *display = fhir_value(fhir_param(doc, "display", 0));
	const char *name = dbtest_value(owner, "SELECT name_en FROM rms_terms WHERE id = 100000000337");
	ok(r.status == 200 && same(display, name) && !fhir_has_property(doc, "child", NULL),
	   "a term of a flat list (%s)", display ? display : "none");
	json_decref(doc);
	resp_free(&r);
}

/* One $validate-code: the answer's result, message and display. */
static json_t *validate(const char *path, const char *body, struct resp *r)
{
	return body ? fhir_post(path, body, r) : fhir_get(path, r);
}

static void test_validate_code(void)
{
	char *posted = fhir_parameters("url", "valueUri", FHIR_TREE_URL, "code", "valueCode", "900000000103", "display",
				       "valueString", "Film-coated tablet", NULL);
	char *coding = fhir_parameters("coding", "valueCoding", FHIR_TREE_URL "|900000000103", NULL);
	static const struct {
		const char *name, *path;
		int body; /* 0: GET; 1, 2: POST of `posted`, `coding` */
		const char *result, *display, *message; /* message: a part of it, or NULL for none */
	} cases[] = {
		{"type level, GET", CS "/$validate-code?url=" FHIR_TREE_URL "&code=900000000103", 0, "true",
		 "Film-coated tablet", NULL},
		{"system for url", CS "/$validate-code?system=" FHIR_TREE_URL "&code=900000000103", 0, "true",
		 "Film-coated tablet", NULL},
		{"instance level, GET", CS "/" FHIR_TREE "/$validate-code?code=900000000103", 0, "true",
		 "Film-coated tablet", NULL},
		{"type level, POST with a display", CS "/$validate-code", 1, "true", "Film-coated tablet", NULL},
		{"instance level, POST of a coding", CS "/" FHIR_TREE "/$validate-code", 2, "true", "Film-coated tablet",
		 NULL},
		{"a display in another language", CS "/" FHIR_TREE "/$validate-code?code=900000000103&display=Filmtablette",
		 0, "true", "Film-coated tablet", NULL},
		{"a wrong display: valid, with the issue", CS "/" FHIR_TREE "/$validate-code?code=900000000103&display=Pill", 0,
		 "true", "Film-coated tablet", "display 'Pill'"},
		{"a non-current term: valid, with a warning", CS "/" FHIR_TREE "/$validate-code?code=900000000104", 0, "true",
		 "Capsule (old)", "NON_CURRENT; replaced by 900000000105"},
		{"a nullified term: valid, with a warning", CS "/" FHIR_TREE "/$validate-code?code=900000000108", 0, "true",
		 "Withdrawn form", "NULLIFIED"},
		{"an unknown code: not valid", CS "/" FHIR_TREE "/$validate-code?code=999999999999", 0, "false", NULL,
		 "Unknown code '999999999999'"},
		{"a code that is no term ID", CS "/" FHIR_TREE "/$validate-code?code=tablet", 0, "false", NULL,
		 "Unknown code 'tablet'"},
		{"a term of another list: not valid", CS "/" FHIR_TREE "/$validate-code?code=100000000012", 0, "false", NULL,
		 "Unknown code"},
		{"the version asked is the list's", CS "/" FHIR_TREE "/$validate-code?code=900000000103&version=1", 0, "true",
		 "Film-coated tablet", NULL},
		{"displayLanguage", CS "/" FHIR_TREE "/$validate-code?code=900000000103&displayLanguage=de", 0, "true",
		 "Filmtablette", NULL},
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		struct resp r;
		json_t *doc = validate(cases[i].path, cases[i].body == 1 ? posted : cases[i].body == 2 ? coding : NULL, &r);
		const char *result = fhir_value(fhir_param(doc, "result", 0));
		const char *display = fhir_value(fhir_param(doc, "display", 0));
		const char *message = fhir_value(fhir_param(doc, "message", 0));
		json_t *issues = json_object_get(fhir_param(doc, "issues", 0), "resource");
		bool good = r.status == 200 && same(result, cases[i].result) &&
			    (cases[i].display ? same(display, cases[i].display) : !display) &&
			    (cases[i].message ? message && strstr(message, cases[i].message) &&
							same(json_string_value(json_object_get(issues, "resourceType")),
							     "OperationOutcome")
					      : !message && !issues);
		if (!ok(good, "$validate-code, %s: %s", cases[i].name, cases[i].result))
			diag("%ld %.500s", r.status, r.body ? r.body : "");
		json_decref(doc);
		resp_free(&r);
	}
	struct resp r;
	json_t *doc = fhir_get(CS "/" FHIR_TREE "/$validate-code?code=900000000103&display=Pill", &r);
	json_t *issue = json_array_get(json_object_get(json_object_get(fhir_param(doc, "issues", 0), "resource"), "issue"), 0);
	ok(same(json_string_value(json_object_get(issue, "severity")), "warning") &&
		   same(json_string_value(json_array_get(json_object_get(issue, "expression"), 0)), "display"),
	   "the wrong display's issue is a warning naming display");
	json_decref(doc);
	resp_free(&r);
	free(posted);
	free(coding);
}

static void test_subsumes(void)
{
	static const struct {
		const char *a, *b, *outcome;
	} cases[] = {
		{"900000000101", "900000000103", "subsumes"},	 {"900000000103", "900000000101", "subsumed-by"},
		{"900000000102", "900000000102", "equivalent"}, {"900000000102", "900000000105", "not-subsumed"},
		{"900000000103", "900000000107", "not-subsumed"}, {"900000000102", "900000000103", "subsumes"},
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		char path[300];
		struct resp r;
		/* Type level by GET, instance level by POST of codings, in turns. */
		snprintf(path, sizeof path, CS "/$subsumes?system=" FHIR_TREE_URL "&codeA=%s&codeB=%s", cases[i].a,
			 cases[i].b);
		json_t *got = fhir_get(path, &r);
		bool get = r.status == 200 && same(fhir_value(fhir_param(got, "outcome", 0)), cases[i].outcome);
		json_decref(got);
		resp_free(&r);
		char a[100], b[100];
		snprintf(a, sizeof a, FHIR_TREE_URL "|%s", cases[i].a);
		snprintf(b, sizeof b, FHIR_TREE_URL "|%s", cases[i].b);
		char *body = fhir_parameters("codingA", "valueCoding", a, "codingB", "valueCoding", b, NULL);
		got = fhir_post(CS "/" FHIR_TREE "/$subsumes", body, &r);
		bool post = r.status == 200 && same(fhir_value(fhir_param(got, "outcome", 0)), cases[i].outcome);
		if (!ok(get && post, "$subsumes %s, %s: %s (GET at type level, POST at instance level)", cases[i].a,
			cases[i].b, cases[i].outcome))
			diag("%ld %.300s", r.status, r.body ? r.body : "");
		free(body);
		json_decref(got);
		resp_free(&r);
	}
}

/* Errors: OperationOutcomes with FHIR's statuses, each naming what was
 * wrong. */
static void test_errors(void)
{
	static const struct {
		const char *name, *path;
		long status;
		const char *code, *expression;
	} cases[] = {
		{"$lookup without a code", CS "/$lookup?system=" FHIR_TREE_URL, 400, "invalid", "code"},
		{"$lookup without a system", CS "/$lookup?code=900000000102", 400, "invalid", "system"},
		{"$lookup of a system the portal does not have", CS "/$lookup?system=http://loinc.org&code=1234-5", 404,
		 "not-found", "system"},
		{"$lookup in a list that is not there", CS "/$lookup?system=" FHIR_SYSTEM("999999999999") "&code=900000000102",
		 404, "not-found", "system"},
		{"$lookup on a list that is not there", CS "/999999999999/$lookup?code=900000000102", 404, "not-found",
		 "listId"},
		{"$lookup of an unknown code", CS "/" FHIR_TREE "/$lookup?code=999999999999", 404, "not-found", "code"},
		{"$lookup of a code that is no term ID", CS "/" FHIR_TREE "/$lookup?code=900000000102x", 404, "not-found",
		 "code"},
		{"$lookup of another list's term", CS "/" FHIR_TREE "/$lookup?code=100000000012", 404, "not-found", "code"},
		{"$lookup of a version the list is not", CS "/" FHIR_TREE "/$lookup?code=900000000102&version=7", 404,
		 "not-found", "version"},
		{"$lookup with a system that is not the path's",
		 CS "/" FHIR_TREE "/$lookup?code=900000000102&system=" FHIR_SYSTEM("100000000002"), 400, "invalid", "system"},
		{"$lookup with a code and a coding", CS "/" FHIR_TREE "/$lookup?code=900000000102&coding=900000000102", 400,
		 "invalid", "coding"},
		{"$lookup with a coding of another system",
		 CS "/$lookup?system=" FHIR_TREE_URL "&coding=http://loinc.org%7C1234-5", 400, "invalid", "coding"},
		{"$lookup with a malformed displayLanguage", CS "/" FHIR_TREE "/$lookup?code=900000000102&displayLanguage=x%3Cy",
		 400, "invalid", "displayLanguage"},
		{"$lookup with a code twice", CS "/" FHIR_TREE "/$lookup?code=900000000102&code=900000000103", 400, "invalid",
		 "code"},
		{"$lookup on a malformed list ID", CS "/12x/$lookup?code=900000000102", 400, "invalid", "listId"},
		{"$validate-code without a url", CS "/$validate-code?code=900000000102", 400, "invalid", "url"},
		{"$validate-code without a code", CS "/$validate-code?url=" FHIR_TREE_URL, 400, "invalid", "code"},
		{"$validate-code of an unknown system", CS "/$validate-code?url=http://snomed.info/sct&code=22298006", 404,
		 "not-found", "url"},
		{"$validate-code with url and system apart",
		 CS "/$validate-code?url=" FHIR_TREE_URL "&system=" FHIR_SYSTEM("100000000002") "&code=900000000102", 400,
		 "invalid", "system"},
		{"$subsumes on a flat list", CS "/$subsumes?system=" FHIR_SYSTEM("100000000002")
						"&codeA=100000000337&codeB=100000000337",
		 422, "not-supported", "system"},
		{"$subsumes on a flat list, instance level", CS "/100000000002/$subsumes?codeA=100000000337&codeB=100000000337",
		 422, "not-supported", "listId"},
		{"$subsumes without codeB", CS "/" FHIR_TREE "/$subsumes?codeA=900000000102", 400, "invalid", "codeB"},
		{"$subsumes of an unknown codeA", CS "/" FHIR_TREE "/$subsumes?codeA=999999999999&codeB=900000000102", 404,
		 "not-found", "codeA"},
		{"$subsumes of another list's codeB", CS "/" FHIR_TREE "/$subsumes?codeA=900000000102&codeB=100000000012", 404,
		 "not-found", "codeB"},
		{"$subsumes of codings of two systems",
		 CS "/$subsumes?codingA=" FHIR_TREE_URL "%7C900000000102&codingB=" FHIR_SYSTEM("100000000002") "%7C100000000337",
		 400, "invalid", "codingB"},
		{"a NUL in a parameter", CS "/" FHIR_TREE "/$lookup?code=9000%00", 400, "invalid", "code"},
		{"invalid UTF-8 in a parameter", CS "/" FHIR_TREE "/$lookup?code=%C3%28", 400, "invalid", "code"},
		{"a property asked 33 times",
		 CS "/" FHIR_TREE "/$lookup?code=900000000102&property=a&property=a&property=a&property=a&property=a&property=a"
		    "&property=a&property=a&property=a&property=a&property=a&property=a&property=a&property=a&property=a"
		    "&property=a&property=a&property=a&property=a&property=a&property=a&property=a&property=a&property=a"
		    "&property=a&property=a&property=a&property=a&property=a&property=a&property=a&property=a&property=a",
		 400, "invalid", "property"},
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		struct resp r;
		json_t *doc = fhir_get(cases[i].path, &r);
		char *cc = header(&r, "Cache-Control");
		if (!ok(r.status == cases[i].status && fhir_outcome(doc, cases[i].code, cases[i].expression) && same(cc, "no-store"),
			"%s: %ld, an OperationOutcome (%s) naming %s", cases[i].name, cases[i].status, cases[i].code,
			cases[i].expression))
			diag("%ld %.300s", r.status, r.body ? r.body : "");
		free(cc);
		json_decref(doc);
		resp_free(&r);
	}
}

/* Hostile bodies: each refused with an OperationOutcome, none a 5xx. */
static void test_hostile_bodies(void)
{
	/* 1000 parameters, far past what a request may carry. */
	json_t *many = json_array();
	for (int i = 0; i < 1000; i++)
		json_array_append_new(many, json_pack("{s:s, s:s}", "name", "property", "valueCode", "status"));
	json_t *big = json_pack("{s:s, s:o}", "resourceType", "Parameters", "parameter", many);
	char *thousand = json_dumps(big, JSON_COMPACT);
	json_decref(big);
	/* 300 KB of one string: past the operations' 256 KB. */
	size_t huge_len = 300 * 1024;
	char *huge = malloc(huge_len + 100);
	int n = snprintf(huge, huge_len + 100, "{\"resourceType\":\"Parameters\",\"parameter\":[{\"name\":\"code\",\"valueCode\":\"");
	memset(huge + n, 'a', huge_len);
	strcpy(huge + n + huge_len, "\"}]}");
	const struct {
		const char *name, *body;
		long status;
		const char *expression;
	} cases[] = {
		{"not JSON", "code=900000000102", 400, "body"},
		{"JSON cut short", "{\"resourceType\":\"Parameters\",\"parameter\":[", 400, "body"},
		{"a JSON array", "[1, 2]", 400, "body"},
		{"duplicate keys", "{\"resourceType\":\"Parameters\",\"resourceType\":\"Parameters\"}", 400, "body"},
		{"a Patient", "{\"resourceType\":\"Patient\",\"id\":\"x\"}", 400, "resourceType"},
		{"no resourceType", "{\"parameter\":[]}", 400, "resourceType"},
		{"parameter not an array", "{\"resourceType\":\"Parameters\",\"parameter\":{\"name\":\"code\"}}", 400,
		 "parameter"},
		{"a parameter without a name", "{\"resourceType\":\"Parameters\",\"parameter\":[{\"valueCode\":\"x\"}]}", 400,
		 "parameter"},
		{"a name of another type", "{\"resourceType\":\"Parameters\",\"parameter\":[{\"name\":7,\"valueCode\":\"x\"}]}",
		 400, "parameter"},
		{"a parameter without a value",
		 "{\"resourceType\":\"Parameters\",\"parameter\":[{\"name\":\"code\"}]}", 400, "code"},
		{"a value of a type no parameter has",
		 "{\"resourceType\":\"Parameters\",\"parameter\":[{\"name\":\"code\",\"valueCode\":[\"900000000102\"]}]}", 400,
		 "code"},
		{"a NUL in a value",
		 "{\"resourceType\":\"Parameters\",\"parameter\":[{\"name\":\"code\",\"valueCode\":\"9000\\u0000\"}]}", 400,
		 "body"},
		{"a Coding without a code",
		 "{\"resourceType\":\"Parameters\",\"parameter\":[{\"name\":\"coding\",\"valueCoding\":{\"system\":\"x\"}}]}",
		 400, "coding"},
		{"a Coding whose system is a number",
		 "{\"resourceType\":\"Parameters\",\"parameter\":[{\"name\":\"coding\",\"valueCoding\":{\"system\":5,"
		 "\"code\":\"900000000102\"}}]}",
		 400, "coding"},
		{"invalid UTF-8", "{\"resourceType\":\"Parameters\",\"parameter\":[{\"name\":\"code\",\"valueCode\":\"\xC3\x28\"}]}",
		 400, "body"},
		{"a parameter name of strange characters",
		 "{\"resourceType\":\"Parameters\",\"parameter\":[{\"name\":\"co de\",\"valueCode\":\"x\"}]}", 400, NULL},
		{"a code both in the query and the body", NULL, 400, "code"},
		{"1000 parameters", thousand, 400, NULL},
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		struct resp r;
		const char *path = cases[i].body ? CS "/" FHIR_TREE "/$lookup" : CS "/" FHIR_TREE "/$lookup?code=900000000102";
		const char *body = cases[i].body ? cases[i].body
						 : "{\"resourceType\":\"Parameters\",\"parameter\":[{\"name\":\"code\","
						   "\"valueCode\":\"900000000103\"}]}";
		json_t *doc = fhir_post(path, body, &r);
		const char *type = json_string_value(json_object_get(doc, "resourceType"));
		json_t *issue = json_array_get(json_object_get(doc, "issue"), 0);
		const char *e = json_string_value(json_array_get(json_object_get(issue, "expression"), 0));
		bool good = r.status == cases[i].status && same(type, "OperationOutcome") &&
			    (!cases[i].expression || same(e, cases[i].expression));
		if (!ok(good, "a POST of %s: %ld, an OperationOutcome%s%s", cases[i].name, cases[i].status,
			cases[i].expression ? " naming " : "", cases[i].expression ? cases[i].expression : ""))
			diag("%ld %.300s", r.status, r.body ? r.body : "");
		json_decref(doc);
		resp_free(&r);
	}
	struct resp r;
	fhir_post(CS "/" FHIR_TREE "/$lookup", huge, &r);
	ok(r.status == 413, "a POST of 300 KB: 413 (%ld)", r.status);
	resp_free(&r);
	/* A body of 200 KB is within the operations' cap: read, and answered. */
	n = snprintf(huge, huge_len + 100, "{\"resourceType\":\"Parameters\",");
	memset(huge + n, ' ', 200 * 1024);
	strcpy(huge + n + 200 * 1024, "\"parameter\":[{\"name\":\"code\",\"valueCode\":\"900000000102\"}]}");
	json_t *doc = fhir_post(CS "/" FHIR_TREE "/$lookup", huge, &r);
	ok(r.status == 200 && same(fhir_value(fhir_param(doc, "display", 0)), "Tablet"), "a POST of 200 KB is read and answered (%ld)", r.status);
	json_decref(doc);
	resp_free(&r);
	free(huge);
	free(thousand);
}

/* How the answers travel: GETs cached like the API (ETag, Cache-Control,
 * 304), POSTs never; CORS for browser clients; no cookie set. */
static void test_http(void)
{
	struct resp r;
	json_t *doc = fhir_get(CS "/" FHIR_TREE "/$lookup?code=900000000102", &r);
	char *etag = header(&r, "ETag"), *cc = header(&r, "Cache-Control"), *cors = header(&r, "Access-Control-Allow-Origin");
	char *cookie = header(&r, "Set-Cookie");
	ok(r.status == 200 && etag && cc && strstr(cc, "public") && strstr(cc, "max-age=") && same(cors, "*") && !cookie,
	   "a GET: ETag, Cache-Control public, Access-Control-Allow-Origin *, no cookie");
	json_decref(doc);
	resp_free(&r);
	char inm[200];
	snprintf(inm, sizeof inm, "If-None-Match: %s", etag ? etag : "\"none\"");
	const char *headers[] = {"Accept: application/fhir+json", inm, NULL};
	request("GET", CS "/" FHIR_TREE "/$lookup?code=900000000102", NULL, 0, headers, &r);
	ok(r.status == 304 && r.body_len == 0, "its ETag again: 304");
	resp_free(&r);
	free(etag);
	free(cc);
	free(cors);
	free(cookie);

	char *body = fhir_parameters("code", "valueCode", "900000000102", NULL);
	doc = fhir_post(CS "/" FHIR_TREE "/$lookup", body, &r);
	cors = header(&r, "Access-Control-Allow-Origin");
	cc = header(&r, "Cache-Control");
	ok(r.status == 200 && same(cors, "*") && same(cc, "no-store"), "a POST: CORS, and no-store (%s)", cc ? cc : "none");
	free(cors);
	free(cc);
	json_decref(doc);
	resp_free(&r);
	/* No cookie, no CSRF token: a session cookie on the request changes nothing. */
	const char *with_cookie[] = {"Accept: application/fhir+json", "Content-Type: application/json",
				     "Cookie: spor_session=forged; spor_csrf=x", "Origin: https://elsewhere.example", NULL};
	request("POST", CS "/" FHIR_TREE "/$lookup", body, strlen(body), with_cookie, &r);
	ok(r.status == 200, "a POST from another origin with application/json and a cookie: answered (%ld)", r.status);
	resp_free(&r);
	free(body);
	request("PUT", CS "/" FHIR_TREE "/$lookup", NULL, 0, NULL, &r);
	ok(r.status == 405, "PUT: 405");
	resp_free(&r);
	request("OPTIONS", CS "/$lookup", NULL, 0, NULL, &r);
	ok(r.status == 204, "a preflight: 204");
	resp_free(&r);
}

int main(void)
{
	owner = users_start(NULL);
	client_anonymous = true;
	ok(fhir_data(), "the demonstration data and the hierarchical fixture");
	test_lookup_ways();
	test_lookup_content();
	test_validate_code();
	test_subsumes();
	test_errors();
	test_hostile_bodies();
	test_http();
	users_done(owner);
	return done_testing();
}
