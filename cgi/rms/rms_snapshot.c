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

/* Replace one key of a pair ({"short","name"}, {"at","by"}), keeping the other. */
static void set_in_pair(json_t *s, const char *key, const char *k1, const char *k2, bool first, const char *v)
{
	const json_t *was = json_object_get(s, key);
	const char *v1 = first ? v : rms_snap_str(was, k1), *v2 = first ? rms_snap_str(was, k2) : v;
	set(s, key, pair(k1, v1, k2, v2));
}

static void f_status(json_t *s, const struct rms_term_in *t)
{
	set(s, "status", json_string(t->status ? t->status : "CURRENT"));
}
static void f_status_on(json_t *s, const struct rms_term_in *t)
{
	set(s, "status_changed_at", str_or_null(t->status_changed_at));
}
static void f_domain(json_t *s, const struct rms_term_in *t)
{
	set(s, "domain", str_or_null(t->domain_id));
}
static void f_parent(json_t *s, const struct rms_term_in *t)
{
	set(s, "parent", str_or_null(t->parent_id));
}
static void f_current(json_t *s, const struct rms_term_in *t)
{
	set(s, "replaced_by", str_or_null(t->current_id));
}
static void f_level_short(json_t *s, const struct rms_term_in *t)
{
	set_in_pair(s, "level", "short", "name", true, t->level_short);
}
static void f_level_name(json_t *s, const struct rms_term_in *t)
{
	set_in_pair(s, "level", "short", "name", false, t->level_name);
}
static void f_comments(json_t *s, const struct rms_term_in *t)
{
	set(s, "comments", str_or_null(t->comments));
}
static void f_tags(json_t *s, const struct rms_term_in *t)
{
	set(s, "tags", str_or_null(t->user_tags));
}
static void f_visibility(json_t *s, const struct rms_term_in *t)
{
	set(s, "visibility", str_or_null(t->visibility));
}
static void f_version(json_t *s, const struct rms_term_in *t)
{
	set(s, "version", version_number(t->version));
}
static void f_version_date(json_t *s, const struct rms_term_in *t)
{
	set(s, "version_date", str_or_null(t->version_date));
}
static void f_major(json_t *s, const struct rms_term_in *t)
{
	set(s, "major", flag(t->is_major));
}
static void f_created_on(json_t *s, const struct rms_term_in *t)
{
	set_in_pair(s, "created", "at", "by", true, t->created_at);
}
static void f_created_by(json_t *s, const struct rms_term_in *t)
{
	set_in_pair(s, "created", "at", "by", false, t->created_by);
}
static void f_modified_on(json_t *s, const struct rms_term_in *t)
{
	set_in_pair(s, "modified", "at", "by", true, t->modified_at);
}
static void f_modified_by(json_t *s, const struct rms_term_in *t)
{
	set_in_pair(s, "modified", "at", "by", false, t->modified_by);
}

static void f_mappings(json_t *s, const struct rms_term_in *t)
{
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
}

static void f_countries(json_t *s, const struct rms_term_in *t)
{
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
}

static void f_attributes(json_t *s, const struct rms_term_in *t)
{
	json_t *attrs = json_array();
	for (size_t i = 0; i < t->nattributes; i++) {
		json_t *o = json_object();
		set(o, "name", json_string(t->attributes[i].name));
		set(o, "value", str_or_null(t->attributes[i].value));
		json_array_append_new(attrs, o);
	}
	set(s, "attributes", attrs);
}

/* How each term-level field is set from a record, in the snapshot's order. */
static void (*const field_setters[RMS_F__COUNT])(json_t *s, const struct rms_term_in *t) = {
	[RMS_F_STATUS] = f_status,
	[RMS_F_STATUS_ON] = f_status_on,
	[RMS_F_DOMAIN] = f_domain,
	[RMS_F_PARENT] = f_parent,
	[RMS_F_CURRENT] = f_current,
	[RMS_F_LEVEL_SHORT] = f_level_short,
	[RMS_F_LEVEL_NAME] = f_level_name,
	[RMS_F_COMMENTS] = f_comments,
	[RMS_F_TAGS] = f_tags,
	[RMS_F_VISIBILITY] = f_visibility,
	[RMS_F_VERSION] = f_version,
	[RMS_F_VERSION_DATE] = f_version_date,
	[RMS_F_MAJOR] = f_major,
	[RMS_F_CREATED_ON] = f_created_on,
	[RMS_F_CREATED_BY] = f_created_by,
	[RMS_F_MODIFIED_ON] = f_modified_on,
	[RMS_F_MODIFIED_BY] = f_modified_by,
	[RMS_F_MAPPINGS] = f_mappings,
	[RMS_F_COUNTRIES] = f_countries,
	[RMS_F_ATTRIBUTES] = f_attributes,
};

/* Every term-level field from recs[from]; one it could not read from the
 * first other record that could, else as the term was (`was`) or, for a
 * new term, what recs[from] has of it. */
static void set_fields(json_t *s, const struct rms_term_in *const *recs, size_t n, size_t from, bool was)
{
	for (int f = 0; f < RMS_F__COUNT; f++) {
		const struct rms_term_in *t = recs[from];
		if (t->dropped & RMS_DROPPED(f)) {
			t = NULL;
			for (size_t i = 0; i < n && !t; i++)
				if (recs[i]->has_fields && !(recs[i]->dropped & RMS_DROPPED(f)))
					t = recs[i];
			if (!t && was)
				continue;
			if (!t)
				t = recs[from];
		}
		field_setters[f](s, t);
	}
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

static bool is_en(const struct rms_term_in *t)
{
	return t->lang && strcmp(t->lang, "en") == 0;
}

json_t *rms_snapshot_merge(const json_t *base, const struct rms_term_in *const *recs, size_t n)
{
	json_t *s = base ? json_deep_copy(base) : NULL;
	if (!s) {
		/* Every key from the start, whatever the first source states, so
		 * that equal content is equal JSON. */
		static const struct rms_term_in nothing;
		const struct rms_term_in *none = &nothing;
		s = json_object();
		set(s, "id", json_string(recs[0]->id));
		set_fields(s, &none, 1, 0, false);
		set(s, "texts", json_object());
	}
	/* Every CSV row repeats the term's fields; should they disagree, the
	 * English row (the reference language) says, else the first. */
	size_t fields_from = n;
	for (size_t i = 0; i < n; i++)
		if (recs[i]->has_fields &&
		    (fields_from == n || (is_en(recs[i]) && !is_en(recs[fields_from]))))
			fields_from = i;
	for (size_t i = 0; i < n; i++) {
		const struct rms_term_in *t = recs[i];
		if (t->list_id)
			set(s, "list", json_string(t->list_id));
		if (i == fields_from)
			set_fields(s, recs, n, i, base != NULL);
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
