/* Templates: ClearSilver pages rendered inside one layout, with interface
 * strings from templates/lang/<code>.hdf.  One `struct tpl` per worker holds
 * the HDF tree: the interface strings and configuration stay; what a request
 * adds is removed by tpl_reset() when the request ends. */
#ifndef SPOR_TPL_H
#define SPOR_TPL_H

#include "core/clearsilver.h"
#include <stdbool.h>

struct buf;
struct tpl;

/* Open the templates under `dir` and load every lang/<code>.hdf, each over a
 * copy of English so that a missing string falls back to English.  With
 * `cache`, parsed pages are kept for the worker's lifetime.  NULL on error
 * (logged). */
struct tpl *tpl_open(const char *dir, bool cache);
void tpl_close(struct tpl *t);

/* The tree to fill for this request. */
HDF *tpl_hdf(struct tpl *t);
/* Choose the interface language (Lang.* points at it); false if unknown. */
bool tpl_set_lang(struct tpl *t, const char *code);
bool tpl_has_lang(const struct tpl *t, const char *code);
/* The code of the i-th interface language, in the order of their codes;
 * NULL past the last. */
const char *tpl_lang(const struct tpl *t, size_t i);
/* The i-th of the macro files every HTML template may call (parsed once per
 * worker, in this order, and not pages themselves); NULL past the last. */
const char *tpl_library_file(size_t i);
/* Render `page` (a file under the template folder, e.g. "home.cs") inside
 * layout.cs, or alone when `page` is a whole document (layout == false).
 * 0 or -1 (logged). */
int tpl_render(struct tpl *t, const char *page, bool layout, struct buf *out);
/* Render `page` alone as plain text: nothing is escaped (mail bodies).
 * 0 or -1 (logged). */
int tpl_render_text(struct tpl *t, const char *page, struct buf *out);
/* Drop everything the request added to the tree. */
void tpl_reset(struct tpl *t);

#endif
