/* The change feed and the Atom feeds through nginx (issue 21, item 7): the
 * versions an import, an approved change request and sporctl gen-data
 * record, each once, oldest first, with its cursor, kind, ID, source, file
 * and request; paging with next until the end, an empty page there and
 * beyond it, a bad since named; a cursor never seen before a smaller one
 * commits (two writers at once, and a writer and an import, whose batch
 * takes no cursor while the other holds the turn) and never handed out
 * again after a rollback; the same answers after spor-public's workers are
 * replaced; the last page never kept by nginx, full pages kept, 304 on the
 * ETag; the Atom feeds of a list, an organisation and everything
 * well-formed and valid against Atom's shape (xmllint,
 * tests/fixtures/atom.rng), hostile names and file names escaped, and
 * linked from the pages' heads. */
#include "config.h"

#include <jansson.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "../tap.h"
#include "dbtest.h"
#include "users.h"

static MYSQL *owner;
#define value(...) dbtest_valuef(owner, __VA_ARGS__)

static char run[USER_RUN_SIZE];
static struct user stew, ivy;

/* A list of our own; its second term's name is hostile. */
#define LIST "940000000001"
#define T1 "940000000011"
#define T2 "940000000012"
#define T3 "940000000013"
#define T4 "940000000014"
#define HOSTILE_CSV "<b>Tablet</b> & \"\"film\"\" 'coated' \x01 \xF0\x9F\xA7\xAA" /* a quoted CSV field */

static long long last_cursor(void)
{
	return atoll(value("SELECT COALESCE(MAX(id), 0) FROM change_feed"));
}

/* GET /api/v1/changes?<query> (with one more header, or NULL): its JSON. */
static json_t *changes(const char *query, const char *extra, struct resp *r)
{
	char path[256];
	snprintf(path, sizeof path, "/api/v1/changes?%s", query);
	const char *headers[] = {"Accept: application/json", extra, NULL};
	request("GET", path, NULL, 0, headers, r);
	return r->body ? json_loads(r->body, 0, NULL) : NULL;
}

static const char *field(json_t *o, const char *key)
{
	return json_string_value(json_object_get(o, key));
}

/* Every version after `since`, page by page (`size` a page) following
 * next: how many, whether the cursors only grew and each page's next was
 * its last cursor; the versions in `all` (when given). */
static size_t walk(long long since, int size, json_t *all, bool *ordered, int *pages)
{
	size_t n = 0;
	long long prev = since;
	*ordered = true;
	*pages = 0;
	for (bool more = true; more && *pages < 1000; (*pages)++) {
		char q[96];
		snprintf(q, sizeof q, "since=%lld&size=%d", since, size);
		struct resp r;
		json_t *doc = changes(q, NULL, &r);
		json_t *list = json_object_get(doc, "changes");
		size_t i;
		json_t *c;
		json_array_foreach(list, i, c)
		{
			long long cursor = atoll(field(c, "cursor") ? field(c, "cursor") : "0");
			*ordered &= cursor > prev;
			prev = cursor;
			if (all)
				json_array_append(all, c);
		}
		n += json_array_size(list);
		more = r.status == 200 && json_is_true(json_object_get(json_object_get(doc, "paging"), "more"));
		const char *next = field(doc, "next");
		*ordered &= next && atoll(next) == prev;
		since = next ? atoll(next) : since;
		json_decref(doc);
		long status = r.status;
		resp_free(&r);
		if (status != 200)
			break;
	}
	return n;
}

/* The versions in `all` of kind `kind` and ID `id`. */
static json_t *find(json_t *all, const char *kind, const char *id)
{
	size_t i;
	json_t *c;
	json_array_foreach(all, i, c)
	{
		if (strcmp(field(c, "kind"), kind) == 0 && strcmp(field(c, "id"), id) == 0)
			return c;
	}
	return NULL;
}

