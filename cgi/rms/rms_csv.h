/* Reading the EMA portal's list export: CSV (RFC 4180, core/csv_read.h), one row
 * per term per language under a header of up to 101 columns, found by name.
 * Real files are messy: each row's fields are put back under their columns
 * (rms_csv_align.h: commas inside values joined again, short rows), and a
 * value that still cannot be read is dropped and reported with its line,
 * column and reason, never its row.  Only a row without a readable Term ID
 * is rejected: it belongs to no term. */
#ifndef SPOR_RMS_CSV_H
#define SPOR_RMS_CSV_H

#include <jansson.h>
#include <stddef.h>

#include "rms/rms_record.h"

struct arena;

struct rms_csv_stats {
	unsigned long rows, repaired, rejected;
	unsigned long dropped; /* values not read, in rows kept */
};

/* Read `data` (a whole export, with or without a byte order mark) and hand
 * every row with a Term ID to sink->term (sink->drop for each value it could
 * not read).  Returns 0, or -1 when the file cannot be read at all (no
 * header, a required column missing), with a message. */
int rms_csv_read(struct arena *a, const char *data, size_t len, const struct rms_sink *sink,
		 struct rms_csv_stats *stats, char *err, size_t errsize);

/* Write a term's snapshot (rms_snapshot.h, as rms_term_view.h reads it) as
 * export rows, one per language that has a name (only `lang` unless NULL),
 * in the order of the language codes; a term with no name at all, one row without a
 * language (unless `lang`).  Returns the number of rows. */
struct buf;
struct rms_term_view;
struct rms_view_text;
size_t rms_csv_write(struct arena *a, struct buf *out, const struct rms_term_view *term, const char *lang);

/* The languages in which a term's snapshot has a name (only `lang` unless
 * NULL), in the order of their codes: the export's rows of that term.
 * Returns how many, their texts in `*out` (in `a`). */
size_t rms_csv_langs(struct arena *a, const struct rms_term_view *term, const char *lang,
		     const struct rms_view_text ***out);

/* The export's columns in the order the portal writes them (the EMA's
 * header names, which this reader also reads): `ncols` names. */
const char *rms_csv_column(size_t i);
extern const size_t rms_csv_ncolumns;

#endif
