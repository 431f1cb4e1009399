/* The read API through nginx: lists, a list, its terms (paging, language,
 * status), a term with its history, an organisation (a merged ID
 * redirects), a location; JSON errors naming the parameter; ETag and 304 on
 * conditional requests; and the EMA's v1 envelopes, walked page by page as
 * an existing client does (following next-page until it is ""), with every
 * term seen exactly once and a Bearer token ignored. */
#include "config.h"

#include <jansson.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "../tap.h"
#include "client.h"
#include "dbtest.h"
#include "programs/routes.h"
#include "users.h"

static MYSQL *owner;

/* GET path (optionally with one more header) and parse the JSON body. */
static json_t *get_json(const char *path, const char *extra, struct resp *r)
{
	bool accept = extra && strncmp(extra, "Accept:", 7) == 0;
	const char *headers[] = {accept ? extra : "Accept: application/json", accept ? NULL : extra, NULL};
	request("GET", path, NULL, 0, headers, r);
	return r->body ? json_loads(r->body, 0, NULL) : NULL;
}

/* Whether a (maybe missing) string is `b`. */
static bool same(const char *a, const char *b)
{
	return a && strcmp(a, b) == 0;
}

static const char *str(json_t *o, const char *path)
{
	json_t *v = o;
	char copy[128];
	snprintf(copy, sizeof copy, "%s", path);
	char *save = NULL;
	for (char *k = strtok_r(copy, ".", &save); k && v; k = strtok_r(NULL, ".", &save))
		v = json_object_get(v, k);
	return json_string_value(v);
}

/* A next-page URL as a path for the client (the host is the portal's). */
static const char *as_path(const char *url)
{
	const char *p = strstr(url, "://");
	return p ? strchr(p + 3, '/') : url;
}

