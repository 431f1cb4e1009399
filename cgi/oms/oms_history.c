/* The history on the organisation and location pages: the versions the OMS
 * store recorded from every source (imports with their file, generated
 * data, approved change requests) in one timeline, newest first, a page at
 * a time.  What a version changed is kept as the record's field names
 * ("name, status"), which the page lists one by one for the template to
 * translate; the organisation's versions also say what changed in each of
 * its locations, and a version an approved change request made shows the
 * request's records side by side (core/sides.h). */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "core/db.h"
#include "core/listing.h"
#include "core/page.h"
#include "core/program.h"
#include "core/sides.h"
#include "oms/oms_page.h"
#include "programs/fields_public.h"

enum { HISTORY_PAGE_SIZE = 20 };

/* A version, named as Page.versions shows it; its changes are put apart. */
#define VERSION_COLUMNS(X)                                                                                         \
	X(VERSION_SEQ, "version") X(VERSION_RECORDED, "recorded") X(VERSION_SOURCE, "source")                      \
	X(VERSION_REQUEST, "request") X(VERSION_FILE, "file") X(VERSION_CHANGES, NULL)
DB_COLUMNS(VERSION_COLUMNS, VERSION__COUNT, version_names);

/* `node`.changes ("created", "removed", "" for a record taken as it was, or
 * the fields) and, for fields, `node`.fields.<n>.name, one per field but
 * "locations", whose changes the organisation's versions list apart. */
static void put_changes(HDF *node, const char *changes)
{
	page_put(node, "changes", changes);
	if (!changes || strcmp(changes, "created") == 0 || strcmp(changes, "removed") == 0)
		return;
	size_t n = 0;
	for (const char *s = changes; *s;) {
		size_t len = strcspn(s, ",");
		char name[64];
		if (len < sizeof name) {
			memcpy(name, s, len);
			name[len] = '\0';
			if (len && strcmp(name, "locations") != 0)
				page_put(page_subitem(node, "fields", n++), "name", name);
		}
		s += len;
		s += strspn(s, ", ");
	}
}

/* The history's page: its number within the pages there are, and the pager
 * (which takes the visitor back to the history). */
static long long history_page(struct req *r, const char *path, long long total)
{
	long long pages = total ? (total + HISTORY_PAGE_SIZE - 1) / HISTORY_PAGE_SIZE : 1;
	long long page = in_int(r, PF_PAGE, 1);
	if (page > pages)
		page = pages;
	listing_pager(r, path, page, HISTORY_PAGE_SIZE, total);
	page_set(r, "Page.pager.anchor", "history");
	return page;
}

static void put_versions(struct req *r, const struct db_rows *rows)
{
	for (size_t i = 0; i < rows->nrows; i++) {
		HDF *item = page_item(r, "Page.versions", i);
		for (size_t c = 0; c < VERSION__COUNT; c++)
			if (version_names[c])
				page_put(item, version_names[c], db_get(rows, i, c)); /* names: literals */
		put_changes(item, db_get(rows, i, VERSION_CHANGES));
	}
}

/* What the versions from .. to changed in each location (a record taken as
 * it was says so once, for the organisation). */
enum { LOC_SEQ, LOC_ID, LOC_CHANGES, LOC__COUNT };
static struct db_sql q_org_locations = DB_SQL_COLS(LOC__COUNT,
	"SELECT seq, CONCAT('LOC-', LPAD(loc_id, 9, '0')), changes FROM oms_loc_versions"
	" WHERE org_id = ? AND seq BETWEEN ? AND ? AND changes <> '' ORDER BY seq DESC, loc_id");

/* Page.versions.<i>.locations: what each version of the page changed in
 * each location. */
static int put_locations(struct req *r, long long org, const struct db_rows *versions)
{
	if (!versions->nrows)
		return 0;
	const char *newest = db_get(versions, 0, VERSION_SEQ);
	const char *oldest = db_get(versions, versions->nrows - 1, VERSION_SEQ);
	struct db_rows rows;
	if (db_query(r->app->db, r->arena, &q_org_locations, &rows, "iss", org, oldest, newest) < 0)
		return -1;
	size_t v = 0, n = 0;
	for (size_t i = 0; i < rows.nrows; i++) {
		const char *seq = db_get(&rows, i, LOC_SEQ);
		while (v < versions->nrows && strcmp(db_get(versions, v, VERSION_SEQ), seq) != 0)
			v++, n = 0;
		if (v == versions->nrows)
			break;
		HDF *loc = page_subitem(page_item(r, "Page.versions", v), "locations", n++);
		page_put(loc, "id", db_get(&rows, i, LOC_ID));
		put_changes(loc, db_get(&rows, i, LOC_CHANGES));
	}
	return 0;
}

/* An organisation's versions, or one of its location's. */
static struct db_sql q_org_count = DB_SQL("SELECT COUNT(*) FROM oms_org_versions WHERE org_id = ?");
static struct db_sql q_org_versions = DB_SQL_FRESH_COLS(VERSION__COUNT,
	"SELECT seq, DATE_FORMAT(recorded_at, '%Y-%m-%d %H:%i'), source, request_id, file, changes"
	" FROM oms_org_versions WHERE org_id = ? ORDER BY seq DESC LIMIT ? OFFSET ?");
static struct db_sql q_loc_count = DB_SQL("SELECT COUNT(*) FROM oms_loc_versions WHERE loc_id = ? AND org_id = ?");
static struct db_sql q_loc_versions = DB_SQL_FRESH_COLS(VERSION__COUNT,
	"SELECT v.seq, DATE_FORMAT(v.recorded_at, '%Y-%m-%d %H:%i'), v.source, v.request_id, v.file, l.changes"
	" FROM oms_loc_versions l JOIN oms_org_versions v ON v.org_id = l.org_id AND v.seq = l.seq"
	" WHERE l.loc_id = ? AND l.org_id = ? ORDER BY l.seq DESC LIMIT ? OFFSET ?");

int oms_history(struct req *r, long long org, const char *loc_id)
{
	struct db *db = r->app->db;
	long long loc = loc_id ? atoll(loc_id + 4) : 0, size = HISTORY_PAGE_SIZE;
	struct db_rows count, rows;
	int rc = loc_id ? db_query(db, r->arena, &q_loc_count, &count, "ii", loc, org)
			: db_query(db, r->arena, &q_org_count, &count, "i", org);
	if (rc < 0)
		return -1;
	long long total = count.nrows ? atoll(db_value(&count, 0)) : 0;
	const char *path = loc_id ? arena_printf(r->arena, "/oms/locations/%s", loc_id)
				  : arena_printf(r->arena, "/oms/organisations/ORG-%09lld", org);
	long long offset = (history_page(r, path, total) - 1) * size;
	rc = loc_id ? db_query(db, r->arena, &q_loc_versions, &rows, "iiii", loc, org, size, offset)
		    : db_query(db, r->arena, &q_org_versions, &rows, "iii", org, size, offset);
	if (rc < 0)
		return -1;
	put_versions(r, &rows);
	if (sides_of_versions(r, page_node(r, "Page.versions")) < 0)
		return -1;
	return loc_id ? 0 : put_locations(r, org, &rows);
}
