/* /rms/terms/{termId}: one term with every field, its translations, parent
 * and children, replacement and what it replaces, source mappings,
 * countries, attributes and its version history.  Most terms in one
 * statement: the record with what its row names; what is around it in a
 * second only when the record says there is some (read_around). */
#include "config.h"

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/collate.h"
#include "core/db.h"
#include "core/jread.h"
#include "core/listing.h"
#include "core/page.h"
#include "core/program.h"
#include "core/sides.h"
#include "programs/fields_public.h"
#include "programs/handlers_public.h"
#include "rms/rms_names.h"
#include "rms/rms_page.h"
#include "rms/rms_record.h"
#include "rms/rms_term_view.h"

/* The term's record with its list's name, its current version (the
 * history's newest row), the IDs, names and statuses of the domain, parent
 * and replacement its columns name (written by the store from the same
 * record), and whether any term has it as its parent or as its
 * replacement (the ID bound, not t.id: a subquery that depends on the
 * outer row costs the server half as much again to plan at every
 * execution).  Joins by primary key alone: most terms' pages need no other
 * statement (read_around).  Names are in the data language, with English
 * standing in: [TERM_IN_LANG] joins each one's name in it (arguments: id,
 * id, lang, lang, lang, id); in English the name is the term's own name_en
 * (rms_snapshot_name_en) and [TERM_IN_ENGLISH] joins nothing (arguments:
 * id, id, id). */
#define TERM_COLUMNS(X)                                                                                            \
	X(TERM_SNAPSHOT, NULL) X(TERM_LIST_NAME, NULL) X(TERM_SEQ, NULL) X(TERM_CHILDREN, NULL)                     \
	X(TERM_REPLACES, NULL) X(TERM_VERSION, "version") X(TERM_RECORDED, "recorded") X(TERM_DATE, "date")        \
	X(TERM_SOURCE, "source") X(TERM_CHANGES, "changes") X(TERM_REQUEST, "request") X(TERM_DOMAIN, NULL)        \
	X(TERM_DOMAIN_NAME, NULL) X(TERM_DOMAIN_STATUS, NULL) X(TERM_PARENT, NULL) X(TERM_PARENT_NAME, NULL)        \
	X(TERM_PARENT_STATUS, NULL) X(TERM_REPLACED_BY, NULL) X(TERM_REPLACED_BY_NAME, NULL)                        \
	X(TERM_REPLACED_BY_STATUS, NULL)
enum { TERM_COLUMNS(DB_COLUMN) TERM__COUNT };
/* A referenced term's ID, then its name and status. */
enum { REF_ID, REF_NAME, REF_STATUS };
#define NAME_IN(alias, n)                                                                                          \
	" LEFT JOIN rms_term_names " n " ON " n ".term_id = " alias ".id AND " n ".lang = ? AND " n ".kind = 'name'"
#define TERM_SQL(name_d, name_p, name_b, joins)                                                                    \
	"SELECT v.snapshot, l.name, t.seq, EXISTS (SELECT 1 FROM rms_terms c WHERE c.parent_id = ?),"                \
	" EXISTS (SELECT 1 FROM rms_terms c WHERE c.current_term_id = ?), v.version,"                               \
	" DATE_FORMAT(v.recorded_at, '%Y-%m-%d %H:%i'), DATE_FORMAT(v.version_date, '%Y-%m-%d'), v.source,"         \
	" v.changes, v.request_id, t.domain_id, " name_d ", d.status, t.parent_id, " name_p ", p.status,"          \
	" t.current_term_id, " name_b ", b.status"                                                                  \
	" FROM rms_terms t JOIN rms_lists l ON l.id = t.list_id"                                                    \
	" JOIN rms_term_versions v ON v.term_id = t.id AND v.seq = t.seq"                                           \
	" LEFT JOIN rms_terms d ON d.id = t.domain_id LEFT JOIN rms_terms p ON p.id = t.parent_id"                 \
	" LEFT JOIN rms_terms b ON b.id = t.current_term_id" joins " WHERE t.id = ?"
