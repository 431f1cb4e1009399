/* Finding, starting and ending the signed-in user's session. */
#include "config.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "core/bearer.h"
#include "core/db.h"
#include "core/log.h"
#include "core/may.h"
#include "core/page.h"
#include "core/program.h"
#include "core/route.h"
#include "core/session.h"
#include "core/session_kept.h"
#include "core/token.h"

/* Tokens are hashed by the server: SHA2() of the cookie's text.  The
 * programs that write sessions read them through v_session_user; spor-public
 * may not, and calls spor_request() for the one session of the hash it
 * presents, with the data generation and what the account follows (or
 * keeps it from the session's last page: session_kept.h).  Both
 * give the same columns (the writers' without the generation and the
 * follows, which only spor-public's pages use). */
#define USER_COLUMNS(X)                                                                                            \
	X(USER_GEN) X(USER_ID) X(USER_NAME) X(USER_UI_LANG) X(USER_DATA_LANG) X(USER_PAGE_SIZE) X(USER_DATE_FORMAT) \
	X(USER_CONSOLE_ROLES) X(USER_HELD_ROLES) X(USER_PENDING_ROLES) X(USER_FOLLOWS)
#define USER_COLUMN(name) name,
enum { USER_COLUMNS(USER_COLUMN) USER__COUNT };
static struct db_sql q_end = DB_SQL("DELETE FROM sessions WHERE token_hash = UNHEX(SHA2(?, 256))");

enum { ADDRESS_MAX = 45 }; /* sessions.client_addr: the longest text of an IPv6 address */

/* The roles that open routes (enum role), by their code in the catalogue:
 * the agency's, and Super User of at least one organisation. */
static const struct {
	const char *code;
	unsigned role;
} console_roles[] = {
	{"DATA_STEWARD", ROLE_STEWARD},
	{"ADMINISTRATOR", ROLE_ADMIN},
	{"INDUSTRY_SUPER_USER", ROLE_SUPER},
};

static unsigned roles_of(const char *codes)
{
	unsigned roles = 0;
	for (size_t i = 0; codes && i < sizeof console_roles / sizeof console_roles[0]; i++) {
		size_t n = strlen(console_roles[i].code);
		for (const char *p = strstr(codes, console_roles[i].code); p; p = strstr(p + 1, console_roles[i].code))
			if ((p == codes || p[-1] == ',') && (p[n] == ',' || !p[n]))
				roles |= console_roles[i].role;
	}
	return roles;
}

static struct db_sql q_session = DB_SQL_COLS(USER__COUNT,
	"SELECT 0, account_id, name, ui_lang, data_lang, page_size, date_format, console_roles, held_roles,"
	" pending_roles, NULL"
	" FROM v_session_user"
	" WHERE token_hash = UNHEX(SHA2(?, 256))"
	" AND expires_at > UTC_TIMESTAMP() AND last_seen_at > UTC_TIMESTAMP() - INTERVAL ? SECOND");
/* One row always (its session's columns NULL without a live session),
 * then, for a live session, its account's stamp, the seconds it has left
 * and the server's clock (migration 0034).  Arguments: token, idle. */
static struct db_sql q_request = DB_SQL("CALL spor_request(UNHEX(SHA2(?, 256)), ?)");
enum { REQUEST_STAMP = USER__COUNT, REQUEST_LEFT, REQUEST_NOW, REQUEST__COUNT };

/* A kept session's next page (session_kept.h): the generation, the stamp
 * of the session's account (no row: 0) and the server's clock.  Argument:
 * the account.  A visitor without a session reads the generation alone. */
enum { AGAIN_GEN, AGAIN_STAMP, AGAIN_NOW, AGAIN__COUNT };
static struct db_sql q_again = DB_SQL_COLS(AGAIN__COUNT,
	"SELECT g.gen, t.stamp, UNIX_TIMESTAMP() FROM data_generation g"
	" LEFT JOIN account_stamps t ON t.account_id = ? WHERE g.id = 1");
static struct db_sql q_gen = DB_SQL("SELECT gen FROM data_generation WHERE id = 1");

/* A column's whole number; 0 for SQL NULL. */
static long long number(const char *s)
{
	return s ? atoll(s) : 0;
}

/* spor_request's row into `rows`, the session kept for its next page when
 * it is live: 0 or -1. */
