/* The history of organisations and locations after imports: a first import
 * records each organisation and location as created, from its file; the
 * same file again records nothing; a second file records what it changed
 * (the organisation's fields, a location changed, one removed, one added;
 * an organisation it repeats unchanged gets no version); a change approved
 * in the portal and a later import take their places in the same timeline;
 * the organisation's and the location's pages show it, in English, French
 * and German, twenty versions a page. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../tap.h"
#include "dbtest.h"
#include "users.h"

static MYSQL *owner;
#define value(...) dbtest_valuef(owner, __VA_ARGS__)
#define sql(...) dbtest_execf(owner, __VA_ARGS__)

static char run[USER_RUN_SIZE], fixtures[4096];
static struct user vic, ivy, stew;

#define ORG "ORG-600000001"
#define OWN_ORGS "org_id BETWEEN 600000001 AND 600000099"

static int import(const char *folder, const char *file)
{
	char args[8400];
	snprintf(args, sizeof args, "import oms '%s/%s'", folder, file);
	return dbtest_sporctl(NULL, args, NULL);
}

/* Every version of the test's organisations, and their locations' part. */
static char *history_state(void)
{
	return strdup(value("SELECT CONCAT((SELECT COUNT(*) FROM oms_org_versions WHERE " OWN_ORGS "), '/',"
			    " (SELECT COUNT(*) FROM oms_loc_versions WHERE " OWN_ORGS "), '/',"
			    " (SELECT MD5(GROUP_CONCAT(CONCAT(id, imported_at) ORDER BY id)) FROM oms_organisations"
			    "  WHERE id BETWEEN 600000001 AND 600000099))"));
}

/* "source|file|changes" of a version. */
static const char *version(long org, int seq)
{
	return value("SELECT CONCAT_WS('|', source, COALESCE(file, '-'), changes) FROM oms_org_versions"
		     " WHERE org_id = %ld AND seq = %d",
		     org, seq);
}

/* "LOC changes; ..." of a version's locations. */
static const char *locations(long org, int seq)
{
	return value("SELECT GROUP_CONCAT(CONCAT('LOC-', loc_id, ' ', changes) ORDER BY loc_id SEPARATOR '; ')"
		     " FROM oms_loc_versions WHERE org_id = %ld AND seq = %d",
		     org, seq);
}

/* A page as a signed-in visitor (never a copy from nginx's cache). */
static long page(const char *path, struct resp *r)
{
	return visitor_get(&vic.v, path, r);
}

static bool page_has_all(const char *path, const char *const *needles)
{
	struct resp r;
	bool all = page(path, &r) == 200;
	for (size_t i = 0; all && needles[i]; i++)
		if (!body_has(&r, needles[i])) {
			diag("%s lacks \"%s\"", path, needles[i]);
			all = false;
		}
	resp_free(&r);
	return all;
}

static bool page_lacks(const char *path, const char *needle)
{
	struct resp r;
	bool lacks = page(path, &r) == 200 && !body_has(&r, needle);
	resp_free(&r);
	return lacks;
}

static void test_two_imports(void)
{
	is_int(import(fixtures, "history-1.csv"), 0, "the first file imports");
	is_str(version(600000001, 1), "import|history-1.csv|created", "it records each organisation created, from its file");
	is_str(locations(600000001, 1), "LOC-600001001 created; LOC-600001002 created; LOC-600001003 created",
	       "and each of its locations");
	char *before = history_state();
	is_int(import(fixtures, "history-1.csv"), 0, "the same file again imports");
	char *after = history_state();
	is_str(after, before, "and records nothing, writing nothing");
	free(after);

	is_int(import(fixtures, "history-2.csv"), 0, "the second file imports");
	is_str(version(600000001, 2), "import|history-2.csv|name, status, version, locations",
	       "a changed organisation: a version naming the file and the fields that changed");
	is_str(locations(600000001, 2), "LOC-600001001 phone, version; LOC-600001002 removed; LOC-600001005 created",
	       "and, per location, what changed (a location unchanged is not named)");
	is_str(value("SELECT COUNT(*) FROM oms_org_versions WHERE org_id = 600000002"), "1",
	       "an organisation the file repeats unchanged gets no version");
	is_str(version(600000003, 1), "import|history-2.csv|created", "a new one is created");
	free(before);
	before = history_state();
	is_int(import(fixtures, "history-2.csv"), 0, "the second file again imports");
	after = history_state();
	is_str(after, before, "and records nothing");
	free(before);
	free(after);
}

