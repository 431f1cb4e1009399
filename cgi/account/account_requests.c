/* Proposing changes to RMS terms and lists, and the user's change requests.
 * /rms/requests/new proposes a new list (ADD-LIST);
 * /rms/lists/{listId}/requests/new a new term (ADD-TERM), or with
 * ?change=list a change to the list (UPD-LIST);
 * /rms/terms/{termId}/requests/new a change to a term (UPD-TERM), or with
 * ?text_lang= a translation of its texts into that language.  The forms
 * start from the current values; "preview" shows the change as a diff
 * before anything is saved; "save" keeps a draft (SAVED), "submit" sends it
 * to the data stewards.  /account/requests lists the user's requests;
 * /account/requests/{id} shows one with its history and thread, where a
 * draft or a returned request is edited and (re)submitted, a comment added,
 * or the request withdrawn. */
#include "config.h"

#include <jansson.h>
#include <stdlib.h>
#include <string.h>

#include "account/account.h"
#include "account/cr.h"
#include "account/cr_check.h"
#include "account/document.h"
#include "core/db.h"
#include "core/field.h"
#include "core/may.h"
#include "core/once.h"
#include "core/page.h"
#include "core/program.h"
#include "oms/oms_similar.h"
#include "programs/fields_account.h"
#include "programs/handlers_account.h"

/* The proposal's fields as the form sent them, as a proposal's values;
 * with `emptied`, a field sent empty too (an edit that clears it: a form
 * sends every field, an API's edit only those it changes). */
static json_t *sent_values(struct req *r, const char *type, bool emptied)
{
	const char *values[CR_FORM__COUNT];
	const struct field *fields = r->app->def->router->fields;
	for (int i = 0; i < CR_FORM__COUNT; i++) {
		values[i] = in_text(r, AF_PROPOSAL + i);
		if (!values[i] && emptied && params_get(&r->params, fields[AF_PROPOSAL + i].name))
			values[i] = "";
	}
	return cr_form_values(type, values);
}

/* 0 when the user may make a proposal of `act` (about `org`); else the
 * form's page, which says which roles would let them and how to ask for
 * one, or that their request waits (may.h), as the page that offered the
 * proposal does: its status. */
static int refused(struct req *r, enum may_act act, const char *org)
{
	if (may(r, act, org))
		return 0;
	may_put(r, act, org);
	page_set(r, "Page.no_role", act == MAY_CHANGE_ORG ? "change_org" : act == MAY_TRANSLATE ? "translate" : "propose");
	return account_form(r, "cr_form", 403);
}

static struct db_sql q_list = DB_SQL("SELECT name FROM rms_lists WHERE id = ?");

/* The list of the request (Page.list; none for a new list) and who may
 * propose. */
static int context(struct req *r, const char *list, const char *type)
{
	struct db_rows rows;
	if (list && db_query(r->app->db, r->arena, &q_list, &rows, "s", list) < 0)
		return 500;
	if (list && !rows.nrows)
		return 404;
	page_set(r, "Page.list.id", list);
	page_set(r, "Page.list.name", list ? db_value(&rows, 0) : NULL);
	page_set(r, "Page.type", type);
	int status = refused(r, strcmp(type, "TRANSLATION") == 0 ? MAY_TRANSLATE : MAY_PROPOSE, NULL);
	return status ? status : 200;
}

/* The form of a proposal about `t`, with the values it starts from:
 * `values` (what was sent), else the target's now. */
static int form(struct req *r, const struct cr_target *t, const json_t *values, int status)
{
	cr_form_put(r, t->type, values, values == NULL);
	if (cr_domains_put(r, t->type, t->list) < 0)
		return 500;
	return account_form(r, "cr_form", status);
}

/* A new organisation: those of similar names in its country
 * (Page.similar), shown before it is submitted: a submit whose form has
 * not shown them yet shows them instead.  1 when it does, 0, or -1. */
