/* /register and /register/verify.  The answer to a registration is the
 * same whatever the email: a new one gets an account and a verification
 * link (valid for account.verify_seconds, two days); a known one, in any
 * state, changes nothing of its account: its owner gets a note (a pending
 * account's owner is told how to confirm it or choose their own password;
 * links already sent keep working until they expire).  Mail goes to the
 * address stored, never to what was typed.  Registrations are throttled
 * per email and per address (throttle.h).  The link opens a page whose
 * button (a POST: a mail scanner following links changes nothing)
 * activates the account. */
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
#include "programs/fields_account.h"
#include "programs/handlers_account.h"

int account_register_form(struct req *r)
{
	return account_form(r, "register", 200);
}

static int form_again(struct req *r, int status)
{
	page_set(r, "Page.name", in_text(r, AF_NAME));
	page_set(r, "Page.email", in_typed(r, AF_EMAIL));
	return account_form(r, "register", status);
}

enum { ACCOUNT_ID, ACCOUNT_STATUS, ACCOUNT__COUNT };
static struct db_sql q_existing =
	DB_SQL_COLS(ACCOUNT__COUNT, "SELECT id, status FROM accounts WHERE email = ? FOR UPDATE");

/* The interface language the registrant chose (?lang=, or its cookie) is
 * their first preference, so their mail, the verification link's first, is
 * written in it; one their browser merely asked for is no choice, and an
 * account without a preference is mailed in English. */
static struct db_sql q_create =
	DB_SQL("INSERT INTO accounts (email, name, password_hash, ui_lang) VALUES (?, ?, ?, ?)");
static struct db_sql q_created =
	DB_SQL_COLS(ACCOUNT__COUNT, "SELECT id, status FROM accounts WHERE id = LAST_INSERT_ID()");

/* A new email: the account, pending, and a verification link.  A known
 * one: a note to its owner, and the account stays as it is (a second
 * registrant must not choose the password of a pending account, nor
 * rename it).  Either way, to the address stored. */
static int welcome(struct req *r, const char *email, const char *hash)
{
	struct db_rows rows;
	if (db_query(r->app->db, r->arena, &q_existing, &rows, "s", email) < 0)
		return -1;
	bool known = rows.nrows > 0;
	const char *name = in_text(r, AF_NAME);
	if (!known && (db_exec(r->app->db, &q_create, NULL, "ssss", email, name, hash, r->lang_negotiated ? NULL : r->lang) < 0 ||
		       db_query(r->app->db, r->arena, &q_created, &rows, "") < 0 || !rows.nrows))
		return -1;
	const char *account = db_get(&rows, 0, ACCOUNT_ID), *status = db_get(&rows, 0, ACCOUNT_STATUS);
	if (known)
		return audit_record(r, "register.known", account, email) < 0
			       ? -1
			       : mail_queue(r, strcmp(status, "pending") == 0 ? "registered_pending" : "registered",
					    account);
	long life = r->app->settings.account_verify_seconds;
	const char *token = account_link_new(r, account, "verify", life);
	if (!token)
		return -1;
	page_set(r, "Mail.name", name);
	page_set(r, "Mail.token", token);
	return audit_record(r, "register", account, email) < 0 ? -1 : mail_queue(r, "verify", account);
}

int account_register_submit(struct req *r)
{
	const char *email = in_text(r, AF_EMAIL);
	/* In the form's order (name, email, then the password): so the summary lists them. */
	bool missing = page_missing(r);
	bool good = account_new_password_ok(r);
	if (missing || !good)
		return form_again(r, 400);
	if (throttle_check(r, THROTTLE_REGISTER, email, NULL) > 0)
		return form_again(r, 429);
	throttle_count(r, THROTTLE_REGISTER, email, NULL);
	/* Hashed whether the email is new or not: both answers take as long. */
	char hash[PASSWORD_HASH_MAX];
	if (password_hash(&r->app->settings, in_text(r, AF_PASSWORD), hash) < 0)
		return 500;
	if (db_begin(r->app->db) < 0 || welcome(r, email, hash) < 0 || db_commit(r->app->db) < 0) {
		db_rollback(r->app->db);
		return 500;
	}
	page_set(r, "Page.email", email);
	return account_notice(r, "check_mail", 200);
}

int account_register_verify_form(struct req *r)
{
	const char *token = in_text(r, AF_TOKEN);
	if (!account_link_check(r, token, "verify", false))
		return account_link_refused(r, token, "verify", 400);
	page_set(r, "Page.token", token);
	return account_form(r, "verify", 200);
}

static struct db_sql q_activate = DB_SQL("UPDATE accounts SET status = 'active', updated_at = UTC_TIMESTAMP()"
					 " WHERE id = ? AND status = 'pending'");

int account_register_verify_submit(struct req *r)
{
	if (db_begin(r->app->db) < 0)
		return 500;
	const char *token = in_text(r, AF_TOKEN);
	const char *account = account_link_check(r, token, "verify", true);
	if (!account) {
		db_rollback(r->app->db);
		return account_link_refused(r, token, "verify", 400);
	}
	if (db_exec(r->app->db, &q_activate, NULL, "s", account) < 0 ||
	    audit_record(r, "register.verified", account, NULL) < 0 || db_commit(r->app->db) < 0) {
		db_rollback(r->app->db);
		return 500;
	}
	return account_notice(r, "verified", 200);
}
