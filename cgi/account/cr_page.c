/* What the pages of a change request show: the target as it is now, the
 * form's values and problems, the domains to choose from, and the
 * request's records side by side (for its requester and the stewards). */
#include "config.h"

#include <jansson.h>
#include <stdlib.h>
#include <string.h>

#include "account/cr.h"
#include "account/cr_check.h"
#include "core/db.h"
#include "core/page.h"
#include "core/program.h"
#include "core/sides.h"

/* A term's English name: a new term's, once its request made it. */
static struct db_sql q_term_name = DB_SQL("SELECT name_en FROM rms_terms WHERE id = ?");

bool cr_current(struct req *r, struct cr_target *t, struct cr_now *now)
{
	if (cr_now_read(r->app->db, r->arena, t, now) < 0 || !now->found) {
		json_decref(now->record);
		now->record = NULL;
		return false;
	}
	unsigned type = cr_type_of(t->type);
	HDF *cur = page_node(r, "Page.current");
	for (size_t i = 0; now->record && i < cr_nkeys; i++)
		if (cr_keys[i].types & type)
			page_put(cur, cr_keys[i].key, /* names: literals (cr_keys) */
				 json_string_value(json_object_get(now->record, cr_keys[i].key)));
	if (type & (CR_UPD_TERM | CR_TRANSLATION)) {
		t->list = t->list ? t->list : now->list;
		page_put(cur, "id", t->term);
		page_put(cur, "list", now->list);
		page_put(cur, "name_en", now->name);
		page_set(r, "Page.source.name", now->source_name);
		page_set(r, "Page.source.description", now->source_description);
	} else if (type == CR_ADD_TERM && t->term) {
		struct db_rows rows;
		if (db_query(r->app->db, r->arena, &q_term_name, &rows, "s", t->term) == 0 && rows.nrows)
			page_put(cur, "name_en", db_value(&rows, 0));
	} else if (type == CR_UPD_LIST) {
		page_put(cur, "list", t->list);
	} else if (cr_is_oms(t->type) && t->org) {
		page_set(r, "Page.org.id", t->org);
		page_set(r, "Page.org.name", now->name);
		if (type == CR_UPD_LOC)
			page_set(r, "Page.loc.id", t->loc);
	}
	return true;
}

void cr_form_put(struct req *r, const char *type, const json_t *values, bool over_current)
{
	unsigned bit = cr_type_of(type);
	HDF *form = page_node(r, "Page.form"), *cur = page_node(r, "Page.current");
	for (size_t i = 0; i < cr_nkeys; i++) {
		const char *key = cr_keys[i].key, *v = json_string_value(json_object_get(values, key));
		if (!(cr_keys[i].types & bit))
			continue;
		if (!v && over_current)
			v = hdf_get_value(cur, key, NULL);
		page_put(form, key, v); /* names: literals (cr_keys) */
	}
}

int cr_domains_put(struct req *r, const char *type, const char *list)
{
	unsigned bit = cr_type_of(type);
	if (!cr_key_of(bit, "domain"))
		return 0;
	struct db_rows rows;
	bool required;
	if (cr_domains(r->app->db, r->arena, bit & CR_LISTS ? NULL : list, &rows, &required) < 0)
		return -1;
	static const char *const names[] = {"id", "name"};
	page_rows(r, "Page.domains", &rows, names, CR_DOMAIN__COUNT);
	page_set(r, "Page.domain_required", required && bit == CR_ADD_TERM ? "1" : NULL);
	/* The record's own domain is a choice, even one no longer listed. */
	const char *now = hdf_get_value(r->hdf, "Page.current.domain", NULL);
	bool listed = !now;
	for (size_t i = 0; !listed && i < rows.nrows; i++)
		listed = strcmp(db_get(&rows, i, CR_DOMAIN_ID), now) == 0;
	if (!listed) {
		HDF *item = page_item(r, "Page.domains", rows.nrows);
		page_put(item, "id", now);
		page_put(item, "name", now);
	}
	return 0;
}

void cr_problems_put(struct req *r, const char *type, const struct cr_verdict *v)
{
	HDF *errors = v->nproblems ? page_node(r, "Page.errors") : NULL;
	for (size_t i = 0; i < v->nproblems; i++) {
		const char *name = cr_form_name(type, v->problems[i].key);
		page_put(errors, name ? name : "term_name", v->problems[i].why); /* names: literals (cr_fields.h) */
		if (strcmp(v->problems[i].why, "record_invalid") == 0)
			page_set(r, "Page.record_error", v->detail);
	}
}

