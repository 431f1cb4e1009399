/* Compatibility with the EMA's v1 API (docs/api.md), so that scripts written
 * against it work by changing only the host: /v1/lists and
 * /v1/lists/{listId}/term-summaries with the EMA's envelopes and their
 * parameters page, pagesize, lang, parent (all, or a term ID) and sortby
 * (term-name, else by ID).  next-page is an absolute URL, "" on the last
 * page.  An Authorization header is accepted and ignored. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "api/api.h"
#include "core/db.h"
#include "core/program.h"
#include "programs/fields_public.h"
#include "programs/handlers_public.h"

static struct db_sql q_count_lists = DB_SQL("SELECT COUNT(*) FROM rms_lists");
static struct db_sql q_lists = DB_SQL_FRESH("SELECT id, name FROM rms_lists ORDER BY id LIMIT ? OFFSET ?");
static struct db_sql q_list = DB_SQL("SELECT name, term_count FROM rms_lists WHERE id = ?");
/* A page of terms: all of a list's (one range of an index), or one
 * parent's children (arguments: list[, parent], limit, offset, lang, lang). */
#define V1_TERMS(from, order, outer)                                                                                \
	"SELECT t.id, t.status, COALESCE(nl.value, ne.value, t.name_en), COALESCE(sl.value, se.value),"             \
	" (SELECT m.source_term_id FROM rms_term_mappings m WHERE m.term_id = t.id AND m.is_main = 1 LIMIT 1)"      \
	" FROM (SELECT id, name_sort FROM rms_terms WHERE list_id = ?" from " ORDER BY " order                      \
	" LIMIT ? OFFSET ?) p JOIN rms_terms t ON t.id = p.id"                                                      \
	" LEFT JOIN rms_term_names nl ON nl.term_id = t.id AND nl.lang = ? AND nl.kind = 'name'"                    \
	" LEFT JOIN rms_term_names ne ON ne.term_id = t.id AND ne.lang = 'en' AND ne.kind = 'name'"                 \
	" LEFT JOIN rms_term_names sl ON sl.term_id = t.id AND sl.lang = ? AND sl.kind = 'short'"                   \
	" LEFT JOIN rms_term_names se ON se.term_id = t.id AND se.lang = 'en' AND se.kind = 'short'"                \
	" ORDER BY " outer
/* [one parent's][by name] */
static struct db_sql q_terms[2][2] = {
	{DB_SQL_FRESH(V1_TERMS("", "id", "p.id")), DB_SQL_FRESH(V1_TERMS("", "name_sort, id", "p.name_sort, p.id"))},
	{DB_SQL_FRESH(V1_TERMS(" AND parent_id = ?", "id", "p.id")),
	 DB_SQL_FRESH(V1_TERMS(" AND parent_id = ?", "name_sort, id", "p.name_sort, p.id"))},
};
static struct db_sql q_count_terms = DB_SQL("SELECT COUNT(*) FROM rms_terms WHERE list_id = ? AND parent_id = ?");

/* page and pagesize (at most API_MAX_SIZE a page). */
static void paging(struct req *r, long long *page, long long *size)
{
	*page = in_int(r, PF_PAGE, 1);
	*size = in_int(r, PF_PAGESIZE, 100);
	if (*size > API_MAX_SIZE)
		*size = API_MAX_SIZE;
}

static json_t *next_page(struct req *r, const char *path, long long page, long long size, long long total)
{
	return json_string(page * size < total ? api_link(r, path, "page", page + 1) : "");
}

int v1_lists(struct req *r)
{
	long long page, size;
	paging(r, &page, &size);
	struct db_rows count, rows;
	if (db_query(r->app->db, r->arena, &q_count_lists, &count, "") < 0 ||
	    db_query(r->app->db, r->arena, &q_lists, &rows, "ii", size, (page - 1) * size) < 0)
		return 500;
	json_t *lists = json_array();
	for (size_t i = 0; i < rows.nrows; i++)
		json_array_append_new(lists, json_pack("{s:{s:s}, s:s}", "list-id", "id", db_get(&rows, i, 0),
						       "list-name", db_get(&rows, i, 1)));
	json_t *doc = json_pack("{s:{s:o, s:o}}", "list-of-lists", "list-summary", lists, "next-page",
				next_page(r, "/v1/lists", page, size, atoll(db_get(&count, 0, 0))));
	return api_send(r, doc);
}

int v1_term_summaries(struct req *r)
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
	bool by_name = in_text(r, PF_SORTBY) && strcmp(in_text(r, PF_SORTBY), "term-name") == 0;
	long long page, size;
	paging(r, &page, &size);
	struct db_rows name, count, rows;
	if (db_query(r->app->db, r->arena, &q_list, &name, "s", list) < 0)
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
	long long total = parent ? atoll(db_get(&count, 0, 0)) : atoll(db_get(&name, 0, 1));
	json_t *terms = json_array();
	for (size_t i = 0; i < rows.nrows; i++) {
		json_t *t = json_pack("{s:{s:s}, s:{s:{s:{s:s}}}, s:{s:s}}", "term-id", "id", db_get(&rows, i, 0),
				      "term-names", "term-name", "name", "text", db_get(&rows, i, 2), "status", "code",
				      db_get(&rows, i, 1));
		if (db_get(&rows, i, 3))
			json_object_set_new(t, "short-names",
					    json_pack("{s:{s:{s:s}}}", "short-name", "name", "text", db_get(&rows, i, 3)));
		if (db_get(&rows, i, 4))
			json_object_set_new(t, "main-source-codes",
					    json_pack("{s:{s:s}}", "main-source-code", "source-term-id", db_get(&rows, i, 4)));
		json_array_append_new(terms, t);
	}
	const char *path = arena_printf(r->arena, "/v1/lists/%s/term-summaries", list);
	json_t *doc = json_pack("{s:{s:{s:s}, s:{s:o}, s:o}}", "controlled-terms-list-summary", "list-summary",
				"list-name", db_get(&name, 0, 0), "controlled-term-summaries", "controlled-term-summary",
				terms, "next-page", next_page(r, path, page, size, total));
	return api_send(r, doc);
}
