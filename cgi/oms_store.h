/* Writing canonical OMS organisations (oms_record.h) to the database, in
 * transactions of OMS_BATCH organisations.  An organisation whose record is
 * unchanged is not written. */
#ifndef SPOR_OMS_STORE_H
#define SPOR_OMS_STORE_H

#include <jansson.h>
#include <stdbool.h>
#include <stddef.h>

struct db;
struct oms_store;

enum { OMS_BATCH = 500 };

struct oms_store_stats {
	unsigned long orgs_new, orgs_changed, orgs_unchanged, locations;
};

/* Opens the first transaction. */
struct oms_store *oms_store_open(struct db *db);
/* A store that writes one approved change inside the caller's open
 * transaction (close then only refreshes the statistics). */
struct oms_store *oms_store_for_request(struct db *db);
/* 0 written (or unchanged); 1 refused, with the reason in why (one of its
 * locations belongs to another organisation); -1 failure (the batch in
 * progress is then rolled back by close). */
int oms_store_org(struct oms_store *s, const json_t *org, char *why, size_t whysize);
/* Commit (ok) or roll back the batch in progress; 0 or -1.  `stats` may be NULL. */
int oms_store_close(struct oms_store *s, bool ok, struct oms_store_stats *stats);

#endif
