/* The list export as a spreadsheet (/rms/lists/{listId}/export.xlsx): the
 * CSV's content, one sheet per kind of row instead of rows repeated or
 * values joined with ¦: Terms (one row per term), Names (one per term and
 * language), Mappings, Countries and Attributes (one per item, beside its
 * term's ID).  Columns keep the CSV's names (docs/export.md). */
#ifndef SPOR_RMS_XLSX_H
#define SPOR_RMS_XLSX_H

#include <jansson.h>

struct arena;
struct xlsx;
struct rms_xlsx;

/* The sheets, in workbook `x`, their headers written. */
struct rms_xlsx *rms_xlsx_begin(struct arena *a, struct xlsx *x);
/* A term's snapshot (as rms_term_view.h reads it) as rows of each sheet; its names only in
 * `lang` unless NULL, and nothing of a term without a name there (as the
 * CSV; a term without a name in any language is still a row of Terms when
 * `lang` is NULL).  `a` holds the cells while they are written. */
struct rms_term_view;
void rms_xlsx_term(struct rms_xlsx *w, struct arena *a, const struct rms_term_view *term, const char *lang);

#endif
