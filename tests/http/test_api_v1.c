/* The EMA's v1 API as its clients use it, through nginx: pagesize honoured
 * up to 1,000 (the portal's own API stays at 500), and the reads of one
 * record (a term of a list, an organisation, a location) in the EMA's
 * envelopes: hyphenated names, IDs as {"id": ...}, a collection of one
 * element an object and of several an array; a merged ID answers 301. */
#include "config.h"

#include <jansson.h>
#include <stdlib.h>
#include <string.h>

#include "../tap.h"
#include "client.h"
#include "dbtest.h"

#define LIST "933000000001"
#define TERM "933000000002"
#define PARENT "933000000003"

static json_t *get_json(const char *path, struct resp *r)
{
	const char *headers[] = {"Accept: application/json", NULL};
	request("GET", path, NULL, 0, headers, r);
	return r->body ? json_loads(r->body, 0, NULL) : NULL;
}

static const char *str(json_t *o, const char *path)
{
	char copy[256];
	snprintf(copy, sizeof copy, "%s", path);
	char *save = NULL;
	for (char *k = strtok_r(copy, ".", &save); k && o; k = strtok_r(NULL, ".", &save))
		o = json_object_get(o, k);
	return json_string_value(o);
}

static bool same(const char *a, const char *b)
{
	return a && strcmp(a, b) == 0;
}

/* A list of 1,200 terms; one with two names, a short name, a description, a
 * parent and a main source code. */
static bool import_list(void)
{
	size_t cap = 1300 * 160;
	char *csv = malloc(cap), *p = csv;
	p += sprintf(p, "List ID,Term ID,Language,Term Name,Short Name,Term Description,Parent ID,Term Status,"
			"Mapping Source ID,Mapping Source Term ID,Is Main Term Source\n");
	p += sprintf(p, LIST "," TERM ",en,\"Pagesize tablet\",PT,\"A tablet\"," PARENT ",CURRENT,100000000012,EDQM-1,Y\n");
	p += sprintf(p, LIST "," TERM ",fr,\"Comprimé de taille\",,," PARENT ",CURRENT,100000000012,EDQM-1,Y\n");
	p += sprintf(p, LIST "," PARENT ",en,\"Pagesize parent\",,,,CURRENT,,,\n");
	for (int i = 0; i < 1200; i++)
		p += sprintf(p, LIST ",9330000%05d,en,\"Pagesize %d\",,,,CURRENT,,,\n", 100 + i, i);
	bool done = dbtest_import_csv(csv);
	free(csv);
	return done;
}

static void test_pagesize(void)
{
	struct resp r;
	json_t *doc = get_json("/v1/lists/" LIST "/term-summaries?pagesize=1000", &r);
	json_t *sum = json_object_get(doc, "controlled-terms-list-summary");
	json_t *terms = json_object_get(json_object_get(sum, "controlled-term-summaries"), "controlled-term-summary");
	ok(r.status == 200 && json_array_size(terms) == 1000, "pagesize=1000: a page of 1,000 (%zu)", json_array_size(terms));
	const char *next = str(sum, "next-page");
	ok(next && strstr(next, "page=2") && strstr(next, "pagesize=1000"), "and the next page of as many");
	json_decref(doc);
	resp_free(&r);
	doc = get_json("/v1/lists/" LIST "/term-summaries?pagesize=5000&page=2", &r);
	sum = json_object_get(doc, "controlled-terms-list-summary");
	terms = json_object_get(json_object_get(sum, "controlled-term-summaries"), "controlled-term-summary");
	ok(r.status == 200 && json_array_size(terms) == 202 && same(str(sum, "next-page"), ""),
	   "more than 1,000 asked: 1,000 a page, so page 2 ends the list (%zu)", json_array_size(terms));
	json_decref(doc);
	resp_free(&r);
	doc = get_json("/api/v1/lists/" LIST "/terms?size=1000", &r);
	ok(json_array_size(json_object_get(doc, "terms")) == 500, "the portal's own API stays at 500 a page");
	json_decref(doc);
	resp_free(&r);
}

