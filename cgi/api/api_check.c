/* POST /api/v1/check: the check of a list of IDs (check.h) for programs.
 * The body is {"ids": ["100000000012", "ORG-100000001", ...], "lang": "fr"}
 * (lang optional, also ?lang=); the answer holds one result per element,
 * in the request's order: what the ID names, its status and names, and the
 * ID in use today at the end of its replacements or merges.  A body of
 * another shape is a 400 naming the member at fault.  The route reads no
 * credentials (AUTH_NONE): it changes nothing and reads nothing personal. */
#include "config.h"

#include <string.h>

#include "api/api.h"
#include "api/check.h"
#include "core/field.h"
#include "core/program.h"
#include "programs/fields_public.h"
#include "programs/handlers_public.h"

static int refuse(struct req *r, const char *param, const char *reason)
{
	r->err_param = param;
	r->err_reason = reason;
	return 400;
}

/* The body's members into `c` and `*lang`: 0, or the 400 naming the one at
 * fault. */
static int read_body(struct req *r, json_t *doc, struct check *c, const char **lang)
{
	const char *key;
	json_t *v;
	json_object_foreach(doc, key, v)
	{
		if (strcmp(key, "lang") == 0) {
			if (!json_is_string(v) || !field_is_lang(json_string_value(v)))
				return refuse(r, "lang", "format");
			*lang = arena_strdup(r->arena, json_string_value(v));
		} else if (strcmp(key, "ids") != 0) {
			return refuse(r, arena_strdup(r->arena, key), "unknown");
		}
	}
	json_t *ids = json_object_get(doc, "ids");
	if (!ids)
		return refuse(r, "ids", "required");
	if (!json_is_array(ids))
		return refuse(r, "ids", "format");
	if (json_array_size(ids) > CHECK_MAX_IDS)
		return refuse(r, "ids", "too_many");
	size_t i;
	json_array_foreach(ids, i, v)
	{
		if (!json_is_string(v))
			return refuse(r, arena_printf(r->arena, "ids[%zu]", i), "format");
		check_add(r, c, json_string_value(v)); /* no NUL: the parser refuses \u0000 */
	}
	return 0;
}

/* The results, in the request's order. */
static json_t *results(const struct check *c)
{
	json_t *list = json_array();
	for (size_t i = 0; i < c->nrows; i++) {
		const struct check_row *row = &c->rows[i];
		bool found = row->kind != CHECK_NOT_ID && row->kind != CHECK_UNKNOWN;
		json_t *chain = json_array();
		for (size_t k = 0; k < row->nchain; k++)
			json_array_append_new(chain, json_string(row->chain[k]));
		json_t *parent = row->parent_id ? json_pack("{s:s, s:o}", "id", row->parent_id, "name", api_str(row->parent_name))
						: json_null();
		json_t *res = json_pack("{s:s, s:o, s:b, s:o, s:b, s:o, s:o, s:o}", "input", row->input, "id",
					api_str(row->id), "found", found, "kind", api_str(check_kind_word(row->kind)),
					"merged", row->merged, "status", api_str(row->status), "name", api_str(row->name),
					"localName", api_str(row->local_name));
		json_object_set_new(res, "list", row->kind == CHECK_TERM ? json_incref(parent) : json_null());
		json_object_set_new(res, "organisation", row->parent_id && row->kind == CHECK_LOC ? json_incref(parent)
												   : json_null());
		json_decref(parent);
		json_object_set_new(res, "replacedBy", chain);
		json_object_set_new(res, "current", api_str(row->current));
		json_object_set_new(res, "problem", api_str(check_problem_word(row->problem)));
		json_array_append_new(list, res);
	}
	return list;
}

int api_check_submit(struct req *r)
{
	if (!r->document) {
		r->err_param = "Content-Type";
		r->err_reason = "format";
		return 415;
	}
	json_t *doc = api_document(r);
	if (!json_is_object(doc)) {
		json_decref(doc);
		return refuse(r, "body", "json");
	}
	struct check c;
	check_init(&c, CHECK_MAX_IDS);
	const char *lang = in_text(r, PF_LANG);
	int status = read_body(r, doc, &c, &lang);
	json_decref(doc);
	if (status)
		return status;
	if (check_run(r, &c, lang) < 0)
		return 500;
	size_t found = 0;
	for (size_t i = 0; i < c.nrows; i++)
		found += c.rows[i].kind != CHECK_NOT_ID && c.rows[i].kind != CHECK_UNKNOWN;
	json_t *answer = json_pack("{s:o, s:I, s:I, s:o}", "lang", api_str(lang), "count", (json_int_t)c.nrows, "found",
				   (json_int_t)found, "results", results(&c));
	/* An operation's answer: no validators, never kept. */
	r->if_none_match = NULL;
	r->modified = 0;
	status = api_send(r, answer);
	r->cache_control = "no-store";
	return status;
}