enum { TERM_IN_LANG, TERM_IN_ENGLISH };
static struct db_sql q_term[] = {
	[TERM_IN_LANG] = DB_SQL_COLS(TERM__COUNT, TERM_SQL("COALESCE(dn.value, d.name_en)", "COALESCE(pn.value, p.name_en)",
							 "COALESCE(bn.value, b.name_en)",
							 NAME_IN("d", "dn") NAME_IN("p", "pn") NAME_IN("b", "bn"))),
	[TERM_IN_ENGLISH] = DB_SQL_COLS(TERM__COUNT, TERM_SQL("d.name_en", "p.name_en", "b.name_en", "")),
};
/* Everything around the term, one kind of row after the other: its
 * children, the terms it replaces, the other terms its record refers to (a
 * JSON array of IDs) and its versions, newest first; read only when the
 * record says there is some (rms_term_show).  Plain UNION ALL streams each
 * part in turn; aggregating them as JSON instead would cost MariaDB a
 * temporary table on disk per part.  Names as in q_term ([AROUND_IN_LANG]
 * arguments: lang, id, lang, id, IDs, lang, id; [AROUND_IN_ENGLISH]: id,
 * id, IDs, id). */
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
/* The columns; the kinds of row other than a version fill the first three
 * alone (ID, name, status), a version all six as TERM_VERSION .. TERM_REQUEST. */
enum { AROUND_KIND, AROUND_ID, AROUND_NAME, AROUND_STATUS, AROUND__COUNT = AROUND_ID + TERM_REQUEST - TERM_VERSION + 1 };
enum { AROUND_IN_LANG, AROUND_IN_ENGLISH };
static struct db_sql q_around[] = {
	[AROUND_IN_LANG] = DB_SQL_COLS(AROUND__COUNT, AROUND_SQL("COALESCE(n.value, c.name_en)", NAME_IN("c", "n"),
								  "COALESCE(n.value, r.name_en)", NAME_IN("r", "n"))),
	[AROUND_IN_ENGLISH] = DB_SQL_COLS(AROUND__COUNT, AROUND_SQL("c.name_en", "", "r.name_en", "")),
};

/* Where the page finds the names of the terms the record refers to: the
 * record's row (domain, parent, replacement), the second statement's
 * 'ref' rows when it was read, else the worker's kept names. */
struct names {
	struct req *r;
	const struct db_rows *term, *around; /* around: NULL when not read */
	const char *lang;
};

static bool is_kind(const struct db_rows *around, size_t i, const char *kind)
{
	return strcmp(db_get(around, i, AROUND_KIND), kind) == 0;
}

/* The record's column of the referenced term `id` (TERM_DOMAIN ...), or 0
 * when its row does not name it. */
static size_t in_record(const struct names *n, const char *id)
{
	static const size_t refs[] = {TERM_DOMAIN, TERM_PARENT, TERM_REPLACED_BY};
	for (size_t k = 0; id && k < sizeof refs / sizeof *refs; k++) {
		const char *ref = db_get(n->term, 0, refs[k]);
		if (ref && strcmp(ref, id) == 0)
			return refs[k];
	}
	return 0;
}

/* The name (REF_NAME) or status (REF_STATUS) of a term the record refers
 * to; NULL when no such term exists. */
static const char *name_of(const struct names *n, const char *id, size_t col)
{
	size_t at = in_record(n, id);
	if (!id || at)
		return at ? db_get(n->term, 0, at + col) : NULL;
	for (size_t i = 0; n->around && i < n->around->nrows; i++)
		if (is_kind(n->around, i, "ref") && strcmp(db_get(n->around, i, AROUND_ID), id) == 0)
			return db_get(n->around, i, AROUND_ID + col);
	const char *name = NULL, *status = NULL;
	rms_names_get(n->r, id, n->lang, &name, &status);
	return col == REF_NAME ? name : status;
}

/* An ID the record refers to that its row does not name and the worker
 * does not keep, in `ids` (a JSON array). */
static void add_id(const struct names *n, struct buf *ids, const char *id)
{
	const char *name, *status;
	if (!rms_is_id(id) || in_record(n, id) || rms_names_get(n->r, id, n->lang, &name, &status))
		return;
	buf_puts(ids, ids->len > 1 ? "," : "");
	buf_puts(ids, id);
}

/* The terms the record refers to whose names are still to be read, as a
 * JSON array of IDs ("[]": none). */
static const char *unnamed(const struct names *n, const struct rms_term_view *v)
{
	struct buf ids;
	buf_init(&ids, n->r->arena);
	buf_putc(&ids, '[');
	add_id(n, &ids, v->domain);
	add_id(n, &ids, v->parent);
	add_id(n, &ids, v->replaced_by);
	for (size_t i = 0; i < v->nmappings; i++)
		add_id(n, &ids, v->mappings[i].source);
	for (size_t i = 0; i < v->ncountries; i++)
		add_id(n, &ids, v->countries[i]);
	for (size_t i = 0; i < v->nattributes; i++)
		add_id(n, &ids, v->attributes[i].value);
	buf_putc(&ids, ']');
	return buf_str(&ids);
}

/* Keep the names the second statement read for `ids`, and that those it
 * did not find do not exist. */
