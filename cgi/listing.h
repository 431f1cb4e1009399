/* Paginated, sortable, filterable tables: links that keep the request's
 * filters while changing one of them, the pager, and sort headers. */
#ifndef SPOR_LISTING_H
#define SPOR_LISTING_H

struct req;

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

/* The LIKE pattern matching `s` anywhere, with % _ and \ escaped. */
const char *listing_like(struct req *r, const char *s);

#endif