/* Import our list from a file whose name is hostile too. */
static bool import_list(const char *file)
{
	FILE *f = fopen(file, "w");
	if (!f)
		return false;
	fputs("List ID,Term ID,Language,Term Name,Short Name,Term Description,Domain ID,Parent ID,Term Status\n"
	      LIST "," T1 ",en,\"Feed tablet\",FT,\"A tablet of the feed test\",,,CURRENT\n"
	      LIST "," T2 ",en,\"" HOSTILE_CSV "\",,,,,CURRENT\n"
	      LIST "," T3 ",en,\"Feed cream\",,,,,CURRENT\n", f);
	fclose(f);
	char args[512];
	snprintf(args, sizeof args, "import rms '%s'", file);
	return dbtest_sporctl(NULL, args, NULL) == 0;
}

/* 1. An import: each new term once, in one sequence, with its file. */
static void test_import(void)
{
	long long before = last_cursor();
	char file[128];
	snprintf(file, sizeof file, "/tmp/feed<&\">-%d.csv", (int)getpid());
	ok(import_list(file), "a list of three terms imported");
	unlink(file);
	json_t *all = json_array();
	bool ordered;
	int pages;
	size_t n = walk(before, 2, all, &ordered, &pages);
	ok(n == 3 && ordered && pages == 2, "the feed after the import: its three terms, two a page, in order (%zu, %d pages)",
	   n, pages);
	json_t *t2 = find(all, "term", T2);
	char name[128];
	snprintf(name, sizeof name, "feed<&\">-%d.csv", (int)getpid());
	ok(t2 && strcmp(field(t2, "source"), "import") == 0 && field(t2, "file") && strcmp(field(t2, "file"), name) == 0 &&
		   json_is_null(json_object_get(t2, "request")) && strcmp(field(t2, "changes"), "created") == 0 &&
		   json_integer_value(json_object_get(t2, "version")) == 1 && strcmp(field(t2, "list"), LIST) == 0 &&
		   strcmp(field(t2, "href"), "/api/v1/terms/" T2) == 0 && field(t2, "time") &&
		   strlen(field(t2, "time")) == 20,
	   "each with its time, kind, ID, version, source, the file's name, what changed, its list and its resource");
	json_decref(all);

	/* The same file again changes nothing: no version, no entry. */
	snprintf(file, sizeof file, "/tmp/feed<&\">-%d.csv", (int)getpid());
	long long now = last_cursor();
	ok(import_list(file) && last_cursor() == now, "importing it again records nothing");
	unlink(file);
}

/* 2. The ends: since at the end and beyond it, a bad since, the size. */
static void test_ends(void)
{
	long long end = last_cursor();
	char q[96];
	struct resp r;
	snprintf(q, sizeof q, "since=%lld", end);
	json_t *doc = changes(q, NULL, &r);
	char want[32];
	snprintf(want, sizeof want, "%lld", end);
	ok(r.status == 200 && json_array_size(json_object_get(doc, "changes")) == 0 && field(doc, "next") &&
		   strcmp(field(doc, "next"), want) == 0 && json_is_false(json_object_get(json_object_get(doc, "paging"), "more")),
	   "at the end: an empty page whose next is since");
	json_decref(doc);
	resp_free(&r);
	snprintf(q, sizeof q, "since=%lld", end + 1000000);
	snprintf(want, sizeof want, "%lld", end + 1000000);
	doc = changes(q, NULL, &r);
	ok(r.status == 200 && json_array_size(json_object_get(doc, "changes")) == 0 && field(doc, "next") &&
		   strcmp(field(doc, "next"), want) == 0,
	   "beyond the end: the same");
	json_decref(doc);
	resp_free(&r);
	static const char *const bad[] = {"since=abc", "since=-1", "since=1.5", "since=99999999999999999999",
					  "since=0x10", "since=1&since=2"};
	int named = 0;
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		doc = changes(bad[i], NULL, &r);
		json_t *e = json_object_get(doc, "error");
		if (r.status == 400 && field(e, "parameter") && strcmp(field(e, "parameter"), "since") == 0)
			named++;
		else
			diag("%s: %ld %s", bad[i], r.status, r.body ? r.body : "");
		json_decref(doc);
		resp_free(&r);
	}
	ok(named == (int)(sizeof bad / sizeof bad[0]), "a bad since is a 400 naming it (%d of %zu)", named,
	   sizeof bad / sizeof bad[0]);
	doc = changes("since=0&size=0", NULL, &r);
	ok(r.status == 400 && strcmp(field(json_object_get(doc, "error"), "parameter"), "size") == 0, "size 0: a 400 naming it");
	json_decref(doc);
	resp_free(&r);
	doc = changes("since=0&size=100000", NULL, &r);
	ok(r.status == 200 && json_integer_value(json_object_get(json_object_get(doc, "paging"), "size")) == 500 &&
		   json_array_size(json_object_get(doc, "changes")) <= 500,
	   "a size over 500 gives 500");
	json_decref(doc);
	resp_free(&r);

	/* From the beginning: every version recorded, once, in order. */
	bool ordered;
	int pages;
	size_t n = walk(0, 500, NULL, &ordered, &pages);
	ok(n == (size_t)atoll(value("SELECT COUNT(*) FROM change_feed")) && ordered && n > 3,
	   "since=0 walks every version there is, in order (%zu in %d pages)", n, pages);
}

