/* Unit tests of cgi/replica.c without a server: the spor_gtid cookie's
 * strict check (what comes back from a browser is hostile until proven a
 * GTID list), the replica's configuration keys, and the fall-back to the
 * primary when the replica cannot be reached. */
#include "config.h"

#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "../tap.h"
#include "conf.h"
#include "db.h"
#include "http.h"
#include "mem.h"
#include "replica.h"

static void test_gtid(void)
{
	static const char *const good[] = {
		"0-1-1", "0-1-123456", "0-1-5,1-2-3", "4294967295-4294967295-18446744073709551615", "00-0-0",
	};
	static const char *const bad[] = {
		"", "0-1", "0-1-", "-0-1-1", "0-1-1,", ",0-1-1", "0-1-1,,1-2-3", "0-1-1 ", " 0-1-1", "0-1-1;0-1-2",
		"0-1-1-1", "a-1-1", "0-1-0x10", "0-1-1'", "0-1-1\"); DROP TABLE sessions; --", "0-1-+1", "0--1-1",
		"0-1-123456789012345678901", "0-1-1%2C1-2-3", "0-1-1\n1-2-3", "0-1-\xef\xbc\x91",
	};
	for (size_t i = 0; i < sizeof good / sizeof good[0]; i++)
		ok(replica_gtid_ok(good[i]), "a GTID list: %s", good[i]);
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++)
		ok(!replica_gtid_ok(bad[i]), "refused: case %zu", i);
	ok(!replica_gtid_ok(NULL), "refused: no cookie");
	/* The length bound: many valid triples, one character over the limit. */
	char list[GTID_MAX + 64] = "";
	while (strlen(list) + 6 <= GTID_MAX)
		strcat(list, *list ? ",1-1-1" : "1-1-1");
	ok(replica_gtid_ok(list), "a list of %zu characters (the bound is %d)", strlen(list), GTID_MAX);
	while (strlen(list) <= GTID_MAX)
		strcat(list, "9");
	ok(!replica_gtid_ok(list), "a list of %zu characters is refused", strlen(list));
}

static struct conf *conf_of(const char *text)
{
	char path[] = "/tmp/spor-test-replica-XXXXXX";
	int fd = mkstemp(path);
	if (fd < 0 || write(fd, text, strlen(text)) != (ssize_t)strlen(text))
		return NULL;
	close(fd);
	char err[256];
	struct conf *c = conf_load(path, err, sizeof err);
	unlink(path);
	return c;
}

static void test_conf(void)
{
	struct db_conf dc;
	struct conf *c = conf_of("db.socket = /run/primary.sock\ndb.name = spor\ndb.public.user = spor_ro\n");
	ok(c && !replica_conf(&dc, c, "public"), "without db.replica.*, no replica");
	conf_free(c);
	c = conf_of("db.socket = /run/primary.sock\ndb.public.user = spor_ro\ndb.public.password = pw\n"
		    "db.replica.socket = /run/replica.sock\n");
	ok(c && replica_conf(&dc, c, "public") && strcmp(dc.socket, "/run/replica.sock") == 0 &&
		   strcmp(dc.user, "spor_ro") == 0 && strcmp(dc.password, "pw") == 0,
	   "db.replica.socket, with the program's own user and password");
	conf_free(c);
	c = conf_of("db.socket = /run/primary.sock\ndb.public.user = spor_ro\n"
		    "db.replica.host = 10.0.0.2\ndb.replica.port = 3307\n");
	ok(c && replica_conf(&dc, c, "public") && dc.socket == NULL && strcmp(dc.host, "10.0.0.2") == 0 &&
		   dc.port == 3307,
	   "db.replica.host and port, not the primary's socket");
	conf_free(c);
}

/* A replica that does not answer: every request reads from the primary, and
 * the replica is not tried again at once (one log line, not one per request). */
static void test_unreachable(void)
{
	struct db_conf dc = {.socket = "/nonexistent/spor-replica.sock", .name = "spor", .user = "nobody"};
	struct db_conf pc = dc;
	struct db *primary = db_new(&pc);
	struct replica *rp = replica_new(&dc, 500);
	struct arena *a = arena_new();
	ok(replica_choose(NULL, primary, a, "0-1-1") == primary, "no replica configured: the primary");
	ok(replica_choose(rp, primary, a, NULL) == primary, "replica unreachable: the primary");
	struct timespec t0, t1;
	clock_gettime(CLOCK_MONOTONIC, &t0);
	ok(replica_choose(rp, primary, a, "0-1-1") == primary, "and again, with a cookie");
	clock_gettime(CLOCK_MONOTONIC, &t1);
	long ms = (t1.tv_sec - t0.tv_sec) * 1000 + (t1.tv_nsec - t0.tv_nsec) / 1000000;
	ok(ms < 400, "without waiting for the replica (%ld ms)", ms);
	arena_free(a);
	replica_free(rp);
	db_free(primary);
}

/* The cookie a write sets: the session cookie's flags, a short life. */
static void test_cookie(void)
{
	struct arena *a = arena_new();
	struct req tls = {.arena = a, .https = true};
	http_cookie(&tls, GTID_COOKIE, "0-1-42", GTID_COOKIE_SECONDS);
	ok(tls.nheaders == 1 && strcmp(tls.header_value[0], "__Host-spor_gtid=0-1-42; Path=/; HttpOnly; SameSite=Lax;"
							     " Max-Age=60; Secure") == 0,
	   "over HTTPS: %s", tls.nheaders ? tls.header_value[0] : "");
	arena_free(a);
}

int main(void)
{
	test_gtid();
	test_conf();
	test_unreachable();
	test_cookie();
	return done_testing();
}
