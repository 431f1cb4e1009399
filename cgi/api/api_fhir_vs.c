/* FHIR ValueSet: each list's implicit value set of every term,
 * https://spor.ema.europa.eu/v1/lists/{listId}?fhir_vs, read at
 * /api/v1/fhir/ValueSet/{listId}; $expand (filter by the portal's word
 * search, count and offset, displayLanguage, activeOnly,
 * includeDesignations) and $validate-code, at type level (?url=) and
 * instance level, by GET and by POST (a Parameters body: the same fields,
 * api_document.c).  An expansion is ordered by English name (the current
 * terms first when filtered, as the search is); its deep pages are found
 * by the list's anchors (rms_anchor.h), never by skipping the list. */
#include "config.h"

#include <openssl/evp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "api/api.h"
#include "api/api_tx.h"
#include "core/db.h"
#include "core/listing.h"
#include "core/program.h"
#include "core/session.h"
#include "programs/fields_public.h"
#include "programs/handlers_public.h"
#include "rms/rms_anchor.h"
#include "rms/rms_fhir.h"
#include "rms/rms_page.h"
#include "rms/rms_record.h"

/* The most codes one expansion answers: a larger one is paged (count). */
enum { VS_MAX_CODES = 1000 };

static const char *list_system(struct req *r, const char *list)
{
	return arena_printf(r->arena, TX_SYSTEM "%s", list);
}

/* The value set of a list, without its expansion. */
static json_t *value_set(struct req *r, const struct db_rows *list)
{
	const char *id = db_get(list, 0, TX_LIST_ID), *version = db_get(list, 0, TX_LIST_VERSION);
	const char *system = list_system(r, id);
	return json_pack("{s:s, s:s, s:s, s:s, s:s, s:s, s:s, s:s, s:{s:[{s:s, s:s}]}}", "resourceType", "ValueSet",
			 "id", id, "url", arena_printf(r->arena, "%s" TX_VALUE_SET, system), "version", version,
			 "name", arena_printf(r->arena, "SPOR_%s", id), "title", db_get(list, 0, TX_LIST_NAME),
			 "status", rms_fhir_status(db_get(list, 0, TX_LIST_STATUS)), "description",
			 arena_printf(r->arena, "Every term of the SPOR list %s.", id), "compose", "include", "system",
			 system, "version", version);
}

/* The list of the value set the request names: the path's, or its url
 * (which must then name the same).  0, 400 or 404. */
static int resolve(struct req *r, struct db_rows *list)
{
	const char *path = in_text(r, PF_LIST_ID), *url = in_text(r, PF_TX_URL);
	const char *id = url ? tx_value_set_list(r->arena, url) : path;
	if (!url && !path)
		return tx_refuse(r, 400, "url", "missing");
	if (!id)
		return tx_refuse(r, 404, "url", "unknown_value_set");
	if (path && strcmp(path, id) != 0)
		return tx_refuse(r, 400, "url", "not_this_value_set");
	if (tx_list(r, id, list) < 0)
		return 500;
	return list->nrows ? 0 : tx_refuse(r, 404, url ? "url" : "listId", "unknown_value_set");
}

int api_fhir_vs_show(struct req *r)
{
	struct db_rows list;
	int rc = resolve(r, &list);
	if (rc)
		return rc;
	api_modified(r, db_get(&list, 0, TX_LIST_MODIFIED));
	return api_send_fhir(r, value_set(r, &list));
}

/* The language of displays: displayLanguage's primary subtag, else English. */
static const char *display_lang(struct req *r)
{
	const char *l = in_text(r, PF_TX_DISPLAY_LANG);
	return l ? arena_strndup(r->arena, l, strcspn(l, "-")) : "en";
}

/* The codes of an expansion page: ID, status and display. */
enum { CODE_ID, CODE_STATUS, CODE_DISPLAY, CODE__COUNT };
static struct db_sql q_codes = DB_SQL_COLS(CODE__COUNT,
	"SELECT t.id, t.status, COALESCE(n.value, t.name_en) FROM " LISTING_ID_TABLE " JOIN rms_terms t ON t.id = j.id"
	" LEFT JOIN rms_term_names n ON n.term_id = t.id AND n.lang = ? AND n.kind = 'name'");
