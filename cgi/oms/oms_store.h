/* Writing canonical OMS organisations (oms_record.h) to the database, all of
 * an import in one transaction: killed or failed half-way, it leaves the
 * organisations as they were.  An organisation whose record is unchanged is
 * not written; each one written gets a version in its history (what changed
 * in it and in each location, when, and from which source). */
#ifndef SPOR_OMS_STORE_H
#define SPOR_OMS_STORE_H

#include <jansson.h>
#include <stdbool.h>
#include <stddef.h>

struct db;
struct oms_store;

struct oms_store_stats {
	unsigned long orgs_new, orgs_changed, orgs_unchanged, locations;
};

/* Opens the first transaction.  `source` names where the records come from
 * in their versions ("import", "generated"); `file`, the name of the file
 * an import reads, or NULL.  Both must outlive the store. */
struct oms_store *oms_store_open(struct db *db, const char *source, const char *file);
/* A store that writes one approved change inside the caller's open
 * transaction (close then only refreshes the statistics); its version
 * names the request. */
struct oms_store *oms_store_for_request(struct db *db, const char *request_id);
/* 0 written (or unchanged); 1 refused, with the reason in why (one of its
 * locations belongs to another organisation); -1 failure (the whole import
 * is then rolled back by close). */
int oms_store_org(struct oms_store *s, const json_t *org, char *why, size_t whysize);
/* Commit what was written so far and go on in a new transaction: for
 * generated data only, where a partial result is harmless and one
 * transaction of a million rows is not.  0 or -1. */
int oms_store_checkpoint(struct oms_store *s);
/* Commit (ok) or roll back the import; 0 or -1.  `stats` may be NULL. */
int oms_store_close(struct oms_store *s, bool ok, struct oms_store_stats *stats);

#endif
