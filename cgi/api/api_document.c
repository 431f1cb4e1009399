/* The JSON bodies of the API's POST operations (routes that read no
 * credentials: core/route.h, AUTH_NONE).  A FHIR Parameters resource is
 * read into the request's parameters, so that an operation's GET (its
 * parameters in the query) and its POST (in the body) meet the same field
 * table and the same handler; any other document is left to the handler
 * (api_document). */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include "api/api.h"
#include "core/program.h"

/* A parameter's value as the text a query would carry: the primitive
 * types as they are written, a Coding as "system|code" (FHIR's token
 * form); NULL for what has no such form (a resource, parts). */
static const char *value_text(struct req *r, json_t *p, const char **type)
{
	const char *key;
	json_t *v;
	json_object_foreach(p, key, v)
	{
		if (strncmp(key, "value", 5) != 0)
			continue;
		*type = key;
		if (json_is_string(v))
			return json_string_value(v);
		if (json_is_boolean(v))
			return json_is_true(v) ? "true" : "false";
		if (json_is_integer(v))
			return arena_printf(r->arena, "%lld", (long long)json_integer_value(v));
		if (json_is_real(v))
			return arena_printf(r->arena, "%.17g", json_real_value(v));
		if (strcmp(key, "valueCoding") == 0 && json_is_object(v)) {
			const char *system = json_string_value(json_object_get(v, "system"));
			const char *code = json_string_value(json_object_get(v, "code"));
			if (code)
				return system ? arena_printf(r->arena, "%s|%s", system, code) : code;
		}
		return NULL;
	}
	return NULL;
}

static int refuse(struct req *r, const char *param, const char *reason)
{
	r->err_param = param;
	r->err_reason = reason;
	return 400;
}

/* A Parameters resource's parameters into r->params. */
static int read_parameters(struct req *r, json_t *doc)
{
	json_t *list = json_object_get(doc, "parameter");
	if (list && !json_is_array(list))
		return refuse(r, "parameter", "format");
	size_t i, count = 0;
	json_t *p;
	json_array_foreach(list, i, p)
	{
		const char *name = json_string_value(json_object_get(p, "name"));
		if (!json_is_object(p) || !name)
			return refuse(r, "parameter", "format");
		const char *type = NULL, *text = value_text(r, p, &type);
		if (!text) {
			/* A resource or parts: the handler reads them from the
			 * document, when its operation takes them. */
			if (type || json_object_get(p, "resource") || json_object_get(p, "part"))
				continue;
			return refuse(r, arena_strdup(r->arena, name), "format");
		}
		struct parse_result res;
		if (params_add_checked(r->arena, &r->params, name, text, strlen(text), &count, &res) != PARSE_OK)
			return refuse(r, res.name ? arena_strdup(r->arena, res.name) : "parameter",
				      http_parse_error_key(res.error));
	}
	return 0;
}

json_t *api_document(struct req *r)
{
	if (!r->document)
		return NULL;
	json_error_t error;
	/* Duplicate keys are refused: two readers of one document could take
	 * different values of the same key. */
	return json_loadb(r->document, r->document_len, JSON_REJECT_DUPLICATES, &error);
}

int api_read_document(struct req *r)
{
	json_t *doc = api_document(r);
	if (!doc || !json_is_object(doc)) {
		json_decref(doc);
		return refuse(r, "body", "json");
	}
	int status = 0;
	const char *type = json_string_value(json_object_get(doc, "resourceType"));
	if (type && strcmp(type, "Parameters") == 0)
		status = read_parameters(r, doc);
	else if (type || strncmp(r->path, "/api/v1/fhir/", 13) == 0)
		status = refuse(r, "resourceType", "format"); /* FHIR operations take Parameters */
	json_decref(doc);
	return status;
}