static void test_pages(void)
{
	const char *org_en[] = {"Import of the file", "history-1.csv", "history-2.csv", "Name, Status, Version date",
				"LOC-600001001</span></a>: Phone, Version date",
				"LOC-600001002</span></a>: Removed", "LOC-600001005</span></a>: First recorded here", NULL};
	ok(page_has_all("/oms/organisations/" ORG, org_en),
	   "the organisation's page shows both imports: files, fields and locations");
	const char *org_fr[] = {"Import du fichier", "Nom, Statut, Date de version",
				"LOC-600001002</span></a>: Supprimé", NULL};
	/* Asked by the browser: a ?lang= would become Vic's preference. */
	vic.v.extra = "Accept-Language: fr";
	ok(page_has_all("/oms/organisations/" ORG, org_fr), "in French");
	const char *org_de[] = {"Import der Datei", "Name, Status, Versionsdatum", "LOC-600001002</span></a>: Entfernt",
				NULL};
	vic.v.extra = "Accept-Language: de";
	ok(page_has_all("/oms/organisations/" ORG, org_de), "in German");
	vic.v.extra = NULL;
	const char *loc[] = {"history-1.csv", "history-2.csv", "Phone, Version date", "First recorded here", NULL};
	ok(page_has_all("/oms/locations/LOC-600001001", loc) && page_lacks("/oms/locations/LOC-600001001", "Removed"),
	   "a changed location's page shows its own two versions");
	const char *kept[] = {"history-1.csv", "First recorded here", NULL};
	ok(page_has_all("/oms/locations/LOC-600001003", kept) &&
		   page_lacks("/oms/locations/LOC-600001003", "history-2.csv"),
	   "an unchanged location's page, its one version");
}

/* A version made in the portal between two imports. */
static void test_request_between_imports(void)
{
	ok(user_make(owner, &ivy, "ivy", run, "history.test") && user_make(owner, &stew, "stew", run, "history.test"),
	   "a requester and a data steward");
	sql("INSERT INTO account_roles (account_id, role_code, org_id) VALUES (%s, 'INDUSTRY_USER', '" ORG "'),"
	    " (%s, 'DATA_STEWARD', '')",
	    ivy.id, stew.id);
	struct resp r;
	const char *form = "/oms/organisations/" ORG "/requests/new";
	visitor_get(&ivy.v, form, &r);
	resp_free(&r);
	visitor_post(&ivy.v, form, "org_name=Historia+Pharma+AG&acronym=HPX&justification=Our+new+acronym&step=submit",
		     true, &r);
	resp_free(&r);
	char id[24], path[96];
	snprintf(id, sizeof id, "%s", value("SELECT MAX(id) FROM change_requests WHERE account_id = %s", ivy.id));
	snprintf(path, sizeof path, "/admin/change-requests/%s", id);
	user_get(&stew, path);
	snprintf(path, sizeof path, "/admin/change-requests/%s/move", id);
	bool valid = user_post(&stew, path, "to=VALID") == 303;
	snprintf(path, sizeof path, "/admin/change-requests/%s", id);
	user_get(&stew, path);
	snprintf(path, sizeof path, "/admin/change-requests/%s/move", id);
	ok(valid && user_post(&stew, path, "to=APPROVED") == 303, "a change of its acronym is approved");
	char want[64];
	snprintf(want, sizeof want, "request|-|acronym|%s", id);
	is_str(value("SELECT CONCAT_WS('|', source, COALESCE(file, '-'), changes, request_id) FROM oms_org_versions"
		     " WHERE org_id = 600000001 AND seq = 3"),
	       want, "it is the next version, naming the request and the field");
	is_int(import(fixtures, "history-2.csv"), 0, "the second file, imported again");
	is_str(version(600000001, 4), "import|history-2.csv|acronym", "puts the acronym back: the version after it");
	char rrq[32];
	snprintf(rrq, sizeof rrq, "RRQ-%s", id);
	struct resp p;
	page("/oms/organisations/" ORG, &p);
	const char *newest = strstr(p.body ? p.body : "", "history-2.csv"), *request = strstr(p.body ? p.body : "", rrq),
		   *first = strstr(p.body ? p.body : "", "history-1.csv");
	ok(newest && request && first && newest < request && request < first && body_has(&p, "Approved change request"),
	   "the page shows one timeline, newest first: the import, the request, the imports before");
	resp_free(&p);
}

/* Twenty-one more files, each changing the acronym of the third
 * organisation and the phone of a second location it gains in the first:
 * the organisation's history and that location's run over two pages. */
