/* HTTP tests of the bulk downloads (/downloads, sporctl dump): the page's
 * empty state before any dump; an import that dumps before it returns; the
 * page listing each archive with its size and SHA-256, which match the file
 * nginx serves (a ZIP with the right headers, that unzip -t and libzip
 * open); every list's CSV and FHIR CodeSystem in it byte for byte what the
 * list's own exports answer, and the organisations' CSV and JSON what
 * /oms/export.* answer; older archives and half-written files pruned; an
 * approved change request queuing a dump that `dump --if-queued` makes,
 * with the new term in it; and paths under /downloads/ that reach no other
 * file. */
#include "config.h"

#include <openssl/evp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <zip.h>

#include "../tap.h"
#include "dbtest.h"
#include "users.h"

static MYSQL *owner;
#define value(...) dbtest_valuef(owner, __VA_ARGS__)
#define sql(...) dbtest_execf(owner, __VA_ARGS__)

static char run[USER_RUN_SIZE], dir[512], today[16];

/* downloads.dir of the test instance's configuration. */
static void find_dir(void)
{
	FILE *f = fopen(getenv("SPOR_CONFIG"), "r");
	char line[600];
	while (f && fgets(line, sizeof line, f))
		if (sscanf(line, "downloads.dir = %511s", dir) == 1)
			break;
	if (f)
		fclose(f);
}

/* A GET that waits out nginx's per-client limit of the exports, past
 * nginx's page cache (the cookie of a visitor who has just written): the
 * test reads what the dump has just changed. */
static long fetch(const char *path, struct resp *r)
{
	static const char *const fresh[] = {"Cookie: spor_gtid=0", NULL};
	for (int tries = 0;; tries++) {
		request("GET", path, NULL, 0, fresh, r);
		if (r->status != 429 || tries == 10)
			return r->status;
		resp_free(r);
		sleep(1);
	}
}

static void sha256_hex(const char *data, size_t len, char hex[65])
{
	unsigned char md[EVP_MAX_MD_SIZE];
	unsigned n = 0;
	EVP_Digest(data, len, md, &n, EVP_sha256(), NULL);
	for (unsigned i = 0; i < n && i < 32; i++)
		snprintf(hex + 2 * i, 3, "%02x", md[i]);
}

/* The page's row of archive `name`: its size (the <data> value) and
 * SHA-256; false when the page does not list it. */
static bool listed(const struct resp *page, const char *name, long long *size, char sha[65])
{
	char link[128];
	snprintf(link, sizeof link, "href=\"/downloads/%s\"", name);
	const char *p = page->body ? strstr(page->body, link) : NULL;
	const char *s = p ? strstr(p, "<data class=\"size\" value=\"") : NULL;
	const char *h = s ? strstr(s, "<code class=\"sha256\">") : NULL;
	if (!h)
		return false;
	*size = atoll(s + strlen("<data class=\"size\" value=\""));
	snprintf(sha, 65, "%.64s", h + strlen("<code class=\"sha256\">"));
	return true;
}

/* An archive as nginx serves it, opened. */
struct archive {
	struct resp r;
	zip_t *z;
};

static bool archive_get(const char *name, struct archive *a)
{
	char path[128];
	snprintf(path, sizeof path, "/downloads/%s", name);
	memset(a, 0, sizeof *a);
	if (fetch(path, &a->r) != 200 || !a->r.body_len)
		return false;
	zip_error_t err;
	zip_error_init(&err);
	zip_source_t *src = zip_source_buffer_create(a->r.body, a->r.body_len, 0, &err);
	a->z = src ? zip_open_from_source(src, ZIP_RDONLY, &err) : NULL;
	if (src && !a->z)
		zip_source_free(src);
	zip_error_fini(&err);
	return a->z != NULL;
}

static void archive_free(struct archive *a)
{
	if (a->z)
		zip_discard(a->z);
	resp_free(&a->r);
}

