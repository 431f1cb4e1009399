/* /rms/terms/{termId}: one term with every field, its translations, parent
 * and children, replacement and what it replaces, source mappings,
 * countries, attributes and its version history.  Two statements: the
 * term's current record (its snapshot), then what is around it. */
#include "config.h"

#include <jansson.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "core/collate.h"
#include "core/db.h"
#include "core/listing.h"
#include "core/page.h"
#include "core/program.h"
#include "core/sides.h"
#include "programs/fields_public.h"
#include "programs/handlers_public.h"
#include "rms/rms_page.h"
#include "rms/rms_record.h"
#include "rms/rms_snapshot.h"

enum { TERM_SNAPSHOT, TERM_LIST_NAME, TERM__COUNT };
static struct db_sql q_term = DB_SQL_COLS(TERM__COUNT,
	"SELECT v.snapshot, l.name FROM rms_terms t JOIN rms_lists l ON l.id = t.list_id"
	" JOIN rms_term_versions v ON v.term_id = t.id AND v.seq = t.seq WHERE t.id = ?");
/* Everything around the term, one kind of row after the other: its
 * children, the terms it replaces, the terms its record refers to (a JSON
 * array of IDs) and its versions, newest first.  Plain UNION ALL streams
 * each part in turn; aggregating them as JSON instead would cost MariaDB a
 * temporary table on disk per part.  Names are in the data language, with
 * English standing in: [AROUND_IN_LANG] joins each term's name in it
 * (arguments: lang, id, lang, id, IDs, lang, id).  In English the name is
 * the term's own name_en, which the store writes from the same record as
 * its English name (rms_snapshot_name_en), and [AROUND_IN_ENGLISH] joins
 * nothing: a third of the statement's cost at the server, which plans each
 * join again at every execution (arguments: id, id, IDs, id). */
#define NAME_IN(alias)                                                                                             \
	" LEFT JOIN rms_term_names n ON n.term_id = " alias ".id AND n.lang = ? AND n.kind = 'name'"
#define AROUND(kind, cond, name, join)                                                                             \
	"(SELECT '" kind "', c.id, " name ", c.status, NULL, NULL, NULL FROM rms_terms c" join " WHERE " cond        \
	" ORDER BY c.name_sort, c.id LIMIT 500)"
#define AROUND_SQL(name_c, join_c, name_r, join_r)                                                                 \
	AROUND("child", "c.parent_id = ?", name_c, join_c)                                                          \
	" UNION ALL " AROUND("replaces", "c.current_term_id = ?", name_c, join_c)                                   \
	" UNION ALL (SELECT 'ref', r.id, " name_r ", r.status, NULL, NULL, NULL"                                    \
	"  FROM " LISTING_ID_TABLE " JOIN rms_terms r ON r.id = j.id" join_r ")"                                      \
	" UNION ALL (SELECT 'version', h.version, DATE_FORMAT(h.recorded_at, '%Y-%m-%d %H:%i'),"                    \
	"  DATE_FORMAT(h.version_date, '%Y-%m-%d'), h.source, h.changes, h.request_id"                              \
	"  FROM rms_term_versions h WHERE h.term_id = ? ORDER BY h.seq DESC LIMIT 200)"
/* The columns, and their names as Page.versions shows a version; the other
 * kinds of row fill the first three alone (ID, name, status). */
#define AROUND_COLUMNS(X)                                                                                          \
	X(AROUND_KIND, NULL) X(AROUND_ID, "version") X(AROUND_NAME, "recorded") X(AROUND_STATUS, "date")            \
	X(AROUND_SOURCE, "source") X(AROUND_CHANGES, "changes") X(AROUND_REQUEST, "request")
enum { AROUND_COLUMNS(DB_COLUMN) AROUND__COUNT };
enum { AROUND_IN_LANG, AROUND_IN_ENGLISH };
static struct db_sql q_around[] = {
	[AROUND_IN_LANG] = DB_SQL_COLS(AROUND__COUNT, AROUND_SQL("COALESCE(n.value, c.name_en)", NAME_IN("c"),
								  "COALESCE(n.value, r.name_en)", NAME_IN("r"))),
	[AROUND_IN_ENGLISH] = DB_SQL_COLS(AROUND__COUNT, AROUND_SQL("c.name_en", "", "r.name_en", "")),
};

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

static void add_id(struct buf *ids, const char *id)
{
	if (!rms_is_id(id))
		return;
	buf_puts(ids, ids->len > 1 ? "," : "");
	buf_puts(ids, id);
}

/* Every term the record refers to, as a JSON array of IDs. */
static const char *referenced(struct req *r, const json_t *snap)
{
	struct buf ids;
	buf_init(&ids, r->arena);
	buf_putc(&ids, '[');
	add_id(&ids, str(snap, "domain"));
	add_id(&ids, str(snap, "parent"));
	add_id(&ids, str(snap, "replaced_by"));
	size_t i;
	json_t *v;
	json_array_foreach(json_object_get(snap, "mappings"), i, v) add_id(&ids, str(v, "source"));
	json_array_foreach(json_object_get(snap, "countries"), i, v) add_id(&ids, json_string_value(v));
	json_array_foreach(json_object_get(snap, "attributes"), i, v) add_id(&ids, str(v, "value"));
	buf_putc(&ids, ']');
	return buf_str(&ids);
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
	struct db *db = r->app->db;
	struct db_rows rows, around;
	if (db_query(db, r->arena, &q_term, &rows, "s", id) < 0)
		return 500;
	if (rows.nrows == 0) {
		const char *list = rms_page_of(r, id, RMS_LISTS);
		return list ? http_redirect(r, 303, list) : 404;
	}
	json_t *snap = json_loads(db_get(&rows, 0, TERM_SNAPSHOT), 0, NULL);
	if (!snap)
		return 500;
	const char *lang = rms_data_lang(r);
	const char *refs = referenced(r, snap);
	int rc = strcmp(lang, "en") == 0
		       ? db_query(db, r->arena, &q_around[AROUND_IN_ENGLISH], &around, "ssss", id, id, refs, id)
		       : db_query(db, r->arena, &q_around[AROUND_IN_LANG], &around, "sssssss", lang, id, lang, id, refs, lang,
				  id);
	if (rc < 0) {
		json_decref(snap);
		return 500;
	}
	put_fields(r, snap, &around);
	put_name(r, snap, lang);
	page_set(r, "Page.term.list_name", db_get(&rows, 0, TERM_LIST_NAME));
	put_translations(r, snap);
	put_references(r, snap, &around);
	page_shown(r, "Page.translations");
	page_shown(r, "Page.mappings");
	put_links(r, "Page.children", &around, "child", lang);
	put_links(r, "Page.replaces", &around, "replaces", lang);
	put_history(r, &around);
	page_shown(r, "Page.versions");
	json_decref(snap);
	if (sides_of_versions(r, page_node(r, "Page.versions")) < 0)
		return 500;
	page_set(r, "Page.nav", "rms");
	page_cacheable(r);
	return page_render(r, "rms/term.cs");
}
