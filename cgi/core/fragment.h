/* Parts of pages that change only with the reference data, rendered once
 * per worker.  A page whose main part depends on its request's inputs and
 * the reference data alone (the table of a list's terms, with its counts,
 * filters and pager) renders that part by itself (a template of its own,
 * whole: it includes macros.cs) and keeps the HTML under a key naming every
 * input it depends on, tagged with the data generation of the request
 * (session.h: read with the session, in the request's first round trip).
 * Every later request of the worker with the same key at the same
 * generation puts the kept HTML in the page and asks the database for none
 * of it; an import, generated data or an approved change request moves the
 * generation, and the next request renders anew.  What depends on the
 * visitor (who is signed in, their roles, the star) stays out of fragments.
 *
 *   const char *key = fragment_key(r, "rms/list", list_id);
 *   if (!fragment_use(r, key, "Page.table")) {
 *           ... read the data, fill Page.* ...
 *           if (fragment_render(r, key, "rms/list_table.cs", "Page.table", kept) < 0)
 *                   return 500;
 *   }
 *   ... the visitor's parts ...
 *   return page_render(r, "rms/list.cs");   which writes <?cs var:Page.table ?>
 *
 * Templates print data only through var: (HTML-escaped, tests/lint): the
 * value they print is a marker, random to the worker, which the answer has
 * replaced with the fragment's HTML before it is sent; that HTML is itself
 * the output of templates that escaped what they printed when it was
 * rendered.
 * `kept`, NULL-terminated, names the HDF values the page's own template
 * needs from the data (its title, say): they are kept with the HTML and set
 * again on a hit. */
#ifndef SPOR_FRAGMENT_H
#define SPOR_FRAGMENT_H

/* Every writer of the reference data runs this in the transaction of its
 * write (migration 0020): the stores' ends (rms_store.h, oms_store.h),
 * which imports, generated data and approved requests of terms and
 * organisations pass through, and an approved request's application. */
#define FRAGMENT_DATA_CHANGED "UPDATE data_generation SET gen = gen + 1 WHERE id = 1"

#include <stdbool.h>

struct req;

/* The key of a fragment of `what` (the page's name and any path capture):
 * the route's checked query fields (listing_href's order) and the
 * interface language, data language and date format, which fragments may
 * show. */
const char *fragment_key(struct req *r, const char *what, const char *capture);

/* The key of a fragment of `what` that shows the reference data and the
 * values the request chose among it (`chosen`: a filter's selected
 * options, as the caller joins them), in the interface and data languages:
 * not the rest of the query, so that every search with the same filters
 * uses it. */
const char *fragment_key_chosen(struct req *r, const char *what, const char *chosen);

/* A fragment kept under `key` at the request's data generation: set `name`
 * to its HTML and the values it kept; true.  False: render it. */
bool fragment_use(struct req *r, const char *key, const char *name);

/* Render the template `page` alone into `name` and keep it (with the values
 * named by `kept`) under `key` at the request's data generation.  0 or -1. */
int fragment_render(struct req *r, const char *key, const char *page, const char *name, const char *const *kept);

/* Forget every fragment (a worker's tests of memory, tools). */
void fragment_clear(void);

struct buf;
/* Put the request's fragments in its page `out` in place of their markers
 * (app.c, before the answer is sent).  0. */
int fragment_splice(struct req *r, struct buf *out);

#endif
