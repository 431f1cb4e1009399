/* Links, pagination and sorting for tables. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/db.h"
#include "core/listing.h"
#include "core/log.h"
#include "core/mem.h"
#include "core/page.h"
#include "core/program.h"

static bool is_capture(const struct route *route, const char *name)
{
	char pattern[80];
	snprintf(pattern, sizeof pattern, "{%s}", name);
	return strstr(route->path, pattern) != NULL;
}

const char *listing_href(struct req *r, const char *path, const char *name, const char *value)
{
	const struct router *rt = r->app->def->router;
	const struct route *route = r->match.route;
	struct buf b;
	buf_init(&b, r->arena);
	buf_puts(&b, path);
	char sep = '?';
	bool page = strcmp(name, "page") == 0;
	for (size_t i = 0; i < rt->nfields; i++) {
		const char *f = rt->fields[i].name;
		if (!route_reads(rt, route, i) || is_capture(route, f) || strcmp(f, name) == 0 || !r->match.in[i].set)
			continue;
		if (!page && strcmp(f, "page") == 0)
			continue;
		buf_printf(&b, "%c%s=%s", sep, f, http_url_escape(r->arena, r->match.in[i].text));
		sep = '&';
	}
	if (value)
		buf_printf(&b, "%c%s=%s", sep, name, http_url_escape(r->arena, value));
	return buf_str(&b);
}

void listing_pager(struct req *r, const char *path, long long page, long long size, long long total)
{
	long long pages = total ? (total + size - 1) / size : 1;
	if (page > pages)
		page = pages;
	page_set_int(r, "Page.pager.page", page);
	page_set_int(r, "Page.pager.pages", pages);
	page_set_int(r, "Page.pager.total", total);
	page_set_int(r, "Page.pager.from", total ? (page - 1) * size + 1 : 0);
	page_set_int(r, "Page.pager.to", page * size < total ? page * size : total);
	char n[24];
	if (page > 1) {
		snprintf(n, sizeof n, "%lld", page - 1);
		page_set(r, "Page.pager.prev", listing_href(r, path, "page", n));
		page_set(r, "Page.pager.first", listing_href(r, path, "page", NULL));
	}
	if (page < pages) {
		snprintf(n, sizeof n, "%lld", page + 1);
		page_set(r, "Page.pager.next", listing_href(r, path, "page", n));
		snprintf(n, sizeof n, "%lld", pages);
		page_set(r, "Page.pager.last", listing_href(r, path, "page", n));
	}
	/* A window of numbered links around the current page. */
	long long lo = page - 3 < 1 ? 1 : page - 3, hi = lo + 6 > pages ? pages : lo + 6;
	if (hi - lo < 6)
		lo = hi - 6 < 1 ? 1 : hi - 6;
	size_t k = 0;
	for (long long p = lo; p <= hi; p++, k++) {
		HDF *item = page_item(r, "Page.pager.links", k);
		snprintf(n, sizeof n, "%lld", p);
		page_put(item, "n", n);
		page_put(item, "href", listing_href(r, path, "page", p == 1 ? NULL : n));
		if (p == page)
			page_put(item, "current", "1");
	}
}

int listing_sort_of(struct req *r, int field, const char *const *words, int n, int fallback)
{
	const char *word = in_text(r, field);
	for (int i = 0; word && i < n; i++)
		if (words[i] && strcmp(words[i], word) == 0)
			return i;
	return fallback;
}

void listing_sort(struct req *r, const char *path, const char *const *words, int sort)
{
	const char *key = words[sort][0] == '-' ? words[sort] + 1 : words[sort];
	const char *dir = words[sort][0] == '-' ? "desc" : "asc";
	for (size_t i = 0, n = 0; words[i]; i++) {
		if (words[i][0] == '-')
			continue;
		bool current = strcmp(words[i], key) == 0;
		bool desc_next = current && strcmp(dir, "asc") == 0;
		/* Key and direction travel together in "sort": "name" or "-name". */
		const char *value = desc_next ? arena_printf(r->arena, "-%s", words[i]) : words[i];
		HDF *item = page_item(r, "Page.sort", n++);
		page_put(item, "key", words[i]);
		page_put(item, "href", listing_href(r, path, "sort", value));
		if (current)
			page_put(item, "dir", dir);
	}
}