/* 3. An approved change request: the term's new version, with RRQ-N. */
static void test_request(void)
{
	long long before = last_cursor();
	struct resp r;
	user_get(&ivy, "/rms/terms/" T1 "/requests/new");
	visitor_post(&ivy.v, "/rms/terms/" T1 "/requests/new",
		     "term_name=Feed+tablet+renamed&short_name=FT&description=A+tablet+of+the+feed+test"
		     "&term_status=CURRENT&justification=The+EMA+renamed+it&step=submit",
		     true, &r);
	char *where = header(&r, "Location");
	char id[24] = "0";
	if (where && strncmp(where, "/account/requests/", 18) == 0)
		snprintf(id, sizeof id, "%.*s", (int)strspn(where + 18, "0123456789"), where + 18);
	free(where);
	ok(r.status == 303 && strcmp(id, "0") != 0, "a change to a term is submitted (RRQ-%s)", id);
	resp_free(&r);
	char form[96], path[96];
	snprintf(form, sizeof form, "/admin/change-requests/%s", id);
	snprintf(path, sizeof path, "/admin/change-requests/%s/move", id);
	user_get(&stew, form);
	long valid = visitor_post(&stew.v, path, "to=VALID", true, &r);
	resp_free(&r);
	user_get(&stew, form);
	long approved = visitor_post(&stew.v, path, "to=APPROVED", true, &r);
	resp_free(&r);
	ok(valid == 303 && approved == 303 && strcmp(value("SELECT status FROM change_requests WHERE id = %s", id), "APPROVED") == 0,
	   "and approved");
	json_t *all = json_array();
	bool ordered;
	int pages;
	size_t n = walk(before, 100, all, &ordered, &pages);
	json_t *t1 = find(all, "term", T1);
	char rrq[32];
	snprintf(rrq, sizeof rrq, "RRQ-%s", id);
	ok(n == 1 && t1 && strcmp(field(t1, "source"), "request") == 0 && field(t1, "request") &&
		   strcmp(field(t1, "request"), rrq) == 0 && json_integer_value(json_object_get(t1, "version")) == 2 &&
		   strstr(field(t1, "changes"), "name") && json_is_null(json_object_get(t1, "file")),
	   "the feed has the term's second version, made by %s, saying what changed (%zu)", rrq, n);
	json_decref(all);
}

/* Insert a version of `term` on `my` (a test's own, source 'test'). */
static unsigned add_version(MYSQL *my, const char *term)
{
	char sql[512];
	snprintf(sql, sizeof sql,
		 "INSERT INTO rms_term_versions (term_id, seq, recorded_at, source, changes, snapshot)"
		 " SELECT %s, MAX(seq) + 1, UTC_TIMESTAMP(), 'test', 'ordering', '{}' FROM rms_term_versions"
		 " WHERE term_id = %s",
		 term, term);
	return dbtest_run(my, sql);
}

