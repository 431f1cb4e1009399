/* FHIR CodeSystem reader (jansson). */
#include "config.h"

#include <jansson.h>
#include <stdio.h>
#include <string.h>

#include "core/http_parse.h"
#include "core/mem.h"
#include "rms/rms_fhir.h"
#include "rms/rms_snapshot.h"
#include "rms/rms_term_view.h"

struct fhir {
	struct arena *a;
	const struct rms_sink *sink;
	struct rms_fhir_stats *stats;
	char *err;
	size_t errsize;
	unsigned long position; /* concepts read so far, for messages */
};

static const char *str(struct arena *a, json_t *obj, const char *key)
{
	json_t *v = json_object_get(obj, key);
	if (!json_is_string(v))
		return NULL;
	const char *s = json_string_value(v);
	return text_is_clean(s, json_string_length(v)) ? arena_strdup(a, s) : NULL;
}

const char *rms_fhir_list_id(struct arena *a, const char *url)
{
	static const char *const prefixes[] = {"https://spor.ema.europa.eu/v1/lists/",
					       "http://spor.ema.europa.eu/v1/lists/", NULL};
	for (const char *const *p = prefixes; url && *p; p++) {
		size_t n = strlen(*p);
		if (strncmp(url, *p, n) == 0) {
			/* A shorter URL ends before 12 bytes: copy no further. */
			size_t idlen = strnlen(url + n, 12);
			const char *id = arena_strndup(a, url + n, idlen), *rest = url + n + idlen;
			if (rms_is_id(id) && (!*rest || strcmp(rest, "/") == 0))
				return id;
		}
	}
	return NULL;
}

static void reject(struct fhir *f, const char *code, const char *why)
{
	char msg[300];
	snprintf(msg, sizeof msg, "concept %lu%s%.40s%s: %s", f->position, code ? " (code " : "", code ? code : "",
		 code ? ")" : "", why);
	f->stats->rejected++;
	if (f->sink->reject)
		f->sink->reject(f->sink->ctx, 0, msg);
}

/* A designation's use ("short", "other", "symbol") picks the kind. */
static enum rms_kind designation_kind(json_t *d)
{
	json_t *use = json_object_get(d, "use");
	const char *code = json_string_value(json_object_get(use, "code"));
	for (int k = RMS_SHORT; code && k <= RMS_SYMBOL; k++)
		if (strcmp(code, rms_kind_names[k]) == 0)
			return (enum rms_kind)k;
	if (code && strcmp(code, "definition") == 0)
		return RMS_DESCRIPTION;
	return RMS_NAME;
}

static void properties(struct fhir *f, json_t *concept, struct rms_term_in *t)
{
	json_t *props = json_object_get(concept, "property"), *p;
	size_t i;
	json_array_foreach(props, i, p)
	{
		const char *code = json_string_value(json_object_get(p, "code"));
		const char *v = str(f->a, p, "valueCode");
		if (!v)
			v = str(f->a, p, "valueString");
		if (!code || !v)
			continue;
		if (strcmp(code, "status") == 0 && rms_is_status(v))
			t->status = v;
		else if (strcmp(code, "domain") == 0 && rms_is_id(v))
			t->domain_id = v;
		else if (strcmp(code, "parent") == 0 && rms_is_id(v))
			t->parent_id = v;
		else if (strcmp(code, "replacedBy") == 0 && rms_is_id(v))
			t->current_id = v;
	}
}

static int concepts(struct fhir *f, const char *list_id, json_t *array, const char *parent)
{
	json_t *c;
	size_t i;
	json_array_foreach(array, i, c)
	{
		f->position++;
		const char *code = str(f->a, c, "code");
		if (!json_is_object(c) || !rms_is_id(code)) {
			reject(f, code, "the code is not a 12-digit term ID");
			continue;
		}
		const char *display = str(f->a, c, "display");
		if (!display || !*display) {
			reject(f, code, "no display (English name)");
			continue;
		}
		struct rms_term_in t = {.line = 0, .list_id = list_id, .id = code, .lang = "en"};
		t.parent_id = parent;
		properties(f, c, &t);
		t.text[RMS_NAME].value = display;
		t.text[RMS_DESCRIPTION].value = str(f->a, c, "definition");
		f->stats->concepts++;
		if (f->sink->term && f->sink->term(f->sink->ctx, &t) < 0)
			return -1;
		/* Each designation: a text of another language (or kind). */
		json_t *d;
		size_t j;
		json_array_foreach(json_object_get(c, "designation"), j, d)
		{
			const char *lang = str(f->a, d, "language"), *value = str(f->a, d, "value");
			if (!lang || !value || !rms_is_lang(lang) || !*value)
				continue;
			struct rms_term_in td = {.list_id = list_id, .id = code, .lang = lang};
			td.text[designation_kind(d)].value = value;
			if (f->sink->term && f->sink->term(f->sink->ctx, &td) < 0)
				return -1;
		}
		if (concepts(f, list_id, json_object_get(c, "concept"), code) < 0)
			return -1;
	}
	return 0;
}

