/* Writing RMS data: lists, and terms from their merged snapshots, in
 * one transaction (all of an import or nothing).  A term whose snapshot
 * does not change is not written at all. */
#ifndef SPOR_RMS_STORE_H
#define SPOR_RMS_STORE_H

#include <stdbool.h>

#include "rms/rms_record.h"

struct arena;
struct db;

struct rms_store_stats {
	unsigned long lists_new, lists_updated;
	unsigned long terms_new, terms_changed, terms_unchanged;
	unsigned long texts; /* names and descriptions written */
};

struct rms_store;

/* `source` is recorded with each version: "import", "demo", "request". */
struct rms_store *rms_store_open(struct db *db, const char *source);
/* A store that applies an approved change request inside the caller's open
 * transaction (which the caller commits or rolls back; rms_store_close only
 * updates the lists' counts): each version it records names the request. */
struct rms_store *rms_store_for_request(struct db *db, const char *request_id);
/* Make sure the list exists; set its name and description when given. */
int rms_store_list(struct rms_store *s, struct arena *a, const struct rms_list_in *list);
/* The records of one term (same id). */
struct rms_term_group {
	const struct rms_term_in *const *recs;
	size_t n;
};
/* Merge each term's records onto its last version and write those that
 * changed: their last versions read in one statement, their rows in one
 * statement per table (rms_rows.h).  Each term once per call. */
int rms_store_terms(struct rms_store *s, struct arena *a, const struct rms_term_group *terms, size_t n);
/* rms_store_terms of one term. */
int rms_store_term(struct rms_store *s, struct arena *a, const struct rms_term_in *const *recs, size_t n);
/* Recount what a list's pages show without counting (terms, languages,
 * terms per status and domain). */
int rms_store_list_stats(struct db *db, const char *list_id);
/* Commit (ok) or roll back everything written, update the touched lists' term
 * counts, and free the store.  Returns 0 or -1. */
int rms_store_close(struct rms_store *s, bool ok, struct rms_store_stats *stats);

#endif