static void keep_names(const struct names *n, const char *ids)
{
	struct jread j;
	jread_init(&j, n->r->arena, ids, strlen(ids));
	if (!jread_array(&j))
		return;
	while (jread_element(&j)) {
		const char *id = jread_text(&j);
		if (id)
			rms_names_put(n->r, id, n->lang, name_of(n, id, REF_NAME), name_of(n, id, REF_STATUS));
	}
}

static void put_fields(struct req *r, const struct rms_term_view *v, const struct names *n)
{
	HDF *term = page_node(r, "Page.term");
	page_put(term, "id", v->id);
	page_put(term, "list", v->list);
	page_put(term, "status", v->status);
	page_put(term, "domain", v->domain);
	page_put(term, "parent", v->parent);
	page_put(term, "replaced_by", v->replaced_by);
	page_put(term, "comments", v->comments);
	page_put(term, "tags", v->tags);
	page_put(term, "visibility", v->visibility);
	page_put(term, "level_short", v->level_short);
	page_put(term, "level_name", v->level_name);
	page_put(term, "created", v->created);
	page_put(term, "created_by", v->created_by);
	page_put(term, "modified", v->modified);
	page_put(term, "modified_by", v->modified_by);
	page_put(term, "status_changed", v->status_changed_at);
	page_put(term, "version_date", v->version_date);
	page_put(term, "version", v->version);
	page_put(term, "major", rms_term_view_flag(v->major, "1", "0"));
	page_put(term, "domain_name", name_of(n, v->domain, REF_NAME));
	page_put(term, "parent_name", name_of(n, v->parent, REF_NAME));
	page_put(term, "replaced_by_name", name_of(n, v->replaced_by, REF_NAME));
	page_put(term, "replaced_by_status", name_of(n, v->replaced_by, REF_STATUS));
}

static int by_lang(const void *a, const void *b)
{
	const char *x = (*(const struct rms_view_text *const *)a)->lang, *y = (*(const struct rms_view_text *const *)b)->lang;
	/* English, the reference language, first. */
	int en = (strcmp(y, "en") == 0) - (strcmp(x, "en") == 0);
	return en ? en : strcmp(x, y);
}

static void put_translations(struct req *r, const struct rms_term_view *v)
{
	size_t n = v->ntexts;
	const struct rms_view_text **texts = arena_alloc(r->arena, (n + 1) * sizeof *texts);
	for (size_t i = 0; i < n; i++)
		texts[i] = &v->texts[i];
	qsort(texts, n, sizeof *texts, by_lang);
	for (size_t i = 0; i < n; i++) {
		HDF *row = page_item(r, "Page.translations", i);
		page_put(row, "lang", texts[i]->lang);
		for (int k = 0; k < RMS_KINDS; k++)
			page_put(row, rms_kind_names[k], texts[i]->kind[k].value); /* names: literals (rms_kind_names) */
		page_put(row, "status", texts[i]->kind[RMS_NAME].status);
	}
	page_set_int(r, "Page.translation_count", (long long)n);
}

/* The rows of `around` of one kind, every column. */
static struct db_rows rows_of_kind(struct req *r, const struct db_rows *around, const char *kind)
{
	struct db_rows rows = {.ncols = around->ncols,
			       .cells = arena_alloc(r->arena, around->nrows * around->ncols * sizeof *around->cells + 1)};
	for (size_t i = 0; i < around->nrows; i++)
		if (is_kind(around, i, kind))
			memcpy(rows.cells + rows.nrows++ * rows.ncols, around->cells + i * around->ncols,
			       around->ncols * sizeof *around->cells);
	return rows;
}

/* The terms of one kind (children, replaced), by their names as the data
 * language sorts them (the statement sorts the English ones). */
