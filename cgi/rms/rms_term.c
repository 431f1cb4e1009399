/* /rms/terms/{termId}: one term with every field, its translations, parent
 * and children, replacement and what it replaces, source mappings,
 * countries, attributes and its version history, read in one call. */
#include "config.h"

#include <jansson.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "core/collate.h"
#include "core/db.h"
#include "core/log.h"
#include "core/page.h"
#include "core/program.h"
#include "core/sides.h"
#include "programs/fields_public.h"
#include "programs/handlers_public.h"
#include "rms/rms_page.h"
#include "rms/rms_record.h"
#include "rms/rms_snapshot.h"

/* The page in one call (migration 0021): the term's current record (its
 * snapshot) with its list's name, then everything around it, one kind of
 * row after the other: its children, the terms it replaces, the terms its
 * record refers to and its versions, newest first.  Names are in the data
 * language, with English standing in. */
enum { TERM_SNAPSHOT, TERM_LIST_NAME, TERM__COUNT };
enum { SET_TERM, SET_AROUND, SET__COUNT };
static struct db_sql q_page = DB_SQL("CALL spor_term_page(?, ?)");
/* The columns of what is around it, and their names as Page.versions shows
 * a version; the other kinds of row fill the first three alone (ID, name,
 * status). */
#define AROUND_COLUMNS(X)                                                                                          \
	X(AROUND_KIND, NULL) X(AROUND_ID, "version") X(AROUND_NAME, "recorded") X(AROUND_STATUS, "date")            \
	X(AROUND_SOURCE, "source") X(AROUND_CHANGES, "changes") X(AROUND_REQUEST, "request")
enum { AROUND_COLUMNS(DB_COLUMN) AROUND__COUNT };

static const char *str(const json_t *o, const char *key)
{
	return json_string_value(json_object_get(o, key));
}

static bool is_kind(const struct db_rows *around, size_t i, const char *kind)
{
	return strcmp(db_get(around, i, AROUND_KIND), kind) == 0;
}

/* The name (or status) of a term the record refers to. */
static const char *name_of(const struct db_rows *around, const char *id, size_t col)
{
	for (size_t i = 0; id && i < around->nrows; i++)
		if (is_kind(around, i, "ref") && strcmp(db_get(around, i, AROUND_ID), id) == 0)
			return db_get(around, i, col);
	return NULL;
}

static void put_fields(struct req *r, const json_t *snap, const struct db_rows *around)
{
	static const char *const plain[] = {"id", "list", "status", "domain", "parent", "replaced_by", "comments",
					    "tags", "visibility", NULL};
	HDF *term = page_node(r, "Page.term");
	for (size_t i = 0; plain[i]; i++)
		page_put(term, plain[i], str(snap, plain[i])); /* names: literals */
	json_t *level = json_object_get(snap, "level"), *created = json_object_get(snap, "created"),
	       *modified = json_object_get(snap, "modified"), *version = json_object_get(snap, "version");
	page_put(term, "level_short", str(level, "short"));
	page_put(term, "level_name", str(level, "name"));
	page_put(term, "created", str(created, "at"));
	page_put(term, "created_by", str(created, "by"));
	page_put(term, "modified", str(modified, "at"));
	page_put(term, "modified_by", str(modified, "by"));
	page_put(term, "status_changed", str(snap, "status_changed_at"));
	page_put(term, "version_date", str(snap, "version_date"));
	if (json_is_integer(version))
		page_put(term, "version", arena_printf(r->arena, "%lld", (long long)json_integer_value(version)));
	if (json_is_boolean(json_object_get(snap, "major")))
		page_put(term, "major", json_is_true(json_object_get(snap, "major")) ? "1" : "0");
	page_put(term, "domain_name", name_of(around, str(snap, "domain"), AROUND_NAME));
	page_put(term, "parent_name", name_of(around, str(snap, "parent"), AROUND_NAME));
	page_put(term, "replaced_by_name", name_of(around, str(snap, "replaced_by"), AROUND_NAME));
	page_put(term, "replaced_by_status", name_of(around, str(snap, "replaced_by"), AROUND_STATUS));
}

static int by_lang(const void *a, const void *b)
{
	const char *x = *(const char *const *)a, *y = *(const char *const *)b;
	/* English, the reference language, first. */
	int en = (strcmp(y, "en") == 0) - (strcmp(x, "en") == 0);
	return en ? en : strcmp(x, y);
}

static void put_translations(struct req *r, const json_t *snap)
{
	json_t *texts = json_object_get(snap, "texts");
	size_t n = json_object_size(texts), i = 0;
	const char **langs = arena_alloc(r->arena, (n + 1) * sizeof *langs);
	const char *lang;
	json_t *l;
	json_object_foreach(texts, lang, l) langs[i++] = lang;
	qsort(langs, n, sizeof *langs, by_lang);
	for (i = 0; i < n; i++) {
		HDF *row = page_item(r, "Page.translations", i);
		l = json_object_get(texts, langs[i]);
		page_put(row, "lang", langs[i]);
		page_put(row, "name", str(json_object_get(l, "name"), "value"));
		page_put(row, "status", str(json_object_get(l, "name"), "status"));
		page_put(row, "short", str(json_object_get(l, "short"), "value"));
		page_put(row, "other", str(json_object_get(l, "other"), "value"));
		page_put(row, "symbol", str(json_object_get(l, "symbol"), "value"));
		page_put(row, "description", str(json_object_get(l, "description"), "value"));
	}
	page_set_int(r, "Page.translation_count", (long long)n);
}

