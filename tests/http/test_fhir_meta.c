/* /api/v1/fhir/metadata through nginx: the CapabilityStatement (FHIR R4,
 * kind instance, JSON) names every route of the route table under
 * /api/v1/fhir/ (each resource with its read and search interactions and
 * each operation with its definition), and ?mode=terminology's
 * TerminologyCapabilities names every list with its version, languages and
 * whether it can test subsumption, as the database holds them. */
#include "config.h"

#include <jansson.h>
#include <stdlib.h>
#include <string.h>

#include "../tap.h"
#include "client.h"
#include "dbtest.h"
#include "fhir.h"
#include "programs/routes.h"
#include "users.h"

static MYSQL *owner;

static bool same(const char *a, const char *b)
{
	return a && b && strcmp(a, b) == 0;
}

/* The rest.resource entry of `type`, or NULL. */
static json_t *resource(json_t *cs, const char *type)
{
	json_t *e;
	size_t i;
	json_array_foreach(json_object_get(json_array_get(json_object_get(cs, "rest"), 0), "resource"), i, e)
	{
		if (same(json_string_value(json_object_get(e, "type")), type))
			return e;
	}
	return NULL;
}

/* The member of the array `key` of `o` whose `field` is `value`, or NULL. */
static json_t *member(json_t *o, const char *key, const char *field, const char *value)
{
	json_t *e;
	size_t i;
	json_array_foreach(json_object_get(o, key), i, e)
	{
		if (same(json_string_value(json_object_get(e, field)), value))
			return e;
	}
	return NULL;
}

/* Whether the statement describes the route: /api/v1/fhir/{Type}/$op and
 * /api/v1/fhir/{Type}/{id}/$op an operation of Type, /{Type}/{id} its
 * read, /{Type} its search. */
static bool described(json_t *cs, const char *path)
{
	char type[64] = "", rest[200] = "";
	if (sscanf(path, "/api/v1/fhir/%63[^/]%199s", type, rest) < 1)
		return false;
	if (strcmp(type, "metadata") == 0)
		return true;
	json_t *res = resource(cs, type);
	const char *op = strchr(rest, '$');
	if (op)
		return json_is_string(json_object_get(member(res, "operation", "name", op + 1), "definition"));
	return member(res, "interaction", "code", *rest ? "read" : "search-type") != NULL;
}

