/* A term's stored snapshot (rms_snapshot.h) as what shows it reads it:
 * its page, FHIR's $lookup and $validate-code, the FHIR concepts of the
 * CodeSystem export and of search bundles, and the CSV and spreadsheet
 * exports.  Read in one pass over its text (core/jread.h) instead of parsed
 * into jansson's tree: a real term's record (35 languages, 6 KB) in 16 µs
 * where jansson's parse took 110-130.  Every value is text in the arena, NULL where the snapshot
 * has null or nothing. */
#ifndef SPOR_RMS_TERM_VIEW_H
#define SPOR_RMS_TERM_VIEW_H

#include <stdbool.h>
#include <stddef.h>

#include "rms/rms_record.h"

struct arena;

/* One text: its value, and its translation status, date and author as
 * stored with it; `present` when the record holds the kind at all (even
 * as null). */
struct rms_view_kind {
	const char *value, *status, *modified_at, *modified_by;
	bool present;
};

/* One language's texts, by kind (rms_kind_names' order). */
struct rms_view_text {
	const char *lang;
	struct rms_view_kind kind[RMS_KINDS];
};

struct rms_view_mapping {
	const char *source, *code, *name, *version, *status, *main; /* main: "true", "false" or NULL */
};

struct rms_view_attribute {
	const char *name, *value;
};

struct rms_term_view {
	const char *id, *list, *status, *domain, *parent, *replaced_by, *comments, *tags, *visibility;
	const char *level_short, *level_name, *created, *created_by, *modified, *modified_by;
	const char *status_changed_at, *version_date, *version, *major;
	struct rms_view_text *texts; /* in the snapshot's order (its languages sorted) */
	size_t ntexts;
	struct rms_view_mapping *mappings;
	size_t nmappings;
	const char **countries;
	size_t ncountries;
	struct rms_view_attribute *attributes;
	size_t nattributes;
};

/* Read `snapshot` into `v`: 0, or -1 when it is not a snapshot's JSON. */
int rms_term_view_read(struct arena *arena, const char *snapshot, struct rms_term_view *v);

/* The texts in `lang`, or NULL. */
const struct rms_view_text *rms_term_view_text(const struct rms_term_view *v, const char *lang);

/* The name in `lang`, or NULL. */
const char *rms_term_view_name(const struct rms_term_view *v, const char *lang);

/* The English name, or else the first name in any language ("" if none):
 * as rms_snapshot_name_en. */
const char *rms_term_view_name_en(const struct rms_term_view *v);

/* A flag of the record ("true" or "false": major, a mapping's main) as
 * `yes` or `no`; NULL when it is neither. */
const char *rms_term_view_flag(const char *boolean, const char *yes, const char *no);

#endif
