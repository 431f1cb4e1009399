/* /rms/lists: every controlled term list, filtered, sorted and paginated. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "core/db.h"
#include "core/listing.h"
#include "core/page.h"
#include "core/program.h"
#include "programs/fields_public.h"
#include "programs/handlers_public.h"
#include "rms/rms_page.h"
#include "rms/rms_record.h"

/* The lists are few (hundreds): one statement sorts by a CASE of the key. */
#define LISTS_WHERE                                                                                                \
	" FROM rms_lists l LEFT JOIN rms_terms d ON d.id = l.domain_id"                                            \
	" WHERE (? IS NULL OR l.name LIKE ? OR l.short_name LIKE ? OR l.id = ?)"                                   \
	" AND (? IS NULL OR l.status = ?) AND (? IS NULL OR l.domain_id = ?)"

static struct db_sql q_lists = DB_SQL(
	"SELECT l.id, l.name, l.owner, l.domain_id, d.name_en, l.status, l.term_count,"
	" DATE_FORMAT(l.modified_at, '%Y-%m-%d'), DATE_FORMAT(l.created_at, '%Y-%m-%d'), l.version" LISTS_WHERE
	" ORDER BY"
	" CASE WHEN ? = 'asc' THEN CASE ? WHEN 'id' THEN LPAD(l.id, 12, '0') WHEN 'terms' THEN LPAD(l.term_count, 10, '0')"
	"   WHEN 'modified' THEN l.modified_at ELSE l.name END END ASC,"
	" CASE WHEN ? = 'desc' THEN CASE ? WHEN 'id' THEN LPAD(l.id, 12, '0') WHEN 'terms' THEN LPAD(l.term_count, 10, '0')"
	"   WHEN 'modified' THEN l.modified_at ELSE l.name END END DESC,"
	" l.id LIMIT ? OFFSET ?");
static struct db_sql q_count = DB_SQL("SELECT COUNT(*)" LISTS_WHERE);

static const char *const list_columns[] = {"id", "name", "owner", "domain", "domain_name", "status",
					   "terms", "modified", "created", "version", NULL};

int rms_lists_show(struct req *r)
{
	const char *q = in_text(r, PF_Q), *status = in_text(r, PF_STATUS), *domain = in_text(r, PF_DOMAIN);
	const char *sort = in_text(r, PF_LISTS_SORT);
	if (!sort)
		sort = "name";
	const char *dir = sort[0] == '-' ? "desc" : "asc";
	const char *key = sort[0] == '-' ? sort + 1 : sort;
	long long size = listing_page_size(r, PF_SIZE, 50), page = in_int(r, PF_PAGE, 1);
	const char *like = q ? listing_like(r, q) : NULL;
	const char *id = rms_is_id(q) ? q : "0";

	/* Counted apart: COUNT(*) OVER () would copy every wide row into a
	 * temporary table. */
	struct db_rows rows = {0}, count;
	if (db_query(r->app->db, r->arena, &q_count, &count, "ssssssss", q, like, like, id, status, status, domain,
		     domain) < 0)
		return 500;
	long long total = atoll(db_get(&count, 0, 0)), pages = total ? (total + size - 1) / size : 1;
	if (page > pages)
		page = pages;
	if (total && db_query(r->app->db, r->arena, &q_lists, &rows, "ssssssssssssii", q, like, like, id, status,
			      status, domain, domain, dir, key, dir, key, size, (page - 1) * size) < 0)
		return 500;
	page_rows(r, "Page.lists", &rows, list_columns);
	rms_domains(r);
	listing_pager(r, "/rms/lists", page, size, total);
	static const char *const keys[] = {"name", "id", "terms", "modified", NULL};
	listing_sort(r, "/rms/lists", keys, key, dir);
	page_set(r, "Page.q", q);
	page_set(r, "Page.status", status);
	page_set(r, "Page.domain", domain);
	page_set_int(r, "Page.size", size);
	page_set(r, "Page.nav", "rms");
	page_cacheable(r);
	return page_render(r, "rms/lists.cs");
}
