/* /account/tokens: the signed-in account's personal access tokens, with
 * which its own programs use the write API (Authorization: Bearer).
 * A token is named, scoped (read: the account's own requests; write: also
 * submit, edit drafts, comment, withdraw; decide: a data steward's or
 * administrator's decisions, only for an account that holds such a role
 * with two-step sign-in on) and expires (at most a year).  Making one takes
 * the current password, as every credential that outlives the session
 * does, throttled and audit-logged; it is shown once, "spor_pat_" and 43
 * URL-safe base64 characters (the prefix lets secret scanners spot a
 * leaked one), and stored as its SHA-256 only.  Revoking is a form per
 * token; only the account's own tokens are found (another's is 404).
 * Locking the account, deleting it or resetting its password revokes them
 * all (session_end_all).  What makes a token, sporctl's too, is
 * access_token.c. */
#include "config.h"

#include <string.h>

#include "account/access_token.h"
#include "account/account.h"
#include "account/audit.h"
#include "account/throttle.h"
#include "core/db.h"
#include "core/once.h"
#include "core/page.h"
#include "core/program.h"
#include "core/session.h"
#include "programs/fields_account.h"
#include "programs/handlers_account.h"

enum { T_ID, T_NAME, T_SCOPE, T_CREATED, T_EXPIRES, T_USED, T_STATE, T__COUNT };
/* Newest first; the revoked and expired ones of the last 90 days too, so
 * their owner sees what ended. */
static struct db_sql q_list = DB_SQL_COLS(
	T__COUNT,
	"SELECT id, name, scope, DATE_FORMAT(created_at, '%Y-%m-%d %H:%i'), DATE_FORMAT(expires_at, '%Y-%m-%d'),"
	" DATE_FORMAT(last_used_at, '%Y-%m-%d %H:%i'), " TOKEN_STATE_SQL " FROM access_tokens WHERE account_id = ?"
	" AND COALESCE(revoked_at, expires_at) > UTC_TIMESTAMP() - INTERVAL 90 DAY ORDER BY id DESC LIMIT 100");

static int list_page(struct req *r, int status)
{
	struct db_rows rows;
	int decide = access_token_may_decide(r, r->user.id);
	if (decide < 0 || db_query(r->app->db, r->arena, &q_list, &rows, "s", r->user.id) < 0)
		return 500;
	static const char *const names[T__COUNT] = {"id", "name", "scope", "created", "expires", "used", "state"};
	page_rows(r, "Page.tokens", &rows, names, T__COUNT);
	if (decide)
		page_set(r, "Page.may_decide", "1");
	page_set(r, "Page.saved", in_text(r, AF_SAVED));
	page_set(r, "Page.typed.name", in_typed(r, AF_TOKEN_NAME));
	page_set(r, "Page.typed.scope", in_typed(r, AF_SCOPE) ? in_typed(r, AF_SCOPE) : "read");
	page_set_int(r, "Page.typed.expires_days", in_int(r, AF_EXPIRES_DAYS, TOKEN_DAYS_DEFAULT));
	page_set_int(r, "Page.days_max", TOKEN_DAYS_MAX);
	return account_form(r, "tokens", status);
}

int account_tokens_form(struct req *r)
{
	return list_page(r, 200);
}

/* The form's problems, each marked on its field (a field left out or
 * refused by its type: days out of range, say; a scope the account may not
 * give): true when none. */
static bool form_ok(struct req *r, int decide)
{
	bool ok = !page_missing(r);
	const char *scope = in_text(r, AF_SCOPE);
	if (scope && strcmp(scope, "decide") == 0 && !decide) {
		account_error(r, "scope", "token_decide");
		ok = false;
	}
	return ok;
}

/* Make the token in one transaction with its audit record, unless the
 * account has too many or one of that name: 0 made (its secret in
 * `secret`), 400 refused (the field marked), 303 a twin post made it
 * already, 500. */
static int make(struct req *r, char secret[BEARER_CHARS + 1])
{
	const char *name = in_text(r, AF_TOKEN_NAME);
	struct db *db = r->app->db;
	if (db_begin(db) < 0)
		return 500;
	enum access_token_made made = access_token_make(r, r->user.id, name, in_text(r, AF_SCOPE),
							in_int(r, AF_EXPIRES_DAYS, TOKEN_DAYS_DEFAULT), secret);
	int recorded = 1;
	if (made == TOKEN_NAME_USED || made == TOKEN_TOO_MANY) {
		db_rollback(db);
		account_error(r, "name", made == TOKEN_NAME_USED ? "token_name_used" : "token_too_many");
		return 400;
	}
	if (made != TOKEN_MADE || (recorded = once_record(r, "/account/tokens?saved=token_created")) < 0)
		goto failed;
	if (!recorded) {
		db_rollback(db);
		return once_done(r);
	}
	if (db_commit(db) < 0)
		goto failed;
	return 0;
failed:
	db_rollback(db);
	return 500;
}

int account_tokens_submit(struct req *r)
{
	int done = once_done(r);
	if (done)
		return done;
	int decide = access_token_may_decide(r, r->user.id);
	if (decide < 0)
		return 500;
	bool ok = form_ok(r, decide);
	int refused = account_reauthenticated(r, THROTTLE_TOKENS, "token.create_refused");
	if (refused == 500)
		return 500;
	if (refused || !ok)
		return list_page(r, refused ? refused : 400);
	char secret[BEARER_CHARS + 1];
	int made = make(r, secret);
	if (made == 400)
		return list_page(r, 400);
	if (made)
		return made;
	/* Shown this once: the answer is never stored (no-store), and sending
	 * the form again finds its key used and shows the list. */
	page_set(r, "Page.created.secret", secret);
	page_set(r, "Page.created.name", in_text(r, AF_TOKEN_NAME));
	page_set(r, "Page.created.scope", in_text(r, AF_SCOPE));
	return list_page(r, 201);
}

static struct db_sql q_revoke = DB_SQL("UPDATE access_tokens SET revoked_at = UTC_TIMESTAMP()"
				       " WHERE id = ? AND account_id = ? AND revoked_at IS NULL");
enum { MINE_NAME, MINE__COUNT };
static struct db_sql q_mine =
	DB_SQL_COLS(MINE__COUNT, "SELECT name FROM access_tokens WHERE id = ? AND account_id = ?");

int account_tokens_revoke_submit(struct req *r)
{
	const char *id = in_text(r, AF_TOKEN_ID);
	struct db *db = r->app->db;
	struct db_rows mine;
	unsigned long long revoked = 0;
	if (db_query(db, r->arena, &q_mine, &mine, "ss", id, r->user.id) < 0)
		return 500;
	if (!mine.nrows)
		return 404;
	if (db_begin(db) < 0 || db_exec(db, &q_revoke, &revoked, "ss", id, r->user.id) < 0 ||
	    (revoked && audit_record(r, "token.revoked", r->user.id, db_get(&mine, 0, MINE_NAME)) < 0) ||
	    db_commit(db) < 0) {
		db_rollback(db);
		return 500;
	}
	return http_redirect(r, 303, "/account/tokens?saved=token_revoked");
}
