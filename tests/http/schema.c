/* Answers checked against the portal's OpenAPI description. */
#include "config.h"

#include <regex.h>
#include <stdio.h>
#include <string.h>

#include "client.h"
#include "schema.h"

json_t *schema_spec(void)
{
	struct resp r;
	json_t *spec = NULL;
	if (get("/api/v1/openapi.json", &r) == 0 && r.status == 200)
		spec = json_loads(r.body, 0, NULL);
	resp_free(&r);
	return spec;
}

struct check {
	json_t *spec;
	char *why;
	size_t size;
};

static bool fail(struct check *c, const char *at, const char *rule)
{
	snprintf(c->why, c->size, "%s: %s", *at ? at : "(the document)", rule);
	return false;
}

/* The schema a "#/components/schemas/X" reference names, or NULL. */
static json_t *resolve(struct check *c, const char *ref)
{
	const char *prefix = "#/components/schemas/";
	if (strncmp(ref, prefix, strlen(prefix)) != 0)
		return NULL;
	return json_object_get(json_object_get(json_object_get(c->spec, "components"), "schemas"), ref + strlen(prefix));
}

/* Whether `doc` is of the schema's `type` (a number is an integer or a
 * real, a boolean true or false). */
static bool has_type(json_t *doc, const char *type)
{
	static const struct {
		const char *name;
		json_type one, other;
	} types[] = {{"object", JSON_OBJECT, JSON_OBJECT},    {"array", JSON_ARRAY, JSON_ARRAY},
		     {"string", JSON_STRING, JSON_STRING},    {"integer", JSON_INTEGER, JSON_INTEGER},
		     {"number", JSON_INTEGER, JSON_REAL},     {"boolean", JSON_TRUE, JSON_FALSE}};
	for (size_t i = 0; i < sizeof types / sizeof types[0]; i++)
		if (strcmp(type, types[i].name) == 0)
			return json_typeof(doc) == types[i].one || json_typeof(doc) == types[i].other;
	return false;
}

static bool conforms(struct check *c, json_t *schema, json_t *doc, const char *at);

static bool object_conforms(struct check *c, json_t *schema, json_t *doc, const char *at)
{
	char inner[512];
	size_t i;
	json_t *v;
	json_array_foreach(json_object_get(schema, "required"), i, v)
	{
		if (!json_object_get(doc, json_string_value(v))) {
			snprintf(inner, sizeof inner, "%s lacks", json_string_value(v));
			return fail(c, at, inner);
		}
	}
	json_t *props = json_object_get(schema, "properties"), *extra = json_object_get(schema, "additionalProperties");
	const char *key;
	json_object_foreach(doc, key, v)
	{
		snprintf(inner, sizeof inner, "%s.%s", at, key);
		json_t *p = json_object_get(props, key);
		if (!p && json_is_false(extra))
			return fail(c, inner, "not described");
		if (!p && json_is_object(extra))
			p = extra;
		if (p && !conforms(c, p, v, inner))
			return false;
	}
	return true;
}

static bool array_conforms(struct check *c, json_t *schema, json_t *doc, const char *at)
{
	json_t *min = json_object_get(schema, "minItems"), *max = json_object_get(schema, "maxItems");
	if ((min && json_array_size(doc) < (size_t)json_integer_value(min)) ||
	    (max && json_array_size(doc) > (size_t)json_integer_value(max)))
		return fail(c, at, "items out of bounds");
	json_t *items = json_object_get(schema, "items"), *v;
	size_t i;
	char inner[512];
	json_array_foreach(doc, i, v)
	{
		snprintf(inner, sizeof inner, "%s[%zu]", at, i);
		if (items && !conforms(c, items, v, inner))
			return false;
	}
	return true;
}

static bool string_conforms(struct check *c, json_t *schema, json_t *doc, const char *at)
{
	json_t *max = json_object_get(schema, "maxLength");
	if (max && json_string_length(doc) > (size_t)json_integer_value(max))
		return fail(c, at, "too long");
	const char *pattern = json_string_value(json_object_get(schema, "pattern"));
	if (!pattern)
		return true;
	regex_t re;
	if (regcomp(&re, pattern, REG_EXTENDED | REG_NOSUB) != 0)
		return fail(c, at, "a pattern regcomp does not take");
	bool matches = regexec(&re, json_string_value(doc), 0, NULL, 0) == 0;
	regfree(&re);
	return matches || fail(c, at, pattern);
}

static bool conforms(struct check *c, json_t *schema, json_t *doc, const char *at)
{
	const char *ref = json_string_value(json_object_get(schema, "$ref"));
	if (ref) {
		json_t *target = resolve(c, ref);
		return target ? conforms(c, target, doc, at) : fail(c, at, "an unknown reference");
	}
	if (json_is_null(doc))
		return json_is_true(json_object_get(schema, "nullable")) || fail(c, at, "null, not nullable");
	size_t i;
	json_t *v;
	json_array_foreach(json_object_get(schema, "allOf"), i, v)
	{
		if (!conforms(c, v, doc, at))
			return false;
	}
	json_t *choices = json_object_get(schema, "enum");
	if (choices) {
		bool found = false;
		json_array_foreach(choices, i, v)
		{
			found = found || json_equal(v, doc);
		}
		if (!found)
			return fail(c, at, "not one of its enum");
	}
	const char *type = json_string_value(json_object_get(schema, "type"));
	if (type && !has_type(doc, type))
		return fail(c, at, type);
	json_t *min = json_object_get(schema, "minimum");
	if (min && json_is_number(doc) && json_number_value(doc) < json_number_value(min))
		return fail(c, at, "under its minimum");
	if (json_is_object(doc))
		return object_conforms(c, schema, doc, at);
	if (json_is_array(doc))
		return array_conforms(c, schema, doc, at);
	if (json_is_string(doc))
		return string_conforms(c, schema, doc, at);
	return true;
}

bool schema_conforms(json_t *spec, const char *name, json_t *doc, char *why, size_t size)
{
	struct check c = {.spec = spec, .why = why, .size = size};
	char ref[128];
	snprintf(ref, sizeof ref, "#/components/schemas/%s", name);
	*why = '\0';
	json_t *schema = resolve(&c, ref);
	if (!schema)
		return fail(&c, name, "no such schema");
	return doc ? conforms(&c, schema, doc, "") : fail(&c, "", "no JSON");
}
