/* /admin: what waits for the signed-in decider: role requests they may
 * decide on (all for an administrator, their organisations' for a super
 * user), change requests to evaluate (stewards), and the ways into the
 * console. */
#include "config.h"

#include "admin/admin.h"
#include "core/db.h"
#include "core/page.h"
#include "core/program.h"
#include "programs/handlers_admin.h"

/* Requests a user may decide on (arguments: me, all?, me). */
#define MINE                                                                                                        \
	" q.account_id <> ? AND (? = '1' OR q.org_id IN (SELECT org_id FROM account_roles"                          \
	" WHERE account_id = ? AND role_code = 'INDUSTRY_SUPER_USER'))"

/* Both count what waits, and the age in days of the oldest. */
enum { WAITING_COUNT, WAITING_OLDEST_DAYS, WAITING__COUNT };
static struct db_sql q_waiting = DB_SQL_COLS(WAITING__COUNT,
	"SELECT COUNT(*), COALESCE(MAX(TIMESTAMPDIFF(DAY, q.created_at, UTC_TIMESTAMP())), 0) FROM role_requests q"
	" WHERE q.status = 'PENDING' AND" MINE);

static struct db_sql q_changes = DB_SQL_COLS(WAITING__COUNT,
	"SELECT COUNT(*), COALESCE(MAX(TIMESTAMPDIFF(DAY, updated_at, UTC_TIMESTAMP())), 0) FROM change_requests"
	" WHERE status IN ('SUBMITTED', 'VALID')");

int admin_home_show(struct req *r)
{
	struct db_rows rows, changes;
	if (db_query(r->app->db, r->arena, &q_waiting, &rows, "sss", r->user.id, admin_all(r), r->user.id) < 0 ||
	    db_query(r->app->db, r->arena, &q_changes, &changes, "") < 0)
		return 500;
	page_set(r, "Page.waiting", db_get(&rows, 0, WAITING_COUNT));
	page_set(r, "Page.oldest_days", db_get(&rows, 0, WAITING_OLDEST_DAYS));
	page_set(r, "Page.changes", db_get(&changes, 0, WAITING_COUNT));
	page_set(r, "Page.changes_oldest", db_get(&changes, 0, WAITING_OLDEST_DAYS));
	return admin_page(r, "home", 200);
}
