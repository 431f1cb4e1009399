/* /rms/terms/{termId}: one term with every field, its translations, parent
 * and children, replacement and what it replaces, source mappings,
 * countries, attributes and its version history.  Two statements: the
 * term's current record (its snapshot) with the terms around it and its
 * history as JSON, then the names of every term the record refers to. */
#include "config.h"

#include <jansson.h>
#include <stdlib.h>
#include <string.h>

#include "app.h"
#include "db.h"
#include "fields_public.h"
#include "handlers.h"
#include "rms_record.h"
#include "rms_snapshot.h"

#define LINKS(cond)                                                                                                \
	"(SELECT JSON_ARRAYAGG(JSON_OBJECT('id', CAST(c.id AS CHAR), 'name', c.name_en, 'status', c.status)"        \
	" ORDER BY c.name_sort, c.id LIMIT 500) FROM rms_terms c WHERE " cond ")"
static struct db_sql q_term = DB_SQL(
	"SELECT v.snapshot, l.name, " LINKS("c.parent_id = t.id") ", " LINKS("c.current_term_id = t.id") ","
	" (SELECT JSON_ARRAYAGG(JSON_OBJECT('version', h.version, 'recorded', DATE_FORMAT(h.recorded_at, '%Y-%m-%d %H:%i'),"
	"   'date', DATE_FORMAT(h.version_date, '%Y-%m-%d'), 'source', h.source, 'changes', h.changes)"
	"   ORDER BY h.seq DESC LIMIT 200) FROM rms_term_versions h WHERE h.term_id = t.id)"
	" FROM rms_terms t JOIN rms_lists l ON l.id = t.list_id"
	" JOIN rms_term_versions v ON v.term_id = t.id AND v.seq = t.seq WHERE t.id = ?");
/* Names and statuses of the terms whose IDs are in a JSON array. */
static struct db_sql q_names = DB_SQL(
	"SELECT r.id, r.name_en, r.status FROM JSON_TABLE(?, '$[*]' COLUMNS (id BIGINT UNSIGNED PATH '$')) j"
	" JOIN rms_terms r ON r.id = j.id");
static struct db_sql q_is_list = DB_SQL("SELECT 1 FROM rms_lists WHERE id = ?");

static const char *str(const json_t *o, const char *key)
{
	return json_string_value(json_object_get(o, key));
}

/* The name of a referenced term, from the second statement. */
static const char *name_of(const struct db_rows *names, const char *id, size_t col)
{
	for (size_t i = 0; id && i < names->nrows; i++)
		if (strcmp(db_get(names, i, 0), id) == 0)
			return db_get(names, i, col);
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

static void put_fields(struct req *r, const json_t *snap, const struct db_rows *names)
{
	static const char *const plain[] = {"id", "list", "status", "domain", "parent", "replaced_by", "comments",
					    "tags", "visibility", NULL};
	HDF *term = app_node(r, "Page.term");
	for (size_t i = 0; plain[i]; i++)
		app_put(term, plain[i], str(snap, plain[i])); /* names: literals */
	json_t *level = json_object_get(snap, "level"), *created = json_object_get(snap, "created"),
	       *modified = json_object_get(snap, "modified"), *version = json_object_get(snap, "version");
	app_put(term, "level_short", str(level, "short"));
	app_put(term, "level_name", str(level, "name"));
	app_put(term, "created", str(created, "at"));
	app_put(term, "created_by", str(created, "by"));
	app_put(term, "modified", str(modified, "at"));
	app_put(term, "modified_by", str(modified, "by"));
	app_put(term, "status_changed", str(snap, "status_changed_at"));
	app_put(term, "version_date", str(snap, "version_date"));
	if (json_is_integer(version))
		app_put(term, "version", arena_printf(r->arena, "%lld", (long long)json_integer_value(version)));
	if (json_is_boolean(json_object_get(snap, "major")))
		app_put(term, "major", json_is_true(json_object_get(snap, "major")) ? "1" : "0");
	app_put(term, "domain_name", name_of(names, str(snap, "domain"), 1));
	app_put(term, "parent_name", name_of(names, str(snap, "parent"), 1));
	app_put(term, "replaced_by_name", name_of(names, str(snap, "replaced_by"), 1));
	app_put(term, "replaced_by_status", name_of(names, str(snap, "replaced_by"), 2));
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
		HDF *row = app_item(r, "Page.translations", i);
		l = json_object_get(texts, langs[i]);
		app_put(row, "lang", langs[i]);
		app_put(row, "name", str(json_object_get(l, "name"), "value"));
		app_put(row, "status", str(json_object_get(l, "name"), "status"));
		app_put(row, "short", str(json_object_get(l, "short"), "value"));
		app_put(row, "other", str(json_object_get(l, "other"), "value"));
		app_put(row, "symbol", str(json_object_get(l, "symbol"), "value"));
		app_put(row, "description", str(json_object_get(l, "description"), "value"));
	}
	app_set_int(r, "Page.translation_count", (long long)n);
}

