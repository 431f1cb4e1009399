/* The one check of a change request's proposal, whatever sends it: the
 * requester's form, a steward's approval with changes, and the write API
 * to come.  A proposal arrives as its values, a JSON object of field keys
 * (cr_record.h) and text values; the check reads each value as the forms'
 * field table would (core/field.h: length, type, choices), then what only
 * the data can tell (a domain of the Domain list, and one at all where the
 * list's terms have one; a parent or replacement of the same list; names
 * in other languages one to a language; an organisation's record as an
 * import would accept it), and makes the proposal: every value given for
 * something new, those that differ from the record for a change. */
#ifndef SPOR_CR_CHECK_H
#define SPOR_CR_CHECK_H

#include <jansson.h>
#include <stdbool.h>
#include <stddef.h>

#include "account/cr_record.h"

struct arena;
struct db;
struct db_rows;

/* One problem: the field's key, and why (a key of Lang.form.error). */
struct cr_problem {
	const char *key, *why;
};
enum { CR_PROBLEMS_MAX = 16 };

struct cr_verdict {
	const char *proposed; /* the proposal (JSON text, its fields in cr_keys' order); NULL with a problem */
	struct cr_problem problems[CR_PROBLEMS_MAX];
	size_t nproblems;
	char detail[256]; /* what is wrong with the organisation's record, for why = "record_invalid" */
};

/* The values a form sent (values[CR_F_...], NULL for a field left empty)
 * as a proposal's values: the fields of `type`, each under its key, line
 * ends as LF.  A new reference. */
json_t *cr_form_values(const char *type, const char *const values[CR_FORM__COUNT]);

/* Check `values` as a proposal about `t`, whose record is `before` now
 * (NULL for something new).  0 with the verdict, -1 when the database
 * failed. */
int cr_check(struct db *db, struct arena *a, const struct cr_target *t, const json_t *before, const json_t *values,
	     struct cr_verdict *v);

/* The name of the form field that sends `key` in a request of `type`
 * (where a page marks a problem), or NULL. */
const char *cr_form_name(const char *type, const char *key);

/* The domains a term of `list` may have (list NULL: a new list): the
 * terms of the Domain list and those its terms already have, as rows of
 * (CR_DOMAIN_ID, CR_DOMAIN_NAME); and whether its terms have one, when a
 * new term must too.  0 or -1. */
enum { CR_DOMAIN_ID, CR_DOMAIN_NAME, CR_DOMAIN__COUNT };
int cr_domains(struct db *db, struct arena *a, const char *list, struct db_rows *rows, bool *required);

#endif
