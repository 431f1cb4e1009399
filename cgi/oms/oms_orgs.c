/* /oms/organisations: search organisations by name, acronym or alternative
 * name (words and prefixes, case and accents aside), by ID, and by the
 * country, city and postal code of their locations, status and type.  When
 * nothing matches and a word is in no organisation's names at all, the page
 * shows those of the nearest words instead (words_near.h) and links to that
 * search. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "core/db.h"
#include "core/fragment.h"
#include "core/label.h"
#include "core/listing.h"
#include "core/page.h"
#include "core/program.h"
#include "oms/oms_page.h"
#include "oms/oms_record.h"
#include "oms/oms_similar.h"
#include "programs/fields_public.h"
#include "programs/handlers_public.h"

/* The page's IDs, from the name index (prepared per use: db.h), by each
 * sort, without words. */
#define IDS(sort, word, order) [sort] = DB_SQL_FRESH("SELECT o.id FROM" OMS_FROM order " LIMIT ? OFFSET ?"),
static struct db_sql q_ids[ORGS_SORT__COUNT] = {OMS_ORG_SORTS(IDS)};
static struct db_sql q_count[2] = {DB_SQL("SELECT COUNT(*) FROM" OMS_FROM),
				   DB_SQL("SELECT COUNT(*) FROM" OMS_FROM_WORDS)};
#define ORG_SELECT                                                                                                 \
	"SELECT o.id, CONCAT('ORG-', LPAD(o.id, 9, '0')), o.name, o.acronym, o.country_code, o.city, o.status,"   \
	" o.location_count, o.type"
static struct db_sql q_details =
	DB_SQL_COLS(ORG__COUNT, ORG_SELECT " FROM " LISTING_ID_TABLE " JOIN oms_organisations o ON o.id = j.id");
/* With words, a page and the number of matches in one statement, by each
 * sort: every match is counted (COUNT(*) OVER, before the LIMIT) while the
 * page's are kept in order, then joined to their details (the window's
 * rows hold the ID and the sort key alone, as small as a temporary table
 * in memory wants them).  Past the last page no row comes back and
 * q_count says how many there are. */
enum { ORG_TOTAL = ORG__COUNT, WORDS_PAGE__COUNT }; /* after the organisation's columns */
#define WORDS_PAGE(sort, word, order)                                                                              \
	[sort] = DB_SQL_COLS(WORDS_PAGE__COUNT, ORG_SELECT ", h.total FROM (SELECT o.id, COUNT(*) OVER () total FROM" \
						OMS_FROM_WORDS order " LIMIT ? OFFSET ?) h"                        \
						" JOIN oms_organisations o ON o.id = h.id" order),
static struct db_sql q_words_page[ORGS_SORT__COUNT] = {OMS_ORG_SORTS(WORDS_PAGE)};
static const char *const org_names[] = {OMS_ORG_COLUMNS(DB_COLUMN_NAME)};
/* An ID typed in the search box, live or merged. */
static struct db_sql q_org_known = DB_SQL("SELECT 1 FROM oms_organisations WHERE id = ?"
					  " UNION ALL SELECT 1 FROM oms_merged WHERE kind = 'ORG' AND old_id = ?");
static struct db_sql q_loc_known = DB_SQL("SELECT 1 FROM oms_locations WHERE id = ?"
					  " UNION ALL SELECT 1 FROM oms_merged WHERE kind = 'LOC' AND old_id = ?");

static int jump_to_id(struct req *r, const char *q)
{
	bool org = oms_is_org_id(q);
	long long num = atoll(q + 4);
	struct db_rows rows;
	if (db_query(r->app->db, r->arena, org ? &q_org_known : &q_loc_known, &rows, "ii", num, num) < 0)
		return 500;
	if (rows.nrows)
		return http_redirect(r, 303, arena_printf(r->arena, "/oms/%s/%s", org ? "organisations" : "locations", q));
	page_set(r, "Page.unknown_id", q);
	return 0;
}

/* How many organisations match; `all` of them without filters (when known: >= 0). */
static long long count(struct req *r, const struct oms_filters *f, long long all)
{
	struct db_rows rows;
	int w = f->words.n > 0;
	if (!w && !f->status && !f->type && !f->located && all >= 0)
		return all;
	int rc = w ? db_query(r->app->db, r->arena, &q_count[1], &rows,
			      WORDS_FIRST_TYPES OMS_FILTER_TYPES WORDS_MORE_TYPES, WORDS_FIRST_ARGS(f->words),
			      OMS_FILTER_ARGS(*f), WORDS_MORE_ARGS(f->words))
		   : db_query(r->app->db, r->arena, &q_count[0], &rows, OMS_FILTER_TYPES, OMS_FILTER_ARGS(*f));
	return rc < 0 ? -1 : atoll(db_value(&rows, 0));
}

/* The page of the words' matches, its rows cut to the organisation's
 * columns, and how many match (0 past the last page); -1 on error. */
static long long words_page(struct req *r, const struct oms_filters *f, long long size, long long page,
			    struct db_rows *orgs)
{
	struct db_rows rows;
	if (db_query(r->app->db, r->arena, &q_words_page[f->sort], &rows,
		     WORDS_FIRST_TYPES OMS_FILTER_TYPES WORDS_MORE_TYPES "ii", WORDS_FIRST_ARGS(f->words),
		     OMS_FILTER_ARGS(*f), WORDS_MORE_ARGS(f->words), size, (page - 1) * size) < 0)
		return -1;
	*orgs = (struct db_rows){.nrows = rows.nrows, .ncols = ORG__COUNT};
	orgs->cells = arena_alloc(r->arena, (rows.nrows + 1) * ORG__COUNT * sizeof *orgs->cells);
	for (size_t i = 0; i < rows.nrows; i++)
		memcpy(orgs->cells + i * ORG__COUNT, rows.cells + i * rows.ncols, ORG__COUNT * sizeof *orgs->cells);
	return rows.nrows ? atoll(db_get(&rows, 0, ORG_TOTAL)) : 0;
}

