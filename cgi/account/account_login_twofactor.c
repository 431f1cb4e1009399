/* /login/two-factor: the second step of signing in to an account with
 * two-step sign-in on.  The right password made a pending sign-in (the
 * token of the cookie spor_2fa, bound to the account, for a few minutes)
 * and no session; here a code of the authenticator app, or an unused
 * recovery code, spends the pending sign-in and starts the session as a
 * sign-in without two-step does (a new token, back to `next`).  Wrong
 * codes are throttled and audited as wrong passwords are; a code of the
 * app used already is refused the same way and mailed to the owner; a
 * recovery code used is audited too. */
#include "config.h"

#include <string.h>

#include "account/account.h"
#include "account/audit.h"
#include "account/twofactor.h"
#include "core/db.h"
#include "core/mail.h"
#include "core/page.h"
#include "core/program.h"
#include "programs/fields_account.h"
#include "programs/handlers_account.h"

int login_second_step(struct req *r, const char *account)
{
	if (twofactor_pending_start(r, account) < 0)
		return 500;
	audit_record(r, "login.second_step", account, NULL);
	const char *next = in_text(r, AF_NEXT);
	return http_redirect(r, 303,
			     next ? arena_printf(r->arena, "/login/two-factor?next=%s", http_url_escape(r->arena, next))
				  : "/login/two-factor");
}

static int show(struct req *r, int status)
{
	page_set(r, "Page.next", in_text(r, AF_NEXT));
	return account_form(r, "login_code", status);
}

/* No live pending sign-in (none, expired, used, or its account locked
 * since): the page says to sign in again. */
static int expired(struct req *r, int status)
{
	if (http_cookie_get(r, PENDING_COOKIE))
		twofactor_pending_forget(r);
	page_set(r, "Page.expired", "1");
	return show(r, status);
}

int account_login_twofactor_form(struct req *r)
{
	return twofactor_pending(r, false) ? show(r, 200) : expired(r, 200);
}

/* The account may still sign in (not locked or deleted since the password). */
enum { A_EMAIL, A_NAME, A__COUNT };
static struct db_sql q_account =
	DB_SQL_COLS(A__COUNT, "SELECT email, name FROM accounts WHERE id = ? AND status = 'active'");

int account_login_twofactor_submit(struct req *r)
{
	const char *account = twofactor_pending(r, false), *code = in_text(r, AF_CODE);
	struct db_rows rows;
	if (!account)
		return expired(r, 401);
	if (db_query(r->app->db, r->arena, &q_account, &rows, "s", account) < 0)
		return 500;
	if (!rows.nrows)
		return expired(r, 401);
	const char *email = db_get(&rows, 0, A_EMAIL);
	if (twofactor_wait(r, email, account) > 0) {
		page_set(r, "Page.problem", "locked");
		return show(r, 429);
	}
	if (page_missing(r))
		return show(r, 400);
	if (db_begin(r->app->db) < 0)
		return 500;
	/* The pending sign-in is spent with the code, in one transaction: of
	 * two answers at once, one signs in and the other finds it gone. */
	const char *same = twofactor_pending(r, true);
	enum twofactor_code got = same && strcmp(same, account) == 0 ? twofactor_check(r, account, code) : TF_WRONG;
	if (got == TF_TOTP || got == TF_RECOVERY) {
		if ((got == TF_RECOVERY && audit_record(r, "login.recovery_used", account, NULL) < 0) ||
		    account_session_open(r, account) < 0 || db_commit(r->app->db) < 0) {
			db_rollback(r->app->db);
			return 500;
		}
		twofactor_pending_forget(r);
		return account_session_opened(r, email);
	}
	db_rollback(r->app->db); /* a wrong code leaves the pending sign-in for another try */
	if (got == TF_FAILED)
		return 500;
	if (!same)
		return expired(r, 401);
	audit_record(r, "login.code_failed", account, NULL);
	twofactor_failed(r, email, account);
	if (got == TF_REUSED) {
		/* Whoever typed it knew the password and saw a code of the app
		 * that was used already: the owner hears of it (OWASP ASVS 2.8.5). */
		page_set(r, "Mail.name", db_get(&rows, 0, A_NAME));
		if (audit_record(r, "login.code_reused", account, NULL) < 0 ||
		    mail_queue(r, "two_factor_reused", account) < 0)
			return 500;
	}
	account_error(r, "code", got == TF_REUSED ? "code_used" : "code_wrong");
	return show(r, 401);
}
