/* The organisations' export as a spreadsheet (/oms/export.xlsx): the CSV's
 * content, one sheet per kind of row instead of an organisation's fields
 * repeated on each of its locations or values joined with ¦: Organisations,
 * Alternative Names, Identifiers and Locations, each row beside its
 * organisation's ID (docs/oms-import.md). */
#ifndef SPOR_OMS_XLSX_H
#define SPOR_OMS_XLSX_H

#include <jansson.h>

struct arena;
struct xlsx;
struct oms_xlsx;

/* The sheets, in workbook `x`, their headers written. */
struct oms_xlsx *oms_xlsx_begin(struct arena *a, struct xlsx *x);
/* Canonical organisation `org` as rows of each sheet; `a` holds the cells
 * while they are written. */
void oms_xlsx_org(struct oms_xlsx *w, struct arena *a, const json_t *org);

#endif
