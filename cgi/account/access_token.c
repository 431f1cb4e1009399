/* Making a personal access token (access_token.h). */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "account/access_token.h"
#include "account/audit.h"
#include "core/db.h"
#include "core/program.h"

const char *const access_token_scopes[] = {"read", "write", "decide", NULL};

/* The agency's roles that decide (org_id '': not an organisation's), as a
 * session counts them (migration 0025), and two-step sign-in on. */
static struct db_sql q_may_decide = DB_SQL(
	"SELECT 1 FROM account_roles r JOIN account_totp t ON t.account_id = r.account_id AND t.enabled_at IS NOT NULL"
	" WHERE r.account_id = ? AND r.org_id = '' AND r.role_code IN ('DATA_STEWARD', 'ADMINISTRATOR') LIMIT 1");

int access_token_may_decide(struct req *r, const char *account)
{
	struct db_rows rows;
	if (db_query(r->app->db, r->arena, &q_may_decide, &rows, "s", account) < 0)
		return -1;
	return rows.nrows > 0;
}

enum { LIVE_COUNT, LIVE_SAME_NAME, LIVE__COUNT };
static struct db_sql q_live = DB_SQL_COLS(LIVE__COUNT,
	"SELECT COUNT(*), COALESCE(SUM(name = ?), 0) FROM access_tokens WHERE account_id = ?"
	" AND revoked_at IS NULL AND expires_at > UTC_TIMESTAMP() FOR UPDATE");
static struct db_sql q_make = DB_SQL(
	"INSERT INTO access_tokens (token_hash, account_id, name, scope, expires_at)"
	" VALUES (UNHEX(SHA2(?, 256)), ?, ?, ?, UTC_TIMESTAMP() + INTERVAL ? DAY)");

enum access_token_made access_token_make(struct req *r, const char *account, const char *name, const char *scope,
					 long long days, char secret[BEARER_CHARS + 1])
{
	char raw[TOKEN_CHARS + 1];
	if (!token_new(raw))
		return TOKEN_FAILED;
	memcpy(secret, TOKEN_PREFIX, TOKEN_PREFIX_LEN);
	memcpy(secret + TOKEN_PREFIX_LEN, raw, TOKEN_CHARS + 1);
	struct db *db = r->app->db;
	struct db_rows live;
	if (db_query(db, r->arena, &q_live, &live, "ss", name, account) < 0)
		return TOKEN_FAILED;
	if (strcmp(db_get(&live, 0, LIVE_SAME_NAME), "0") != 0)
		return TOKEN_NAME_USED;
	if (atoll(db_get(&live, 0, LIVE_COUNT)) >= TOKENS_LIVE_MAX)
		return TOKEN_TOO_MANY;
	if (db_exec(db, &q_make, NULL, "ssssi", secret, account, name, scope, days) < 0 ||
	    audit_record(r, "token.created", account, name) < 0)
		return TOKEN_FAILED;
	return TOKEN_MADE;
}