static void test_resources(void)
{
	struct resp r;
	json_t *doc = get_json("/api/v1/lists?size=2", NULL, &r);
	char *type = header(&r, "Content-Type"), *cc = header(&r, "Cache-Control");
	ok(r.status == 200 && type && strstr(type, "application/json"), "lists: JSON");
	ok(cc && strstr(cc, "public") && strstr(cc, "max-age="), "cacheable as reference data (%s)", cc ? cc : "none");
	free(type);
	free(cc);
	json_t *lists = json_object_get(doc, "lists");
	ok(json_array_size(lists) == 2 && json_is_string(json_object_get(json_array_get(lists, 0), "id")),
	   "two lists a page, IDs as strings");
	const char *total = dbtest_value(owner, "SELECT COUNT(*) FROM rms_lists");
	ok(json_integer_value(json_object_get(json_object_get(doc, "paging"), "total")) == atoll(total),
	   "the paging says how many in all");
	const char *next = str(doc, "paging.next");
	ok(next && strstr(next, "page=2") && json_is_null(json_object_get(json_object_get(doc, "paging"), "prev")),
	   "with a link to the next page and none to a previous one");
	json_decref(doc);
	resp_free(&r);

	doc = get_json("/api/v1/lists/100000000002", NULL, &r);
	ok(r.status == 200 && str(doc, "name") && json_is_array(json_object_get(doc, "languages")), "one list");
	json_decref(doc);
	resp_free(&r);

	const char *fr = dbtest_value(owner, "SELECT n.term_id FROM rms_term_names n JOIN rms_terms t ON t.id = n.term_id"
					     " WHERE t.list_id = 100000000002 AND n.lang = 'fr' AND n.kind = 'name'"
					     " ORDER BY n.term_id LIMIT 1");
	char term[16];
	snprintf(term, sizeof term, "%s", fr);
	doc = get_json("/api/v1/lists/100000000002/terms?size=500&lang=fr", NULL, &r);
	json_t *terms = json_object_get(doc, "terms"), *t;
	size_t i;
	const char *name = NULL;
	json_array_foreach(terms, i, t) if (strcmp(json_string_value(json_object_get(t, "id")), term) == 0) name =
		json_string_value(json_object_get(t, "name"));
	const char *expect = dbtest_valuef(owner, "SELECT value FROM rms_term_names WHERE term_id = %s AND lang = 'fr'"
						 " AND kind = 'name'",
					  term);
	ok(name && strcmp(name, expect) == 0, "terms in the language asked (%s)", name ? name : "none");
	json_decref(doc);
	resp_free(&r);
	doc = get_json("/api/v1/lists/100000000002/terms?modified-since=2999-01-01", NULL, &r);
	ok(r.status == 200 && json_array_size(json_object_get(doc, "terms")) == 0, "nothing modified since 2999");
	json_decref(doc);
	resp_free(&r);
	doc = get_json("/api/v1/lists/100000000002/terms?modified-since=yesterday", NULL, &r);
	ok(r.status == 400 && same(str(doc, "error.parameter"), "modified-since"), "a bad modified-since: 400 naming it");
	json_decref(doc);
	resp_free(&r);
	doc = get_json("/api/v1/lists/100000000002/terms?sort=name&size=3", NULL, &r);
	const char *n0 = str(json_array_get(json_object_get(doc, "terms"), 0), "name"),
		   *n1 = str(json_array_get(json_object_get(doc, "terms"), 1), "name");
	ok(r.status == 200 && n0 && n1 && strcoll(n0, n1) <= 0, "sorted by name (%s, %s)", n0 ? n0 : "-", n1 ? n1 : "-");
	json_decref(doc);
	resp_free(&r);
	doc = get_json("/api/v1/lists/100000000002/terms?status=NULLIFIED", NULL, &r);
	bool only = true;
	json_array_foreach(json_object_get(doc, "terms"), i, t) only =
		only && strcmp(json_string_value(json_object_get(t, "status")), "NULLIFIED") == 0;
	ok(r.status == 200 && only, "filtered by status");
	json_decref(doc);
	resp_free(&r);

	char path[96];
	snprintf(path, sizeof path, "/api/v1/terms/%s", term);
	doc = get_json(path, NULL, &r);
	ok(r.status == 200 && strcmp(str(doc, "id") ? str(doc, "id") : "", term) == 0 &&
		   json_array_size(json_object_get(doc, "history")) >= 1 && json_is_object(json_object_get(doc, "texts")),
	   "a term: its record, texts per language, its history");
	json_decref(doc);
	resp_free(&r);

	doc = get_json("/api/v1/search/terms?q=france&list=100000000002", NULL, &r);
	bool hit = false;
	json_array_foreach(json_object_get(doc, "terms"), i, t) hit =
		hit || strstr(json_string_value(json_object_get(t, "name")), "France") != NULL;
	ok(r.status == 200 && hit, "a term search by words");
	json_decref(doc);
	resp_free(&r);
	doc = get_json("/api/v1/search/terms", NULL, &r);
	ok(r.status == 400 && same(str(doc, "error.parameter"), "q"),
	   "a search without words: 400 naming q");
	json_decref(doc);
	resp_free(&r);

	doc = get_json("/api/v1/organisations?q=exemple+pharma&country=FR&size=10", NULL, &r);
	bool found = false;
	json_array_foreach(json_object_get(doc, "organisations"), i, t) found =
		found || strcmp(json_string_value(json_object_get(t, "id")), "ORG-100000001") == 0;
	ok(r.status == 200 && found && json_integer_value(json_object_get(json_object_get(doc, "paging"), "total")) >= 1,
	   "the organisations searched by words and country");
	json_decref(doc);
	resp_free(&r);
	doc = get_json("/api/v1/organisations?size=1000", NULL, &r);
	ok(r.status == 200 && json_integer_value(json_object_get(json_object_get(doc, "paging"), "size")) == 500,
	   "a page holds at most 500");
	json_decref(doc);
	resp_free(&r);

	doc = get_json("/api/v1/organisations/ORG-100000001", NULL, &r);
	ok(r.status == 200 && json_array_size(json_object_get(doc, "locations")) >= 2, "an organisation with its locations");
	json_decref(doc);
	resp_free(&r);
	json_decref(get_json("/api/v1/organisations/ORG-100000099", NULL, &r));
	char *location = header(&r, "Location");
	ok(r.status == 301 && location && strcmp(location, "/api/v1/organisations/ORG-100000001") == 0,
	   "a merged ID: 301 to the record it was merged into");
	free(location);
	resp_free(&r);
	doc = get_json("/api/v1/locations/LOC-100001001", NULL, &r);
	ok(r.status == 200 && str(doc, "city") && same(str(doc, "organisation.id"), "ORG-100000001"),
	   "a location, with its organisation");
	json_decref(doc);
	resp_free(&r);
}