enum { NAME_TERM, NAME_LANG, NAME_KIND, NAME_VALUE, NAME__COUNT };
static struct db_sql q_names = DB_SQL_COLS(NAME__COUNT,
	"SELECT n.term_id, n.lang, n.kind, n.value FROM " LISTING_ID_TABLE " JOIN rms_term_names n ON n.term_id = j.id"
	" ORDER BY n.term_id, n.lang, n.kind");

/* One page of a list's terms by English name from the start (deeper ones:
 * the anchors), every term or the current ones.  Arguments: list, limit, offset. */
static struct db_sql q_first[2] = {
	DB_SQL_FRESH("SELECT t.id FROM rms_terms t FORCE INDEX (rms_terms_list_name) WHERE t.list_id = ?"
		     " ORDER BY t.name_sort, t.id LIMIT ? OFFSET ?"),
	DB_SQL_FRESH("SELECT t.id FROM rms_terms t FORCE INDEX (rms_terms_list_status) WHERE t.list_id = ?"
		     " AND t.status = 'CURRENT' ORDER BY t.name_sort, t.id LIMIT ? OFFSET ?"),
};

struct expansion {
	const char *list, *filter, *lang;
	bool active, designations;
	long long count, offset, total;
	struct db_rows ids; /* the page's term IDs, in order (column 0) */
};

/* The page's IDs and the expansion's total.  0, 400 (a filter of no
 * usable word) or 500. */
static int page_ids(struct req *r, struct expansion *x, const struct db_rows *list)
{
	if (x->filter) {
		struct words w;
		rms_words(r, x->filter, &w);
		if (!w.n)
			return tx_refuse(r, 400, "filter", "too_short");
		return rms_search_at(r, &w, x->list, x->active ? "CURRENT" : NULL, x->offset, x->count, &x->total,
				     &x->ids) < 0
			       ? 500
			       : 0;
	}
	x->total = atoll(db_get(list, 0, x->active ? TX_LIST_CURRENT : TX_LIST_TERMS));
	int sort = x->active ? RMS_ANCHOR_CURRENT_BY_NAME : TERMS_BY_NAME;
	if (x->offset >= x->total || !x->count) {
		x->ids = (struct db_rows){.ncols = 1};
		return 0;
	}
	int rc = rms_anchor_deep(sort, x->offset)
			 ? rms_anchor_page(r, x->list, sort, x->count, x->offset, &x->ids)
			 : db_query(r->app->db, r->arena, &q_first[x->active], &x->ids, "sii", x->list, x->count, x->offset);
	return rc < 0 ? 500 : 0;
}

/* A digest of the expansion's definition as a UUID: the pages of one
 * expansion share it, and so do its answers until the data change. */
static const char *identifier(struct req *r, const struct expansion *x, const char *modified)
{
	const char *text = arena_printf(r->arena, "%s|%s|%s|%s|%d|%d|%lld", x->list, modified ? modified : "",
					x->filter ? x->filter : "", x->lang, x->active, x->designations,
					session_data_gen(r));
	unsigned char md[EVP_MAX_MD_SIZE];
	unsigned int n = 0;
	EVP_Digest(text, strlen(text), md, &n, EVP_sha256(), NULL);
	md[6] = (unsigned char)((md[6] & 0x0f) | 0x50); /* a name-based UUID (version 5's layout) */
	md[8] = (unsigned char)((md[8] & 0x3f) | 0x80);
	char hex[33];
	for (unsigned i = 0; i < 16; i++)
		snprintf(hex + 2 * i, 3, "%02x", md[i]);
	return arena_printf(r->arena, "urn:uuid:%.8s-%.4s-%.4s-%.4s-%.12s", hex, hex + 8, hex + 12, hex + 16, hex + 20);
}