/* Entry `name` whole (libzip checks its CRC as it reads), or NULL; its
 * length in *len. */
static char *entry(const struct archive *a, const char *name, size_t *len)
{
	zip_stat_t st;
	zip_file_t *f;
	if (zip_stat(a->z, name, 0, &st) < 0 || !(f = zip_fopen(a->z, name, 0)))
		return NULL;
	char *s = malloc(st.size + 1);
	zip_int64_t n = zip_fread(f, s, st.size);
	zip_fclose(f);
	if (n < 0 || (zip_uint64_t)n != st.size) {
		free(s);
		return NULL;
	}
	s[n] = '\0';
	*len = (size_t)n;
	return s;
}

/* Whether entry `name` is byte for byte what GET `path` answers. */
static bool same_as(const struct archive *a, const char *name, const char *path)
{
	size_t len = 0;
	char *e = entry(a, name, &len);
	struct resp r;
	bool same = e && fetch(path, &r) == 200 && r.body_len == len && memcmp(r.body, e, len) == 0;
	if (e && !same)
		diag("%s: %zu bytes, %s: %ld, %zu bytes", name, len, path, r.status, r.body_len);
	if (e)
		resp_free(&r);
	free(e);
	return same;
}

/* Whether unzip, another reader, tests every entry of the file as served. */
static bool unzip_tests(const struct archive *a)
{
	char path[] = "/tmp/spor-test-download-XXXXXX";
	int fd = mkstemp(path);
	bool ok = fd >= 0 && write(fd, a->r.body, a->r.body_len) == (ssize_t)a->r.body_len;
	if (fd >= 0)
		close(fd);
	char cmd[128];
	snprintf(cmd, sizeof cmd, "unzip -tq %s >/dev/null", path);
	ok = ok && system(cmd) == 0;
	unlink(path);
	return ok;
}

static void test_empty(void)
{
	sql("DELETE FROM downloads");
	sql("DELETE FROM dump_queue");
	struct resp r;
	ok(fetch("/downloads", &r) == 200 && body_has(&r, "id=\"downloads-empty\"") && !body_has(&r, "<table") &&
		   body_has(&r, "class=\"breadcrumb\""),
	   "before any dump: the page says there is none yet, with its breadcrumb");
	resp_free(&r);
	ok(fetch("/", &r) == 200 && body_has(&r, "href=\"/downloads\""), "the home page links to it");
	resp_free(&r);
}

static void test_import_dumps(void)
{
	char args[4400], out[] = "/tmp/spor-test-dump-out-XXXXXX", src[4096];
	int fd = mkstemp(out);
	if (fd >= 0)
		close(fd);
	dbtest_source_path("db/demo/rms.json", src, sizeof src);
	snprintf(args, sizeof args, "import rms '%s'", src);
	int rc = dbtest_sporctl(NULL, args, out);
	char *said = slurp(out);
	char want[64];
	snprintf(want, sizeof want, "lists-%s.zip", today);
	ok(rc == 0 && said && strstr(said, "writing the bulk downloads") && strstr(said, want),
	   "sporctl import dumps before it returns, and says so");
	if (rc != 0 && said)
		diag("%s", said);
	free(said);
	unlink(out);
	ok(atoi(value("SELECT COUNT(*) FROM downloads WHERE name IN ('lists-%s.zip', 'organisations-%s.zip')", today,
		      today)) == 2,
	   "both archives are recorded");
}

