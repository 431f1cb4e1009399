/* A term's snapshot read in one pass (rms_term_view.h). */
#include "config.h"

#include <stddef.h>
#include <string.h>

#include "core/jread.h"
#include "core/mem.h"
#include "rms/rms_term_view.h"

/* Room for one more item in an array of the arena holding n (doubled at
 * powers of two). */
static void *grow(struct arena *a, void *items, size_t n, size_t size)
{
	if (n & (n - 1))
		return items;
	void *more = arena_alloc(a, (n ? 2 * n : 4) * size);
	if (n)
		memcpy(more, items, n * size);
	return more;
}

#define PUSH(a, items, n) ((items) = grow((a), (items), (n), sizeof *(items)), &(items)[(n)++])

/* An object's members whose keys `keys` names (NULL-terminated) into
 * `out` (same order); the others skipped. */
static void read_fields(struct jread *j, const char *const *keys, const char **out)
{
	const char *key;
	if (!jread_object(j))
		return;
	while (jread_member(j, &key)) {
		int i = jread_which(key, keys);
		if (i >= 0)
			out[i] = jread_text(j);
		else
			jread_skip(j);
	}
}

/* An object of two members that `keys` names, into *a and *b. */
static void read_pair(struct jread *j, const char *const *keys, const char **a, const char **b)
{
	const char *got[2] = {NULL, NULL};
	read_fields(j, keys, got);
	*a = got[0];
	*b = got[1];
}

/* {"value": ..., "status": ..., "modified_at": ..., "modified_by": ...} */
static void read_text(struct jread *j, struct rms_view_kind *t)
{
	static const char *const keys[] = {"value", "status", "modified_at", "modified_by", NULL};
	const char *got[4] = {NULL};
	read_fields(j, keys, got);
	*t = (struct rms_view_kind){.value = got[0], .status = got[1], .modified_at = got[2], .modified_by = got[3],
				    .present = true};
}

static void read_texts(struct jread *j, struct arena *a, struct rms_term_view *v)
{
	const char *lang, *kind;
	if (!jread_object(j))
		return;
	while (jread_member(j, &lang)) {
		struct rms_view_text *t = PUSH(a, v->texts, v->ntexts);
		*t = (struct rms_view_text){.lang = lang};
		if (!jread_object(j))
			continue;
		while (jread_member(j, &kind)) {
			int k = 0;
			while (k < RMS_KINDS && strcmp(rms_kind_names[k], kind) != 0)
				k++;
			if (k < RMS_KINDS)
				read_text(j, &t->kind[k]);
			else
				jread_skip(j);
		}
	}
}

static void read_mappings(struct jread *j, struct arena *a, struct rms_term_view *v)
{
	static const char *const keys[] = {"source", "code", "name", "version", "status", "main", NULL};
	if (!jread_array(j))
		return;
	while (jread_element(j)) {
		const char *got[6] = {NULL};
		read_fields(j, keys, got);
		*PUSH(a, v->mappings, v->nmappings) = (struct rms_view_mapping){
			.source = got[0], .code = got[1], .name = got[2], .version = got[3], .status = got[4], .main = got[5]};
	}
}

static void read_attributes(struct jread *j, struct arena *a, struct rms_term_view *v)
{
	static const char *const keys[] = {"name", "value", NULL};
	if (!jread_array(j))
		return;
	while (jread_element(j)) {
		const char *got[2] = {NULL};
		read_fields(j, keys, got);
		*PUSH(a, v->attributes, v->nattributes) = (struct rms_view_attribute){.name = got[0], .value = got[1]};
	}
}

static void read_countries(struct jread *j, struct arena *a, struct rms_term_view *v)
{
	if (!jread_array(j))
		return;
	while (jread_element(j))
		*PUSH(a, v->countries, v->ncountries) = jread_text(j);
}

int rms_term_view_read(struct arena *arena, const char *snapshot, struct rms_term_view *v)
{
	/* The plain fields, each at its place in the struct. */
	static const struct {
		const char *key;
		size_t at;
	} plain[] = {
#define F(key, field) {key, offsetof(struct rms_term_view, field)}
		F("id", id), F("list", list), F("status", status), F("domain", domain), F("parent", parent),
		F("replaced_by", replaced_by), F("comments", comments), F("tags", tags), F("visibility", visibility),
		F("status_changed_at", status_changed_at), F("version_date", version_date), F("version", version),
		F("major", major),
#undef F
	};
	static const char *const level[] = {"short", "name", NULL}, *const stamp[] = {"at", "by", NULL};
	*v = (struct rms_term_view){0};
	struct jread j;
	const char *key;
	jread_init(&j, arena, snapshot, snapshot ? strlen(snapshot) : 0);
	if (!jread_object(&j))
		return -1;
	while (jread_member(&j, &key)) {
		size_t i = 0, n = sizeof plain / sizeof *plain;
		while (i < n && strcmp(plain[i].key, key) != 0)
			i++;
		if (i < n)
			*(const char **)((char *)v + plain[i].at) = jread_text(&j);
		else if (strcmp(key, "texts") == 0)
			read_texts(&j, arena, v);
		else if (strcmp(key, "mappings") == 0)
			read_mappings(&j, arena, v);
		else if (strcmp(key, "countries") == 0)
			read_countries(&j, arena, v);
		else if (strcmp(key, "attributes") == 0)
			read_attributes(&j, arena, v);
		else if (strcmp(key, "level") == 0)
			read_pair(&j, level, &v->level_short, &v->level_name);
		else if (strcmp(key, "created") == 0)
			read_pair(&j, stamp, &v->created, &v->created_by);
		else if (strcmp(key, "modified") == 0)
			read_pair(&j, stamp, &v->modified, &v->modified_by);
		else
			jread_skip(&j);
	}
	return jread_end(&j) ? 0 : -1;
}

const struct rms_view_text *rms_term_view_text(const struct rms_term_view *v, const char *lang)
{
	for (size_t i = 0; i < v->ntexts; i++)
		if (strcmp(v->texts[i].lang, lang) == 0)
			return &v->texts[i];
	return NULL;
}

const char *rms_term_view_name(const struct rms_term_view *v, const char *lang)
{
	const struct rms_view_text *t = rms_term_view_text(v, lang);
	return t ? t->kind[RMS_NAME].value : NULL;
}

const char *rms_term_view_flag(const char *boolean, const char *yes, const char *no)
{
	return !boolean ? NULL : strcmp(boolean, "true") == 0 ? yes : strcmp(boolean, "false") == 0 ? no : NULL;
}

const char *rms_term_view_name_en(const struct rms_term_view *v)
{
	const char *en = rms_term_view_name(v, "en");
	for (size_t i = 0; !en && i < v->ntexts; i++)
		en = v->texts[i].kind[RMS_NAME].value;
	return en ? en : "";
}
