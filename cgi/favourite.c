/* Whether the signed-in visitor follows a list or an organisation. */
#include "config.h"

#include "app.h"
#include "db.h"
#include "favourite.h"
#include "log.h"

static struct db_sql q_follows = DB_SQL(
	"SELECT 1 FROM v_session_favourites WHERE token_hash = UNHEX(SHA2(?, 256)) AND kind = ? AND ref = ?");

void favourite_mark(struct req *r, const char *kind, const char *ref)
{
	if (!r->user.session)
		return;
	struct db_rows rows;
	if (db_query(r->app->db, r->arena, &q_follows, &rows, "sss", r->user.session, kind, ref) < 0) {
		log_error("favourites: could not read the visitor's");
		return;
	}
	HDF *star = app_node(r, "Page.favourite");
	app_put(star, "kind", kind);
	app_put(star, "ref", ref);
	app_put(star, "on", rows.nrows ? "1" : "0");
	app_put(star, "next", r->path);
}
