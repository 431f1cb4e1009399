/* /account: who the user is, their roles and favourites, and the way to
 * the preferences, the password and deleting the account.  Deleting asks
 * for the password, removes the personal data (email, name, password,
 * preferences, sessions, links, favourites, roles, two-step sign-in; the
 * email typed in the audit log) and keeps the account's row under a
 * pseudonym, so that what it did (requests, the audit log) stays readable
 * without naming anyone.  Attempts are throttled per email and per address
 * (throttle.h). */
#include "config.h"

#include "account/account.h"
#include "account/audit.h"
#include "account/roles.h"
#include "account/throttle.h"
#include "account/twofactor.h"
#include "core/db.h"
#include "core/mail.h"
#include "core/page.h"
#include "core/program.h"
#include "core/session.h"
#include "programs/fields_account.h"
#include "programs/handlers_account.h"

/* The account, named as Page.me shows it (its password's hash apart). */
#define ME_COLUMNS(X)                                                                                              \
	X(ME_EMAIL, "email") X(ME_NAME, "name") X(ME_CREATED, "created") X(ME_LAST_LOGIN, "last_login")             \
	X(ME_PASSWORD_HASH, NULL)
enum { ME_COLUMNS(DB_COLUMN) ME__COUNT };
static struct db_sql q_profile = DB_SQL_COLS(ME__COUNT,
	"SELECT email, name, DATE_FORMAT(created_at, '%Y-%m-%d'), DATE_FORMAT(last_login_at, '%Y-%m-%d %H:%i'),"
	" password_hash FROM accounts WHERE id = ?");

static bool profile(struct req *r, struct db_rows *rows)
{
	return db_query(r->app->db, r->arena, &q_profile, rows, "s", r->user.id) == 0 && rows->nrows;
}

#define FAVOURITE_COLUMNS(X) X(FAVOURITE_KIND, "kind") X(FAVOURITE_REF, "ref") X(FAVOURITE_NAME, "name")
enum { FAVOURITE_COLUMNS(DB_COLUMN) FAVOURITE__COUNT };
static struct db_sql q_favourites = DB_SQL_COLS(FAVOURITE__COUNT,
	"SELECT f.kind, f.ref, COALESCE(l.name, o.name) FROM favourites f"
	" LEFT JOIN rms_lists l ON f.kind = 'list' AND l.id = f.ref"
	" LEFT JOIN oms_organisations o ON f.kind = 'organisation' AND o.id = SUBSTRING(f.ref, 5)"
	" WHERE f.account_id = ? ORDER BY f.kind, COALESCE(l.name, o.name)");

int account_home_show(struct req *r)
{
	struct db_rows me, favourites;
	if (!profile(r, &me) || roles_held_put(r, r->user.id, false, NULL) < 0 ||
	    db_query(r->app->db, r->arena, &q_favourites, &favourites, "s", r->user.id) < 0)
		return 500;
	static const char *const me_names[] = {ME_COLUMNS(DB_COLUMN_NAME)};
	static const char *const favourite_names[] = {FAVOURITE_COLUMNS(DB_COLUMN_NAME)};
	page_row(r, "Page.me", &me, 0, me_names, ME__COUNT);
	page_rows(r, "Page.favourites", &favourites, favourite_names, FAVOURITE__COUNT);
	int two_factor = twofactor_on(r, r->user.id);
	if (two_factor < 0)
		return 500;
	if (two_factor)
		page_set(r, "Page.me.two_factor", "1");
	page_set(r, "Page.saved", in_text(r, AF_SAVED));
	return account_form(r, "home", 200);
}

int account_home_delete_form(struct req *r)
{
	return account_form(r, "delete", 200);
}

/* The pseudonym is the account's number; the email cannot be a real one. */
static struct db_sql q_forget = DB_SQL(
	"UPDATE accounts SET status = 'deleted', email = CONCAT('deleted-', id, '@invalid'),"
	" name = CONCAT('#', id), password_hash = '', ui_lang = NULL, data_lang = NULL, page_size = NULL,"
	" last_login_at = NULL, updated_at = UTC_TIMESTAMP() WHERE id = ?");
static struct db_sql q_forget_links = DB_SQL("DELETE FROM account_tokens WHERE account_id = ?");
static struct db_sql q_forget_favourites = DB_SQL("DELETE FROM favourites WHERE account_id = ?");
static struct db_sql q_forget_roles = DB_SQL("DELETE FROM account_roles WHERE account_id = ?");
static struct db_sql q_forget_audit = DB_SQL("UPDATE audit_log SET subject = NULL WHERE account_id = ?");

int account_home_delete_submit(struct req *r)
{
	struct db_rows me;
	if (!profile(r, &me))
		return 500;
	const char *email = db_get(&me, 0, ME_EMAIL);
	if (throttle_check(r, THROTTLE_DELETE, email, r->user.id) > 0)
		return account_form(r, "delete", 429);
	throttle_count(r, THROTTLE_DELETE, email, r->user.id);
	if (!account_password_ok(r, db_get(&me, 0, ME_PASSWORD_HASH), in_text(r, AF_CURRENT))) {
		audit_record(r, "account.delete_refused", r->user.id, NULL);
		account_error(r, "current_password", "current_wrong");
		return account_form(r, "delete", 400);
	}
	const char *id = r->user.id;
	page_set(r, "Mail.name", db_get(&me, 0, ME_NAME));
	struct db *db = r->app->db;
	if (db_begin(db) < 0 || mail_queue(r, "account_deleted", id) < 0 ||
	    db_exec(db, &q_forget, NULL, "s", id) < 0 || session_end_all(db, id) < 0 ||
	    db_exec(db, &q_forget_links, NULL, "s", id) < 0 || db_exec(db, &q_forget_favourites, NULL, "s", id) < 0 ||
	    db_exec(db, &q_forget_roles, NULL, "s", id) < 0 || db_exec(db, &q_forget_audit, NULL, "s", id) < 0 ||
	    twofactor_forget(r, id) < 0 || audit_record(r, "account.deleted", id, NULL) < 0 ||
	    db_commit(db) < 0) {
		db_rollback(db);
		return 500;
	}
	r->user = (struct signed_in){0}; /* its session row is gone: only the cookie is left */
	r->csrf = NULL;
	r->roles = ROLE_ANON;
	session_end(r);
	hdf_remove_tree(r->hdf, "User");
	return account_notice(r, "deleted", 200);
}
