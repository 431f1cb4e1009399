/* Two-step sign-in's records: secrets, codes, pending sign-ins. */
#include "config.h"

#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "account/recovery.h"
#include "account/seal.h"
#include "account/throttle.h"
#include "account/twofactor.h"
#include "core/db.h"
#include "core/log.h"
#include "core/page.h"
#include "core/program.h"
#include "core/token.h"

static struct db_sql q_codes_drop = DB_SQL("DELETE FROM account_recovery_codes WHERE account_id = ?");
#define PENDING                                                                                                     \
	"SELECT account_id FROM login_pending WHERE token_hash = UNHEX(SHA2(?, 256)) AND expires_at > UTC_TIMESTAMP()"

bool twofactor_key_ok(const struct settings *s)
{
	return strlen(s->twofactor_key) >= 32;
}

/* The sealing's context: the account the secret belongs to. */
static const char *context(struct req *r, const char *account)
{
	return arena_printf(r->arena, "spor totp secret of account %s", account);
}

int twofactor_unseal(struct req *r, const char *account, const char *sealed, unsigned char secret[TOTP_SECRET_BYTES])
{
	if (seal_open(r->app->settings.twofactor_key, context(r, account), sealed, secret, TOTP_SECRET_BYTES) !=
	    TOTP_SECRET_BYTES) {
		log_error("the TOTP secret of account %s does not open: was twofactor.key changed?", account);
		return -1;
	}
	return 0;
}

const char *twofactor_seal(struct req *r, const char *account, const unsigned char secret[TOTP_SECRET_BYTES])
{
	return seal_close(r->arena, r->app->settings.twofactor_key, context(r, account), secret, TOTP_SECRET_BYTES);
}

static struct db_sql q_on = DB_SQL("SELECT 1 FROM account_totp WHERE account_id = ? AND enabled_at IS NOT NULL");

int twofactor_on(struct req *r, const char *account)
{
	struct db_rows rows;
	if (db_query(r->app->db, r->arena, &q_on, &rows, "s", account) < 0)
		return -1;
	return rows.nrows > 0;
}

enum { SECRET_SEALED, SECRET_LAST_STEP, SECRET__COUNT };
static struct db_sql q_secret = DB_SQL_COLS(SECRET__COUNT,
	"SELECT HEX(secret), last_step FROM account_totp WHERE account_id = ? AND enabled_at IS NOT NULL FOR UPDATE");
/* The newest step only moves forward: of two uses of one step, one changes the row. */
static struct db_sql q_step = DB_SQL("UPDATE account_totp SET last_step = ? WHERE account_id = ? AND last_step < ?");

static enum twofactor_code check_totp(struct req *r, const char *account, const char *code)
{
	struct db_rows rows;
	if (db_query(r->app->db, r->arena, &q_secret, &rows, "s", account) < 0)
		return TF_FAILED;
	unsigned char secret[TOTP_SECRET_BYTES];
	if (!rows.nrows || twofactor_unseal(r, account, db_get(&rows, 0, SECRET_SEALED), secret) < 0)
		return TF_WRONG;
	long long step = totp_match(secret, sizeof secret, time(NULL), atoll(db_get(&rows, 0, SECRET_LAST_STEP)), code);
	memset(secret, 0, sizeof secret);
	unsigned long long moved = 0;
	if (step < 0)
		return step == TOTP_REUSED ? TF_REUSED : TF_WRONG;
	if (db_exec(r->app->db, &q_step, &moved, "isi", step, account, step) < 0)
		return TF_FAILED;
	return moved ? TF_TOTP : TF_REUSED; /* another sign-in spent it first */
}

enum { CODE_SALT, CODE_HASH, CODE__COUNT };
static struct db_sql q_codes = DB_SQL_COLS(CODE__COUNT, "SELECT salt, HEX(code_hash) FROM account_recovery_codes"
						      " WHERE account_id = ? AND used_at IS NULL FOR UPDATE");
static struct db_sql q_code_use = DB_SQL("UPDATE account_recovery_codes SET used_at = UTC_TIMESTAMP()"
					 " WHERE account_id = ? AND code_hash = UNHEX(?) AND used_at IS NULL");

