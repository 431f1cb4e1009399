/* /oms/organisations/{orgId}: every field of an organisation, its
 * alternative names, identifiers, the IDs merged into it and its locations,
 * from its record, and its history, in one statement.  An ID merged into
 * another answers with a permanent redirect to the surviving record. */
#include "config.h"

#include <jansson.h>
#include <stdlib.h>
#include <string.h>

#include "core/db.h"
#include "core/favourite.h"
#include "core/jread.h"
#include "core/label.h"
#include "core/may.h"
#include "core/page.h"
#include "core/program.h"
#include "oms/oms_page.h"
#include "programs/fields_public.h"
#include "programs/handlers_public.h"

static struct db_sql q_org = DB_SQL("SELECT record FROM oms_organisations WHERE id = ?");
static struct db_sql q_location_org = DB_SQL(
	"SELECT o.record FROM oms_locations l JOIN oms_organisations o ON o.id = l.org_id WHERE l.id = ?");
static struct db_sql q_merged = DB_SQL("SELECT new_id FROM oms_merged WHERE kind = ? AND old_id = ?");

/* The surviving record of a merged ID: 301 there, else 404. */
int oms_merged_redirect(struct req *r, const char *kind, long long old, const char *prefix)
{
	struct db_rows rows;
	if (db_query(r->app->db, r->arena, &q_merged, &rows, "si", kind, old) < 0)
		return 500;
	if (!rows.nrows)
		return 404;
	bool org = strcmp(kind, "ORG") == 0;
	return http_redirect(r, 301, arena_printf(r->arena, "%s/%s/%s", prefix, org ? "organisations" : "locations",
						  oms_id(r, org ? "ORG-" : "LOC-", db_value(&rows, 0))));
}

json_t *oms_record(struct req *r, const char *kind, long long num, const char *prefix, int *status)
{
	struct db_rows rows;
	bool org = strcmp(kind, "ORG") == 0;
	if (db_query(r->app->db, r->arena, org ? &q_org : &q_location_org, &rows, "i", num) < 0) {
		*status = 500;
		return NULL;
	}
	if (!rows.nrows) {
		*status = oms_merged_redirect(r, kind, num, prefix);
		return NULL;
	}
	json_t *record = json_loads(db_value(&rows, 0), 0, NULL);
	*status = record ? 200 : 500;
	return record;
}

/* "2024-03-01T10:00:00Z" as "2024-03-01 10:00:00", as the location page shows it. */
static const char *when(struct req *r, const char *iso)
{
	if (!iso || strlen(iso) != 20)
		return iso;
	char *s = arena_strndup(r->arena, iso, 19);
	s[10] = ' ';
	return s;
}

/* A location's address: its first line as `line1` of `item`. */
static void put_first_line(struct jread *j, HDF *item)
{
	if (!jread_array(j))
		return;
	for (size_t i = 0; jread_element(j); i++)
		if (i == 0)
			page_put(item, "line1", jread_text(j));
		else
			jread_skip(j);
}

/* The IDs merged into the organisation. */
static void put_merged(struct req *r, struct jread *j)
{
	if (!jread_array(j))
		return;
	for (size_t i = 0; jread_element(j); i++)
		page_put(page_item(r, "Page.merged", i), "id", jread_text(j));
}

/* An array of objects as the items of `list`, the members `keys` names
 * (NULL-terminated) in each; the others skipped. */
static void put_objects(struct req *r, struct jread *j, const char *list, const char *const *keys)
{
	const char *key;
	if (!jread_array(j))
		return;
	for (size_t i = 0; jread_element(j); i++) {
		HDF *item = page_subitem(r->hdf, list, i); /* names: literals */
		if (!jread_object(j))
			continue;
		while (jread_member(j, &key)) {
			int k = jread_which(key, keys);
			if (k >= 0)
				page_put(item, keys[k], jread_text(j)); /* names: literals */
			else if (strcmp(key, "address") == 0 && strcmp(list, "Page.locations") == 0)
				put_first_line(j, item);
			else
				jread_skip(j);
		}
	}
}

/* The locations' countries by name, and as a term of the Country list. */
static void put_countries(struct req *r)
{
	for (HDF *item = hdf_obj_child(page_node(r, "Page.locations")); item; item = hdf_obj_next(item)) {
		const char *code = hdf_get_value(item, "country_code", NULL);
		page_put(item, "country_name", label(r, LABEL_COUNTRY, code));
		page_put(item, "country_term", label_country_term(r, code));
	}
}

/* The record's fields, alternative names, identifiers, merged IDs and
 * locations, read in one pass (core/jread.h), no tree built.  0, or -1
 * when the record is not JSON. */
