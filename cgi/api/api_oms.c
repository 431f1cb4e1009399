/* The read API of OMS (as JSON, or FHIR R4 Organization and Location when
 * asked by Accept: application/fhir+json or under /api/v1/fhir/):
 * /api/v1/organisations (the search of
 * /oms/organisations: words of the names, country, city, postal code,
 * status, type; paginated), /api/v1/organisations/{ORG-ID} (the canonical
 * record of docs/oms-import.md, with its locations) and
 * /api/v1/locations/{LOC-ID} (the location, with its organisation's ID and
 * name).  A merged ID answers 301 to the record it was merged into. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "api/api.h"
#include "core/db.h"
#include "core/listing.h"
#include "core/program.h"
#include "oms/oms_page.h"
#include "programs/fields_public.h"
#include "programs/handlers_public.h"

static json_t *fhir_org(const json_t *org);

/* The records of a page of organisations (their IDs in a JSON array). */
enum { RECORD_NUM, RECORD_JSON, RECORD__COUNT };
static struct db_sql q_records = DB_SQL_COLS(RECORD__COUNT,
	"SELECT o.id, o.record FROM " LISTING_ID_TABLE " JOIN oms_organisations o ON o.id = j.id");

/* A page of the search as a FHIR searchset Bundle, with its paging links. */
static int orgs_bundle(struct req *r, const struct db_rows *orgs, long long page, long long size, long long total)
{
	struct db_rows records;
	if (orgs->nrows &&
	    db_query(r->app->db, r->arena, &q_records, &records, "s", listing_ids(r, orgs, ORG_NUM)) < 0)
		return 500;
	if (orgs->nrows)
		listing_order_as(r, &records, RECORD_NUM, orgs, ORG_NUM); /* the search's order */
	json_t *entries = json_array();
	for (size_t i = 0; orgs->nrows && i < records.nrows; i++) {
		json_t *org = json_loads(db_get(&records, i, RECORD_JSON), 0, NULL);
		if (!org)
			continue;
		json_t *resource = fhir_org(org);
		json_array_append_new(entries, json_pack("{s:s, s:o, s:{s:s}}", "fullUrl",
							 arena_printf(r->arena, "%s/api/v1/fhir/Organization/%s",
								      r->app->settings.site_url,
								      json_string_value(json_object_get(org, "id"))),
							 "resource", resource, "search", "mode", "match"));
		json_decref(org);
	}
	return api_send_fhir(r, api_bundle(r, page, size, total, entries));
}

int api_oms_orgs_show(struct req *r)
{
	struct oms_filters f;
	oms_filters(r, &f);
	long long page, size, total;
	api_paging(r, PF_PAGE, PF_API_SIZE, &page, &size);
	struct db_rows orgs;
	if (oms_orgs_page(r, &f, -1, &page, size, &total, &orgs) < 0)
		return 500;
	if (api_format(r) == API_FHIR)
		return orgs_bundle(r, &orgs, page, size, total);
	json_t *list = json_array();
	for (size_t i = 0; i < orgs.nrows; i++) {
		const char *id = db_get(&orgs, i, ORG_ID);
		json_array_append_new(
			list, json_pack("{s:s, s:s, s:o, s:o, s:o, s:s, s:I, s:o, s:s}", "id", id, "name",
					db_get(&orgs, i, ORG_NAME), "acronym", api_str(db_get(&orgs, i, ORG_ACRONYM)),
					"country", api_str(db_get(&orgs, i, ORG_COUNTRY)), "city",
					api_str(db_get(&orgs, i, ORG_CITY)), "status", db_get(&orgs, i, ORG_STATUS),
					"locationCount", (json_int_t)atoll(db_get(&orgs, i, ORG_LOCATIONS)), "type",
					api_str(db_get(&orgs, i, ORG_TYPE)), "record",
					arena_printf(r->arena, "/api/v1/organisations/%s", id)));
	}
	return api_send(r, json_pack("{s:o, s:o}", "organisations", list, "paging",
				     api_pager(r, "/api/v1/organisations", page, size, total)));
}

