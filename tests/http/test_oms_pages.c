/* HTTP tests of the OMS pages and exports: the demonstration data, the good
 * fixture and the hostile one imported (exit statuses, what is kept, a second
 * import that changes nothing), the search page seen fresh by every worker
 * right after an import, the search (words, prefixes, case and
 * accents, acronyms, alternative names, filters, IDs, sorting, pagination
 * edges, 400s), the organisation and location pages (every field, merged IDs
 * answering 301, 404, 400), escaping, the exports (headers, BOM, columns,
 * filters) and both round trips (export, empty the tables, import the
 * export: every record is the same). */
#include "config.h"

#include <jansson.h>
#include <stdlib.h>
#include <time.h>
#include <unistd.h>

#include "../tap.h"
#include "client.h"
#include "dbtest.h"

static MYSQL *my;
static char fixtures[4096], demo[4096];

/* sporctl with its output thrown away, or kept in `errfile`. */
static int sporctl_to(const char *args, const char *errfile)
{
	return dbtest_sporctl(NULL, args, errfile);
}

static int sporctl(const char *args)
{
	return sporctl_to(args, NULL);
}

static long long count_sql(const char *sql)
{
	return atoll(dbtest_value(my, sql));
}

/* A copy of a long value (dbtest_value_long keeps one at a time). */
static char *value_copy(const char *sql)
{
	return strdup(dbtest_value_long(my, sql));
}

/* Everything an OMS import writes, as one string of digests: the records and
 * the tables derived from them. */
static char *oms_state(void)
{
	mysql_query(my, "SET SESSION group_concat_max_len = 1000000000");
	char *s = value_copy(
		"SELECT CONCAT_WS(' ',"
		" (SELECT MD5(GROUP_CONCAT(record ORDER BY id)) FROM oms_organisations),"
		" (SELECT COUNT(*) FROM oms_organisations),"
		" (SELECT MD5(GROUP_CONCAT(CONCAT_WS('|', id, name, acronym, type, size, status, version_at,"
		"  country_code, city, location_count) ORDER BY id)) FROM oms_organisations),"
		" (SELECT MD5(GROUP_CONCAT(CONCAT_WS('|', id, org_id, seq, line1, line2, line3, line4, po_box,"
		"  postal_code, city, county, region, country_code, country_name, latitude, longitude, lang, email,"
		"  phone, status, version_at) ORDER BY id)) FROM oms_locations),"
		" (SELECT COUNT(*) FROM oms_locations),"
		" (SELECT MD5(GROUP_CONCAT(CONCAT_WS('|', org_id, seq, lang, name) ORDER BY org_id, seq))"
		"  FROM oms_org_names),"
		" (SELECT MD5(GROUP_CONCAT(CONCAT_WS('|', org_id, seq, system, code, valid_from, valid_to)"
		"  ORDER BY org_id, seq)) FROM oms_org_identifiers),"
		" (SELECT MD5(GROUP_CONCAT(CONCAT_WS('|', kind, old_id, new_id, org_id) ORDER BY kind, old_id))"
		"  FROM oms_merged),"
		" (SELECT MD5(GROUP_CONCAT(CONCAT_WS('|', HEX(wkey), org_id) ORDER BY wkey, org_id)) FROM oms_org_words))");
	return s;
}

static char *records_md5(void)
{
	mysql_query(my, "SET SESSION group_concat_max_len = 1000000000");
	return value_copy("SELECT MD5(GROUP_CONCAT(record ORDER BY id)) FROM oms_organisations");
}

/* ---- pages ---- */

enum { MAX_IDS = 600 };
struct ids {
	char id[MAX_IDS][16];
	size_t n;
};

/* The organisations listed in the results table, in order. */
static void result_ids(const struct resp *r, struct ids *out)
{
	out->n = 0;
	const char *p = r->body ? strstr(r->body, "<tbody>") : NULL;
	const char *end = p ? strstr(p, "</tbody>") : NULL;
	static const char link[] = "<a href=\"/oms/organisations/";
	while (p && end && (p = strstr(p, link)) && p < end && out->n < MAX_IDS) {
		p += strlen(link);
		snprintf(out->id[out->n++], sizeof out->id[0], "%.13s", p);
	}
}

static char *ids_joined(const struct ids *ids)
{
	size_t len = ids->n * 14 + 1;
	char *s = calloc(1, len);
	for (size_t i = 0; i < ids->n; i++) {
		if (i)
			strcat(s, ",");
		strcat(s, ids->id[i]);
	}
	return s;
}

/* The IDs the page `path` lists, comma-joined (a new string). */
static char *page_ids(const char *path, long *status)
{
	struct resp r;
	struct ids ids;
	get(path, &r);
	result_ids(&r, &ids);
	if (status)
		*status = r.status;
	resp_free(&r);
	return ids_joined(&ids);
}

/* The organisations that match `where` (on o, in SQL) in name order, as the
 * page would list them. */
static char *db_ids(const char *where, const char *order)
{
	char sql[4096];
	snprintf(sql, sizeof sql,
		 "SELECT GROUP_CONCAT(CONCAT('ORG-', LPAD(o.id, 9, '0')) ORDER BY %s) FROM oms_organisations o WHERE %s",
		 order ? order : "o.name_sort, o.id", where);
	mysql_query(my, "SET SESSION group_concat_max_len = 1000000");
	return value_copy(sql);
}

/* The page at `path` lists exactly `want` (comma-joined IDs, in order). */
static bool lists(const char *path, const char *want, const char *name)
{
	long status;
	char *got = page_ids(path, &status);
	bool same = status == 200 && want && *want && strcmp(got, want) == 0;
	if (!ok(same, "%s", name))
		diag("%s: status %ld, got [%s], want [%s]", path, status, got, want ? want : "(null)");
	free(got);
	return same;
}

static bool lists_db(const char *path, const char *where, const char *name)
{
	char *want = db_ids(where, NULL);
	bool same = lists(path, want, name);
	free(want);
	return same;
}

