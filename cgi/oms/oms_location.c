/* /oms/locations/{locId}: a location's address laid out as an address, its
 * organisation, contact details, status and version. */
#include "config.h"

#include <ctype.h>
#include <stdbool.h>
#include <stdlib.h>

#include "core/db.h"
#include "core/label.h"
#include "core/may.h"
#include "core/page.h"
#include "core/program.h"
#include "oms/oms_page.h"
#include "programs/fields_public.h"
#include "programs/handlers_public.h"

/* The location, named as the page shows it (Page.loc). */
#define LOC_COLUMNS(X)                                                                                             \
	X(LOC_ID, "id") X(LOC_ORG_ID, "org_id") X(LOC_ORG_NAME, "org_name") X(LOC_ORG_STATUS, "org_status")         \
	X(LOC_LINE1, "line1") X(LOC_LINE2, "line2") X(LOC_LINE3, "line3") X(LOC_LINE4, "line4")                     \
	X(LOC_PO_BOX, "po_box") X(LOC_POSTAL_CODE, "postal_code") X(LOC_CITY, "city") X(LOC_COUNTY, "county")       \
	X(LOC_REGION, "region") X(LOC_COUNTRY_CODE, "country_code")                       \
	X(LOC_LATITUDE, "latitude") X(LOC_LONGITUDE, "longitude") X(LOC_LANG, "lang") X(LOC_EMAIL, "email")         \
	X(LOC_PHONE, "phone") X(LOC_STATUS, "status") X(LOC_VERSION, "version") X(LOC_SIBLINGS, "siblings")
DB_COLUMNS(LOC_COLUMNS, LOC__COUNT, loc_names);
static struct db_sql q_location = DB_SQL_COLS(LOC__COUNT,
	"SELECT CONCAT('LOC-', LPAD(l.id, 9, '0')), CONCAT('ORG-', LPAD(o.id, 9, '0')), o.name, o.status,"
	" l.line1, l.line2, l.line3, l.line4, l.po_box, l.postal_code, l.city, l.county, l.region, l.country_code,"
	" l.latitude + 0, l.longitude + 0, l.lang, l.email, l.phone, l.status,"
	" DATE_FORMAT(l.version_at, '%Y-%m-%d %H:%i:%s'), o.location_count"
	" FROM oms_locations l JOIN oms_organisations o ON o.id = l.org_id WHERE l.id = ?");
/* The IDs merged into it (Page.merged). */
#define MERGED_COLUMNS(X) X(MERGED_ID, "id")
DB_COLUMNS(MERGED_COLUMNS, MERGED__COUNT, merged_names);
static struct db_sql q_merged_into = DB_SQL_COLS(MERGED__COUNT,
	"SELECT CONCAT('LOC-', LPAD(old_id, 9, '0')) FROM oms_merged WHERE kind = 'LOC' AND new_id = ? ORDER BY old_id");

/* The country once, in the page's language (the name a source wrote
 * beside its code is English, or whatever the source wrote), and a PO box
 * with the interface's word for it only when the data has no word of its
 * own ("Postfach 10 00 00", "CS 00001" stand alone; "1234" does not). */
static void put_place(struct req *r, const char *country, const char *po_box)
{
	page_set(r, "Page.loc.country", label(r, LABEL_COUNTRY, country));
	page_set(r, "Page.loc.country_term", label_country_term(r, country));
	bool word = false;
	for (const char *s = po_box; s && *s && !word; s++)
		word = isalpha((unsigned char)*s) || (unsigned char)*s >= 0x80;
	if (po_box && !word)
		page_set(r, "Page.loc.po_box_bare", "1");
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
	page_row(r, "Page.loc", &rows, 0, loc_names, LOC__COUNT);
	put_place(r, db_get(&rows, 0, LOC_COUNTRY_CODE), db_get(&rows, 0, LOC_PO_BOX));
	page_rows(r, "Page.merged", &merged, merged_names, MERGED__COUNT);
	if (oms_history(r, atoll(db_get(&rows, 0, LOC_ORG_ID) + 4), in_text(r, PF_LOC_ID)) < 0)
		return 500;
	may_put(r, MAY_CHANGE_ORG, db_get(&rows, 0, LOC_ORG_ID));
	page_set(r, "Page.nav", "oms");
	page_cacheable(r);
	return page_render(r, "oms/location.cs");
}
