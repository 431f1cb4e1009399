/* OMS records: an organisation with its locations as the canonical JSON
 * object of docs/oms-import.md.  Both readers (CSV and JSON) build a rough
 * object from their source and pass it through oms_org_canonical, which
 * checks every field and writes the one form the store compares, the pages
 * read and the exports write. */
#ifndef SPOR_OMS_RECORD_H
#define SPOR_OMS_RECORD_H

#include <jansson.h>
#include <stdbool.h>
#include <stddef.h>

bool oms_is_org_id(const char *s); /* ORG- and 9 digits */
bool oms_is_loc_id(const char *s); /* LOC- and 9 digits */

/* The location `loc_id` of organisation record `record`, or NULL. */
json_t *oms_record_location(const json_t *record, const char *loc_id);

/* The canonical form of organisation `in` (a new reference), or NULL with
 * the first problem found in err ("the city is missing"). */
json_t *oms_org_canonical(const json_t *in, char *err, size_t errsize);

/* What the readers hand over: canonical organisations (the sink takes the
 * reference), problems with where they are (a line or a position), and
 * progress. */
struct oms_sink {
	void *ctx;
	int (*org)(void *ctx, json_t *org);
	void (*reject)(void *ctx, unsigned long line, const char *where, const char *reason);
	void (*progress)(void *ctx, size_t done, size_t total);
};

struct oms_read_stats {
	unsigned long rows, organisations, locations, rejected;
};

/* The readers: 0, or -1 when the document cannot be read at all (with a
 * message in err). */
int oms_csv_read(const char *data, size_t len, const struct oms_sink *sink, struct oms_read_stats *stats, char *err,
		 size_t errsize);
int oms_json_read(const char *data, size_t len, const struct oms_sink *sink, struct oms_read_stats *stats,
		  char *err, size_t errsize);

/* The export's CSV columns, in order (the names oms_csv_read reads). */
extern const char *const oms_csv_columns[];
extern const size_t oms_csv_ncolumns;

/* Write canonical organisation `org` as export rows (the header aside):
 * one per location, or one without a location; oms_csv_read reads them
 * back.  `a` holds the cells while they are written. */
struct arena;
struct buf;
void oms_csv_write(struct arena *a, struct buf *out, const json_t *org);

#endif