static int similar_first(struct req *r, const char *type, const char *step)
{
	if (strcmp(type, "ADD-ORG") != 0 || strcmp(step, "save") == 0)
		return 0;
	int n = oms_similar(r, in_text(r, AF_PROPOSAL + CR_F_ORG_NAME), in_text(r, AF_PROPOSAL + CR_F_COUNTRY));
	return n < 0 ? -1 : n > 0 && strcmp(step, "submit") == 0 && !in_text(r, AF_SIMILAR_SEEN);
}

/* Judge a proposal about `t`, which is `before` now, with its values
 * `values`, the justification `why` and the step `step`: its problems in
 * Page.errors (each field's, a submitted one's justification, its
 * document's): 400 when it has any, else 0 with the proposal in v; 500. */
static int judge(struct req *r, const struct cr_target *t, const json_t *before, json_t *values, const char *why,
		 const char *step, struct cr_verdict *v)
{
	if (cr_check(r->app->db, r->arena, t, before, values, v) < 0)
		return 500;
	cr_problems_put(r, t->type, v);
	if (strcmp(step, "submit") == 0 && (!why || strlen(why) < 10))
		account_error(r, "justification", why ? "justification_short" : "required");
	if (r->upload.field && document_problem(r))
		account_error(r, "document", document_problem(r));
	return hdf_obj_child(hdf_get_obj(r->hdf, "Page.errors")) ? 400 : 0;
}

/* Check a proposal about `t`, which is `before` now; on a problem or a
 * preview, the form again (its status), else 0 with the proposal. */
static int check(struct req *r, const struct cr_target *t, const json_t *before, const char **proposed)
{
	const char *step = in_text(r, AF_STEP) ? in_text(r, AF_STEP) : "preview";
	json_t *values = sent_values(r, t->type, false);
	struct cr_verdict v;
	int status = judge(r, t, before, values, in_text(r, AF_JUSTIFICATION), step, &v);
	if (status == 500) {
		json_decref(values);
		return 500;
	}
	page_set(r, "Page.form.justification", in_text(r, AF_JUSTIFICATION));
	if (!status)
		status = strcmp(step, "preview") == 0 ? 200 : 0;
	int similar = status == 400 ? 0 : similar_first(r, t->type, step);
	if (similar)
		status = 200; /* those of similar names first, as a preview */
	if (status == 200) {
		cr_diff(r, before, v.proposed);
		page_set(r, "Page.preview", "1");
	}
	if (similar < 0 || (status == 200 && cr_diff_names(r) < 0)) {
		json_decref(values);
		return 500;
	}
	if (status)
		status = form(r, t, values, status);
	json_decref(values);
	*proposed = v.proposed;
	return status;
}

