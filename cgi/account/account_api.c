/* The write API's reads (spor-account, a personal access token with the
 * read scope or more: core/route.h, AUTH_BEARER): the token owner's change
 * requests.  GET /api/v1/change-requests lists them, newest first,
 * filtered by status and type and paged like the read API;
 * GET /api/v1/change-requests/{requestId} gives one with its three records
 * of each round (before, proposed, approved: change_request_records) and
 * its thread.  Another account's request is 404, as on the web. */
#include "config.h"

#include <jansson.h>
#include <stdlib.h>
#include <string.h>

#include "account/cr.h"
#include "api/api.h"
#include "core/db.h"
#include "core/program.h"
#include "programs/fields_account.h"
#include "programs/handlers_account.h"

/* A request as the API names it: its fields, the IDs it is about. */
#define REQUEST_COLUMNS                                                                                             \
	"c.id, c.type, c.status, c.list_id, c.term_id, c.org_id, c.loc_id, c.lang,"                                  \
	" DATE_FORMAT(c.created_at, '%Y-%m-%dT%H:%i:%sZ'), DATE_FORMAT(c.updated_at, '%Y-%m-%dT%H:%i:%sZ')"
enum { RQ_ID, RQ_TYPE, RQ_STATUS, RQ_LIST, RQ_TERM, RQ_ORG, RQ_LOC, RQ_LANG, RQ_CREATED, RQ_UPDATED, RQ__COUNT };
#define MINE " FROM change_requests c WHERE c.account_id = ? AND (? IS NULL OR c.status = ?) AND (? IS NULL OR c.type = ?)"
static struct db_sql q_count = DB_SQL("SELECT COUNT(*)" MINE);
static struct db_sql q_page = DB_SQL_COLS(RQ__COUNT, "SELECT " REQUEST_COLUMNS MINE " ORDER BY c.id DESC LIMIT ? OFFSET ?");

static json_t *request_json(const struct db_rows *rows, size_t i)
{
	json_t *o = json_pack("{s:s, s:s, s:s, s:s, s:s, s:s}", "id", db_get(rows, i, RQ_ID), "type",
			      db_get(rows, i, RQ_TYPE), "status", db_get(rows, i, RQ_STATUS), "lang",
			      db_get(rows, i, RQ_LANG), "created", db_get(rows, i, RQ_CREATED), "updated",
			      db_get(rows, i, RQ_UPDATED));
	static const struct {
		int col;
		const char *name;
	} targets[] = {{RQ_LIST, "list"}, {RQ_TERM, "term"}, {RQ_ORG, "organisation"}, {RQ_LOC, "location"}};
	for (size_t t = 0; t < sizeof targets / sizeof targets[0]; t++)
		if (db_get(rows, i, targets[t].col))
			json_object_set_new(o, targets[t].name, json_string(db_get(rows, i, targets[t].col)));
	json_object_set_new(o, "reference", json_sprintf("RRQ-%s", db_get(rows, i, RQ_ID)));
	return o;
}

int account_api_requests_show(struct req *r)
{
	const char *status = in_text(r, AF_CR_STATUS), *type = in_text(r, AF_CR_TYPE);
	long long page, size;
	api_paging(r, AF_PAGE, AF_SIZE, &page, &size);
	struct db_rows count, rows;
	if (db_query(r->app->db, r->arena, &q_count, &count, "sssss", r->user.id, status, status, type, type) < 0 ||
	    db_query(r->app->db, r->arena, &q_page, &rows, "sssssii", r->user.id, status, status, type, type, size,
		     (page - 1) * size) < 0)
		return 500;
	json_t *items = json_array();
	for (size_t i = 0; i < rows.nrows; i++)
		json_array_append_new(items, request_json(&rows, i));
	json_t *doc = json_pack("{s:o, s:o}", "items", items, "paging",
				api_pager(r, "/api/v1/change-requests", page, size, atoll(db_value(&count, 0))));
	return api_send(r, doc);
}

enum { ONE_JUSTIFICATION = RQ__COUNT, ONE_DOCUMENT, ONE_DOCUMENT_SIZE, ONE__COUNT };
/* The owner's request; any for a steward (whose program alone passes 1). */
static struct db_sql q_one = DB_SQL_COLS(ONE__COUNT, "SELECT " REQUEST_COLUMNS ", c.justification, c.document_name,"
						    " c.document_size FROM change_requests c WHERE c.id = ?"
						    " AND (c.account_id = ? OR ? = 1)");
