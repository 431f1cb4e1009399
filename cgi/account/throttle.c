/* Counting attempts and failures per action, email and client address
 * (throttle.h). */
#include "config.h"

#include <stdbool.h>
#include <stdlib.h>

#include "account/audit.h"
#include "account/throttle.h"
#include "core/db.h"
#include "core/http.h"
#include "core/page.h"
#include "core/program.h"

/* Each action: its name in auth_throttle.action, whether its limits count
 * failures (signing in: throttle.account_failures and .address_failures)
 * or attempts (throttle.email_attempts and .address_attempts), and its
 * audit events. */
static const struct rule {
	const char *name;
	bool failures;
	const char *refused, *lockout;
} rules[THROTTLE__COUNT] = {
	[THROTTLE_LOGIN] = {"login", true, "login.refused", "login.lockout"},
	[THROTTLE_REGISTER] = {"register", false, "register.throttled", "register.lockout"},
	[THROTTLE_FORGOT] = {"forgot", false, "password.forgot_throttled", "password.forgot_lockout"},
	[THROTTLE_RESET] = {"reset", false, "password.reset_throttled", "password.reset_lockout"},
	[THROTTLE_PASSWORD] = {"password", false, "password.change_throttled", "password.change_lockout"},
	[THROTTLE_DELETE] = {"delete", false, "account.delete_throttled", "account.delete_lockout"},
	[THROTTLE_SESSIONS] = {"sessions", false, "session.end_throttled", "session.end_lockout"},
	[THROTTLE_TOKENS] = {"tokens", false, "token.create_throttled", "token.create_lockout"},
};

/* Subjects are hashed: an account by its normalised email, an address as
 * nginx gives it.  A NULL email matches nothing. */
#define SUBJECT(scope) "(scope = '" scope "' AND subject_hash = UNHEX(SHA2(?, 256)))"

static struct db_sql q_wait = DB_SQL(
	"SELECT COALESCE(MAX(TIMESTAMPDIFF(SECOND, UTC_TIMESTAMP(), locked_until)) + 1, 0) FROM auth_throttle"
	" WHERE action = ? AND (" SUBJECT("account") " OR " SUBJECT("address") ") AND locked_until > UTC_TIMESTAMP()");

long throttle_check(struct req *r, enum throttle_action a, const char *email, const char *account)
{
	struct db_rows rows;
	if (db_query(r->app->db, r->arena, &q_wait, &rows, "sss", rules[a].name, email, r->remote_addr) < 0 ||
	    !rows.nrows)
		return 0;
	long wait = atol(db_value(&rows, 0));
	if (wait <= 0)
		return 0;
	audit_record(r, rules[a].refused, account, email);
	page_set_int(r, "Page.wait_minutes", (wait + 59) / 60);
	http_header(r, "Retry-After", arena_printf(r->arena, "%ld", wait));
	return wait;
}

/* Assignments run left to right: the old last_failure_at decides first. */
static struct db_sql q_count = DB_SQL(
	"INSERT INTO auth_throttle (action, scope, subject_hash, failures) VALUES (?, ?, UNHEX(SHA2(?, 256)), 1)"
	" ON DUPLICATE KEY UPDATE lockouts = IF(last_failure_at < UTC_TIMESTAMP() - INTERVAL 1 DAY, 0, lockouts),"
	" failures = IF(last_failure_at < UTC_TIMESTAMP() - INTERVAL 1 HOUR, 1, failures + 1),"
	" last_failure_at = UTC_TIMESTAMP()");
static struct db_sql q_lock = DB_SQL(
	"UPDATE auth_throttle SET locked_until = UTC_TIMESTAMP() + INTERVAL"
	" CAST(LEAST(3600, 60 * POW(2, LEAST(lockouts, 6))) AS UNSIGNED) SECOND,"
	" lockouts = lockouts + 1, failures = 0"
	" WHERE action = ? AND scope = ? AND subject_hash = UNHEX(SHA2(?, 256)) AND failures >= ?");

/* Count one for the subject in the scope; true when that started a lockout. */
static bool count(struct req *r, const char *action, const char *scope, const char *subject, long limit)
{
	unsigned long long locked = 0;
	return db_exec(r->app->db, &q_count, NULL, "sss", action, scope, subject) == 0 &&
	       db_exec(r->app->db, &q_lock, &locked, "sssi", action, scope, subject, (long long)limit) == 0 && locked > 0;
}

void throttle_count(struct req *r, enum throttle_action a, const char *email, const char *account)
{
	const struct settings *s = &r->app->settings;
	const struct rule *rule = &rules[a];
	bool by_email = email && count(r, rule->name, "account", email,
				       rule->failures ? s->throttle_account_failures : s->throttle_email_attempts);
	bool by_address = count(r, rule->name, "address", r->remote_addr,
				rule->failures ? s->throttle_address_failures : s->throttle_address_attempts);
	if (by_email || by_address)
		audit_record(r, rule->lockout, account, email);
}

static struct db_sql q_clear = DB_SQL("DELETE FROM auth_throttle WHERE action = ? AND " SUBJECT("account"));

void throttle_clear(struct req *r, enum throttle_action a, const char *email)
{
	db_exec(r->app->db, &q_clear, NULL, "ss", rules[a].name, email);
}
