/* Reading CSV files row by row (RFC 4180, read as libcsv did), knowing each row's
 * line number: the importers' common ground.  A byte order mark is skipped,
 * spaces are kept, blank lines are no rows, a field's spreadsheet guard is
 * removed (csv_needs_guard), and a quote that never closes is reported with
 * the line where its row starts. */
#ifndef SPOR_CSV_READ_H
#define SPOR_CSV_READ_H

#include <stdbool.h>
#include <stddef.h>

struct arena;

enum { CSV_FIELDS_MAX = 512 };

/* What joins the values of a multi-valued field in SPOR's exports: "¦". */
#define CSV_MULTI_SEP "\xc2\xa6"

/* Where the first ¦ in s stands, NULL when none: the end of s's first
 * part.  And how many parts s holds (0 when empty). */
const char *csv_sep(const char *s);
size_t csv_parts(const char *s);

/* A row: its fields (copied into the arena, NUL-terminated), the line where
 * it starts, whether it had more than CSV_FIELDS_MAX fields (the rest are
 * dropped), and whether a field held a NUL byte (its value would end there
 * unseen: the importers refuse that value); held_nul[i] says which (only
 * when nul).  quoted[i]: field i was written in quotes, so any comma in it
 * is its own and the commas around it divide fields. */
struct csv_row {
	const char **f;
	size_t n;
	unsigned long line;
	bool overflow, nul;
	const bool *held_nul, *quoted;
};

/* Called for every non-blank row, the header included; non-zero stops the
 * reading (csv_read then returns -1 with err untouched). */
typedef int csv_row_fn(void *ctx, const struct csv_row *row);
/* Called after each row with the bytes read so far and the total. */
typedef void csv_progress_fn(void *ctx, size_t done, size_t total);

/* 0; 1 when a quote never closes: the rows before it were handed over,
 * *broken is the line where its row starts and err says which lines are
 * lost; -1 when nothing could be read (no row at all), with a message. */
int csv_read(struct arena *a, const char *data, size_t len, csv_row_fn *each, csv_progress_fn *progress, void *ctx,
	     unsigned long *broken, char *err, size_t errsize);

/* Spreadsheet-safe cells (OWASP's rule against CSV injection): a value
 * that a spreadsheet would take for a formula, one that begins with "=",
 * "+", "-", "@", a tab or a carriage return, is written with a leading "'",
 * which makes the cell text.  So that every value reads back as it was, a
 * value that begins with one or more "'" and then such a character gets one
 * more "'" too, and csv_read removes one "'" from a field of that shape.
 * Whether `s` is such a value: */
bool csv_needs_guard(const char *s);

/* The index of the header field named `name`, matched without regard to
 * case, spaces and underscores; -1 when absent. */
int csv_column(const struct csv_row *header, const char *name);

#endif
