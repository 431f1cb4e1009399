/* The history on the organisation and location pages: the versions the OMS
 * store recorded from every source (imports with their file, generated
 * data, approved change requests) in one timeline, newest first, a page at
 * a time.  What a version changed is kept as the record's field names
 * ("name, status"), which the page lists one by one for the template to
 * translate; the organisation's versions also say what changed in each of
 * its locations, and a version an approved change request made shows the
 * request's records side by side (core/sides.h).  The pages read it with
 * their own data (oms_org.c, oms_location.c). */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "core/db.h"
#include "core/listing.h"
#include "core/log.h"
#include "core/page.h"
#include "core/program.h"
#include "core/sides.h"
#include "oms/oms_page.h"
#include "programs/fields_public.h"

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

/* Page.versions.<i>.locations: what each version of the page changed in
 * each location (rows of seq, location ID, changes), by location ID.  The
 * rows come in whatever order the server's plan reads them (a part of a
 * UNION ALL drops its ORDER BY when it has no LIMIT), so each version
 * picks its own and orders them (the IDs are all "LOC-" and nine digits). */
static void put_locations(struct req *r, const struct db_rows *versions, const struct db_rows *rows)
{
	size_t *mine = arena_alloc(r->arena, (rows->nrows + 1) * sizeof *mine);
	for (size_t v = 0; v < versions->nrows; v++) {
		const char *seq = db_get(versions, v, VERSION_SEQ);
		size_t n = 0;
		for (size_t i = 0; i < rows->nrows; i++) {
			if (strcmp(db_get(rows, i, OMS_LOC_CHANGE_SEQ), seq) != 0)
				continue;
			const char *id = db_get(rows, i, OMS_LOC_CHANGE_ID);
			size_t k = n++;
			while (k && strcmp(db_get(rows, mine[k - 1], OMS_LOC_CHANGE_ID), id) > 0) {
				mine[k] = mine[k - 1];
				k--;
			}
			mine[k] = i;
		}
		for (size_t k = 0; k < n; k++) {
			HDF *loc = page_subitem(page_item(r, "Page.versions", v), "locations", k);
			page_put(loc, "id", db_get(rows, mine[k], OMS_LOC_CHANGE_ID));
			put_changes(loc, db_get(rows, mine[k], OMS_LOC_CHANGE_CHANGES));
		}
	}
}

int oms_history_put(struct req *r, const char *path, const struct oms_history *h)
{
	if (h->versions->nrows && h->versions->ncols != VERSION__COUNT) {
		log_error("%s: history of %zu columns, %d expected", path, h->versions->ncols, VERSION__COUNT);
		return -1;
	}
	listing_pager(r, path, h->page, OMS_HISTORY_PAGE_SIZE, h->total);
	page_set(r, "Page.pager.anchor", "history");
	put_versions(r, h->versions);
	if (sides_of_versions(r, page_node(r, "Page.versions")) < 0)
		return -1;
	if (h->locations)
		put_locations(r, h->versions, h->locations);
	return 0;
}

long long oms_history_page(struct req *r, long long total)
{
	long long pages = total ? (total + OMS_HISTORY_PAGE_SIZE - 1) / OMS_HISTORY_PAGE_SIZE : 1;
	long long page = in_int(r, PF_PAGE, 1);
	return page > pages ? pages : page;
}

struct db_rows oms_rows_of(struct req *r, const struct db_rows *all, const char *kind, size_t ncols)
{
	struct db_rows rows = {.ncols = ncols, .cells = arena_alloc(r->arena, (all->nrows * ncols + 1) * sizeof *rows.cells)};
	for (size_t i = 0; i < all->nrows && ncols < all->ncols; i++)
		if (strcmp(db_get(all, i, OMS_ROW_KIND), kind) == 0)
			memcpy(rows.cells + rows.nrows++ * ncols, all->cells + i * all->ncols + 1, ncols * sizeof *rows.cells);
	return rows;
}
