/* The canonical form of a term: one JSON object holding every field, the
 * texts per language and kind, mappings, countries and attributes.  Imports
 * merge what a source states into the stored snapshot: the term is written
 * (and a version recorded) only when the result differs, which makes
 * importing the same file twice change nothing.  The snapshot of each
 * version is kept, so a term's history stays readable. */
#ifndef SPOR_RMS_SNAPSHOT_H
#define SPOR_RMS_SNAPSHOT_H

#include <jansson.h>

#include "rms/rms_record.h"

struct buf;

/* Merge records of one term (same id) into a copy of `base` (the stored
 * snapshot, or NULL for a new term).  A record with has_fields states every
 * term-level field (NULL means none); otherwise only its non-NULL status,
 * domain, parent and replacement are applied.  For the record's language, a
 * NULL text is left as it is, "" removes it, anything else sets it.
 * Returns a new reference. */
json_t *rms_snapshot_merge(const json_t *base, const struct rms_term_in *const *recs, size_t n);

/* What differs between two snapshots, as "status, name (fr), mappings"
 * (empty when they are equal). */
void rms_snapshot_diff(const json_t *old, const json_t *new, struct buf *out);

/* The English name, or else the first name in any language ("" if none). */
const char *rms_snapshot_name_en(const json_t *snap);

/* Text helpers for the store: the string at key, or NULL. */
const char *rms_snap_str(const json_t *obj, const char *key);

#endif