static void test_archives(void)
{
	struct resp page;
	char lists[64], orgs[64], sha[65], got[65];
	long long size = 0;
	snprintf(lists, sizeof lists, "lists-%s.zip", today);
	snprintf(orgs, sizeof orgs, "organisations-%s.zip", today);
	ok(fetch("/downloads", &page) == 200 && !body_has(&page, "id=\"downloads-empty\""), "the page lists the dump");

	struct archive a = {0};
	bool listed_lists = listed(&page, lists, &size, sha);
	ok(listed_lists && archive_get(lists, &a), "%s is listed, served and opens", lists);
	char *type = header(&a.r, "Content-Type"), *disp = header(&a.r, "Content-Disposition");
	char want[128];
	snprintf(want, sizeof want, "attachment; filename=\"%s\"", lists);
	ok(type && strcmp(type, "application/zip") == 0 && disp && strcmp(disp, want) == 0,
	   "as application/zip, an attachment under its name (%s; %s)", type ? type : "-", disp ? disp : "-");
	free(type);
	free(disp);
	sha256_hex(a.r.body ? a.r.body : "", a.r.body_len, got);
	ok(listed_lists && (long long)a.r.body_len == size && strcmp(got, sha) == 0,
	   "the page's size and SHA-256 are the served file's (%lld, %.12s...)", size, sha);
	ok(strcmp(value("SELECT sha256 FROM downloads WHERE name = '%s'", lists), got) == 0, "and the recorded ones");
	ok(unzip_tests(&a), "unzip -t finds every entry sound");

	MYSQL_RES *res = NULL;
	if (mysql_query(owner, "SELECT id FROM rms_lists ORDER BY id") == 0)
		res = mysql_store_result(owner);
	int nlists = 0, csv = 0, fhir = 0;
	for (MYSQL_ROW row; res && (row = mysql_fetch_row(res)); nlists++) {
		char name[64], path[128];
		snprintf(name, sizeof name, "csv/%s.csv", row[0]);
		snprintf(path, sizeof path, "/rms/lists/%s/export.csv", row[0]);
		csv += same_as(&a, name, path);
		snprintf(name, sizeof name, "fhir/%s.json", row[0]);
		snprintf(path, sizeof path, "/api/v1/fhir/CodeSystem/%s", row[0]);
		fhir += same_as(&a, name, path);
	}
	if (res)
		mysql_free_result(res);
	ok(nlists > 0 && csv == nlists, "every list's CSV is its export.csv byte for byte (%d of %d)", csv, nlists);
	ok(nlists > 0 && fhir == nlists, "every list's FHIR CodeSystem is the API's byte for byte (%d of %d)", fhir,
	   nlists);
	ok(a.z && zip_get_num_entries(a.z, 0) == 2 * nlists, "and nothing else is in it");
	archive_free(&a);

	bool listed_orgs = listed(&page, orgs, &size, sha);
	ok(listed_orgs && archive_get(orgs, &a) && (long long)a.r.body_len == size, "%s is listed, served and opens",
	   orgs);
	sha256_hex(a.r.body ? a.r.body : "", a.r.body_len, got);
	ok(listed_orgs && strcmp(got, sha) == 0 && unzip_tests(&a), "its SHA-256 is the page's; unzip -t finds it sound");
	ok(a.z && same_as(&a, "organisations.csv", "/oms/export.csv?sort=id") &&
		   same_as(&a, "organisations.json", "/oms/export.json?sort=id") && zip_get_num_entries(a.z, 0) == 2,
	   "every organisation with its locations, as /oms/export.csv and /oms/export.json answer");
	archive_free(&a);
	resp_free(&page);
}

/* Older archives beyond downloads.keep (3) go, rows and files, and so does
 * what a dump that died left. */
