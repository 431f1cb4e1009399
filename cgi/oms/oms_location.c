/* /oms/locations/{locId}: a location's address laid out as an address, its
 * organisation, contact details, status, version and history, read in one
 * call. */
#include "config.h"

#include <ctype.h>
#include <stdbool.h>
#include <stdlib.h>

#include "core/db.h"
#include "core/label.h"
#include "core/log.h"
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
/* The IDs merged into it (Page.merged). */
#define MERGED_COLUMNS(X) X(MERGED_ID, "id")
DB_COLUMNS(MERGED_COLUMNS, MERGED__COUNT, merged_names);
/* The page in one call (migration 0021): the ID it was merged into and
 * its history's count and page, the location, the IDs merged into it, the
 * history's versions. */
enum { HEAD_MERGED_INTO, HEAD_TOTAL, HEAD_PAGE, HEAD__COUNT };
enum { SET_HEAD, SET_LOCATION, SET_MERGED, SET_VERSIONS, SET__COUNT };
static struct db_sql q_page = DB_SQL("CALL spor_location_page(?, ?, ?)");

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

/* Each result set has the columns its page declares (an empty one none). */
static bool sets_fit(const struct db_rows *sets)
{
	static const size_t ncols[SET__COUNT] = {[SET_HEAD] = HEAD__COUNT, [SET_LOCATION] = LOC__COUNT,
						 [SET_MERGED] = MERGED__COUNT, [SET_VERSIONS] = 0};
	for (size_t i = 0; i < SET__COUNT; i++)
		if (ncols[i] && sets[i].nrows && sets[i].ncols != ncols[i])
			return false;
	return sets[SET_HEAD].nrows == 1;
}

int oms_location_show(struct req *r)
{
	const char *id = in_text(r, PF_LOC_ID);
	long long num = atoll(id + 4);
	struct db_rows sets[SET__COUNT];
	if (db_call(r->app->db, r->arena, &q_page, sets, SET__COUNT, "iii", num, in_int(r, PF_PAGE, 1),
		    (long long)OMS_HISTORY_PAGE_SIZE) < 0)
		return 500;
	if (!sets_fit(sets)) {
		log_error("spor_location_page: result sets not as declared");
		return 500;
	}
	const struct db_rows *head = &sets[SET_HEAD], *rows = &sets[SET_LOCATION];
	if (!rows->nrows)
		return oms_merged_to(r, "LOC", db_get(head, 0, HEAD_MERGED_INTO), "/oms");
	page_row(r, "Page.loc", rows, 0, loc_names, LOC__COUNT);
	put_place(r, db_get(rows, 0, LOC_COUNTRY_CODE), db_get(rows, 0, LOC_PO_BOX));
	page_rows(r, "Page.merged", &sets[SET_MERGED], merged_names, MERGED__COUNT);
	struct oms_history history = {.total = atoll(db_get(head, 0, HEAD_TOTAL)),
				      .page = atoll(db_get(head, 0, HEAD_PAGE)),
				      .versions = &sets[SET_VERSIONS]};
	if (oms_history_put(r, arena_printf(r->arena, "/oms/locations/LOC-%09lld", num), &history) < 0)
		return 500;
	may_put(r, MAY_CHANGE_ORG, db_get(rows, 0, LOC_ORG_ID));
	page_set(r, "Page.nav", "oms");
	page_cacheable(r);
	return page_render(r, "oms/location.cs");
}
