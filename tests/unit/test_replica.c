/* Unit tests of cgi/core/replica.c without a server: the spor_gtid cookie's
 * strict check (what comes back from a browser is hostile until proven a
 * GTID list the portal signed: forged, altered, replayed with another
 * value, expired and unsigned cookies are all refused), the replica's
 * configuration keys, and the fall-back to the primary when the replica
 * cannot be reached. */
#include "config.h"

#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "../tap.h"
#include "core/conf.h"
#include "core/db.h"
#include "core/http.h"
#include "core/mem.h"
#include "core/replica.h"
#include "core/token.h"

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

static const char secret[] = "0123456789abcdef0123456789abcdef-test";

/* A cookie made at `now` by the signing side, read back by spor-public's. */
static void test_signed(void)
{
	struct arena *a = arena_new();
	char key[TOKEN_CHARS + 1], other[TOKEN_CHARS + 1];
	replica_cookie_key(secret, key);
	replica_cookie_key("another secret of at least thirty-two characters", other);
	ok(strlen(key) == TOKEN_CHARS && strcmp(key, secret) != 0, "the cookie key is derived, not csrf.secret itself");
	long long now = 1764650000;
	const char *c = replica_cookie_make(a, key, "0-1-42,1-2-7", now);
	ok(c && strncmp(c, "0-1-42,1-2-7.1764650060.", 24) == 0 && strlen(c) == 24 + TOKEN_CHARS,
	   "the value: position, expiry, MAC (%s)", c ? c : "none");
	is_str(replica_cookie_open(a, key, c, now), "0-1-42,1-2-7", "a genuine cookie gives its position");
	is_str(replica_cookie_open(a, key, c, now + GTID_COOKIE_SECONDS), "0-1-42,1-2-7", "until it expires");
	ok(!replica_cookie_open(a, key, c, now + GTID_COOKIE_SECONDS + 1), "an expired one is refused");
	ok(!replica_cookie_open(a, other, c, now), "one signed under another key is refused");
	ok(!replica_cookie_make(a, key, "0-1-1'", now) && !replica_cookie_make(a, key, "", now) &&
		   !replica_cookie_make(a, key, NULL, now),
	   "no cookie for what is no GTID list");

	/* What a visitor could send instead. */
	const char *b = replica_cookie_make(a, key, "0-1-43", now);
	const char *mac_c = strrchr(c, '.') + 1, *mac_b = strrchr(b, '.') + 1;
	const char *forged = arena_printf(a, "0-1-99999999999.%lld.%s", now + 60, "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA");
	const char *altered = arena_printf(a, "0-1-99999999999.%lld.%s", now + 60, mac_c);
	const char *later = arena_printf(a, "0-1-42,1-2-7.%lld.%s", now + 3600, mac_c);
	const char *swapped = arena_printf(a, "0-1-42,1-2-7.%lld.%s", now + 60, mac_b);
	const char *trimmed = arena_printf(a, "0-1-42.%lld.%s", now + 60, mac_c);
	/* MACed under csrf.secret itself rather than the key derived from it. */
	char csrf_mac[TOKEN_CHARS + 1];
	token_hmac(secret, arena_printf(a, "0-1-42.%lld", now + 60), csrf_mac);
	const char *under_csrf = arena_printf(a, "0-1-42.%lld.%s", now + 60, csrf_mac);
	const char *const refused[] = {
		forged,
		altered,
		later,
		swapped,
		trimmed,
		under_csrf,
		"0-1-42",
		"0-1-99999999999",
		"",
		".",
		"..",
		"0-1-42..",
		arena_printf(a, ".%lld.%s", now + 60, mac_c),
		arena_printf(a, "0-1-42.%lld.%s", now + 60, "short"),
		arena_printf(a, "0-1-42.%lld.%s=", now + 60, mac_c),
		arena_printf(a, "0-1-42.+%lld.%s", now + 60, mac_c),
		arena_printf(a, "0-1-42,1-2-7.0%lld.%s", now + 60, mac_c),
		arena_printf(a, "0-1-42.-1.%s", mac_c),
		arena_printf(a, "0-1-42.99999999999999999999.%s", mac_c),
		arena_printf(a, "0-1-42.%lld.%s.%s", now + 60, mac_c, mac_c),
		arena_printf(a, "x%s", c),
		arena_printf(a, "%s ", c),
	};
	for (size_t i = 0; i < sizeof refused / sizeof refused[0]; i++)
		ok(!replica_cookie_open(a, key, refused[i], now), "refused: %s", refused[i]);
	ok(!replica_cookie_open(a, key, NULL, now), "refused: no cookie");
	/* The length bound: the longest position signed, and one past it. */
	char list[GTID_MAX + 64] = "";
	while (strlen(list) + 6 <= GTID_MAX)
		strcat(list, *list ? ",1-1-1" : "1-1-1");
	const char *longest = replica_cookie_make(a, key, list, now);
	ok(longest && strlen(longest) <= GTID_COOKIE_MAX && replica_cookie_open(a, key, longest, now),
	   "a cookie of %zu characters (the bound is %d)", longest ? strlen(longest) : 0, GTID_COOKIE_MAX);
	ok(!replica_cookie_open(a, key, arena_printf(a, "9%s", longest), now), "one character more is refused");
	arena_free(a);
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

/* replica_conf on the settings of `c`. */
static bool replica_of(struct db_conf *dc, const struct conf *c)
{
	struct settings s;
	conf_settings(&s, c);
	return replica_conf(dc, &s, "public");
}

static void test_conf(void)
{
	struct db_conf dc;
	struct conf *c = conf_of("db.socket = /run/primary.sock\ndb.name = spor\ndb.public.user = spor_ro\n");
	ok(c && !replica_of(&dc, c), "without db.replica.*, no replica");
	conf_free(c);
	c = conf_of("db.socket = /run/primary.sock\ndb.public.user = spor_ro\ndb.public.password = pw\n"
		    "db.replica.socket = /run/replica.sock\n");
	ok(c && replica_of(&dc, c) && strcmp(dc.socket, "/run/replica.sock") == 0 &&
		   strcmp(dc.user, "spor_ro") == 0 && strcmp(dc.password, "pw") == 0,
	   "db.replica.socket, with the program's own user and password");
	conf_free(c);
	c = conf_of("db.socket = /run/primary.sock\ndb.public.user = spor_ro\n"
		    "db.replica.host = 10.0.0.2\ndb.replica.port = 3307\n");
	ok(c && replica_of(&dc, c) && dc.socket == NULL && strcmp(dc.host, "10.0.0.2") == 0 &&
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
	char key[TOKEN_CHARS + 1];
	replica_cookie_key(secret, key);
	struct replica *rp = replica_new(&dc, 500, key);
	struct arena *a = arena_new();
	ok(replica_choose(NULL, primary, a, "0-1-1") == primary, "no replica configured: the primary");
	ok(replica_choose(rp, primary, a, NULL) == primary, "replica unreachable: the primary");
	struct timespec t0, t1;
	clock_gettime(CLOCK_MONOTONIC, &t0);
	ok(replica_choose(rp, primary, a, replica_cookie_make(a, key, "0-1-1", (long long)time(NULL))) == primary,
	   "and again, with a genuine cookie");
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
	test_signed();
	test_conf();
	test_unreachable();
	test_cookie();
	return done_testing();
}