static int put_record(struct req *r, const char *record)
{
	static const char *const fields[] = {"id", "name", "acronym", "type", "size", "status", "version", NULL};
	static const char *const alt[] = {"name", "lang", NULL};
	static const char *const ident[] = {"system", "code", "valid_from", "valid_to", NULL};
	static const char *const loc[] = {"id", "postal_code", "city", "country_code", "status", NULL};
	HDF *node = page_node(r, "Page.org");
	struct jread j;
	const char *key;
	jread_init(&j, r->arena, record, strlen(record));
	if (!jread_object(&j))
		return -1;
	while (jread_member(&j, &key)) {
		int k = jread_which(key, fields);
		if (k >= 0)
			page_put(node, fields[k], jread_text(&j)); /* names: literals */
		else if (strcmp(key, "alternative_names") == 0)
			put_objects(r, &j, "Page.names", alt);
		else if (strcmp(key, "identifiers") == 0)
			put_objects(r, &j, "Page.identifiers", ident);
		else if (strcmp(key, "locations") == 0)
			put_objects(r, &j, "Page.locations", loc);
		else if (strcmp(key, "merged_ids") == 0)
			put_merged(r, &j);
		else
			jread_skip(&j);
	}
	if (!jread_end(&j))
		return -1;
	put_countries(r);
	return 0;
}

/* The page in one statement, one kind of row after the other: the record,
 * the number of versions, a page of them, newest first, and what they
 * changed in each location (as the plan reads them: a part of a UNION ALL
 * keeps no ORDER BY without a LIMIT, so oms_history.c orders them).
 * Planned at each execution, it costs the server two thirds of the four
 * statements it replaces (one of them prepared anew each time), and one
 * round trip.  Arguments: org, org, org, size, offset, org, size, offset,
 * org. */
enum { PAGE__COUNT = 7 }; /* the kind (OMS_ROW_KIND) and six values */
static struct db_sql q_page = DB_SQL_COLS(PAGE__COUNT,
	"(SELECT 'org', record, NULL, NULL, NULL, NULL, NULL FROM oms_organisations WHERE id = ?)"
	" UNION ALL (SELECT 'count', COUNT(*), NULL, NULL, NULL, NULL, NULL FROM oms_org_versions WHERE org_id = ?)"
	" UNION ALL (SELECT 'version', seq, DATE_FORMAT(recorded_at, '%Y-%m-%d %H:%i'), source, request_id, file,"
	"  changes FROM oms_org_versions WHERE org_id = ? ORDER BY seq DESC LIMIT ? OFFSET ?)"
	" UNION ALL (SELECT 'loc', l.seq, CONCAT('LOC-', LPAD(l.loc_id, 9, '0')), l.changes, NULL, NULL, NULL"
	"  FROM (SELECT seq FROM oms_org_versions WHERE org_id = ? ORDER BY seq DESC LIMIT ? OFFSET ?) p"
	"  JOIN oms_loc_versions l ON l.org_id = ? AND l.seq = p.seq WHERE l.changes <> '')");

static int read_page(struct req *r, long long org, long long page, struct db_rows *rows)
{
	long long size = OMS_HISTORY_PAGE_SIZE, offset = (page - 1) * size;
	return db_query(r->app->db, r->arena, &q_page, rows, "iiiiiiiii", org, org, org, size, offset, org, size, offset,
			org);
}

int oms_org_show(struct req *r)
{
	const char *id = in_text(r, PF_ORG_ID);
	long long num = atoll(id + 4), page = in_int(r, PF_PAGE, 1);
	struct db_rows rows;
	if (read_page(r, num, page, &rows) < 0)
		return 500;
	struct db_rows record = oms_rows_of(r, &rows, "org", 1), count = oms_rows_of(r, &rows, "count", 1);
	if (!record.nrows)
		return oms_merged_redirect(r, "ORG", num, "/oms");
	long long total = count.nrows ? atoll(db_value(&count, 0)) : 0, shown = oms_history_page(r, total);
	/* A page past the end shows the last (read again: rare). */
	if (shown != page && read_page(r, num, page = shown, &rows) < 0)
		return 500;
	if (put_record(r, db_value(&record, 0)) < 0)
		return 500;
	HDF *node = page_node(r, "Page.org");
	const char *version = hdf_get_value(node, "version", NULL), *shown_version = when(r, version);
	if (shown_version != version)
		page_put(node, "version", shown_version);
	page_put(node, "type_label", label(r, LABEL_ORG_TYPE, hdf_get_value(node, "type", NULL)));
	page_put(node, "size_label", label(r, LABEL_ORG_SIZE, hdf_get_value(node, "size", NULL)));
	page_shown(r, "Page.identifiers");
	struct db_rows versions = oms_rows_of(r, &rows, "version", PAGE__COUNT - 1),
		       locations = oms_rows_of(r, &rows, "loc", OMS_LOC_CHANGE__COUNT);
	struct oms_history history = {.total = total, .page = page, .versions = &versions, .locations = &locations};
	if (oms_history_put(r, arena_printf(r->arena, "/oms/organisations/ORG-%09lld", num), &history) < 0)
		return 500;
	favourite_mark(r, "organisation", id);
	may_put(r, MAY_CHANGE_ORG, id);
	page_set(r, "Page.atom", arena_printf(r->arena, "/oms/organisations/ORG-%09lld/feed.atom", num)); /* its changes */
	page_set(r, "Page.nav", "oms");
	page_cacheable(r);
	return page_render(r, "oms/organisation.cs");
}