/* 4. Two writers at once: the second's cursor is never seen before the
 * first commits, whatever their order of commits would have been; a
 * rolled-back write's cursor is never handed out again. */
static void test_order(void)
{
	long long before = last_cursor();
	MYSQL *first = dbtest_connect("owner");
	ok(first && dbtest_run(first, "START TRANSACTION") == 0 && add_version(first, T2) == 0,
	   "a writer records a version and has not committed");
	fflush(NULL);
	pid_t pid = fork();
	if (pid == 0) {
		/* The second writer commits at once, or as soon as it may. */
		MYSQL *second = dbtest_connect("owner");
		_exit(second && add_version(second, T3) == 0 ? 0 : 1);
	}
	usleep(700000);
	char q[64];
	snprintf(q, sizeof q, "since=%lld", before);
	struct resp r;
	json_t *doc = changes(q, NULL, &r);
	ok(r.status == 200 && json_array_size(json_object_get(doc, "changes")) == 0,
	   "meanwhile a reader sees neither (the second waits for the first)");
	json_decref(doc);
	resp_free(&r);
	int status = -1;
	ok(first && dbtest_run(first, "COMMIT") == 0 && waitpid(pid, &status, 0) == pid && WIFEXITED(status) &&
		   WEXITSTATUS(status) == 0,
	   "the first commits, then the second");
	json_t *all = json_array();
	bool ordered;
	int pages;
	size_t n = walk(before, 100, all, &ordered, &pages);
	json_t *a = json_array_get(all, 0), *b = json_array_get(all, 1);
	ok(n == 2 && ordered && a && b && strcmp(field(a, "id"), T2) == 0 && strcmp(field(b, "id"), T3) == 0,
	   "then both, the first's cursor before the second's");
	json_decref(all);

	/* A rolled-back version's cursor: never seen, never handed out again. */
	long long taken = 0;
	if (first && dbtest_run(first, "START TRANSACTION") == 0 && add_version(first, T2) == 0)
		taken = atoll(dbtest_value(first, "SELECT MAX(id) FROM change_feed"));
	ok(taken > 0 && dbtest_run(first, "ROLLBACK") == 0 && last_cursor() < taken, "a write rolled back leaves no row");
	ok(add_version(owner, T3) == 0 && last_cursor() > taken, "the next write's cursor is past the one rolled back");
	if (first)
		mysql_close(first);
	dbtest_execf(owner, "DELETE FROM rms_term_versions WHERE source = 'test'");
}

/* 4b. An import's batch adds its entries in one statement after its
 * versions (migration 0032), taking the same turn first: while a writer
 * that took a cursor before it has not committed, the import takes none
 * (a reader of uncommitted rows sees no entry past the writer's), then
 * its entry follows the writer's.  Its term's name is new at each run, so
 * each run's import records a version. */
