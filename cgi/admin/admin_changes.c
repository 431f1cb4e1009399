/* /admin/change-requests: the data stewards' queue of change requests
 * (filters: status, type, list, age, mine; paginated), one request with
 * its diff against the current data, its history and thread, and the
 * steward's moves: take it, validate, mark invalid, return it to the
 * requester, approve (with changes) or reject, each with a comment.  A
 * steward's or administrator's own request is shown without those: someone
 * else decides on it, and every steward's action on it answers 403. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "account/cr.h"
#include "admin/admin.h"
#include "core/db.h"
#include "core/listing.h"
#include "core/page.h"
#include "core/program.h"
#include "programs/fields_admin.h"
#include "programs/handlers_admin.h"

#define FILTERS                                                                                                     \
	" FROM change_requests c WHERE c.status <> 'SAVED' AND (? IS NULL OR c.status = ?)"                         \
	" AND (? IS NULL OR c.type = ?) AND (? IS NULL OR c.list_id = ?) AND (? IS NULL OR c.org_id = ?)"          \
	" AND (? IS NULL OR (c.type IN ('ADD-ORG', 'UPD-ORG', 'ADD-LOC', 'UPD-LOC')) = (? = 'oms'))"              \
	" AND (? IS NULL OR c.updated_at < UTC_TIMESTAMP() - INTERVAL ? DAY) AND (? IS NULL OR c.assigned_to = ?)"

static struct db_sql q_count = DB_SQL("SELECT COUNT(*)" FILTERS);
#define PAGE_COLUMNS(X)                                                                                            \
	X(PAGE_ID, "id") X(PAGE_TYPE, "type") X(PAGE_STATUS, "status") X(PAGE_LIST, "list")                         \
	X(PAGE_LIST_NAME, "list_name") X(PAGE_TERM, "term") X(PAGE_TERM_NAME, "term_name") X(PAGE_LANG, "lang")     \
	X(PAGE_REQUESTER, "requester") X(PAGE_ASSIGNEE, "assignee") X(PAGE_UPDATED, "updated") X(PAGE_DAYS, "days") \
	X(PAGE_ORG, "org") X(PAGE_ORG_NAME, "org_name")
enum { PAGE_COLUMNS(DB_COLUMN) PAGE__COUNT };
static struct db_sql q_page = DB_SQL_COLS(PAGE__COUNT,
	"SELECT c.id, c.type, c.status, c.list_id, l.name, c.term_id, t.name_en, c.lang, a.name, s.name,"
	" DATE_FORMAT(c.updated_at, '%Y-%m-%d'), TIMESTAMPDIFF(DAY, c.updated_at, UTC_TIMESTAMP()), c.org_id, o.name"
	" FROM (SELECT c.*" FILTERS " ORDER BY c.updated_at, c.id LIMIT ? OFFSET ?) c"
	" JOIN accounts a ON a.id = c.account_id LEFT JOIN accounts s ON s.id = c.assigned_to"
	" LEFT JOIN rms_lists l ON l.id = c.list_id LEFT JOIN rms_terms t ON t.id = c.term_id"
	" LEFT JOIN oms_organisations o ON c.org_id IS NOT NULL AND o.id = SUBSTRING(c.org_id, 5)"
	" ORDER BY c.updated_at, c.id");
static struct db_sql q_assign = DB_SQL(
	"UPDATE change_requests SET assigned_to = ? WHERE id = ? AND status IN ('SUBMITTED', 'VALID')"
	" AND account_id <> ?");

int admin_changes_show(struct req *r)
{
	const char *status = in_text(r, DF_CR_STATUS), *type = in_text(r, DF_CR_TYPE), *list = in_text(r, DF_LIST);
	const char *org = in_text(r, DF_ORG), *service = in_text(r, DF_SERVICE);
	const char *age = in_text(r, DF_AGE), *mine = in_text(r, DF_MINE) ? r->user.id : NULL;
	if (!status)
		status = "SUBMITTED";
	const char *st = strcmp(status, "all") == 0 ? NULL : status;
	long long size = listing_page_size(r, DF_SIZE, 50), page = in_int(r, DF_PAGE, 1);
	struct db_rows count, rows;
#define ARGS st, st, type, type, list, list, org, org, service, service, age, age, mine, mine
	if (db_query(r->app->db, r->arena, &q_count, &count, "ssssssssssssss", ARGS) < 0 ||
	    db_query(r->app->db, r->arena, &q_page, &rows, "ssssssssssssssii", ARGS, size, (page - 1) * size) < 0)
		return 500;
#undef ARGS
	static const char *const names[] = {PAGE_COLUMNS(DB_COLUMN_NAME)};
	page_rows(r, "Page.requests", &rows, names, PAGE__COUNT);
	listing_pager(r, "/admin/change-requests", page, size, atoll(db_value(&count, 0)));
	page_set(r, "Page.status", status);
	page_set(r, "Page.type", type);
	page_set(r, "Page.list", list);
	page_set(r, "Page.org", org);
	page_set(r, "Page.service", service);
	page_set(r, "Page.age", age);
	page_set(r, "Page.mine", in_text(r, DF_MINE));
	page_set(r, "Page.saved", in_text(r, DF_SAVED));
	return admin_page(r, "changes", 200);
}

/* Request `id` as Page.cr for a steward: 404 for a draft (its author's
 * alone); Page.own when it is the steward's own.  200 or a status. */
