/* /healthz: "ok" when this worker's database connection answers, for load
 * balancers and the start-up scripts. */
#include "config.h"

#include "core/db.h"
#include "core/program.h"
#include "programs/handlers_public.h"

static struct db_sql q_ping = DB_SQL("SELECT 1");

int health_show(struct req *r)
{
	struct db_rows rows;
	r->cache_control = "no-store";
	if (db_query(r->app->db, r->arena, &q_ping, &rows, "") < 0 || rows.nrows != 1)
		return http_text(r, 503, "unavailable\n");
	return http_text(r, 200, "ok\n");
}
