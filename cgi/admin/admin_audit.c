/* /admin/audit: the audit log, newest first, each event by its label, the
 * person it concerns and who acted (each linked to their account), and what
 * it is about (a role request, a change request, an organisation); filtered
 * by kind of event (sign-ins and their failures and lockouts,
 * registrations, passwords, accounts, roles, change requests ...), by a
 * person's name or email (concerned, acting, or typed), and by a range of
 * dates; paginated. */
#include "config.h"

#include "admin/admin.h"
#include "core/db.h"
#include "core/email.h"
#include "core/listing.h"
#include "core/page.h"
#include "core/program.h"
#include "programs/fields_admin.h"
#include "programs/handlers_admin.h"

/* Arguments: the kind of event (three times), a name and an email pattern
 * (the one, then three each), the first and the last day (twice each). */
#define FILTERS                                                                                                     \
	" FROM audit_log l LEFT JOIN accounts a ON a.id = l.account_id LEFT JOIN accounts x ON x.id = l.actor_id"   \
	" WHERE (? IS NULL OR l.event = ? OR l.event LIKE CONCAT(?, '.%'))"                                        \
	" AND (? IS NULL OR a.name LIKE ? OR x.name LIKE ? OR l.subject LIKE ? OR a.email LIKE ? OR x.email LIKE ?)" \
	" AND (? IS NULL OR l.at >= ?) AND (? IS NULL OR l.at < ? + INTERVAL 1 DAY)"

static struct db_sql q_count = DB_SQL("SELECT COUNT(*)" FILTERS);
#define EVENT_COLUMNS(X)                                                                                           \
	X(EVENT_AT, "at") X(EVENT_EVENT, "event") X(EVENT_ACCOUNT, "account") X(EVENT_NAME, "name")                 \
	X(EVENT_EMAIL, "email") X(EVENT_ACTOR, "actor") X(EVENT_ACTOR_NAME, "actor_name")                           \
	X(EVENT_ACTOR_EMAIL, "actor_email") X(EVENT_SUBJECT, "subject") X(EVENT_ADDRESS, "address")                 \
	X(EVENT_ABOUT_KIND, "about_kind") X(EVENT_ABOUT_ID, "about_id") X(EVENT_ABOUT_NAME, "about_name")
DB_COLUMNS(EVENT_COLUMNS, EVENT__COUNT, event_names);
static struct db_sql q_page = DB_SQL_COLS(EVENT__COUNT,
	"SELECT DATE_FORMAT(l.at, '%Y-%m-%d %H:%i:%s'), l.event, l.account_id, a.name, a.email, l.actor_id, x.name,"
	" x.email, l.subject, l.address, l.about_kind, l.about_id, o.name FROM (SELECT l.*" FILTERS
	" ORDER BY l.id DESC LIMIT ? OFFSET ?) l LEFT JOIN accounts a ON a.id = l.account_id"
	" LEFT JOIN accounts x ON x.id = l.actor_id LEFT JOIN oms_organisations o ON l.about_kind = 'organisation'"
	" AND o.id = SUBSTRING(l.about_id, 5) ORDER BY l.id DESC");

static const struct admin_listing audit = {
	.path = "/admin/audit", .list = "Page.events", .count = &q_count, .page = &q_page,
	.names = event_names, .ncols = EVENT__COUNT};

int admin_audit_show(struct req *r)
{
	const char *event = in_text(r, DF_EVENT), *q = in_text(r, DF_Q);
	const char *since = in_text(r, DF_SINCE), *until = in_text(r, DF_UNTIL);
	/* Names as the collation compares them; addresses as stored (email.h). */
	const char *name = q ? listing_like(r, q) : NULL;
	const char *email = q ? listing_like(r, email_search_form(r->arena, q)) : NULL;
	struct db_rows rows;
	int status = admin_listing(r, &audit,
				   ADMIN_ARGS(event, event, event, q, name, name, email, email, email, since, since,
					      until, until),
				   &rows);
	if (status != 200)
		return status;
	LISTING_SHOW(r, {"Page.event", event}, {"Page.q", q}, {"Page.since", since}, {"Page.until", until});
	return admin_page(r, "audit", 200);
}