void cr_diff(struct req *r, const json_t *before, const char *proposed)
{
	page_set(r, "Page.diff.draft", "1");
	sides_put(page_node(r, "Page.diff"), cr_record_text(r->arena, before), NULL, proposed, NULL);
}

int cr_diff_names(struct req *r)
{
	HDF *diff = hdf_get_obj(r->hdf, "Page.diff");
	return sides_names(r, &diff, 1);
}

void cr_loaded_target(struct req *r, struct cr_target *t)
{
	HDF *cr = page_node(r, "Page.cr");
	*t = (struct cr_target){.type = hdf_get_value(cr, "type", NULL),
				.list = hdf_get_value(cr, "list", NULL),
				.term = hdf_get_value(cr, "term", NULL),
				.lang = hdf_get_value(cr, "lang", NULL),
				.org = hdf_get_value(cr, "org", NULL),
				.loc = hdf_get_value(cr, "loc", NULL)};
}

/* The request's records, newest round first. */
enum { RECORD_ROUND, RECORD_KIND, RECORD_AT, RECORD_SOURCE, RECORD_JSON, RECORD__COUNT };
static struct db_sql q_records = DB_SQL_COLS(RECORD__COUNT,
	"SELECT round, kind, DATE_FORMAT(recorded_at, '%Y-%m-%d %H:%i'), source, record FROM change_request_records"
	" WHERE request_id = ? ORDER BY round DESC, kind");

/* Of rows[from, to) (one round), the record of `kind`: its row, or -1. */
static long kind_row(const struct db_rows *rows, size_t from, size_t to, const char *kind)
{
	for (size_t i = from; i < to; i++)
		if (strcmp(db_get(rows, i, RECORD_KIND), kind) == 0)
			return (long)i;
	return -1;
}

static const char *col(const struct db_rows *rows, long row, size_t c)
{
	return row < 0 ? NULL : db_get(rows, (size_t)row, c);
}

/* Page.rounds: each round's records side by side.  The newest round of an
 * undecided request compares with the target now (`now`), when it moved
 * since it was submitted. */
static int put_rounds(struct req *r, const char *id, bool undecided, const json_t *now)
{
	struct db_rows rows;
	if (db_query(r->app->db, r->arena, &q_records, &rows, "s", id) < 0)
		return -1;
	for (size_t i = 0, n = 0; i < rows.nrows; n++) {
		size_t end = i;
		while (end < rows.nrows && strcmp(db_get(&rows, end, RECORD_ROUND), db_get(&rows, i, RECORD_ROUND)) == 0)
			end++;
		long before = kind_row(&rows, i, end, "before"), proposed = kind_row(&rows, i, end, "proposed");
		long decision = kind_row(&rows, i, end, "before_decision"), approved = kind_row(&rows, i, end, "approved");
		HDF *round = page_item(r, "Page.rounds", n);
		page_put(round, "round", db_get(&rows, i, RECORD_ROUND));
		page_put(round, "submitted", col(&rows, proposed >= 0 ? proposed : before, RECORD_AT));
		page_put(round, "decided", col(&rows, approved >= 0 ? approved : decision, RECORD_AT));
		for (size_t k = i; k < end; k++)
			if (strcmp(db_get(&rows, k, RECORD_SOURCE), "migrated") == 0)
				page_put(round, "migrated", "1");
		if (proposed < 0)
			page_put(round, "no_proposed", "1");
		if (before < 0)
			page_put(round, "no_before", "1");
		const char *against = col(&rows, decision, RECORD_JSON);
		if (n == 0 && undecided && now) {
			json_t *then = json_loads(before >= 0 ? col(&rows, before, RECORD_JSON) : "{}", 0, NULL);
			if (!json_equal(then, (json_t *)now)) {
				against = cr_record_text(r->arena, now);
				page_put(round, "live", "1");
			}
			json_decref(then);
		}
		sides_put(round, col(&rows, before, RECORD_JSON), against, col(&rows, proposed, RECORD_JSON),
			  col(&rows, approved, RECORD_JSON));
		i = end;
	}
	return 0;
}

