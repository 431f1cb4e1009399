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
#include "account/document.h"
#include "core/db.h"
#include "core/field.h"
#include "core/page.h"
#include "core/program.h"
#include "oms/oms_similar.h"
#include "programs/fields_account.h"
#include "programs/handlers_account.h"

static struct db_sql q_list = DB_SQL("SELECT name FROM rms_lists WHERE id = ?");
static struct db_sql q_create = DB_SQL(
	"INSERT INTO change_requests (type, account_id, list_id, term_id, org_id, loc_id, lang, proposed,"
	" justification, base_seq, document_name, document_sha256, document_size)"
	" VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
static struct db_sql q_new_id = DB_SQL("SELECT LAST_INSERT_ID()");
static struct db_sql q_created = DB_SQL(
	"INSERT INTO change_request_events (request_id, actor_id, to_status) VALUES (?, ?, 'SAVED')");
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

static bool oms_page(struct req *r)
{
	return cr_is_oms(hdf_get_value(r->hdf, "Page.type", ""));
}

/* Text from a textarea with its line ends as the record keeps them (LF). */
static const char *lines(struct req *r, const char *text)
{
	if (!text)
		return NULL;
	char *out = arena_strdup(r->arena, text), *w = out;
	for (const char *p = text; *p; p++)
		if (*p != '\r')
			*w++ = *p;
	*w = '\0';
	return out;
}

static void fields_of(struct req *r, struct cr_fields *f)
{
	if (oms_page(r))
		*f = (struct cr_fields){.name = in_text(r, AF_ORG_NAME),
					.status = in_text(r, AF_OMS_STATUS),
					.acronym = in_text(r, AF_ACRONYM),
					.org_type = in_text(r, AF_ORG_TYPE),
					.address = lines(r, in_text(r, AF_ADDRESS)),
					.postal_code = in_text(r, AF_POSTAL),
					.city = in_text(r, AF_CITY),
					.region = in_text(r, AF_REGION),
					.country_code = in_text(r, AF_COUNTRY),
					.email = in_text(r, AF_ORG_EMAIL),
					.phone = in_text(r, AF_PHONE)};
	else
		*f = (struct cr_fields){.name = in_text(r, AF_TERM_NAME),
					.short_name = in_text(r, AF_SHORT_NAME),
					.description = in_text(r, AF_DESCRIPTION),
					.status = in_text(r, AF_TERM_STATUS),
					.parent = in_text(r, AF_PARENT),
					.replaced_by = in_text(r, AF_REPLACED_BY)};
}

/* What the form shows: the values sent, else the current ones. */
static void form_values(struct req *r, bool sent)
{
	static const struct {
		enum account_field field;
		const char *current, *page;
		bool oms;
	} map[] = {
		{AF_TERM_NAME, "Page.current.name", "Page.form.name", false},
		{AF_SHORT_NAME, "Page.current.short", "Page.form.short", false},
		{AF_DESCRIPTION, "Page.current.description", "Page.form.description", false},
		{AF_TERM_STATUS, "Page.current.status", "Page.form.status", false},
		{AF_PARENT, "Page.current.parent", "Page.form.parent", false},
		{AF_REPLACED_BY, "Page.current.replaced_by", "Page.form.replaced_by", false},
		{AF_ORG_NAME, "Page.current.name", "Page.form.name", true},
		{AF_ACRONYM, "Page.current.acronym", "Page.form.acronym", true},
		{AF_ORG_TYPE, "Page.current.type", "Page.form.type", true},
		{AF_OMS_STATUS, "Page.current.status", "Page.form.status", true},
		{AF_ADDRESS, "Page.current.address", "Page.form.address", true},
		{AF_POSTAL, "Page.current.postal_code", "Page.form.postal_code", true},
		{AF_CITY, "Page.current.city", "Page.form.city", true},
		{AF_REGION, "Page.current.region", "Page.form.region", true},
		{AF_COUNTRY, "Page.current.country_code", "Page.form.country_code", true},
		{AF_ORG_EMAIL, "Page.current.email", "Page.form.email", true},
		{AF_PHONE, "Page.current.phone", "Page.form.phone", true},
	};
	bool oms = oms_page(r);
	for (size_t i = 0; i < sizeof map / sizeof map[0]; i++) {
		if (map[i].oms != oms)
			continue;
		const char *v = sent ? in_text(r, map[i].field) : hdf_get_value(r->hdf, map[i].current, NULL);
		page_set(r, map[i].page, v); /* names: literals (map) */
	}
	page_set(r, "Page.form.justification",
		 sent ? in_text(r, AF_JUSTIFICATION) : hdf_get_value(r->hdf, "Page.cr.justification", NULL));
}

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
	if (!cr_may_propose(r, type)) {
		page_set(r, "Page.no_role", "1");
		return account_form(r, "cr_form", 403);
	}
	return 200;
}

