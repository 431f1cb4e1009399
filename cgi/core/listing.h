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

/* Page.sort.<n>: key, href (toggling the direction when it is the current
 * key) and dir ("asc"/"desc") when current, for sortable column headers. */
void listing_sort(struct req *r, const char *path, const char *const *keys, const char *key, const char *dir);

/* The page size to use: ?size= (field `field`), else the visitor's
 * preference, else `fallback`; within the field's bounds. */
long long listing_page_size(struct req *r, int field, long long fallback);

/* The LIKE pattern matching `s` anywhere, with % _ and \ escaped. */
const char *listing_like(struct req *r, const char *s);

/* Two-step listings: the page's IDs first (from an index alone), then
 * their details by LISTING_ID_TABLE, a table j(id) of the IDs in a JSON
 * array.  listing_ids makes that array from a column of rows; then
 * listing_order_as puts the details in the order of the IDs (matching
 * their column `col` to column 0 of `ids`; rows of IDs gone drop out),
 * cheaper than an ORDER BY, for which MariaDB would allocate a sort buffer
 * or a temporary table. */
#define LISTING_ID_TABLE "JSON_TABLE(?, '$[*]' COLUMNS (id BIGINT UNSIGNED PATH '$')) j"
const char *listing_ids(struct req *r, const struct db_rows *rows, size_t col);
void listing_order_as(struct req *r, struct db_rows *rows, size_t col, const struct db_rows *ids);

/* Choices for filters (domains, countries, types) that change only with an
 * import: each worker reads them at most once a minute and puts them in
 * `list` (an HDF name literal), one item per row with `names` as keys. */
struct listing_cache {
	time_t loaded;
	size_t nrows, ncols;
	char **cells;
};
void listing_cached(struct req *r, struct listing_cache *c, struct db_sql *q, const char *list,
		    const char *const *names);
/* The same without the HDF: c->cells (c->nrows × c->ncols) is then current. */
void listing_cache_load(struct req *r, struct listing_cache *c, struct db_sql *q);

#endif