/* The terms of one kind (children, replaced), by their names as the data
 * language sorts them (the statement sorts the English ones). */
static void put_links(struct req *r, const char *list, const struct db_rows *around, const char *kind,
		      const char *lang)
{
	struct db_rows links = {.ncols = around->ncols,
				.cells = arena_alloc(r->arena, around->nrows * around->ncols * sizeof *around->cells + 1)};
	for (size_t i = 0; i < around->nrows; i++)
		if (is_kind(around, i, kind))
			memcpy(links.cells + links.nrows++ * links.ncols, around->cells + i * around->ncols,
			       around->ncols * sizeof *around->cells);
	if (strcmp(lang, "en") != 0)
		collate_rows(r, &links, lang, &(struct collate_order){.name = AROUND_NAME, .id = AROUND_ID, .first = -1});
	for (size_t i = 0; i < links.nrows; i++) {
		HDF *item = page_subitem(r->hdf, list, i); /* names: literals */
		page_put(item, "id", db_get(&links, i, AROUND_ID));
		page_put(item, "name", db_get(&links, i, AROUND_NAME));
		page_put(item, "status", db_get(&links, i, AROUND_STATUS));
	}
}

/* The term's name in the data language, else English (and says so). */
static void put_name(struct req *r, const json_t *snap, const char *lang)
{
	const char *name = str(json_object_get(json_object_get(json_object_get(snap, "texts"), lang), "name"), "value");
	page_set(r, "Page.term.name", arena_strdup(r->arena, name ? name : rms_snapshot_name_en(snap)));
	page_set(r, "Page.term.name_lang", name ? lang : "en");
}

static void put_history(struct req *r, const struct db_rows *around)
{
	static const char *const names[] = {AROUND_COLUMNS(DB_COLUMN_NAME)};
	for (size_t i = 0, n = 0; i < around->nrows; i++) {
		if (!is_kind(around, i, "version"))
			continue;
		HDF *item = page_item(r, "Page.versions", n++);
		for (size_t c = 0; c < AROUND__COUNT; c++)
			if (names[c])
				page_put(item, names[c], db_get(around, i, c)); /* names: literals */
	}
}

static void put_references(struct req *r, const json_t *snap, const struct db_rows *around)
{
	size_t i;
	json_t *v;
	json_array_foreach(json_object_get(snap, "mappings"), i, v)
	{
		HDF *item = page_item(r, "Page.mappings", i);
		page_put(item, "source", str(v, "source"));
		page_put(item, "source_name", name_of(around, str(v, "source"), AROUND_NAME));
		page_put(item, "code", str(v, "code"));
		page_put(item, "name", str(v, "name"));
		page_put(item, "version", str(v, "version"));
		json_t *main = json_object_get(v, "main");
		if (json_is_boolean(main))
			page_put(item, "main", json_is_true(main) ? "1" : "0");
	}
	json_array_foreach(json_object_get(snap, "countries"), i, v)
	{
		HDF *item = page_item(r, "Page.countries", i);
		page_put(item, "id", json_string_value(v));
		page_put(item, "name", name_of(around, json_string_value(v), AROUND_NAME));
	}
	json_array_foreach(json_object_get(snap, "attributes"), i, v)
	{
		HDF *item = page_item(r, "Page.attributes", i);
		page_put(item, "name", str(v, "name"));
		page_put(item, "value", str(v, "value"));
		page_put(item, "value_name", name_of(around, str(v, "value"), AROUND_NAME));
	}
}

int rms_term_show(struct req *r)
{
	const char *id = in_text(r, PF_TERM_ID);
	const char *lang = rms_data_lang(r);
	struct db_rows sets[SET__COUNT];
	if (db_call(r->app->db, r->arena, &q_page, sets, SET__COUNT, "ss", id, lang) < 0)
		return 500;
	const struct db_rows *rows = &sets[SET_TERM], *around = &sets[SET_AROUND];
	if ((rows->nrows && rows->ncols != TERM__COUNT) || (around->nrows && around->ncols != AROUND__COUNT)) {
		log_error("spor_term_page: result sets not as declared");
		return 500;
	}
	if (rows->nrows == 0) {
		const char *list = rms_page_of(r, id, RMS_LISTS);
		return list ? http_redirect(r, 303, list) : 404;
	}
	json_t *snap = json_loads(db_get(rows, 0, TERM_SNAPSHOT), 0, NULL);
	if (!snap)
		return 500;
	put_fields(r, snap, around);
	put_name(r, snap, lang);
	page_set(r, "Page.term.list_name", db_get(rows, 0, TERM_LIST_NAME));
	put_translations(r, snap);
	put_references(r, snap, around);
	page_shown(r, "Page.translations");
	page_shown(r, "Page.mappings");
	put_links(r, "Page.children", around, "child", lang);
	put_links(r, "Page.replaces", around, "replaces", lang);
	put_history(r, around);
	page_shown(r, "Page.versions");
	json_decref(snap);
	if (sides_of_versions(r, page_node(r, "Page.versions")) < 0)
		return 500;
	page_set(r, "Page.nav", "rms");
	page_cacheable(r);
	return page_render(r, "rms/term.cs");
}