static void test_errors(void)
{
	struct resp r;
	json_t *doc = get_json("/api/v1/lists/999999999999", NULL, &r);
	ok(r.status == 404 && json_integer_value(json_object_get(json_object_get(doc, "error"), "status")) == 404,
	   "an unknown list: 404 as JSON");
	json_decref(doc);
	resp_free(&r);
	doc = get_json("/api/v1/lists?size=abc", NULL, &r);
	ok(r.status == 400 && str(doc, "error.parameter") && same(str(doc, "error.parameter"), "size"),
	   "a bad parameter: 400 naming it");
	json_decref(doc);
	resp_free(&r);
	doc = get_json("/api/v1/terms/12ab", NULL, &r);
	ok(r.status == 400 && str(doc, "error.parameter") && same(str(doc, "error.parameter"), "termId"),
	   "a malformed ID: 400 naming it");
	json_decref(doc);
	resp_free(&r);
	doc = get_json("/api/v1/nothing-here", NULL, &r);
	ok(r.status == 404 && doc, "an unknown resource: 404 as JSON");
	json_decref(doc);
	resp_free(&r);
}

static void test_conditional(void)
{
	struct resp r;
	json_decref(get_json("/api/v1/lists/100000000002", NULL, &r));
	char *etag = header(&r, "ETag");
	ok(etag && etag[0] == '"' && strlen(etag) > 10, "an ETag (%s)", etag ? etag : "none");
	resp_free(&r);
	char cond[128];
	snprintf(cond, sizeof cond, "If-None-Match: %s", etag ? etag : "\"x\"");
	json_decref(get_json("/api/v1/lists/100000000002", cond, &r));
	ok(r.status == 304 && r.body_len == 0, "the same ETag again: 304, no body");
	resp_free(&r);
	json_decref(get_json("/api/v1/lists/100000000002", "If-None-Match: \"stale\"", &r));
	ok(r.status == 200 && r.body_len > 0, "another ETag: 200 with the body");
	resp_free(&r);
	free(etag);
	json_decref(get_json("/api/v1/organisations/ORG-100000001", NULL, &r));
	char *modified = header(&r, "Last-Modified");
	ok(modified && strstr(modified, " GMT"), "a Last-Modified (%s)", modified ? modified : "none");
	resp_free(&r);
	snprintf(cond, sizeof cond, "If-Modified-Since: %s", modified ? modified : "x");
	json_decref(get_json("/api/v1/organisations/ORG-100000001", cond, &r));
	ok(r.status == 304, "If-Modified-Since that date: 304");
	resp_free(&r);
	json_decref(get_json("/api/v1/organisations/ORG-100000001", "If-Modified-Since: Mon, 01 Jan 2001 00:00:00 GMT", &r));
	ok(r.status == 200 && r.body_len > 0, "an older date: 200 with the body");
	resp_free(&r);
	free(modified);
	const char *gz[] = {"Accept-Encoding: gzip", NULL};
	request("GET", "/api/v1/fhir/CodeSystem/100000000002", NULL, 0, gz, &r);
	char *encoding = header(&r, "Content-Encoding");
	ok(encoding && strcmp(encoding, "gzip") == 0, "gzip by nginx (FHIR too)");
	free(encoding);
	resp_free(&r);
}

/* Walk a list's term summaries as an EMA client does. */
static void test_v1(void)
{
	const char *list = "100000000002";
	long long expected = atoll(dbtest_valuef(owner, "SELECT COUNT(*) FROM rms_terms WHERE list_id = %s", list));
	char path[4096];
	snprintf(path, sizeof path, "/v1/lists/%s/term-summaries?lang=en&page=1&pagesize=50&parent=all&sortby=term-name",
		 list);
	int pages = 0, seen = 0, twice = 0;
	char *ids = calloc(1, (size_t)expected * 14 + 16);
	bool envelope = true;
	while (*path && pages < 100) {
		struct resp r;
		json_t *doc = get_json(path, "Authorization: Bearer not-checked", &r);
		json_t *sum = json_object_get(doc, "controlled-terms-list-summary");
		envelope = envelope && r.status == 200 && str(sum, "list-summary.list-name");
		json_t *terms = json_object_get(json_object_get(sum, "controlled-term-summaries"), "controlled-term-summary");
		size_t i;
		json_t *t;
		json_array_foreach(terms, i, t)
		{
			const char *id = str(t, "term-id.id");
			envelope = envelope && id && str(t, "term-names.term-name.name.text") && str(t, "status.code");
			char key[16];
			snprintf(key, sizeof key, "%s,", id ? id : "?");
			if (strstr(ids, key))
				twice++;
			else
				strcat(ids, key);
			seen++;
		}
		const char *next = str(sum, "next-page");
		snprintf(path, sizeof path, "%s", next && *next ? as_path(next) : "");
		json_decref(doc);
		resp_free(&r);
		pages++;
	}
	free(ids);
	ok(envelope, "the EMA's envelope: list-summary, controlled-term-summary with term-id, term-names, status");
	ok(seen == expected && twice == 0, "following next-page until \"\": every term once (%d of %lld in %d pages)", seen,
	   expected, pages);
	struct resp r;
	json_t *doc = get_json("/v1/lists?pagesize=500", NULL, &r);
	json_t *lists = json_object_get(json_object_get(doc, "list-of-lists"), "list-summary");
	ok(json_array_size(lists) >= 1 && str(json_array_get(lists, 0), "list-id.id") &&
		   same(str(doc, "list-of-lists.next-page"), ""),
	   "/v1/lists: list-summary, and \"\" as the last next-page");
	json_decref(doc);
	resp_free(&r);
	doc = get_json("/v1/lists/100000000002/term-summaries?parent=abc", NULL, &r);
	ok(r.status == 400 && same(str(doc, "error.parameter"), "parent"),
	   "a bad parent: 400 naming it");
	json_decref(doc);
	resp_free(&r);
}

