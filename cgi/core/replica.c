/* Choosing spor-public's connection per request, and the spor_gtid cookie
 * that makes a visitor's own writes read back (see replica.h). */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "core/conf.h"
#include "core/db.h"
#include "core/log.h"
#include "core/mem.h"
#include "core/program.h"
#include "core/replica.h"
#include "core/token.h"

/* After the replica failed, the primary serves this long before the replica
 * is tried again: one slow connection attempt every few seconds per worker,
 * not one per request. */
enum { RETRY_SECONDS = 5 };

struct replica {
	struct db *db;
	long wait_ms;
	char key[TOKEN_CHARS + 1]; /* the cookies' */
	time_t retry_at; /* while down: when to try again */
	bool down;
};

bool replica_gtid_ok(const char *s)
{
	if (!s || !*s || strlen(s) > GTID_MAX)
		return false;
	/* Each triple: three runs of 1 to 20 digits (a 64-bit sequence number
	 * has 20), joined by '-'; triples joined by ','. */
	for (;;) {
		for (int part = 0; part < 3; part++) {
			size_t n = strspn(s, "0123456789");
			if (n == 0 || n > 20)
				return false;
			s += n;
			if (part < 2 && *s++ != '-')
				return false;
		}
		if (!*s)
			return true;
		if (*s++ != ',')
			return false;
	}
}

void replica_cookie_key(const char *csrf_secret, char *key)
{
	/* Domain separation: CSRF tokens MAC "session:..." or "visitor:...". */
	token_hmac(csrf_secret, "spor_gtid cookie key", key);
}

/* The MAC of a cookie's signed part, "<pos>.<expiry>", under the cookie key. */
static const char *cookie_mac(struct arena *a, const char *key, const char *signed_part)
{
	char mac[TOKEN_CHARS + 1];
	token_hmac(key, signed_part, mac);
	return arena_strdup(a, mac);
}

const char *replica_cookie_make(struct arena *a, const char *key, const char *pos, long long now)
{
	if (!replica_gtid_ok(pos))
		return NULL;
	const char *part = arena_printf(a, "%s.%lld", pos, now + GTID_COOKIE_SECONDS);
	return arena_printf(a, "%s.%s", part, cookie_mac(a, key, part));
}

const char *replica_cookie_open(struct arena *a, const char *key, const char *cookie, long long now)
{
	if (!cookie || strlen(cookie) > GTID_COOKIE_MAX)
		return NULL;
	/* From the right: the MAC, then the expiry; the rest is the position.
	 * The MAC covers the text as sent, so no other spelling of the same
	 * expiry (leading zeros) passes either. */
	const char *dot_mac = strrchr(cookie, '.');
	if (!dot_mac || !token_ok(dot_mac + 1))
		return NULL;
	const char *dot_exp = dot_mac;
	while (dot_exp > cookie && dot_exp[-1] != '.')
		dot_exp--;
	size_t digits = (size_t)(dot_mac - dot_exp);
	if (dot_exp == cookie || digits == 0 || digits > 18 || strspn(dot_exp, "0123456789") != digits)
		return NULL;
	const char *part = arena_strndup(a, cookie, (size_t)(dot_mac - cookie));
	if (!token_equal(cookie_mac(a, key, part), dot_mac + 1) || strtoll(dot_exp, NULL, 10) < now)
		return NULL;
	const char *pos = arena_strndup(a, cookie, (size_t)(dot_exp - 1 - cookie));
	return replica_gtid_ok(pos) ? pos : NULL;
}

bool replica_conf(struct db_conf *dc, const struct settings *s, const char *role)
{
	if (!s->db_replica_socket && !s->db_replica_host)
		return false;
	/* Same database, same user: the grants replicate. */
	db_conf_from(dc, s, role);
	dc->socket = s->db_replica_socket;
	if (!dc->socket) {
		dc->host = s->db_replica_host;
		dc->port = (unsigned)s->db_replica_port;
	}
	return true;
}

struct replica *replica_new(const struct db_conf *dc, long wait_ms, const char *key)
{
	struct replica *rp = xcalloc(1, sizeof *rp);
	rp->db = db_new(dc);
	rp->wait_ms = wait_ms;
	snprintf(rp->key, sizeof rp->key, "%s", key);
	return rp;
}

void replica_free(struct replica *rp)
{
	if (!rp)
		return;
	db_free(rp->db);
	free(rp);
}

void replica_lost(struct replica *rp)
{
	if (!rp->down)
		log_error("the database replica is unreachable: reading from the primary");
	rp->down = true;
	rp->retry_at = time(NULL) + RETRY_SECONDS;
}

/* Is the replica there?  The switches either way are logged once. */
static bool reachable(struct replica *rp)
{
	if (rp->down && time(NULL) < rp->retry_at)
		return false;
	if (db_connect(rp->db) < 0) {
		replica_lost(rp);
		return false;
	}
	if (rp->down)
		log_info("the database replica is back: reading from it again");
	rp->down = false;
	return true;
}

/* The wait happens on the replica; a timeout or an error (NULL) means the
 * request reads from the primary. */
static struct db_sql q_wait = DB_SQL("SELECT MASTER_GTID_WAIT(?, ? / 1000)");

struct db *replica_choose(struct replica *rp, struct db *primary, struct arena *a, const char *cookie)
{
	if (!rp || !reachable(rp))
		return primary;
	const char *gtid = replica_cookie_open(a, rp->key, cookie, (long long)time(NULL));
	if (!gtid)
		return rp->db; /* no cookie, or one the portal did not sign: nothing to wait for */
	struct db_rows rows;
	if (db_query(rp->db, a, &q_wait, &rows, "si", gtid, (long long)rp->wait_ms) < 0) {
		/* The replica went away during the wait: the next request tries
		 * to reconnect (and falls back if it cannot). */
		return primary;
	}
	const char *v = db_value(&rows, 0);
	return v && strcmp(v, "0") == 0 ? rp->db : primary;
}

/* Empty without a binary log (no replication): then there is nothing to wait for. */
static struct db_sql q_pos = DB_SQL("SELECT @@gtid_binlog_pos");

void replica_after_write(struct req *r)
{
	if (r->streamed || !db_wrote(r->app->db))
		return;
	struct db_rows rows;
	if (db_query(r->app->db, r->arena, &q_pos, &rows, "") < 0)
		return;
	const char *value = replica_cookie_make(r->arena, r->app->gtid_key, db_value(&rows, 0), (long long)time(NULL));
	if (value)
		http_cookie(r, GTID_COOKIE, value, GTID_COOKIE_SECONDS);
}
