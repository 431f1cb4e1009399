/* The console's second factor: administrators and data stewards use
 * spor-admin only with two-step sign-in on.  Until they turn it on, every
 * route of the program sends them (303) to /account/two-factor, whose page
 * says why; nothing else happens, POST or GET.  One check for every route:
 * the program runs it after the session, the CSRF token and the route's
 * roles (app_def.before_handler).  Whether an account has it on comes from
 * v_two_factor, which holds no secret, read on each request, so that
 * turning it off takes effect on the next page. */
#include "config.h"

#include "admin/admin.h"
#include "core/db.h"
#include "core/program.h"

static struct db_sql q_on = DB_SQL("SELECT 1 FROM v_two_factor WHERE account_id = ?");

int admin_two_factor_required(struct req *r)
{
	if (!(r->roles & (ROLE_ADMIN | ROLE_STEWARD)))
		return 0;
	struct db_rows rows;
	if (db_query(r->app->db, r->arena, &q_on, &rows, "s", r->user.id) < 0)
		return 500;
	return rows.nrows ? 0 : http_redirect(r, 303, "/account/two-factor");
}