static bool redirects(const char *path, long status, const char *suffix, const char *name)
{
	struct resp r;
	get(path, &r);
	char *loc = header(&r, "Location");
	size_t ll = loc ? strlen(loc) : 0, sl = strlen(suffix);
	bool good = r.status == status && loc && ll >= sl && strcmp(loc + ll - sl, suffix) == 0;
	if (!ok(good, "%s", name))
		diag("%s: status %ld, Location %s", path, r.status, loc ? loc : "(none)");
	free(loc);
	resp_free(&r);
	return good;
}

static void bad_request(const char *path, const char *param)
{
	struct resp r;
	char code[128];
	get(path, &r);
	snprintf(code, sizeof code, "<code>%s</code>", param);
	if (!ok(r.status == 400 && body_has(&r, code), "%s: 400 naming %s", path, param))
		diag("status %ld", r.status);
	resp_free(&r);
}

/* ---- import ---- */

static void test_import(void)
{
	char args[12000], errfile[4096];
	snprintf(args, sizeof args, "import oms '%s'", demo);
	is_int(sporctl(args), 0, "the demonstration data imports cleanly");
	is_int(count_sql("SELECT COUNT(*) FROM oms_organisations WHERE id BETWEEN 100000000 AND 199999999"), 39,
	       "its 39 organisations are there");
	is_int(count_sql("SELECT COUNT(*) FROM oms_merged WHERE kind = 'ORG' AND old_id = 100000099 AND new_id = 100000001"),
	       1, "ORG-100000099 is recorded as merged into ORG-100000001");

	/* A second import of the same file writes nothing. */
	char *before = oms_state(), *md5_before = records_md5();
	char *stamps = value_copy("SELECT MD5(GROUP_CONCAT(CONCAT(id, '@', imported_at) ORDER BY id)) FROM oms_organisations");
	sleep(1);
	is_int(sporctl(args), 0, "importing the demonstration data a second time exits 0");
	char *after = oms_state(), *md5_after = records_md5();
	char *stamps_after =
		value_copy("SELECT MD5(GROUP_CONCAT(CONCAT(id, '@', imported_at) ORDER BY id)) FROM oms_organisations");
	ok(*md5_before && strcmp(md5_before, md5_after) == 0, "the second import leaves every record the same");
	ok(strcmp(before, after) == 0, "and every derived table (locations, names, identifiers, merged IDs, words)");
	if (!ok(*stamps && strcmp(stamps, stamps_after) == 0, "and writes no organisation (imported_at unchanged)"))
		diag("before %s, after %s", stamps, stamps_after);
	free(before);
	free(after);
	free(md5_before);
	free(md5_after);
	free(stamps);
	free(stamps_after);

	snprintf(args, sizeof args, "import oms '%s/good.csv'", fixtures);
	is_int(sporctl(args), 0, "the good fixture imports cleanly");
	is_int(count_sql("SELECT COUNT(*) FROM oms_organisations WHERE id BETWEEN 200000000 AND 299999999"), 4,
	       "its 4 organisations are there");
	is_int(count_sql("SELECT COUNT(*) FROM oms_locations WHERE id BETWEEN 200000000 AND 299999999"), 7,
	       "with their 7 locations");

	snprintf(errfile, sizeof errfile, "%s/tmp/oms-hostile.err", getenv("SPOR_VAR"));
	snprintf(args, sizeof args, "import oms '%s/hostile.csv'", fixtures);
	is_int(sporctl_to(args, errfile), 3, "the hostile fixture exits 3 (rows rejected)");
	is_str(dbtest_value(my, "SELECT GROUP_CONCAT(id ORDER BY id) FROM oms_organisations"
				"  WHERE id BETWEEN 300000000 AND 399999999"),
	       "300000001,300000005,300000010", "exactly its good rows are imported (ORG-300000001, -005, -010)");
	is_str(dbtest_value(my, "SELECT country_code FROM oms_locations WHERE id = 300001010"), "GB",
	       "the country code UK is read as GB");
	is_str(dbtest_value(my, "SELECT name FROM oms_organisations WHERE id = 100000001"), "Exemple Pharma SA",
	       "the rejected row for org-100000001 left ORG-100000001 alone");

	/* The rejected lines are those hostile.expect names. */
	char path[4200], line[1024], want[1024] = "", got[1024] = "";
	snprintf(path, sizeof path, "%s/hostile.expect", fixtures);
	FILE *f = fopen(path, "r");
	while (f && fgets(line, sizeof line, f)) {
		long n = strtol(line, NULL, 10);
		if (n > 0)
			snprintf(want + strlen(want), sizeof want - strlen(want), "%ld ", n);
	}
	if (f)
		fclose(f);
	f = fopen(errfile, "r");
	while (f && fgets(line, sizeof line, f)) {
		const char *p = strstr(line, "rejected line ");
		if (p)
			snprintf(got + strlen(got), sizeof got - strlen(got), "%ld ", strtol(p + 14, NULL, 10));
	}
	if (f)
		fclose(f);
	unlink(errfile);
	if (!ok(*want && strcmp(want, got) == 0, "sporctl reports the lines hostile.expect lists"))
		diag("got \"%s\", want \"%s\"", got, want);
}

/* An import is one transaction: one that fails at its very end (the
 * statistics row, written last, held by another session) leaves every
 * organisation as it was, not the first of its 600 written. */
