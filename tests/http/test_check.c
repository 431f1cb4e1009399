/* The check of a list of IDs through nginx: the page /tools/check (a paste,
 * an upload, the CSV and Excel downloads, every kind of ID, replaced terms
 * and merged organisations and locations followed to the ID in use, cycles
 * and chains too long, IDs not found, tokens that are no ID, the 10,000
 * cap, hostile input) and POST /api/v1/check (the request's order, the 400s
 * naming the member at fault). */
#include "config.h"

#include <jansson.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "../tap.h"
#include "client.h"
#include "dbtest.h"

static MYSQL *owner;

/* A list of our own: a chain T1 -> T2 -> T3, a cycle C1 <-> C2, a term
 * replaced by an ID nobody holds, and a chain of 18 steps (L00 .. L18). */
#define LIST "932000000001"
#define T1 "932000000011"
#define T2 "932000000012"
#define T3 "932000000013"
#define C1 "932000000021"
#define C2 "932000000022"
#define GONE "932000000031"
#define NOBODY "932999999999"
#define LONG(n) "9320000001" #n

static bool import_list(void)
{
	char csv[8192] = "List ID,Term ID,Language,Term Name,Term Status\n";
	const char *ids[] = {T1, T2, T3, C1, C2, GONE};
	for (size_t i = 0; i < sizeof ids / sizeof ids[0]; i++)
		snprintf(csv + strlen(csv), sizeof csv - strlen(csv), LIST ",%s,en,\"Check term %zu\",%s\n", ids[i], i,
			 i == 2 ? "CURRENT" : "NON_CURRENT");
	for (int i = 0; i <= 18; i++)
		snprintf(csv + strlen(csv), sizeof csv - strlen(csv), LIST ",9320000001%02d,en,\"Long %d\",NON_CURRENT\n", i,
			 i);
	if (!dbtest_import_csv(csv))
		return false;
	int rc = dbtest_execf(owner, "UPDATE rms_terms SET current_term_id = %s WHERE id = %s", T2, T1) |
		 dbtest_execf(owner, "UPDATE rms_terms SET current_term_id = %s WHERE id = %s", T3, T2) |
		 dbtest_execf(owner, "UPDATE rms_terms SET current_term_id = %s WHERE id = %s", C2, C1) |
		 dbtest_execf(owner, "UPDATE rms_terms SET current_term_id = %s WHERE id = %s", C1, C2) |
		 dbtest_execf(owner, "UPDATE rms_terms SET current_term_id = %s WHERE id = %s", NOBODY, GONE) |
		 dbtest_execf(owner,
			      "UPDATE rms_terms SET current_term_id = id + 1 WHERE id BETWEEN 932000000100 AND 932000000117") |
		 dbtest_execf(owner, "INSERT IGNORE INTO rms_term_names (term_id, lang, kind, value) VALUES (%s, 'fr',"
				     " 'name', 'Terme de contrôle'), (%s, 'fr', 'name', 'Terme remplacé')", T3, T1) |
		 /* ORG-100000098 -> ORG-100000099 -> ORG-100000001 (the demonstration's merge), and a cycle */
		 dbtest_execf(owner, "INSERT IGNORE INTO oms_merged (kind, old_id, new_id, org_id) VALUES"
				     " ('ORG', 100000098, 100000099, 100000001), ('ORG', 932000001, 932000002, 100000001),"
				     " ('ORG', 932000002, 932000001, 100000001)");
	return rc == 0;
}

static void cleanup(void)
{
	dbtest_execf(owner, "DELETE FROM oms_merged WHERE old_id IN (100000098, 932000001, 932000002)");
}

/* POST a urlencoded form to /tools/check. */
static long post_form(const char *body, struct resp *r)
{
	const char *headers[] = {"Content-Type: application/x-www-form-urlencoded", NULL};
	request("POST", "/tools/check", body, strlen(body), headers, r);
	return r->status;
}

/* POST a multipart form: the text `ids`, a file of `len` bytes, the format. */
static long post_file(const char *ids, const char *file, size_t len, const char *format, struct resp *r)
{
	size_t cap = len + 4096;
	char *body = malloc(cap);
	int n = snprintf(body, cap,
			 "--XyZ\r\nContent-Disposition: form-data; name=\"ids\"\r\n\r\n%s\r\n"
			 "--XyZ\r\nContent-Disposition: form-data; name=\"format\"\r\n\r\n%s\r\n"
			 "--XyZ\r\nContent-Disposition: form-data; name=\"file\"; filename=\"ids.csv\"\r\n"
			 "Content-Type: text/csv\r\n\r\n",
			 ids, format);
	memcpy(body + n, file, len);
	size_t total = (size_t)n + len;
	total += (size_t)snprintf(body + total, cap - total, "\r\n--XyZ--\r\n");
	const char *headers[] = {"Content-Type: multipart/form-data; boundary=XyZ", NULL};
	request("POST", "/tools/check", body, total, headers, r);
	free(body);
	return r->status;
}