static int request_row(struct req *r, const char *token, struct db_rows *rows)
{
	long long idle = r->app->settings.session_idle_seconds;
	if (db_call(r->app->db, r->arena, &q_request, rows, 1, "si", token, idle) < 0)
		return -1;
	if (rows->ncols != REQUEST__COUNT || rows->nrows != 1) {
		log_error("spor_request: %zu rows of %zu columns, 1 of %d expected", rows->nrows, rows->ncols,
			  REQUEST__COUNT);
		return -1;
	}
	r->data_gen = number(db_get(rows, 0, USER_GEN));
	if (db_get(rows, 0, USER_ID))
		session_kept_put(token, r->app->db, rows, USER__COUNT, number(db_get(rows, 0, REQUEST_STAMP)),
				 number(db_get(rows, 0, REQUEST_NOW)) + number(db_get(rows, 0, REQUEST_LEFT)));
	return 0;
}

/* spor-public's session: the row kept from its last page read from the
 * same server while its account's stamp is the same and its time has not
 * run out (one statement of one row by key), else spor_request's.  0 or
 * -1. */
static int request_session(struct req *r, const char *token, struct db_rows *rows)
{
	const struct session_kept *k = session_kept_find(token, r->app->db);
	if (k) {
		struct db_rows again;
		session_kept_row(k, r->arena, rows, USER__COUNT);
		if (db_query(r->app->db, r->arena, &q_again, &again, "s", db_get(rows, 0, USER_ID)) < 0 ||
		    again.nrows != 1)
			return -1;
		r->data_gen = number(db_get(&again, 0, AGAIN_GEN));
		if (number(db_get(&again, 0, AGAIN_STAMP)) == k->stamp && number(db_get(&again, 0, AGAIN_NOW)) < k->deadline)
			return 0;
		session_kept_drop(token);
	}
	return request_row(r, token, rows);
}

long long session_data_gen(struct req *r)
{
	struct db_rows rows;
	if (r->data_gen == 0 && db_query(r->app->db, r->arena, &q_gen, &rows, "") == 0 && rows.nrows == 1)
		r->data_gen = number(db_value(&rows, 0));
	return r->data_gen;
}

static struct db_sql q_touch = DB_SQL("UPDATE sessions SET last_seen_at = UTC_TIMESTAMP()"
				      " WHERE token_hash = UNHEX(SHA2(?, 256))"
				      " AND last_seen_at < UTC_TIMESTAMP() - INTERVAL 60 SECOND");

/* The account of a session's or a token's row (USER_COLUMNS) signed in:
 * r->roles, r->user, and User.* for the templates. */
static void sign_in(struct req *r, const struct db_rows *rows)
{
	r->roles = ROLE_USER | roles_of(db_get(rows, 0, USER_CONSOLE_ROLES));
	r->user.id = db_get(rows, 0, USER_ID);
	r->user.ui_lang = db_get(rows, 0, USER_UI_LANG);
	r->user.data_lang = db_get(rows, 0, USER_DATA_LANG);
	r->user.page_size = number(db_get(rows, 0, USER_PAGE_SIZE));
	r->user.held_roles = db_get(rows, 0, USER_HELD_ROLES);
	r->user.pending_roles = db_get(rows, 0, USER_PENDING_ROLES);
	r->user.follows = db_get(rows, 0, USER_FOLLOWS);
	page_set(r, "User.id", r->user.id);
	page_set(r, "User.name", db_get(rows, 0, USER_NAME));
	page_set(r, "User.date_format", db_get(rows, 0, USER_DATE_FORMAT));
	if (r->roles & ROLE_ADMIN)
		page_set(r, "User.admin", "1");
	if (r->roles & ROLE_STEWARD)
		page_set(r, "User.steward", "1");
	if (r->roles & ROLE_SUPER)
		page_set(r, "User.super", "1");
	/* What any page may offer; an organisation's page adds its own. */
	may_put(r, MAY_PROPOSE, NULL);
	may_put(r, MAY_TRANSLATE, NULL);
}

void session_load(struct req *r, bool touch)
{
	const char *token = http_cookie_get(r, SESSION_COOKIE);
	if (!token_ok(token))
		return;
	long idle = r->app->settings.session_idle_seconds;
	struct db_rows rows;
	if ((touch ? db_query(r->app->db, r->arena, &q_session, &rows, "si", token, (long long)idle)
		   : request_session(r, token, &rows)) < 0 ||
	    !rows.nrows || !db_get(&rows, 0, USER_ID))
		return;
	sign_in(r, &rows);
	r->user.session = token;
	if (touch && db_exec(r->app->db, &q_touch, NULL, "s", token) < 0)
		log_error("could not record a session's visit");
}

/* A live token's account, as a session's (USER_COLUMNS), then the token's
 * own columns.  Argument: the token. */
enum { TOKEN_ID = USER__COUNT, TOKEN_NAME, TOKEN_SCOPE, TOKEN_TWO_FACTOR, TOKEN__COUNT };
static struct db_sql q_token = DB_SQL_COLS(TOKEN__COUNT,
	"SELECT 0, account_id, name, ui_lang, data_lang, page_size, date_format, console_roles, held_roles,"
	" pending_roles, NULL, token_id, token_name, scope, two_factor"
	" FROM v_token_user WHERE token_hash = UNHEX(SHA2(?, 256))");
