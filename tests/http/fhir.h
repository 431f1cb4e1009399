/* What the HTTP tests of the FHIR terminology service share: requests as a
 * FHIR client sends them (Accept: application/fhir+json; a POST's body a
 * Parameters resource as application/fhir+json), their answers as JSON, the
 * values of a Parameters resource, an OperationOutcome's issue, and the
 * data they run on (the demonstration lists and the hierarchical list of
 * tests/fixtures/rms/hierarchy.json). */
#ifndef SPOR_TEST_FHIR_H
#define SPOR_TEST_FHIR_H

#include <jansson.h>
#include <stdbool.h>

#include "client.h"

/* The hierarchical list of the fixture, and its URL as a FHIR system. */
#define FHIR_TREE "900000000100"
#define FHIR_TREE_URL "https://spor.ema.europa.eu/v1/lists/" FHIR_TREE
#define FHIR_SYSTEM(list) "https://spor.ema.europa.eu/v1/lists/" list

/* Import the demonstration data and the fixture (idempotent).  True when
 * both worked. */
bool fhir_data(void);

/* GET or POST (`body` a JSON text, or NULL) and the answer parsed (NULL
 * when it is not JSON); the answer's status and headers in *r.  The caller
 * frees both. */
json_t *fhir_get(const char *path, struct resp *r);
json_t *fhir_post(const char *path, const char *body, struct resp *r);

/* A Parameters resource of name/value pairs ("code", "valueCode", "1234",
 * ..., NULL) as JSON text (a new string). */
char *fhir_parameters(const char *name, ...) __attribute__((sentinel));

/* The `n`th parameter (from 0) named `name` of a Parameters resource (or of
 * a parameter's parts), or NULL. */
json_t *fhir_param(const json_t *params, const char *name, size_t n);
/* How many parameters are named `name`. */
size_t fhir_count(const json_t *params, const char *name);
/* A parameter's value as text: value[x] a string (valueString, valueCode,
 * valueDateTime ...), "true"/"false" for valueBoolean, a Coding's code;
 * NULL when there is none. */
const char *fhir_value(const json_t *param);
/* The value of the part `part` of the `n`th parameter `name`. */
const char *fhir_part(const json_t *params, const char *name, size_t n, const char *part);
/* Whether a $lookup answer has the property `code` with `value` (any value
 * when NULL). */
bool fhir_has_property(const json_t *params, const char *code, const char *value);

/* Whether `doc` is an OperationOutcome whose first issue is of `code`
 * ("invalid", "not-found" ...) and names `expression` (or none, when
 * NULL); says what it is otherwise. */
bool fhir_outcome(const json_t *doc, const char *code, const char *expression);

#endif