static void test_pagination(void)
{
	char folder[4096];
	snprintf(folder, sizeof folder, "%s/tmp", getenv("SPOR_VAR"));
	char *header = NULL;
	size_t cap = 0;
	char source[4200];
	snprintf(source, sizeof source, "%s/history-2.csv", fixtures);
	FILE *in = fopen(source, "r");
	ssize_t got = in ? getline(&header, &cap, in) : -1;
	if (in)
		fclose(in);
	int imported = 0;
	for (int k = 1; got > 0 && k <= 21; k++) {
		char file[4200];
		snprintf(file, sizeof file, "%s/history-page-%02d.csv", folder, k);
		FILE *f = fopen(file, "w");
		if (!f)
			break;
		fprintf(f, "%sORG-600000003,Neu Gegründet GmbH,NG%d,Industry,Micro,PROVISIONAL,2024-06-01 10:00:00,,,,,,,,"
			   "LOC-600001006,Anfangsplatz 6,,,,,50667,Köln,,Nordrhein-Westfalen,DE,Germany,,,de,"
			   "koeln@example.com,+49 221 6666 6666,ACTIVE,2024-06-01 10:00:00,\n"
			   "ORG-600000003,Neu Gegründet GmbH,NG%d,Industry,Micro,PROVISIONAL,2024-06-01 10:00:00,,,,,,,,"
			   "LOC-600001007,Anfangsplatz 7,,,,,50667,Köln,,Nordrhein-Westfalen,DE,Germany,,,de,"
			   "lager@example.com,+49 221 7777 %04d,ACTIVE,2024-06-01 10:00:00,\n",
			header, k, k, k);
		fclose(f);
		snprintf(file, sizeof file, "history-page-%02d.csv", k);
		imported += import(folder, file) == 0;
	}
	free(header);
	is_int(imported, 21, "21 files, each changing one organisation, import");
	is_str(value("SELECT COUNT(*) FROM oms_org_versions WHERE org_id = 600000003"), "22",
	       "each recorded one version");
	const char *first[] = {"history-page-21.csv", "history-page-02.csv", "Showing 1&ndash;20 of 22 versions",
			       "?page=2#history", "Acronym", NULL};
	ok(page_has_all("/oms/organisations/ORG-600000003", first) &&
		   page_lacks("/oms/organisations/ORG-600000003", "history-page-01.csv"),
	   "the first page of its history: the twenty newest, and a link to the next");
	const char *second[] = {"history-page-01.csv", "history-2.csv", "Showing 21&ndash;22 of 22 versions", NULL};
	ok(page_has_all("/oms/organisations/ORG-600000003?page=2", second) &&
		   page_lacks("/oms/organisations/ORG-600000003?page=2", "history-page-02.csv"),
	   "the second page, the two oldest");
	ok(page_has_all("/oms/organisations/ORG-600000003?page=99", second), "a page beyond the last shows the last");
	const char *loc[] = {"history-2.csv", "First recorded here", NULL};
	ok(page_has_all("/oms/locations/LOC-600001006", loc) && page_lacks("/oms/locations/LOC-600001006", "history-page-"),
	   "its location, unchanged, has its one version");
	const char *loc_first[] = {"history-page-21.csv", "history-page-02.csv", "Showing 1&ndash;20 of 21 versions",
				   "/oms/locations/LOC-600001007?page=2#history", NULL};
	ok(page_has_all("/oms/locations/LOC-600001007", loc_first) &&
		   page_lacks("/oms/locations/LOC-600001007", "history-page-01.csv"),
	   "the location the files changed: the twenty newest of its versions, and a link to the next");
	const char *loc_second[] = {"history-page-01.csv", "Showing 21&ndash;21 of 21 versions", NULL};
	ok(page_has_all("/oms/locations/LOC-600001007?page=2", loc_second) &&
		   page_lacks("/oms/locations/LOC-600001007?page=2", "history-page-02.csv"),
	   "its second page, the oldest");
	ok(page_has_all("/oms/locations/LOC-600001007?page=99", loc_second) &&
		   page_lacks("/oms/locations/LOC-600001007?page=99", "history-page-02.csv"),
	   "a page beyond the last shows the last");
	struct resp r;
	ok(page("/oms/organisations/ORG-600000003?page=0", &r) == 400, "page 0: 400");
	resp_free(&r);
	ok(page("/oms/locations/LOC-600001007?page=0", &r) == 400, "and on a location's page");
	resp_free(&r);
}

int main(void)
{
	owner = users_start(run);
	dbtest_source_path("tests/fixtures/oms", fixtures, sizeof fixtures);
	/* A run on an instance that has seen this test before starts clean. */
	sql("DELETE FROM oms_organisations WHERE id BETWEEN 600000001 AND 600000099");
	sql("DELETE FROM oms_org_versions WHERE " OWN_ORGS);
	sql("DELETE FROM oms_loc_versions WHERE " OWN_ORGS);
	ok(user_make(owner, &vic, "vic", run, "history.test"), "a visitor who reads the pages uncached");
	test_two_imports();
	test_pages();
	test_request_between_imports();
	test_pagination();
	users_done(owner);
	return done_testing();
}
