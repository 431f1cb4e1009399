/* /rms/terms/{termId}: one term with every field, its translations, parent
 * and children, replacement and what it replaces, source mappings,
 * countries, attributes and its version history. */
#include "config.h"

#include <string.h>

#include "app.h"
#include "db.h"
#include "fields_public.h"
#include "handlers.h"

static struct db_sql q_term = DB_SQL(
	"SELECT t.id, t.list_id, l.name, t.status, t.name_en, t.domain_id, d.name_en, t.parent_id, p.name_en,"
	" t.current_term_id, c.name_en, c.status, t.level_short, t.level_name, t.comments, t.user_tags, t.visibility,"
	" t.version, DATE_FORMAT(t.version_date, '%Y-%m-%d %H:%i'), t.is_major,"
	" DATE_FORMAT(t.status_changed_at, '%Y-%m-%d %H:%i'), DATE_FORMAT(t.created_at, '%Y-%m-%d %H:%i'), t.created_by,"
	" DATE_FORMAT(t.modified_at, '%Y-%m-%d %H:%i'), t.modified_by"
	" FROM rms_terms t JOIN rms_lists l ON l.id = t.list_id"
	" LEFT JOIN rms_terms d ON d.id = t.domain_id LEFT JOIN rms_terms p ON p.id = t.parent_id"
	" LEFT JOIN rms_terms c ON c.id = t.current_term_id WHERE t.id = ?");
static const char *const term_columns[] = {
	"id", "list", "list_name", "status", "name", "domain", "domain_name", "parent", "parent_name", "replaced_by",
	"replaced_by_name", "replaced_by_status", "level_short", "level_name", "comments", "tags", "visibility",
	"version", "version_date", "major", "status_changed", "created", "created_by", "modified", "modified_by", NULL};

/* One row per language: the texts side by side, English first. */
static struct db_sql q_translations = DB_SQL(
	"SELECT x.lang,"
	" MAX(CASE WHEN x.kind = 'name' THEN x.value END), MAX(CASE WHEN x.kind = 'name' THEN x.tr_status END),"
	" MAX(CASE WHEN x.kind = 'short' THEN x.value END), MAX(CASE WHEN x.kind = 'other' THEN x.value END),"
	" MAX(CASE WHEN x.kind = 'symbol' THEN x.value END), MAX(CASE WHEN x.kind = 'description' THEN x.value END),"
	" DATE_FORMAT(MAX(x.modified_at), '%Y-%m-%d')"
	" FROM (SELECT lang, kind, value, tr_status, modified_at FROM rms_term_names WHERE term_id = ?"
	"       UNION ALL SELECT lang, 'description', value, tr_status, modified_at FROM rms_term_descriptions"
	"       WHERE term_id = ?) x"
	" GROUP BY x.lang ORDER BY x.lang <> 'en', x.lang");
static const char *const translation_columns[] = {"lang", "name", "status", "short", "other", "symbol",
						  "description", "modified", NULL};

static struct db_sql q_children =
	DB_SQL("SELECT id, name_en, status FROM rms_terms WHERE parent_id = ? ORDER BY name_sort, id LIMIT 500");
static struct db_sql q_replaces =
	DB_SQL("SELECT id, name_en, status FROM rms_terms WHERE current_term_id = ? ORDER BY name_sort, id LIMIT 500");
static const char *const link_columns[] = {"id", "name", "status", NULL};

static struct db_sql q_mappings = DB_SQL(
	"SELECT m.source_id, s.name_en, m.source_term_id, m.source_name, m.is_main, m.source_version, m.source_status"
	" FROM rms_term_mappings m LEFT JOIN rms_terms s ON s.id = m.source_id WHERE m.term_id = ? ORDER BY m.position");
static const char *const mapping_columns[] = {"source", "source_name", "code", "name", "main", "version", "status",
					      NULL};
static struct db_sql q_countries = DB_SQL(
	"SELECT c.country_id, t.name_en FROM rms_term_countries c LEFT JOIN rms_terms t ON t.id = c.country_id"
	" WHERE c.term_id = ? ORDER BY t.name_sort, c.country_id");
static const char *const country_columns[] = {"id", "name", NULL};
static struct db_sql q_attributes =
	DB_SQL("SELECT a.name, a.value, t.name_en FROM rms_term_attributes a LEFT JOIN rms_terms t"
	       " ON a.value REGEXP '^[0-9]{12}$' AND t.id = a.value WHERE a.term_id = ? ORDER BY a.position");
static const char *const attribute_columns[] = {"name", "value", "value_name", NULL};
static struct db_sql q_versions = DB_SQL(
	"SELECT seq, version, DATE_FORMAT(recorded_at, '%Y-%m-%d %H:%i'), DATE_FORMAT(version_date, '%Y-%m-%d'),"
	" source, changes, request_id FROM rms_term_versions WHERE term_id = ? ORDER BY seq DESC LIMIT 200");
static const char *const version_columns[] = {"seq", "version", "recorded", "date", "source", "changes", "request",
					      NULL};
static struct db_sql q_is_list = DB_SQL("SELECT 1 FROM rms_lists WHERE id = ?");

struct part {
	struct db_sql *sql;
	const char *list;
	const char *const *columns;
};

int rms_term_show(struct req *r)
{
	const char *id = in_text(r, PF_TERM_ID);
	struct db *db = r->app->db;
	struct db_rows rows;
	if (db_query(db, r->arena, &q_term, &rows, "s", id) < 0)
		return 500;
	if (rows.nrows == 0) {
		struct db_rows list;
		if (db_query(db, r->arena, &q_is_list, &list, "s", id) == 0 && list.nrows)
			return http_redirect(r, 303, arena_printf(r->arena, "/rms/lists/%s", id));
		return 404;
	}
	app_row(r, "Page.term", &rows, 0, term_columns);
	if (db_query(db, r->arena, &q_translations, &rows, "ss", id, id) < 0)
		return 500;
	app_rows(r, "Page.translations", &rows, translation_columns);
	app_set_int(r, "Page.translation_count", (long long)rows.nrows);

	const struct part parts[] = {
		{&q_children, "Page.children", link_columns},	  {&q_replaces, "Page.replaces", link_columns},
		{&q_mappings, "Page.mappings", mapping_columns},   {&q_countries, "Page.countries", country_columns},
		{&q_attributes, "Page.attributes", attribute_columns}, {&q_versions, "Page.versions", version_columns},
	};
	for (size_t i = 0; i < sizeof parts / sizeof parts[0]; i++) {
		if (db_query(db, r->arena, parts[i].sql, &rows, "s", id) < 0)
			return 500;
		app_rows(r, parts[i].list, &rows, parts[i].columns); /* names: literals */
	}
	app_set(r, "Page.nav", "rms");
	return app_page(r, "rms/term.cs");
}
