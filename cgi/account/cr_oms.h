/* Change requests of OMS (cr_oms.c): an organisation's or a location's
 * proposal made into the canonical record an import would make (checked by
 * oms_org_canonical), and its application with the organisation's
 * history. */
#ifndef SPOR_CR_OMS_H
#define SPOR_CR_OMS_H

#include <jansson.h>
#include <stdbool.h>
#include <stddef.h>

struct arena;
struct cr_target;
struct db;
struct req;

/* Whether the request type is about an organisation or a location
 * (ADD-ORG, UPD-ORG, ADD-LOC, UPD-LOC). */
bool cr_is_oms(const char *type);

/* The canonical record the proposal about `t` would make (`number` names
 * a new organisation's or location's ID), or NULL with the problem in err. */
json_t *cr_org_record(struct db *db, struct arena *a, const struct cr_target *t, long long number,
		      const char *proposed, char *err, size_t n);

/* Write an approved organisation change in the open transaction, with a
 * version of the organisation's history (what changed, as the OMS store
 * finds it); 1 or -1. */
long long cr_apply_org(struct req *r, const char *id, const struct cr_target *t, const char *proposed);

#endif
