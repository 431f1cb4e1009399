/* /oms/locations/{locId}: a location's address laid out as an address, its
 * organisation, contact details, status, version and history, read in one
 * statement. */
#include "config.h"

#include <ctype.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

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
/* The page in one statement, one kind of row after the other: the
 * location with its organisation and the number of versions of its history
 * (LOC_VERSIONS: the page needs it to know its history's page), the IDs
 * merged into it (Page.merged, which the worker sorts: a part of a UNION
 * ALL keeps no ORDER BY without a LIMIT), then a page of its history,
 * newest first (the location's under its organisation now, found by the
 * location's ID bound: a range of each table's primary key).  Arguments:
 * location, location, location, size, offset. */
enum { LOC_VERSIONS = LOC__COUNT };
#define MERGED_COLUMNS(X) X(MERGED_ID, "id")
DB_COLUMNS(MERGED_COLUMNS, MERGED__COUNT, merged_names);
/* A row: its kind (OMS_ROW_KIND), then the location's columns and its
 * count, a merged ID, or a version's six (oms_history.c), the rest NULL. */
enum { VERSION__COUNT = 6, PAGE__COUNT = 1 + LOC_VERSIONS + 1 };
#define NULLS_5 "NULL, NULL, NULL, NULL, NULL"
#define NULLS_17 NULLS_5 ", " NULLS_5 ", " NULLS_5 ", NULL, NULL"
#define NULLS_22 NULLS_17 ", " NULLS_5
static struct db_sql q_page = DB_SQL_COLS(PAGE__COUNT,
	"(SELECT 'loc', CONCAT('LOC-', LPAD(l.id, 9, '0')), CONCAT('ORG-', LPAD(o.id, 9, '0')), o.name, o.status,"
	"  l.line1, l.line2, l.line3, l.line4, l.po_box, l.postal_code, l.city, l.county, l.region, l.country_code,"
	"  l.latitude + 0, l.longitude + 0, l.lang, l.email, l.phone, l.status,"
	"  DATE_FORMAT(l.version_at, '%Y-%m-%d %H:%i:%s'), o.location_count,"
	"  (SELECT COUNT(*) FROM oms_loc_versions v WHERE v.loc_id = l.id AND v.org_id = l.org_id)"
	"  FROM oms_locations l JOIN oms_organisations o ON o.id = l.org_id WHERE l.id = ?)"
	" UNION ALL (SELECT 'merged', CONCAT('LOC-', LPAD(old_id, 9, '0')), " NULLS_22 " FROM oms_merged"
	"  WHERE kind = 'LOC' AND new_id = ?)"
	" UNION ALL (SELECT 'version', v.seq, DATE_FORMAT(v.recorded_at, '%Y-%m-%d %H:%i'), v.source, v.request_id,"
	"  v.file, h.changes, " NULLS_17 " FROM oms_locations l"
	"  JOIN oms_loc_versions h ON h.loc_id = l.id AND h.org_id = l.org_id"
	"  JOIN oms_org_versions v ON v.org_id = h.org_id AND v.seq = h.seq"
	"  WHERE l.id = ? ORDER BY h.seq DESC LIMIT ? OFFSET ?)");

static int read_page(struct req *r, long long num, long long page, struct db_rows *rows)
{
	long long size = OMS_HISTORY_PAGE_SIZE, offset = (page - 1) * size;
	return db_query(r->app->db, r->arena, &q_page, rows, "iiiii", num, num, num, size, offset);
}

/* The merged IDs in order: all "LOC-" and nine digits. */
static int by_text(const void *a, const void *b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

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
	const char *id = in_text(r, PF_LOC_ID);
	long long num = atoll(id + 4), page = in_int(r, PF_PAGE, 1);
	struct db_rows all;
	if (read_page(r, num, page, &all) < 0)
		return 500;
	struct db_rows rows = oms_rows_of(r, &all, "loc", LOC_VERSIONS + 1);
	if (!rows.nrows)
		return oms_merged_redirect(r, "LOC", num, "/oms");
	long long total = atoll(db_get(&rows, 0, LOC_VERSIONS)), shown = oms_history_page(r, total);
	/* A page past the end shows the last (read again: rare). */
	if (shown != page && read_page(r, num, page = shown, &all) < 0)
		return 500;
	rows.ncols = LOC__COUNT; /* the count is not the page's */
	page_row(r, "Page.loc", &rows, 0, loc_names, LOC__COUNT);
	put_place(r, db_get(&rows, 0, LOC_COUNTRY_CODE), db_get(&rows, 0, LOC_PO_BOX));
	struct db_rows merged = oms_rows_of(r, &all, "merged", MERGED__COUNT),
		       versions = oms_rows_of(r, &all, "version", VERSION__COUNT);
	qsort(merged.cells, merged.nrows, sizeof *merged.cells, by_text);
	page_rows(r, "Page.merged", &merged, merged_names, MERGED__COUNT);
	struct oms_history history = {.total = total, .page = page, .versions = &versions};
	if (oms_history_put(r, arena_printf(r->arena, "/oms/locations/LOC-%09lld", num), &history) < 0)
		return 500;
	may_put(r, MAY_CHANGE_ORG, db_get(&rows, 0, LOC_ORG_ID));
	page_set(r, "Page.nav", "oms");
	page_cacheable(r);
	return page_render(r, "oms/location.cs");
}
