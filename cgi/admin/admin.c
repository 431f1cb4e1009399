/* Helpers of the console's pages, and what sporctl does as they do. */
#include "config.h"

#include "admin/admin.h"
#include "core/csrf.h"
#include "core/db.h"
#include "core/http.h"
#include "core/session.h"

int admin_page(struct req *r, const char *page, int status)
{
	return csrf_form_page(r, "admin", arena_printf(r->arena, "admin/%s.cs", page), status);
}

const char *admin_all(const struct req *r)
{
	return r->roles & ROLE_ADMIN ? "1" : "0";
}

static struct db_sql q_lock = DB_SQL("UPDATE accounts SET status = 'locked', updated_at = UTC_TIMESTAMP()"
				     " WHERE id = ? AND status IN ('pending', 'active')");
static struct db_sql q_unlock = DB_SQL("UPDATE accounts SET status = 'active', updated_at = UTC_TIMESTAMP()"
				       " WHERE id = ? AND status = 'locked'");

int admin_lock(struct db *db, const char *account, bool lock, unsigned long long *changed)
{
	*changed = 0;
	if (db_exec(db, lock ? &q_lock : &q_unlock, changed, "s", account) < 0)
		return -1;
	return lock && *changed ? session_end_all(db, account) : 0;
}