static void test_order_import(void)
{
	long long before = last_cursor();
	char file[128], args[256];
	snprintf(file, sizeof file, "/tmp/feed-turn-%d.csv", (int)getpid());
	FILE *f = fopen(file, "w");
	if (f) {
		fprintf(f, "List ID,Term ID,Language,Term Name,Short Name,Term Description,Domain ID,Parent ID,Term Status\n"
			LIST "," T4 ",en,\"Feed turn %s\",,,,,CURRENT\n", run);
		fclose(f);
	}
	MYSQL *first = dbtest_connect("owner");
	ok(f && first && dbtest_run(first, "SET SESSION TRANSACTION ISOLATION LEVEL READ UNCOMMITTED") == 0 &&
		   dbtest_run(first, "START TRANSACTION") == 0 && add_version(first, T2) == 0,
	   "a writer records a version and has not committed");
	long long mine = first ? atoll(dbtest_value(first, "SELECT MAX(id) FROM change_feed")) : 0;
	fflush(NULL);
	pid_t pid = fork();
	if (pid == 0) {
		snprintf(args, sizeof args, "import rms '%s'", file);
		_exit(dbtest_sporctl(NULL, args, NULL) == 0 ? 0 : 1);
	}
	usleep(1500000);
	long long seen = first ? atoll(dbtest_value(first, "SELECT MAX(id) FROM change_feed")) : -1;
	ok(mine > before && seen == mine, "meanwhile the import has taken no cursor, not even uncommitted (%lld, %lld)",
	   mine, seen);
	int status = -1;
	ok(first && dbtest_run(first, "COMMIT") == 0 && waitpid(pid, &status, 0) == pid && WIFEXITED(status) &&
		   WEXITSTATUS(status) == 0,
	   "the writer commits, then the import");
	unlink(file);
	json_t *all = json_array();
	bool ordered;
	int pages;
	size_t n = walk(before, 100, all, &ordered, &pages);
	json_t *a = json_array_get(all, 0), *b = json_array_get(all, 1);
	ok(n == 2 && ordered && a && b && strcmp(field(a, "id"), T2) == 0 && strcmp(field(b, "id"), T4) == 0 &&
		   strcmp(field(b, "source"), "import") == 0,
	   "then both, the writer's cursor before the import's (%zu)", n);
	json_decref(all);
	if (first)
		mysql_close(first);
	dbtest_execf(owner, "DELETE FROM rms_term_versions WHERE source = 'test'");
}

/* 5. sporctl gen-data: thousands of versions on two connections at once. */
static void test_bulk(void)
{
	long long before = last_cursor();
	ok(dbtest_sporctl(NULL, "gen-data --terms 3000 --orgs 40 --jobs 2", NULL) == 0,
	   "generated 3,000 terms and 40 organisations on two connections");
	json_t *all = json_array();
	bool ordered;
	int pages;
	size_t n = walk(before, 500, all, &ordered, &pages);
	size_t terms = 0, orgs = 0, locs = 0, generated = 0, i;
	json_t *c;
	json_array_foreach(all, i, c)
	{
		const char *kind = field(c, "kind");
		terms += strcmp(kind, "term") == 0;
		orgs += strcmp(kind, "organisation") == 0;
		locs += strcmp(kind, "location") == 0;
		generated += strcmp(field(c, "source"), "generated") == 0;
	}
	const char *distinct = value("SELECT COUNT(DISTINCT record_id) FROM change_feed WHERE id > %lld AND kind = 'term'", before);
	ok(terms == 3000 && atoll(distinct) == 3000 && orgs == 40 && locs > 0 && generated == n && ordered,
	   "the feed holds each generated term and organisation once, their locations too, in order (%zu terms, %zu"
	   " organisations, %zu locations in %d pages)",
	   terms, orgs, locs, pages);
	json_decref(all);
	ok(dbtest_sporctl(NULL, "gen-data --terms 0 --orgs 0", NULL) == 0, "the generated data removed again");
}

/* 6. The same answers after spor-public's workers are all replaced. */
static void test_restart(void)
{
	struct resp r;
	json_t *doc = changes("since=0&size=50", NULL, &r);
	char *text = json_dumps(json_object_get(doc, "changes"), JSON_COMPACT);
	char *etag = header(&r, "ETag");
	json_decref(doc);
	resp_free(&r);
	const char *dir = getenv("SPOR_RUN");
	char pidfile[512];
	snprintf(pidfile, sizeof pidfile, "%s/spor-public.pid", dir ? dir : ".");
	char *pid = slurp(pidfile);
	bool hup = pid && atol(pid) > 0 && kill((pid_t)atol(pid), SIGHUP) == 0;
	free(pid);
	sleep(2);
	doc = changes("since=0&size=50", NULL, &r);
	char *again = json_dumps(json_object_get(doc, "changes"), JSON_COMPACT);
	char *etag2 = header(&r, "ETag");
	ok(hup && r.status == 200 && text && again && strcmp(text, again) == 0 && etag && etag2 && strcmp(etag, etag2) == 0,
	   "after spor-public replaced its workers: the same page, the same cursors, the same ETag");
	json_decref(doc);
	resp_free(&r);
	free(text);
	free(again);
	free(etag);
	free(etag2);
}