const char *listing_like(struct req *r, const char *s)
{
	struct buf b;
	buf_init(&b, r->arena);
	buf_putc(&b, '%');
	for (; *s; s++) {
		if (*s == '%' || *s == '_' || *s == '\\')
			buf_putc(&b, '\\');
		buf_putc(&b, *s);
	}
	buf_putc(&b, '%');
	return buf_str(&b);
}

const char *listing_ids(struct req *r, const struct db_rows *rows, size_t col)
{
	struct buf ids;
	buf_init(&ids, r->arena);
	buf_putc(&ids, '[');
	for (size_t i = 0; i < rows->nrows; i++)
		buf_printf(&ids, "%s%s", i ? "," : "", db_get(rows, i, col));
	buf_putc(&ids, ']');
	return buf_str(&ids);
}

void listing_order_as(struct req *r, struct db_rows *rows, size_t col, const struct db_rows *ids, size_t ids_col)
{
	size_t n = 0, width = rows->ncols * sizeof *rows->cells;
	const char **cells = arena_alloc(r->arena, rows->nrows * width + 1);
	for (size_t i = 0; i < ids->nrows; i++)
		for (size_t k = 0; k < rows->nrows; k++)
			if (strcmp(db_get(rows, k, col), db_get(ids, i, ids_col)) == 0) {
				memcpy(cells + n++ * rows->ncols, rows->cells + k * rows->ncols, width);
				break;
			}
	rows->cells = cells;
	rows->nrows = n;
}

static void cache_fill(struct listing_cache *c, const struct db_rows *rows)
{
	for (size_t i = 0; i < c->nrows * c->ncols; i++)
		free(c->cells[i]);
	free(c->cells);
	c->nrows = rows->nrows;
	c->ncols = rows->ncols;
	c->cells = xcalloc(rows->nrows * rows->ncols + 1, sizeof *c->cells);
	for (size_t i = 0; i < rows->nrows * rows->ncols; i++)
		c->cells[i] = xstrdup(rows->cells[i] ? rows->cells[i] : "");
}

void listing_cache_load(struct req *r, struct listing_cache *c, struct db_sql *q)
{
	time_t now = time(NULL);
	struct db_rows rows;
	if (now - c->loaded > 60 && db_query(r->app->db, r->arena, q, &rows, "") == 0) {
		cache_fill(c, &rows);
		c->loaded = now;
	}
}

const char *listing_cell(const struct listing_cache *c, size_t row, size_t col)
{
	return row < c->nrows && col < c->ncols ? c->cells[row * c->ncols + col] : NULL;
}

void listing_cached(struct req *r, struct listing_cache *c, struct db_sql *q, const char *list,
		    const char *const *names, size_t n)
{
	listing_cache_load(r, c, q);
	if (c->nrows && c->ncols != n) {
		log_error("%s: %zu names for %zu columns", list, n, c->ncols);
		return;
	}
	for (size_t i = 0; i < c->nrows; i++) {
		HDF *item = page_subitem(r->hdf, list, i); /* names: literals */
		for (size_t k = 0; k < c->ncols; k++)
			if (names[k])
				page_put(item, names[k], listing_cell(c, i, k)); /* names: literals */
	}
}

void listing_show(struct req *r, const struct listing_shown *shown, size_t n)
{
	for (size_t i = 0; i < n; i++)
		page_set(r, shown[i].name, shown[i].value); /* names: literals (LISTING_SHOW's) */
}

long long listing_page_size(struct req *r, int field, long long fallback)
{
	const struct field *f = &r->app->def->router->fields[field];
	long long size = in_int(r, field, r->user.page_size ? r->user.page_size : fallback);
	return size < f->min ? f->min : size > f->max ? f->max : size;
}
