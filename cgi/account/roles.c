/* The approval chain of role requests. */
#include "config.h"

#include <string.h>

#include "account/roles.h"
#include "core/db.h"
#include "core/page.h"
#include "core/program.h"

static struct db_sql q_has_super = DB_SQL(
	"SELECT COUNT(*) FROM account_roles r JOIN accounts a ON a.id = r.account_id"
	" WHERE r.org_id = ? AND r.role_code = 'INDUSTRY_SUPER_USER' AND a.status = 'active'");

int roles_org_has_super(struct req *r, const char *org_id)
{
	struct db_rows rows;
	if (db_query(r->app->db, r->arena, &q_has_super, &rows, "s", org_id) < 0 || !rows.nrows)
		return -1;
	return db_value(&rows, 0)[0] != '0';
}

/* The roles an account holds, and whether the viewer may revoke each
 * (arguments: all?, viewer, account). */
#define HELD_COLUMNS(X)                                                                                            \
	X(HELD_CODE, "code") X(HELD_ORG, "org") X(HELD_ORG_NAME, "org_name") X(HELD_SINCE, "since")                 \
	X(HELD_REVOCABLE, "revocable")
enum { HELD_COLUMNS(DB_COLUMN) HELD__COUNT };
static struct db_sql q_held = DB_SQL_COLS(HELD__COUNT,
	"SELECT r.role_code, r.org_id, o.name, DATE_FORMAT(r.granted_at, '%Y-%m-%d'),"
	" ? = '1' OR (r.org_id <> '' AND r.org_id IN (SELECT org_id FROM account_roles WHERE account_id = ?"
	" AND role_code = 'INDUSTRY_SUPER_USER')) FROM account_roles r JOIN roles c ON c.code = r.role_code"
	" LEFT JOIN oms_organisations o ON r.org_id <> '' AND o.id = SUBSTRING(r.org_id, 5)"
	" WHERE r.account_id = ? ORDER BY c.position, r.org_id");

int roles_held_put(struct req *r, const char *account, bool all, const char *viewer)
{
	struct db_rows rows;
	if (db_query(r->app->db, r->arena, &q_held, &rows, "sss", all ? "1" : "0", viewer, account) < 0)
		return -1;
	static const char *const names[] = {HELD_COLUMNS(DB_COLUMN_NAME)};
	page_rows(r, "Page.roles", &rows, names, HELD__COUNT);
	return 0;
}

static struct db_sql q_decides = DB_SQL(
	"SELECT 1 FROM account_roles WHERE account_id = ? AND ((role_code = 'ADMINISTRATOR' AND org_id = '')"
	" OR (role_code = 'INDUSTRY_SUPER_USER' AND org_id = ?))");

bool roles_may_decide(struct req *r, const char *org_id, const char *requester)
{
	struct db_rows rows;
	return r->user.id && strcmp(r->user.id, requester) != 0 &&
	       db_query(r->app->db, r->arena, &q_decides, &rows, "ss", r->user.id, org_id) == 0 && rows.nrows > 0;
}