/* The parameters that made the expansion, echoed in it. */
static json_t *echo(struct req *r, const struct expansion *x, const char *system, const char *version)
{
	json_t *p = json_array();
#define ECHO(name, type, value) json_array_append_new(p, json_pack("{s:s, s:o}", "name", name, type, value))
	if (x->filter)
		ECHO("filter", "valueString", json_string(x->filter));
	ECHO("offset", "valueInteger", json_integer(x->offset));
	ECHO("count", "valueInteger", json_integer(x->count));
	ECHO("displayLanguage", "valueCode", json_string(x->lang));
	ECHO("activeOnly", "valueBoolean", json_boolean(x->active));
	ECHO("includeDesignations", "valueBoolean", json_boolean(x->designations));
	ECHO("used-codesystem", "valueUri", json_string(arena_printf(r->arena, "%s|%s", system, version)));
#undef ECHO
	return p;
}

/* The page's codes as the expansion's contains (NULL when none). */
static json_t *contains(struct req *r, const struct expansion *x, const char *system, const char *version)
{
	if (!x->ids.nrows)
		return NULL;
	const char *ids = listing_ids(r, &x->ids, DB_VALUE);
	struct db_rows codes, names = {0};
	if (db_query(r->app->db, r->arena, &q_codes, &codes, "ss", ids, x->lang) < 0 ||
	    (x->designations && db_query(r->app->db, r->arena, &q_names, &names, "s", ids) < 0))
		return NULL;
	listing_order_as(r, &codes, CODE_ID, &x->ids, DB_VALUE);
	json_t *list = json_array();
	size_t k = 0;
	for (size_t i = 0; i < codes.nrows; i++) {
		const char *id = db_get(&codes, i, CODE_ID);
		json_t *c = json_pack("{s:s, s:s, s:s, s:s}", "system", system, "version", version, "code", id, "display",
				      db_get(&codes, i, CODE_DISPLAY));
		if (strcmp(db_get(&codes, i, CODE_STATUS), "CURRENT") != 0)
			json_object_set_new(c, "inactive", json_true());
		json_t *d = json_array();
		/* The names are in the order of the IDs' numbers, not the page's. */
		for (k = 0; k < names.nrows; k++)
			if (strcmp(db_get(&names, k, NAME_TERM), id) == 0)
				rms_fhir_designation(d, db_get(&names, k, NAME_LANG), db_get(&names, k, NAME_KIND),
						     db_get(&names, k, NAME_VALUE));
		if (json_array_size(d))
			json_object_set_new(c, "designation", d);
		else
			json_decref(d);
		json_array_append_new(list, c);
	}
	return list;
}

/* $expand: the value set with one page of its codes. */
static int expand(struct req *r)
{
	struct db_rows list;
	int rc = resolve(r, &list);
	if (rc)
		return rc;
	struct expansion x = {.list = db_get(&list, 0, TX_LIST_ID), .filter = in_text(r, PF_TX_FILTER),
			      .lang = display_lang(r), .active = tx_bool(r, PF_TX_ACTIVE_ONLY, false),
			      .designations = tx_bool(r, PF_TX_DESIGNATIONS, false),
			      .count = in_int(r, PF_TX_COUNT, VS_MAX_CODES), .offset = in_int(r, PF_TX_OFFSET, 0)};
	bool paged = in_text(r, PF_TX_COUNT) != NULL;
	if ((rc = page_ids(r, &x, &list)))
		return rc;
	/* Without count, the whole expansion or, past VS_MAX_CODES, none:
	 * FHIR's too-costly (422), which a client answers with paging. */
	if (!paged && x.total - x.offset > VS_MAX_CODES)
		return tx_refuse(r, 422, "count", "too-costly");
	const char *system = list_system(r, x.list), *version = db_get(&list, 0, TX_LIST_VERSION);
	const char *modified = db_get(&list, 0, TX_LIST_MODIFIED);
	json_t *codes = contains(r, &x, system, version);
	if (!codes && x.ids.nrows)
		return 500;
	json_t *vs = value_set(r, &list);
	json_t *e = json_pack("{s:s, s:s, s:I, s:I, s:o}", "identifier", identifier(r, &x, modified), "timestamp",
			      modified ? modified : "1970-01-01T00:00:00Z", "total", (json_int_t)x.total, "offset",
			      (json_int_t)x.offset, "parameter", echo(r, &x, system, version));
	if (codes)
		json_object_set_new(e, "contains", codes);
	json_object_set_new(vs, "expansion", e);
	return api_send_fhir(r, vs);
}