static void test_all_or_nothing(void)
{
	char path[4200], args[4400], header[4096] = "";
	snprintf(path, sizeof path, "%s/good.csv", fixtures);
	FILE *in = fopen(path, "r");
	if (!in || !fgets(header, sizeof header, in))
		header[0] = 0;
	if (in)
		fclose(in);
	snprintf(path, sizeof path, "%s/tmp/oms-all-or-nothing.csv", getenv("SPOR_VAR"));
	FILE *f = fopen(path, "w");
	if (!ok(f && *header, "a CSV export of 600 new organisations is written")) {
		if (f)
			fclose(f);
		return;
	}
	fputs(header, f);
	for (int i = 1; i <= 600; i++)
		fprintf(f, "ORG-4000%05d,All or nothing %d,,Industry,,ACTIVE,2024-03-01 10:00:00,,,,,,,,LOC-4001%05d,"
			   "Street %d,,,,,10115,Berlin,,,DE,Germany,,,de,,,ACTIVE,2024-03-01 10:00:00,\n",
			i, i, i, i);
	fclose(f);
	snprintf(args, sizeof args, "import oms '%s'", path);
	char *before = oms_state();
	dbtest_execf(my, "SET GLOBAL innodb_lock_wait_timeout = 1");
	dbtest_execf(my, "START TRANSACTION");
	dbtest_value(my, "SELECT id FROM oms_stats WHERE id = 1 LOCK IN SHARE MODE");
	int rc = sporctl(args);
	dbtest_execf(my, "COMMIT");
	dbtest_execf(my, "SET GLOBAL innodb_lock_wait_timeout = DEFAULT");
	is_int(rc, 1, "an import of 600 organisations that fails at its end exits 1");
	char *after = oms_state();
	ok(strcmp(before, after) == 0, "and leaves every organisation and derived table as it was");
	ok(sporctl(args) == 0 && count_sql("SELECT COUNT(*) FROM oms_organisations WHERE id BETWEEN 400000001 AND 400000600") == 600,
	   "imported again, all 600 organisations are in");
	/* Out again, so that the later tests see the fixtures only. */
	dbtest_execf(my, "DELETE FROM oms_organisations WHERE id BETWEEN 400000001 AND 400000600");
	snprintf(args, sizeof args, "import oms '%s/good.csv'", fixtures);
	sporctl(args);
	free(before);
	free(after);
	unlink(path);
}

/* ---- /oms/organisations ---- */

/* Visit the search page before anything is imported, so that every worker
 * has seen it empty; the time of the last visit. */
static time_t prime_workers(void)
{
	struct resp r;
	for (int i = 0; i < 24; i++) {
		get("/oms/organisations", &r);
		resp_free(&r);
	}
	return time(NULL);
}

/* Right after an import, every worker lists what it imported: the count of
 * all organisations and the filters' choices are read afresh.  When one is
 * stale (cached from before the import), wait until such caches expire so
 * that the tests after this one check the rest. */
static void test_fresh_after_import(time_t primed)
{
	long long total = count_sql("SELECT COUNT(*) FROM oms_organisations");
	char text[256];
	snprintf(text, sizeof text, "of %lld organisations", total);
	int stale_count = 0, stale_choices = 0;
	for (int i = 0; i < 12; i++) {
		struct resp r;
		get("/oms/organisations", &r);
		stale_count += r.status != 200 || !body_has(&r, text) ||
			       !body_has(&r, "href=\"/oms/organisations/ORG-100000001\"");
		stale_choices += !body_has(&r, "<option value=\"DE\">Germany</option>") ||
				 !body_has(&r, "<option value=\"Regulatory Authority\">Regulatory Authority</option>");
		resp_free(&r);
	}
	if (!ok(stale_count == 0, "right after an import every worker lists the organisations (%lld)", total))
		diag("%d of 12 pages showed an outdated count (\"%s\" or the rows missing)", stale_count, text);
	if (!ok(stale_choices == 0, "right after an import the country and type filters offer the new choices"))
		diag("%d of 12 pages offered outdated choices", stale_choices);
	if (stale_count || stale_choices) {
		long wait = 62 - (long)(time(NULL) - primed);
		diag("waiting %lds for the workers' caches to expire", wait > 0 ? wait : 0);
		if (wait > 0)
			sleep((unsigned)wait);
	}
}

