/* Page data in the request's HDF tree, and the page rendered from it. */
#include "config.h"

#include <stdio.h>

#include "core/db.h"
#include "core/log.h"
#include "core/page.h"
#include "core/program.h"
#include "core/tpl.h"

void page_set(struct req *r, const char *name, const char *value)
{
	hdf_set_value(r->hdf, name, value ? value : "");
}

HDF *page_node(struct req *r, const char *name)
{
	HDF *node = NULL;
	hdf_get_node(r->hdf, name, &node);
	return node;
}

HDF *page_item(struct req *r, const char *list, size_t i)
{
	return page_subitem(r->hdf, list, i);
}

HDF *page_subitem(HDF *node, const char *list, size_t i)
{
	HDF *item = NULL;
	char name[128];
	snprintf(name, sizeof name, "%s.%zu", list, i);
	if (node)
		hdf_get_node(node, name, &item);
	return item;
}

void page_put(HDF *node, const char *name, const char *value)
{
	if (node && value)
		hdf_set_value(node, name, value);
}

bool page_missing(struct req *r)
{
	const struct router *rt = r->app->def->router;
	int f = route_missing(&r->match, -1);
	if (f < 0)
		return false;
	HDF *errors = page_node(r, "Page.errors");
	for (; f >= 0; f = route_missing(&r->match, f)) {
		enum field_error bad = r->match.in[f].bad;
		page_put(errors, rt->fields[f].name, bad ? field_error_key(bad) : "required");
	}
	return true;
}

/* The names must be those of the rows' columns, one each. */
static bool names_fit(const struct db_rows *rows, size_t n, const char *where)
{
	if (rows->nrows == 0 || rows->ncols == n)
		return true;
	log_error("%s: %zu names for %zu columns", where, n, rows->ncols);
	return false;
}

static void put_row(HDF *node, const struct db_rows *rows, size_t row, const char *const *names)
{
	for (size_t c = 0; c < rows->ncols; c++)
		if (names[c])
			page_put(node, names[c], db_get(rows, row, c)); /* names: literals */
}

void page_row(struct req *r, const char *node, const struct db_rows *rows, size_t row, const char *const *names,
	      size_t n)
{
	if (names_fit(rows, n, node))
		put_row(page_node(r, node), rows, row, names);
}

void page_rows(struct req *r, const char *list, const struct db_rows *rows, const char *const *names, size_t n)
{
	if (!names_fit(rows, n, list))
		return;
	for (size_t i = 0; i < rows->nrows; i++)
		put_row(page_item(r, list, i), rows, i, names);
}

void page_shown(struct req *r, const char *list)
{
	char name[128];
	snprintf(name, sizeof name, "%s_shown", list);
	HDF *shown = page_node(r, name);
	for (HDF *item = hdf_obj_child(page_node(r, list)); item; item = hdf_obj_next(item))
		for (HDF *v = hdf_obj_child(item); v; v = hdf_obj_next(v)) {
			const char *value = hdf_obj_value(v);
			if ((value && *value) || hdf_obj_child(v))
				hdf_set_value(shown, hdf_obj_name(v), "1");
		}
}

void page_set_int(struct req *r, const char *name, long long value)
{
	char buf[32];
	snprintf(buf, sizeof buf, "%lld", value);
	page_set(r, name, buf);
}

void page_cacheable(struct req *r)
{
	long seconds = r->app->settings.cache_public_seconds;
	if (seconds > 0 && (r->roles & ROLE_ANON)) {
		r->cache_control = arena_printf(r->arena, "public, max-age=%ld", seconds);
		r->vary |= VARY_COOKIE;
	}
}

int page_render(struct req *r, const char *page)
{
	r->body.len = 0;
	if (tpl_render(r->app->tpl, page, true, &r->body) < 0)
		return 500;
	r->content_type = "text/html; charset=utf-8";
	if (r->lang_negotiated)
		r->vary |= VARY_ACCEPT_LANGUAGE;
	return 200;
}
