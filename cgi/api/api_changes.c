/* The change feed, for systems that keep a copy in step: GET
 * /api/v1/changes?since=CURSOR (every version the portal records of a
 * list, a term, an organisation or a location, oldest first, each with its
 * cursor; `next` is the cursor to ask from next), and the same changes as
 * Atom feeds for people: all of them (/changes/feed.atom), a list's and
 * its terms' (/rms/lists/{listId}/feed.atom), an organisation's and its
 * locations' (/oms/organisations/{orgId}/feed.atom), newest first.
 * The rows come from change_feed, which the version tables' triggers fill
 * in the order the writes commit (db/migrations/0026_change_feed.sql). */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "api/api.h"
#include "api/api_rms.h"
#include "core/db.h"
#include "core/page.h"
#include "core/program.h"
#include "core/tpl.h"
#include "programs/fields_public.h"
#include "programs/handlers_public.h"

/* The Atom feeds' latest entries. */
enum { ATOM_ENTRIES = 50 };

/* A version of the feed; its record's name only in the Atom feeds. */
enum {
	FEED_CURSOR,
	FEED_KIND,
	FEED_RECORD,
	FEED_SEQ,
	FEED_LIST,
	FEED_ORG,
	FEED_TIME,
	FEED_SOURCE,
	FEED_REQUEST,
	FEED_FILE,
	FEED_CHANGES,
	FEED_NAME,
	FEED__COUNT
};
#define FEED_SELECT                                                                                                \
	"SELECT f.id, f.kind, f.record_id, f.seq, f.list_id, f.org_id,"                                            \
	" DATE_FORMAT(f.recorded_at, '%Y-%m-%dT%H:%i:%sZ'), f.source, f.request_id, f.file, f.changes"

/* The record's ID as the portal writes it. */
static const char *record_id(struct req *r, const struct db_rows *rows, size_t i)
{
	const char *kind = db_get(rows, i, FEED_KIND), *num = db_get(rows, i, FEED_RECORD);
	if (strcmp(kind, "organisation") == 0 || strcmp(kind, "location") == 0)
		return arena_printf(r->arena, "%s-%09lld", kind[0] == 'o' ? "ORG" : "LOC", atoll(num));
	return num;
}

/* Each kind's resources in the API and its pages. */
static const struct {
	const char *kind, *api, *page;
} kinds[] = {
	{"list", "/api/v1/lists", "/rms/lists"},
	{"term", "/api/v1/terms", "/rms/terms"},
	{"organisation", "/api/v1/organisations", "/oms/organisations"},
	{"location", "/api/v1/locations", "/oms/locations"},
};

static const char *path_of(struct req *r, const char *kind, const char *id, bool page)
{
	size_t k = 0;
	while (k + 1 < sizeof kinds / sizeof kinds[0] && strcmp(kinds[k].kind, kind) != 0)
		k++;
	return arena_printf(r->arena, "%s/%s", page ? kinds[k].page : kinds[k].api, id);
}

/* A change request's ID as people know it (RRQ-N), or NULL. */
static const char *request_of(struct req *r, const struct db_rows *rows, size_t i)
{
	const char *request = db_get(rows, i, FEED_REQUEST);
	return request ? arena_printf(r->arena, "RRQ-%s", request) : NULL;
}

/* One version as JSON: immutable, like the row it comes from. */
static json_t *change_json(struct req *r, const struct db_rows *rows, size_t i)
{
	const char *kind = db_get(rows, i, FEED_KIND), *id = record_id(r, rows, i);
	json_t *c = json_pack("{s:s, s:s, s:s, s:s, s:I, s:s, s:o, s:o, s:s, s:s}", "cursor",
			      db_get(rows, i, FEED_CURSOR), "time", db_get(rows, i, FEED_TIME), "kind", kind, "id", id,
			      "version", (json_int_t)atoll(db_get(rows, i, FEED_SEQ)), "source",
			      db_get(rows, i, FEED_SOURCE), "file", api_str(db_get(rows, i, FEED_FILE)), "request",
			      api_str(request_of(r, rows, i)), "changes", db_get(rows, i, FEED_CHANGES), "href",
			      path_of(r, kind, id, false));
	if (strcmp(kind, "term") == 0)
		json_object_set_new(c, "list", api_str(db_get(rows, i, FEED_LIST)));
	if (strcmp(kind, "location") == 0)
		json_object_set_new(c, "organisation",
				    json_string(arena_printf(r->arena, "ORG-%09lld", atoll(db_get(rows, i, FEED_ORG)))));
	return c;
}

