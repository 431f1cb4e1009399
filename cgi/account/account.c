/* Helpers of the account pages. */
#include "config.h"

#include <string.h>

#include "account/account.h"
#include "account/audit.h"
#include "account/password.h"
#include "account/throttle.h"
#include "account/twofactor.h"
#include "core/csrf.h"
#include "core/db.h"
#include "core/log.h"
#include "core/page.h"
#include "core/program.h"
#include "core/token.h"
#include "programs/fields_account.h"

int account_form(struct req *r, const char *page, int status)
{
	return csrf_form_page(r, "account", arena_printf(r->arena, "account/%s.cs", page), status);
}

int account_notice(struct req *r, const char *key, int status)
{
	page_set(r, "Page.notice", key);
	return account_form(r, "notice", status);
}

void account_error(struct req *r, const char *field, const char *key)
{
	HDF *errors = page_node(r, "Page.errors");
	page_put(errors, field, key); /* names: literals (the callers' field names) */
}

static struct db_sql q_link_new = DB_SQL("INSERT INTO account_tokens (token_hash, account_id, purpose, expires_at)"
					 " VALUES (UNHEX(SHA2(?, 256)), ?, ?, UTC_TIMESTAMP() + INTERVAL ? SECOND)");

const char *account_link_new(struct req *r, const char *account_id, const char *purpose, long seconds)
{
	char token[TOKEN_CHARS + 1];
	if (!token_new(token) ||
	    db_exec(r->app->db, &q_link_new, NULL, "sssi", token, account_id, purpose, (long long)seconds) < 0)
		return NULL;
	return arena_strdup(r->arena, token);
}

static struct db_sql q_link_check = DB_SQL(
	"SELECT account_id FROM account_tokens WHERE token_hash = UNHEX(SHA2(?, 256)) AND purpose = ?"
	" AND used_at IS NULL AND expires_at > UTC_TIMESTAMP()");
static struct db_sql q_link_lock = DB_SQL(
	"SELECT account_id FROM account_tokens WHERE token_hash = UNHEX(SHA2(?, 256)) AND purpose = ?"
	" AND used_at IS NULL AND expires_at > UTC_TIMESTAMP() FOR UPDATE");
/* Using a link spends every link of the same purpose of that account. */
static struct db_sql q_link_use = DB_SQL("UPDATE account_tokens SET used_at = UTC_TIMESTAMP()"
					 " WHERE account_id = ? AND purpose = ? AND used_at IS NULL");

const char *account_link_check(struct req *r, const char *token, const char *purpose, bool use)
{
	struct db_rows rows;
	if (!token || db_query(r->app->db, r->arena, use ? &q_link_lock : &q_link_check, &rows, "ss", token,
			       purpose) < 0 ||
	    !rows.nrows)
		return NULL;
	const char *account = db_value(&rows, 0);
	if (use && db_exec(r->app->db, &q_link_use, NULL, "ss", account, purpose) < 0)
		return NULL;
	return account;
}

enum { STATE_USED, STATE__COUNT };
static struct db_sql q_link_state = DB_SQL_COLS(STATE__COUNT,
	"SELECT used_at IS NOT NULL FROM account_tokens WHERE token_hash = UNHEX(SHA2(?, 256)) AND purpose = ?");

int account_link_refused(struct req *r, const char *token, const char *purpose, int status)
{
	struct db_rows rows;
	if (token && db_query(r->app->db, r->arena, &q_link_state, &rows, "ss", token, purpose) < 0)
		return 500;
	page_set(r, "Page.purpose", purpose);
	if (!token || !rows.nrows)
		return account_notice(r, "link_invalid", status);
	bool used = strcmp(db_get(&rows, 0, STATE_USED), "1") == 0;
	return account_notice(r, arena_printf(r->arena, "%s_%s", purpose, used ? "used" : "expired"), status);
}

bool account_new_password_ok(struct req *r)
{
	const char *pw = in_text(r, AF_PASSWORD), *again = in_text(r, AF_PASSWORD_CONFIRM);
	const char *problem = password_problem(pw ? pw : "");
	if (!pw)
		account_error(r, "password", "required");
	else if (problem)
		account_error(r, "password", problem);
	else if (!again || strcmp(pw, again) != 0)
		account_error(r, "password_confirm", "mismatch");
	else
		return true;
	return false;
}

/* A hash of the portal's own parameters to check against when there is no
 * account, so that an unknown email takes as long as a known one; made when
 * the worker starts, so that no request pays for making it. */
static char decoy[PASSWORD_HASH_MAX];

int account_worker_start(const struct settings *s)
{
	if (!twofactor_key_ok(s)) {
		log_error("twofactor.key is missing or shorter than 32 characters: see docs/operations.md");
		return -1;
	}
	return password_hash(s, "no account has this password", decoy);
}

bool account_password_ok(struct req *r, const char *hash, const char *password)
{
	(void)r;
	if (!hash || !*hash) {
		password_verify(*decoy ? decoy : "$argon2id$", password ? password : "");
		return false;
	}
	return password && password_verify(hash, password);
}

enum { ME_EMAIL, ME_PASSWORD_HASH, ME__COUNT };
static struct db_sql q_me = DB_SQL_COLS(ME__COUNT, "SELECT email, password_hash FROM accounts WHERE id = ?");

int account_reauthenticated(struct req *r, enum throttle_action action, const char *refused_event)
{
	struct db_rows me;
	if (db_query(r->app->db, r->arena, &q_me, &me, "s", r->user.id) < 0 || !me.nrows)
		return 500;
	const char *email = db_get(&me, 0, ME_EMAIL), *password = in_text(r, AF_CURRENT);
	if (throttle_check(r, action, email, r->user.id) > 0)
		return 429;
	throttle_count(r, action, email, r->user.id);
	if (account_password_ok(r, db_get(&me, 0, ME_PASSWORD_HASH), password))
		return 0;
	if (!page_missing(r)) { /* given, and wrong */
		audit_record(r, refused_event, r->user.id, NULL);
		account_error(r, "current_password", "current_wrong");
	}
	return 400;
}