/* An organisation's record as a FHIR R4 Organization. */
static json_t *fhir_org(const json_t *org)
{
	const char *id = json_string_value(json_object_get(org, "id")), *status = json_string_value(json_object_get(org, "status"));
	json_t *ids = json_pack("[{s:s, s:s}]", "system", "https://spor.ema.europa.eu/v1/organisations", "value", id);
	size_t i;
	json_t *v;
	json_array_foreach(json_object_get(org, "identifiers"), i, v)
	{
		const char *system = json_string_value(json_object_get(v, "system"));
		const char *code = json_string_value(json_object_get(v, "code"));
		if (system && code)
			json_array_append_new(ids, json_pack("{s:s, s:s}", "system", system, "value", code));
	}
	json_t *aliases = json_array();
	if (json_string_value(json_object_get(org, "acronym")))
		json_array_append(aliases, json_object_get(org, "acronym"));
	json_array_foreach(json_object_get(org, "alternative_names"), i, v)
		if (json_string_value(json_object_get(v, "name")))
			json_array_append(aliases, json_object_get(v, "name"));
	json_t *out = json_pack("{s:s, s:s, s:o, s:b, s:O}", "resourceType", "Organization", "id", id, "identifier", ids,
				"active", status && (strcmp(status, "ACTIVE") == 0 || strcmp(status, "PROVISIONAL") == 0),
				"name", json_object_get(org, "name"));
	if (json_string_value(json_object_get(org, "type")))
		json_object_set_new(out, "type", json_pack("[{s:O}]", "text", json_object_get(org, "type")));
	if (json_array_size(aliases))
		json_object_set_new(out, "alias", aliases);
	else
		json_decref(aliases);
	return out;
}

/* A location as a FHIR R4 Location, managed by its organisation. */
static json_t *fhir_location(const json_t *loc, const json_t *org)
{
	const char *status = json_string_value(json_object_get(loc, "status"));
	json_t *address = json_pack("{s:O}", "line", json_object_get(loc, "address"));
	static const char *const keys[][2] = {{"city", "city"},		{"county", "district"}, {"region", "state"},
					      {"postal_code", "postalCode"}, {"country_code", "country"}};
	for (size_t k = 0; k < sizeof keys / sizeof keys[0]; k++)
		if (json_string_value(json_object_get(loc, keys[k][0])))
			json_object_set(address, keys[k][1], json_object_get(loc, keys[k][0]));
	const char *fhir_status = !status || strcmp(status, "ACTIVE") == 0 ? "active"
				  : strcmp(status, "PROVISIONAL") == 0	    ? "suspended"
									    : "inactive";
	json_t *managing = json_pack("{s:o, s:O}", "reference",
				     json_sprintf("Organization/%s", json_string_value(json_object_get(org, "id"))),
				     "display", json_object_get(org, "name"));
	json_t *out = json_pack("{s:s, s:O, s:[{s:s, s:O}], s:s, s:o, s:o}", "resourceType", "Location", "id",
				json_object_get(loc, "id"), "identifier", "system",
				"https://spor.ema.europa.eu/v1/locations", "value", json_object_get(loc, "id"), "status",
				fhir_status, "address", address, "managingOrganization", managing);
	json_t *telecom = json_array();
	if (json_string_value(json_object_get(loc, "phone")))
		json_array_append_new(telecom, json_pack("{s:s, s:O}", "system", "phone", "value", json_object_get(loc, "phone")));
	if (json_string_value(json_object_get(loc, "email")))
		json_array_append_new(telecom, json_pack("{s:s, s:O}", "system", "email", "value", json_object_get(loc, "email")));
	if (json_array_size(telecom))
		json_object_set_new(out, "telecom", telecom);
	else
		json_decref(telecom);
	if (json_is_number(json_object_get(loc, "latitude")) && json_is_number(json_object_get(loc, "longitude")))
		json_object_set_new(out, "position", json_pack("{s:O, s:O}", "longitude", json_object_get(loc, "longitude"),
							       "latitude", json_object_get(loc, "latitude")));
	return out;
}

int api_oms_org_show(struct req *r)
{
	int status;
	json_t *org = oms_record(r, "ORG", atoll(in_text(r, PF_ORG_ID) + 4), "/api/v1", &status);
	if (!org)
		return status; /* a redirect answers FHIR too, when asked */
	api_modified(r, json_string_value(json_object_get(org, "version")));
	if (api_format(r) != API_FHIR)
		return api_send(r, org);
	json_t *fhir = fhir_org(org);
	json_decref(org);
	return api_send_fhir(r, fhir);
}

int api_oms_location_show(struct req *r)
{
	const char *id = in_text(r, PF_LOC_ID);
	int status;
	json_t *org = oms_record(r, "LOC", atoll(id + 4), "/api/v1", &status), *found = NULL, *loc;
	if (!org)
		return status;
	size_t i;
	json_array_foreach(json_object_get(org, "locations"), i, loc)
	{
		const char *lid = json_string_value(json_object_get(loc, "id"));
		if (lid && strcmp(lid, id) == 0)
			found = json_deep_copy(loc);
	}
	if (!found) {
		json_decref(org);
		return 500;
	}
	api_modified(r, json_string_value(json_object_get(found, "version")));
	if (api_format(r) == API_FHIR) {
		json_t *fhir = fhir_location(found, org);
		json_decref(found);
		json_decref(org);
		return api_send_fhir(r, fhir);
	}
	json_object_set_new(found, "organisation",
			    json_pack("{s:O, s:O}", "id", json_object_get(org, "id"), "name", json_object_get(org, "name")));
	json_decref(org);
	return api_send(r, found);
}
