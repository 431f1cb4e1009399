/* The write API's proposals (spor-account; a personal access token with the
 * write scope): POST /api/v1/change-requests with
 *   {"type": "ADD-TERM" ..., "target": ID, "lang": a translation's language,
 *    "changes": {field: value, ...}, "justification": "...", "submit": bool}
 * whose fields are the web forms' (account/cr_fields.h).  The document is
 * read into the request's parameters before the route's fields are checked
 * (account_api_read_document), so the web forms' field table checks each
 * value, and the web forms' code judges and keeps the proposal
 * (account_requests_propose): the same roles, validation, records and
 * mails.  201 with Location and the request; 400 naming each field's
 * problem (api_error); 404 for a target that does not exist; 403 without
 * the role.
 * PATCH /api/v1/change-requests/{id} edits the owner's draft or returned
 * request (the fields sent over its proposal, as the web's edit form
 * holds them; "submit": true submits it), POST .../submit submits it as
 * it is, .../withdraw withdraws it, .../comments adds to its thread. */
#include "config.h"

#include <jansson.h>
#include <string.h>

#include "account/audit.h"
#include "account/cr.h"
#include "api/api.h"
#include "core/db.h"
#include "core/field.h"
#include "core/program.h"
#include "programs/fields_account.h"
#include "programs/handlers_account.h"

static int refuse(struct req *r, const char *param, const char *reason)
{
	r->err_param = param;
	r->err_reason = reason;
	return 400;
}

/* Add one text parameter from the document, checked as a form's. */
static int add(struct req *r, const char *name, const char *value, size_t *count)
{
	struct parse_result res;
	if (params_add_checked(r->arena, &r->params, name, value, strlen(value), count, &res) != PARSE_OK)
		return refuse(r, arena_strdup(r->arena, name), http_parse_error_key(res.error));
	return 0;
}

/* Whether the route reads a field of that name. */
static bool route_field(const struct req *r, const char *name)
{
	const struct router *rt = r->app->def->router;
	for (size_t i = 0; i < rt->nfields; i++)
		if (route_reads(rt, r->match.route, i) && strcmp(rt->fields[i].name, name) == 0)
			return true;
	return false;
}

/* A proposal's changes: each a field of the web form, as text. */
static int add_changes(struct req *r, json_t *changes, size_t *count)
{
	if (!json_is_object(changes))
		return refuse(r, "changes", "format");
	const char *key;
	json_t *v;
	json_object_foreach(changes, key, v)
	{
		const char *name = arena_printf(r->arena, "changes.%s", key);
		/* The request's own keys are no proposal's fields. */
		static const char *const own[] = {"type", "target", "text_lang", "justification", "step", "comment"};
		for (size_t i = 0; i < sizeof own / sizeof own[0]; i++)
			if (strcmp(key, own[i]) == 0)
				return refuse(r, name, "unknown");
		if (!route_field(r, key))
			return refuse(r, name, "unknown");
		if (!json_is_string(v))
			return refuse(r, name, "format");
		int bad = add(r, key, json_string_value(v), count);
		if (bad)
			return bad;
	}
	return 0;
}

int account_api_read_document(struct req *r)
{
	json_t *doc = api_document(r);
	int status = doc ? account_api_read_proposal(r, doc, "body") : refuse(r, "body", "json");
	json_decref(doc);
	return status;
}

int account_api_read_proposal(struct req *r, json_t *doc, const char *name)
{
	int status = 0;
	size_t count = 0;
	const char *key;
	json_t *v;
	if (!json_is_object(doc))
		return refuse(r, name, "json");
	json_object_foreach(doc, key, v)
	{
		/* The API's names of the web form's fields. */
		const char *param = strcmp(key, "lang") == 0 ? "text_lang" : strcmp(key, "submit") == 0 ? "step" : key;
		if (strcmp(key, "changes") == 0)
			status = add_changes(r, v, &count);
		else if (!route_field(r, param) || strcmp(key, "step") == 0 || strcmp(key, "text_lang") == 0)
			status = refuse(r, arena_strdup(r->arena, key), "unknown");
		else if (strcmp(key, "submit") == 0)
			status = json_is_boolean(v) ? add(r, "step", json_is_true(v) ? "submit" : "save", &count)
						    : refuse(r, "submit", "format");
		else
			status = json_is_string(v) ? add(r, param, json_string_value(v), &count)
						   : refuse(r, arena_strdup(r->arena, key), "format");
		if (status)
			break;
	}
	if (!status && route_field(r, "step") && !json_object_get(doc, "submit"))
		status = add(r, "step", "save", &count);
	return status;
}

