/* /rms/lists: every controlled term list, filtered, sorted and paginated.
 * The table is the same for every visitor and changes only with the data:
 * each worker keeps it rendered (core/fragment.h) until an import or an
 * approval moves the data generation. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "core/db.h"
#include "core/fragment.h"
#include "core/listing.h"
#include "core/page.h"
#include "core/label.h"
#include "core/program.h"
#include "programs/fields_public.h"
#include "programs/handlers_public.h"
#include "rms/rms_page.h"
#include "rms/rms_record.h"

/* The lists are few (hundreds): one statement sorts by a CASE of the key. */
#define LISTS_WHERE                                                                                                \
	" FROM rms_lists l"                                                                                         \
	" WHERE (? IS NULL OR l.name LIKE ? OR l.short_name LIKE ? OR l.id = ?)"                                   \
	" AND (? IS NULL OR l.status = ?) AND (? IS NULL OR l.domain_id = ?)"

const char *const rms_list_sorts[LISTS_SORT__COUNT + 1] = {RMS_LIST_SORTS(LISTING_SORT_WORD) NULL};

/* The lists' columns, named as the page shows them (each domain's name
 * added in the page's language: core/label.h). */
#define LIST_COLUMNS(X)                                                                                            \
	X(LIST_ID, "id") X(LIST_NAME, "name") X(LIST_OWNER, "owner") X(LIST_DOMAIN, "domain")                       \
	X(LIST_STATUS, "status") X(LIST_TERMS, "terms")                          \
	X(LIST_MODIFIED, "modified") X(LIST_CREATED, "created") X(LIST_VERSION, "version")
DB_COLUMNS(LIST_COLUMNS, LIST__COUNT, list_names);

/* Arguments: the filters', then dir, key, dir, key (the sort's word split
 * in two), limit, offset. */
static struct db_sql q_lists = DB_SQL_COLS(LIST__COUNT,
	"SELECT l.id, l.name, l.owner, l.domain_id, l.status, l.term_count,"
	" DATE_FORMAT(l.modified_at, '%Y-%m-%d'), DATE_FORMAT(l.created_at, '%Y-%m-%d'), l.version" LISTS_WHERE
	" ORDER BY"
	" CASE WHEN ? = 'asc' THEN CASE ? WHEN 'id' THEN LPAD(l.id, 12, '0') WHEN 'terms' THEN LPAD(l.term_count, 10, '0')"
	"   WHEN 'modified' THEN l.modified_at ELSE l.name END END ASC,"
	" CASE WHEN ? = 'desc' THEN CASE ? WHEN 'id' THEN LPAD(l.id, 12, '0') WHEN 'terms' THEN LPAD(l.term_count, 10, '0')"
	"   WHEN 'modified' THEN l.modified_at ELSE l.name END END DESC,"
	" l.id LIMIT ? OFFSET ?");
static struct db_sql q_count = DB_SQL("SELECT COUNT(*)" LISTS_WHERE);

/* The filters, the lists as the request filters, sorts and pages them, and
 * the pager (rms/lists_table.cs).  0 or -1. */
static int lists_table(struct req *r)
{
	const char *q = in_text(r, PF_Q), *status = in_text(r, PF_STATUS), *domain = in_text(r, PF_DOMAIN);
	int sort = listing_sort_of(r, PF_LISTS_SORT, rms_list_sorts, LISTS_SORT__COUNT, LISTS_BY_NAME);
	const char *word = rms_list_sorts[sort];
	const char *dir = word[0] == '-' ? "desc" : "asc";
	const char *key = word[0] == '-' ? word + 1 : word;
	long long size = listing_page_size(r, PF_SIZE, 50), page = in_int(r, PF_PAGE, 1);
	const char *like = q ? listing_like(r, q) : NULL;
	const char *id = rms_is_id(q) ? q : "0";

	/* Counted apart: COUNT(*) OVER () would copy every wide row into a
	 * temporary table. */
	struct db_rows rows = {0}, count;
	if (db_query(r->app->db, r->arena, &q_count, &count, "ssssssss", q, like, like, id, status, status, domain,
		     domain) < 0)
		return -1;
	long long total = atoll(db_value(&count, 0)), pages = total ? (total + size - 1) / size : 1;
	if (page > pages)
		page = pages;
	if (total && db_query(r->app->db, r->arena, &q_lists, &rows, "ssssssssssssii", q, like, like, id, status,
			      status, domain, domain, dir, key, dir, key, size, (page - 1) * size) < 0)
		return -1;
	page_rows(r, "Page.lists", &rows, list_names, LIST__COUNT);
	page_shown(r, "Page.lists");
	label_items(r, "Page.lists", "domain", "domain_name", LABEL_TERM);
	rms_domains(r);
	listing_pager(r, "/rms/lists", page, size, total);
	listing_sort(r, "/rms/lists", rms_list_sorts, sort);
	page_set(r, "Page.q", q);
	page_set(r, "Page.status", status);
	page_set(r, "Page.domain", domain);
	page_set_int(r, "Page.size", size);
	return 0;
}

int rms_lists_show(struct req *r)
{
	const char *key = fragment_key(r, "rms/lists", NULL);
	if (!fragment_use(r, key, "Page.table") &&
	    (lists_table(r) < 0 || fragment_render(r, key, "rms/lists_table.cs", "Page.table", NULL) < 0))
		return 500;
	page_set(r, "Page.nav", "rms");
	page_cacheable(r);
	return page_render(r, "rms/lists.cs");
}
