/* Counting failed sign-ins. */
#include "config.h"

#include <stdlib.h>

#include "app.h"
#include "conf.h"
#include "db.h"
#include "throttle.h"

/* Subjects are hashed: an account by its email in lower case (ASCII). */
#define SUBJECT(scope) "(scope = '" scope "' AND subject_hash = UNHEX(SHA2(?, 256)))"

static struct db_sql q_wait = DB_SQL(
	"SELECT COALESCE(MAX(TIMESTAMPDIFF(SECOND, UTC_TIMESTAMP(), locked_until)) + 1, 0) FROM auth_throttle"
	" WHERE (" SUBJECT("account") " OR " SUBJECT("address") ") AND locked_until > UTC_TIMESTAMP()");
/* Assignments run left to right: the old last_failure_at decides first. */
static struct db_sql q_fail = DB_SQL(
	"INSERT INTO auth_throttle (scope, subject_hash, failures) VALUES (?, UNHEX(SHA2(?, 256)), 1)"
	" ON DUPLICATE KEY UPDATE lockouts = IF(last_failure_at < UTC_TIMESTAMP() - INTERVAL 1 DAY, 0, lockouts),"
	" failures = IF(last_failure_at < UTC_TIMESTAMP() - INTERVAL 1 HOUR, 1, failures + 1),"
	" last_failure_at = UTC_TIMESTAMP()");
static struct db_sql q_lock = DB_SQL(
	"UPDATE auth_throttle SET locked_until = UTC_TIMESTAMP() + INTERVAL"
	" CAST(LEAST(3600, 60 * POW(2, LEAST(lockouts, 6))) AS UNSIGNED) SECOND,"
	" lockouts = lockouts + 1, failures = 0"
	" WHERE scope = ? AND subject_hash = UNHEX(SHA2(?, 256)) AND failures >= ?");
static struct db_sql q_clear = DB_SQL("DELETE FROM auth_throttle WHERE " SUBJECT("account"));

static const char *account_subject(struct req *r, const char *email)
{
	char *lower = arena_strdup(r->arena, email);
	for (char *p = lower; *p; p++)
		if (*p >= 'A' && *p <= 'Z')
			*p = (char)(*p + 32);
	return lower;
}

long throttle_wait(struct req *r, const char *email)
{
	struct db_rows rows;
	if (db_query(r->app->db, r->arena, &q_wait, &rows, "ss", account_subject(r, email), r->remote_addr) < 0 ||
	    !rows.nrows)
		return 0;
	return atol(db_get(&rows, 0, 0));
}

static bool fail(struct req *r, const char *scope, const char *subject, long limit)
{
	unsigned long long locked = 0;
	return db_exec(r->app->db, &q_fail, NULL, "ss", scope, subject) == 0 &&
	       db_exec(r->app->db, &q_lock, &locked, "ssi", scope, subject, (long long)limit) == 0 && locked > 0;
}

bool throttle_fail(struct req *r, const char *email)
{
	const struct conf *c = r->app->conf;
	bool account =
		fail(r, "account", account_subject(r, email), conf_int(c, "throttle.account_failures", 5, 1, 1000));
	bool address = fail(r, "address", r->remote_addr, conf_int(c, "throttle.address_failures", 20, 1, 100000));
	return account || address;
}

void throttle_clear(struct req *r, const char *email)
{
	db_exec(r->app->db, &q_clear, NULL, "s", account_subject(r, email));
}