static struct db_sql q_term_list = DB_SQL("SELECT list_id FROM rms_terms WHERE id = ?");
static struct db_sql q_list = DB_SQL("SELECT id FROM rms_lists WHERE id = ?");
static struct db_sql q_org = DB_SQL("SELECT id FROM oms_organisations WHERE id = SUBSTRING(?, 5)");
static struct db_sql q_loc_org = DB_SQL("SELECT CONCAT('ORG-', org_id) FROM oms_locations WHERE id = SUBSTRING(?, 5)");

/* The target the type names, checked and completed (a term's list, a
 * location's organisation) into t: 0, 400 (a target of the wrong form, or
 * one where the type takes none), 404 (none such), 500. */
static int target(struct req *r, struct cr_target *t)
{
	const char *id = in_text(r, AF_TARGET), *type = t->type;
	bool term = strcmp(type, "UPD-TERM") == 0 || strcmp(type, "TRANSLATION") == 0;
	bool list = strcmp(type, "ADD-TERM") == 0 || strcmp(type, "UPD-LIST") == 0;
	bool org = strcmp(type, "UPD-ORG") == 0 || strcmp(type, "ADD-LOC") == 0, loc = strcmp(type, "UPD-LOC") == 0;
	if (!term && !list && !org && !loc)
		return id ? refuse(r, "target", "none") : 0;
	bool formed = id && (term || list ? strlen(id) == 12 && strspn(id, "0123456789") == 12
				   : field_is_prefixed_id(id, org ? "ORG-" : "LOC-"));
	if (!formed)
		return refuse(r, "target", id ? "format" : "required");
	struct db_rows rows;
	struct db_sql *q = term ? &q_term_list : list ? &q_list : org ? &q_org : &q_loc_org;
	if (db_query(r->app->db, r->arena, q, &rows, "s", id) < 0)
		return 500;
	if (!rows.nrows)
		return 404;
	if (term) {
		t->term = id;
		t->list = db_value(&rows, 0);
		t->lang = in_text(r, AF_TEXT_LANG) ? in_text(r, AF_TEXT_LANG) : "en";
		if ((strcmp(t->lang, "en") == 0) != (strcmp(type, "UPD-TERM") == 0))
			return refuse(r, "lang", "format"); /* a translation is into another language than English */
	} else if (list) {
		t->list = id;
	} else {
		t->org = org ? id : db_value(&rows, 0);
		t->loc = loc ? id : NULL;
	}
	return 0;
}

int account_api_propose(struct req *r, const char **rid)
{
	struct cr_target t = {.type = in_text(r, AF_CR_TYPE)};
	int status = target(r, &t);
	if (!status)
		status = account_requests_propose(r, &t, rid);
	if (!status)
		audit_record_about(r, "change.created", NULL, AUDIT_CHANGE_REQUEST, *rid);
	return status;
}

const char *account_api_location(struct req *r, const char *id)
{
	return arena_printf(r->arena, "%s/api/v1/change-requests/%s", r->app->settings.site_url, id);
}

int account_api_write_requests_submit(struct req *r)
{
	const char *rid = NULL;
	int status = account_api_propose(r, &rid);
	if (status)
		return status;
	http_header(r, "Location", account_api_location(r, rid));
	return cr_api_answer(r, rid, false, 201);
}

/* The owner's edit of a draft or a returned request, then the request as
 * it is: PATCH (the fields sent over its proposal; "submit" submits it)
 * and .../submit (as it is). */
static int edit(struct req *r, const char *step)
{
	const char *id = in_text(r, AF_REQUEST_ID);
	int status = account_requests_edit(r, id, step);
	return status ? status : cr_api_answer(r, id, false, 200);
}

int account_api_write_request_submit(struct req *r)
{
	return edit(r, in_text(r, AF_STEP));
}

int account_api_write_submit_submit(struct req *r)
{
	return edit(r, "submit");
}

/* A move of the owner's (withdrawing): the request as it is then, or the
 * refusal (404 not theirs, 409 not from its status: r->err_reason). */
static int owner_move(struct req *r, const char *to)
{
	const char *id = in_text(r, AF_REQUEST_ID);
	int status = cr_transition(r, id, to, CR_REQUESTER, NULL, NULL);
	return status == 303 ? cr_api_answer(r, id, false, 200) : status;
}

int account_api_write_withdraw_submit(struct req *r)
{
	return owner_move(r, "WITHDRAWN");
}

int account_api_write_comments_submit(struct req *r)
{
	const char *id = in_text(r, AF_REQUEST_ID);
	const char *made = account_api_location(r, id);
	int status = cr_comment(r, id, CR_REQUESTER, in_text(r, AF_COMMENT), made); /* Location: the request */
	return status == 303 ? cr_api_answer(r, id, false, 201) : status;
}
