/* Paginated, sortable, filterable tables: links that keep the request's
 * filters while changing one of them, the pager, and sort headers. */
#ifndef SPOR_LISTING_H
#define SPOR_LISTING_H

#include <stddef.h>
#include <time.h>

struct req;
struct db_rows;
struct db_sql;

/* `path` with the query string of the current request's checked fields
 * (path captures excluded), `name` set to `value` (NULL removes it).  Any
 * change but the page itself goes back to page 1. */
const char *listing_href(struct req *r, const char *path, const char *name, const char *value);

/* Page.pager: page, pages, total, from, to, prev/next hrefs and a window of
 * numbered links.  `page` is clamped to the pages there are. */
void listing_pager(struct req *r, const char *path, long long page, long long size, long long total);

/* A listing's filters as its form shows them again: Page.<name> = value
 * each, the names literals:
 *   LISTING_SHOW(r, {"Page.q", q}, {"Page.status", status});
 * (a NULL value sets nothing). */
struct listing_shown {
	const char *name, *value;
};
void listing_show(struct req *r, const struct listing_shown *shown, size_t n);
#define LISTING_SHOW(r, ...)                                                                                       \
	listing_show((r), (const struct listing_shown[]){__VA_ARGS__},                                               \
		     sizeof((const struct listing_shown[]){__VA_ARGS__}) / sizeof(struct listing_shown))

/* A listing's sorts are one enum, declared once beside its statements as
 * an X-macro of (the sort's name in C, its word in ?sort=, ...): "name",
 * "-name" (the same key descending), "id", "-id" ...
 *
 *   #define ORG_SORTS(X) X(ORGS_BY_NAME, "name") X(ORGS_BY_NAME_DESC, "-name") ...
 *   enum org_sort { ORG_SORTS(LISTING_SORT) ORGS_SORT__COUNT };
 *   const char *const org_sorts[ORGS_SORT__COUNT + 1] = {ORG_SORTS(LISTING_SORT_WORD) NULL};
 *
 * The words are the choices of the sort field in the route table, and the
 * statements of each sort are indexed by the enum.  The page, its exports
 * and the API read the enum with listing_sort_of, which finds the word in
 * the listing's own array: its value is an index of that array whatever a
 * route table holds. */
#define LISTING_SORT(name, word, ...) name,
#define LISTING_SORT_WORD(name, word, ...) word,

/* The sort whose word `words` (n of them, NULL for a sort that this field
 * does not offer) holds for the request's field `field`; `fallback` when
 * the field is not given. */
int listing_sort_of(struct req *r, int field, const char *const *words, int n, int fallback);

/* Page.sort.<n> for sortable column headers, one per key (the words of
 * `words`, NULL-terminated, without a "-"): key, href (toggling the
 * direction when it is the current key) and dir ("asc"/"desc") when
 * current.  `sort` indexes the current word. */
void listing_sort(struct req *r, const char *path, const char *const *words, int sort);

/* The page size to use: ?size= (field `field`), else the visitor's
 * preference, else `fallback`; within the field's bounds. */
long long listing_page_size(struct req *r, int field, long long fallback);

/* The LIKE pattern matching `s` anywhere, with % _ and \ escaped. */
const char *listing_like(struct req *r, const char *s);

/* Two-step listings: the page's IDs first (from an index alone), then
 * their details by LISTING_ID_TABLE, a table j(id) of the IDs in a JSON
 * array.  listing_ids makes that array from a column of rows (DB_VALUE for
 * rows of IDs alone); then listing_order_as puts the details in the order
 * of the IDs (matching their column `col` to column `ids_col` of `ids`;
 * rows of IDs gone drop out), cheaper than an ORDER BY, for which MariaDB
 * would allocate a sort buffer or a temporary table. */
#define LISTING_ID_TABLE "JSON_TABLE(?, '$[*]' COLUMNS (id BIGINT UNSIGNED PATH '$')) j"
const char *listing_ids(struct req *r, const struct db_rows *rows, size_t col);
void listing_order_as(struct req *r, struct db_rows *rows, size_t col, const struct db_rows *ids, size_t ids_col);

/* Choices for filters (domains, countries, types) that change only with an
 * import: each worker reads them at most once a minute and puts them in
 * `list` (an HDF name literal), one item per row with `names` as keys (one
 * per column, n of them, as page_rows takes them). */
struct listing_cache {
	time_t loaded;
	size_t nrows, ncols;
	char **cells;
};
void listing_cached(struct req *r, struct listing_cache *c, struct db_sql *q, const char *list,
		    const char *const *names, size_t n);
/* The same without the HDF: then listing_cell(c, i, col) is current. */
void listing_cache_load(struct req *r, struct listing_cache *c, struct db_sql *q);
/* The value of the cache's row `row` in column `col` ("" for SQL NULL). */
const char *listing_cell(const struct listing_cache *c, size_t row, size_t col);

#endif
