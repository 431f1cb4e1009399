/* Streamed exports (CSV and JSON), shared by the RMS and OMS exports: the
 * answer's headers, a buffer flushed to the client as it fills, and RFC
 * 4180 fields. */
#ifndef SPOR_EXPORT_H
#define SPOR_EXPORT_H

#include <stdbool.h>
#include <jansson.h>
#include <stddef.h>

#include "core/mem.h"

struct req;

struct export_out {
	struct req *r;
	struct buf buf;
	unsigned long rows;
	struct arena *scratch; /* for one record at a time: arena_reset it per record */
	/* What export_record does with each record (`data` is its own). */
	void (*record)(struct export_out *o, const json_t *doc);
	void *data;
	/* Where the bytes go: the answer (NULL), or this (a file of sporctl
	 * dump, which writes the same bytes as the answer would hold). */
	void (*sink)(void *ctx, const char *data, size_t len);
	void *sink_ctx;
};

/* Get ready to write, the headers not sent yet (an export written whole
 * before it is sent). */
void export_init(struct export_out *o, struct req *r);
/* Get ready to write to `sink` instead of an answer. */
void export_init_sink(struct export_out *o, struct req *r, void (*sink)(void *ctx, const char *data, size_t len),
		      void *ctx);
/* Send the headers (an attachment named `filename`, never cached by nginx)
 * and get ready to write. */
void export_start(struct export_out *o, struct req *r, const char *content_type, const char *filename);
/* Write what is buffered once it is large enough. */
void export_flush(struct export_out *o, bool force);
/* Write the rest and free the scratch arena. */
void export_end(struct export_out *o);
/* A CSV field (after a comma unless `first`), quoted when it holds a comma,
 * a quote or a line break, or is not all digits, and guarded with a leading
 * "'" when a spreadsheet would take it for a formula (csv_needs_guard).
 * Every CSV cell the portal writes goes through here. */
void export_csv_field(struct buf *b, const char *s, bool first);
/* The values of `key` in an array of objects (of the strings themselves
 * when key is NULL), joined with CSV_MULTI_SEP; NULL when all are null. */
const char *export_joined(struct arena *a, const json_t *items, const char *key);
/* db_each callback: the one column (a JSON document: a record, a term's
 * snapshot) parsed and handed to o->record with o->scratch reset for it,
 * then what is buffered written once it is large enough; -1 for a
 * document that does not parse. */
int export_record(void *ctx, const char *const *cells, size_t ncols);
/* db_each callback: the one column (a JSON document) as the next element of an
 * array. */
int export_json_row(void *ctx, const char *const *cells, size_t ncols);

#endif
