/* What the FHIR terminology operations on value sets and concept maps
 * share (api_fhir_vs.c, api_fhir_cm.c): a list as the code system and the
 * implicit value set FHIR names it by, the canonical URLs they answer to,
 * and the Parameters resource their operations answer with. */
#ifndef SPOR_API_TX_H
#define SPOR_API_TX_H

#include <jansson.h>
#include <stdbool.h>

#include "core/db.h"

struct req;
struct arena;

/* A list's code system; its value set of every term is TX_SYSTEM "ID?fhir_vs". */
#define TX_SYSTEM "https://spor.ema.europa.eu/v1/lists/"
#define TX_VALUE_SET "?fhir_vs"
/* A source vocabulary of the mappings, named by its own RMS term. */
#define TX_SOURCE "https://spor.ema.europa.eu/v1/sources/"

/* The list as the operations read it: its name, version, FHIR status, the
 * time of its data, how many terms and current terms it has, and the
 * sources its terms map from ({"ID": count}, JSON, or NULL). */
enum {
	TX_LIST_ID,
	TX_LIST_NAME,
	TX_LIST_VERSION,
	TX_LIST_STATUS,
	TX_LIST_MODIFIED,
	TX_LIST_TERMS,
	TX_LIST_CURRENT,
	TX_LIST_SOURCES,
	TX_LIST__COUNT
};
/* The list `id` into `list` (one row or none).  0 or -1. */
int tx_list(struct req *r, const char *id, struct db_rows *list);

/* The lists whose terms map from a source (every one, or `id` alone when
 * not NULL), by ID, in the columns of tx_list.  0 or -1. */
int tx_lists_mapped(struct req *r, const char *id, struct db_rows *lists);

/* The 12-digit ID after `prefix` (https:// or http://, the scheme read
 * as either) and before `suffix` in `url`, nothing else around it; NULL
 * when `url` is not one. */
const char *tx_id_in(struct arena *a, const char *url, const char *prefix, const char *suffix);

/* The list of a value set's canonical URL (TX_SYSTEM ID TX_VALUE_SET,
 * optionally "|version"), or NULL. */
const char *tx_value_set_list(struct arena *a, const char *url);

/* The answer of a failed operation: `status` (400, 404, 422) with an
 * OperationOutcome naming `param` and saying `reason`. */
int tx_refuse(struct req *r, int status, const char *param, const char *reason);

/* A Parameters resource to answer with, and one more parameter of it:
 * `type` is the value's key ("valueBoolean", "valueString" ...); the
 * value's reference is taken.  NULL values are left out. */
json_t *tx_parameters(void);
void tx_param(json_t *params, const char *name, const char *type, json_t *value);

/* A boolean parameter (FT_ENUM false, true) as given, or `fallback`. */
bool tx_bool(struct req *r, int field, bool fallback);

/* The code and system of a request: its code and system, or its coding
 * ("system|code"); 0, or a 400 naming what is missing or malformed. */
int tx_coding(struct req *r, const char **system, const char **code);

#endif