/* POST a JSON body to /api/v1/check and parse the answer. */
static json_t *post_api(const char *body, struct resp *r)
{
	const char *headers[] = {"Content-Type: application/json", "Accept: application/json", NULL};
	request("POST", "/api/v1/check", body, strlen(body), headers, r);
	return r->body ? json_loads(r->body, 0, NULL) : NULL;
}

/* The table's row of `id` (the text from its <tr> to its </tr>), new. */
static char *row_of(const struct resp *r, const char *id)
{
	char needle[64];
	snprintf(needle, sizeof needle, ">%s</code>", id);
	const char *at = r->body ? strstr(r->body, needle) : NULL;
	if (!at)
		return strdup("");
	const char *start = at;
	while (start > r->body && strncmp(start, "<tr>", 4) != 0)
		start--;
	const char *end = strstr(at, "</tr>");
	return strndup(start, end ? (size_t)(end - start) : strlen(start));
}

static void test_page(void)
{
	struct resp r;
	client_anonymous = true;
	get("/tools/check", &r);
	char *cc = header(&r, "Cache-Control");
	ok(r.status == 200 && body_has(&r, "name=\"ids\"") && body_has(&r, "type=\"file\"") &&
		   body_has(&r, "enctype=\"multipart/form-data\""),
	   "the page: a textarea and a file, posted as multipart");
	ok(!body_has(&r, "csrf_token") && cc && strstr(cc, "public"),
	   "no token in the form, so the page is cached like every public page (%s)", cc ? cc : "none");
	ok(body_has(&r, "class=\"breadcrumb\"") && body_has(&r, "What the check tells you"),
	   "with breadcrumbs and what the check tells before anything is checked");
	free(cc);
	resp_free(&r);
	get("/", &r);
	ok(body_has(&r, "href=\"/tools/check\""), "the home page links to it");
	resp_free(&r);
	client_anonymous = false;
	get("/tools/check?lang=fr", &r);
	ok(body_has(&r, "Vérifier une liste d"), "in French");
	resp_free(&r);
	get("/tools/check?lang=de", &r);
	ok(body_has(&r, "Eine Liste von IDs prüfen"), "in German");
	resp_free(&r);
}

static void test_paste(void)
{
	struct resp r;
	/* Every kind, mixed separators, lower case, stray white space, a
	 * merged ID, one nobody holds, and tokens that are no ID. */
	post_form("data_lang=fr&ids=" T1 "%2C+org-100000001%3BLOC-100001001%09100000000002%0D%0A++ORG-100000099+"
		  "LOC-100009999+999999999999+hello+%3Cscript%3Ealert(1)%3C%2Fscript%3E+%3D1%2B2+ORG-100000098",
		  &r);
	ok(r.status == 200, "a paste is checked (%ld)", r.status);
	char *row = row_of(&r, T1);
	ok(strstr(row, "/rms/terms/" T1) && strstr(row, "Found") && strstr(row, "Check term 0") &&
		   strstr(row, ">" T3 "</code>") && strstr(row, "/rms/lists/" LIST),
	   "a replaced term: found, its list, its name, and the term at the end of its chain");
	free(row);
	row = row_of(&r, "ORG-100000001");
	ok(strstr(row, "/oms/organisations/ORG-100000001") && strstr(row, "Organisation"),
	   "an organisation ID in lower case is read");
	free(row);
	row = row_of(&r, "LOC-100001001");
	ok(strstr(row, "Location") && strstr(row, "/oms/organisations/ORG-100000001"),
	   "a location, with its organisation");
	free(row);
	row = row_of(&r, "100000000002");
	ok(strstr(row, "/rms/lists/100000000002") && strstr(row, ">List<"), "a list ID");
	free(row);
	row = row_of(&r, "ORG-100000099");
	ok(strstr(row, "Merged") && strstr(row, ">ORG-100000001</code>"), "a merged organisation: its current ID");
	free(row);
	row = row_of(&r, "ORG-100000098");
	ok(strstr(row, ">ORG-100000001</code>"), "a chain of two merges is followed to its end");
	free(row);
	row = row_of(&r, "LOC-100009999");
	ok(strstr(row, ">LOC-100001001</code>"), "a merged location: its current ID");
	free(row);
	row = row_of(&r, "999999999999");
	ok(strstr(row, "Not found"), "an ID nobody holds: not found");
	free(row);
	ok(body_has(&r, "<code>hello</code>") && body_has(&r, "&lt;script&gt;alert(1)&lt;/script&gt;") &&
		   !body_has(&r, "<script>alert"),
	   "tokens that are no ID are named, their HTML escaped");
	ok(body_has(&r, "lang=\"fr\">Terme remplac"), "the names in the data language chosen");
	ok(body_has(&r, "11 entries") || body_has(&r, "11 entr"), "every token is a row");
	resp_free(&r);

	post_form("ids=" C1 "+" GONE "+" LONG(00) "+" LONG(01) "+" LONG(02), &r);
	row = row_of(&r, C1);
	ok(strstr(row, "go round in a circle") != NULL, "a cycle of replacements is reported, not followed");
	free(row);
	row = row_of(&r, GONE);
	ok(strstr(row, "does not hold") != NULL, "a replacement nobody holds is reported");
	free(row);
	row = row_of(&r, LONG(00));
	ok(strstr(row, "More than 16") != NULL, "a chain of 18 steps is too long");
	free(row);
	row = row_of(&r, LONG(02));
	ok(strstr(row, ">" LONG(18) "</code>") != NULL, "one of 16 steps is followed");
	free(row);
	resp_free(&r);
}

