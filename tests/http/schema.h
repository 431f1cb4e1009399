/* Answers checked against the portal's OpenAPI description
 * (static/openapi.json, as nginx serves it): the subset of its schema
 * language the description uses ($ref, allOf, type, nullable, enum,
 * required, properties, additionalProperties, items, minItems, maxItems,
 * minimum, maxLength, pattern), so that a test can tell when what a path
 * answers and what the description promises part. */
#ifndef SPOR_TEST_SCHEMA_H
#define SPOR_TEST_SCHEMA_H

#include <jansson.h>
#include <stdbool.h>
#include <stddef.h>

/* The OpenAPI description, fetched from /api/v1/openapi.json (NULL when it
 * cannot be read).  The caller frees it. */
json_t *schema_spec(void);

/* Whether `doc` is what the schema `name` of the description's components
 * (#/components/schemas/<name>) describes; where it is not, why (a path
 * into the document and the rule) into why. */
bool schema_conforms(json_t *spec, const char *name, json_t *doc, char *why, size_t size);

#endif