static void test_prune(void)
{
	char path[700];
	for (int day = 1; day <= 4; day++) {
		snprintf(path, sizeof path, "%s/lists-2001-01-0%d.zip", dir, day);
		FILE *f = fopen(path, "w");
		if (f)
			fclose(f);
		sql("INSERT INTO downloads (name, kind, made_at, size, sha256, entries) VALUES"
		    " ('lists-2001-01-0%d.zip', 'lists', '2001-01-0%d', 0, REPEAT('0', 64), 0)",
		    day, day);
	}
	snprintf(path, sizeof path, "%s/.lists-%s.zip.Ab12Cd", dir, today);
	FILE *f = fopen(path, "w");
	if (f)
		fclose(f);
	ok(dbtest_sporctl(NULL, "dump", NULL) == 0, "sporctl dump");
	ok(strcmp(value("SELECT GROUP_CONCAT(name ORDER BY name) FROM downloads WHERE kind = 'lists'"), "") != 0 &&
		   atoi(value("SELECT COUNT(*) FROM downloads WHERE kind = 'lists'")) == 3 &&
		   atoi(value("SELECT COUNT(*) FROM downloads WHERE name IN ('lists-2001-01-03.zip',"
			      " 'lists-2001-01-04.zip', 'lists-%s.zip')",
			      today)) == 3,
	   "the three newest archives of the lists are kept");
	snprintf(path, sizeof path, "%s/lists-2001-01-02.zip", dir);
	bool old_gone = access(path, F_OK) != 0;
	snprintf(path, sizeof path, "%s/lists-2001-01-04.zip", dir);
	bool kept = access(path, F_OK) == 0;
	snprintf(path, sizeof path, "%s/.lists-%s.zip.Ab12Cd", dir, today);
	ok(old_gone && kept && access(path, F_OK) != 0, "the older files are removed, and the half-written one");
	sql("DELETE FROM downloads WHERE name LIKE 'lists-2001-%%'");
}

static void test_approval_queues(void)
{
	struct user ivy, stew;
	ok(user_make(owner, &ivy, "ivy", run, "downloads.test") && user_make(owner, &stew, "stew", run, "downloads.test"),
	   "a requester and a data steward");
	sql("INSERT INTO account_roles (account_id, role_code, org_id) VALUES (%s, 'INDUSTRY_USER', 'ORG-100000001'),"
	    " (%s, 'DATA_STEWARD', '')",
	    ivy.id, stew.id);
	char list[16], path[96], fields[200], id[24];
	snprintf(list, sizeof list, "%s", value("SELECT list_id FROM rms_terms GROUP BY list_id ORDER BY list_id LIMIT 1"));
	snprintf(path, sizeof path, "/rms/lists/%s/requests/new", list);
	user_get(&ivy, path);
	snprintf(fields, sizeof fields, "term_name=Bulk+download+%s&short_name=BD&description=A+term+for+the+dump&"
		 "justification=Needed+for+new+products&step=submit", run);
	user_post(&ivy, path, fields);
	snprintf(id, sizeof id, "%s",
		 value("SELECT MAX(id) FROM change_requests WHERE account_id = %s AND status = 'SUBMITTED'", ivy.id));
	ok(*id && atoi(value("SELECT COUNT(*) FROM dump_queue")) == 0, "a request submitted queues no dump");
	sql("UPDATE downloads SET made_at = '2001-01-01' WHERE name = 'lists-%s.zip'", today);
	ok(dbtest_sporctl(NULL, "dump --if-queued", NULL) == 0 &&
		   strcmp(value("SELECT made_at FROM downloads WHERE name = 'lists-%s.zip'", today),
			  "2001-01-01 00:00:00") == 0,
	   "dump --if-queued with nothing queued makes no dump");
	snprintf(path, sizeof path, "/admin/change-requests/%s", id);
	user_get(&stew, path);
	snprintf(path, sizeof path, "/admin/change-requests/%s/move", id);
	long valid = user_post(&stew, path, "to=VALID");
	snprintf(path, sizeof path, "/admin/change-requests/%s", id);
	user_get(&stew, path);
	snprintf(path, sizeof path, "/admin/change-requests/%s/move", id);
	long approved = user_post(&stew, path, "to=APPROVED");
	ok(valid == 303 && approved == 303 && strcmp(value("SELECT status FROM change_requests WHERE id = %s", id),
						    "APPROVED") == 0,
	   "the steward approves it");
	ok(strcmp(value("SELECT request_id FROM dump_queue"), id) == 0, "the approval queued a dump");
	ok(strcmp(value("SELECT made_at FROM downloads WHERE name = 'lists-%s.zip'", today), "2001-01-01 00:00:00") == 0,
	   "and spor-admin wrote no archive");
	ok(dbtest_sporctl(NULL, "dump --if-queued", NULL) == 0, "the timer's dump --if-queued runs");
	ok(atoi(value("SELECT COUNT(*) FROM dump_queue")) == 0 &&
		   strcmp(value("SELECT made_at > '2001-01-01' FROM downloads WHERE name = 'lists-%s.zip'", today), "1") == 0,
	   "it made a new dump and emptied the queue");
	char name[64], entry_name[64], term_name[64];
	snprintf(name, sizeof name, "lists-%s.zip", today);
	snprintf(entry_name, sizeof entry_name, "csv/%s.csv", list);
	snprintf(term_name, sizeof term_name, "Bulk download %s", run);
	struct archive a = {0};
	size_t len = 0;
	char *csv = archive_get(name, &a) ? entry(&a, entry_name, &len) : NULL;
	ok(csv && strstr(csv, term_name), "the approved term is in the new archive's %s", entry_name);
	free(csv);
	archive_free(&a);
}

