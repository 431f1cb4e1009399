/* The read API of OMS: /api/v1/organisations (the search of
 * /oms/organisations: words of the names, country, city, postal code,
 * status, type; paginated), /api/v1/organisations/{ORG-ID} (the canonical
 * record of docs/oms-import.md, with its locations) and
 * /api/v1/locations/{LOC-ID} (the location, with its organisation's ID and
 * name).  A merged ID answers 301 to the record it was merged into. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "api.h"
#include "app.h"
#include "db.h"
#include "fields_public.h"
#include "handlers.h"
#include "oms_page.h"

static struct db_sql q_org = DB_SQL("SELECT record FROM oms_organisations WHERE id = ?");
static struct db_sql q_location = DB_SQL(
	"SELECT o.record FROM oms_locations l JOIN oms_organisations o ON o.id = l.org_id WHERE l.id = ?");

/* A string, or JSON null for SQL NULL. */
static json_t *str(const char *s)
{
	return s ? json_string(s) : json_null();
}

int api_orgs(struct req *r)
{
	struct oms_filters f;
	oms_filters(r, &f);
	long long page, size, total;
	api_paging(r, PF_PAGE, PF_API_SIZE, &page, &size);
	struct db_rows orgs;
	if (oms_orgs_page(r, &f, -1, &page, size, &total, &orgs) < 0)
		return 500;
	json_t *list = json_array();
	for (size_t i = 0; i < orgs.nrows; i++)
		json_array_append_new(list, json_pack("{s:s, s:s, s:o, s:o, s:o, s:s, s:I, s:o, s:s}", "id",
						      db_get(&orgs, i, 1), "name", db_get(&orgs, i, 2), "acronym",
						      str(db_get(&orgs, i, 3)), "country", str(db_get(&orgs, i, 4)),
						      "city", str(db_get(&orgs, i, 5)), "status", db_get(&orgs, i, 6),
						      "locationCount", (json_int_t)atoll(db_get(&orgs, i, 7)), "type",
						      str(db_get(&orgs, i, 8)), "record",
						      arena_printf(r->arena, "/api/v1/organisations/%s", db_get(&orgs, i, 1))));
	return api_send(r, json_pack("{s:o, s:o}", "organisations", list, "paging",
				     api_pager(r, "/api/v1/organisations", page, size, total)));
}

int api_org(struct req *r)
{
	long long num = atoll(in_text(r, PF_ORG_ID) + 4);
	struct db_rows rows;
	if (db_query(r->app->db, r->arena, &q_org, &rows, "i", num) < 0)
		return 500;
	if (!rows.nrows)
		return oms_merged_redirect(r, "ORG", num, "/api/v1");
	json_t *org = json_loads(db_get(&rows, 0, 0), 0, NULL);
	return org ? api_send(r, org) : 500;
}

int api_location(struct req *r)
{
	const char *id = in_text(r, PF_LOC_ID);
	long long num = atoll(id + 4);
	struct db_rows rows;
	if (db_query(r->app->db, r->arena, &q_location, &rows, "i", num) < 0)
		return 500;
	if (!rows.nrows)
		return oms_merged_redirect(r, "LOC", num, "/api/v1");
	json_t *org = json_loads(db_get(&rows, 0, 0), 0, NULL), *found = NULL, *loc;
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
	json_object_set_new(found, "organisation",
			    json_pack("{s:O, s:O}", "id", json_object_get(org, "id"), "name", json_object_get(org, "name")));
	json_decref(org);
	return api_send(r, found);
}
