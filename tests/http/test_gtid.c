/* Read-your-writes with a read replica (cgi/core/replica.c), on the test
 * instance's one MariaDB: a POST that wrote sets the spor_gtid cookie
 * exactly when the server keeps a binary log (script/test's does not, so
 * there it must be absent), one that changed nothing never does; a forged
 * or hostile spor_gtid cookie is ignored on every program's pages, and
 * bypasses nginx's page cache.  Then
 * spor-public's choice of connection, with the same server playing the
 * replica: no cookie reads from it; a genuine cookie (signed under the key
 * derived from the configuration's csrf.secret) for a position it never
 * reaches makes MASTER_GTID_WAIT time out and the request read from the
 * primary; a forged, altered, replayed-with-another-value, expired or
 * unsigned cookie costs no wait at all; each connection runs its own
 * prepared statements. */
#include "config.h"

#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "../tap.h"
#include "core/conf.h"
#include "core/db.h"
#include "dbtest.h"
#include "core/mem.h"
#include "core/replica.h"
#include "core/token.h"
#include "users.h"
#include "visitor.h"

static MYSQL *owner;
static struct conf *conf;
static char key[TOKEN_CHARS + 1]; /* the cookie's, from the instance's csrf.secret */

/* The value of the answer's spor_gtid cookie (a static copy), or NULL. */
static const char *gtid_set(const struct resp *r)
{
	static char value[GTID_COOKIE_MAX + 1];
	const char *at = r->headers ? strstr(r->headers, "spor_gtid=") : NULL;
	if (!at)
		return NULL;
	at += strlen("spor_gtid=");
	snprintf(value, sizeof value, "%.*s", (int)strcspn(at, ";\r\n"), at);
	return value;
}

/* With a binary log the cookie must hold the primary's position, signed;
 * without, be absent. */
static void check_write(bool binlog, const struct resp *r, const char *what)
{
	const char *v = gtid_set(r);
	if (binlog) {
		struct arena *a = arena_new();
		const char *pos = replica_cookie_open(a, key, v, (long long)time(NULL));
		ok(pos && strcmp(pos, dbtest_value(owner, "SELECT @@gtid_binlog_pos")) == 0,
		   "%s: spor_gtid set to the primary's position, signed (%s)", what, v ? v : "none");
		arena_free(a);
	} else
		ok(!v, "%s: no spor_gtid without a binary log (%s)", what, v ? v : "none");
}

static void test_cookie(bool binlog, const char *mail)
{
	struct visitor v = {0};
	struct resp r;
	visitor_get(&v, "/login", &r);
	ok(!gtid_set(&r), "a page that wrote nothing sets no spor_gtid");
	resp_free(&r);
	char fields[300];
	snprintf(fields, sizeof fields, "email=%s&password=gtid+passphrase", mail);
	ok(visitor_post(&v, "/login", fields, true, &r) == 303, "signing in: 303");
	check_write(binlog, &r, "signing in");
	resp_free(&r);
	visitor_get(&v, "/account/preferences", &r);
	resp_free(&r);
	ok(visitor_post(&v, "/account/preferences", "ui_lang=fr&page_size=20", true, &r) == 303, "a preference: 303");
	check_write(binlog, &r, "a preference");
	resp_free(&r);
	ok(visitor_post(&v, "/account/preferences", "ui_lang=xx", true, &r) == 400 && !gtid_set(&r),
	   "a refused change (400) sets no spor_gtid");
	resp_free(&r);
	visitor_get(&v, "/account", &r);
	resp_free(&r);
	ok(visitor_post(&v, "/logout", "", true, &r) == 303, "signing out: 303");
	check_write(binlog, &r, "signing out");
	resp_free(&r);
}

static void test_hostile(void)
{
	/* Longer than GTID_MAX, each part well formed. */
	char huge[1300] = "spor_gtid=0-1-1";
	while (strlen(huge) + 7 < sizeof huge)
		strcat(huge, ",0-1-1");
	const char *cookies[] = {
		"spor_gtid=0-1-1",
		"spor_gtid=0-1-1'%20OR%20SLEEP(5)--",
		"spor_gtid=0-1-1%3BSELECT%201",
		"spor_gtid=-1-1",
		"spor_gtid=",
		"spor_gtid=0-1-99999999999999999999999999",
		"spor_gtid=\xff\xfe",
		"spor_gtid=0-1-1; spor_gtid=x",
		huge,
	};
	const char *paths[] = {"/rms/lists", "/oms/organisations", "/api/v1/lists", "/login"};
	int fine = 0, total = 0;
	for (size_t c = 0; c < sizeof cookies / sizeof cookies[0]; c++)
		for (size_t p = 0; p < sizeof paths / sizeof paths[0]; p++) {
			char line[1400];
			snprintf(line, sizeof line, "Cookie: %s", cookies[c]);
			const char *headers[] = {line, NULL};
			struct resp r;
			total++;
			if (request("GET", paths[p], NULL, 0, headers, &r) == 0 && r.status == 200)
				fine++;
			else
				diag("%s with cookie %zu: %ld", paths[p], c, r.status);
			resp_free(&r);
		}
	is_int(fine, total, "a forged or hostile spor_gtid is ignored: 200 on every program's pages");
}

/* nginx's page cache: a cached anonymous page might predate the visitor's
 * own write, so a request with spor_gtid neither reads nor fills it. */