/* A list as a FHIR R4 CodeSystem: the elements R4 requires, a concept per
 * term, and read back by sporctl to the same content. */
static void test_fhir(void)
{
	struct resp r;
	json_t *cs = get_json("/api/v1/fhir/CodeSystem/100000000002", "Accept: application/fhir+json", &r);
	char *type = header(&r, "Content-Type");
	ok(r.status == 200 && type && strstr(type, "application/fhir+json"), "a CodeSystem, as application/fhir+json");
	free(type);
	const char *status = str(cs, "status");
	ok(cs && same(str(cs, "resourceType"), "CodeSystem") &&
		   same(str(cs, "url"), "https://spor.ema.europa.eu/v1/lists/100000000002") && status &&
		   (strcmp(status, "draft") == 0 || strcmp(status, "active") == 0 || strcmp(status, "retired") == 0) &&
		   same(str(cs, "content"), "complete"),
	   "with R4's required elements: resourceType, url, status (a publication status), content");
	long long terms = atoll(dbtest_value(owner, "SELECT COUNT(*) FROM rms_terms WHERE list_id = 100000000002"));
	json_t *concepts = json_object_get(cs, "concept"), *c;
	size_t i;
	bool complete = true;
	json_array_foreach(concepts, i, c) complete = complete && str(c, "code") && str(c, "display");
	ok((long long)json_array_size(concepts) == terms && complete, "a concept per term, each with code and display (%zu)",
	   json_array_size(concepts));
	json_decref(cs);
	char file[] = "/tmp/spor-test-cs.XXXXXX", out[] = "/tmp/spor-test-out.XXXXXX";
	int fd = mkstemp(file), fo = mkstemp(out);
	bool written = fd >= 0 && r.body && write(fd, r.body, r.body_len) == (ssize_t)r.body_len;
	if (fd >= 0)
		close(fd);
	if (fo >= 0)
		close(fo);
	resp_free(&r);
	char args[128];
	snprintf(args, sizeof args, "import rms %s", file);
	ok(written && dbtest_sporctl(NULL, args, out) == 0, "sporctl imports it");
	char *report = slurp(out);
	const char *line = report && strstr(report, "terms:") ? strstr(report, "terms:") : "no report";
	ok(report && strstr(report, " 0 new, 0 changed"), "and nothing changes: the same content (%.*s)",
	   (int)strcspn(line, "\n"), line);
	free(report);
	unlink(file);
	unlink(out);
}

/* Organisations and locations as FHIR R4, chosen by Accept or by path;
 * FHIR errors as OperationOutcome; 406 for what the API cannot give. */