static void test_capabilities(void)
{
	struct resp r;
	json_t *cs = fhir_get("/api/v1/fhir/metadata", &r);
	char *type = header(&r, "Content-Type"), *etag = header(&r, "ETag"), *cc = header(&r, "Cache-Control");
	char *cors = header(&r, "Access-Control-Allow-Origin");
	ok(r.status == 200 && type && strstr(type, "application/fhir+json") && etag && cc && strstr(cc, "public") &&
		   same(cors, "*"),
	   "the metadata: FHIR JSON, cached like the API, open to other origins");
	ok(same(json_string_value(json_object_get(cs, "resourceType")), "CapabilityStatement") &&
		   same(json_string_value(json_object_get(cs, "fhirVersion")), "4.0.1") &&
		   same(json_string_value(json_object_get(cs, "kind")), "instance") &&
		   same(json_string_value(json_object_get(cs, "status")), "active") &&
		   same(json_string_value(json_array_get(json_object_get(cs, "format"), 0)), "json") &&
		   json_is_string(json_object_get(cs, "date")),
	   "a CapabilityStatement: FHIR 4.0.1, kind instance, format json, status and date");
	json_t *code_system = resource(cs, "CodeSystem");
	ok(same(json_string_value(json_object_get(member(code_system, "operation", "name", "lookup"), "definition")),
		"http://hl7.org/fhir/OperationDefinition/CodeSystem-lookup") &&
		   member(code_system, "operation", "name", "validate-code") &&
		   member(code_system, "operation", "name", "subsumes") && member(code_system, "searchParam", "name", "q"),
	   "CodeSystem: $lookup, $validate-code and $subsumes with their definitions, and the search's parameters");
	const struct router *rt = public_app.router;
	int routes = 0, found = 0;
	for (size_t i = 0; i < rt->nroutes; i++) {
		if (strncmp(rt->routes[i].path, "/api/v1/fhir/", 13) != 0)
			continue;
		routes++;
		if (described(cs, rt->routes[i].path))
			found++;
		else
			diag("not in the CapabilityStatement: %s %s", rt->routes[i].method, rt->routes[i].path);
	}
	ok(routes >= 10 && found == routes, "it names every FHIR route of the route table (%d of %d)", found, routes);
	char inm[200];
	snprintf(inm, sizeof inm, "If-None-Match: %s", etag ? etag : "\"none\"");
	const char *headers[] = {"Accept: application/fhir+json", inm, NULL};
	resp_free(&r);
	request("GET", "/api/v1/fhir/metadata", NULL, 0, headers, &r);
	ok(r.status == 304, "asked again with its ETag: 304");
	free(type);
	free(etag);
	free(cc);
	free(cors);
	json_decref(cs);
	resp_free(&r);

	cs = fhir_get("/api/v1/fhir/metadata?mode=full", &r);
	ok(r.status == 200 && same(json_string_value(json_object_get(cs, "resourceType")), "CapabilityStatement"),
	   "mode=full: the same");
	json_decref(cs);
	resp_free(&r);
	cs = fhir_get("/api/v1/fhir/metadata?mode=everything", &r);
	ok(r.status == 400 && fhir_outcome(cs, "invalid", "mode"), "an unknown mode: 400 naming mode");
	json_decref(cs);
	resp_free(&r);
	request("POST", "/api/v1/fhir/metadata", "{}", 2, NULL, &r);
	ok(r.status == 405, "POST: 405");
	resp_free(&r);
}

static void test_terminology(void)
{
	struct resp r;
	json_t *tc = fhir_get("/api/v1/fhir/metadata?mode=terminology", &r);
	json_t *systems = json_object_get(tc, "codeSystem");
	ok(r.status == 200 && same(json_string_value(json_object_get(tc, "resourceType")), "TerminologyCapabilities") &&
		   same(json_string_value(json_object_get(tc, "kind")), "instance"),
	   "mode=terminology: TerminologyCapabilities, kind instance");
	long long lists = atoll(dbtest_value(owner, "SELECT COUNT(*) FROM rms_lists"));
	ok(lists > 5 && (long long)json_array_size(systems) == lists, "every list a code system (%zu of %lld)",
	   json_array_size(systems), lists);
	json_t *tree = member(tc, "codeSystem", "uri", FHIR_TREE_URL);
	json_t *country = member(tc, "codeSystem", "uri", FHIR_SYSTEM("100000000002"));
	json_t *version = json_array_get(json_object_get(country, "version"), 0);
	char want[200] = "";
	json_t *l;
	size_t i;
	json_array_foreach(json_object_get(version, "language"), i, l)
	{
		size_t n = strlen(want);
		snprintf(want + n, sizeof want - n, "%s%s", n ? "," : "", json_string_value(l));
	}
	ok(same(json_string_value(json_object_get(version, "code")),
		dbtest_value(owner, "SELECT version FROM rms_lists WHERE id = 100000000002")) &&
		   same(want, dbtest_value(owner, "SELECT languages FROM rms_lists WHERE id = 100000000002")),
	   "a list's version and languages (%s)", want);
	ok(json_is_true(json_object_get(tree, "subsumption")) && json_is_false(json_object_get(country, "subsumption")),
	   "a hierarchical list tests subsumption, a flat one does not");
	json_decref(tc);
	resp_free(&r);
}

int main(void)
{
	owner = users_start(NULL);
	client_anonymous = true;
	ok(fhir_data(), "the demonstration data and the hierarchical fixture");
	test_capabilities();
	test_terminology();
	users_done(owner);
	return done_testing();
}
