/* /oms/locations/{locId}: a location's address laid out as an address, its
 * organisation, contact details, status and version. */
#include "config.h"

#include <stdlib.h>

#include "core/db.h"
#include "core/page.h"
#include "core/program.h"
#include "oms/oms_page.h"
#include "programs/fields_public.h"
#include "programs/handlers_public.h"

static struct db_sql q_location = DB_SQL(
	"SELECT CONCAT('LOC-', LPAD(l.id, 9, '0')), CONCAT('ORG-', LPAD(o.id, 9, '0')), o.name, o.status,"
	" l.line1, l.line2, l.line3, l.line4, l.po_box, l.postal_code, l.city, l.county, l.region, l.country_code,"
	" l.country_name, l.latitude + 0, l.longitude + 0, l.lang, l.email, l.phone, l.status,"
	" DATE_FORMAT(l.version_at, '%Y-%m-%d %H:%i:%s'), o.location_count"
	" FROM oms_locations l JOIN oms_organisations o ON o.id = l.org_id WHERE l.id = ?");
static const char *const columns[] = {"id", "org_id", "org_name", "org_status", "line1", "line2", "line3", "line4",
				      "po_box", "postal_code", "city", "county", "region", "country_code", "country",
				      "latitude", "longitude", "lang", "email", "phone", "status", "version",
				      "siblings", NULL};
static struct db_sql q_merged_into = DB_SQL(
	"SELECT CONCAT('LOC-', LPAD(old_id, 9, '0')) FROM oms_merged WHERE kind = 'LOC' AND new_id = ? ORDER BY old_id");

static void put_country_term(struct req *r, const char *country)
{
	const char *name = NULL, *term = oms_country_term(r, country, &name);
	page_set(r, "Page.loc.country_term", term);
	page_set(r, "Page.loc.country_term_name", name);
}

int oms_location_show(struct req *r)
{
	long long num = atoll(in_text(r, PF_LOC_ID) + 4);
	struct db_rows rows, merged;
	if (db_query(r->app->db, r->arena, &q_location, &rows, "i", num) < 0)
		return 500;
	if (!rows.nrows)
		return oms_merged_redirect(r, "LOC", num, "/oms");
	if (db_query(r->app->db, r->arena, &q_merged_into, &merged, "i", num) < 0)
		return 500;
	page_row(r, "Page.loc", &rows, 0, columns);
	put_country_term(r, db_get(&rows, 0, 14));
	static const char *const merged_columns[] = {"id", NULL};
	page_rows(r, "Page.merged", &merged, merged_columns);
	if (oms_history(r, atoll(db_get(&rows, 0, 1) + 4), in_text(r, PF_LOC_ID)) < 0)
		return 500;
	page_set(r, "Page.nav", "oms");
	page_cacheable(r);
	return page_render(r, "oms/location.cs");
}