/* When it was used last, to the minute: not a write per request. */
static struct db_sql q_token_used = DB_SQL("UPDATE access_tokens SET last_used_at = UTC_TIMESTAMP() WHERE id = ?"
					   " AND (last_used_at IS NULL OR last_used_at < UTC_TIMESTAMP() - INTERVAL 60 SECOND)");

int session_load_bearer(struct req *r)
{
	const char *h = r->authorization;
	if (!*h)
		return 401;
	const char *token = strncasecmp(h, "Bearer ", 7) == 0 ? h + 7 + strspn(h + 7, " ") : NULL;
	if (!bearer_ok(token))
		return -401;
	struct db_rows rows;
	if (db_query(r->app->db, r->arena, &q_token, &rows, "s", token) < 0)
		return 500;
	if (!rows.nrows)
		return -401;
	const char *scope = db_get(&rows, 0, TOKEN_SCOPE);
	for (enum route_scope s = SCOPE_READ; s < SCOPE__COUNT; s++)
		if (strcmp(scope, route_scope_names[s]) == 0)
			r->user.token_scope = s;
	sign_in(r, &rows);
	r->user.token_id = db_get(&rows, 0, TOKEN_ID);
	r->user.token_name = db_get(&rows, 0, TOKEN_NAME);
	r->user.two_factor = strcmp(db_get(&rows, 0, TOKEN_TWO_FACTOR), "1") == 0;
	if (db_exec(r->app->db, &q_token_used, NULL, "s", r->user.token_id) < 0)
		log_error("could not record a token's use");
	return 0;
}

/* The row's public_id is the database's (a random default). */
static struct db_sql q_start = DB_SQL(
	"INSERT INTO sessions (token_hash, account_id, expires_at, user_agent, client_addr)"
	" VALUES (UNHEX(SHA2(?, 256)), ?, UTC_TIMESTAMP() + INTERVAL ? SECOND, ?, ?)");
/* Dead rows keep a browser and an address nobody needs any more. */
static struct db_sql q_forget_dead = DB_SQL(
	"DELETE FROM sessions WHERE account_id = ?"
	" AND (expires_at <= UTC_TIMESTAMP() OR last_seen_at <= UTC_TIMESTAMP() - INTERVAL ? SECOND)");

int session_start(struct req *r, const char *account_id)
{
	char token[TOKEN_CHARS + 1];
	long life = r->app->settings.session_absolute_seconds;
	if (r->user.session && db_exec(r->app->db, &q_end, NULL, "s", r->user.session) < 0)
		return -1;
	/* The address as nginx gives it, kept within its column as the User-Agent is. */
	const char *address = http_header_text(r->arena, r->remote_addr, ADDRESS_MAX);
	if (!token_new(token) ||
	    db_exec(r->app->db, &q_start, NULL, "ssiss", token, account_id, (long long)life, r->user_agent, address) < 0 ||
	    db_exec(r->app->db, &q_forget_dead, NULL, "si", account_id,
		    (long long)r->app->settings.session_idle_seconds) < 0)
		return -1;
	r->user.session = arena_strdup(r->arena, token);
	r->user.id = account_id;
	r->csrf = NULL; /* bound to the old visitor */
	http_cookie(r, SESSION_COOKIE, r->user.session, 0);
	return 0;
}

static struct db_sql q_end_all = DB_SQL("DELETE FROM sessions WHERE account_id = ?");

static struct db_sql q_revoke_all = DB_SQL("UPDATE access_tokens SET revoked_at = UTC_TIMESTAMP()"
					   " WHERE account_id = ? AND revoked_at IS NULL");

int session_end_all(struct db *db, const char *account)
{
	if (db_exec(db, &q_revoke_all, NULL, "s", account) < 0)
		return -1;
	return db_exec(db, &q_end_all, NULL, "s", account);
}

int session_end(struct req *r)
{
	if (r->user.session && db_exec(r->app->db, &q_end, NULL, "s", r->user.session) < 0)
		return -1;
	http_cookie(r, SESSION_COOKIE, NULL, 0);
	return 0;
}

static struct db_sql q_end_others = DB_SQL(
	"DELETE FROM sessions WHERE account_id = ? AND token_hash <> UNHEX(SHA2(?, 256))");

long long session_end_others(struct req *r)
{
	unsigned long long ended = 0;
	if (db_exec(r->app->db, &q_end_others, &ended, "ss", r->user.id, r->user.session) < 0)
		return -1;
	return (long long)ended;
}