static void test_fhir_oms(void)
{
	struct resp r;
	json_t *o = get_json("/api/v1/organisations/ORG-100000001", "Accept: application/fhir+json", &r);
	json_t *id0 = json_array_get(json_object_get(o, "identifier"), 0);
	ok(r.status == 200 && same(str(o, "resourceType"), "Organization") && json_is_boolean(json_object_get(o, "active")) &&
		   str(o, "name") && same(str(id0, "value"), "ORG-100000001") &&
		   same(str(id0, "system"), "https://spor.ema.europa.eu/v1/organisations"),
	   "Accept: application/fhir+json gives an Organization: identifier, active, name (org-1 holds)");
	json_decref(o);
	resp_free(&r);
	json_t *l = get_json("/api/v1/fhir/Location/LOC-100001001", NULL, &r);
	const char *status = str(l, "status");
	json_t *pos = json_object_get(l, "position");
	ok(r.status == 200 && same(str(l, "resourceType"), "Location") && status &&
		   (strcmp(status, "active") == 0 || strcmp(status, "suspended") == 0 || strcmp(status, "inactive") == 0) &&
		   same(str(l, "managingOrganization.reference"), "Organization/ORG-100000001") &&
		   (!pos || (json_is_number(json_object_get(pos, "latitude")) && json_is_number(json_object_get(pos, "longitude")))),
	   "a Location: status from its value set, its managing organisation, a position with both coordinates");
	json_decref(l);
	resp_free(&r);
	json_t *oo = get_json("/api/v1/fhir/Organization/ORG-999999998", NULL, &r);
	json_t *issue = json_array_get(json_object_get(oo, "issue"), 0);
	ok(r.status == 404 && same(str(oo, "resourceType"), "OperationOutcome") &&
		   same(str(issue, "severity"), "error") && same(str(issue, "code"), "not-found"),
	   "a FHIR error is an OperationOutcome");
	json_decref(oo);
	resp_free(&r);
	json_t *b = get_json("/api/v1/fhir/Organization?q=exemple&size=1", NULL, &r);
	json_t *links = json_object_get(b, "link"), *entry = json_array_get(json_object_get(b, "entry"), 0), *link;
	size_t i;
	bool self = false, next = false;
	json_array_foreach(links, i, link)
	{
		self = self || same(str(link, "relation"), "self");
		next = next || same(str(link, "relation"), "next");
	}
	ok(r.status == 200 && same(str(b, "resourceType"), "Bundle") && same(str(b, "type"), "searchset") &&
		   json_is_integer(json_object_get(b, "total")) && self && next &&
		   same(str(json_object_get(entry, "resource"), "resourceType"), "Organization") && str(entry, "fullUrl"),
	   "a search as a searchset Bundle: total, self and next links, Organization entries with fullUrl");
	json_decref(b);
	resp_free(&r);
	b = get_json("/api/v1/fhir/CodeSystem?q=france&size=5", NULL, &r);
	entry = json_array_get(json_object_get(b, "entry"), 0);
	json_t *res = json_object_get(entry, "resource");
	ok(r.status == 200 && same(str(b, "type"), "searchset") && same(str(res, "resourceType"), "CodeSystem") &&
		   same(str(res, "content"), "fragment") && str(res, "status") &&
		   json_array_size(json_object_get(res, "concept")) >= 1,
	   "the term search as a Bundle of CodeSystem fragments holding the hits");
	json_decref(b);
	resp_free(&r);
	b = get_json("/api/v1/fhir/CodeSystem", NULL, &r);
	ok(r.status == 400 && same(str(b, "resourceType"), "OperationOutcome"), "without words: 400 as an OperationOutcome");
	json_decref(b);
	resp_free(&r);
	const char *const html[] = {"Accept: text/html", NULL};
	request("GET", "/api/v1/lists", NULL, 0, html, &r);
	ok(r.status == 406, "Accept: text/html only: 406");
	resp_free(&r);
}

/* The page for people: every curl example it shows answers 200 with JSON;
 * and the OpenAPI description names every resource of the route table. */