/* 7. Caching: full pages kept, the last page asked again each time. */
static void test_caching(void)
{
	struct resp r;
	json_t *doc = changes("since=0&size=2", NULL, &r);
	char *cc = header(&r, "Cache-Control"), *etag = header(&r, "ETag");
	ok(r.status == 200 && cc && strstr(cc, "public") && strstr(cc, "max-age=") && etag,
	   "a full page: kept like the API's answers (%s)", cc ? cc : "none");
	free(cc);
	json_decref(doc);
	resp_free(&r);
	char inm[128];
	snprintf(inm, sizeof inm, "If-None-Match: %s", etag ? etag : "");
	json_decref(changes("since=0&size=2", inm, &r));
	is_int(r.status, 304, "asked again with its ETag: 304");
	resp_free(&r);
	free(etag);

	/* Anonymous, as nginx's page cache sees a client. */
	client_anonymous = true;
	long long end = last_cursor();
	char q[64];
	snprintf(q, sizeof q, "since=%lld", end);
	doc = changes(q, NULL, &r);
	cc = header(&r, "Cache-Control");
	ok(cc && strcmp(cc, "no-cache") == 0, "the last page: no-cache (%s)", cc ? cc : "none");
	free(cc);
	json_decref(doc);
	resp_free(&r);
	add_version(owner, T3);
	doc = changes(q, NULL, &r);
	ok(json_array_size(json_object_get(doc, "changes")) == 1, "and a new version shows at once: nginx did not keep it");
	json_decref(doc);
	resp_free(&r);
	dbtest_execf(owner, "DELETE FROM rms_term_versions WHERE source = 'test'");
	client_anonymous = false;
}

/* Whether xmllint reads `body` as XML and, with `schema`, valid against it. */
static bool xml_ok(const struct resp *r, const char *schema)
{
	char path[64], cmd[1024], rng[512];
	snprintf(path, sizeof path, "/tmp/spor-feed-%d.xml", (int)getpid());
	FILE *f = r->body ? fopen(path, "w") : NULL;
	if (!f)
		return false;
	bool written = fwrite(r->body, 1, r->body_len, f) == r->body_len;
	if (fclose(f) != 0 || !written)
		return false;
	if (schema) {
		dbtest_source_path(schema, rng, sizeof rng);
		snprintf(cmd, sizeof cmd, "xmllint --noout --relaxng '%s' '%s' 2>&1", rng, path);
	} else {
		snprintf(cmd, sizeof cmd, "xmllint --noout '%s' 2>&1", path);
	}
	int status = system(cmd);
	unlink(path);
	return WIFEXITED(status) && WEXITSTATUS(status) == 0;
}