static void test_downloads(void)
{
	struct resp r;
	post_form("format=csv&ids=" T1 "+ORG-100000099+%3D1%2B2+%2Bcmd+-2+%40SUM(A1)+123", &r);
	char *type = header(&r, "Content-Type"), *disp = header(&r, "Content-Disposition");
	ok(r.status == 200 && type && strstr(type, "text/csv") && disp && strstr(disp, "spor-check.csv"),
	   "the CSV download");
	ok(body_has(&r, "\r\n" T1 "," T1 ",\"found\",\"term\"," LIST ",") && body_has(&r, "," T3 ","),
	   "a row per token, with the current ID");
	ok(body_has(&r, "\"'=1+2\"") && body_has(&r, "\"'+cmd\"") && body_has(&r, "\"'-2\"") &&
		   body_has(&r, "\"'@SUM(A1)\"") && !body_has(&r, "\n=") && !body_has(&r, ",=1"),
	   "tokens that a spreadsheet would take for formulas are guarded");
	free(type);
	free(disp);
	resp_free(&r);

	post_form("format=xlsx&ids=" T1 "+ORG-100000099", &r);
	type = header(&r, "Content-Type");
	ok(r.status == 200 && type && strstr(type, "spreadsheetml") && r.body_len > 4 &&
		   memcmp(r.body, "PK\x03\x04", 4) == 0,
	   "the Excel download");
	free(type);
	resp_free(&r);
}

static void test_upload(void)
{
	struct resp r;
	const char file[] = "\xef\xbb\xbf\"Term ID\";\"Org\"\r\n\"" T1 "\";\"ORG-100000001\"\r\n";
	post_file("", file, sizeof file - 1, "html", &r);
	ok(r.status == 200 && strstr(r.body, ">" T1 "</code>") && body_has(&r, ">ORG-100000001</code>") &&
		   body_has(&r, "<code>Org</code>"),
	   "an uploaded CSV file (byte order mark, quotes, semicolons) is read");
	ok(body_has(&r, "Org\n" T1 "\nORG-100000001</textarea>"), "its tokens fill the form again");
	resp_free(&r);
	post_file("100000000002", file, sizeof file - 1, "csv", &r);
	ok(r.status == 200 && body_has(&r, "\r\n100000000002,") && body_has(&r, "\r\n" T1 ","),
	   "a paste and a file together, downloaded");
	resp_free(&r);
	const char bad[] = "100000000002\n\xff\xfe";
	post_file("", bad, sizeof bad - 1, "html", &r);
	ok(r.status == 400 && body_has(&r, "plain text in UTF-8") && body_has(&r, "aria-invalid=\"true\""),
	   "a file that is not UTF-8: the form says so");
	resp_free(&r);
	const char nul[] = "100000000002\0ORG-100000001";
	post_file("", nul, sizeof nul - 1, "html", &r);
	ok(r.status == 400 && body_has(&r, "plain text in UTF-8"), "a file with a NUL byte: the same");
	resp_free(&r);
}