static int check(struct req *r, const char *type, const char **proposed);
static int create(struct req *r, const char *type, const char *list, const char *term, const char *lang,
		  const char *proposed, long long seq);

/* /rms/lists/{listId}/requests/new: a new term, or with ?change=list a
 * change to the list itself (its current values in the form). */
static int list_context(struct req *r, const char **type, long long *seq)
{
	const char *list = in_text(r, AF_LIST_ID);
	*type = in_text(r, AF_CHANGE) ? "UPD-LIST" : "ADD-TERM";
	*seq = 0;
	int status = context(r, list, *type);
	if (status == 200 && strcmp(*type, "UPD-LIST") == 0 && !cr_current_list(r, list, seq))
		return 404;
	return status;
}

int account_requests_new_term_form(struct req *r)
{
	const char *type;
	long long seq;
	int status = list_context(r, &type, &seq);
	if (status != 200)
		return status;
	form_values(r, false);
	return account_form(r, "cr_form", 200);
}

int account_requests_new_list_form(struct req *r)
{
	int status = context(r, NULL, "ADD-LIST");
	return status == 200 ? account_form(r, "cr_form", 200) : status;
}

int account_requests_new_list_submit(struct req *r)
{
	const char *proposed;
	int status = context(r, NULL, "ADD-LIST");
	if (status != 200)
		return status;
	status = check(r, "ADD-LIST", &proposed);
	return status ? status : create(r, "ADD-LIST", NULL, NULL, "en", proposed, 0);
}

/* The term's context: its list, type (a translation when text_lang is not
 * English), its current values.  200 or a status. */
static int term_context(struct req *r, const char **type, const char **lang, long long *seq)
{
	const char *term = in_text(r, AF_TERM_ID);
	*lang = in_text(r, AF_TEXT_LANG) ? in_text(r, AF_TEXT_LANG) : "en";
	*type = strcmp(*lang, "en") == 0 ? "UPD-TERM" : "TRANSLATION";
	if (!cr_current(r, term, *lang, seq))
		return 404;
	page_set(r, "Page.lang", *lang);
	return context(r, hdf_get_value(r->hdf, "Page.current.list", ""), *type);
}

int account_requests_term_form(struct req *r)
{
	const char *type, *lang;
	long long seq;
	int status = term_context(r, &type, &lang, &seq);
	if (status != 200)
		return status;
	form_values(r, false);
	return account_form(r, "cr_form", 200);
}

/* An organisation's proposal must make a valid record, as an import
 * would; Page.record_error says what is wrong. */
static void check_record(struct req *r, const char *type, const char *proposed)
{
	char err[256];
	if (!cr_is_oms(type) || !proposed)
		return;
	if (strncmp(type, "ADD-", 4) == 0 && (!in_text(r, AF_CITY) || !in_text(r, AF_COUNTRY))) {
		account_error(r, in_text(r, AF_CITY) ? "country" : "city", "required");
		return;
	}
	json_t *record = cr_org_record(r, type, hdf_get_value(r->hdf, "Page.org.id", NULL),
				       hdf_get_value(r->hdf, "Page.loc.id", NULL), 0, proposed, err, sizeof err);
	if (record) {
		json_decref(record);
		return;
	}
	account_error(r, "org_name", "record_invalid");
	page_set(r, "Page.record_error", err);
}

/* A new organisation: those of similar names in its country
 * (Page.similar), shown before it is submitted: a submit whose form has
 * not shown them yet shows them instead.  1 when it does, 0, or -1. */
static int similar_first(struct req *r, const char *type, const char *step)
{
	if (strcmp(type, "ADD-ORG") != 0 || strcmp(step, "save") == 0)
		return 0;
	int n = oms_similar(r, in_text(r, AF_ORG_NAME), in_text(r, AF_COUNTRY));
	return n < 0 ? -1 : n > 0 && strcmp(step, "submit") == 0 && !in_text(r, AF_SIMILAR_SEEN);
}

