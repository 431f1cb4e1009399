/* HTTP tests of the RMS pages and exports with the hostile fixture list
 * (900000000001) and, when there, the real export 200000000006: content,
 * escaping, filters, sorting, pagination edges, 400/404/303, export headers
 * and content, and the CSV round trip (export, empty the list, import the
 * export: every term's record is the same). */
#include "config.h"

#include <jansson.h>
#include <stdlib.h>
#include <unistd.h>

#include "../tap.h"
#include "client.h"
#include "dbtest.h"

static MYSQL *my;

static int sporctl(const char *args)
{
	return dbtest_sporctl(NULL, args, NULL);
}

static void test_lists(void)
{
	struct resp r;
	get("/rms/lists", &r);
	ok(r.status == 200 && body_has(&r, "Hostile fixture") && body_has(&r, "href=\"/rms/lists/900000000001\""),
	   "/rms/lists lists the imported lists");
	ok(body_has(&r, "aria-sort=\"ascending\"") && body_has(&r, "href=\"/rms/lists?sort=-name\""),
	   "sortable headers: the current sort is marked and its link reverses it");
	resp_free(&r);
	get("/rms/lists?q=hostile", &r);
	ok(r.status == 200 && body_has(&r, "Hostile fixture") && !body_has(&r, "Bundle") && body_count(&r, "<tr>") == 2,
	   "filtering lists by name");
	resp_free(&r);
	get("/rms/lists?q=900000000001", &r);
	ok(body_has(&r, "Hostile fixture"), "filtering lists by ID");
	resp_free(&r);
	get("/rms/lists?q=%25", &r);
	ok(r.status == 200 && body_has(&r, "No list matches"), "a %% in the filter is a character, not a wildcard");
	resp_free(&r);
	get("/rms/lists?size=10&page=99", &r);
	ok(r.status == 200 && body_has(&r, "aria-current=\"page\""), "a page past the end shows the last page");
	resp_free(&r);
	const char *bad[][2] = {{"/rms/lists?page=0", "page"}, {"/rms/lists?size=5", "size"},
				{"/rms/lists?sort=bogus", "sort"}, {"/rms/lists?status=current", "status"},
				{"/rms/lists?domain=12", "domain"}};
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		get(bad[i][0], &r);
		char code[64];
		snprintf(code, sizeof code, "<code>%s</code>", bad[i][1]);
		ok(r.status == 400 && body_has(&r, code), "%s: 400 naming %s", bad[i][0], bad[i][1]);
		resp_free(&r);
	}
}

static void test_list(void)
{
	struct resp r;
	get("/rms/lists/900000000001", &r);
	ok(r.status == 200 && body_has(&r, "<h1>Hostile fixture</h1>") && body_has(&r, "Showing 1&ndash;10 of 10 terms"),
	   "a list page with its terms");
	ok(body_has(&r, "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &quot;quoted&quot;") ||
		   body_has(&r, "&lt;script&gt;alert('x')&lt;/script&gt; &quot;quoted&quot;"),
	   "a term name holding <script> and quotes is shown escaped");
	ok(!body_has(&r, "<script>"), "no markup from the data reaches the page");
	resp_free(&r);
	get("/rms/lists/900000000001?lang=fr", &r);
	ok(body_has(&r, "Comprimé") && body_has(&r, "class=\"fallback\""),
	   "names in French, with the English fallback marked");
	ok(body_has(&r, "<html lang=\"fr\">") || body_has(&r, "<html lang=\"en\">"), "the page still renders");
	resp_free(&r);
	get("/rms/lists/900000000001?status=NON_CURRENT", &r);
	ok(body_has(&r, "900000000102") && !body_has(&r, "/rms/terms/900000000104\""), "filter by status");
	resp_free(&r);
	get("/rms/lists/900000000001?q=powder", &r);
	ok(body_has(&r, "900000000102") && body_count(&r, "<td data-label=\"ID\"><span class=\"id\">") == 1, "search within the list");
	resp_free(&r);
	get("/rms/lists/900000000001?sort=-id", &r);
	const char *a = strstr(r.body, "900000000106"), *b = strstr(r.body, "900000000101\"");
	ok(a && b && a < b, "sort by ID descending");
	resp_free(&r);
	get("/rms/lists/900000000001?q=x", &r);
	ok(body_has(&r, "at least two letters"), "a one-letter search says why it finds nothing");
	resp_free(&r);
	get("/rms/lists/999999999998", &r);
	ok(r.status == 404 && body_has(&r, "Page not found"), "an unknown list is a 404 page");
	resp_free(&r);
	get("/rms/lists/12ab", &r);
	ok(r.status == 400 && body_has(&r, "<code>listId</code>"), "a malformed list ID is a 400 naming listId");
	resp_free(&r);
	get("/rms/lists/900000000101", &r);
	char *loc = header(&r, "Location");
	ok(r.status == 303 && loc && strcmp(loc, "/rms/terms/900000000101") == 0, "a term ID in a list URL leads to the term");
	free(loc);
	resp_free(&r);
}