static void test_limits(void)
{
	struct resp r;
	post_form("ids=", &r);
	ok(r.status == 400 && body_has(&r, "Paste at least one ID"), "nothing to check: the form says so");
	resp_free(&r);
	post_form("ids=%00", &r);
	ok(r.status == 400, "a NUL byte is refused (%ld)", r.status);
	resp_free(&r);
	post_form("ids=%FF%FE", &r);
	ok(r.status == 400, "invalid UTF-8 is refused (%ld)", r.status);
	resp_free(&r);

	/* 10,000 IDs (13 bytes each) pass; one more is refused. */
	size_t cap = 10001 * 16 + 64;
	char *body = malloc(cap), *p = body;
	p += sprintf(p, "ids=");
	for (int i = 0; i < 10000; i++)
		p += sprintf(p, "%s%%0A", i % 3 == 0 ? T1 : i % 3 == 1 ? "ORG-100000001" : "100000000002");
	struct timespec t0, t1;
	clock_gettime(CLOCK_MONOTONIC, &t0);
	post_form(body, &r);
	clock_gettime(CLOCK_MONOTONIC, &t1);
	ok(r.status == 200 && body_has(&r, "10000 entries"), "10,000 IDs are checked (%ld)", r.status);
	diag("10,000 IDs as a page: %.0f ms (a build with sanitizers)",
	     (double)(t1.tv_sec - t0.tv_sec) * 1e3 + (double)(t1.tv_nsec - t0.tv_nsec) / 1e6);
	resp_free(&r);
	sprintf(p, "100000000002");
	post_form(body, &r);
	ok(r.status == 400 && body_has(&r, "At most 10,000 IDs"), "10,001 are refused with why");
	resp_free(&r);
	p = body + sprintf(body, "ids=");
	for (int i = 0; i < 1001; i++)
		p += sprintf(p, "x%d+", i);
	post_form(body, &r);
	ok(r.status == 400 && body_has(&r, "More than 1,000 entries are not IDs"), "so are 1,001 tokens that are no ID");
	resp_free(&r);
	free(body);

	body = malloc(300 * 1024 + 1);
	memset(body, 'a', 300 * 1024);
	memcpy(body, "ids=", 4);
	body[300 * 1024] = '\0';
	post_form(body, &r);
	ok(r.status == 413, "a body of 300 KB is refused (%ld)", r.status);
	resp_free(&r);
	free(body);
}

