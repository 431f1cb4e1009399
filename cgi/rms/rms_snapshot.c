/* Term snapshots: merge and diff. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "core/mem.h"
#include "rms/rms_snapshot.h"

const char *rms_snap_str(const json_t *obj, const char *key)
{
	return json_string_value(json_object_get(obj, key));
}

static json_t *str_or_null(const char *s)
{
	return s ? json_string(s) : json_null();
}

static void set(json_t *obj, const char *key, json_t *value)
{
	json_object_set_new(obj, key, value ? value : json_null());
}

static json_t *pair(const char *k1, const char *v1, const char *k2, const char *v2)
{
	if (!v1 && !v2)
		return json_null();
	json_t *o = json_object();
	set(o, k1, str_or_null(v1));
	set(o, k2, str_or_null(v2));
	return o;
}

static json_t *version_number(const char *s)
{
	if (!s || !*s)
		return json_null();
	return json_integer(strtoll(s, NULL, 10));
}

static json_t *flag(const char *yn)
{
	if (!yn)
		return json_null();
	return json_boolean(strcmp(yn, "Y") == 0 || strcmp(yn, "y") == 0 || strcmp(yn, "true") == 0);
}

static void set_fields(json_t *s, const struct rms_term_in *t)
{
	set(s, "status", json_string(t->status ? t->status : "CURRENT"));
	set(s, "status_changed_at", str_or_null(t->status_changed_at));
	set(s, "domain", str_or_null(t->domain_id));
	set(s, "parent", str_or_null(t->parent_id));
	set(s, "replaced_by", str_or_null(t->current_id));
	set(s, "level", pair("short", t->level_short, "name", t->level_name));
	set(s, "comments", str_or_null(t->comments));
	set(s, "tags", str_or_null(t->user_tags));
	set(s, "visibility", str_or_null(t->visibility));
	set(s, "version", version_number(t->version));
	set(s, "version_date", str_or_null(t->version_date));
	set(s, "major", flag(t->is_major));
	set(s, "created", pair("at", t->created_at, "by", t->created_by));
	set(s, "modified", pair("at", t->modified_at, "by", t->modified_by));

	json_t *maps = json_array();
	for (size_t i = 0; i < t->nmappings; i++) {
		const struct rms_mapping *m = &t->mappings[i];
		json_t *o = json_object();
		set(o, "source", str_or_null(m->source_id));
		set(o, "code", str_or_null(m->code));
		set(o, "name", str_or_null(m->name));
		set(o, "main", flag(m->is_main));
		set(o, "version", str_or_null(m->version));
		set(o, "status", str_or_null(m->status));
		json_array_append_new(maps, o);
	}
	set(s, "mappings", maps);
	json_t *countries = json_array();
	for (size_t i = 0; i < t->ncountries; i++) {
		/* A country named twice applies once. */
		bool seen = false;
		for (size_t k = 0; k < i && !seen; k++)
			seen = strcmp(t->countries[k], t->countries[i]) == 0;
		if (!seen)
			json_array_append_new(countries, json_string(t->countries[i]));
	}
	set(s, "countries", countries);
	json_t *attrs = json_array();
	for (size_t i = 0; i < t->nattributes; i++) {
		json_t *o = json_object();
		set(o, "name", json_string(t->attributes[i].name));
		set(o, "value", str_or_null(t->attributes[i].value));
		json_array_append_new(attrs, o);
	}
	set(s, "attributes", attrs);
}

static void set_some_fields(json_t *s, const struct rms_term_in *t)
{
	if (t->status)
		set(s, "status", json_string(t->status));
	if (t->domain_id)
		set(s, "domain", json_string(t->domain_id));
	if (t->parent_id)
		set(s, "parent", json_string(t->parent_id));
	if (t->current_id)
		set(s, "replaced_by", json_string(t->current_id));
}

