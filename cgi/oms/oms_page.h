/* What the OMS search and its exports share: the filters of a request, the
 * SQL that applies them, the search words, and the filter choices. */
#ifndef SPOR_OMS_PAGE_H
#define SPOR_OMS_PAGE_H

#include <jansson.h>

#include "core/db.h"
#include "core/listing.h"
#include "core/words.h"

struct req;

/* How organisations are sorted, on the search page, in its exports and in
 * the API (listing.h): the word of ?sort= and the ORDER BY of the
 * organisations o, which the name index or the key serves. */
#define OMS_ORG_SORTS(X)                                                                                           \
	X(ORGS_BY_NAME, "name", " ORDER BY o.name_sort, o.id")                                                      \
	X(ORGS_BY_NAME_DESC, "-name", " ORDER BY o.name_sort DESC, o.id DESC")                                      \
	X(ORGS_BY_ID, "id", " ORDER BY o.id") X(ORGS_BY_ID_DESC, "-id", " ORDER BY o.id DESC")
enum oms_org_sort { OMS_ORG_SORTS(LISTING_SORT) ORGS_SORT__COUNT };
extern const char *const oms_org_sorts[ORGS_SORT__COUNT + 1];

struct oms_filters {
	const char *q, *country, *city, *postal, *status, *type;
	const char *located; /* "1" when any location filter is set, else NULL */
	struct words words;
	enum oms_org_sort sort;
};

/* Read the filters; the words only when q is no ID. */
void oms_filters(struct req *r, struct oms_filters *f);
/* The words of a search in organisations' names (words.h). */
void oms_words(struct req *r, const char *q, struct words *w);

/* SQL: the organisations o matching the filters, with or without words.
 * Arguments (OMS_FILTER_TYPES): status, status, type, type, located,
 * country, country, city, city, postal, postal; with words, the words'
 * arguments around them (OMS_WORDS_*). */
#define OMS_FILTERS                                                                                                \
	" WHERE (? IS NULL OR o.status = ?) AND (? IS NULL OR o.type = ?) AND (? IS NULL OR EXISTS (SELECT 1"     \
	" FROM oms_locations l WHERE l.org_id = o.id AND (? IS NULL OR l.country_code = ?)"                         \
	" AND (? IS NULL OR l.city = ?) AND (? IS NULL OR l.postal_code = ?)))"
#define OMS_FROM " oms_organisations o" OMS_FILTERS
#define OMS_FROM_WORDS                                                                                             \
	WORDS_DRIVE("oms_org_words", "org_id", "oms_organisations", "o")                                            \
	OMS_FILTERS WORDS_MORE("oms_org_words", "org_id", "o")
#define OMS_FILTER_TYPES "sssssssssss"
#define OMS_FILTER_ARGS(f)                                                                                         \
	(f).status, (f).status, (f).type, (f).type, (f).located, (f).country, (f).country, (f).city, (f).city,     \
		(f).postal, (f).postal

/* One page of the organisations matching `f` (oms_orgs.c), in the columns
 * below, named as the search page shows them; `all` is the count without
 * filters when known (oms_choices), else -1.  Clamps *page.  0 or -1. */
#define OMS_ORG_COLUMNS(X)                                                                                         \
	X(ORG_NUM, "num") X(ORG_ID, "id") X(ORG_NAME, "name") X(ORG_ACRONYM, "acronym") X(ORG_COUNTRY, "country")   \
	X(ORG_CITY, "city") X(ORG_STATUS, "status") X(ORG_LOCATIONS, "locations") X(ORG_TYPE, "type")
enum { OMS_ORG_COLUMNS(DB_COLUMN) ORG__COUNT };
int oms_orgs_page(struct req *r, const struct oms_filters *f, long long all, long long *page, long long size,
		  long long *total, struct db_rows *orgs);

/* Page.types, the choices of the type filter, from the statistics the last
 * import wrote; returns the number of organisations (0 before any import,
 * -1 on error). */
long long oms_choices(struct req *r);
/* Page.countries, the choices of the country filter, from the same
 * statistics.  0 or -1. */
int oms_countries(struct req *r);

/* 301 to the record that `old` (kind "ORG" or "LOC") was merged into,
 * under `prefix` ("/oms", "/api/v1"), or 404 when it never was (oms_org.c). */
int oms_merged_redirect(struct req *r, const char *kind, long long old, const char *prefix);

/* The record (to json_decref) of organisation `num` (kind "ORG"), or of the
 * organisation holding location `num` ("LOC"); else NULL, and *status the
 * answer: oms_merged_redirect's for an ID merged away or never known, or
 * 500. */
json_t *oms_record(struct req *r, const char *kind, long long num, const char *prefix, int *status);

/* A page of an organisation's or a location's history, as the page read
 * it with its own data (one statement each): `page` of `total` versions (OMS_HISTORY_PAGE_SIZE a page,
 * within the pages there are), the page's versions (seq, recorded, source,
 * request, file, changes) and, for an organisation, what each changed in
 * each location (the columns below; NULL for a location). */
enum { OMS_HISTORY_PAGE_SIZE = 20 };
enum { OMS_LOC_CHANGE_SEQ, OMS_LOC_CHANGE_ID, OMS_LOC_CHANGE_CHANGES, OMS_LOC_CHANGE__COUNT };
struct oms_history {
	long long total, page;
	const struct db_rows *versions, *locations;
};

/* Page.versions and its pager (?page=, which leads back to the history
 * at `path`), newest first (oms_history.c).  0 or -1. */
int oms_history_put(struct req *r, const char *path, const struct oms_history *h);

/* The history's page for ?page= among `total` versions: 1 .. the last. */
long long oms_history_page(struct req *r, long long total);

/* A page's rows of one kind: the rows of `all` (a UNION ALL whose first
 * column, OMS_ROW_KIND, names each row's kind) of kind `kind`, with their
 * next `ncols` columns. */
enum { OMS_ROW_KIND };
struct db_rows oms_rows_of(struct req *r, const struct db_rows *all, const char *kind, size_t ncols);

/* "ORG-000000042" from 42 (and LOC-). */
const char *oms_id(struct req *r, const char *prefix, const char *num);

#endif
