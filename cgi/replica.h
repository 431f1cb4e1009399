/* Read replicas: spor-public may read from a MariaDB replica (db.replica.*)
 * while every write goes to the primary.  So that nobody sees their own
 * change vanish, a program that wrote tells the visitor's browser the
 * primary's GTID position in a short-lived cookie; spor-public waits (at
 * most db.replica.wait_ms) for the replica to reach it, else reads that
 * request from the primary. */
#ifndef SPOR_REPLICA_H
#define SPOR_REPLICA_H

#include <stdbool.h>

struct arena;
struct conf;
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

/* True when `s` is a GTID list: domain-server-seq triples of digits,
 * separated by commas, at most GTID_MAX characters. */
bool replica_gtid_ok(const char *s);

/* Fill `dc` like db_conf_from(), pointed at the replica of db.replica.socket
 * or db.replica.host/port; false when none is configured. */
bool replica_conf(struct db_conf *dc, const struct conf *c, const char *role);

struct replica;
struct replica *replica_new(const struct db_conf *dc, long wait_ms);
void replica_free(struct replica *rp);

/* The connection a read-only request uses: the replica, unless it is
 * unreachable (then the primary, trying the replica again a few seconds
 * later) or `gtid` (the visitor's cookie, unchecked) names a valid position
 * the replica does not reach within its wait.  `rp` may be NULL. */
struct db *replica_choose(struct replica *rp, struct db *primary, struct arena *a, const char *gtid);

/* The replica went away during a request: the primary serves from now on,
 * until the replica is tried again a few seconds later. */
void replica_lost(struct replica *rp);

/* For the programs that write: when the request changed the database, set
 * the cookie with the primary's GTID position (none without a binary log). */
void replica_after_write(struct req *r);

#endif
