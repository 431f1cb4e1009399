/* /admin/audit: the audit log, newest first, filtered by kind of event
 * (sign-ins and their failures and lockouts, registrations, passwords,
 * accounts, role decisions) and by an email, paginated. */
#include "config.h"

#include <stdlib.h>

#include "admin/admin.h"
#include "core/db.h"
#include "core/email.h"
#include "core/listing.h"
#include "core/page.h"
#include "core/program.h"
#include "programs/fields_admin.h"
#include "programs/handlers_admin.h"

/* Arguments: event kind (twice), email pattern (three times). */
#define FILTERS                                                                                                     \
	" FROM audit_log l LEFT JOIN accounts a ON a.id = l.account_id LEFT JOIN accounts x ON x.id = l.actor_id"   \
	" WHERE (? IS NULL OR l.event LIKE"                                                                         \
	" CONCAT(?, '.%')) AND (? IS NULL OR l.subject LIKE ? OR a.email LIKE ?)"

static struct db_sql q_count = DB_SQL("SELECT COUNT(*)" FILTERS);
#define EVENT_COLUMNS(X)                                                                                           \
	X(EVENT_AT, "at") X(EVENT_EVENT, "event") X(EVENT_ACCOUNT, "account") X(EVENT_NAME, "name")                 \
	X(EVENT_EMAIL, "email") X(EVENT_ACTOR, "actor") X(EVENT_SUBJECT, "subject") X(EVENT_ADDRESS, "address")
enum { EVENT_COLUMNS(DB_COLUMN) EVENT__COUNT };
static struct db_sql q_page = DB_SQL_COLS(EVENT__COUNT,
	"SELECT DATE_FORMAT(l.at, '%Y-%m-%d %H:%i:%s'), l.event, l.account_id, a.name, a.email, x.name, l.subject,"
	" l.address" FILTERS " ORDER BY l.id DESC LIMIT ? OFFSET ?");

int admin_audit_show(struct req *r)
{
	const char *event = in_text(r, DF_EVENT), *q = in_text(r, DF_Q);
	/* Addresses are stored in their normal form (email.h). */
	const char *like = q ? listing_like(r, email_search_form(r->arena, q)) : NULL;
	long long size = listing_page_size(r, DF_SIZE, 50), page = in_int(r, DF_PAGE, 1);
	struct db_rows count, rows;
	if (db_query(r->app->db, r->arena, &q_count, &count, "sssss", event, event, q, like, like) < 0 ||
	    db_query(r->app->db, r->arena, &q_page, &rows, "sssssii", event, event, q, like, like, size,
		     (page - 1) * size) < 0)
		return 500;
	static const char *const names[] = {EVENT_COLUMNS(DB_COLUMN_NAME)};
	page_rows(r, "Page.events", &rows, names, EVENT__COUNT);
	listing_pager(r, "/admin/audit", page, size, atoll(db_value(&count, 0)));
	page_set(r, "Page.event", event);
	page_set(r, "Page.q", q);
	return admin_page(r, "audit", 200);
}
