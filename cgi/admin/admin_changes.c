/* /admin/change-requests: the data stewards' queue of change requests
 * (filters: status, type, list, age, mine; paginated), one request with
 * its records side by side, its history and thread, and the steward's
 * moves: take it, validate, mark invalid, return it to the requester,
 * approve (with changes: the proposal's fields, filled in with it) or
 * reject, each with a comment.  Every form answers with a redirect to the
 * request's page: a refused one (no comment, a correction that does not
 * check) with what the steward typed, kept until their next move succeeds
 * (change_request_drafts), so that a reload shows the page, never sends
 * the form again.  A steward's or administrator's own request is shown
 * without those: someone else decides on it, and every steward's action
 * on it answers 403. */
#include "config.h"

#include <jansson.h>
#include <stdlib.h>
#include <string.h>

#include "account/cr.h"
#include "account/cr_check.h"
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
DB_COLUMNS(PAGE_COLUMNS, PAGE__COUNT, page_names);
static struct db_sql q_page = DB_SQL_COLS(PAGE__COUNT,
	"SELECT c.id, c.type, c.status, c.list_id, l.name, c.term_id, t.name_en, c.lang, a.name, s.name,"
	" DATE_FORMAT(c.updated_at, '%Y-%m-%d'), TIMESTAMPDIFF(DAY, c.updated_at, UTC_TIMESTAMP()), c.org_id, o.name"
	" FROM (SELECT c.*" FILTERS " ORDER BY c.updated_at, c.id LIMIT ? OFFSET ?) c"
	" JOIN accounts a ON a.id = c.account_id LEFT JOIN accounts s ON s.id = c.assigned_to"
	" LEFT JOIN rms_lists l ON l.id = c.list_id LEFT JOIN rms_terms t ON t.id = c.term_id"
	" LEFT JOIN oms_organisations o ON c.org_id IS NOT NULL AND o.id = SUBSTRING(c.org_id, 5)"
	" ORDER BY c.updated_at, c.id");

static const struct admin_listing changes = {
	.path = "/admin/change-requests", .list = "Page.requests", .count = &q_count, .page = &q_page,
	.names = page_names, .ncols = PAGE__COUNT};

