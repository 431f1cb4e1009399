/* Whether the signed-in visitor follows a list or an organisation. */
#include "config.h"

#include <string.h>

#include "core/db.h"
#include "core/favourite.h"
#include "core/log.h"
#include "core/page.h"
#include "core/program.h"

/* Through the definer function: spor-public may read no favourites but the
 * visitor's own, found by their session's hash. */
static struct db_sql q_follows = DB_SQL("SELECT spor_session_follows(UNHEX(SHA2(?, 256)), ?, ?)");

void favourite_mark(struct req *r, const char *kind, const char *ref)
{
	if (!r->user.session)
		return;
	struct db_rows rows;
	if (db_query(r->app->db, r->arena, &q_follows, &rows, "sss", r->user.session, kind, ref) < 0) {
		log_error("favourites: could not read the visitor's");
		return;
	}
	HDF *star = page_node(r, "Page.favourite");
	page_put(star, "kind", kind);
	page_put(star, "ref", ref);
	const char *on = rows.nrows ? db_value(&rows, 0) : NULL;
	page_put(star, "on", on && strcmp(on, "1") == 0 ? "1" : "0");
	page_put(star, "next", r->path);
}
