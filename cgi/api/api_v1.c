/* Compatibility with the EMA's v1 API (docs/api.md), so that scripts written
 * against it work by changing only the host: /v1/lists and
 * /v1/lists/{listId}/term-summaries with the EMA's envelopes and their
 * parameters page, pagesize, lang, parent (all, or a term ID) and sortby
 * (term-name, else by ID), at most 1,000 a page.  next-page is an absolute
 * URL, "" on the last page.  An Authorization header is accepted and
 * ignored.  The reads of one record are api_v1_detail.c's. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "api/api.h"
#include "api/api_rms.h"
#include "core/db.h"
#include "core/listing.h"
#include "core/program.h"
#include "programs/fields_public.h"
#include "programs/handlers_public.h"
#include "rms/rms_page.h"

/* ?sortby= says two of the sorts of a list's terms (rms_page.h) in the
 * EMA's words. */
static const char *const v1_sorts[TERMS_SORT__COUNT] = {[TERMS_BY_NAME] = "term-name", [TERMS_BY_ID] = "term-id"};

/* A page of terms: all of a list's (one range of an index), or one
 * parent's children (arguments: list[, parent], limit, offset, lang, lang). */
enum { TERM_ID, TERM_STATUS, TERM_NAME, TERM_SHORT_NAME, TERM_MAIN_SOURCE, TERM__COUNT };
#define V1_TERMS(from, order, outer)                                                                                \
	DB_SQL_FRESH_COLS(TERM__COUNT,                                                                               \
			  "SELECT t.id, t.status, " API_TERM_NAMES ","                                                \
			  " (SELECT m.source_term_id FROM rms_term_mappings m WHERE m.term_id = t.id AND m.is_main = 1" \
			  " LIMIT 1) FROM (SELECT id, name_sort FROM rms_terms WHERE list_id = ?" from " ORDER BY " order \
			  " LIMIT ? OFFSET ?) p JOIN rms_terms t ON t.id = p.id" API_TERM_NAMES_JOINS " ORDER BY " outer)
/* [one parent's][by name] */
static struct db_sql q_terms[2][2] = {
	{V1_TERMS("", "id", "p.id"), V1_TERMS("", "name_sort, id", "p.name_sort, p.id")},
	{V1_TERMS(" AND parent_id = ?", "id", "p.id"), V1_TERMS(" AND parent_id = ?", "name_sort, id", "p.name_sort, p.id")},
};

/* v1 clients ask for pages of 1,000 (some never read next-page): a v1
 * page holds that many, twice the portal's own API. */
enum { V1_MAX_SIZE = 1000 };

/* page and pagesize (at most V1_MAX_SIZE a page). */
static void paging(struct req *r, long long *page, long long *size)
{
	*page = in_int(r, PF_PAGE, 1);
	*size = in_int(r, PF_PAGESIZE, 100);
	if (*size > V1_MAX_SIZE)
		*size = V1_MAX_SIZE;
}

static json_t *next_page(struct req *r, const char *path, long long page, long long size, long long total)
{
	return json_string(page * size < total ? api_link(r, path, "page", page + 1) : "");
}

int api_v1_lists_show(struct req *r)
{
	long long page, size, total;
	paging(r, &page, &size);
	struct db_rows rows;
	if (api_rms_lists(r, page, size, &rows, &total) < 0)
		return 500;
	json_t *lists = json_array();
	for (size_t i = 0; i < rows.nrows; i++)
		json_array_append_new(lists, json_pack("{s:{s:s}, s:s}", "list-id", "id", db_get(&rows, i, LIST_ID),
						       "list-name", db_get(&rows, i, LIST_NAME)));
	json_t *doc = json_pack("{s:{s:o, s:o}}", "list-of-lists", "list-summary", lists, "next-page",
				next_page(r, "/v1/lists", page, size, total));
	return api_send(r, doc);
}

static struct db_sql q_count_terms = DB_SQL("SELECT COUNT(*) FROM rms_terms WHERE list_id = ? AND parent_id = ?");

int api_v1_term_summaries_show(struct req *r)
{
	const char *list = in_text(r, PF_LIST_ID), *parent = in_text(r, PF_PARENT);
	const char *lang = in_text(r, PF_LANG) ? in_text(r, PF_LANG) : "en";
	if (parent && strcmp(parent, "all") == 0)
		parent = NULL;
	else if (parent && (strlen(parent) != 12 || strspn(parent, "0123456789") != 12)) {
		r->err_param = "parent";
		r->err_reason = "format";
		return 400;
	}
	bool by_name = listing_sort_of(r, PF_SORTBY, v1_sorts, TERMS_SORT__COUNT, TERMS_BY_ID) == TERMS_BY_NAME;
	long long page, size;
	paging(r, &page, &size);
	struct db_rows name, count, rows;
	if (api_rms_list(r, list, &name) < 0)
		return 500;
	if (!name.nrows)
		return 404;
	/* All the list's terms: its own count; one parent's children: counted. */
	int rc = parent ? db_query(r->app->db, r->arena, &q_count_terms, &count, "ss", list, parent) : 0;
	if (rc == 0)
		rc = parent ? db_query(r->app->db, r->arena, &q_terms[1][by_name], &rows, "ssiiss", list, parent, size,
				       (page - 1) * size, lang, lang)
			    : db_query(r->app->db, r->arena, &q_terms[0][by_name], &rows, "siiss", list, size,
				       (page - 1) * size, lang, lang);
	if (rc < 0)
		return 500;
	long long total = atoll(parent ? db_value(&count, 0) : db_get(&name, 0, LIST_TERM_COUNT));
	json_t *terms = json_array();
	for (size_t i = 0; i < rows.nrows; i++) {
		const char *short_name = db_get(&rows, i, TERM_SHORT_NAME), *source = db_get(&rows, i, TERM_MAIN_SOURCE);
		json_t *t = json_pack("{s:{s:s}, s:{s:{s:{s:s}}}, s:{s:s}}", "term-id", "id", db_get(&rows, i, TERM_ID),
				      "term-names", "term-name", "name", "text", db_get(&rows, i, TERM_NAME), "status",
				      "code", db_get(&rows, i, TERM_STATUS));
		if (short_name)
			json_object_set_new(t, "short-names",
					    json_pack("{s:{s:{s:s}}}", "short-name", "name", "text", short_name));
		if (source)
			json_object_set_new(t, "main-source-codes",
					    json_pack("{s:{s:s}}", "main-source-code", "source-term-id", source));
		json_array_append_new(terms, t);
	}
	const char *path = arena_printf(r->arena, "/v1/lists/%s/term-summaries", list);
	json_t *doc = json_pack("{s:{s:{s:s}, s:{s:o}, s:o}}", "controlled-terms-list-summary", "list-summary",
				"list-name", db_get(&name, 0, LIST_NAME), "controlled-term-summaries",
				"controlled-term-summary", terms, "next-page", next_page(r, path, page, size, total));
	return api_send(r, doc);
}