/* 8. The Atom feeds: valid Atom, hostile names escaped, newest first. */
static void test_atom(void)
{
	struct resp r;
	get("/rms/lists/" LIST "/feed.atom", &r);
	char *type = header(&r, "Content-Type");
	ok(r.status == 200 && type && strncmp(type, "application/atom+xml", 20) == 0, "a list's Atom feed (%s)",
	   type ? type : "none");
	free(type);
	ok(xml_ok(&r, NULL), "parses as XML");
	ok(xml_ok(&r, "tests/fixtures/atom.rng"), "and is valid against Atom 1.0's shape");
	ok(body_count(&r, "<entry>") == 4 && body_has(&r, "Feed tablet renamed") && body_has(&r, "RRQ-"),
	   "its terms' four versions, the request's among them");
	ok(body_has(&r, "&lt;b&gt;Tablet&lt;/b&gt; &amp; &quot;film&quot;") && !body_has(&r, "<b>") &&
		   !body_has(&r, "\x01") && body_has(&r, "\xEF\xBF\xBD") && body_has(&r, "\xF0\x9F\xA7\xAA") && body_has(&r, "feed&lt;&amp;&quot;&gt;-"),
	   "a hostile name and file name escaped, a control character replaced, 4-byte UTF-8 kept");
	const char *first = r.body ? strstr(r.body, "<entry>") : NULL;
	ok(first && strstr(first, "renamed") && strstr(first, "renamed") < strstr(first + 1, "<entry>"),
	   "newest first");
	ok(body_has(&r, "href=\"http") && body_has(&r, "/rms/terms/" T1 "\"") && body_has(&r, "rel=\"self\""),
	   "entries link to the terms' pages, the feed to itself");
	char *etag = header(&r, "ETag");
	resp_free(&r);
	char inm[128];
	snprintf(inm, sizeof inm, "If-None-Match: %s", etag ? etag : "");
	const char *headers[] = {inm, NULL};
	request("GET", "/rms/lists/" LIST "/feed.atom", NULL, 0, headers, &r);
	is_int(r.status, 304, "its ETag: 304");
	resp_free(&r);
	free(etag);

	get("/oms/organisations/ORG-100000001/feed.atom", &r);
	ok(r.status == 200 && xml_ok(&r, "tests/fixtures/atom.rng") && body_has(&r, "<entry>") &&
		   body_has(&r, "/oms/organisations/ORG-100000001\""),
	   "an organisation's Atom feed: valid, with its versions");
	resp_free(&r);
	get("/changes/feed.atom", &r);
	ok(r.status == 200 && xml_ok(&r, "tests/fixtures/atom.rng") && body_count(&r, "<entry>") == 50,
	   "every change: valid, the latest 50");
	resp_free(&r);
	get("/rms/lists/999999999999/feed.atom", &r);
	long unknown = r.status;
	resp_free(&r);
	get("/oms/organisations/ORG-999999999/feed.atom", &r);
	ok(unknown == 404 && r.status == 404, "an unknown list's or organisation's feed: 404");
	resp_free(&r);
}

/* 9. The pages name their feeds in their heads. */
static void test_links(void)
{
	static const char *const pages[][2] = {
		{"/rms/lists/" LIST, "/rms/lists/" LIST "/feed.atom"},
		{"/oms/organisations/ORG-100000001", "/oms/organisations/ORG-100000001/feed.atom"},
		{"/", "/changes/feed.atom"},
	};
	for (size_t i = 0; i < sizeof pages / sizeof pages[0]; i++) {
		struct resp r;
		get(pages[i][0], &r);
		char want[256];
		snprintf(want, sizeof want, "<link rel=\"alternate\" type=\"application/atom+xml\" title=\"");
		const char *link = r.body ? strstr(r.body, want) : NULL;
		const char *head_end = r.body ? strstr(r.body, "</head>") : NULL;
		snprintf(want, sizeof want, "href=\"%s\">", pages[i][1]);
		ok(r.status == 200 && link && head_end && link < head_end && strstr(link, want) &&
			   strstr(link, want) < head_end,
		   "%s: <link rel=\"alternate\"> to %s in its head", pages[i][0], pages[i][1]);
		resp_free(&r);
	}
}

int main(void)
{
	owner = users_start(run);
	client_anonymous = false; /* past nginx's page cache, but where a test says */
	client_source = "127.0.0.6"; /* an address of its own for nginx's limits */
	ok(dbtest_import_demo(), "the demonstration data");
	ok(user_make(owner, &stew, "stew", run, "feeds.test") && user_make(owner, &ivy, "ivy", run, "feeds.test"), "users");
	dbtest_execf(owner,
		     "INSERT INTO account_roles (account_id, role_code, org_id) VALUES (%s, 'INDUSTRY_USER', 'ORG-100000001'),"
		     " (%s, 'DATA_STEWARD', '')",
		     ivy.id, stew.id);
	test_import();
	test_ends();
	test_request();
	test_atom();
	test_links();
	test_order();
	test_order_import();
	test_bulk();
	test_restart();
	test_caching();
	client_source = NULL;
	users_done(owner);
	return done_testing();
}