static enum twofactor_code check_recovery(struct req *r, const char *account, const char *code)
{
	struct db_rows rows;
	if (db_query(r->app->db, r->arena, &q_codes, &rows, "s", account) < 0)
		return TF_FAILED;
	const char *match = NULL;
	/* Each unused code is hashed and compared, found or not. */
	for (size_t i = 0; i < rows.nrows; i++) {
		char hash[RECOVERY_HASH_HEX + 1];
		recovery_hash(db_get(&rows, i, CODE_SALT), code, hash);
		if (token_equal(hash, db_get(&rows, i, CODE_HASH)) && !match)
			match = db_get(&rows, i, CODE_HASH);
	}
	unsigned long long used = 0;
	if (!match)
		return TF_WRONG;
	if (db_exec(r->app->db, &q_code_use, &used, "ss", account, match) < 0)
		return TF_FAILED;
	return used ? TF_RECOVERY : TF_WRONG;
}

enum twofactor_code twofactor_check(struct req *r, const char *account, const char *typed)
{
	/* Six digits (spaces allowed between them) are an app's code;
	 * anything else may be a recovery code. */
	char digits[TOTP_CODE_MAX], code[RECOVERY_CHARS + 1];
	if (totp_digits(typed, digits))
		return check_totp(r, account, digits);
	if (recovery_normalise(typed, code))
		return check_recovery(r, account, code);
	return TF_WRONG;
}

static struct db_sql q_code_add = DB_SQL(
	"INSERT INTO account_recovery_codes (account_id, salt, code_hash) VALUES (?, ?, UNHEX(?))");

int twofactor_new_codes(struct req *r, const char *account)
{
	if (db_exec(r->app->db, &q_codes_drop, NULL, "s", account) < 0)
		return -1;
	for (size_t i = 0; i < RECOVERY_CODES; i++) {
		char shown[RECOVERY_SHOWN + 1], salt[RECOVERY_SALT_CHARS + 1], code[RECOVERY_CHARS + 1];
		char hash[RECOVERY_HASH_HEX + 1];
		if (!recovery_new(shown, salt) || !recovery_normalise(shown, code))
			return -1;
		recovery_hash(salt, code, hash);
		if (db_exec(r->app->db, &q_code_add, NULL, "sss", account, salt, hash) < 0)
			return -1;
		page_put(page_item(r, "Page.codes", i), "code", shown);
	}
	return 0;
}

static struct db_sql q_totp_drop = DB_SQL("DELETE FROM account_totp WHERE account_id = ?");
static struct db_sql q_pending_drop_all = DB_SQL("DELETE FROM login_pending WHERE account_id = ?");

int twofactor_forget(struct req *r, const char *account)
{
	struct db *db = r->app->db;
	return db_exec(db, &q_totp_drop, NULL, "s", account) < 0 || db_exec(db, &q_codes_drop, NULL, "s", account) < 0 ||
			       db_exec(db, &q_pending_drop_all, NULL, "s", account) < 0
		       ? -1
		       : 0;
}

long twofactor_wait(struct req *r, const char *email, const char *account)
{
	return throttle_check(r, THROTTLE_LOGIN, email, account);
}

void twofactor_failed(struct req *r, const char *email, const char *account)
{
	throttle_count(r, THROTTLE_LOGIN, email, account);
}

static struct db_sql q_pending_add = DB_SQL("INSERT INTO login_pending (token_hash, account_id, expires_at)"
					    " VALUES (UNHEX(SHA2(?, 256)), ?, UTC_TIMESTAMP() + INTERVAL ? SECOND)");

int twofactor_pending_start(struct req *r, const char *account)
{
	char token[TOKEN_CHARS + 1];
	long life = r->app->settings.twofactor_pending_seconds;
	if (!token_new(token) || db_exec(r->app->db, &q_pending_add, NULL, "ssi", token, account, (long long)life) < 0)
		return -1;
	http_cookie(r, PENDING_COOKIE, arena_strdup(r->arena, token), life);
	return 0;
}

static struct db_sql q_pending = DB_SQL(PENDING);
static struct db_sql q_pending_lock = DB_SQL(PENDING " FOR UPDATE");
/* Expired ones of anyone go with each use: the table stays small. */
static struct db_sql q_pending_drop = DB_SQL(
	"DELETE FROM login_pending WHERE token_hash = UNHEX(SHA2(?, 256)) OR expires_at < UTC_TIMESTAMP()");

const char *twofactor_pending(struct req *r, bool use)
{
	const char *token = http_cookie_get(r, PENDING_COOKIE);
	struct db_rows rows;
	if (!token_ok(token) || db_query(r->app->db, r->arena, use ? &q_pending_lock : &q_pending, &rows, "s", token) < 0 ||
	    !rows.nrows)
		return NULL;
	if (use && db_exec(r->app->db, &q_pending_drop, NULL, "s", token) < 0)
		return NULL;
	return db_value(&rows, 0);
}

void twofactor_pending_forget(struct req *r)
{
	http_cookie(r, PENDING_COOKIE, NULL, 0);
}