int api_fhir_vs_expand_show(struct req *r)
{
	return expand(r);
}

int api_fhir_vs_expand_submit(struct req *r)
{
	return expand(r);
}

/* A term of a list: its status, replacement and display in a language,
 * and whether `display` is one of its names (any language or kind; case
 * and accents aside, as the collation compares).  Arguments: lang,
 * display, term, list. */
enum { TERM_STATUS, TERM_REPLACED_BY, TERM_DISPLAY, TERM_DISPLAY_OK, TERM__COUNT };
static struct db_sql q_term = DB_SQL_COLS(TERM__COUNT,
	"SELECT t.status, t.current_term_id, COALESCE(n.value, t.name_en),"
	" ? IS NULL OR ? = t.name_en OR EXISTS (SELECT 1 FROM rms_term_names d WHERE d.term_id = t.id AND d.value = ?)"
	" FROM rms_terms t LEFT JOIN rms_term_names n ON n.term_id = t.id AND n.lang = ? AND n.kind = 'name'"
	" WHERE t.id = ? AND t.list_id = ?");

/* $validate-code: whether the code is in the value set (result), and
 * what the client should know (message): a display that is none of the
 * code's names, a term no longer current.  Neither makes it false. */
static int validate_code(struct req *r)
{
	struct db_rows list, term = {0};
	int rc = resolve(r, &list);
	const char *system, *code, *display = in_text(r, PF_TX_DISPLAY), *lang = display_lang(r);
	if (rc || (rc = tx_coding(r, &system, &code)))
		return rc;
	const char *id = db_get(&list, 0, TX_LIST_ID), *vs_url = arena_printf(r->arena, TX_SYSTEM "%s" TX_VALUE_SET, id);
	const char *in_system = system ? tx_id_in(r->arena, system, TX_SYSTEM, "") : id;
	json_t *out = tx_parameters();
	if (!in_system || strcmp(in_system, id) != 0) {
		tx_param(out, "result", "valueBoolean", json_false());
		tx_param(out, "message", "valueString",
			 json_string(arena_printf(r->arena, "The system %s is not in the value set %s", system, vs_url)));
		return api_send_fhir(r, out);
	}
	if (rms_is_id(code) && db_query(r->app->db, r->arena, &q_term, &term, "ssssss", display, display, display, lang,
					code, id) < 0) {
		json_decref(out);
		return 500;
	}
	if (!term.nrows) {
		tx_param(out, "result", "valueBoolean", json_false());
		tx_param(out, "message", "valueString",
			 json_string(arena_printf(r->arena, "The code %s is not in the value set %s", code, vs_url)));
		return api_send_fhir(r, out);
	}
	const char *status = db_get(&term, 0, TERM_STATUS), *by = db_get(&term, 0, TERM_REPLACED_BY);
	const char *right = db_get(&term, 0, TERM_DISPLAY), *message = NULL;
	if (strcmp(db_get(&term, 0, TERM_DISPLAY_OK), "1") != 0)
		message = arena_printf(r->arena, "The display \"%s\" is not a name of the code %s; its display is \"%s\"",
				       display, code, right);
	if (strcmp(status, "CURRENT") != 0) {
		const char *warn = arena_printf(r->arena, "The code %s is %s%s%s", code, status,
						by ? ", replaced by " : "", by ? by : "");
		message = message ? arena_printf(r->arena, "%s. %s", message, warn) : warn;
	}
	tx_param(out, "result", "valueBoolean", json_true());
	tx_param(out, "message", "valueString", message ? json_string(message) : NULL);
	tx_param(out, "display", "valueString", json_string(right));
	return api_send_fhir(r, out);
}

int api_fhir_vs_validate_code_show(struct req *r)
{
	return validate_code(r);
}

int api_fhir_vs_validate_code_submit(struct req *r)
{
	return validate_code(r);
}
