/* /account/two-factor: two-step sign-in for one's own account.  Off, the
 * page shows a new secret (kept unconfirmed until then) as a QR code, as
 * upper-case base32 and as its otpauth:// URI, and a code of the app turns
 * it on: ten recovery codes are made and shown once, the account's other
 * sessions end (they never gave a code) and the owner is mailed.  On, the
 * page says since when and how many recovery codes are left; turning it
 * off, or replacing the recovery codes, takes the password and a code (of
 * the app, or a recovery code, which is then spent), so that a session left
 * open does not suffice to weaken the account, and an owner who lost the
 * phone can still turn it off.  Turning it off mails the owner.
 * Administrators and data stewards must have it on to use the console
 * (admin_twofactor.c); the page tells them so. */
#include "config.h"

#include <string.h>
#include <time.h>

#include "account/account.h"
#include "account/audit.h"
#include "account/qr.h"
#include "account/twofactor.h"
#include "core/db.h"
#include "core/mail.h"
#include "core/page.h"
#include "core/program.h"
#include "core/session.h"
#include "programs/fields_account.h"
#include "programs/handlers_account.h"

enum { S_EMAIL, S_NAME, S_HASH, S_SECRET, S_ENABLED, S_CODES_LEFT, S__COUNT };
static struct db_sql q_state = DB_SQL_COLS(S__COUNT,
	"SELECT a.email, a.name, a.password_hash, HEX(t.secret), DATE_FORMAT(t.enabled_at, '%Y-%m-%d %H:%i'),"
	" (SELECT COUNT(*) FROM account_recovery_codes c WHERE c.account_id = a.id AND c.used_at IS NULL)"
	" FROM accounts a LEFT JOIN account_totp t ON t.account_id = a.id WHERE a.id = ?");
#define OFFERED "SELECT HEX(secret) FROM account_totp WHERE account_id = ? AND enabled_at IS NULL"

static bool state(struct req *r, struct db_rows *me)
{
	return db_query(r->app->db, r->arena, &q_state, me, "s", r->user.id) == 0 && me->nrows;
}

/* Administrators and data stewards are told why the console sent them. */
static bool required(const struct req *r)
{
	return (r->roles & (ROLE_ADMIN | ROLE_STEWARD)) != 0;
}

static int page(struct req *r, int status)
{
	if (required(r))
		page_set(r, "Page.required", "1");
	return account_form(r, "two_factor", status);
}

/* The page that offers `secret` to the app. */
static int offer(struct req *r, const char *email, const unsigned char secret[TOTP_SECRET_BYTES], int status)
{
	const char *base32 = totp_base32(r->arena, secret, TOTP_SECRET_BYTES);
	if (!base32)
		return 500;
	const char *uri = totp_uri(r->arena, r->app->settings.twofactor_issuer, email, base32);
	page_set(r, "Page.secret", base32);
	page_set(r, "Page.uri", uri);
	if (qr_put(r, uri) < 0)
		return 500;
	return page(r, status);
}

/* The page of an account with two-step sign-in on. */
static int show_on(struct req *r, const struct db_rows *me, int status)
{
	page_set(r, "Page.on", "1");
	page_set(r, "Page.since", db_get(me, 0, S_ENABLED));
	page_set(r, "Page.codes_left", db_get(me, 0, S_CODES_LEFT));
	return page(r, status);
}

/* A secret to enrol: a new one, or one in place of an offered one that no
 * longer opens (twofactor.key changed); never in place of one in use. */
static struct db_sql q_offer = DB_SQL("INSERT IGNORE INTO account_totp (account_id, secret) VALUES (?, UNHEX(?))");
static struct db_sql q_offer_again = DB_SQL("UPDATE account_totp SET secret = UNHEX(?), created_at = UTC_TIMESTAMP()"
					    " WHERE account_id = ? AND enabled_at IS NULL");
static struct db_sql q_offered = DB_SQL(OFFERED);

int account_twofactor_form(struct req *r)
{
	struct db_rows me;
	if (!state(r, &me))
		return 500;
	if (db_get(&me, 0, S_ENABLED))
		return show_on(r, &me, 200);
	/* The secret offered last time, while it opens; else a new one. */
	unsigned char secret[TOTP_SECRET_BYTES];
	const char *sealed = db_get(&me, 0, S_SECRET);
	if (!sealed || twofactor_unseal(r, r->user.id, sealed, secret) < 0) {
		struct db_rows stored;
		const char *fresh = totp_secret_new(secret) ? twofactor_seal(r, r->user.id, secret) : NULL;
		if (!fresh ||
		    (sealed ? db_exec(r->app->db, &q_offer_again, NULL, "ss", fresh, r->user.id)
			    : db_exec(r->app->db, &q_offer, NULL, "ss", r->user.id, fresh)) < 0 ||
		    db_query(r->app->db, r->arena, &q_offered, &stored, "s", r->user.id) < 0)
			return 500;
		/* What is stored: another tab may have offered one at the same moment. */
		if (!stored.nrows || twofactor_unseal(r, r->user.id, db_value(&stored, 0), secret) < 0)
			return http_redirect(r, 303, "/account/two-factor");
	}
	return offer(r, db_get(&me, 0, S_EMAIL), secret, 200);
}

