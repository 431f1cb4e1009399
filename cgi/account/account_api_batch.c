/* The write API's batches (spor-account; a personal access token with the
 * write scope): POST /api/v1/change-requests:batch with
 *   {"requests": [proposal, ...], "atomic": true | false}
 * holding 1 to 500 proposals, each the document POST
 * /api/v1/change-requests takes, read, checked and made as that one is
 * (its route's fields, account_api_propose) and answered on its own:
 * 207 with {"atomic", "written", "results": [{"index", "status": 201,
 * "id", "location"} or {"index", "status", "error"}, ...]}, in the
 * batch's order.  With "atomic": true they are made in one transaction,
 * all or none: when one fails, nothing is kept, and those that were fine
 * answer 424.  A body that is no such batch is 400 naming what is wrong,
 * and makes nothing. */
#include "config.h"

#include <jansson.h>
#include <string.h>

#include "account/cr.h"
#include "api/api.h"
#include "core/db.h"
#include "core/page.h"
#include "core/program.h"
#include "programs/handlers_account.h"

enum { BATCH_MAX = 500 };

static int refuse(struct req *r, const char *param, const char *reason)
{
	r->err_param = param;
	r->err_reason = reason;
	return 400;
}

/* The batch's proposals, or NULL with the refusal (r->err_param, 400). */
static json_t *proposals(struct req *r, json_t *doc, bool *atomic)
{
	if (!json_is_object(doc)) {
		refuse(r, "body", "json");
		return NULL;
	}
	const char *key;
	json_t *v;
	json_object_foreach(doc, key, v)
	{
		if (strcmp(key, "requests") != 0 && strcmp(key, "atomic") != 0) {
			refuse(r, arena_strdup(r->arena, key), "unknown");
			return NULL;
		}
	}
	json_t *atomic_v = json_object_get(doc, "atomic"), *list = json_object_get(doc, "requests");
	if (atomic_v && !json_is_boolean(atomic_v)) {
		refuse(r, "atomic", "format");
		return NULL;
	}
	*atomic = json_is_true(atomic_v);
	size_t n = json_array_size(list); /* 0 for what is no array */
	if (!json_is_array(list) || !n || n > BATCH_MAX) {
		refuse(r, "requests", list && !json_is_array(list) ? "format" : n ? "too_many" : "required");
		return NULL;
	}
	return list;
}

/* The route that makes one request: each item is read as its request. */
static const struct route *single_route(const struct router *rt)
{
	for (size_t i = 0; i < rt->nroutes; i++)
		if (rt->routes[i].handler == account_api_write_requests_submit)
			return &rt->routes[i];
	return NULL;
}

/* Item `i`, made (or refused) as a request of its own: its result. */
static json_t *item(struct req *r, const struct route *single, json_t *proposal, size_t i, bool *made)
{
	/* Each item starts afresh: its own parameters, refusal and page. */
	params_init(&r->params);
	r->err_param = r->err_reason = NULL;
	hdf_remove_tree(r->hdf, "Page");
	const char *rid = NULL;
	r->match.route = single; /* the fields it reads */
	int status = account_api_read_proposal(r, proposal, "request");
	if (!status)
		status = app_fields_as(r, single);
	if (!status)
		status = account_api_propose(r, &rid);
	*made = !status;
	if (status)
		return json_pack("{s:I, s:i, s:o}", "index", (json_int_t)i, "status", status, "error",
				 api_error_json(r, status));
	return json_pack("{s:I, s:i, s:s, s:s}", "index", (json_int_t)i, "status", 201, "id", rid, "location",
			 account_api_location(r, rid));
}

/* An atomic batch that failed: what was made is not kept, and its items
 * answer so. */
static void undone(struct req *r, json_t *results)
{
	size_t i;
	json_t *res;
	json_array_foreach(results, i, res)
	{
		if (json_integer_value(json_object_get(res, "status")) != 201)
			continue;
		r->err_param = NULL;
		r->err_reason = "failed_dependency";
		hdf_remove_tree(r->hdf, "Page");
		json_object_del(res, "id");
		json_object_del(res, "location");
		json_object_set_new(res, "status", json_integer(424));
		json_object_set_new(res, "error", api_error_json(r, 424));
	}
}

int account_api_batch_requests_submit(struct req *r)
{
	json_t *doc = api_document(r);
	bool atomic = false;
	json_t *list = proposals(r, doc, &atomic);
	const struct route *single = single_route(r->app->def->router);
	if (!list || !single || (atomic && db_begin(r->app->db) < 0)) {
		json_decref(doc);
		return list ? 500 : 400;
	}
	json_t *results = json_array();
	size_t i, written = 0, failed = 0;
	json_t *proposal;
	json_array_foreach(list, i, proposal)
	{
		bool made;
		json_array_append_new(results, item(r, single, proposal, i, &made));
		written += made;
		failed += !made;
	}
	json_decref(doc);
	if (atomic && failed)
		db_rollback(r->app->db);
	if (atomic && (failed || db_commit(r->app->db) < 0)) {
		undone(r, results);
		written = 0;
	}
	r->err_param = r->err_reason = NULL;
	hdf_remove_tree(r->hdf, "Page");
	int sent = api_send(r, json_pack("{s:b, s:I, s:o}", "atomic", atomic, "written", (json_int_t)written, "results",
					 results));
	return sent == 200 ? 207 : sent;
}
