/* Reading FHIR R4 CodeSystem JSON, alone or as the entries of a Bundle:
 * the list ID comes from the url (https://spor.ema.europa.eu/v1/lists/ID),
 * its name from the title; each concept is a term (code = term ID, display
 * = English name, definition = English description), designations are
 * names in other languages, and the properties status, domain, parent and
 * replacedBy set the term's fields of those names.  Nested concepts are
 * children of the concept that holds them. */
#ifndef SPOR_RMS_FHIR_H
#define SPOR_RMS_FHIR_H

#include <stddef.h>

#include <jansson.h>

#include "rms/rms_record.h"

struct arena;

/* The system of a designation's use, the kind of text it is: name, short,
 * other, symbol, definition (the concepts of the CodeSystem export leave a
 * name in another language without one). */
#define RMS_FHIR_USE_SYSTEM "https://spor.ema.europa.eu/v1/designation-use"

struct rms_fhir_stats {
	unsigned long codesystems, concepts, rejected;
};

/* Returns 0, or -1 when the document is not a CodeSystem or a Bundle of
 * them (with a message naming where). */
int rms_fhir_read(struct arena *a, const char *data, size_t len, const struct rms_sink *sink,
		  struct rms_fhir_stats *stats, char *err, size_t errsize);

/* The list ID of an SPOR list URL, or NULL. */
const char *rms_fhir_list_id(struct arena *a, const char *url);

/* A term's snapshot (rms_snapshot.h), as rms_term_view_read reads it, as a
 * FHIR R4 CodeSystem concept: code (the term ID), display and definition
 * (English), designations for the other texts (language; use short, other,
 * symbol or definition), and the properties status, domain, parent and
 * replacedBy.  rms_fhir_read reads it back to the same texts and fields.  A
 * new reference. */
struct rms_term_view;
json_t *rms_fhir_concept(const struct rms_term_view *term);

/* One text of a term as a concept's designation, appended to `list`: its
 * language, its use for the kinds but the name (rms_kind_names: short,
 * other, symbol, description as definition) and its value. */
void rms_fhir_designation(json_t *list, const char *lang, const char *kind, const char *value);

/* The FHIR publication status of an RMS status (CURRENT: active,
 * PROVISIONAL: draft, else retired). */
const char *rms_fhir_status(const char *rms_status);

#endif