static void test_search(void)
{
	struct resp r;
	char text[512];
	get("/oms/organisations", &r);
	long long total = count_sql("SELECT COUNT(*) FROM oms_organisations");
	snprintf(text, sizeof text, "of %lld organisations", total);
	ok(r.status == 200 && body_has(&r, "<h1>Organisations</h1>") &&
		   body_has(&r, "href=\"/oms/organisations/ORG-100000001\"") &&
		   body_has(&r, "href=\"/oms/organisations/ORG-200000001\""),
	   "/oms/organisations lists the organisations");
	if (!ok(body_has(&r, text), "and counts all %lld of them", total))
		diag("no \"%s\" on the page", text);
	ok(body_has(&r, "aria-sort=\"ascending\"") && body_has(&r, "sort=-name"),
	   "the name column is marked as the sort, its link reverses it");
	ok(body_has(&r, "href=\"/oms/export.csv\"") && body_has(&r, "href=\"/oms/export.json\""),
	   "the export links are offered");
	resp_free(&r);

	/* Words. */
	lists("/oms/organisations?q=biologika", "ORG-100000007", "a word");
	lists("/oms/organisations?q=musterph", "ORG-100000006", "a prefix");
	lists("/oms/organisations?q=COMPANIA", "ORG-100000013", "case- and accent-insensitive (COMPANIA: Compañía)");
	lists("/oms/organisations?q=%C3%B6sterreichisches", "ORG-100000024", "accented search words (österreichisches)");
	lists("/oms/organisations?q=exemple+pharma", "ORG-100000001,ORG-100000038", "every word must match");
	lists("/oms/organisations?q=BBK", "ORG-100000007", "by acronym");
	lists("/oms/organisations?q=beispielagentur", "ORG-100000002", "by an alternative name");
	lists("/oms/organisations?q=%CE%B5%CE%B8%CE%BD%CE%B9%CE%BA%CF%8C%CF%82", "ORG-100000035",
	      "by an alternative name in Greek");
	get("/oms/organisations?q=COMPANIA", &r);
	ok(body_has(&r, "value=\"COMPANIA\""), "the search box keeps the words");
	resp_free(&r);

	/* Filters. */
	lists_db("/oms/organisations?country=DE&size=500",
		 "EXISTS (SELECT 1 FROM oms_locations l WHERE l.org_id = o.id AND l.country_code = 'DE')",
		 "filter by country");
	lists_db("/oms/organisations?country=de&size=500",
		 "EXISTS (SELECT 1 FROM oms_locations l WHERE l.org_id = o.id AND l.country_code = 'DE')",
		 "a lower-case country code is accepted");
	lists_db("/oms/organisations?country=GB&size=500",
		 "EXISTS (SELECT 1 FROM oms_locations l WHERE l.org_id = o.id AND l.country_code = 'GB')",
		 "filter by a country that is not the first location's");
	get("/oms/organisations?country=DE", &r);
	ok(body_has(&r, "<option value=\"DE\" selected>Germany</option>"), "the country chosen is selected, by name");
	resp_free(&r);
	/* The country field is kept by each worker for the country chosen,
	 * whatever the words (oms/country_field.cs): different words each
	 * time, so that nginx's cache answers none of them (six of each: more
	 * than the workers), from an address of their own for nginx's limit of
	 * searches, which the exports below share. */
	static const char *const words[] = {"pharma", "exemple", "urzad", "agency", "lyon", "institut"};
	int chosen = 0, offered = 0;
	client_source = "127.0.0.8";
	for (size_t i = 0; i < sizeof words / sizeof words[0]; i++) {
		char path[120];
		snprintf(path, sizeof path, "/oms/organisations?q=%s&country=DE", words[i]);
		get(path, &r);
		chosen += body_has(&r, "<option value=\"DE\" selected>Germany</option>");
		resp_free(&r);
		snprintf(path, sizeof path, "/oms/organisations?q=%s", words[i]);
		get(path, &r);
		offered += body_has(&r, "<option value=\"DE\">Germany</option>");
		resp_free(&r);
	}
	client_source = NULL;
	ok(chosen == 6 && offered == 6, "the country chosen is selected whatever the words, and only then (%d, %d of 6)",
	   chosen, offered);
	lists("/oms/organisations?city=Lyon", "ORG-100000001", "filter by city");
	lists("/oms/organisations?postal_code=02-222", "ORG-100000016,ORG-100000020", "filter by postal code");
	lists("/oms/organisations?city=Warszawa&postal_code=02-222&q=urzad", "ORG-100000020",
	      "location filters and words together");
	lists("/oms/organisations?status=DELETED", "ORG-100000013", "filter by status");
	lists_db("/oms/organisations?status=INACTIVE&size=500", "o.status = 'INACTIVE'", "filter by status INACTIVE");
	lists_db("/oms/organisations?type=Regulatory+Authority&size=500", "o.type = 'Regulatory Authority'",
		 "filter by type");
	lists("/oms/organisations?country=FR&status=INACTIVE", "ORG-100000003", "filters combine");
	get("/oms/organisations?country=FR&city=Berlin", &r);
	ok(r.status == 200 && body_has(&r, "No organisation matches these filters"), "no match says so");
	resp_free(&r);

	/* IDs. */
	redirects("/oms/organisations?q=ORG-100000001", 303, "/oms/organisations/ORG-100000001",
		  "an organisation ID answers 303 to its page");
	redirects("/oms/organisations?q=LOC-100001001", 303, "/oms/locations/LOC-100001001",
		  "a location ID answers 303 to the location's page");
	redirects("/oms/organisations?q=ORG-100000099", 303, "/oms/organisations/ORG-100000099",
		  "a merged organisation ID answers 303 too");
	get("/oms/organisations?q=ORG-999999998", &r);
	ok(r.status == 200 && body_has(&r, "No organisation or location has this ID") && body_has(&r, "ORG-999999998"),
	   "an unknown organisation ID says so");
	resp_free(&r);
	get("/oms/organisations?q=LOC-999999998", &r);
	ok(r.status == 200 && body_has(&r, "No organisation or location has this ID"), "an unknown location ID says so");
	resp_free(&r);

	/* Sorting. */
	char *by_name = db_ids("1", "o.name_sort, o.id"), *by_name_desc = db_ids("1", "o.name_sort DESC, o.id DESC");
	char *by_id = db_ids("1", "o.id"), *by_id_desc = db_ids("1", "o.id DESC");
	lists("/oms/organisations?size=500", by_name, "sorted by name by default");
	lists("/oms/organisations?sort=name&size=500", by_name, "sort=name");
	lists("/oms/organisations?sort=-name&size=500", by_name_desc, "sort=-name");
	lists("/oms/organisations?sort=id&size=500", by_id, "sort=id");
	lists("/oms/organisations?sort=-id&size=500", by_id_desc, "sort=-id");
	ok(strncmp(by_name, "ORG-100000002,", 14) == 0 && strncmp(by_id, "ORG-100000001,", 14) == 0 &&
		   strncmp(by_id_desc, "ORG-300000010,", 14) == 0,
	   "(the expected orders start with Agence nationale..., ORG-100000001 and ORG-300000010)");
	get("/oms/organisations?sort=-name", &r);
	ok(body_has(&r, "aria-sort=\"descending\""), "a descending sort is marked");
	resp_free(&r);

	/* Pagination. */
	long st1, st2;
	char *p1 = page_ids("/oms/organisations?size=10", &st1), *p2 = page_ids("/oms/organisations?size=10&page=2", &st2);
	ok(st1 == 200 && st2 == 200 && strlen(p1) == 10 * 14 - 1 && strlen(p2) == 10 * 14 - 1 &&
		   strncmp(p1, p2, 13) != 0,
	   "size=10: pages 1 and 2 hold 10 organisations each, different ones");
	ok(strncmp(by_name, p1, strlen(p1)) == 0 && strncmp(by_name + 10 * 14, p2, strlen(p2)) == 0,
	   "page 2 follows page 1 in name order");
	long long pages = (total + 9) / 10;
	char path[256], last_mark[128];
	snprintf(path, sizeof path, "/oms/organisations?size=10&page=%lld", pages);
	char *last = page_ids(path, NULL);
	get("/oms/organisations?size=10&page=9999", &r);
	struct ids past;
	result_ids(&r, &past);
	char *past_s = ids_joined(&past);
	snprintf(last_mark, sizeof last_mark, "aria-current=\"page\">%lld</a>", pages);
	if (!ok(r.status == 200 && *last && strcmp(last, past_s) == 0 && body_has(&r, last_mark),
		"a page past the end shows the last page (%lld)", pages))
		diag("last [%s], past the end [%s]", last, past_s);
	resp_free(&r);
	free(past_s);
	free(last);
	free(p1);
	free(p2);
	free(by_name);
	free(by_name_desc);
	free(by_id);
	free(by_id_desc);

	/* Bad parameters. */
	bad_request("/oms/organisations?page=0", "page");
	bad_request("/oms/organisations?page=x", "page");
	bad_request("/oms/organisations?size=5", "size");
	bad_request("/oms/organisations?sort=bogus", "sort");
	bad_request("/oms/organisations?status=CURRENT", "status");
	bad_request("/oms/organisations?country=XX", "country");
	bad_request("/oms/organisations?country=ABC", "country");
	bad_request("/oms/export.csv?country=XX", "country");
	bad_request("/oms/export.json?status=CURRENT", "status");

	/* % and _ are characters, never wildcards. */
	static const char *const wild[] = {
		"/oms/organisations?q=%25%25", "/oms/organisations?q=__",	  "/oms/organisations?q=%25xemple",
		"/oms/organisations?q=_xemple", "/oms/organisations?q=ex%25ple", "/oms/organisations?q=ex_mple",
		"/oms/organisations?city=%25", "/oms/organisations?city=_yon",	  "/oms/organisations?postal_code=%25",
		"/oms/organisations?type=%25", "/oms/organisations?type=Industr_"};
	for (size_t i = 0; i < sizeof wild / sizeof wild[0]; i++) {
		long status;
		char *got = page_ids(wild[i], &status);
		/* The word they leave ("xemple") may be corrected: then the page
		 * says the results are for another word. */
		get(wild[i], &r);
		bool corrected = body_has(&r, "Did you mean <a href=\"/oms/organisations?q=exemple\">exemple</a>");
		resp_free(&r);
		if (!ok(status == 200 && (!*got || corrected), "%s finds nothing (%% and _ are no wildcards)", wild[i]))
			diag("status %ld, listed %s", status, got);
		free(got);
	}
	get("/oms/organisations?q=x", &r);
	ok(r.status == 200 && body_has(&r, "at least two letters"), "a one-letter search says why it finds nothing");
	resp_free(&r);
	get("/oms/organisations?q=%3Cscript%3Ealert(1)%3C/script%3E", &r);
	ok(r.status == 200 && !body_has(&r, "<script>alert"), "the words are never reflected as markup");
	resp_free(&r);
}

