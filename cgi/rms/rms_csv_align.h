/* Putting an EMA export row's fields back under their columns.  An unquoted
 * comma inside a value splits it and shifts every later column (a quoted
 * field is never half of such a value); a row may
 * also stop early (trailing empty columns left out).  What the format
 * guarantees decides where each field belongs: the type of every column
 * (12-digit IDs, dates in their two forms, row IDs, codes, free text ...)
 * and that the columns of one ¦-joined group (a mapping's source, term ID,
 * name, main flag, version, status and row ID; a text's value, dates,
 * authors and row IDs) hold as many ¦ parts each.  The alignment chosen is
 * the one with the fewest unreadable values, then the fewest commas put
 * back; a value still unreadable is named with the reason, never guessed. */
#ifndef SPOR_RMS_CSV_ALIGN_H
#define SPOR_RMS_CSV_ALIGN_H

#include <stdbool.h>
#include <stddef.h>

struct arena;
struct csv_row;
struct rms_align;

/* The columns of a header, typed by their names (a column the EMA's
 * format does not name is free text); scratch for aligning its rows.
 * Freed with rms_align_free. */
struct rms_align *rms_align_new(const struct csv_row *header);
void rms_align_free(struct rms_align *al);

/* One row under the header's columns: cell[i] for header column i ("" for
 * a column the row left out) and why[i], NULL when the cell is readable,
 * else why it is not (the cell then holds the raw text).  `realigned`:
 * fields were joined or moved to get there; `extra`: fields beyond the
 * header's columns that no column could take (not read).  The arrays hold
 * until the next row. */
/* Why a cell is unreadable when one of its fields holds a NUL byte. */
#define WHY_NUL "holds a NUL byte"

struct rms_aligned {
	const char **cell, **why;
	bool realigned;
	size_t extra;
};

/* Align `row` (its fields may hold a NUL byte: row->nul); the cells live in
 * `a`.  Always succeeds: a row that no alignment fits keeps its fields in
 * place, the unreadable ones named. */
void rms_align_row(struct rms_align *al, struct arena *a, const struct csv_row *row, struct rms_aligned *out);

#endif