static int load(struct req *r, const char *id)
{
	int status = cr_load(r, id);
	if (status != 200)
		return status;
	if (strcmp(hdf_get_value(r->hdf, "Page.cr.status", ""), "SAVED") == 0)
		return 404;
	if (cr_own(r))
		page_set(r, "Page.own", "1");
	return 200;
}

/* Request `id` as Page.cr for a steward's action: 403 on their own
 * request (a draft's moves are refused by the workflow: 409). */
static int load_to_act(struct req *r, const char *id)
{
	int status = cr_load(r, id);
	return status == 200 && cr_own(r) ? 403 : status;
}

int admin_changes_change_show(struct req *r)
{
	int status = load(r, in_text(r, DF_REQUEST_ID));
	if (status != 200)
		return status;
	page_set(r, "Page.saved", in_text(r, DF_SAVED));
	return admin_page(r, "change", 200);
}

static int back(struct req *r, const char *id, const char *saved)
{
	return http_redirect(r, 303, arena_printf(r->arena, "/admin/change-requests/%s?saved=%s", id, saved));
}

int admin_changes_assign_submit(struct req *r)
{
	const char *id = in_text(r, DF_REQUEST_ID);
	int status = load_to_act(r, id);
	if (status != 200)
		return status;
	unsigned long long changed = 0;
	if (db_exec(r->app->db, &q_assign, &changed, "sss", r->user.id, id, r->user.id) < 0)
		return 500;
	if (!changed) {
		r->err_reason = "transition";
		return 409;
	}
	return back(r, id, "assigned");
}

int admin_changes_move_submit(struct req *r)
{
	const char *id = in_text(r, DF_REQUEST_ID), *to = in_text(r, DF_TO), *comment = in_text(r, DF_REASON);
	/* Nobody decides on their own request, whatever the step: checked
	 * here for the answers below, and again with the row locked. */
	int status = load_to_act(r, id);
	if (status != 200)
		return status;
	/* Every decision but a validation says why. */
	if (!comment && strcmp(to, "VALID") != 0 && strcmp(to, "APPROVED") != 0) {
		page_set(r, "Page.errors.reason", "comment_required");
		return admin_page(r, "change", 400);
	}
	struct cr_edit edit = {NULL, NULL, false};
	if (strcmp(to, "APPROVED_WC") == 0) {
		if (strcmp(hdf_get_value(r->hdf, "Page.cr.status", ""), "VALID") != 0) {
			r->err_reason = "transition"; /* no changes to check: it cannot be approved now */
			return 409;
		}
		struct cr_fields f = {.name = in_text(r, DF_TERM_NAME), .short_name = in_text(r, DF_SHORT_NAME),
				      .description = in_text(r, DF_DESCRIPTION)};
		edit.proposed = cr_proposal(r, hdf_get_value(r->hdf, "Page.cr.type", ""), &f);
		if (!edit.proposed) {
			page_set(r, "Page.errors.term_name", "nothing_changes");
			return admin_page(r, "change", 400);
		}
	}
	status = cr_transition(r, id, to, CR_STEWARD, comment, edit.proposed ? &edit : NULL);
	return status == 303 ? back(r, id, "moved") : status;
}

int admin_changes_comments_submit(struct req *r)
{
	const char *id = in_text(r, DF_REQUEST_ID), *comment = in_text(r, DF_REASON);
	int status = cr_comment(r, id, CR_STEWARD, comment);
	return status == 303 ? back(r, id, "commented") : status;
}

int admin_changes_document_show(struct req *r)
{
	const char *id = in_text(r, DF_REQUEST_ID);
	int status = load(r, id);
	return status == 200 ? cr_document(r, id) : status;
}
