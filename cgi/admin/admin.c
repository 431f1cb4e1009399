/* Helpers of the console's pages, and what sporctl does as they do. */
#include "config.h"

#include <stdlib.h>

#include "admin/admin.h"
#include "core/csrf.h"
#include "core/db.h"
#include "core/http.h"
#include "core/listing.h"
#include "core/page.h"
#include "core/program.h"
#include "core/session.h"
#include "programs/fields_admin.h"

int admin_page(struct req *r, const char *page, int status)
{
	return csrf_form_page(r, "admin", arena_printf(r->arena, "admin/%s.cs", page), status);
}

const char *admin_all(const struct req *r)
{
	return r->roles & ROLE_ADMIN ? "1" : "0";
}

int admin_listing(struct req *r, const struct admin_listing *l, const char *const *args, size_t nargs,
		  struct db_rows *rows)
{
	long long size = listing_page_size(r, DF_SIZE, 50), page = in_int(r, DF_PAGE, 1);
	const long long limit[] = {size, (page - 1) * size};
	struct db_rows count;
	if (db_query_args(r->app->db, r->arena, l->count, &count, args, nargs, NULL, 0) < 0 ||
	    db_query_args(r->app->db, r->arena, l->page, rows, args, nargs, limit, 2) < 0)
		return 500;
	page_rows(r, l->list, rows, l->names, l->ncols); /* names: literals (each listing's) */
	page_shown(r, l->list); /* names: literals (each listing's) */
	listing_pager(r, l->path, page, size, atoll(db_value(&count, 0)));
	return 200;
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