/* The versions after the cursor, one more than asked (whether there are
 * more): a range of the primary key. */
static struct db_sql q_changes =
	DB_SQL_COLS(FEED__COUNT, FEED_SELECT ", NULL FROM change_feed f WHERE f.id > ? ORDER BY f.id LIMIT ?");

int api_changes_show(struct req *r)
{
	long long since = in_int(r, PF_SINCE, 0), size = in_int(r, PF_API_SIZE, 100);
	size = size < API_MAX_SIZE ? size : API_MAX_SIZE;
	struct db_rows rows;
	if (db_query(r->app->db, r->arena, &q_changes, &rows, "ii", since, size + 1) < 0)
		return 500;
	bool more = rows.nrows > (size_t)size;
	size_t n = more ? (size_t)size : rows.nrows;
	json_t *changes = json_array();
	for (size_t i = 0; i < n; i++)
		json_array_append_new(changes, change_json(r, &rows, i));
	const char *next = n ? db_get(&rows, n - 1, FEED_CURSOR) : arena_printf(r->arena, "%lld", since);
	json_t *paging = json_pack("{s:I, s:b, s:o}", "size", (json_int_t)size, "more", more, "next",
				   json_string(api_link(r, "/api/v1/changes", "since", atoll(next))));
	int status = api_send(r, json_pack("{s:s, s:s, s:o, s:o}", "since", arena_printf(r->arena, "%lld", since),
					   "next", next, "changes", changes, "paging", paging));
	/* A full page never changes and is kept as long as the API's answers;
	 * the last one grows as versions are recorded: asked again each time
	 * (its ETag makes that a 304), and never kept by nginx. */
	if (!more)
		r->cache_control = "no-cache";
	return status;
}

/* Characters XML 1.0 does not allow even escaped (the C0 controls but tab
 * and line ends, U+FFFE and U+FFFF) become U+FFFD: a name an import or a
 * request brought must not make the document unreadable. */
static const char *xml_text(struct req *r, const char *s)
{
	if (!s)
		return NULL;
	struct buf out;
	buf_init(&out, r->arena);
	for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
		bool control = *p < 0x20 && *p != '\t' && *p != '\n' && *p != '\r';
		bool nonchar = p[0] == 0xEF && p[1] == 0xBF && (p[2] == 0xBE || p[2] == 0xBF);
		if (control || nonchar)
			buf_puts(&out, "\xEF\xBF\xBD");
		else
			buf_append(&out, p, 1);
		p += nonchar ? 2 : 0;
	}
	return buf_str(&out);
}

/* The latest versions, newest first, with the names of their records as
 * they are now: all, a list's (and its terms'), an organisation's (and
 * its locations'); each a range of an index (change_feed_list, _org). */
#define NAMED(where)                                                                                              \
	DB_SQL_COLS(FEED__COUNT,                                                                                    \
		    FEED_SELECT ", CASE f.kind WHEN 'list' THEN l.name WHEN 'term' THEN t.name_en"                 \
				" WHEN 'organisation' THEN o.name ELSE CONCAT_WS(', ', c.line1, c.city) END"        \
				" FROM (SELECT * FROM change_feed" where " ORDER BY id DESC LIMIT ?) f"             \
				" LEFT JOIN rms_lists l ON f.kind = 'list' AND l.id = f.record_id"                  \
				" LEFT JOIN rms_terms t ON f.kind = 'term' AND t.id = f.record_id"                  \
				" LEFT JOIN oms_organisations o ON f.kind = 'organisation' AND o.id = f.record_id"  \
				" LEFT JOIN oms_locations c ON f.kind = 'location' AND c.id = f.record_id"          \
				" ORDER BY f.id DESC")
enum atom_of { ATOM_ALL, ATOM_LIST, ATOM_ORG };
static struct db_sql q_atom[] = {
	[ATOM_ALL] = NAMED(""),
	[ATOM_LIST] = NAMED(" WHERE list_id = ?"),
	[ATOM_ORG] = NAMED(" WHERE org_id = ?"),
};

