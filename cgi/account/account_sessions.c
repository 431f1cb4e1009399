/* /account/sessions: the signed-in account's live sessions (OWASP ASVS
 * 3.3.4): when each started and was last used, the browser and system it
 * started from (a name guessed from its User-Agent, useragent.h), the
 * client address, and which one is this.  Signing out another session, or
 * every other one at once, takes the current password, so that a session
 * left open or stolen cannot shut its owner out; the attempts are throttled
 * per email and per address as every action that hashes a password is
 * (throttle.h), and audit-logged.  A session is named by its public_id,
 * never by its token or the token's hash, and only among the signed-in
 * account's own: another account's is 404 and ends nothing.  This session
 * ends with the sign-out form, as on every page. */
#include "config.h"

#include <string.h>

#include "account/account.h"
#include "account/audit.h"
#include "account/throttle.h"
#include "account/useragent.h"
#include "core/db.h"
#include "core/page.h"
#include "core/program.h"
#include "core/session.h"
#include "programs/fields_account.h"
#include "programs/handlers_account.h"

/* Live: within the absolute and the idle timeout, as session_load has it.
 * Arguments: this session's token, the account, (the public ID,) the idle
 * seconds. */
#define SESSIONS                                                                                                    \
	"SELECT public_id, DATE_FORMAT(created_at, '%Y-%m-%d %H:%i'), DATE_FORMAT(last_seen_at, '%Y-%m-%d %H:%i'),"  \
	" user_agent, client_addr, token_hash = UNHEX(SHA2(?, 256)) AS current FROM sessions WHERE account_id = ?"
#define LIVE " AND expires_at > UTC_TIMESTAMP() AND last_seen_at > UTC_TIMESTAMP() - INTERVAL ? SECOND"
/* This one first; a hundred are more than anyone opens (all of them end
 * with "every other session" all the same). */
enum { S_ID, S_STARTED, S_SEEN, S_AGENT, S_ADDRESS, S_CURRENT, S__COUNT };
static struct db_sql q_list =
	DB_SQL_COLS(S__COUNT, SESSIONS LIVE " ORDER BY current DESC, last_seen_at DESC LIMIT 100");

static void put_session(HDF *node, const struct db_rows *rows, size_t i)
{
	const char *agent = db_get(rows, i, S_AGENT);
	page_put(node, "id", db_get(rows, i, S_ID));
	page_put(node, "started", db_get(rows, i, S_STARTED));
	page_put(node, "seen", db_get(rows, i, S_SEEN));
	page_put(node, "browser", useragent_browser(agent));
	page_put(node, "system", useragent_system(agent));
	page_put(node, "address", db_get(rows, i, S_ADDRESS));
	if (strcmp(db_get(rows, i, S_CURRENT), "1") == 0)
		page_put(node, "current", "1");
}

static int list_page(struct req *r, int status)
{
	struct db_rows rows;
	if (db_query(r->app->db, r->arena, &q_list, &rows, "ssi", r->user.session, r->user.id,
		     (long long)r->app->settings.session_idle_seconds) < 0)
		return 500;
	for (size_t i = 0; i < rows.nrows; i++)
		put_session(page_item(r, "Page.sessions", i), &rows, i);
	if (rows.nrows > 1)
		page_set(r, "Page.others", "1");
	page_set(r, "Page.saved", in_text(r, AF_SAVED));
	return account_form(r, "sessions", status);
}

int account_sessions_form(struct req *r)
{
	return list_page(r, 200);
}

static struct db_sql q_one = DB_SQL_COLS(S__COUNT, SESSIONS " AND public_id = ?" LIVE);

/* The path's session among the signed-in account's live ones, into `s`:
 * 0, or 404 (none such: unknown, another account's, ended) or 500. */
static int find(struct req *r, struct db_rows *s)
{
	if (db_query(r->app->db, r->arena, &q_one, s, "sssi", r->user.session, r->user.id, in_text(r, AF_SESSION_ID),
		     (long long)r->app->settings.session_idle_seconds) < 0)
		return 500;
	return s->nrows ? 0 : 404;
}

static bool is_this(const struct db_rows *s)
{
	return strcmp(db_get(s, 0, S_CURRENT), "1") == 0;
}

static int session_page(struct req *r, const struct db_rows *s, int status)
{
	put_session(page_node(r, "Page.session"), s, 0);
	return account_form(r, "session", status);
}

/* This session has no page of its own: the list says how it ends. */
int account_sessions_session_form(struct req *r)
{
	struct db_rows s;
	int missing = find(r, &s);
	if (missing)
		return missing;
	return is_this(&s) ? http_redirect(r, 303, "/account/sessions") : session_page(r, &s, 200);
}

static struct db_sql q_end_one = DB_SQL(
	"DELETE FROM sessions WHERE account_id = ? AND public_id = ? AND token_hash <> UNHEX(SHA2(?, 256))");

int account_sessions_session_submit(struct req *r)
{
	struct db_rows s;
	int missing = find(r, &s);
	if (missing)
		return missing;
	if (is_this(&s))
		return http_redirect(r, 303, "/account/sessions");
	int refused = account_reauthenticated(r, THROTTLE_SESSIONS, "session.end_refused");
	if (refused)
		return refused == 500 ? 500 : session_page(r, &s, refused);
	unsigned long long ended = 0;
	struct db *db = r->app->db;
	if (db_begin(db) < 0 ||
	    db_exec(db, &q_end_one, &ended, "sss", r->user.id, db_get(&s, 0, S_ID), r->user.session) < 0 ||
	    (ended && audit_record(r, "session.ended", r->user.id, NULL) < 0) || db_commit(db) < 0) {
		db_rollback(db);
		return 500;
	}
	return http_redirect(r, 303, "/account/sessions?saved=session_ended");
}

int account_sessions_submit(struct req *r)
{
	int refused = account_reauthenticated(r, THROTTLE_SESSIONS, "session.end_refused");
	if (refused)
		return refused == 500 ? 500 : list_page(r, refused);
	struct db *db = r->app->db;
	if (db_begin(db) < 0 || session_end_others(r) < 0 ||
	    audit_record(r, "session.ended_others", r->user.id, NULL) < 0 || db_commit(db) < 0) {
		db_rollback(db);
		return 500;
	}
	return http_redirect(r, 303, "/account/sessions?saved=sessions_ended");
}