int admin_changes_show(struct req *r)
{
	const char *status = in_text(r, DF_CR_STATUS), *type = in_text(r, DF_CR_TYPE), *list = in_text(r, DF_LIST);
	const char *org = in_text(r, DF_ORG), *service = in_text(r, DF_SERVICE);
	const char *age = in_text(r, DF_AGE), *mine = in_text(r, DF_MINE) ? r->user.id : NULL;
	if (!status)
		status = "SUBMITTED";
	const char *st = strcmp(status, "all") == 0 ? NULL : status;
	struct db_rows rows;
	int shown = admin_listing(r, &changes,
				  ADMIN_ARGS(st, st, type, type, list, list, org, org, service, service, age, age, mine,
					     mine),
				  &rows);
	if (shown != 200)
		return shown;
	LISTING_SHOW(r, {"Page.status", status}, {"Page.type", type}, {"Page.list", list}, {"Page.org", org},
		     {"Page.service", service}, {"Page.age", age}, {"Page.mine", in_text(r, DF_MINE)},
		     {"Page.saved", in_text(r, DF_SAVED)});
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

/* What the steward typed in a refused form, for the page it goes back to. */
static struct db_sql q_draft_keep = DB_SQL(
	"REPLACE INTO change_request_drafts (account_id, request_id, form) VALUES (?, ?, ?)");
/* Drafts a day old are forgotten, whoever's. */
static struct db_sql q_drafts_old =
	DB_SQL("DELETE FROM change_request_drafts WHERE saved_at < UTC_TIMESTAMP() - INTERVAL 1 DAY");

/* Keep `form` ({to, reason, values, errors, detail}) and send the steward
 * back to the request's page, where it shows again. */
static int again(struct req *r, const char *id, json_t *form, const char *where)
{
	char *text = json_dumps(form, JSON_COMPACT);
	int rc = text ? db_exec(r->app->db, &q_draft_keep, NULL, "sss", r->user.id, id, text) : -1;
	free(text);
	if (rc < 0 || db_exec(r->app->db, &q_drafts_old, NULL, "") < 0)
		return 500;
	return http_redirect(r, 303, arena_printf(r->arena, "/admin/change-requests/%s?draft=1#%s", id, where));
}

static struct db_sql q_draft = DB_SQL(
	"SELECT form FROM change_request_drafts WHERE account_id = ? AND request_id = ?"
	" AND saved_at >= UTC_TIMESTAMP() - INTERVAL 1 DAY");

/* The steward's draft of this request as the decision form's values and
 * errors (Page.form, Page.errors, Page.draft).  Its names are read from
 * the forms' own lists, never from the draft.  0 or -1. */
static int put_draft(struct req *r, const char *id, const char *type)
{
	struct db_rows rows;
	if (db_query(r->app->db, r->arena, &q_draft, &rows, "ss", r->user.id, id) < 0)
		return -1;
	json_t *form = rows.nrows ? json_loads(db_value(&rows, 0), 0, NULL) : NULL;
	if (!form)
		return 0;
	json_t *errors = json_object_get(form, "errors");
	static const char *const own[] = {"reason", "thread_comment"};
	HDF *err = page_node(r, "Page.errors");
	for (size_t i = 0; i < sizeof own / sizeof own[0]; i++)
		page_put(err, own[i], json_string_value(json_object_get(errors, own[i]))); /* names: literals (own) */
	for (size_t i = 0; i < cr_nkeys; i++) {
		const char *name = cr_form_name(type, cr_keys[i].key);
		if (name && (cr_keys[i].types & cr_type_of(type)))
			page_put(err, name, json_string_value(json_object_get(errors, name))); /* names: literals (cr_fields.h) */
	}
	page_set(r, "Page.record_error", json_string_value(json_object_get(form, "detail")));
	page_set(r, "Page.draft.to", json_string_value(json_object_get(form, "to")));
	page_set(r, "Page.draft.reason", json_string_value(json_object_get(form, "reason")));
	if (json_object_get(form, "values"))
		cr_form_put(r, type, json_object_get(form, "values"), false);
	json_decref(form);
	return 0;
}

int admin_changes_change_show(struct req *r)
{
	const char *id = in_text(r, DF_REQUEST_ID);
	int status = load(r, id);
	if (status != 200)
		return status;
	page_set(r, "Page.saved", in_text(r, DF_SAVED));
	page_set(r, "Page.refused", in_text(r, DF_REFUSED));
	/* The decision form: an approval with changes starts from the
	 * proposal, over the record as it is now. */
	struct cr_target t;
	cr_loaded_target(r, &t);
	page_set(r, "Page.type", t.type);
	page_set(r, "Page.lang", t.lang);
	json_t *proposal = json_loads(hdf_get_value(r->hdf, "Page.cr.proposed", "{}"), 0, NULL);
	cr_form_put(r, t.type, proposal, true);
	json_decref(proposal);
	if (cr_domains_put(r, t.type, t.list) < 0 || (in_text(r, DF_DRAFT) && put_draft(r, id, t.type) < 0))
		return 500;
	return admin_page(r, "change", 200);
}

static int back(struct req *r, const char *id, const char *saved)
{
	return http_redirect(r, 303, arena_printf(r->arena, "/admin/change-requests/%s?saved=%s", id, saved));
}

static struct db_sql q_assign = DB_SQL(
	"UPDATE change_requests SET assigned_to = ? WHERE id = ? AND status IN ('SUBMITTED', 'VALID')"
	" AND account_id <> ?");

int admin_changes_assign_submit(struct req *r)
{
	const char *id = in_text(r, DF_REQUEST_ID);
	int status = load_to_act(r, id);
	if (status != 200)
		return status;
	unsigned long long changed = 0;
	if (db_exec(r->app->db, &q_assign, &changed, "sss", r->user.id, id, r->user.id) < 0)
		return 500;
	if (!changed)
		return http_refused(r, arena_printf(r->arena, "/admin/change-requests/%s", id), "transition");
	return back(r, id, "assigned");
}

/* The steward's correction of the proposal (an approval with changes),
 * checked as any proposal is, against the record now: its proposal, or
 * NULL with the problems in `errors` (by form field) and `form`'s detail. */
static const char *correction(struct req *r, json_t *values, json_t *errors, json_t *form)
{
	struct cr_target t;
	cr_loaded_target(r, &t);
	struct cr_now now;
	struct cr_verdict v;
	if (cr_now_read(r->app->db, r->arena, &t, &now) < 0 || cr_check(r->app->db, r->arena, &t, now.record, values, &v) < 0) {
		json_decref(now.record);
		return NULL;
	}
	json_decref(now.record);
	json_t *proposal = v.proposed ? json_loads(v.proposed, 0, NULL) : NULL;
	json_t *asked = json_loads(hdf_get_value(r->hdf, "Page.cr.proposed", "{}"), 0, NULL);
	/* The same as proposed is an approval as it is, not with changes. */
	for (size_t i = 0; proposal && json_equal(proposal, asked) && !v.nproblems && i < cr_nkeys; i++)
		if (cr_keys[i].types & cr_type_of(t.type))
			v.problems[v.nproblems++] = (struct cr_problem){cr_keys[i].key, "wc_same"};
	json_decref(proposal);
	json_decref(asked);
	for (size_t i = 0; i < v.nproblems; i++) {
		const char *name = cr_form_name(t.type, v.problems[i].key);
		json_object_set_new(errors, name ? name : "term_name", json_string(v.problems[i].why));
	}
	if (*v.detail)
		json_object_set_new(form, "detail", json_string(v.detail));
	return v.nproblems ? NULL : v.proposed;
}

static struct db_sql q_draft_drop = DB_SQL("DELETE FROM change_request_drafts WHERE account_id = ? AND request_id = ?");

int admin_changes_decide(struct req *r, const char *id, const char *to, const char *comment, json_t **form)
{
	const char *sent[CR_FORM__COUNT];
	for (int i = 0; i < CR_FORM__COUNT; i++)
		sent[i] = in_text(r, DF_PROPOSAL + i);
	/* Nobody decides on their own request, whatever the step: checked
	 * here for the answers below, and again with the row locked. */
	*form = NULL;
	int status = load_to_act(r, id);
	if (status != 200)
		return status;
	const char *type = hdf_get_value(r->hdf, "Page.cr.type", "");
	bool correcting = strcmp(to, "APPROVED_WC") == 0 && strcmp(hdf_get_value(r->hdf, "Page.cr.status", ""), "VALID") == 0;
	*form = json_pack("{s:s, s:s?, s:o, s:{}}", "to", to, "reason", comment, "values", cr_form_values(type, sent),
			  "errors");
	json_t *errors = json_object_get(*form, "errors");
	/* Every decision but a validation says why. */
	if (!comment && strcmp(to, "VALID") != 0 && strcmp(to, "APPROVED") != 0)
		json_object_set_new(errors, "reason", json_string("comment_required"));
	struct cr_edit edit = {NULL, NULL, false};
	if (correcting && !(edit.proposed = correction(r, json_object_get(*form, "values"), errors, *form)) &&
	    !json_object_size(errors))
		return 500;
	if (json_object_size(errors))
		return 400;
	status = cr_transition(r, id, to, CR_STEWARD, comment, edit.proposed ? &edit : NULL);
	if (status != 303)
		return status;
	return db_exec(r->app->db, &q_draft_drop, NULL, "ss", r->user.id, id) < 0 ? 500 : 303;
}

int admin_changes_move_submit(struct req *r)
{
	const char *id = in_text(r, DF_REQUEST_ID);
	json_t *form;
	int status = admin_changes_decide(r, id, in_text(r, DF_TO), in_text(r, DF_REASON), &form);
	if (status == 400) { /* the form again, on the request's page */
		status = again(r, id, form, "decide");
		json_decref(form);
		return status;
	}
	json_decref(form);
	if (status == 409) /* decided or moved meanwhile: its page says so */
		return http_refused(r, arena_printf(r->arena, "/admin/change-requests/%s", id), r->err_reason);
	return status == 303 ? back(r, id, "moved") : status;
}

int admin_changes_comments_submit(struct req *r)
{
	const char *id = in_text(r, DF_REQUEST_ID), *comment = in_text(r, DF_REASON);
	if (page_missing(r)) {
		int status = load_to_act(r, id);
		if (status != 200)
			return status;
		json_t *form = json_pack("{s:{s:s}}", "errors", "thread_comment", "required");
		status = again(r, id, form, "comment");
		json_decref(form);
		return status;
	}
	return cr_comment(r, id, CR_STEWARD, comment,
			  arena_printf(r->arena, "/admin/change-requests/%s?saved=commented", id));
}

int admin_changes_document_show(struct req *r)
{
	const char *id = in_text(r, DF_REQUEST_ID);
	int status = load(r, id);
	return status == 200 ? cr_document(r, id) : status;
}