static int codesystem(struct fhir *f, json_t *cs, const char *where)
{
	const char *url = str(f->a, cs, "url");
	const char *list_id = rms_fhir_list_id(f->a, url);
	if (!list_id) {
		snprintf(f->err, f->errsize, "%s: url \"%.100s\" is not an SPOR list URL "
					     "(https://spor.ema.europa.eu/v1/lists/ and 12 digits)",
			 where, url ? url : "");
		return -1;
	}
	struct rms_list_in list = {list_id, str(f->a, cs, "title"), str(f->a, cs, "description")};
	if (!list.name)
		list.name = str(f->a, cs, "name");
	f->stats->codesystems++;
	if (f->sink->list && f->sink->list(f->sink->ctx, &list) < 0)
		return -1;
	return concepts(f, list_id, json_object_get(cs, "concept"), NULL);
}

int rms_fhir_read(struct arena *a, const char *data, size_t len, const struct rms_sink *sink,
		  struct rms_fhir_stats *stats, char *err, size_t errsize)
{
	memset(stats, 0, sizeof *stats);
	struct fhir f = {.a = a, .sink = sink, .stats = stats, .err = err, .errsize = errsize};
	err[0] = '\0';
	json_error_t je;
	json_t *doc = json_loadb(data, len, JSON_REJECT_DUPLICATES, &je);
	if (!doc) {
		snprintf(err, errsize, "line %d, column %d: %s", je.line, je.column, je.text);
		return -1;
	}
	int rc = 0;
	const char *type = json_string_value(json_object_get(doc, "resourceType"));
	if (type && strcmp(type, "CodeSystem") == 0) {
		rc = codesystem(&f, doc, "CodeSystem");
	} else if (type && strcmp(type, "Bundle") == 0) {
		json_t *e;
		size_t i;
		json_array_foreach(json_object_get(doc, "entry"), i, e)
		{
			json_t *res = json_object_get(e, "resource");
			const char *rt = json_string_value(json_object_get(res, "resourceType"));
			char where[64];
			snprintf(where, sizeof where, "Bundle entry %zu", i + 1);
			if (!rt || strcmp(rt, "CodeSystem") != 0) {
				snprintf(err, errsize, "%s is not a CodeSystem", where);
				rc = -1;
			} else {
				rc = codesystem(&f, res, where);
			}
			if (rc < 0)
				break;
		}
		if (rc == 0 && stats->codesystems == 0) {
			snprintf(err, errsize, "the Bundle holds no CodeSystem");
			rc = -1;
		}
	} else {
		snprintf(err, errsize, "resourceType is \"%s\", not CodeSystem or Bundle", type ? type : "");
		rc = -1;
	}
	json_decref(doc);
	return rc;
}

static void designate(json_t *list, const char *lang, enum rms_kind k, const char *value)
{
	json_t *d = json_pack("{s:s}", "language", lang);
	if (k != RMS_NAME)
		json_object_set_new(d, "use",
				    json_pack("{s:s, s:s}", "system", RMS_FHIR_USE_SYSTEM, "code",
					      k == RMS_DESCRIPTION ? "definition" : rms_kind_names[k]));
	json_object_set_new(d, "value", json_string(value));
	json_array_append_new(list, d);
}

void rms_fhir_designation(json_t *list, const char *lang, const char *kind, const char *value)
{
	for (int k = 0; k < RMS_KINDS; k++)
		if (strcmp(kind, rms_kind_names[k]) == 0)
			designate(list, lang, (enum rms_kind)k, value);
}

static void property(json_t *list, const char *code, const char *value)
{
	if (value)
		json_array_append_new(list, json_pack("{s:s, s:s}", "code", code, "valueCode", value));
}

json_t *rms_fhir_concept(const struct rms_term_view *term)
{
	json_t *designations = json_array(), *props = json_array();
	const char *display = NULL, *definition = NULL;
	for (size_t i = 0; i < term->ntexts; i++) {
		const char *lang = term->texts[i].lang;
		for (int k = 0; k < RMS_KINDS; k++) {
			const char *v = term->texts[i].kind[k].value;
			if (!v)
				continue;
			bool en = strcmp(lang, "en") == 0;
			if (en && k == RMS_NAME)
				display = v;
			else if (en && k == RMS_DESCRIPTION)
				definition = v;
			else
				designate(designations, lang, (enum rms_kind)k, v);
		}
	}
	property(props, "status", term->status);
	property(props, "domain", term->domain);
	property(props, "parent", term->parent);
	property(props, "replacedBy", term->replaced_by);
	json_t *c = json_pack("{s:s, s:s}", "code", term->id, "display", display ? display : rms_term_view_name_en(term));
	if (definition)
		json_object_set_new(c, "definition", json_string(definition));
	if (json_array_size(designations))
		json_object_set_new(c, "designation", designations);
	else
		json_decref(designations);
	json_object_set_new(c, "property", props);
	return c;
}

const char *rms_fhir_status(const char *rms_status)
{
	return !rms_status ? "active" : strcmp(rms_status, "CURRENT") == 0 ? "active"
				      : strcmp(rms_status, "PROVISIONAL") == 0 ? "draft" : "retired";
}
