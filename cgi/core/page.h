/* Page data: what a handler puts in the request's HDF tree for its
 * template, and that page rendered inside the layout as the answer.
 * Names are always the program's own literals, never request data
 * (tests/lint/templates.sh checks the calls); values are anything. */
#ifndef SPOR_PAGE_H
#define SPOR_PAGE_H

#include <stdbool.h>
#include <stddef.h>

#include "core/clearsilver.h"

struct db_rows;
struct req;

/* Set an HDF value under the request's tree. */
void page_set(struct req *r, const char *name, const char *value);
/* Set a number. */
void page_set_int(struct req *r, const char *name, long long value);

/* Repeated data: page_item(r, "Page.terms", i) is the node Page.terms.<i>;
 * page_put() sets one of its children. */
HDF *page_item(struct req *r, const char *list, size_t i);
void page_put(HDF *node, const char *name, const char *value);
/* The node called `name` ("Page.term"), made if need be. */
HDF *page_node(struct req *r, const char *name);
/* The node <list>.<i> under `node`. */
HDF *page_subitem(HDF *node, const char *list, size_t i);
/* Row `row` of `rows` as children of `node` ("Page.term"): column c named
 * names[c], not shown where that is NULL.  `names` has one entry per column
 * (n of them), made from the statement's declaration of its columns (db.h),
 * so that a name cannot drift to another column. */
void page_row(struct req *r, const char *node, const struct db_rows *rows, size_t row, const char *const *names,
	      size_t n);
/* One item per row of `rows` under `list`, named in the same way. */
void page_rows(struct req *r, const char *list, const struct db_rows *rows, const char *const *names, size_t n);

/* <list>_shown.<name> = "1" for each name under which an item of `list`
 * (a literal: "Page.terms") holds a value or items of its own (a user's
 * roles), after the items are put: a
 * listing leaves out the columns that are empty on the whole page
 * (Page.terms_shown.short).  The one way every listing decides it. */
void page_shown(struct req *r, const char *list);

/* A form's required fields that the request left out (the route table's
 * `required`) or gave in a form its type refuses: each marked
 * Page.errors.<field> = "required", or the reason (field_error_key: "format",
 * "too_long" ...), under the field's name as the form calls it.  Whether
 * there was one. */
bool page_missing(struct req *r);

/* Render templates/<page> inside the layout as the answer; returns 200
 * (or 500). */
int page_render(struct req *r, const char *page);

/* Let shared caches (nginx) keep this anonymous page for the configured
 * time (cache.public_seconds); a page for a signed-in visitor stays private. */
void page_cacheable(struct req *r);

#endif