static void test_api(void)
{
	struct resp r;
	json_t *doc = post_api("{\"ids\": [\"ORG-100000099\", \" " T1 " \", \"nope\", \"\", \"100000000002\","
			       " \"loc-100001001\", \"999999999999\", \"" C1 "\"], \"lang\": \"fr\"}",
			       &r);
	json_t *res = json_object_get(doc, "results");
	char *cors = header(&r, "Access-Control-Allow-Origin"), *cc = header(&r, "Cache-Control");
	ok(r.status == 200 && json_array_size(res) == 8, "the API answers one result per element (%ld)", r.status);
	ok(cors && strcmp(cors, "*") == 0 && cc && strcmp(cc, "no-store") == 0, "to any origin, never kept");
	free(cors);
	free(cc);
#define AT(i, k) json_object_get(json_array_get(res, i), k)
#define S(i, k) json_string_value(AT(i, k))
	ok(S(0, "input") && strcmp(S(0, "input"), "ORG-100000099") == 0 && json_is_true(AT(0, "merged")) &&
		   S(0, "current") && strcmp(S(0, "current"), "ORG-100000001") == 0,
	   "in the request's order: a merged organisation first");
	ok(S(1, "id") && strcmp(S(1, "id"), T1) == 0 && S(1, "current") && strcmp(S(1, "current"), T3) == 0 &&
		   json_array_size(AT(1, "replacedBy")) == 2 && S(1, "kind") && strcmp(S(1, "kind"), "term") == 0 &&
		   json_is_string(json_object_get(AT(1, "list"), "name")),
	   "a replaced term, trimmed: its chain, the current term, its list");
	ok(json_is_null(AT(2, "id")) && json_is_false(AT(2, "found")) && json_is_null(AT(3, "id")) &&
		   S(3, "input") && !*S(3, "input"),
	   "a string that is no ID, and an empty one, keep their places");
	ok(S(4, "kind") && strcmp(S(4, "kind"), "list") == 0 && S(5, "kind") && strcmp(S(5, "kind"), "location") == 0 &&
		   S(5, "id") && strcmp(S(5, "id"), "LOC-100001001") == 0,
	   "a list and a location (lower case)");
	ok(json_is_false(AT(6, "found")) && S(6, "id") && json_is_null(AT(6, "kind")), "an ID nobody holds");
	ok(S(7, "problem") && strcmp(S(7, "problem"), "cycle") == 0 && json_is_null(AT(7, "current")), "a cycle");
	json_decref(doc);
	resp_free(&r);

	doc = post_api("{\"ids\": [\"" T3 "\"], \"lang\": \"fr\"}", &r);
	res = json_object_get(doc, "results");
	ok(S(0, "localName") && strcmp(S(0, "localName"), "Terme de contrôle") == 0 && S(0, "name") &&
		   strcmp(S(0, "name"), "Check term 2") == 0,
	   "names in English and in the language asked");
	json_decref(doc);
	resp_free(&r);
#undef S
#undef AT

	static const struct {
		const char *body, *param, *reason;
	} bad[] = {
		{"[\"100000000002\"]", "body", "json"},
		{"{\"id\": []}", "id", "unknown"},
		{"{}", "ids", "required"},
		{"{\"ids\": \"100000000002\"}", "ids", "format"},
		{"{\"ids\": [\"100000000002\", 7]}", "ids[1]", "format"},
		{"{\"ids\": [], \"lang\": \"<b>\"}", "lang", "format"},
		{"{\"ids\": [\"a\\u0000b\"]}", "body", "json"},
		{"{\"ids\": [\"\xff\"]}", "body", "json"},
		{"{\"ids\": [], \"ids\": []}", "body", "json"},
	};
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		doc = post_api(bad[i].body, &r);
		json_t *e = json_object_get(doc, "error");
		const char *param = json_string_value(json_object_get(e, "parameter"));
		const char *reason = json_string_value(json_object_get(e, "reason"));
		if (!ok(r.status == 400 && param && strcmp(param, bad[i].param) == 0 && reason &&
				strcmp(reason, bad[i].reason) == 0,
			"a wrong body is a 400 naming %s (%s)", bad[i].param, bad[i].reason))
			diag("%ld %s", r.status, r.body ? r.body : "");
		json_decref(doc);
		resp_free(&r);
	}

	/* 10,000 strings pass, in order; one more is a 400. */
	size_t cap = 10001 * 18 + 64;
	char *body = malloc(cap), *p = body;
	p += sprintf(p, "{\"ids\": [");
	for (int i = 0; i < 10000; i++)
		p += sprintf(p, "%s\"%s\"", i ? "," : "", i == 9999 ? "LOC-100009999" : i % 2 ? T1 : "ORG-100000001");
	sprintf(p, "]}");
	doc = post_api(body, &r);
	res = json_object_get(doc, "results");
	ok(r.status == 200 && json_array_size(res) == 10000 &&
		   strcmp(json_string_value(json_object_get(json_array_get(res, 9999), "current")), "LOC-100001001") == 0,
	   "10,000 IDs are answered, the last one last");
	json_decref(doc);
	resp_free(&r);
	sprintf(p, ",\"100000000002\"]}");
	doc = post_api(body, &r);
	ok(r.status == 400 && strstr(r.body, "\"too_many\"") && strstr(r.body, "\"ids\""), "10,001 are a 400 naming ids");
	json_decref(doc);
	resp_free(&r);
	free(body);

	const char *form[] = {"Content-Type: application/x-www-form-urlencoded", NULL};
	request("POST", "/api/v1/check", "ids=1", 5, form, &r);
	ok(r.status == 415, "a form body is not the API's (%ld)", r.status);
	resp_free(&r);
	get("/api/v1/check", &r);
	ok(r.status == 405, "GET is not allowed (%ld)", r.status);
	resp_free(&r);
}

int main(void)
{
	client_init();
	owner = dbtest_connect("owner");
	if (!owner)
		skip_all("no test instance");
	ok(dbtest_import_demo(), "the demonstration data");
	ok(import_list(), "a list with replacements and merges of its own");
	test_page();
	test_paste();
	test_downloads();
	test_upload();
	test_limits();
	test_api();
	cleanup();
	mysql_close(owner);
	return done_testing();
}
