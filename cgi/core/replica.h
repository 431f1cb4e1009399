/* Read replicas: spor-public may read from a MariaDB replica (db.replica.*)
 * while every write goes to the primary.  So that nobody sees their own
 * change vanish, a program that wrote tells the visitor's browser the
 * primary's GTID position in a short-lived cookie; spor-public waits (at
 * most db.replica.wait_ms) for the replica to reach it, else reads that
 * request from the primary.  The cookie is signed (HMAC-SHA256 under a key
 * derived from csrf.secret, which the three programs hold) with its expiry:
 * one the portal did not set, or set for another position, is ignored, so
 * nobody can make a worker wait for a position of their choosing. */
#ifndef SPOR_REPLICA_H
#define SPOR_REPLICA_H

#include <stdbool.h>

struct arena;
struct settings;
struct db;
struct db_conf;
struct req;

#define GTID_COOKIE "spor_gtid"
/* Seconds the cookie lives: far longer than any replication lag worth
 * waiting for, short enough that it soon stops costing a wait. */
#define GTID_COOKIE_SECONDS 60
/* Characters of a GTID list we accept: one position per replication
 * domain, and a portal has one or two. */
enum { GTID_MAX = 256 };
/* Characters of the cookie's value: "<GTID list>.<expiry>.<MAC>", the
 * expiry in seconds since the epoch and the MAC of what precedes it as 43
 * base64url characters. */
enum { GTID_COOKIE_MAX = GTID_MAX + 1 + 20 + 1 + 43 };

/* True when `s` is a GTID list: domain-server-seq triples of digits,
 * separated by commas, at most GTID_MAX characters. */
bool replica_gtid_ok(const char *s);

/* The cookie's key (TOKEN_CHARS characters and a NUL), derived from the
 * configuration's csrf.secret for this one use: a value MACed under it is
 * never a CSRF token, nor the reverse. */
void replica_cookie_key(const char *csrf_secret, char *key);

/* The cookie's value for the GTID list `pos`, valid until `now` +
 * GTID_COOKIE_SECONDS; NULL when `pos` is no GTID list. */
const char *replica_cookie_make(struct arena *a, const char *key, const char *pos, long long now);

/* The GTID list of a cookie signed under `key` and not expired at `now`;
 * NULL for anything else (no cookie, unsigned, forged, altered, expired). */
const char *replica_cookie_open(struct arena *a, const char *key, const char *cookie, long long now);

/* Fill `dc` like db_conf_from(), pointed at the replica of db.replica.socket
 * or db.replica.host/port; false when none is configured. */
bool replica_conf(struct db_conf *dc, const struct settings *s, const char *role);

struct replica;
/* `key`: replica_cookie_key()'s, which the cookies are checked under. */
struct replica *replica_new(const struct db_conf *dc, long wait_ms, const char *key);
void replica_free(struct replica *rp);

/* The connection a read-only request uses: the replica, unless it is
 * unreachable (then the primary, trying the replica again a few seconds
 * later) or `cookie` (the visitor's spor_gtid, unchecked) is a genuine,
 * unexpired cookie whose position the replica does not reach within its
 * wait.  Only a genuine cookie costs a wait.  `rp` may be NULL. */
struct db *replica_choose(struct replica *rp, struct db *primary, struct arena *a, const char *cookie);

/* The replica went away during a request: the primary serves from now on,
 * until the replica is tried again a few seconds later. */
void replica_lost(struct replica *rp);

/* For the programs that write: when the request changed the database, set
 * the cookie with the primary's GTID position (none without a binary log),
 * signed under r->app->gtid_key. */
void replica_after_write(struct req *r);

#endif
