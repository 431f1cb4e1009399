/* The FHIR tests' requests and readers (fhir.h). */
#include "config.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "dbtest.h"
#include "fhir.h"

bool fhir_data(void)
{
	char args[4200];
	const char *src = getenv("top_srcdir") ? getenv("top_srcdir") : ".";
	snprintf(args, sizeof args, "import rms '%s/tests/fixtures/rms/hierarchy.json'", src);
	return dbtest_import_demo() && dbtest_sporctl(NULL, args, NULL) == 0;
}

static json_t *parsed(const struct resp *r)
{
	return r->body ? json_loadb(r->body, r->body_len, 0, NULL) : NULL;
}

json_t *fhir_get(const char *path, struct resp *r)
{
	const char *headers[] = {"Accept: application/fhir+json", NULL};
	request("GET", path, NULL, 0, headers, r);
	return parsed(r);
}

json_t *fhir_post(const char *path, const char *body, struct resp *r)
{
	const char *headers[] = {"Accept: application/fhir+json", "Content-Type: application/fhir+json", NULL};
	request("POST", path, body, body ? strlen(body) : 0, headers, r);
	return parsed(r);
}

char *fhir_parameters(const char *name, ...)
{
	json_t *list = json_array();
	va_list ap;
	va_start(ap, name);
	for (const char *n = name; n; n = va_arg(ap, const char *)) {
		const char *type = va_arg(ap, const char *), *value = va_arg(ap, const char *);
		json_t *p = json_pack("{s:s}", "name", n);
		if (strcmp(type, "valueCoding") == 0) {
			/* "system|code" */
			const char *bar = strchr(value, '|');
			json_object_set_new(p, type,
					    bar ? json_pack("{s:s%, s:s}", "system", value, (size_t)(bar - value), "code", bar + 1)
						: json_pack("{s:s}", "code", value));
		} else if (strcmp(type, "valueBoolean") == 0) {
			json_object_set_new(p, type, json_boolean(strcmp(value, "true") == 0));
		} else {
			json_object_set_new(p, type, json_string(value));
		}
		json_array_append_new(list, p);
	}
	va_end(ap);
	json_t *doc = json_pack("{s:s, s:o}", "resourceType", "Parameters", "parameter", list);
	char *text = json_dumps(doc, JSON_COMPACT);
	json_decref(doc);
	return text;
}

json_t *fhir_param(const json_t *params, const char *name, size_t n)
{
	json_t *list = json_object_get(params, "parameter"), *p;
	if (!list)
		list = json_object_get(params, "part");
	size_t i;
	json_array_foreach(list, i, p)
	{
		const char *pn = json_string_value(json_object_get(p, "name"));
		if (pn && strcmp(pn, name) == 0 && n-- == 0)
			return p;
	}
	return NULL;
}

size_t fhir_count(const json_t *params, const char *name)
{
	size_t n = 0;
	while (fhir_param(params, name, n))
		n++;
	return n;
}

const char *fhir_value(const json_t *param)
{
	const char *key;
	json_t *v;
	json_object_foreach((json_t *)param, key, v)
	{
		if (strncmp(key, "value", 5) != 0)
			continue;
		if (json_is_string(v))
			return json_string_value(v);
		if (json_is_boolean(v))
			return json_is_true(v) ? "true" : "false";
		if (json_is_object(v))
			return json_string_value(json_object_get(v, "code"));
	}
	return NULL;
}

const char *fhir_part(const json_t *params, const char *name, size_t n, const char *part)
{
	json_t *p = fhir_param(params, name, n);
	return p ? fhir_value(fhir_param(p, part, 0)) : NULL;
}

bool fhir_has_property(const json_t *params, const char *code, const char *value)
{
	for (size_t i = 0; fhir_param(params, "property", i); i++) {
		const char *c = fhir_part(params, "property", i, "code"), *v = fhir_part(params, "property", i, "value");
		if (c && strcmp(c, code) == 0 && (!value || (v && strcmp(v, value) == 0)))
			return true;
	}
	return false;
}

bool fhir_outcome(const json_t *doc, const char *code, const char *expression)
{
	const char *type = json_string_value(json_object_get(doc, "resourceType"));
	json_t *issue = json_array_get(json_object_get(doc, "issue"), 0);
	const char *c = json_string_value(json_object_get(issue, "code"));
	const char *e = json_string_value(json_array_get(json_object_get(issue, "expression"), 0));
	bool good = type && strcmp(type, "OperationOutcome") == 0 && c && strcmp(c, code) == 0 &&
		    (expression ? e && strcmp(e, expression) == 0 : !e);
	if (!good) {
		char *text = doc ? json_dumps(doc, JSON_COMPACT) : NULL;
		printf("# want an OperationOutcome (%s, %s), got %.300s\n", code, expression ? expression : "no expression",
		       text ? text : "no JSON");
		free(text);
	}
	return good;
}