/* Check a proposal; on a problem or a preview, the form again. */
static int check(struct req *r, const char *type, const char **proposed)
{
	struct cr_fields f;
	fields_of(r, &f);
	bool oms = cr_is_oms(type);
	const char *step = in_text(r, AF_STEP) ? in_text(r, AF_STEP) : "preview";
	const char *why = in_text(r, AF_JUSTIFICATION);
	if (strncmp(type, "ADD-", 4) == 0 && strcmp(type, "ADD-LOC") != 0 && !f.name)
		account_error(r, oms ? "org_name" : "term_name", "required");
	if (strcmp(step, "submit") == 0 && (!why || strlen(why) < 10))
		account_error(r, "justification", why ? "justification_short" : "required");
	*proposed = cr_proposal(r, type, &f);
	if (!*proposed && !hdf_get_obj(r->hdf, "Page.errors"))
		account_error(r, oms ? "org_name" : "term_name", "nothing_changes");
	if (!hdf_get_obj(r->hdf, "Page.errors"))
		check_record(r, type, *proposed);
	if (r->upload.field && document_problem(r))
		account_error(r, "document", document_problem(r));
	form_values(r, true);
	if (hdf_get_obj(r->hdf, "Page.errors"))
		return account_form(r, "cr_form", 400);
	int similar = similar_first(r, type, step);
	if (similar < 0)
		return 500;
	if (strcmp(step, "preview") == 0 || similar) {
		cr_diff(r, *proposed);
		page_set(r, "Page.preview", "1");
		return account_form(r, "cr_form", 200);
	}
	return 0;
}

/* Keep the proposal as a draft, with its document; submit it unless only
 * saving. */
static int create(struct req *r, const char *type, const char *list, const char *term, const char *lang,
		  const char *proposed, long long seq)
{
	struct db *db = r->app->db;
	struct db_rows id;
	const char *why = in_text(r, AF_JUSTIFICATION);
	struct document_kept doc;
	if (document_keep(r, &doc))
		return 500; /* its type and size were checked with the form */
	if (db_begin(db) < 0 ||
	    db_exec(db, &q_create, NULL, "sssssssssssss", type, r->user.id, list, term,
		    hdf_get_value(r->hdf, "Page.org.id", NULL), hdf_get_value(r->hdf, "Page.loc.id", NULL), lang, proposed,
		    why ? why : "", seq ? arena_printf(r->arena, "%lld", seq) : NULL, doc.name, doc.sha256, doc.size) < 0 ||
	    db_query(db, r->arena, &q_new_id, &id, "") < 0 ||
	    db_exec(db, &q_created, NULL, "ss", db_value(&id, 0), r->user.id) < 0 || db_commit(db) < 0) {
		db_rollback(db);
		return 500;
	}
	const char *rid = db_value(&id, 0);
	bool submit = strcmp(in_text(r, AF_STEP), "submit") == 0;
	if (submit) {
		int status = cr_transition(r, rid, "SUBMITTED", CR_REQUESTER, NULL, NULL);
		if (status != 303)
			return status;
	}
	return http_redirect(r, 303,
			     arena_printf(r->arena, "/account/requests/%s?saved=%s", rid, submit ? "submitted" : "saved"));
}

int account_requests_new_term_submit(struct req *r)
{
	const char *type, *proposed;
	long long seq;
	int status = list_context(r, &type, &seq);
	if (status != 200)
		return status;
	status = check(r, type, &proposed);
	return status ? status : create(r, type, in_text(r, AF_LIST_ID), NULL, "en", proposed, seq);
}

int account_requests_term_submit(struct req *r)
{
	const char *type, *lang, *proposed;
	long long seq;
	int status = term_context(r, &type, &lang, &seq);
	if (status != 200)
		return status;
	status = check(r, type, &proposed);
	return status ? status
		      : create(r, type, hdf_get_value(r->hdf, "Page.current.list", ""), in_text(r, AF_TERM_ID), lang,
			       proposed, seq);
}

/* /oms/requests/new: a new organisation, with its first location; anyone
 * signed in may propose one (their own organisation, to request roles for). */
int account_requests_new_org_form(struct req *r)
{
	page_set(r, "Page.type", "ADD-ORG");
	return account_form(r, "cr_form", 200);
}

int account_requests_new_org_submit(struct req *r)
{
	const char *proposed;
	page_set(r, "Page.type", "ADD-ORG");
	int status = check(r, "ADD-ORG", &proposed);
	return status ? status : create(r, "ADD-ORG", NULL, NULL, "en", proposed, 0);
}

/* /oms/organisations/{orgId}/requests/new: a change to the organisation,
 * with ?location=new a new location, with ?location=LOC-... a change to
 * that location; for those who hold a role for the organisation. */