static void test_cache_bypass(void)
{
	const char *path = "/rms/lists?size=20&gtid-test=1";
	const char *const fresh[] = {"Cookie: spor_gtid=0-1-1", NULL};
	struct resp r;
	char *first = NULL, *second = NULL, *with = NULL;
	if (request("GET", path, NULL, 0, NULL, &r) == 0)
		first = header(&r, "X-Cache");
	resp_free(&r);
	if (request("GET", path, NULL, 0, NULL, &r) == 0)
		second = header(&r, "X-Cache");
	resp_free(&r);
	if (request("GET", path, NULL, 0, fresh, &r) == 0)
		with = header(&r, "X-Cache");
	resp_free(&r);
	ok(second && strcmp(second, "HIT") == 0, "an anonymous page is cached (%s, then %s)", first ? first : "-",
	   second ? second : "-");
	ok(with && strcmp(with, "BYPASS") == 0, "but not served to a visitor with spor_gtid (%s)", with ? with : "-");
	free(first);
	free(second);
	free(with);
}

static struct db_sql q_connection = DB_SQL("SELECT CONNECTION_ID()");

static long ms_since(const struct timespec *t0)
{
	struct timespec t1;
	clock_gettime(CLOCK_MONOTONIC, &t1);
	return (t1.tv_sec - t0->tv_sec) * 1000 + (t1.tv_nsec - t0->tv_nsec) / 1000000;
}

/* A cookie that is not the portal's costs no wait: the replica at once. */
static void check_no_wait(struct replica *rp, struct db *primary, struct db *plain, struct arena *a,
			  const char *cookie, const char *what)
{
	struct timespec t0;
	clock_gettime(CLOCK_MONOTONIC, &t0);
	struct db *chosen = replica_choose(rp, primary, a, cookie);
	long waited = ms_since(&t0);
	ok(chosen == plain && waited < 250, "%s: the replica, without waiting (%ld ms)", what, waited);
}

/* spor-public's choice, against the real server as its own "replica". */
static void test_choose(void)
{
	struct settings settings;
	conf_settings(&settings, conf);
	struct db_conf dc;
	db_conf_from(&dc, &settings, "public");
	struct db *primary = db_new(&dc);
	struct replica *rp = replica_new(&dc, 300, key);
	struct arena *a = arena_new();
	struct db *plain = replica_choose(rp, primary, a, NULL);
	ok(plain != primary, "no cookie: the replica");
	/* This server replicates from nothing: it never reaches the position. */
	long long now = (long long)time(NULL);
	const char *far = "0-1-99999999999";
	const char *genuine = replica_cookie_make(a, key, far, now);
	const char *mac = strrchr(genuine, '.') + 1;
	const char *other_mac = strrchr(replica_cookie_make(a, key, "0-1-1", now), '.') + 1;
	check_no_wait(rp, primary, plain, a, "0-1-1'", "a hostile cookie");
	check_no_wait(rp, primary, plain, a, far, "an unsigned position (what spor_gtid held before it was signed)");
	check_no_wait(rp, primary, plain, a,
		      arena_printf(a, "%s.%lld.%s", far, now + 60, "forgedforgedforgedforgedforgedforgedforged"),
		      "a forged MAC");
	check_no_wait(rp, primary, plain, a, arena_printf(a, "0-1-99999999998.%lld.%s", now + 60, mac),
		      "a genuine cookie with its position altered");
	check_no_wait(rp, primary, plain, a, arena_printf(a, "%s.%lld.%s", far, now + 60, other_mac),
		      "a genuine MAC replayed with another value");
	check_no_wait(rp, primary, plain, a, replica_cookie_make(a, key, far, now - GTID_COOKIE_SECONDS - 5),
		      "an expired cookie");
	check_no_wait(rp, primary, plain, a, arena_printf(a, "%s.%lld.%s", far, now + 86400 * 365, mac),
		      "a genuine cookie with its expiry moved");
	struct timespec t0;
	clock_gettime(CLOCK_MONOTONIC, &t0);
	struct db *behind = replica_choose(rp, primary, a, genuine);
	long waited = ms_since(&t0);
	ok(behind == primary, "a genuine cookie for a position the replica does not reach in time: the primary");
	ok(waited >= 250 && waited < 3000, "after waiting db.replica.wait_ms on the replica (%ld ms)", waited);
	struct db_rows r1, r2, r3;
	ok(db_query(plain, a, &q_connection, &r1, "") == 0 && db_query(primary, a, &q_connection, &r2, "") == 0 &&
		   db_query(plain, a, &q_connection, &r3, "") == 0,
	   "one statement on both connections, in turn");
	ok(r1.nrows == 1 && r2.nrows == 1 && strcmp(db_get(&r1, 0, 0), db_get(&r2, 0, 0)) != 0 &&
		   strcmp(db_get(&r1, 0, 0), db_get(&r3, 0, 0)) == 0,
	   "each runs on its own connection (%s, %s, %s)", db_get(&r1, 0, 0), db_get(&r2, 0, 0), db_get(&r3, 0, 0));
	arena_free(a);
	replica_free(rp);
	db_free(primary);
}

int main(void)
{
	owner = users_start(NULL);
	char err[512];
	conf = conf_load(getenv("SPOR_CONFIG"), err, sizeof err);
	if (!ok(conf != NULL, "the instance's configuration (%s)", conf ? "read" : err))
		return done_testing();
	replica_cookie_key(conf_get(conf, "csrf.secret", ""), key);
	bool binlog = strcmp(dbtest_value(owner, "SELECT @@log_bin"), "1") == 0;
	diag("the server's binary log is %s", binlog ? "on" : "off");
	char mail[128];
	snprintf(mail, sizeof mail, "gtid.%ld%d@accounts.test", (long)time(NULL) % 1000000, getpid() % 100);
	ok(visitor_new_account("Gtid", mail, "gtid+passphrase"), "an account: registered and verified");
	test_cookie(binlog, mail);
	test_hostile();
	test_cache_bypass();
	test_choose();
	users_done(owner);
	conf_free(conf);
	return done_testing();
}