static long long put_filters(struct req *r, const struct oms_filters *f, long long size)
{
	page_set(r, "Page.q", f->q);
	page_set(r, "Page.country", f->country);
	page_set(r, "Page.city", f->city);
	page_set(r, "Page.postal_code", f->postal);
	page_set(r, "Page.status", f->status);
	page_set(r, "Page.type", f->type);
	page_set_int(r, "Page.size", size);
	page_set(r, "Page.nav", "oms");
	page_set(r, "Page.export_csv", listing_href(r, "/oms/export.csv", "size", NULL));
	page_set(r, "Page.export_xlsx", listing_href(r, "/oms/export.xlsx", "size", NULL));
	page_set(r, "Page.export_json", listing_href(r, "/oms/export.json", "size", NULL));
	listing_sort(r, "/oms/organisations", oms_org_sorts, f->sort);
	/* The country field (some 250 countries in the data language's order)
	 * is kept by the worker for the country chosen: oms/country_field.cs. */
	const char *key = fragment_key_chosen(r, "oms/country_field", f->country ? f->country : "");
	if (!fragment_use(r, key, "Page.country_field") &&
	    (oms_countries(r) < 0 || fragment_render(r, key, "oms/country_field.cs", "Page.country_field", NULL) < 0))
		return -1;
	return oms_choices(r);
}

int oms_orgs_page(struct req *r, const struct oms_filters *f, long long all, long long *page, long long size,
		  long long *total, struct db_rows *orgs)
{
	*orgs = (struct db_rows){0};
	*total = 0;
	if (f->q && !f->words.n)
		return 0;
	if (*page < 1)
		*page = 1;
	if (f->words.n) {
		*total = words_page(r, f, size, *page, orgs);
		if (*total != 0 || *page == 1)
			return *total < 0 ? -1 : 0;
	}
	/* Without words, or past the last page of the words' matches. */
	*total = count(r, f, all);
	if (*total < 0)
		return -1;
	long long pages = *total ? (*total + size - 1) / size : 1;
	if (*page > pages)
		*page = pages;
	if (f->words.n)
		return *total && words_page(r, f, size, *page, orgs) < 0 ? -1 : 0;
	struct db_rows ids = {0};
	if (*total && (db_query(r->app->db, r->arena, &q_ids[f->sort], &ids, OMS_FILTER_TYPES "ii",
				OMS_FILTER_ARGS(*f), size, (*page - 1) * size) < 0 ||
		       db_query(r->app->db, r->arena, &q_details, orgs, "s", listing_ids(r, &ids, DB_VALUE)) < 0))
		return -1;
	listing_order_as(r, orgs, ORG_NUM, &ids, DB_VALUE);
	return 0;
}

/* Nothing matched: the organisations of the query with its unknown words
 * corrected, when that finds some (Page.suggestion, and its link).  0 or -1. */
static int forgive(struct req *r, const struct oms_filters *f, long long all, long long *page, long long size,
		   long long *total, struct db_rows *orgs)
{
	struct oms_filters fixed = *f;
	fixed.q = words_near_query(r, &oms_near, f->q, &f->words);
	if (!fixed.q)
		return 0;
	oms_words(r, fixed.q, &fixed.words);
	long long found;
	struct db_rows rows;
	if (!fixed.words.n || oms_orgs_page(r, &fixed, all, page, size, &found, &rows) < 0)
		return fixed.words.n ? -1 : 0;
	if (!found)
		return 0;
	page_set(r, "Page.suggestion", fixed.q);
	page_set(r, "Page.suggestion_href", listing_href(r, "/oms/organisations", "q", fixed.q));
	*total = found;
	*orgs = rows;
	return 0;
}

int oms_orgs_show(struct req *r)
{
	struct oms_filters f;
	oms_filters(r, &f);
	long long size = listing_page_size(r, PF_SIZE, 50), page = in_int(r, PF_PAGE, 1);
	page_cacheable(r);
	long long all = put_filters(r, &f, size);
	if (all < 0)
		return 500;
	if (f.q && (oms_is_org_id(f.q) || oms_is_loc_id(f.q))) {
		int jump = jump_to_id(r, f.q);
		if (jump)
			return jump;
		return page_render(r, "oms/organisations.cs");
	}
	if (f.q && !f.words.n)
		page_set(r, "Page.short_words", "1");
	if (f.words.broad)
		page_set(r, "Page.broad_words", "1");
	long long total;
	struct db_rows orgs;
	if (oms_orgs_page(r, &f, all, &page, size, &total, &orgs) < 0 ||
	    (total == 0 && f.words.n && forgive(r, &f, all, &page, size, &total, &orgs) < 0))
		return 500;
	page_rows(r, "Page.orgs", &orgs, org_names, ORG__COUNT);
	page_shown(r, "Page.orgs");
	label_items(r, "Page.orgs", "country", "country_name", LABEL_COUNTRY);
	label_items(r, "Page.orgs", "type", "type_label", LABEL_ORG_TYPE);
	listing_pager(r, "/oms/organisations", page, size, total);
	return page_render(r, "oms/organisations.cs");
}