static void put_links(struct req *r, const char *list, const struct db_rows *around, const char *kind,
		      const char *lang)
{
	struct db_rows links = rows_of_kind(r, around, kind);
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
static void put_name(struct req *r, const struct rms_term_view *v, const char *lang)
{
	const char *name = rms_term_view_name(v, lang);
	page_set(r, "Page.term.name", name ? name : rms_term_view_name_en(v));
	page_set(r, "Page.term.name_lang", name ? lang : "en");
}

/* The versions, newest first: rows whose columns from `first` on are those
 * of TERM_VERSION .. TERM_REQUEST. */
static void put_history(struct req *r, const struct db_rows *versions, size_t first)
{
	static const char *const names[] = {TERM_COLUMNS(DB_COLUMN_NAME)};
	for (size_t i = 0; i < versions->nrows; i++) {
		HDF *item = page_item(r, "Page.versions", i);
		for (size_t c = TERM_VERSION; c <= TERM_REQUEST; c++)
			page_put(item, names[c], db_get(versions, i, first + c - TERM_VERSION)); /* names: literals */
	}
}

static void put_references(struct req *r, const struct rms_term_view *v, const struct names *n)
{
	for (size_t i = 0; i < v->nmappings; i++) {
		const struct rms_view_mapping *m = &v->mappings[i];
		HDF *item = page_item(r, "Page.mappings", i);
		page_put(item, "source", m->source);
		page_put(item, "source_name", name_of(n, m->source, REF_NAME));
		page_put(item, "code", m->code);
		page_put(item, "name", m->name);
		page_put(item, "version", m->version);
		page_put(item, "main", rms_term_view_flag(m->main, "1", "0"));
	}
	for (size_t i = 0; i < v->ncountries; i++) {
		HDF *item = page_item(r, "Page.countries", i);
		page_put(item, "id", v->countries[i]);
		page_put(item, "name", name_of(n, v->countries[i], REF_NAME));
	}
	for (size_t i = 0; i < v->nattributes; i++) {
		const struct rms_view_attribute *a = &v->attributes[i];
		HDF *item = page_item(r, "Page.attributes", i);
		page_put(item, "name", a->name);
		page_put(item, "value", a->value);
		page_put(item, "value_name", name_of(n, a->value, REF_NAME));
	}
}

/* What is around the term, when its record says there is some: children,
 * replaced terms, versions before the current one (its seq is the number
 * of its versions: the store numbers them 1, 2 ... and points the term at
 * the newest), or names the worker does not keep.  0 with around->nrows 0
 * when there is nothing to read, -1 on an error. */
static int read_around(struct req *r, const char *id, const struct rms_term_view *v, struct names *n,
		       struct db_rows *around)
{
	const char *ids = unnamed(n, v);
	*around = (struct db_rows){.ncols = AROUND__COUNT};
	if (strcmp(db_get(n->term, 0, TERM_CHILDREN), "0") == 0 && strcmp(db_get(n->term, 0, TERM_REPLACES), "0") == 0 &&
	    strcmp(db_get(n->term, 0, TERM_SEQ), "1") == 0 && strcmp(ids, "[]") == 0)
		return 0;
	const char *lang = n->lang;
	int rc = strcmp(lang, "en") == 0
		       ? db_query(r->app->db, r->arena, &q_around[AROUND_IN_ENGLISH], around, "ssss", id, id, ids, id)
		       : db_query(r->app->db, r->arena, &q_around[AROUND_IN_LANG], around, "sssssss", lang, id, lang, id, ids,
				  lang, id);
	if (rc < 0)
		return -1;
	n->around = around;
	keep_names(n, ids);
	return 0;
}

int rms_term_show(struct req *r)
{
	const char *id = in_text(r, PF_TERM_ID), *lang = rms_data_lang(r);
	struct db *db = r->app->db;
	struct db_rows rows, around;
	int rc = strcmp(lang, "en") == 0
		       ? db_query(db, r->arena, &q_term[TERM_IN_ENGLISH], &rows, "sss", id, id, id)
		       : db_query(db, r->arena, &q_term[TERM_IN_LANG], &rows, "ssssss", id, id, lang, lang, lang, id);
	if (rc < 0)
		return 500;
	if (rows.nrows == 0) {
		const char *list = rms_page_of(r, id, RMS_LISTS);
		return list ? http_redirect(r, 303, list) : 404;
	}
	struct rms_term_view v;
	if (rms_term_view_read(r->arena, db_get(&rows, 0, TERM_SNAPSHOT), &v) < 0)
		return 500;
	struct names n = {.r = r, .term = &rows, .lang = lang};
	if (read_around(r, id, &v, &n, &around) < 0)
		return 500;
	put_fields(r, &v, &n);
	put_name(r, &v, lang);
	page_set(r, "Page.term.list_name", db_get(&rows, 0, TERM_LIST_NAME));
	put_translations(r, &v);
	put_references(r, &v, &n);
	page_shown(r, "Page.translations");
	page_shown(r, "Page.mappings");
	put_links(r, "Page.children", &around, "child", lang);
	put_links(r, "Page.replaces", &around, "replaces", lang);
	if (n.around) {
		struct db_rows versions = rows_of_kind(r, &around, "version");
		put_history(r, &versions, AROUND_ID);
	} else
		put_history(r, &rows, TERM_VERSION);
	page_shown(r, "Page.versions");
	if (sides_of_versions(r, page_node(r, "Page.versions")) < 0)
		return 500;
	page_set(r, "Page.nav", "rms");
	page_cacheable(r);
	return page_render(r, "rms/term.cs");
}
