/* /admin/role-requests: the queue of role requests (status, organisation,
 * role and age filters, paginated), one request with its justification
 * and document, and the decision: approve or reject, with a reason.  An
 * administrator sees and decides every request; a super user only those
 * for their organisations, never their own, even with a hand-made POST.
 * A decision takes the request's row lock, so two deciders cannot both
 * decide; the role takes effect on the requester's next page. */
#include "config.h"

#include <string.h>

#include "account/audit.h"
#include "account/document.h"
#include "account/roles.h"
#include "admin/admin.h"
#include "core/db.h"
#include "core/listing.h"
#include "core/mail.h"
#include "core/page.h"
#include "core/program.h"
#include "programs/fields_admin.h"
#include "programs/handlers_admin.h"

/* What a user may see (arguments: all?, me, me). */
#define VISIBLE                                                                                                     \
	" (? = '1' OR (q.org_id IN (SELECT org_id FROM account_roles WHERE account_id = ?"                          \
	" AND role_code = 'INDUSTRY_SUPER_USER') AND q.account_id <> ?))"
#define FILTERS                                                                                                     \
	" FROM role_requests q WHERE (? IS NULL OR q.status = ?) AND (? IS NULL OR q.org_id = ?)"                   \
	" AND (? IS NULL OR q.role_code = ?) AND (? IS NULL OR q.created_at < UTC_TIMESTAMP() - INTERVAL ? DAY) AND" VISIBLE

enum {
	LOCK_ACCOUNT,
	LOCK_ROLE,
	LOCK_ORG,
	LOCK_STATUS,
	LOCK_NAME,
	LOCK_NOTIFY,
	LOCK_ORG_NAME,
	LOCK__COUNT
};

static struct db_sql q_count = DB_SQL("SELECT COUNT(*)" FILTERS);
#define PAGE_COLUMNS(X)                                                                                            \
	X(PAGE_ID, "id") X(PAGE_ROLE, "role") X(PAGE_ORG, "org") X(PAGE_ORG_NAME, "org_name")                       \
	X(PAGE_REQUESTER, "requester") X(PAGE_STATUS, "status") X(PAGE_CREATED, "created") X(PAGE_DAYS, "days")
DB_COLUMNS(PAGE_COLUMNS, PAGE__COUNT, page_names);
static struct db_sql q_page = DB_SQL_COLS(PAGE__COUNT,
	"SELECT q.id, q.role_code, q.org_id, o.name, a.name, q.status, DATE_FORMAT(q.created_at, '%Y-%m-%d'),"
	" TIMESTAMPDIFF(DAY, q.created_at, UTC_TIMESTAMP()) FROM (SELECT q.*" FILTERS
	" ORDER BY q.created_at, q.id LIMIT ? OFFSET ?) q JOIN accounts a ON a.id = q.account_id"
	" LEFT JOIN oms_organisations o ON o.id = SUBSTRING(q.org_id, 5) ORDER BY q.created_at, q.id");

static const struct admin_listing requests = {
	.path = "/admin/role-requests", .list = "Page.requests", .count = &q_count, .page = &q_page,
	.names = page_names, .ncols = PAGE__COUNT};

int admin_requests_show(struct req *r)
{
	const char *status = in_text(r, DF_STATUS), *org = in_text(r, DF_ORG), *role = in_text(r, DF_ROLE);
	const char *age = in_text(r, DF_AGE);
	if (!status)
		status = "PENDING";
	const char *st = strcmp(status, "all") == 0 ? NULL : status;
	struct db_rows rows;
	int shown = admin_listing(r, &requests,
				  ADMIN_ARGS(st, st, org, org, role, role, age, age, admin_all(r), r->user.id, r->user.id),
				  &rows);
	if (shown != 200)
		return shown;
	LISTING_SHOW(r, {"Page.status", status}, {"Page.org", org}, {"Page.role", role}, {"Page.age", age},
		     {"Page.saved", in_text(r, DF_SAVED)});
	return admin_page(r, "requests", 200);
}

/* The request, named as its page shows it (Page.request; its document's
 * digest apart). */
#define ONE_COLUMNS(X)                                                                                             \
	X(ONE_ID, "id") X(ONE_ACCOUNT, "account") X(ONE_REQUESTER, "requester") X(ONE_EMAIL, "email")               \
	X(ONE_ROLE, "role") X(ONE_ORG, "org") X(ONE_ORG_NAME, "org_name") X(ONE_JUSTIFICATION, "justification")     \
	X(ONE_STATUS, "status") X(ONE_CREATED, "created") X(ONE_DECIDED, "decided") X(ONE_DECIDED_BY, "decided_by") \
	X(ONE_REASON, "reason") X(ONE_DOCUMENT, "document") X(ONE_DOCUMENT_SIZE, "document_size")                   \
	X(ONE_DOCUMENT_SHA256, NULL)
enum { ONE_COLUMNS(DB_COLUMN) ONE__COUNT };
static struct db_sql q_one = DB_SQL_COLS(ONE__COUNT,
	"SELECT q.id, q.account_id, a.name, a.email, q.role_code, q.org_id, o.name, q.justification, q.status,"
	" DATE_FORMAT(q.created_at, '%Y-%m-%d %H:%i'), DATE_FORMAT(q.decided_at, '%Y-%m-%d %H:%i'), d.name, q.reason,"
	" q.document_name, q.document_size, q.document_sha256 FROM role_requests q JOIN accounts a ON a.id = q.account_id"
	" LEFT JOIN accounts d ON d.id = q.decided_by LEFT JOIN oms_organisations o ON o.id = SUBSTRING(q.org_id, 5)"
	" WHERE q.id = ?");