static void set_texts(json_t *s, const struct rms_term_in *t)
{
	json_t *texts = json_object_get(s, "texts");
	json_t *lang = json_object_get(texts, t->lang);
	if (!lang) {
		lang = json_object();
		json_object_set_new(texts, t->lang, lang);
	}
	for (int k = 0; k < RMS_KINDS; k++) {
		const struct rms_text *x = &t->text[k];
		if (!x->value)
			continue;
		if (!*x->value) {
			json_object_del(lang, rms_kind_names[k]);
			continue;
		}
		/* What the source does not state of a text (its translation status,
		 * when and by whom it changed) stays as it was. */
		json_t *was = json_object_get(lang, rms_kind_names[k]);
		json_t *o = json_object();
		set(o, "value", json_string(x->value));
		set(o, "status", x->status ? json_string(x->status) : json_incref(json_object_get(was, "status")));
		set(o, "modified_at",
		    x->modified_at ? json_string(x->modified_at) : json_incref(json_object_get(was, "modified_at")));
		set(o, "modified_by",
		    x->modified_by ? json_string(x->modified_by) : json_incref(json_object_get(was, "modified_by")));
		json_object_set_new(lang, rms_kind_names[k], o);
	}
	if (json_object_size(lang) == 0)
		json_object_del(texts, t->lang);
}

json_t *rms_snapshot_merge(const json_t *base, const struct rms_term_in *const *recs, size_t n)
{
	json_t *s = base ? json_deep_copy(base) : NULL;
	if (!s) {
		/* Every key from the start, whatever the first source states, so
		 * that equal content is equal JSON. */
		static const struct rms_term_in nothing;
		s = json_object();
		set(s, "id", json_string(recs[0]->id));
		set_fields(s, &nothing);
		set(s, "texts", json_object());
	}
	/* Every CSV row repeats the term's fields; should they disagree, the
	 * English row (the reference language) says, else the first. */
	size_t fields_from = n;
	for (size_t i = 0; i < n; i++)
		if (recs[i]->has_fields && (fields_from == n || (recs[i]->lang && strcmp(recs[i]->lang, "en") == 0 &&
								 strcmp(recs[fields_from]->lang, "en") != 0)))
			fields_from = i;
	for (size_t i = 0; i < n; i++) {
		const struct rms_term_in *t = recs[i];
		set(s, "list", json_string(t->list_id));
		if (i == fields_from)
			set_fields(s, t);
		else if (!t->has_fields)
			set_some_fields(s, t);
		if (t->lang)
			set_texts(s, t);
	}
	return s;
}

static void note(struct buf *out, const char *what, const char *lang)
{
	if (out->len)
		buf_puts(out, ", ");
	buf_puts(out, what);
	if (lang)
		buf_printf(out, " (%s)", lang);
}

void rms_snapshot_diff(const json_t *old, const json_t *new, struct buf *out)
{
	const char *key;
	json_t *v;
	/* Term-level fields, in the snapshot's key order. */
	json_object_foreach((json_t *)new, key, v)
	{
		if (strcmp(key, "texts") == 0)
			continue;
		if (!json_equal(v, json_object_get(old, key)))
			note(out, key, NULL);
	}
	json_object_foreach((json_t *)old, key, v)
	{
		if (strcmp(key, "texts") != 0 && !json_object_get(new, key))
			note(out, key, NULL);
	}
	/* Texts per language and kind. */
	json_t *otexts = json_object_get(old, "texts"), *ntexts = json_object_get(new, "texts");
	const char *lang;
	json_t *nl;
	json_object_foreach(ntexts, lang, nl)
	{
		json_t *ol = json_object_get(otexts, lang);
		for (int k = 0; k < RMS_KINDS; k++) {
			json_t *a = json_object_get(ol, rms_kind_names[k]), *b = json_object_get(nl, rms_kind_names[k]);
			if ((a || b) && !(a && b && json_equal(a, b)))
				note(out, rms_kind_names[k], lang);
		}
	}
	json_t *ol;
	json_object_foreach(otexts, lang, ol)
	{
		if (json_object_get(ntexts, lang))
			continue;
		for (int k = 0; k < RMS_KINDS; k++)
			if (json_object_get(ol, rms_kind_names[k]))
				note(out, rms_kind_names[k], lang);
	}
}

const char *rms_snapshot_name_en(const json_t *snap)
{
	json_t *texts = json_object_get(snap, "texts");
	const char *en = json_string_value(json_object_get(json_object_get(json_object_get(texts, "en"), "name"),
							   "value"));
	if (en)
		return en;
	const char *lang;
	json_t *l;
	json_object_foreach(texts, lang, l)
	{
		const char *name = json_string_value(json_object_get(json_object_get(l, "name"), "value"));
		if (name)
			return name;
	}
	return "";
}