static void test_paths(void)
{
	char path[700];
	snprintf(path, sizeof path, "%s/.lists-%s.zip.Zz99Yy", dir, today);
	FILE *f = fopen(path, "w");
	if (f)
		fclose(f);
	char tmp[96], upper[96], slash[96], sha[96];
	snprintf(tmp, sizeof tmp, "/downloads/.lists-%s.zip.Zz99Yy", today);
	snprintf(upper, sizeof upper, "/downloads/LISTS-%s.zip", today);
	snprintf(slash, sizeof slash, "/downloads/lists-%s.zip/", today);
	snprintf(sha, sizeof sha, "/downloads/lists-%s.zip.sha256", today);
	const char *tricks[] = {"/downloads/.dump.lock", tmp, upper, slash, sha, "/downloads/../spor.conf",
				"/downloads/%2e%2e/spor.conf", "/downloads/..%2fspor.conf", "/downloads/lists-2001-01-01.zip",
				"/downloads/%2e%2e/downloads/.dump.lock", "/downloads/lists-2026-12-02.zip%2f..%2f.dump.lock"};
	for (size_t i = 0; i < sizeof tricks / sizeof tricks[0]; i++) {
		struct resp r;
		fetch(tricks[i], &r);
		ok(r.status == 404, "%s: 404 (%ld)", tricks[i], r.status);
		resp_free(&r);
	}
	/* Above the root nginx refuses the path itself. */
	const char *above[] = {"/downloads/../../../etc/passwd", "/downloads/%2e%2e%2f%2e%2e%2fspor.conf"};
	for (size_t i = 0; i < sizeof above / sizeof above[0]; i++) {
		struct resp r;
		fetch(above[i], &r);
		ok(r.status == 400, "%s: 400 (%ld)", above[i], r.status);
		resp_free(&r);
	}
	struct resp r;
	fetch("/downloads/", &r);
	char *to = header(&r, "Location");
	ok(r.status == 308 && to && strcmp(to, "/downloads") == 0 && !body_has(&r, ".zip"),
	   "/downloads/: no listing, the page's address (%ld)", r.status);
	free(to);
	resp_free(&r);
	unlink(path);
}

int main(void)
{
	owner = users_start(run);
	client_source = "127.0.0.6"; /* an allowance of its own for the exports it compares */
	find_dir();
	time_t now = time(NULL);
	struct tm tm;
	gmtime_r(&now, &tm);
	strftime(today, sizeof today, "%Y-%m-%d", &tm);
	ok(*dir != '\0', "the instance's downloads.dir (%s)", dir);
	test_empty();
	test_import_dumps();
	ok(dbtest_import_demo(), "the demonstration organisations");
	test_archives();
	test_prune();
	test_approval_queues();
	test_paths();
	client_source = NULL;
	users_done(owner);
	return done_testing();
}