/* The recovery codes, shown once, as the answer to the form that made them. */
static int codes_page(struct req *r, const char *kind)
{
	page_set(r, "Page.made", kind);
	page_set(r, "Page.continue", required(r) ? "/admin" : "/account");
	return account_form(r, "two_factor_codes", 200);
}

static struct db_sql q_offered_lock = DB_SQL(OFFERED " FOR UPDATE");
static struct db_sql q_enable = DB_SQL(
	"UPDATE account_totp SET enabled_at = UTC_TIMESTAMP(), last_step = ? WHERE account_id = ? AND enabled_at IS NULL");

int account_twofactor_submit(struct req *r)
{
	struct db_rows me, offered;
	char code[TOTP_CODE_MAX];
	if (!state(r, &me))
		return 500;
	if (db_get(&me, 0, S_ENABLED) || !db_get(&me, 0, S_SECRET))
		return http_redirect(r, 303, "/account/two-factor"); /* on already, or nothing offered yet */
	struct db *db = r->app->db;
	unsigned char secret[TOTP_SECRET_BYTES];
	if (db_begin(db) < 0 || db_query(db, r->arena, &q_offered_lock, &offered, "s", r->user.id) < 0)
		goto fail;
	if (!offered.nrows || twofactor_unseal(r, r->user.id, db_value(&offered, 0), secret) < 0) {
		db_rollback(db);
		return http_redirect(r, 303, "/account/two-factor");
	}
	long long step = totp_digits(in_text(r, AF_CODE), code) ? totp_match(secret, sizeof secret, time(NULL), 0, code)
								  : -1;
	if (step < 0) {
		db_rollback(db);
		if (!page_missing(r)) /* given, and wrong */
			account_error(r, "code", "code_wrong");
		return offer(r, db_get(&me, 0, S_EMAIL), secret, 400);
	}
	page_set(r, "Mail.name", db_get(&me, 0, S_NAME));
	if (db_exec(db, &q_enable, NULL, "is", step, r->user.id) < 0 || twofactor_new_codes(r, r->user.id) < 0 ||
	    session_end_others(r) < 0 ||
	    audit_record(r, "twofactor.enabled", r->user.id, NULL) < 0 ||
	    mail_queue(r, "two_factor_on", r->user.id) < 0 || db_commit(db) < 0)
		goto fail;
	return codes_page(r, "enabled");
fail:
	db_rollback(db);
	return 500;
}

/* Turning it off and new recovery codes, for an account that has it on,
 * are confirmed with the password and a code: 0 when both are right
 * (inside a transaction: the code is spent; the account's state in `me`),
 * else the status of the answer made: the page again with what was wrong. */
static int confirmed(struct req *r, struct db_rows *me)
{
	if (!state(r, me))
		return 500;
	if (!db_get(me, 0, S_ENABLED))
		return http_redirect(r, 303, "/account/two-factor");
	const char *email = db_get(me, 0, S_EMAIL), *password = in_text(r, AF_CURRENT), *code = in_text(r, AF_CODE);
	if (twofactor_wait(r, email, r->user.id) > 0)
		return show_on(r, me, 429);
	bool right = account_password_ok(r, db_get(me, 0, S_HASH), password);
	if (right && code) {
		enum twofactor_code got = TF_FAILED;
		if (db_begin(r->app->db) < 0 || (got = twofactor_check(r, r->user.id, code)) == TF_FAILED) {
			db_rollback(r->app->db);
			return 500;
		}
		if (got == TF_TOTP || got == TF_RECOVERY)
			return 0;
		db_rollback(r->app->db);
	}
	if (password && !right)
		account_error(r, "current_password", "current_wrong");
	page_missing(r); /* the password or the code left out */
	if (code && right)
		account_error(r, "code", "code_wrong");
	/* A wrong password, or a wrong code after the right one, is a guess. */
	if ((password && !right) || (right && code)) {
		audit_record(r, "twofactor.refused", r->user.id, NULL);
		twofactor_failed(r, email, r->user.id);
	}
	return show_on(r, me, 400);
}

int account_twofactor_disable_submit(struct req *r)
{
	struct db_rows me;
	int refused = confirmed(r, &me);
	if (refused)
		return refused;
	page_set(r, "Mail.name", db_get(&me, 0, S_NAME));
	if (twofactor_forget(r, r->user.id) < 0 || audit_record(r, "twofactor.disabled", r->user.id, NULL) < 0 ||
	    mail_queue(r, "two_factor_off", r->user.id) < 0 || db_commit(r->app->db) < 0) {
		db_rollback(r->app->db);
		return 500;
	}
	return http_redirect(r, 303, "/account?saved=two_factor_off");
}

int account_twofactor_recovery_codes_submit(struct req *r)
{
	struct db_rows me;
	int refused = confirmed(r, &me);
	if (refused)
		return refused;
	if (twofactor_new_codes(r, r->user.id) < 0 || audit_record(r, "twofactor.codes_renewed", r->user.id, NULL) < 0 ||
	    db_commit(r->app->db) < 0) {
		db_rollback(r->app->db);
		return 500;
	}
	return codes_page(r, "renewed");
}
