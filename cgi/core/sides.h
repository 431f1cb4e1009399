/* A change request's records side by side: for each field the request
 * touched, its value before (when the request was submitted), again when
 * it was decided (if it had moved meanwhile), as proposed and as approved.
 * The records are flat JSON objects of text values (account/cr_record.h);
 * here they are compared field by field, whatever the fields are, for the
 * requester's page, the stewards' console and the public history, a term
 * or a country a field refers to by its name in the data language, its ID
 * beside it. */
#ifndef SPOR_SIDES_H
#define SPOR_SIDES_H

#include <stdbool.h>
#include <stddef.h>

#include "core/clearsilver.h"

struct req;

/* Under `node`, one item of `sides` per field that `proposed` or
 * `approved` names, or that differs between `before` and `decision`
 * (records as JSON text, each may be NULL): field, before, decision,
 * proposed and approved, with proposed_set and approved_set "1" where that
 * record names the field (else it leaves the field as it was), and
 * approved_changed "1" where the approval differs from the proposal; and
 * `node`'s has_before, moved and approved "1" when there is a record
 * before (none for something new), a decision's, an approval. */
void sides_put(HDF *node, const char *before, const char *decision, const char *proposed, const char *approved);

/* Whether a record's `field` holds the ID of a term or a country's code,
 * which the pages show by its name. */
bool sides_is_reference(const char *field);

/* In the rows of sides under `roots` (each a node sides_put filled, or a
 * list of them: Page.rounds, Page.versions), the name of each term ID and
 * country code a reference field holds, as <column>_name (before_name ...)
 * in the data language: all of them read in one statement.  0 or -1. */
int sides_names(struct req *r, HDF *const *roots, size_t nroots);

/* For the items of `versions` (a history: Page.versions) that name an
 * approved request (their `request`), its records side by side under
 * each, from what the public may read of them.  0 or -1. */
int sides_of_versions(struct req *r, HDF *versions);

#endif
