/* What the HTTP tests of the FHIR terminology operations share: requests
 * as a FHIR client sends them (GET with Accept application/fhir+json, POST
 * of a Parameters body), a Parameters answer's values, and the fixture:
 * a list of forms named in English, French and German with accents, one
 * term replaced, mappings from two sources, and enough terms to page past
 * the deep-page anchors. */
#ifndef SPOR_TEST_FHIR_TX_H
#define SPOR_TEST_FHIR_TX_H

#include <jansson.h>
#include <stdbool.h>

#include "client.h"

#define TX_LIST "900000000210"
#define TX_SOURCE_LIST "900000000219"
#define TX_EDQM "900000002190"  /* the main source of the mapped terms */
#define TX_OTHER "900000002191" /* another source: its codes are not the main ones */
#define TX_PAGING 1050		/* terms "Paging form 0001" ... */
#define TX_TERMS (TX_PAGING + 4)

/* Import the fixture (importing it again changes nothing). */
bool fhir_tx_fixture(void);

/* GET `path`, the body parsed (NULL when it is not JSON). */
json_t *fhir_get(const char *path, struct resp *r);
/* POST `body` (a Parameters resource's text) to `path`. */
json_t *fhir_post(const char *path, const char *body, struct resp *r);

/* The value of key `type` of the Parameters' parameter `name` (the first of
 * that name), or NULL. */
json_t *fhir_param(json_t *params, const char *name, const char *type);
/* The text of an OperationOutcome's first issue's expression and code. */
const char *fhir_issue_expression(json_t *oo);
const char *fhir_issue_code(json_t *oo);

#endif