/* The Atom document of `of` (`key`: the list's or the organisation's
 * number) at `path`, about the record called `name` (NULL for all) whose
 * page is `page`. */
static int atom(struct req *r, enum atom_of of, const char *key, const char *path, const char *name, const char *page)
{
	struct db_rows rows;
	int rc = of == ATOM_ALL ? db_query(r->app->db, r->arena, &q_atom[of], &rows, "i", (long long)ATOM_ENTRIES)
				: db_query(r->app->db, r->arena, &q_atom[of], &rows, "si", key, (long long)ATOM_ENTRIES);
	if (rc < 0)
		return 500;
	const char *site = r->app->settings.site_url;
	page_set(r, "Page.feed.self", arena_printf(r->arena, "%s%s", site, path));
	page_set(r, "Page.feed.page", arena_printf(r->arena, "%s%s", site, page));
	page_set(r, "Page.feed.name", xml_text(r, name));
	page_set(r, "Page.feed.of", of == ATOM_ALL ? "all" : of == ATOM_LIST ? "list" : "organisation");
	page_set(r, "Page.feed.updated", rows.nrows ? db_get(&rows, 0, FEED_TIME) : "1970-01-01T00:00:00Z");
	for (size_t i = 0; i < rows.nrows; i++) {
		const char *kind = db_get(&rows, i, FEED_KIND), *id = record_id(r, &rows, i);
		HDF *e = page_item(r, "Page.entries", i);
		page_put(e, "kind", kind);
		page_put(e, "id", id);
		page_put(e, "name", xml_text(r, db_get(&rows, i, FEED_NAME)));
		page_put(e, "version", db_get(&rows, i, FEED_SEQ));
		page_put(e, "time", db_get(&rows, i, FEED_TIME));
		page_put(e, "source", xml_text(r, db_get(&rows, i, FEED_SOURCE)));
		page_put(e, "file", xml_text(r, db_get(&rows, i, FEED_FILE)));
		page_put(e, "changes", xml_text(r, db_get(&rows, i, FEED_CHANGES)));
		page_put(e, "request", request_of(r, &rows, i));
		page_put(e, "page", arena_printf(r->arena, "%s%s", site, path_of(r, kind, id, true)));
		/* The entry's ID: the feed's own address of this one version. */
		page_put(e, "uri", arena_printf(r->arena, "%s/api/v1/changes?since=%lld&size=1", site,
						atoll(db_get(&rows, i, FEED_CURSOR)) - 1));
	}
	r->body.len = 0;
	if (tpl_render(r->app->tpl, "changes_atom.cs", false, &r->body) < 0)
		return 500;
	page_cacheable(r);
	if (r->lang_negotiated)
		r->vary |= VARY_ACCEPT_LANGUAGE;
	return api_send_body(r, "application/atom+xml; charset=utf-8");
}

int api_changes_atom_show(struct req *r)
{
	return atom(r, ATOM_ALL, NULL, "/changes/feed.atom", NULL, "/");
}

int api_changes_list_atom_show(struct req *r)
{
	const char *id = in_text(r, PF_LIST_ID);
	struct db_rows list;
	if (api_rms_list(r, id, &list) < 0)
		return 500;
	if (!list.nrows)
		return 404;
	return atom(r, ATOM_LIST, id, arena_printf(r->arena, "/rms/lists/%s/feed.atom", id),
		    db_get(&list, 0, LIST_NAME), arena_printf(r->arena, "/rms/lists/%s", id));
}

static struct db_sql q_org_name = DB_SQL("SELECT name FROM oms_organisations WHERE id = ?");

int api_changes_organisation_atom_show(struct req *r)
{
	const char *id = in_text(r, PF_ORG_ID);
	const char *num = arena_printf(r->arena, "%lld", atoll(id + 4));
	struct db_rows org;
	if (db_query(r->app->db, r->arena, &q_org_name, &org, "s", num) < 0)
		return 500;
	if (!org.nrows)
		return 404;
	return atom(r, ATOM_ORG, num, arena_printf(r->arena, "/oms/organisations/%s/feed.atom", id),
		    db_value(&org, 0), arena_printf(r->arena, "/oms/organisations/%s", id));
}
