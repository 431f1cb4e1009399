/* EMA-shaped list exports written at random from known terms, with the
 * quirks of the EMA's real files: the 101-column header, one row per term
 * per language in any language, rows that stop early, ¦-joined values with
 * one date, author, status and row ID per value, both date forms, unquoted
 * commas inside any text value (single or multi-valued, with or without a
 * space after them), and now and then a value that cannot be read.  Each
 * term comes with the snapshot it must import to (rms_snapshot.h's form),
 * built from the known values, not by the reader.  Shared by the unit test
 * (test_rms_generated), the import test (test_rms_import) and the rms_csv
 * fuzz target. */
#ifndef SPOR_TESTS_EMA_EXPORT_H
#define SPOR_TESTS_EMA_EXPORT_H

#include <jansson.h>
#include <stdbool.h>
#include <stddef.h>

struct ema_export {
	char *csv; /* the file (malloc'ed, NUL-terminated) */
	size_t len;
	json_t *expected; /* term ID → the snapshot it must import to */
	size_t rows;	  /* rows written */
	size_t unreadable; /* values written so that they cannot be read */
};

/* An export of `nterms` terms of list `list_id`, term IDs from `first_id`
 * (12 digits) on, the choices drawn from `seed`. */
void ema_export_make(struct ema_export *e, const char *list_id, unsigned long long first_id, size_t nterms,
		     unsigned long long seed);
void ema_export_free(struct ema_export *e);

/* Read the export with rms_csv_read and merge each term's records as an
 * import does: whether every term came back with every readable value, no
 * good value dropped and no row rejected, each unreadable value reported
 * (when `every_drop`: at random, two placements of a row's fields can be
 * alike, and the one taken may put a spoilt value in a column nobody
 * reads), and whether merging the records again onto what they gave
 * changes nothing; else what went wrong, in `why`. */
bool ema_export_reads_back(const struct ema_export *e, bool every_drop, char *why, size_t size);

/* Whether `got` is the snapshot `expected` (a term-level value, a mapping, a
 * country, an attribute or a text missing or different); else what differs,
 * in `why`. */
bool ema_export_same(const json_t *expected, const json_t *got, char *why, size_t size);

#endif
