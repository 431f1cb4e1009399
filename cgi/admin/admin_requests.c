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

static struct db_sql q_count = DB_SQL("SELECT COUNT(*)" FILTERS);
static struct db_sql q_page = DB_SQL(
	"SELECT q.id, q.role_code, q.org_id, o.name, a.name, q.status, DATE_FORMAT(q.created_at, '%Y-%m-%d'),"
	" TIMESTAMPDIFF(DAY, q.created_at, UTC_TIMESTAMP()) FROM (SELECT q.*" FILTERS
	" ORDER BY q.created_at, q.id LIMIT ? OFFSET ?) q JOIN accounts a ON a.id = q.account_id"
	" LEFT JOIN oms_organisations o ON o.id = SUBSTRING(q.org_id, 5) ORDER BY q.created_at, q.id");
static struct db_sql q_one = DB_SQL(
	"SELECT q.id, q.account_id, a.name, a.email, q.role_code, q.org_id, o.name, q.justification, q.status,"
	" DATE_FORMAT(q.created_at, '%Y-%m-%d %H:%i'), DATE_FORMAT(q.decided_at, '%Y-%m-%d %H:%i'), d.name, q.reason,"
	" q.document_name, q.document_size, q.document_sha256 FROM role_requests q JOIN accounts a ON a.id = q.account_id"
	" LEFT JOIN accounts d ON d.id = q.decided_by LEFT JOIN oms_organisations o ON o.id = SUBSTRING(q.org_id, 5)"
	" WHERE q.id = ?");
static struct db_sql q_lock = DB_SQL(
	"SELECT q.account_id, q.role_code, q.org_id, q.status, a.name, a.email, a.notify_requests, o.name, a.ui_lang"
	" FROM role_requests q JOIN accounts a ON a.id = q.account_id"
	" LEFT JOIN oms_organisations o ON o.id = SUBSTRING(q.org_id, 5) WHERE q.id = ? FOR UPDATE");
static struct db_sql q_grant = DB_SQL(
	"INSERT IGNORE INTO account_roles (account_id, role_code, org_id, granted_by) VALUES (?, ?, ?, ?)");
static struct db_sql q_decide = DB_SQL("UPDATE role_requests SET status = ?, decided_at = UTC_TIMESTAMP(),"
				       " decided_by = ?, reason = ? WHERE id = ? AND status = 'PENDING'");

int admin_requests_show(struct req *r)
{
	const char *status = in_text(r, DF_STATUS), *org = in_text(r, DF_ORG), *role = in_text(r, DF_ROLE);
	const char *age = in_text(r, DF_AGE);
	if (!status)
		status = "PENDING";
	const char *st = strcmp(status, "all") == 0 ? NULL : status;
	long long size = listing_page_size(r, DF_SIZE, 50), page = in_int(r, DF_PAGE, 1);
	struct db_rows count, rows;
#define ARGS st, st, org, org, role, role, age, age, admin_all(r), r->user.id, r->user.id
	if (db_query(r->app->db, r->arena, &q_count, &count, "sssssssssss", ARGS) < 0 ||
	    db_query(r->app->db, r->arena, &q_page, &rows, "sssssssssssii", ARGS, size, (page - 1) * size) < 0)
		return 500;
#undef ARGS
	static const char *const names[] = {"id", "role", "org", "org_name", "requester", "status", "created", "days", NULL};
	page_rows(r, "Page.requests", &rows, names);
	listing_pager(r, "/admin/role-requests", page, size, atoll(db_get(&count, 0, 0)));
	page_set(r, "Page.status", status);
	page_set(r, "Page.org", org);
	page_set(r, "Page.role", role);
	page_set(r, "Page.age", age);
	page_set(r, "Page.saved", in_text(r, DF_SAVED));
	return admin_page(r, "requests", 200);
}

/* The request `id` as Page.request, if the signed-in user may see it;
 * may_decide tells whether they may decide on it. */
static int load(struct req *r, const char *id, bool *may_decide, const char **sha)
{
	struct db_rows rows;
	if (db_query(r->app->db, r->arena, &q_one, &rows, "s", id) < 0)
		return 500;
	if (!rows.nrows)
		return 404;
	*may_decide = roles_may_decide(r, db_get(&rows, 0, 5), db_get(&rows, 0, 1));
	if (!*may_decide && !(r->roles & ROLE_ADMIN))
		return 403;
	static const char *const names[] = {"id",	  "account",	"requester", "email",	    "role",
					    "org",	  "org_name",	"justification", "status", "created",
					    "decided",	  "decided_by", "reason",	"document", "document_size", NULL};
	page_row(r, "Page.request", &rows, 0, names);
	*sha = db_get(&rows, 0, 15);
	if (*may_decide && strcmp(db_get(&rows, 0, 8), "PENDING") == 0)
		page_set(r, "Page.may_decide", "1");
	if (strcmp(db_get(&rows, 0, 1), r->user.id) == 0)
		page_set(r, "Page.own", "1"); /* the page says why there is no decision */
	int super = roles_org_has_super(r, db_get(&rows, 0, 5));
	page_set(r, "Page.org_has_super", super > 0 ? "1" : "0");
	return 200;
}

int admin_requests_request_show(struct req *r)
{
	bool may;
	const char *sha;
	int status = load(r, in_text(r, DF_REQUEST_ID), &may, &sha);
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

/* Approve or reject inside a transaction holding the request's lock. */
static int decide(struct req *r, const char *id, bool approve, const char *reason)
{
	struct db *db = r->app->db;
	struct db_rows rows;
	if (db_query(db, r->arena, &q_lock, &rows, "s", id) < 0)
		return 500;
	if (!rows.nrows)
		return 404;
	const char *requester = db_get(&rows, 0, 0), *role = db_get(&rows, 0, 1), *org = db_get(&rows, 0, 2);
	if (!roles_may_decide(r, org, requester))
		return 403;
	if (strcmp(db_get(&rows, 0, 3), "PENDING") != 0) {
		r->err_reason = "not_pending";
		return 409;
	}
	if ((approve && db_exec(db, &q_grant, NULL, "ssss", requester, role, org, r->user.id) < 0) ||
	    db_exec(db, &q_decide, NULL, "ssss", approve ? "APPROVED" : "REJECTED", r->user.id, reason, id) < 0 ||
	    audit_record(r, approve ? "role.approved" : "role.rejected", requester, NULL) < 0)
		return 500;
	if (strcmp(db_get(&rows, 0, 6), "1") == 0) {
		page_set(r, "Mail.name", db_get(&rows, 0, 4));
		page_set(r, "Mail.role", role);
		page_set(r, "Mail.org", org);
		page_set(r, "Mail.org_name", db_get(&rows, 0, 7));
		page_set(r, "Mail.reason", reason);
		if (approve)
			page_set(r, "Mail.approved", "1");
		if (mail_queue_in(r, "role_decision", db_get(&rows, 0, 5), db_get(&rows, 0, 8)) < 0)
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
		return status == 303 ? 500 : status;
	}
	return http_redirect(r, 303, "/admin/role-requests?saved=decided");
}