enum { REC_ROUND, REC_KIND, REC_AT, REC_RECORD, REC__COUNT };
static struct db_sql q_records = DB_SQL_COLS(REC__COUNT,
	"SELECT round, kind, DATE_FORMAT(recorded_at, '%Y-%m-%dT%H:%i:%sZ'), record FROM change_request_records"
	" WHERE request_id = ? ORDER BY round, FIELD(kind, 'before', 'proposed', 'before_decision', 'approved')");
/* The thread: who (the requester, or a data steward: never their
 * account), when, the move and the comment. */
enum { EV_AT, EV_FROM, EV_TO, EV_COMMENT, EV_MINE, EV__COUNT };
static struct db_sql q_events = DB_SQL_COLS(EV__COUNT,
	"SELECT DATE_FORMAT(e.at, '%Y-%m-%dT%H:%i:%sZ'), e.from_status, e.to_status, e.comment,"
	" e.actor_id = c.account_id FROM change_request_events e JOIN change_requests c ON c.id = e.request_id"
	" WHERE e.request_id = ? ORDER BY e.id");

static json_t *records_json(const struct db_rows *rows)
{
	json_t *rounds = json_array(), *round = NULL;
	const char *current = "";
	for (size_t i = 0; i < rows->nrows; i++) {
		if (strcmp(db_get(rows, i, REC_ROUND), current) != 0) {
			current = db_get(rows, i, REC_ROUND);
			round = json_pack("{s:I}", "round", (json_int_t)atoll(current));
			json_array_append_new(rounds, round);
		}
		json_t *record = json_loads(db_get(rows, i, REC_RECORD), 0, NULL);
		json_object_set_new(round, db_get(rows, i, REC_KIND),
				    json_pack("{s:s, s:o}", "recorded", db_get(rows, i, REC_AT), "record",
					      record ? record : json_object()));
	}
	return rounds;
}

static json_t *thread_json(const struct db_rows *rows)
{
	json_t *thread = json_array();
	for (size_t i = 0; i < rows->nrows; i++) {
		json_t *e = json_pack("{s:s, s:s}", "at", db_get(rows, i, EV_AT), "by",
				      strcmp(db_get(rows, i, EV_MINE), "1") == 0 ? "requester" : "steward");
		if (db_get(rows, i, EV_TO)) {
			json_object_set_new(e, "from", api_str(db_get(rows, i, EV_FROM)));
			json_object_set_new(e, "to", json_string(db_get(rows, i, EV_TO)));
		}
		if (db_get(rows, i, EV_COMMENT))
			json_object_set_new(e, "comment", json_string(db_get(rows, i, EV_COMMENT)));
		json_array_append_new(thread, e);
	}
	return thread;
}

int cr_api_answer(struct req *r, const char *id, bool anyones, int status)
{
	struct db_rows one, records, events;
	if (db_query(r->app->db, r->arena, &q_one, &one, "ssi", id, r->user.id, (long long)anyones) < 0)
		return 500;
	if (!one.nrows)
		return 404;
	if (db_query(r->app->db, r->arena, &q_records, &records, "s", id) < 0 ||
	    db_query(r->app->db, r->arena, &q_events, &events, "s", id) < 0)
		return 500;
	json_t *doc = request_json(&one, 0);
	json_object_set_new(doc, "justification", json_string(db_get(&one, 0, ONE_JUSTIFICATION)));
	if (db_get(&one, 0, ONE_DOCUMENT))
		json_object_set_new(doc, "document",
				    json_pack("{s:s, s:I}", "name", db_get(&one, 0, ONE_DOCUMENT), "size",
					      (json_int_t)atoll(db_get(&one, 0, ONE_DOCUMENT_SIZE))));
	json_object_set_new(doc, "records", records_json(&records));
	json_object_set_new(doc, "thread", thread_json(&events));
	int sent = api_send(r, doc);
	return sent == 200 ? status : sent;
}

int account_api_request_show(struct req *r)
{
	return cr_api_answer(r, in_text(r, AF_REQUEST_ID), false, 200);
}
