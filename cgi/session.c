/* Finding the signed-in user of a request. */
#include "config.h"

#include <string.h>

#include "app.h"
#include "conf.h"
#include "db.h"
#include "route.h"
#include "session.h"

/* The token is hashed by the server: SHA2() of the cookie's text. */
static struct db_sql q_session = DB_SQL(
	"SELECT account_id, name FROM v_session_user WHERE token_hash = UNHEX(SHA2(?, 256))"
	" AND expires_at > UTC_TIMESTAMP() AND last_seen_at > UTC_TIMESTAMP() - INTERVAL ? SECOND");

bool session_token_ok(const char *s)
{
	return s && strlen(s) == 43 &&
	       strspn(s, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_") == 43;
}

void session_load(struct req *r)
{
	const struct param *cookie = params_get(&r->cookies, SESSION_COOKIE);
	if (!cookie || !session_token_ok(cookie->value))
		return;
	long idle = conf_int(r->app->conf, "session.idle_seconds", 1800, 60, 86400 * 30);
	struct db_rows rows;
	if (db_query(r->app->db, r->arena, &q_session, &rows, "si", cookie->value, (long long)idle) < 0 || !rows.nrows)
		return;
	r->roles = ROLE_USER;
	app_set(r, "User.id", db_get(&rows, 0, 0));
	app_set(r, "User.name", db_get(&rows, 0, 1));
}
