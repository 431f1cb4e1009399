/* /login and /logout.  A sign-in gives one answer for an unknown email and
 * a wrong password, and costs the same time for both (a decoy hash); it is
 * throttled per email and per address (throttle.h); every failure and
 * lockout is in the audit log.  A successful sign-in replaces any session
 * the visitor had with a new one and returns to `next`, a local path (the
 * field's type refuses any other: field.c); for
 * an account with two-step sign-in on, the right password leads to the
 * second step instead (account_login_twofactor.c), which ends the same way.
 * Signing out lands on the sign-in page, which says it happened. */
#include "config.h"

#include <string.h>

#include "account/account.h"
#include "account/audit.h"
#include "account/throttle.h"
#include "account/twofactor.h"
#include "core/db.h"
#include "core/page.h"
#include "core/program.h"
#include "core/session.h"
#include "programs/fields_account.h"
#include "programs/handlers_account.h"

int account_login_form(struct req *r)
{
	page_set(r, "Page.next", in_text(r, AF_NEXT));
	page_set(r, "Page.saved", in_text(r, AF_SAVED));
	return account_form(r, "login", 200);
}

/* The form again with what went wrong (Page.problem: Lang.login.<key>;
 * NULL: the fields marked in Page.errors say it). */
static int refuse(struct req *r, const char *problem, int status)
{
	page_set(r, "Page.problem", problem);
	page_set(r, "Page.email", in_typed(r, AF_EMAIL));
	return account_login_form(r) == 200 ? status : 500;
}

static struct db_sql q_signed_in = DB_SQL("UPDATE accounts SET last_login_at = UTC_TIMESTAMP() WHERE id = ?");

int account_session_open(struct req *r, const char *account)
{
	return session_start(r, account) < 0 || db_exec(r->app->db, &q_signed_in, NULL, "s", account) < 0 ||
			       audit_record(r, "login.ok", account, NULL) < 0
		       ? -1
		       : 0;
}

int account_session_opened(struct req *r, const char *email)
{
	throttle_clear(r, THROTTLE_LOGIN, email);
	const char *next = in_text(r, AF_NEXT);
	return http_redirect(r, 303, next ? next : "/account");
}

static int signed_in(struct req *r, const char *account, const char *email)
{
	if (db_begin(r->app->db) < 0 || account_session_open(r, account) < 0 || db_commit(r->app->db) < 0) {
		db_rollback(r->app->db);
		return 500;
	}
	return account_session_opened(r, email);
}

enum { ACCOUNT_ID, ACCOUNT_PASSWORD_HASH, ACCOUNT_STATUS, ACCOUNT__COUNT };
static struct db_sql q_account =
	DB_SQL_COLS(ACCOUNT__COUNT, "SELECT id, password_hash, status FROM accounts WHERE email = ?");

int account_login_submit(struct req *r)
{
	const char *email = in_text(r, AF_EMAIL), *password = in_text(r, AF_PASSWORD);
	if (page_missing(r))
		return refuse(r, NULL, 400);
	if (throttle_check(r, THROTTLE_LOGIN, email, NULL) > 0)
		return refuse(r, "locked", 429);

	struct db_rows rows;
	if (db_query(r->app->db, r->arena, &q_account, &rows, "s", email) < 0)
		return 500;
	const char *account = rows.nrows ? db_get(&rows, 0, ACCOUNT_ID) : NULL;
	const char *status = rows.nrows ? db_get(&rows, 0, ACCOUNT_STATUS) : "";
	bool right = account_password_ok(r, rows.nrows ? db_get(&rows, 0, ACCOUNT_PASSWORD_HASH) : NULL, password);
	if (!right || strcmp(status, "deleted") == 0) {
		audit_record(r, "login.failed", account, email);
		throttle_count(r, THROTTLE_LOGIN, email, account);
		return refuse(r, "wrong", 401);
	}
	/* Only someone who knows the password learns the account's state. */
	if (strcmp(status, "pending") == 0)
		return refuse(r, "pending", 403);
	if (strcmp(status, "locked") == 0) {
		audit_record(r, "login.refused", account, email);
		return refuse(r, "account_locked", 403);
	}
	/* With two-step sign-in on, the password alone starts no session. */
	int second = twofactor_on(r, account);
	if (second < 0)
		return 500;
	return second ? login_second_step(r, account) : signed_in(r, account, email);
}

int account_login_logout_submit(struct req *r)
{
	if (r->user.session) {
		if (session_end(r) < 0)
			return 500;
		audit_record(r, "logout", r->user.id, NULL);
	}
	return http_redirect(r, 303, "/login?saved=signed_out"); /* which says so */
}