static struct db_sql q_create = DB_SQL(
	"INSERT INTO change_requests (type, account_id, list_id, term_id, org_id, loc_id, lang, proposed,"
	" justification, base_seq, document_name, document_sha256, document_size)"
	" VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
static struct db_sql q_new_id = DB_SQL("SELECT LAST_INSERT_ID()");
static struct db_sql q_created = DB_SQL(
	"INSERT INTO change_request_events (request_id, actor_id, to_status) VALUES (?, ?, 'SAVED')");

/* Keep the proposal about `t` as a draft, with its document, in one
 * transaction with the form's key when `once` (the web's: a form sent
 * again makes nothing); then submit it when the step says so.  0 with its
 * ID in *rid; 409 a twin post with the same key made it (once_done says
 * where); 500. */
static int keep(struct req *r, const struct cr_target *t, const struct cr_now *now, const char *proposed, bool once,
		const char **rid)
{
	struct db *db = r->app->db;
	struct db_rows id;
	const char *why = in_text(r, AF_JUSTIFICATION);
	const char *base = cr_has_base(cr_type_of(t->type)) ? arena_printf(r->arena, "%lld", now->seq) : NULL;
	bool submit = strcmp(in_text(r, AF_STEP), "submit") == 0;
	struct document_kept doc;
	if (document_keep(r, &doc))
		return 500; /* its type and size were checked with the form */
	if (db_begin(db) < 0 ||
	    db_exec(db, &q_create, NULL, "sssssssssssss", t->type, r->user.id, t->list, t->term, t->org, t->loc,
		    t->lang ? t->lang : "en", proposed, why ? why : "", base, doc.name, doc.sha256, doc.size) < 0 ||
	    db_query(db, r->arena, &q_new_id, &id, "") < 0 ||
	    db_exec(db, &q_created, NULL, "ss", db_value(&id, 0), r->user.id) < 0) {
		db_rollback(db);
		return 500;
	}
	*rid = db_value(&id, 0);
	int recorded = once ? once_record(r, arena_printf(r->arena, "/account/requests/%s?saved=%s", *rid,
							  submit ? "submitted" : "saved"))
			    : 1;
	if (recorded <= 0 || db_commit(db) < 0) {
		db_rollback(db);
		return recorded == 0 ? 409 : 500;
	}
	if (!submit)
		return 0;
	int status = cr_transition(r, *rid, "SUBMITTED", CR_REQUESTER, NULL, NULL);
	return status == 303 ? 0 : status;
}

/* The web's: kept, then the request's page; the form sent again (the
 * same key) makes nothing and answers as the first did. */
static int create(struct req *r, const struct cr_target *t, const struct cr_now *now, const char *proposed)
{
	int done = once_done(r);
	if (done)
		return done;
	const char *rid;
	int status = keep(r, t, now, proposed, true, &rid);
	if (status == 409)
		return once_done(r);
	if (status)
		return status;
	bool submit = strcmp(in_text(r, AF_STEP), "submit") == 0;
	return http_redirect(r, 303,
			     arena_printf(r->arena, "/account/requests/%s?saved=%s", rid, submit ? "submitted" : "saved"));
}

int account_requests_propose(struct req *r, struct cr_target *t, const char **rid)
{
	static const enum may_act acts[] = {MAY_PROPOSE, MAY_TRANSLATE, MAY_CHANGE_ORG};
	enum may_act act = acts[strcmp(t->type, "TRANSLATION") == 0 ? 1 : t->org ? 2 : 0];
	if (strcmp(t->type, "ADD-ORG") != 0 && !may(r, act, t->org)) {
		r->err_reason = "role";
		return 403;
	}
	struct cr_now now;
	if (!cr_current(r, t, &now))
		return 404;
	json_t *values = sent_values(r, t->type, false);
	struct cr_verdict v;
	int status = judge(r, t, now.record, values, in_text(r, AF_JUSTIFICATION), in_text(r, AF_STEP), &v);
	if (!status)
		status = keep(r, t, &now, v.proposed, false, rid);
	json_decref(values);
	json_decref(now.record);
	return status;
}

/* A form page about `t` (GET), or its answer (POST): checked, then kept.
 * The target is read first: 404 when it does not exist. */
static int propose(struct req *r, struct cr_target *t, bool sent)
{
	struct cr_now now;
	if (!cr_current(r, t, &now))
		return 404;
	const char *proposed = NULL;
	int status = sent ? check(r, t, now.record, &proposed) : form(r, t, NULL, 200);
	if (sent && !status)
		status = create(r, t, &now, proposed);
	json_decref(now.record);
	return status;
}

/* /rms/lists/{listId}/requests/new: a new term, or with ?change=list a
 * change to the list itself (its current values in the form). */
static int new_term(struct req *r, bool sent)
{
	struct cr_target t = {.type = in_text(r, AF_CHANGE) ? "UPD-LIST" : "ADD-TERM", .list = in_text(r, AF_LIST_ID)};
	int status = context(r, t.list, t.type);
	return status == 200 ? propose(r, &t, sent) : status;
}

int account_requests_new_term_form(struct req *r)
{
	return new_term(r, false);
}

int account_requests_new_term_submit(struct req *r)
{
	return new_term(r, true);
}

static int new_list(struct req *r, bool sent)
{
	struct cr_target t = {.type = "ADD-LIST"};
	int status = context(r, NULL, t.type);
	return status == 200 ? propose(r, &t, sent) : status;
}

int account_requests_new_list_form(struct req *r)
{
	return new_list(r, false);
}

int account_requests_new_list_submit(struct req *r)
{
	return new_list(r, true);
}

/* The list a term belongs to, or NULL when there is no such term. */
static struct db_sql q_term_list = DB_SQL("SELECT list_id FROM rms_terms WHERE id = ?");

/* /rms/terms/{termId}/requests/new: a change to the term, or with
 * ?text_lang= a translation of its texts into that language. */
static int term(struct req *r, bool sent)
{
	const char *lang = in_text(r, AF_TEXT_LANG) ? in_text(r, AF_TEXT_LANG) : "en";
	struct cr_target t = {.type = strcmp(lang, "en") == 0 ? "UPD-TERM" : "TRANSLATION",
			      .term = in_text(r, AF_TERM_ID), .lang = lang};
	struct db_rows rows;
	if (db_query(r->app->db, r->arena, &q_term_list, &rows, "s", t.term) < 0)
		return 500;
	if (!rows.nrows)
		return 404;
	t.list = db_value(&rows, 0);
	page_set(r, "Page.lang", lang);
	int status = context(r, t.list, t.type);
	return status == 200 ? propose(r, &t, sent) : status;
}

int account_requests_term_form(struct req *r)
{
	return term(r, false);
}

int account_requests_term_submit(struct req *r)
{
	return term(r, true);
}

/* /oms/requests/new: a new organisation, with its first location; anyone
 * signed in may propose one (their own organisation, to request roles for). */
static int new_org(struct req *r, bool sent)
{
	struct cr_target t = {.type = "ADD-ORG"};
	page_set(r, "Page.type", t.type);
	return propose(r, &t, sent);
}

int account_requests_new_org_form(struct req *r)
{
	return new_org(r, false);
}

int account_requests_new_org_submit(struct req *r)
{
	return new_org(r, true);
}

/* The organisation, or NULL: whether it exists. */
static struct db_sql q_org = DB_SQL("SELECT id FROM oms_organisations WHERE id = SUBSTRING(?, 5)");

/* /oms/organisations/{orgId}/requests/new: a change to the organisation,
 * with ?location=new a new location, with ?location=LOC-... a change to
 * that location; for those who hold a role for the organisation. */
static int org(struct req *r, bool sent)
{
	const char *location = in_text(r, AF_LOCATION);
	bool new_loc = location && strcmp(location, "new") == 0;
	if (location && !new_loc && !field_is_prefixed_id(location, "LOC-")) {
		r->err_param = "location";
		r->err_reason = "format";
		return 400;
	}
	struct cr_target t = {.type = !location ? "UPD-ORG" : new_loc ? "ADD-LOC" : "UPD-LOC",
			      .org = in_text(r, AF_ORG_ID), .loc = new_loc ? NULL : location};
	page_set(r, "Page.type", t.type);
	page_set(r, "Page.location", location);
	struct db_rows rows;
	if (db_query(r->app->db, r->arena, &q_org, &rows, "s", t.org) < 0)
		return 500;
	if (!rows.nrows)
		return 404;
	int status = refused(r, MAY_CHANGE_ORG, t.org);
	return status ? status : propose(r, &t, sent);
}

int account_requests_org_form(struct req *r)
{
	return org(r, false);
}

int account_requests_org_submit(struct req *r)
{
	return org(r, true);
}

#define MINE_COLUMNS(X)                                                                                            \
	X(MINE_ID, "id") X(MINE_TYPE, "type") X(MINE_STATUS, "status") X(MINE_LIST, "list")                         \
	X(MINE_LIST_NAME, "list_name") X(MINE_TERM, "term") X(MINE_TERM_NAME, "term_name") X(MINE_LANG, "lang")     \
	X(MINE_UPDATED, "updated")
enum { MINE_COLUMNS(DB_COLUMN) MINE__COUNT };
static struct db_sql q_mine = DB_SQL_COLS(MINE__COUNT,
	"SELECT c.id, c.type, c.status, c.list_id, l.name, c.term_id, t.name_en, c.lang,"
	" DATE_FORMAT(c.updated_at, '%Y-%m-%d') FROM change_requests c LEFT JOIN rms_lists l ON l.id = c.list_id"
	" LEFT JOIN rms_terms t ON t.id = c.term_id WHERE c.account_id = ? AND (? IS NULL OR c.status = ?)"
	" ORDER BY c.id DESC LIMIT 200");

int account_requests_show(struct req *r)
{
	const char *status = in_text(r, AF_CR_STATUS);
	struct db_rows rows;
	if (db_query(r->app->db, r->arena, &q_mine, &rows, "sss", r->user.id, status, status) < 0)
		return 500;
	static const char *const names[] = {MINE_COLUMNS(DB_COLUMN_NAME)};
	page_rows(r, "Page.requests", &rows, names, MINE__COUNT);
	page_shown(r, "Page.requests");
	page_set(r, "Page.status", status);
	return account_form(r, "requests", 200);
}

/* The user's own request as Page.cr, and its type and language as the
 * form's (which fields it reads and shows); 200 or a status. */
static int own(struct req *r, const char *id)
{
	int status = cr_load(r, id);
	if (status != 200)
		return status;
	if (!cr_own(r))
		return 404;
	page_set(r, "Page.type", hdf_get_value(r->hdf, "Page.cr.type", ""));
	page_set(r, "Page.lang", hdf_get_value(r->hdf, "Page.cr.lang", "en"));
	return 200;
}

int account_requests_request_form(struct req *r)
{
	int status = own(r, in_text(r, AF_REQUEST_ID));
	if (status != 200)
		return status;
	/* The proposal's values over the current ones in the edit form. */
	struct cr_target t;
	cr_loaded_target(r, &t);
	json_t *proposal = json_loads(hdf_get_value(r->hdf, "Page.cr.proposed", "{}"), 0, NULL);
	cr_form_put(r, t.type, proposal, true);
	json_decref(proposal);
	page_set(r, "Page.form.justification", hdf_get_value(r->hdf, "Page.cr.justification", NULL));
	page_set(r, "Page.saved", in_text(r, AF_SAVED));
	page_set(r, "Page.refused", in_text(r, AF_REFUSED));
	if (cr_domains_put(r, t.type, t.list) < 0)
		return 500;
	return account_form(r, "request", 200);
}

/* The user's own request `id` loaded as Page.cr for an edit: its status
 * now (*now), its target and the target's record now (the caller decrefs
 * target->record).  0; 404 not theirs; 409 (r->err_reason) not theirs to
 * edit in its status; 500. */
static int editing(struct req *r, const char *id, const char **now, struct cr_target *t, struct cr_now *target)
{
	int status = own(r, id);
	if (status != 200)
		return status;
	*now = hdf_get_value(r->hdf, "Page.cr.status", "");
	if (!cr_editable(*now)) {
		r->err_reason = "transition"; /* submitted: frozen until returned */
		return 409;
	}
	cr_loaded_target(r, t);
	return cr_now_read(r->app->db, r->arena, t, target) < 0 ? 500 : 0;
}

/* The requester's edit of a draft or a returned request: checked like a
 * new proposal, then written with the move in one transaction that checks
 * again, the row locked, that the request is still theirs to edit. */
int account_requests_request_submit(struct req *r)
{
	const char *id = in_text(r, AF_REQUEST_ID), *proposed, *now;
	const char *page = arena_printf(r->arena, "/account/requests/%s", id);
	struct cr_target t;
	struct cr_now target;
	int status = editing(r, id, &now, &t, &target);
	if (status == 409)
		return http_refused(r, page, r->err_reason);
	if (status)
		return status;
	hdf_remove_tree(r->hdf, "Page.diff");
	status = check(r, &t, target.record, &proposed);
	json_decref(target.record);
	if (status)
		return status; /* the form again, with the preview or the errors */
	bool submit = strcmp(in_text(r, AF_STEP), "submit") == 0;
	struct cr_edit edit = {proposed, in_text(r, AF_JUSTIFICATION), r->upload.field != NULL};
	status = cr_transition(r, id, submit ? "SUBMITTED" : now, CR_REQUESTER, NULL, &edit);
	if (status == 409) /* sent twice, or moved meanwhile */
		return http_refused(r, page, r->err_reason);
	if (status != 303)
		return status;
	return http_redirect(r, 303,
			     arena_printf(r->arena, "/account/requests/%s?saved=%s", id, submit ? "submitted" : "saved"));
}

/* The proposal of the request loaded as Page.cr as its edit form shows
 * it (the stored proposal over the target's values now: Page.form), with
 * the values the request sent over it. */
static json_t *edited_values(struct req *r, const char *type)
{
	json_t *stored = json_loads(hdf_get_value(r->hdf, "Page.cr.proposed", "{}"), 0, NULL);
	cr_form_put(r, type, stored, true);
	json_decref(stored);
	json_t *values = json_object();
	for (HDF *f = hdf_obj_child(hdf_get_obj(r->hdf, "Page.form")); f; f = hdf_obj_next(f))
		if (hdf_obj_value(f))
			json_object_set_new(values, hdf_obj_name(f), json_string(hdf_obj_value(f)));
	json_t *sent = sent_values(r, type, true);
	json_object_update(values, sent);
	json_decref(sent);
	return values;
}

int account_requests_edit(struct req *r, const char *id, const char *step)
{
	const char *now;
	struct cr_target t;
	struct cr_now target;
	int status = editing(r, id, &now, &t, &target);
	if (status)
		return status;
	const char *why = in_text(r, AF_JUSTIFICATION);
	if (!why)
		why = hdf_get_value(r->hdf, "Page.cr.justification", NULL);
	json_t *values = edited_values(r, t.type);
	struct cr_verdict v;
	status = judge(r, &t, target.record, values, why, step, &v);
	if (!status) {
		bool submit = strcmp(step, "submit") == 0;
		struct cr_edit edit = {v.proposed, why, r->upload.field != NULL};
		status = cr_transition(r, id, submit ? "SUBMITTED" : now, CR_REQUESTER, NULL, &edit);
		status = status == 303 ? 0 : status;
	}
	json_decref(values);
	json_decref(target.record);
	return status;
}

int account_requests_withdraw_submit(struct req *r)
{
	const char *id = in_text(r, AF_REQUEST_ID);
	int status = cr_transition(r, id, "WITHDRAWN", CR_REQUESTER, NULL, NULL);
	const char *page = arena_printf(r->arena, "/account/requests/%s", id);
	return status == 303 ? http_redirect(r, 303, page) : status == 409 ? http_refused(r, page, r->err_reason) : status;
}

int account_requests_comments_submit(struct req *r)
{
	const char *id = in_text(r, AF_REQUEST_ID), *comment = in_text(r, AF_COMMENT);
	return cr_comment(r, id, CR_REQUESTER, comment, arena_printf(r->arena, "/account/requests/%s?saved=commented", id));
}

int account_requests_document_show(struct req *r)
{
	const char *id = in_text(r, AF_REQUEST_ID);
	int status = own(r, id);
	return status == 200 ? cr_document(r, id) : status;
}
