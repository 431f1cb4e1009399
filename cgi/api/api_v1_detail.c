/* The EMA v1's reads of one record, as its clients call them:
 * /v1/lists/{listId}/terms/{termId}, /v1/organisations/{ORG-ID} and
 * /v1/locations/{LOC-ID}, from the same records as the portal's own API
 * (a term's snapshot, an organisation's canonical record).  They keep the
 * conventions of the v1 answers (api_v1.c): lower-case hyphenated names, an
 * ID as {"id": ...}, a status as {"code": ...}, and, as the EMA's JSON made
 * from XML does, a collection of one element as that element and of
 * several as an array, an element without a value left out.  A merged
 * organisation or location ID answers 301 to the record it was merged
 * into, as /api/v1/ does. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "api/api.h"
#include "core/db.h"
#include "core/program.h"
#include "oms/oms_page.h"
#include "programs/fields_public.h"
#include "programs/handlers_public.h"

/* `items` as the EMA writes a collection: NULL for none, the element for
 * one, the array for several (the reference is taken). */
static json_t *collection(json_t *items)
{
	size_t n = json_array_size(items);
	json_t *one = n == 1 ? json_incref(json_array_get(items, 0)) : NULL;
	if (n == 1 || !n)
		json_decref(items);
	return n == 1 ? one : n ? items : NULL;
}

/* obj[key] = v unless v is NULL or null (taken). */
static void put(json_t *obj, const char *key, json_t *v)
{
	if (v && !json_is_null(v))
		json_object_set_new(obj, key, v);
	else
		json_decref(v);
}

/* {"wrapper": {"element": collection}} unless the collection is empty. */
static void put_collection(json_t *obj, const char *wrapper, const char *element, json_t *items)
{
	json_t *c = collection(items);
	if (c)
		json_object_set_new(obj, wrapper, json_pack("{s:o}", element, c));
}

/* A string member of `o` as a new reference, NULL when absent or null. */
static json_t *copy(const json_t *o, const char *key)
{
	json_t *v = json_object_get(o, key);
	return json_is_string(v) || json_is_number(v) || json_is_boolean(v) ? json_incref(v) : NULL;
}

static json_t *id_of(const json_t *o, const char *key)
{
	const char *s = json_string_value(json_object_get(o, key));
	return s ? json_pack("{s:s}", "id", s) : NULL;
}

static json_t *code_of(const json_t *o, const char *key)
{
	const char *s = json_string_value(json_object_get(o, key));
	return s ? json_pack("{s:s}", "code", s) : NULL;
}

/* The texts of one kind in every language: [{"<what>": {"text"}, "language": {"code"}}]. */
static json_t *texts(const json_t *snap, const char *kind, const char *what)
{
	json_t *items = json_array(), *by_kind;
	const char *lang;
	json_object_foreach(json_object_get(snap, "texts"), lang, by_kind)
	{
		const char *text = json_string_value(json_object_get(json_object_get(by_kind, kind), "value"));
		if (text)
			json_array_append_new(items, json_pack("{s:{s:s}, s:{s:s}}", what, "text", text, "language", "code", lang));
	}
	return items;
}

static struct db_sql q_term = DB_SQL(
	"SELECT v.snapshot FROM rms_terms t JOIN rms_term_versions v ON v.term_id = t.id AND v.seq = t.seq"
	" WHERE t.id = ? AND t.list_id = ?");

int api_v1_detail_term_show(struct req *r)
{
	struct db_rows rows;
	if (db_query(r->app->db, r->arena, &q_term, &rows, "ss", in_text(r, PF_TERM_ID), in_text(r, PF_LIST_ID)) < 0)
		return 500;
	if (!rows.nrows)
		return 404; /* no such term in this list */
	json_t *snap = json_loads(db_value(&rows, 0), 0, NULL);
	if (!snap)
		return 500;
	json_t *t = json_object();
	put(t, "term-id", id_of(snap, "id"));
	put(t, "list-id", id_of(snap, "list"));
	put_collection(t, "term-names", "term-name", texts(snap, "name", "name"));
	put_collection(t, "short-names", "short-name", texts(snap, "short", "name"));
	put_collection(t, "other-names", "other-name", texts(snap, "other", "name"));
	put_collection(t, "term-symbols", "term-symbol", texts(snap, "symbol", "symbol"));
	put_collection(t, "term-descriptions", "term-description", texts(snap, "description", "description"));
	put(t, "status", code_of(snap, "status"));
	put(t, "domain-id", id_of(snap, "domain"));
	put(t, "parent-term-id", id_of(snap, "parent"));
	put(t, "current-term-id", id_of(snap, "replaced_by"));
	json_t *sources = json_array(), *mains = json_array(), *m;
	size_t i;
	json_array_foreach(json_object_get(snap, "mappings"), i, m)
	{
		json_t *s = json_object();
		put(s, "source-id", id_of(m, "source"));
		put(s, "source-term-id", copy(m, "code"));
		put(s, "source-term-name", copy(m, "name"));
		put(s, "source-version", copy(m, "version"));
		put(s, "source-status", copy(m, "status"));
		put(s, "is-main-source", copy(m, "main"));
		if (json_is_true(json_object_get(m, "main")) && json_string_value(json_object_get(m, "code")))
			json_array_append_new(mains, json_pack("{s:O}", "source-term-id", json_object_get(m, "code")));
		json_array_append_new(sources, s);
	}
	put_collection(t, "main-source-codes", "main-source-code", mains);
	put_collection(t, "source-codes", "source-code", sources);
	json_t *countries = json_array(), *c;
	json_array_foreach(json_object_get(snap, "countries"), i, c)
		if (json_is_string(c))
			json_array_append_new(countries, json_pack("{s:O}", "id", c));
	put_collection(t, "applicable-countries", "country-id", countries);
	put(t, "version-number", copy(snap, "version"));
	put(t, "version-date", copy(snap, "version_date"));
	put(t, "created-on", copy(json_object_get(snap, "created"), "at"));
	put(t, "modified-on", copy(json_object_get(snap, "modified"), "at"));
	json_decref(snap);
	return api_send(r, json_pack("{s:o}", "controlled-term", t));
}