/* ---- one organisation, one location ---- */

static void test_organisation(void)
{
	struct resp r;
	get("/oms/organisations/ORG-100000001", &r);
	ok(r.status == 200 && body_has(&r, "<h1>Exemple Pharma SA</h1>") &&
		   body_has(&r, "<title>Exemple Pharma SA (ORG-100000001)"),
	   "an organisation page, its name as title");
	ok(body_has(&r, "<span class=\"id\">ORG-100000001</span>") && body_has(&r, "badge-ACTIVE\">Active</span>"),
	   "its ID and status");
	ok(body_has(&r, "<dt>Acronym</dt><dd>EXP</dd>"), "acronym");
	ok(body_has(&r, "<dt>Type</dt><dd>Industry</dd>"), "type");
	ok(body_has(&r, "<dt>Size</dt><dd>Medium</dd>"), "size");
	ok(body_has(&r, "<dt>Version</dt><dd>2024-03-01 10:00:00</dd>"), "version");
	ok(body_has(&r, "Alternative names") && body_has(&r, "<li lang=\"de\">Beispiel Pharma AG"),
	   "alternative names, with their language");
	ok(body_has(&r, "Identifiers in other systems") && body_has(&r, "<td>VAT</td>") &&
		   body_has(&r, "FR00999999901") && body_has(&r, "<td>2019-01-01</td>"),
	   "the identifiers table");
	ok(body_has(&r, "IDs merged into this record") && body_has(&r, "ORG-100000099"), "the IDs merged into it");
	ok(body_has(&r, "Locations (2)") && body_has(&r, "href=\"/oms/locations/LOC-100001001\"") &&
		   body_has(&r, "href=\"/oms/locations/LOC-100001002\"") && body_has(&r, ">Lyon</td>") &&
		   body_has(&r, ">69007</td>"),
	   "the locations table links to each location");
	ok(body_has(&r, "<nav class=\"breadcrumb\"") && body_has(&r, "<li><a href=\"/oms/organisations\">Organisations</a></li>") &&
		   body_has(&r, "<li aria-current=\"page\">Exemple Pharma SA</li>"),
	   "the breadcrumb");
	ok(body_has(&r, "href=\"/oms/organisations\" aria-current=\"page\""), "the navigation marks Organisations");
	resp_free(&r);

	get("/oms/organisations/ORG-200000004", &r);
	ok(r.status == 200 && body_has(&r, "This organisation has no locations") &&
		   body_has(&r, "Institute of Sample Pharmacy, Department of &quot;Testing&quot;"),
	   "an organisation without locations says so");
	ok(!body_has(&r, "IDs merged into this record") && !body_has(&r, "<dt>Acronym</dt>"),
	   "and shows no empty fields");
	resp_free(&r);
	get("/oms/organisations/ORG-200000003", &r);
	ok(body_has(&r, "ORG-200000098") && body_has(&r, "ORG-200000099") && body_has(&r, "badge-INACTIVE"),
	   "merged IDs from a CSV import");
	resp_free(&r);

	redirects("/oms/organisations/ORG-100000099", 301, "/oms/organisations/ORG-100000001",
		  "a merged organisation ID answers 301 to the surviving record");
	redirects("/oms/organisations/ORG-200000098", 301, "/oms/organisations/ORG-200000003",
		  "and one merged by the CSV");
	get("/oms/organisations/ORG-999999998", &r);
	ok(r.status == 404 && body_has(&r, "Page not found"), "an unknown organisation is a 404 page");
	resp_free(&r);
	bad_request("/oms/organisations/ORG-12", "orgId");
	bad_request("/oms/organisations/org-100000001", "orgId");
	bad_request("/oms/organisations/ORG-1000000011", "orgId");
	bad_request("/oms/organisations/LOC-100001001", "orgId");
}