static int org_context(struct req *r, const char **type, long long *crc)
{
	const char *org = in_text(r, AF_ORG_ID), *location = in_text(r, AF_LOCATION);
	bool new_loc = location && strcmp(location, "new") == 0;
	if (location && !new_loc && !field_is_prefixed_id(location, "LOC-")) {
		r->err_param = "location";
		r->err_reason = "format";
		return 400;
	}
	*type = !location ? "UPD-ORG" : new_loc ? "ADD-LOC" : "UPD-LOC";
	page_set(r, "Page.type", *type);
	page_set(r, "Page.location", location);
	if (!cr_current_org(r, org, new_loc ? NULL : location, crc))
		return 404;
	if (new_loc)
		hdf_remove_tree(r->hdf, "Page.current"); /* a new location starts empty */
	if (!cr_may_propose_org(r, org)) {
		page_set(r, "Page.no_role", "1");
		return account_form(r, "cr_form", 403);
	}
	return 200;
}

int account_requests_org_form(struct req *r)
{
	const char *type;
	long long crc;
	int status = org_context(r, &type, &crc);
	if (status != 200)
		return status;
	form_values(r, false);
	return account_form(r, "cr_form", 200);
}

int account_requests_org_submit(struct req *r)
{
	const char *type, *proposed;
	long long crc;
	int status = org_context(r, &type, &crc);
	if (status != 200)
		return status;
	status = check(r, type, &proposed);
	return status ? status : create(r, type, NULL, NULL, "en", proposed, crc);
}

int account_requests_show(struct req *r)
{
	const char *status = in_text(r, AF_CR_STATUS);
	struct db_rows rows;
	if (db_query(r->app->db, r->arena, &q_mine, &rows, "sss", r->user.id, status, status) < 0)
		return 500;
	static const char *const names[] = {MINE_COLUMNS(DB_COLUMN_NAME)};
	page_rows(r, "Page.requests", &rows, names, MINE__COUNT);
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
	form_values(r, false);
	/* The proposal's values over the current ones in the edit form. */
	for (HDF *row = hdf_obj_child(hdf_get_obj(r->hdf, "Page.diff")); row; row = hdf_obj_next(row))
		page_put(page_node(r, "Page.form"), hdf_get_value(row, "field", "none"),
			 hdf_get_value(row, "proposed", "")); /* names: literals (cr_diff's keys) */
	page_set(r, "Page.saved", in_text(r, AF_SAVED));
	return account_form(r, "request", 200);
}

/* The requester's edit of a draft or a returned request: checked like a
 * new proposal, then written with the move in one transaction that checks
 * again, the row locked, that the request is still theirs to edit. */
int account_requests_request_submit(struct req *r)
{
	const char *id = in_text(r, AF_REQUEST_ID), *proposed;
	int status = own(r, id);
	if (status != 200)
		return status;
	const char *now = hdf_get_value(r->hdf, "Page.cr.status", "");
	if (!cr_editable(now)) {
		r->err_reason = "transition"; /* submitted: frozen until returned */
		return 409;
	}
	hdf_remove_tree(r->hdf, "Page.diff");
	status = check(r, hdf_get_value(r->hdf, "Page.cr.type", ""), &proposed);
	if (status)
		return status; /* the form again, with the preview or the errors */
	bool submit = strcmp(in_text(r, AF_STEP), "submit") == 0;
	struct cr_edit edit = {proposed, in_text(r, AF_JUSTIFICATION), r->upload.field != NULL};
	status = cr_transition(r, id, submit ? "SUBMITTED" : now, CR_REQUESTER, NULL, &edit);
	if (status != 303)
		return status;
	return http_redirect(r, 303,
			     arena_printf(r->arena, "/account/requests/%s?saved=%s", id, submit ? "submitted" : "saved"));
}

int account_requests_withdraw_submit(struct req *r)
{
	const char *id = in_text(r, AF_REQUEST_ID);
	int status = cr_transition(r, id, "WITHDRAWN", CR_REQUESTER, NULL, NULL);
	return status == 303 ? http_redirect(r, 303, arena_printf(r->arena, "/account/requests/%s", id)) : status;
}

int account_requests_comments_submit(struct req *r)
{
	const char *id = in_text(r, AF_REQUEST_ID), *comment = in_text(r, AF_COMMENT);
	int status = cr_comment(r, id, CR_REQUESTER, comment);
	return status == 303 ? http_redirect(r, 303, arena_printf(r->arena, "/account/requests/%s?saved=commented", id))
			     : status;
}

int account_requests_document_show(struct req *r)
{
	const char *id = in_text(r, AF_REQUEST_ID);
	int status = own(r, id);
	return status == 200 ? cr_document(r, id) : status;
}