/* A location of a record in the EMA's words. */
static json_t *v1_location(const json_t *loc, const json_t *org)
{
	json_t *l = json_object();
	put(l, "loc-id", id_of(loc, "id"));
	put(l, "org-id", id_of(org, "id"));
	put(l, "org-name", copy(org, "name"));
	put_collection(l, "address-lines", "address-line", json_deep_copy(json_object_get(loc, "address")));
	put(l, "po-box", copy(loc, "po_box"));
	put(l, "postal-code", copy(loc, "postal_code"));
	put(l, "city", copy(loc, "city"));
	put(l, "county", copy(loc, "county"));
	put(l, "region", copy(loc, "region"));
	json_t *country = code_of(loc, "country_code");
	if (country)
		put(country, "name", copy(loc, "country"));
	put(l, "country", country);
	put(l, "latitude", copy(loc, "latitude"));
	put(l, "longitude", copy(loc, "longitude"));
	put(l, "language", code_of(loc, "lang"));
	put(l, "email", copy(loc, "email"));
	put(l, "phone", copy(loc, "phone"));
	put(l, "status", code_of(loc, "status"));
	put(l, "version-date", copy(loc, "version"));
	json_t *merged = json_array(), *v;
	size_t i;
	json_array_foreach(json_object_get(loc, "merged_ids"), i, v)
		json_array_append_new(merged, json_pack("{s:O}", "id", v));
	put_collection(l, "merged-loc-ids", "loc-id", merged);
	return l;
}

int api_v1_detail_organisation_show(struct req *r)
{
	int status;
	json_t *org = oms_record(r, "ORG", atoll(in_text(r, PF_ORG_ID) + 4), "/v1", &status);
	if (!org)
		return status;
	api_modified(r, json_string_value(json_object_get(org, "version")));
	json_t *o = json_object(), *v;
	put(o, "org-id", id_of(org, "id"));
	put(o, "org-name", copy(org, "name"));
	put(o, "org-acronym", copy(org, "acronym"));
	put(o, "org-type", copy(org, "type"));
	put(o, "org-size", copy(org, "size"));
	put(o, "status", code_of(org, "status"));
	put(o, "version-date", copy(org, "version"));
	json_t *names = json_array(), *ids = json_array(), *merged = json_array(), *locs = json_array();
	size_t i;
	json_array_foreach(json_object_get(org, "alternative_names"), i, v)
	{
		json_t *n = json_pack("{s:{s:O}}", "name", "text", json_object_get(v, "name"));
		put(n, "language", code_of(v, "lang"));
		json_array_append_new(names, n);
	}
	json_array_foreach(json_object_get(org, "identifiers"), i, v)
	{
		json_t *n = json_object();
		put(n, "system", copy(v, "system"));
		put(n, "code", copy(v, "code"));
		put(n, "valid-from", copy(v, "valid_from"));
		put(n, "valid-to", copy(v, "valid_to"));
		json_array_append_new(ids, n);
	}
	json_array_foreach(json_object_get(org, "merged_ids"), i, v)
		json_array_append_new(merged, json_pack("{s:O}", "id", v));
	json_array_foreach(json_object_get(org, "locations"), i, v)
		json_array_append_new(locs, v1_location(v, org));
	put_collection(o, "alternative-names", "alternative-name", names);
	put_collection(o, "identifiers", "identifier", ids);
	put_collection(o, "merged-org-ids", "org-id", merged);
	put_collection(o, "locations", "location", locs);
	json_decref(org);
	return api_send(r, json_pack("{s:o}", "organisation", o));
}

int api_v1_detail_location_show(struct req *r)
{
	const char *id = in_text(r, PF_LOC_ID);
	int status;
	json_t *org = oms_record(r, "LOC", atoll(id + 4), "/v1", &status), *loc, *found = NULL;
	if (!org)
		return status;
	size_t i;
	json_array_foreach(json_object_get(org, "locations"), i, loc)
		if (json_string_value(json_object_get(loc, "id")) && strcmp(json_string_value(json_object_get(loc, "id")), id) == 0)
			found = v1_location(loc, org);
	if (found)
		api_modified(r, json_string_value(json_object_get(found, "version-date")));
	json_decref(org);
	if (!found)
		return 500;
	return api_send(r, json_pack("{s:o}", "location", found));
}