static void test_docs(void)
{
	struct resp r;
	json_decref(get_json("/api", "Accept: text/html", &r));
	int examples = 0, working = 0;
	for (const char *at = r.body ? strstr(r.body, "curl -s '") : NULL; at; at = strstr(at + 1, "curl -s '")) {
		const char *url = at + 9, *end = strchr(url, '\'');
		char path[1024];
		snprintf(path, sizeof path, "%.*s", end ? (int)(end - url) : 0, url);
		/* The page escapes & as &amp;. */
		for (char *amp; (amp = strstr(path, "&amp;"));)
			memmove(amp + 1, amp + 5, strlen(amp + 5) + 1);
		struct resp e;
		json_t *doc = get_json(as_path(path), NULL, &e);
		examples++;
		working += e.status == 200 && doc != NULL;
		if (e.status != 200 || !doc)
			diag("%s: %ld", path, e.status);
		json_decref(doc);
		resp_free(&e);
	}
	ok(r.status == 200 && examples >= 5 && working == examples, "the /api page's curl examples all work (%d of %d)",
	   working, examples);
	resp_free(&r);

	json_t *doc = get_json("/api/v1/openapi.json", NULL, &r);
	json_t *paths = json_object_get(doc, "paths");
	ok(r.status == 200 && str(doc, "openapi") && strncmp(str(doc, "openapi"), "3.", 2) == 0, "an OpenAPI 3 description");
	/* Every program's: spor-account's and spor-admin's write API too. */
	const struct app_def *const apps[] = {&public_app, &account_app, &admin_app};
	int routes = 0, described = 0, bearers = 0, secured = 0;
	for (size_t a = 0; a < sizeof apps / sizeof apps[0]; a++) {
		const struct router *rt = apps[a]->router;
		for (size_t i = 0; i < rt->nroutes; i++) {
			const struct route *route = &rt->routes[i];
			if (strncmp(route->path, "/api/v1/", 8) != 0 && strncmp(route->path, "/v1/", 4) != 0)
				continue;
			routes++;
			/* Under its path, its method ("get", "post", "patch"). */
			char method[8] = "";
			for (size_t k = 0; k + 1 < sizeof method && route->method[k]; k++)
				method[k] = (char)(route->method[k] - 'A' + 'a');
			json_t *op = json_object_get(json_object_get(paths, route->path), method);
			if (op)
				described++;
			else
				diag("not described: %s %s", route->method, route->path);
			if (route->auth != AUTH_BEARER)
				continue;
			/* A token's path: the token, the scope the route asks, and
			 * the refusals every such path may answer. */
			bearers++;
			json_t *responses = json_object_get(op, "responses");
			if (json_object_get(json_array_get(json_object_get(op, "security"), 0), "personalAccessToken") &&
			    same(str(op, "x-scope"), route_scope_names[route->scope]) &&
			    json_object_get(responses, "401") && json_object_get(responses, "403") &&
			    json_object_get(responses, "429"))
				secured++;
			else
				diag("no token, scope %s or refusals described: %s %s", route_scope_names[route->scope],
				     route->method, route->path);
		}
	}
	ok(bearers >= 8 && secured == bearers,
	   "each path of the write API names its token, its scope and its 401, 403 and 429 (%d of %d)", secured,
	   bearers);
	ok(routes > 5 && described == routes,
	   "it describes every route of the API, the write API's and the EMA's v1 (%d of %d)",
	   described, routes);
	json_decref(doc);
	resp_free(&r);
}

/* Per-client rate limiting in nginx: a client that asks too fast gets 429
 * with Retry-After and a JSON error; other paths are not limited.  Runs
 * last, and waits for the client's allowance to refill. */
static void test_rate_limit(void)
{
	int limited = 0, sent = 0;
	char *retry = NULL;
	bool json = false;
	for (; sent < 1000 && !limited; sent++) {
		struct resp r;
		request("GET", "/api/v1/lists/100000000002", NULL, 0, NULL, &r);
		if (r.status == 429) {
			limited++;
			retry = header(&r, "Retry-After");
			json_t *doc = r.body ? json_loads(r.body, 0, NULL) : NULL;
			json = doc && json_integer_value(json_object_get(json_object_get(doc, "error"), "status")) == 429;
			json_decref(doc);
		}
		resp_free(&r);
	}
	ok(limited && retry && atoi(retry) >= 1 && json, "too many requests: 429 with Retry-After %s and a JSON error (after %d)",
	   retry ? retry : "none", sent);
	free(retry);
	/* The allowance may have refilled by a request or two meanwhile on a
	 * busy machine: ask until limited, as above. */
	struct resp r = {0};
	for (int n = 0; n < 1000 && r.status != 429; n++) {
		resp_free(&r);
		request("GET", "/api/v1/fhir/Location/LOC-100001001", NULL, 0, NULL, &r);
	}
	json_t *oo = r.body ? json_loads(r.body, 0, NULL) : NULL;
	ok(r.status == 429 && same(str(oo, "resourceType"), "OperationOutcome"), "on the FHIR side, an OperationOutcome");
	json_decref(oo);
	resp_free(&r);
	request("GET", "/rms/lists", NULL, 0, NULL, &r);
	ok(r.status == 200, "the pages for people are not limited");
	resp_free(&r);
	sleep(6);
}

int main(void)
{
	owner = users_start(NULL);
	ok(dbtest_import_demo(), "the demonstration data");
	test_resources();
	test_errors();
	test_conditional();
	test_v1();
	test_fhir();
	test_fhir_oms();
	test_docs();
	test_rate_limit();
	users_done(owner);
	return done_testing();
}