static void test_location(void)
{
	struct resp r;
	get("/oms/locations/LOC-100001001", &r);
	ok(r.status == 200 && body_has(&r, "<h1>Exemple Pharma SA, Paris</h1>") &&
		   body_has(&r, "<span class=\"id\">LOC-100001001</span>"),
	   "a location page");
	ok((body_has(&r, "12 rue de l&#39;Exemple<br>") || body_has(&r, "12 rue de l'Exemple<br>")) &&
		   body_has(&r, "Bâtiment B<br>"),
	   "its address lines");
	ok(body_has(&r, "75012 Paris<br>") && body_has(&r, "Île-de-France<br>"), "postal code, city and region");
	ok((body_has(&r, "<span lang=\"en\">France</span>\n</address>") ||
	    body_has(&r, "\">France</a></span>\n</address>")) &&
		   !body_has(&r, "(FR)</span></dd>"),
	   "the country's name in the page's language ends the address, and the page names it only there");
	ok(body_has(&r, "<dd><a href=\"/oms/organisations/ORG-100000001\">Exemple Pharma SA</a>") &&
		   body_has(&r, "(2 locations)"),
	   "a link back to its organisation");
	ok(body_has(&r, "<li><a href=\"/oms/organisations/ORG-100000001\">Exemple Pharma SA</a></li>") &&
		   body_has(&r, "<li aria-current=\"page\">Paris</li>"),
	   "the breadcrumb through its organisation");
	ok(body_has(&r, "<dt>Status</dt><dd><span class=\"badge badge-ACTIVE\">Active</span>"), "status");
	ok(body_has(&r, "<dt>Version</dt><dd>2024-03-01 10:00:00</dd>"), "version");
	ok(body_has(&r, "mailto:contact@example.org") && body_has(&r, "+33 1 00 00 00 00") && body_has(&r, "48.8412"),
	   "contact details and coordinates");
	ok(body_has(&r, "IDs merged into this record") && body_has(&r, "LOC-100009999"), "the IDs merged into it");
	resp_free(&r);

	get("/oms/locations/LOC-200001002", &r);
	ok(body_has(&r, "Beispielkai 7<br>") && body_has(&r, "Speicher 3<br>") && body_has(&r, "2. OG<br>") &&
		   body_has(&r, "Tür 4, links<br>") && body_has(&r, "20457 Hamburg<br>") &&
		   (body_has(&r, "<span lang=\"en\">Germany</span>\n</address>") ||
		    body_has(&r, "\">Germany</a></span>\n</address>")),
	   "four address lines from the CSV");
	ok(!body_has(&r, "IDs merged into this record"), "no merged IDs, no such field");
	resp_free(&r);
	get("/oms/locations/LOC-200001001", &r);
	ok(body_has(&r, "\nPostfach 00 00 01<br>") && !body_has(&r, "PO Box"),
	   "a PO box that names itself has no second label (not \"PO Box Postfach\")");
	resp_free(&r);

	redirects("/oms/locations/LOC-100009999", 301, "/oms/locations/LOC-100001001",
		  "a merged location ID answers 301 to the surviving one");
	redirects("/oms/locations/LOC-200009998", 301, "/oms/locations/LOC-200001004", "and one merged by the CSV");
	get("/oms/locations/LOC-999999998", &r);
	ok(r.status == 404 && body_has(&r, "Page not found"), "an unknown location is a 404 page");
	resp_free(&r);
	bad_request("/oms/locations/LOC-12", "locId");
	bad_request("/oms/locations/loc-100001001", "locId");
	bad_request("/oms/locations/ORG-100000001", "locId");
}

static void test_escaping(void)
{
	struct resp r;
	static const char *const pages[] = {"/oms/organisations?q=test+labs", "/oms/organisations?country=FR",
					    "/oms/organisations/ORG-300000005", "/oms/locations/LOC-300001005"};
	for (size_t i = 0; i < sizeof pages / sizeof pages[0]; i++) {
		get(pages[i], &r);
		ok(r.status == 200 && body_has(&r, "Test Labs &lt;script&gt;alert(1)&lt;/script&gt; Ltd"),
		   "%s: the name holding <script> is shown escaped", pages[i]);
		ok(!body_has(&r, "<script>alert") && !body_has(&r, "<b>TL</b>"), "%s: no markup from the data", pages[i]);
		resp_free(&r);
	}
	get("/oms/organisations/ORG-300000005", &r);
	ok(body_has(&r, "<title>Test Labs &lt;script&gt;alert(1)&lt;/script&gt; Ltd (ORG-300000005)") &&
		   body_has(&r, "<dd>&lt;b&gt;TL&lt;/b&gt;</dd>"),
	   "escaped in the title and the acronym too");
	resp_free(&r);
	get("/oms/organisations/ORG-200000001", &r);
	ok(body_has(&r, "<h1>Testwerk &quot;Alpha&quot;, Arzneimittel GmbH</h1>") &&
		   body_has(&r, "Laboratoires Testwerk « Alpha »"),
	   "quotes are escaped, other characters kept");
	resp_free(&r);
}

/* ---- exports ---- */

/* A small RFC 4180 reader: rows of fields (new strings). */
struct csv {
	char ***rows;
	size_t *ncols;
	size_t n;
};

static void csv_read(const char *s, size_t len, struct csv *out)
{
	memset(out, 0, sizeof *out);
	size_t i = 0, cap = 0;
	if (len >= 3 && memcmp(s, "\xef\xbb\xbf", 3) == 0)
		i = 3;
	while (i < len) {
		char **row = NULL;
		size_t nc = 0;
		for (;;) {
			size_t fcap = 64, fl = 0;
			char *field = malloc(fcap);
			if (i < len && s[i] == '"') {
				for (i++; i < len; i++) {
					if (s[i] == '"' && i + 1 < len && s[i + 1] == '"')
						i++;
					else if (s[i] == '"') {
						i++;
						break;
					}
					if (fl + 2 > fcap)
						field = realloc(field, fcap *= 2);
					field[fl++] = s[i];
				}
			}
			for (; i < len && s[i] != ',' && s[i] != '\r' && s[i] != '\n'; i++) {
				if (fl + 2 > fcap)
					field = realloc(field, fcap *= 2);
				field[fl++] = s[i];
			}
			field[fl] = '\0';
			row = realloc(row, (nc + 1) * sizeof *row);
			row[nc++] = field;
			if (i < len && s[i] == ',') {
				i++;
				continue;
			}
			if (i < len && s[i] == '\r')
				i++;
			if (i < len && s[i] == '\n')
				i++;
			break;
		}
		if (out->n == cap) {
			cap = cap ? cap * 2 : 64;
			out->rows = realloc(out->rows, cap * sizeof *out->rows);
			out->ncols = realloc(out->ncols, cap * sizeof *out->ncols);
		}
		out->rows[out->n] = row;
		out->ncols[out->n++] = nc;
	}
}

