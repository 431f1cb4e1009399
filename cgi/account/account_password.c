/* Passwords: /password/forgot sends a reset link (single use, valid for
 * an hour, stored hashed; the same answer whether the email has an account
 * or not) to the address stored, never to what was typed; /password/reset
 * sets a new password from it and ends every session of the account;
 * /account/password changes it for a signed-in user who gives the current
 * one, and ends the account's other sessions.  Each is throttled per email
 * and per address (throttle.h). */
#include "config.h"

#include <string.h>

#include "account/account.h"
#include "account/audit.h"
#include "account/password.h"
#include "account/throttle.h"
#include "core/db.h"
#include "core/mail.h"
#include "core/page.h"
#include "core/program.h"
#include "core/session.h"
#include "programs/fields_account.h"
#include "programs/handlers_account.h"

enum { BY_ID_EMAIL, BY_ID_NAME, BY_ID_PASSWORD_HASH, BY_ID__COUNT };
static struct db_sql q_by_id =
	DB_SQL_COLS(BY_ID__COUNT, "SELECT email, name, password_hash FROM accounts WHERE id = ?");

int account_password_forgot_form(struct req *r)
{
	return account_form(r, "forgot", 200);
}

static int forgot_again(struct req *r, int status)
{
	page_set(r, "Page.email", in_typed(r, AF_EMAIL));
	return account_form(r, "forgot", status);
}

enum { BY_EMAIL_ID, BY_EMAIL_NAME, BY_EMAIL__COUNT };
static struct db_sql q_by_email = DB_SQL_COLS(
	BY_EMAIL__COUNT, "SELECT id, name FROM accounts WHERE email = ? AND status IN ('pending', 'active')");

int account_password_forgot_submit(struct req *r)
{
	const char *email = in_text(r, AF_EMAIL);
	if (page_missing(r))
		return forgot_again(r, 400);
	if (throttle_check(r, THROTTLE_FORGOT, email, NULL) > 0)
		return forgot_again(r, 429);
	throttle_count(r, THROTTLE_FORGOT, email, NULL);
	struct db_rows rows;
	if (db_begin(r->app->db) < 0 || db_query(r->app->db, r->arena, &q_by_email, &rows, "s", email) < 0)
		goto fail;
	if (audit_record(r, "password.forgot", rows.nrows ? db_get(&rows, 0, BY_EMAIL_ID) : NULL, email) < 0)
		goto fail;
	if (rows.nrows) {
		long life = r->app->settings.account_reset_seconds;
		const char *token = account_link_new(r, db_get(&rows, 0, BY_EMAIL_ID), "reset", life);
		page_set(r, "Mail.name", db_get(&rows, 0, BY_EMAIL_NAME));
		page_set(r, "Mail.token", token);
		if (!token || mail_queue(r, "reset", db_get(&rows, 0, BY_EMAIL_ID)) < 0)
			goto fail;
	}
	if (db_commit(r->app->db) < 0)
		goto fail;
	page_set(r, "Page.email", email);
	return account_notice(r, "check_mail_reset", 200);
fail:
	db_rollback(r->app->db);
	return 500;
}

int account_password_reset_form(struct req *r)
{
	const char *token = in_text(r, AF_TOKEN);
	if (!account_link_check(r, token, "reset", false))
		return account_link_refused(r, token, "reset", 400);
	page_set(r, "Page.token", token);
	return account_form(r, "reset", 200);
}

/* A reset proves the email too: a pending account becomes active. */
static struct db_sql q_set = DB_SQL("UPDATE accounts SET password_hash = ?, updated_at = UTC_TIMESTAMP(),"
				    " status = IF(status = 'pending', 'active', status) WHERE id = ?");

/* Set the account's new password, end its sessions (all, or all but the
 * request's own: then it is the signed-in user's) and tell its owner;
 * inside the caller's transaction. */
static int set_password(struct req *r, const char *account, bool keep_mine, const char *event)
{
	struct db_rows rows;
	char hash[PASSWORD_HASH_MAX];
	if (password_hash(&r->app->settings, in_text(r, AF_PASSWORD), hash) < 0 ||
	    db_query(r->app->db, r->arena, &q_by_id, &rows, "s", account) < 0 || !rows.nrows ||
	    db_exec(r->app->db, &q_set, NULL, "ss", hash, account) < 0 ||
	    (keep_mine ? session_end_others(r) : session_end_all(r->app->db, account)) < 0 ||
	    audit_record(r, event, account, NULL) < 0)
		return -1;
	page_set(r, "Mail.name", db_get(&rows, 0, BY_ID_NAME));
	return mail_queue(r, "password_changed", account);
}

static int reset_again(struct req *r, const char *token, int status)
{
	page_set(r, "Page.token", token);
	return account_form(r, "reset", status);
}

int account_password_reset_submit(struct req *r)
{
	const char *token = in_text(r, AF_TOKEN);
	const char *account = account_link_check(r, token, "reset", false);
	if (!account)
		return account_link_refused(r, token, "reset", 400);
	if (!account_new_password_ok(r))
		return reset_again(r, token, 400);
	struct db_rows me;
	if (db_query(r->app->db, r->arena, &q_by_id, &me, "s", account) < 0 || !me.nrows)
		return 500;
	if (throttle_check(r, THROTTLE_RESET, db_get(&me, 0, BY_ID_EMAIL), account) > 0)
		return reset_again(r, token, 429);
	throttle_count(r, THROTTLE_RESET, db_get(&me, 0, BY_ID_EMAIL), account);
	if (db_begin(r->app->db) < 0)
		return 500;
	account = account_link_check(r, token, "reset", true);
	if (!account) {
		db_rollback(r->app->db);
		return account_link_refused(r, token, "reset", 400);
	}
	if (set_password(r, account, false, "password.reset") < 0 || db_commit(r->app->db) < 0) {
		db_rollback(r->app->db);
		return 500;
	}
	return account_notice(r, "password_reset", 200);
}

int account_password_form(struct req *r)
{
	return account_form(r, "password", 200);
}

int account_password_submit(struct req *r)
{
	struct db_rows rows;
	if (db_query(r->app->db, r->arena, &q_by_id, &rows, "s", r->user.id) < 0 || !rows.nrows)
		return 500;
	const char *email = db_get(&rows, 0, BY_ID_EMAIL);
	if (throttle_check(r, THROTTLE_PASSWORD, email, r->user.id) > 0)
		return account_form(r, "password", 429);
	throttle_count(r, THROTTLE_PASSWORD, email, r->user.id);
	bool good = account_new_password_ok(r);
	if (!account_password_ok(r, db_get(&rows, 0, BY_ID_PASSWORD_HASH), in_text(r, AF_CURRENT))) {
		audit_record(r, "password.change_refused", r->user.id, NULL);
		account_error(r, "current_password", "current_wrong");
		good = false;
	}
	if (!good)
		return account_form(r, "password", 400);
	if (db_begin(r->app->db) < 0 || set_password(r, r->user.id, true, "password.changed") < 0 ||
	    db_commit(r->app->db) < 0) {
		db_rollback(r->app->db);
		return 500;
	}
	return http_redirect(r, 303, "/account?saved=password");
}