static void put_links(struct req *r, const char *list, const char *json)
{
	json_t *a = json_loads(json ? json : "[]", 0, NULL);
	size_t i;
	json_t *v;
	json_array_foreach(a, i, v)
	{
		HDF *item = app_subitem(r->hdf, list, i); /* names: literals */
		app_put(item, "id", str(v, "id"));
		app_put(item, "name", str(v, "name"));
		app_put(item, "status", str(v, "status"));
	}
	json_decref(a);
}

static void put_history(struct req *r, const char *json)
{
	json_t *a = json_loads(json ? json : "[]", 0, NULL);
	size_t i;
	json_t *v;
	json_array_foreach(a, i, v)
	{
		HDF *item = app_item(r, "Page.versions", i);
		json_t *version = json_object_get(v, "version");
		if (json_is_integer(version))
			app_put(item, "version", arena_printf(r->arena, "%lld", (long long)json_integer_value(version)));
		app_put(item, "recorded", str(v, "recorded"));
		app_put(item, "date", str(v, "date"));
		app_put(item, "source", str(v, "source"));
		app_put(item, "changes", str(v, "changes"));
	}
	json_decref(a);
}

static void put_references(struct req *r, const json_t *snap, const struct db_rows *names)
{
	size_t i;
	json_t *v;
	json_array_foreach(json_object_get(snap, "mappings"), i, v)
	{
		HDF *item = app_item(r, "Page.mappings", i);
		app_put(item, "source", str(v, "source"));
		app_put(item, "source_name", name_of(names, str(v, "source"), 1));
		app_put(item, "code", str(v, "code"));
		app_put(item, "name", str(v, "name"));
		app_put(item, "version", str(v, "version"));
		json_t *main = json_object_get(v, "main");
		if (json_is_boolean(main))
			app_put(item, "main", json_is_true(main) ? "1" : "0");
	}
	json_array_foreach(json_object_get(snap, "countries"), i, v)
	{
		HDF *item = app_item(r, "Page.countries", i);
		app_put(item, "id", json_string_value(v));
		app_put(item, "name", name_of(names, json_string_value(v), 1));
	}
	json_array_foreach(json_object_get(snap, "attributes"), i, v)
	{
		HDF *item = app_item(r, "Page.attributes", i);
		app_put(item, "name", str(v, "name"));
		app_put(item, "value", str(v, "value"));
		app_put(item, "value_name", name_of(names, str(v, "value"), 1));
	}
}

int rms_term_show(struct req *r)
{
	const char *id = in_text(r, PF_TERM_ID);
	struct db *db = r->app->db;
	struct db_rows rows, names;
	if (db_query(db, r->arena, &q_term, &rows, "s", id) < 0)
		return 500;
	if (rows.nrows == 0) {
		struct db_rows list;
		if (db_query(db, r->arena, &q_is_list, &list, "s", id) == 0 && list.nrows)
			return http_redirect(r, 303, arena_printf(r->arena, "/rms/lists/%s", id));
		return 404;
	}
	json_t *snap = json_loads(db_get(&rows, 0, 0), 0, NULL);
	if (!snap)
		return 500;
	if (db_query(db, r->arena, &q_names, &names, "s", referenced(r, snap)) < 0) {
		json_decref(snap);
		return 500;
	}
	put_fields(r, snap, &names);
	app_set(r, "Page.term.name", arena_strdup(r->arena, rms_snapshot_name_en(snap)));
	app_set(r, "Page.term.list_name", db_get(&rows, 0, 1));
	put_translations(r, snap);
	put_references(r, snap, &names);
	put_links(r, "Page.children", db_get(&rows, 0, 2));
	put_links(r, "Page.replaces", db_get(&rows, 0, 3));
	put_history(r, db_get(&rows, 0, 4));
	json_decref(snap);
	app_set(r, "Page.nav", "rms");
	app_cacheable(r);
	return app_page(r, "rms/term.cs");
}