static void csv_free(struct csv *c)
{
	for (size_t r = 0; r < c->n; r++) {
		for (size_t k = 0; k < c->ncols[r]; k++)
			free(c->rows[r][k]);
		free(c->rows[r]);
	}
	free(c->rows);
	free(c->ncols);
}

static long csv_column(const struct csv *c, const char *name)
{
	for (size_t k = 0; c->n && k < c->ncols[0]; k++)
		if (strcmp(c->rows[0][k], name) == 0)
			return (long)k;
	return -1;
}

/* The IDs of the organisations of an export.json, comma-joined. */
static char *json_ids(const json_t *doc)
{
	json_t *orgs = json_object_get(doc, "organisations");
	struct ids *ids = calloc(1, sizeof *ids);
	size_t i;
	json_t *o;
	json_array_foreach(orgs, i, o) if (ids->n < MAX_IDS) snprintf(ids->id[ids->n++], sizeof ids->id[0], "%s",
								      json_string_value(json_object_get(o, "id")));
	char *s = ids_joined(ids);
	free(ids);
	return s;
}

static void test_exports(void)
{
	struct resp r;
	get("/oms/export.csv", &r);
	char *type = header(&r, "Content-Type"), *disp = header(&r, "Content-Disposition");
	ok(r.status == 200 && type && strncmp(type, "text/csv", 8) == 0, "export.csv is text/csv");
	if (!ok(disp && strstr(disp, "attachment") && strstr(disp, "organisations.csv"),
		"export.csv is offered as a download (organisations.csv)"))
		diag("Content-Disposition: %s", disp ? disp : "(none)");
	free(type);
	free(disp);
	ok(r.body_len > 3 && memcmp(r.body, "\xef\xbb\xbf", 3) == 0, "export.csv starts with a UTF-8 byte order mark");
	ok(r.body_len > 40 && (strncmp(r.body + 3, "Organisation ID,Organisation Name,", 34) == 0 ||
			       strncmp(r.body + 3, "\"Organisation ID\",\"Organisation Name\",", 38) == 0),
	   "then the header Organisation ID,Organisation Name,...");
	struct csv c;
	csv_read(r.body, r.body_len, &c);
	long cid = csv_column(&c, "Organisation ID"), cloc = csv_column(&c, "Location ID"),
	     ccc = csv_column(&c, "Country Code");
	ok(c.n > 0 && c.ncols[0] == 34 && cloc >= 0 && ccc >= 0 && csv_column(&c, "Merged Location IDs") == 33,
	   "the 34 columns of docs/oms-import.md");
	long long locs = count_sql("SELECT COUNT(*) FROM oms_locations");
	long long bare = count_sql("SELECT COUNT(*) FROM oms_organisations o"
				   " WHERE NOT EXISTS (SELECT 1 FROM oms_locations l WHERE l.org_id = o.id)");
	size_t with_loc = 0, uneven = 0;
	for (size_t i = 1; i < c.n; i++) {
		uneven += c.ncols[i] != 34;
		with_loc += c.ncols[i] == 34 && c.rows[i][cloc][0] != '\0';
	}
	if (!ok(c.n > 1 && (long long)c.n - 1 == locs + bare && (long long)with_loc == locs && !uneven,
		"one row per location (%lld) and per organisation without any (%lld)", locs, bare))
		diag("%zu rows, %zu with a location, %zu with another number of columns", c.n - 1, with_loc, uneven);
	csv_free(&c);
	resp_free(&r);

	get("/oms/export.csv?country=FR", &r);
	csv_read(r.body, r.body_len, &c);
	size_t not_fr = 0;
	for (size_t i = 1; i < c.n; i++)
		not_fr += ccc < 0 || c.ncols[i] <= (size_t)ccc || strcmp(c.rows[i][ccc], "FR") != 0;
	long long fr_rows = count_sql("SELECT COUNT(*) FROM oms_locations l WHERE l.org_id IN (SELECT org_id FROM"
				      " oms_locations WHERE country_code = 'FR')");
	if (!ok(r.status == 200 && c.n > 1 && not_fr == 0 && (long long)c.n - 1 == fr_rows,
		"export.csv?country=FR holds only FR rows, all of them (%lld)", fr_rows))
		diag("%zu rows, %zu not FR", c.n ? c.n - 1 : 0, not_fr);
	csv_free(&c);
	resp_free(&r);

	get("/oms/export.csv?q=test+labs", &r);
	csv_read(r.body, r.body_len, &c);
	ok(c.n == 2 && cid >= 0 && strcmp(c.rows[1][cid], "ORG-300000005") == 0 &&
		   strcmp(c.rows[1][1], "Test Labs <script>alert(1)</script> Ltd") == 0,
	   "export.csv?q=: the words filter too; data is written as it is");
	csv_free(&c);
	resp_free(&r);

	get("/oms/export.json", &r);
	type = header(&r, "Content-Type");
	disp = header(&r, "Content-Disposition");
	json_error_t je;
	json_t *doc = json_loadb(r.body ? r.body : "", r.body_len, 0, &je);
	if (!ok(r.status == 200 && doc, "export.json parses as JSON"))
		diag("%s (line %d)", je.text, je.line);
	ok(type && strncmp(type, "application/json", 16) == 0 && disp && strstr(disp, "attachment") &&
		   strstr(disp, "organisations.json"),
	   "export.json is application/json, offered as organisations.json");
	ok(doc && json_is_string(json_object_get(doc, "format")) &&
		   strcmp(json_string_value(json_object_get(doc, "format")), "spor-oms") == 0 &&
		   json_integer_value(json_object_get(doc, "version")) == 1,
	   "format \"spor-oms\", version 1");
	char *got = json_ids(doc), *want = db_ids("1", NULL);
	if (!ok(*want && strcmp(got, want) == 0, "every organisation, in name order"))
		diag("got [%s]", got);
	free(got);
	free(want);
	json_decref(doc);
	free(type);
	free(disp);
	resp_free(&r);

	static const struct {
		const char *path, *where, *order, *name;
	} filtered[] = {
		{"/oms/export.json?country=FR&sort=id",
		 "EXISTS (SELECT 1 FROM oms_locations l WHERE l.org_id = o.id AND l.country_code = 'FR')", "o.id",
		 "export.json?country=FR&sort=id"},
		{"/oms/export.json?country=de&sort=-name",
		 "EXISTS (SELECT 1 FROM oms_locations l WHERE l.org_id = o.id AND l.country_code = 'DE')",
		 "o.name_sort DESC, o.id DESC", "export.json?country=de&sort=-name"},
		{"/oms/export.json?status=DELETED", "o.status = 'DELETED'", NULL, "export.json?status=DELETED"},
		{"/oms/export.json?type=Educational+Institution", "o.type = 'Educational Institution'", NULL,
		 "export.json?type=Educational Institution"},
		{"/oms/export.json?q=exemple+pharma", "o.id IN (100000001, 100000038)", NULL, "export.json?q=exemple pharma"},
		{"/oms/export.json?city=Lyon&postal_code=69007", "o.id = 100000001", NULL, "export.json?city&postal_code"},
	};
	for (size_t i = 0; i < sizeof filtered / sizeof filtered[0]; i++) {
		get(filtered[i].path, &r);
		doc = json_loadb(r.body ? r.body : "", r.body_len, 0, &je);
		got = json_ids(doc);
		want = db_ids(filtered[i].where, filtered[i].order);
		if (!ok(r.status == 200 && doc && *want && strcmp(got, want) == 0, "%s: the matching organisations",
			filtered[i].name))
			diag("got [%s], want [%s]", got, want);
		free(got);
		free(want);
		json_decref(doc);
		resp_free(&r);
	}
	get("/oms/export.json?q=zzzzzz", &r);
	doc = json_loadb(r.body ? r.body : "", r.body_len, 0, &je);
	ok(r.status == 200 && doc && json_is_array(json_object_get(doc, "organisations")) &&
		   json_array_size(json_object_get(doc, "organisations")) == 0,
	   "an export that matches nothing is an empty, valid document");
	json_decref(doc);
	resp_free(&r);
}