/* The request `id` as Page.request, if the signed-in user may see it;
 * may_decide tells whether they may decide on it. */
static int load(struct req *r, const char *id, bool *may_decide, const char **sha)
{
	struct db_rows rows;
	if (db_query(r->app->db, r->arena, &q_one, &rows, "s", id) < 0)
		return 500;
	if (!rows.nrows)
		return 404;
	const char *org = db_get(&rows, 0, ONE_ORG), *requester = db_get(&rows, 0, ONE_ACCOUNT);
	*may_decide = roles_may_decide(r, org, requester);
	if (!*may_decide && !(r->roles & ROLE_ADMIN))
		return 403;
	static const char *const names[] = {ONE_COLUMNS(DB_COLUMN_NAME)};
	page_row(r, "Page.request", &rows, 0, names, ONE__COUNT);
	*sha = db_get(&rows, 0, ONE_DOCUMENT_SHA256);
	if (*may_decide && strcmp(db_get(&rows, 0, ONE_STATUS), "PENDING") == 0)
		page_set(r, "Page.may_decide", "1");
	if (strcmp(requester, r->user.id) == 0)
		page_set(r, "Page.own", "1"); /* the page says why there is no decision */
	int super = roles_org_has_super(r, org);
	page_set(r, "Page.org_has_super", super > 0 ? "1" : "0");
	return 200;
}

int admin_requests_request_show(struct req *r)
{
	bool may;
	const char *sha;
	int status = load(r, in_text(r, DF_REQUEST_ID), &may, &sha);
	page_set(r, "Page.refused", in_text(r, DF_REFUSED));
	return status == 200 ? admin_page(r, "request", 200) : status;
}

int admin_requests_document_show(struct req *r)
{
	bool may;
	const char *sha = NULL, *id = in_text(r, DF_REQUEST_ID);
	int status = load(r, id, &may, &sha);
	if (status != 200)
		return status;
	return sha ? document_send(r, sha, arena_printf(r->arena, "role-request-%s.pdf", id)) : 404;
}

static struct db_sql q_lock = DB_SQL_COLS(LOCK__COUNT,
	"SELECT q.account_id, q.role_code, q.org_id, q.status, a.name, a.notify_requests, o.name"
	" FROM role_requests q JOIN accounts a ON a.id = q.account_id"
	" LEFT JOIN oms_organisations o ON o.id = SUBSTRING(q.org_id, 5) WHERE q.id = ? FOR UPDATE");
static struct db_sql q_grant = DB_SQL(
	"INSERT IGNORE INTO account_roles (account_id, role_code, org_id, granted_by) VALUES (?, ?, ?, ?)");
static struct db_sql q_decide = DB_SQL("UPDATE role_requests SET status = ?, decided_at = UTC_TIMESTAMP(),"
				       " decided_by = ?, reason = ? WHERE id = ? AND status = 'PENDING'");

/* Approve or reject inside a transaction holding the request's lock. */
static int decide(struct req *r, const char *id, bool approve, const char *reason)
{
	struct db *db = r->app->db;
	struct db_rows rows;
	if (db_query(db, r->arena, &q_lock, &rows, "s", id) < 0)
		return 500;
	if (!rows.nrows)
		return 404;
	const char *requester = db_get(&rows, 0, LOCK_ACCOUNT), *role = db_get(&rows, 0, LOCK_ROLE);
	const char *org = db_get(&rows, 0, LOCK_ORG);
	if (!roles_may_decide(r, org, requester))
		return 403;
	if (strcmp(db_get(&rows, 0, LOCK_STATUS), "PENDING") != 0) {
		r->err_reason = "not_pending";
		return 409;
	}
	if ((approve && db_exec(db, &q_grant, NULL, "ssss", requester, role, org, r->user.id) < 0) ||
	    db_exec(db, &q_decide, NULL, "ssss", approve ? "APPROVED" : "REJECTED", r->user.id, reason, id) < 0 ||
	    audit_record_about(r, approve ? "role.approved" : "role.rejected", requester, AUDIT_ROLE_REQUEST, id) < 0)
		return 500;
	if (strcmp(db_get(&rows, 0, LOCK_NOTIFY), "1") == 0) {
		page_set(r, "Mail.name", db_get(&rows, 0, LOCK_NAME));
		page_set(r, "Mail.role", role);
		page_set(r, "Mail.org", org);
		page_set(r, "Mail.org_name", db_get(&rows, 0, LOCK_ORG_NAME));
		page_set(r, "Mail.reason", reason);
		if (approve)
			page_set(r, "Mail.approved", "1");
		if (mail_queue(r, "role_decision", requester) < 0)
			return 500;
	}
	return 303;
}

int admin_requests_decision_submit(struct req *r)
{
	const char *id = in_text(r, DF_REQUEST_ID), *decision = in_text(r, DF_DECISION), *reason = in_text(r, DF_REASON);
	bool approve = strcmp(decision, "approve") == 0;
	if (!approve && !reason) {
		bool may;
		const char *sha;
		int status = load(r, id, &may, &sha);
		if (status != 200)
			return status;
		page_set(r, "Page.errors.reason", "reason_required");
		return admin_page(r, "request", 400);
	}
	if (db_begin(r->app->db) < 0)
		return 500;
	int status = decide(r, id, approve, reason);
	if (status != 303 || db_commit(r->app->db) < 0) {
		db_rollback(r->app->db);
		if (status == 409) /* decided or withdrawn meanwhile: its page says so */
			return http_refused(r, arena_printf(r->arena, "/admin/role-requests/%s", id), r->err_reason);
		return status == 303 ? 500 : status;
	}
	return http_redirect(r, 303, "/admin/role-requests?saved=decided");
}