static void test_term(void)
{
	struct resp r;
	get("/rms/terms/900000000101", &r);
	ok(r.status == 200 && body_has(&r, "<h1>Tablet</h1>") && body_has(&r, "Hostile fixture"), "a term page");
	ok(body_has(&r, "lang=\"fr\"") && body_has(&r, "Comprimé") && body_has(&r, "Forme solide"),
	   "the translations table holds the French name and description");
	ok(body_has(&r, "10219000") && body_has(&r, "STATE_OF_MATTER") && body_has(&r, "100000000391"),
	   "mapping, attribute and countries");
	ok(body_has(&r, "Children") && body_has(&r, "/rms/terms/900000000102"), "children");
	ok(body_has(&r, "Replaces") && body_has(&r, "Powder, and solvent"), "what it replaces");
	ok(body_has(&r, "History") && body_has(&r, "First recorded here"), "the history");
	resp_free(&r);
	get("/rms/terms/900000000102", &r);
	ok(body_has(&r, "no longer current") && body_has(&r, "href=\"/rms/terms/900000000101\""),
	   "a replaced term says which term replaces it");
	ok(body_has(&r, "Parent"), "and shows its parent");
	resp_free(&r);
	get("/rms/terms/999999999997", &r);
	is_int(r.status, 404, "an unknown term is a 404");
	resp_free(&r);
	get("/rms/terms/12ab", &r);
	ok(r.status == 400 && body_has(&r, "<code>termId</code>"), "a malformed term ID is a 400 naming termId");
	resp_free(&r);
	get("/rms/terms/900000000001", &r);
	is_int(r.status, 303, "a list ID in a term URL leads to the list");
	resp_free(&r);
}

static void test_search(void)
{
	struct resp r;
	get("/rms/search", &r);
	ok(r.status == 200 && body_has(&r, "How to search"), "the search page explains itself");
	resp_free(&r);
	get("/rms/search?q=COMPRIME", &r);
	ok(body_has(&r, "/rms/terms/900000000101") && body_has(&r, "<mark>Comprimé</mark>"),
	   "case- and accent-insensitive, the match highlighted");
	resp_free(&r);
	get("/rms/search?q=powd+solv&list=900000000001", &r);
	ok(body_has(&r, "900000000102") && body_has(&r, "<mark>Powder</mark>"), "prefixes of several words, in a list");
	resp_free(&r);
	get("/rms/search?q=powd&status=CURRENT", &r);
	ok(!body_has(&r, "900000000102"), "filtered by status");
	resp_free(&r);
	get("/rms/search?q=900000000104", &r);
	char *loc = header(&r, "Location");
	ok(r.status == 303 && loc && strcmp(loc, "/rms/terms/900000000104") == 0, "an ID jumps to its term");
	free(loc);
	resp_free(&r);
	get("/rms/search?q=900000000001", &r);
	is_int(r.status, 303, "an ID jumps to its list");
	resp_free(&r);
	get("/rms/search?q=999999999996", &r);
	ok(r.status == 200 && body_has(&r, "No term or list has the ID"), "an unknown ID says so");
	resp_free(&r);
	get("/rms/search?q=%3Cscript%3Ealert(1)%3C/script%3E", &r);
	ok(r.status == 200 && !body_has(&r, "<script>alert"), "words are never reflected as markup");
	resp_free(&r);
	get("/rms/search?q=%2B%2B%2B+*+%22+(", &r);
	ok(r.status == 200, "FULLTEXT operators in the words are harmless");
	resp_free(&r);
}