/* Export everything, empty the OMS tables, import the export: the same records. */
static void round_trip(const char *ext)
{
	char path[64], file[4096], args[8192];
	snprintf(path, sizeof path, "/oms/export.%s", ext);
	snprintf(file, sizeof file, "%s/bench/oms-roundtrip.%s", getenv("SPOR_VAR"), ext);
	struct resp r;
	get(path, &r);
	FILE *f = fopen(file, "wb");
	if (f) {
		fwrite(r.body, 1, r.body_len, f);
		fclose(f);
	}
	long status = r.status;
	resp_free(&r);
	char *md5_before = records_md5(), *before = oms_state();
	long long orgs = count_sql("SELECT COUNT(*) FROM oms_organisations");
	mysql_query(my, "DELETE FROM oms_organisations");
	ok(status == 200 && f && count_sql("SELECT COUNT(*) FROM oms_organisations") == 0 &&
		   count_sql("SELECT COUNT(*) FROM oms_locations") == 0 && count_sql("SELECT COUNT(*) FROM oms_merged") == 0,
	   "export.%s saved, every OMS row deleted", ext);
	char errfile[4200];
	snprintf(errfile, sizeof errfile, "%s.err", file);
	snprintf(args, sizeof args, "import oms '%s'", file);
	if (!is_int(sporctl_to(args, errfile), 0, "the export imports cleanly")) {
		/* Say which rows sporctl refused. */
		char line[1024];
		int shown = 0;
		FILE *e = fopen(errfile, "r");
		while (e && fgets(line, sizeof line, e) && shown < 12) {
			line[strcspn(line, "\n")] = '\0';
			if (strstr(line, "rejected") || strstr(line, "sporctl:")) {
				diag("%s", line);
				shown++;
			}
		}
		if (e)
			fclose(e);
	}
	unlink(errfile);
	char *md5_after = records_md5(), *after = oms_state();
	if (!ok(orgs > 40 && *md5_before && strcmp(md5_before, md5_after) == 0,
		"export.%s round trip: the MD5 of every record is the same (%lld organisations)", ext, orgs))
		diag("before %s, after %s; %lld organisations now", md5_before, md5_after,
		     count_sql("SELECT COUNT(*) FROM oms_organisations"));
	if (!ok(strcmp(before, after) == 0, "export.%s round trip: the derived tables are the same", ext))
		diag("before %s\n# after  %s", before, after);
	free(md5_before);
	free(md5_after);
	free(before);
	free(after);
	unlink(file);
}

int main(void)
{
	client_init();
	if (!getenv("SPOR_TEST_BUILD") || !getenv("SPOR_CONFIG") || !getenv("SPOR_VAR"))
		skip_all("no test instance");
	my = dbtest_connect("owner");
	if (!my)
		skip_all("no database connection");
	const char *src = getenv("top_srcdir");
	char path[4096];
	snprintf(path, sizeof path, "%s/tests/fixtures/oms", src ? src : ".");
	char *real = realpath(path, NULL);
	snprintf(fixtures, sizeof fixtures, "%s", real ? real : path);
	free(real);
	snprintf(path, sizeof path, "%s/db/demo/oms.json", src ? src : ".");
	real = realpath(path, NULL);
	snprintf(demo, sizeof demo, "%s", real ? real : path);
	free(real);

	time_t primed = prime_workers();
	test_import();
	test_fresh_after_import(primed);
	test_all_or_nothing();
	test_search();
	test_organisation();
	test_location();
	test_escaping();
	test_exports();
	round_trip("json");
	round_trip("csv");
	mysql_close(my);
	return done_testing();
}