static void test_term(void)
{
	struct resp r;
	json_t *doc = get_json("/v1/lists/" LIST "/terms/" TERM, &r);
	json_t *t = json_object_get(doc, "controlled-term");
	char *cors = header(&r, "Access-Control-Allow-Origin");
	ok(r.status == 200 && same(str(t, "term-id.id"), TERM) && same(str(t, "list-id.id"), LIST) &&
		   same(str(t, "status.code"), "CURRENT"),
	   "a term: controlled-term with term-id, list-id and status");
	ok(cors && strcmp(cors, "*") == 0, "to any origin");
	free(cors);
	json_t *names = json_object_get(json_object_get(t, "term-names"), "term-name");
	ok(json_is_array(names) && json_array_size(names) == 2, "two names: an array");
	ok(same(str(t, "short-names.short-name.name.text"), "PT") &&
		   same(str(t, "short-names.short-name.language.code"), "en"),
	   "one short name: an object");
	ok(same(str(t, "parent-term-id.id"), PARENT) &&
		   same(str(t, "main-source-codes.main-source-code.source-term-id"), "EDQM-1") &&
		   same(str(t, "term-descriptions.term-description.description.text"), "A tablet"),
	   "its parent, main source code and description");
	ok(!json_object_get(t, "current-term-id") && !json_object_get(t, "other-names"), "what it has not is left out");
	json_decref(doc);
	resp_free(&r);
	json_decref(get_json("/v1/lists/100000000002/terms/" TERM, &r));
	ok(r.status == 404 && body_has(&r, "\"error\""), "a term of another list: 404, as JSON");
	resp_free(&r);
	json_decref(get_json("/v1/lists/" LIST "/terms/12345", &r));
	ok(r.status == 400 && body_has(&r, "termId"), "a malformed ID: 400 naming it");
	resp_free(&r);
}

static void test_oms(void)
{
	struct resp r;
	json_t *doc = get_json("/v1/organisations/ORG-100000001", &r);
	json_t *o = json_object_get(doc, "organisation");
	ok(r.status == 200 && same(str(o, "org-id.id"), "ORG-100000001") && str(o, "org-name") &&
		   same(str(o, "status.code"), "ACTIVE"),
	   "an organisation: org-id, org-name, status");
	json_t *locs = json_object_get(json_object_get(o, "locations"), "location");
	ok(json_is_array(locs) && json_array_size(locs) >= 2 && str(json_array_get(locs, 0), "loc-id.id"),
	   "its locations, an array of several");
	ok(same(str(o, "alternative-names.alternative-name.language.code"), "de") &&
		   same(str(o, "merged-org-ids.org-id.id"), "ORG-100000099"),
	   "one alternative name and one merged ID: objects");
	json_decref(doc);
	resp_free(&r);
	json_decref(get_json("/v1/organisations/ORG-100000099", &r));
	char *location = header(&r, "Location");
	ok(r.status == 301 && same(location, "/v1/organisations/ORG-100000001"), "a merged ID: 301 to the main one");
	free(location);
	resp_free(&r);

	doc = get_json("/v1/locations/LOC-100001001", &r);
	json_t *l = json_object_get(doc, "location");
	ok(r.status == 200 && same(str(l, "loc-id.id"), "LOC-100001001") && same(str(l, "org-id.id"), "ORG-100000001") &&
		   same(str(l, "country.code"), "FR") && same(str(l, "city"), "Paris") &&
		   json_is_array(json_object_get(json_object_get(l, "address-lines"), "address-line")),
	   "a location: loc-id, its organisation, country, city, address lines");
	json_decref(doc);
	resp_free(&r);
	json_decref(get_json("/v1/locations/LOC-100009999", &r));
	location = header(&r, "Location");
	ok(r.status == 301 && same(location, "/v1/locations/LOC-100001001"), "a merged location: 301 to the main one");
	free(location);
	resp_free(&r);
	json_decref(get_json("/v1/organisations/ORG-999999999", &r));
	ok(r.status == 404 && body_has(&r, "\"error\""), "an unknown organisation: 404, as JSON");
	resp_free(&r);
}

int main(void)
{
	client_init();
	if (!getenv("SPOR_TEST_BUILD") || !getenv("SPOR_CONFIG"))
		skip_all("no test instance");
	ok(dbtest_import_demo(), "the demonstration data");
	ok(import_list(), "a list of 1,200 terms");
	test_pagesize();
	test_term();
	test_oms();
	return done_testing();
}