/* The latest snapshot of every term of a list, as one JSON object. */
static json_t *snapshots(const char *list)
{
	char sql[512];
	snprintf(sql, sizeof sql,
		 "SELECT CONCAT('{', GROUP_CONCAT(CONCAT('\"', t.id, '\":', v.snapshot)), '}') FROM rms_terms t"
		 " JOIN rms_term_versions v ON v.term_id = t.id AND v.seq = t.seq WHERE t.list_id = %s",
		 list);
	mysql_query(my, "SET SESSION group_concat_max_len = 100000000");
	return json_loads(dbtest_value_long(my, sql), 0, NULL);
}

static void test_exports(const char *list, const char *name)
{
	struct resp r;
	char path[256];
	snprintf(path, sizeof path, "/rms/lists/%s/export.csv", list);
	get(path, &r);
	char *type = header(&r, "Content-Type"), *disp = header(&r, "Content-Disposition");
	ok(r.status == 200 && type && strncmp(type, "text/csv", 8) == 0, "%s: export.csv is text/csv", list);
	ok(disp && strstr(disp, "attachment") && strstr(disp, ".csv"), "%s: offered as a download", list);
	ok(r.body_len > 3 && memcmp(r.body, "\xef\xbb\xbf\"List ID\",\"Term ID\",\"Language\"", 30) == 0,
	   "%s: UTF-8 with a byte order mark, the EMA's column names", list);
	free(type);
	free(disp);

	/* Round trip: empty the list, import its export, compare every record. */
	json_t *before = snapshots(list);
	char file[4096], args[8192], sql[256];
	snprintf(file, sizeof file, "%s/bench/roundtrip-%s.csv", getenv("SPOR_VAR"), list);
	FILE *f = fopen(file, "wb");
	fwrite(r.body, 1, r.body_len, f);
	fclose(f);
	resp_free(&r);
	snprintf(sql, sizeof sql, "DELETE FROM rms_terms WHERE list_id = %s", list);
	mysql_query(my, sql);
	snprintf(args, sizeof args, "import rms --list-name '%s' '%s'", name, file);
	int rc = sporctl(args);
	json_t *after = snapshots(list);
	ok(rc == 0 && before && after && json_object_size(before) > 0 && json_equal(before, after),
	   "%s: the CSV export imports back to identical records (%zu terms)", list, json_object_size(before));
	json_decref(before);
	json_decref(after);
	unlink(file);

	snprintf(path, sizeof path, "/rms/lists/%s/export.json?status=CURRENT", list);
	get(path, &r);
	json_error_t je;
	json_t *doc = json_loads(r.body, 0, &je);
	json_t *terms = json_object_get(doc, "terms");
	size_t i, bad = 0;
	json_t *t;
	json_array_foreach(terms, i, t) bad += strcmp(json_string_value(json_object_get(t, "status")), "CURRENT") != 0;
	ok(r.status == 200 && doc && json_array_size(terms) > 0 && bad == 0, "%s: export.json respects the status filter",
	   list);
	json_decref(doc);
	resp_free(&r);
}

int main(void)
{
	client_init();
	if (!getenv("SPOR_TEST_BUILD") || !getenv("SPOR_CONFIG") || !getenv("SPOR_VAR"))
		skip_all("no test instance");
	my = dbtest_connect("owner");
	const char *src = getenv("top_srcdir");
	char args[8192], *fx;
	snprintf(args, sizeof args, "%s/tests/fixtures/rms", src ? src : ".");
	fx = realpath(args, NULL);
	snprintf(args, sizeof args, "import rms --list-name 'Hostile fixture' '%s/hostile.csv'", fx);
	ok(sporctl(args) == 3, "the hostile fixture is imported");
	free(fx);
	test_lists();
	test_list();
	test_term();
	test_search();
	test_exports("900000000001", "Hostile fixture");
	const char *shared = getenv("SPOR_SHARED_DATA");
	char data[4096];
	snprintf(data, sizeof data, "%s/rms/200000000006.csv", shared ? shared : "");
	if (!shared)
		snprintf(data, sizeof data, "%s/../shared/data/rms/200000000006.csv", src ? src : ".");
	if (access(data, R_OK) == 0) {
		snprintf(args, sizeof args, "import rms '%s'", data);
		sporctl(args);
		test_exports("200000000006", "Combined pharmaceutical dose form");
	} else {
		printf("ok %d - real export round trip # SKIP no ../shared/data\n", ++tap_count);
	}
	mysql_close(my);
	return done_testing();
}