/* The request, named as its page shows it (Page.cr). */
#define CR_COLUMNS(X)                                                                                              \
	X(CR_ID, "id") X(CR_TYPE, "type") X(CR_STATUS, "status") X(CR_ACCOUNT, "account")                           \
	X(CR_REQUESTER_NAME, "requester") X(CR_LIST, "list") X(CR_LIST_NAME, "list_name") X(CR_TERM, "term")        \
	X(CR_LANG, "lang") X(CR_PROPOSED, "proposed") X(CR_JUSTIFICATION, "justification")                          \
	X(CR_BASE_SEQ, "base_seq") X(CR_ASSIGNEE, "assignee") X(CR_CREATED, "created") X(CR_UPDATED, "updated")     \
	X(CR_APPLIED_SEQ, "applied_seq") X(CR_ORG, "org") X(CR_LOC, "loc") X(CR_DOCUMENT, "document")               \
	X(CR_DOCUMENT_SIZE, "document_size")
enum { CR_COLUMNS(DB_COLUMN) CR__COUNT };
static struct db_sql q_load = DB_SQL_COLS(CR__COUNT,
	"SELECT c.id, c.type, c.status, c.account_id, a.name, c.list_id, l.name, c.term_id, c.lang, c.proposed,"
	" c.justification, c.base_seq, s.name, DATE_FORMAT(c.created_at, '%Y-%m-%d %H:%i'),"
	" DATE_FORMAT(c.updated_at, '%Y-%m-%d %H:%i'), c.applied_seq, c.org_id, c.loc_id, c.document_name,"
	" c.document_size FROM change_requests c"
	" JOIN accounts a ON a.id = c.account_id LEFT JOIN rms_lists l ON l.id = c.list_id"
	" LEFT JOIN accounts s ON s.id = c.assigned_to WHERE c.id = ?");
#define EVENT_COLUMNS(X)                                                                                           \
	X(EVENT_AT, "at") X(EVENT_ACTOR, "actor") X(EVENT_FROM, "from") X(EVENT_TO, "to") X(EVENT_COMMENT, "comment") \
	X(EVENT_BY_REQUESTER, "by_requester")
enum { EVENT_COLUMNS(DB_COLUMN) EVENT__COUNT };
static struct db_sql q_events = DB_SQL_COLS(EVENT__COUNT,
	"SELECT DATE_FORMAT(e.at, '%Y-%m-%d %H:%i'), a.name, e.from_status, e.to_status, e.comment,"
	" e.actor_id = c.account_id FROM change_request_events e JOIN change_requests c ON c.id = e.request_id"
	" JOIN accounts a ON a.id = e.actor_id WHERE e.request_id = ? ORDER BY e.id");

int cr_load(struct req *r, const char *id)
{
	struct db_rows rows, events;
	if (db_query(r->app->db, r->arena, &q_load, &rows, "s", id) < 0)
		return 500;
	if (!rows.nrows)
		return 404;
	static const char *const names[] = {CR_COLUMNS(DB_COLUMN_NAME)};
	page_row(r, "Page.cr", &rows, 0, names, CR__COUNT);
	struct cr_target t;
	cr_loaded_target(r, &t);
	const char *status = db_get(&rows, 0, CR_STATUS), *base = db_get(&rows, 0, CR_BASE_SEQ);
	struct cr_now now;
	bool known = cr_current(r, &t, &now);
	if (known && base && atoll(base) != now.seq && !db_get(&rows, 0, CR_APPLIED_SEQ)) {
		page_set(r, "Page.stale", "1");
		page_set_int(r, "Page.current_seq", now.seq);
	}
	bool undecided = strcmp(status, "SUBMITTED") == 0 || strcmp(status, "VALID") == 0;
	int rc = put_rounds(r, id, undecided, known ? now.record : NULL);
	if (cr_editable(status))
		cr_diff(r, now.record, db_get(&rows, 0, CR_PROPOSED));
	json_decref(now.record);
	HDF *sides[] = {hdf_get_obj(r->hdf, "Page.rounds"), hdf_get_obj(r->hdf, "Page.diff")};
	if (rc < 0 || sides_names(r, sides, 2) < 0 || db_query(r->app->db, r->arena, &q_events, &events, "s", id) < 0)
		return 500;
	static const char *const event_names[] = {EVENT_COLUMNS(DB_COLUMN_NAME)};
	page_rows(r, "Page.events", &events, event_names, EVENT__COUNT);
	return 200;
}
