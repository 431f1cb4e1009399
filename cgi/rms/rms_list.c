/* /rms/lists/{listId}: one list and its terms, in a data language with an
 * English fallback, filtered by status, domain and words, sorted and
 * paginated.  Each sort has its own statement so that an index serves it. */
#include "config.h"

#include <jansson.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "core/collate.h"
#include "core/db.h"
#include "core/favourite.h"
#include "core/field.h"
#include "core/fragment.h"
#include "core/label.h"
#include "core/listing.h"
#include "core/page.h"
#include "core/program.h"
#include "core/sides.h"
#include "programs/fields_public.h"
#include "programs/handlers_public.h"
#include "rms/rms_anchor.h"
#include "rms/rms_page.h"

/* The list, named as the page shows it (Page.list); its languages and
 * statistics the page reads apart. */
#define LIST_COLUMNS(X)                                                                                            \
	X(LIST_ID, "id") X(LIST_NAME, "name") X(LIST_SHORT_NAME, "short_name") X(LIST_DESCRIPTION, "description")   \
	X(LIST_OWNER, "owner") X(LIST_DOMAIN, "domain") X(LIST_STATUS, "status") \
	X(LIST_VERSION, "version") X(LIST_TERMS, "terms") X(LIST_HIERARCHICAL, "hierarchical")                      \
	X(LIST_CREATED, "created") X(LIST_MODIFIED, "modified") X(LIST_LANGUAGES, NULL) X(LIST_STATS, NULL)
DB_COLUMNS(LIST_COLUMNS, LIST__COUNT, list_names);
static struct db_sql q_list = DB_SQL_COLS(LIST__COUNT,
	"SELECT l.id, l.name, l.short_name, l.description, l.owner, l.domain_id, l.status, l.version,"
	" l.term_count, l.hierarchical, DATE_FORMAT(l.created_at, '%Y-%m-%d'), DATE_FORMAT(l.modified_at, '%Y-%m-%d'),"
	" l.languages, l.stats"
	" FROM rms_lists l WHERE l.id = ?");
/* The list's versions since the portal changed it, newest first. */
#define VERSION_COLUMNS(X)                                                                                         \
	X(VERSION_SEQ, "version") X(VERSION_RECORDED, "recorded") X(VERSION_SOURCE, "source")                      \
	X(VERSION_REQUEST, "request") X(VERSION_CHANGES, "changes")
DB_COLUMNS(VERSION_COLUMNS, VERSION__COUNT, version_names);
static struct db_sql q_versions = DB_SQL_COLS(VERSION__COUNT,
	"SELECT seq, DATE_FORMAT(recorded_at, '%Y-%m-%d %H:%i'), source, request_id, changes FROM rms_list_versions"
	" WHERE list_id = ? ORDER BY seq DESC LIMIT 100");

/* The page's term IDs come first, from the indexes alone (deep pages skip
 * index entries, not joined rows); then the details of those few terms, in
 * the order of the IDs.  Sorting the joined rows instead would cost
 * MariaDB a temporary table on disk (names are long VARCHARs).
 * Arguments: [first word,] list, status, status, domain, domain,
 * [more words,] limit, offset. */
#define FILTERS " WHERE t.list_id = ? AND (? IS NULL OR t.status = ?) AND (? IS NULL OR t.domain_id = ?)"
/* One statement per sort (rms_page.h). */
#define PAGE(sort, word, order)                                                                                    \
	[sort] = DB_SQL_FRESH("SELECT t.id FROM rms_terms t" FILTERS order " LIMIT ? OFFSET ?"),
#define PAGE_WORDS(sort, word, order)                                                                              \
	[sort] = DB_SQL("SELECT t.id FROM" RMS_WORD_TERMS FILTERS RMS_MORE_WORDS order " LIMIT ? OFFSET ?"),
/* Without filters the index of each sort alone answers, which keeps deep
 * pages cheap.  It is named: executed again, a prepared statement of the
 * name sorts left it for a sort of the whole list (0.2 s against 0.01 s at
 * offset 49,000 of 50,000), and preparing it anew for each page cost a
 * round trip.  No index gives status down with names up: either plan
 * sorts.  Arguments: list, limit, offset. */
#define INDEX_TERMS_BY_NAME " FORCE INDEX (rms_terms_list_name)"
#define INDEX_TERMS_BY_NAME_DESC INDEX_TERMS_BY_NAME
#define INDEX_TERMS_BY_ID " FORCE INDEX (rms_terms_list_id)"
#define INDEX_TERMS_BY_ID_DESC INDEX_TERMS_BY_ID
#define INDEX_TERMS_BY_STATUS " FORCE INDEX (rms_terms_list_status)"
#define INDEX_TERMS_BY_STATUS_DESC ""
#define PAGE_ALL(sort, word, order)                                                                                \
	[sort] = DB_SQL("SELECT t.id FROM rms_terms t" INDEX_##sort " WHERE t.list_id = ?" order " LIMIT ? OFFSET ?"),

static struct db_sql q_all_terms[TERMS_SORT__COUNT] = {RMS_TERM_SORTS(PAGE_ALL)};
/* [1] with words. */
static struct db_sql q_terms[2][TERMS_SORT__COUNT] = {{RMS_TERM_SORTS(PAGE)}, {RMS_TERM_SORTS(PAGE_WORDS)}};

/* In another data language than English the names shown are not those
 * the indexes sort: every matching term with the name it shows (and its
 * status's rank), for collate_rows to put in that language's order; a
 * list holds thousands of terms at most.  [1] with words.  Arguments:
 * [first word,] lang, list, status, status, domain, domain, [more words]. */
#define SHOWN_COLUMNS(X) X(SHOWN_ID, "id") X(SHOWN_STATUS, "status") X(SHOWN_NAME, "name")
enum { SHOWN_COLUMNS(DB_COLUMN) SHOWN__COUNT };
#define SHOWN_SELECT "SELECT t.id, t.status + 0, COALESCE(nl.value, t.name_en) FROM"
#define SHOWN_NAME_JOIN " LEFT JOIN rms_term_names nl ON nl.term_id = t.id AND nl.lang = ? AND nl.kind = 'name'"
static struct db_sql q_shown[2] = {
	DB_SQL_COLS(SHOWN__COUNT, SHOWN_SELECT " rms_terms t" SHOWN_NAME_JOIN FILTERS),
	DB_SQL_COLS(SHOWN__COUNT, SHOWN_SELECT RMS_WORD_TERMS SHOWN_NAME_JOIN FILTERS RMS_MORE_WORDS)};

/* The IDs of one page of the terms sorted by the names shown in `lang`
 * (the sorts by name and by status; the others need no names). */
static int shown_page(struct req *r, const char *lang, int sort, const struct words *words, const char *list,
		      const char *status, const char *domain, long long size, long long offset, struct db_rows *ids)
{
	struct db_rows all;
	int rc = words->n ? db_query(r->app->db, r->arena, &q_shown[1], &all,
				     WORDS_FIRST_TYPES "ssssss" WORDS_MORE_TYPES, WORDS_FIRST_ARGS(*words), lang, list,
				     status, status, domain, domain, WORDS_MORE_ARGS(*words))
			  : db_query(r->app->db, r->arena, &q_shown[0], &all, "ssssss", lang, list, status, status, domain,
				     domain);
	if (rc < 0)
		return -1;
	bool by_status = sort == TERMS_BY_STATUS || sort == TERMS_BY_STATUS_DESC;
	struct collate_order o = {.name = SHOWN_NAME,
				  .id = SHOWN_ID,
				  .first = by_status ? SHOWN_STATUS : -1,
				  .desc = sort == TERMS_BY_NAME_DESC,
				  .first_desc = sort == TERMS_BY_STATUS_DESC};
	collate_rows(r, &all, lang, &o);
	size_t from = (size_t)offset < all.nrows ? (size_t)offset : all.nrows;
	size_t n = all.nrows - from < (size_t)size ? all.nrows - from : (size_t)size;
	*ids = (struct db_rows){.nrows = n, .ncols = all.ncols, .cells = all.cells + from * all.ncols};
	return 0;
}

static bool sorts_names(int sort)
{
	return sort != TERMS_BY_ID && sort != TERMS_BY_ID_DESC;
}

/* The terms whose IDs are in a JSON array (put in order by
 * listing_order_as): [0] in English, [1] in another data language with
 * English standing in (and saying so), the domain's and parent's names
 * too.  Arguments: IDs; [1]: IDs, lang, lang, lang, lang. */
#define DETAILS_JOINS                                                                                              \
	" LEFT JOIN rms_term_names se ON se.term_id = t.id AND se.lang = 'en' AND se.kind = 'short'"               \
	" LEFT JOIN rms_terms d ON d.id = t.domain_id LEFT JOIN rms_terms p ON p.id = t.parent_id"
#define TERM_COLUMNS(X)                                                                                            \
	X(TERM_ID, "id") X(TERM_NAME, "name") X(TERM_FALLBACK, "fallback") X(TERM_SHORT, "short")                   \
	X(TERM_STATUS, "status") X(TERM_DOMAIN, "domain") X(TERM_DOMAIN_NAME, "domain_name") X(TERM_PARENT, "parent") \
	X(TERM_PARENT_NAME, "parent_name")
DB_COLUMNS(TERM_COLUMNS, TERM__COUNT, term_names);
static struct db_sql q_details[2] = {
	DB_SQL_COLS(TERM__COUNT,
		    "SELECT t.id, t.name_en, 0, se.value, t.status, t.domain_id, d.name_en, t.parent_id, p.name_en"
		    " FROM " LISTING_ID_TABLE " JOIN rms_terms t ON t.id = j.id" DETAILS_JOINS),
	DB_SQL_COLS(TERM__COUNT,
		    "SELECT t.id, COALESCE(nl.value, t.name_en), nl.value IS NULL, COALESCE(sl.value, se.value),"
		    " t.status, t.domain_id, COALESCE(dl.value, d.name_en), t.parent_id, COALESCE(pl.value, p.name_en)"
		    " FROM " LISTING_ID_TABLE " JOIN rms_terms t ON t.id = j.id"
		    " LEFT JOIN rms_term_names nl ON nl.term_id = t.id AND nl.lang = ? AND nl.kind = 'name'"
		    " LEFT JOIN rms_term_names sl ON sl.term_id = t.id AND sl.lang = ? AND sl.kind = 'short'" DETAILS_JOINS
		    " LEFT JOIN rms_term_names dl ON dl.term_id = d.id AND dl.lang = ? AND dl.kind = 'name'"
		    " LEFT JOIN rms_term_names pl ON pl.term_id = p.id AND pl.lang = ? AND pl.kind = 'name'")};

static struct db_sql q_count[2] = {DB_SQL("SELECT COUNT(*) FROM rms_terms t" FILTERS),
				   DB_SQL("SELECT COUNT(*) FROM" RMS_WORD_TERMS FILTERS RMS_MORE_WORDS)};

/* The number of terms matching the filters, from the list's statistics
 * when they can say it, else counted. */
static long long count_terms(struct req *r, const char *stats, long long all, const char *status, const char *domain,
			     const struct words *words, const char *list)
{
	if (!words->n && !(status && domain)) {
		if (!status && !domain)
			return all;
		json_t *j = json_loads(stats ? stats : "{}", 0, NULL);
		json_t *n = json_object_get(json_object_get(j, status ? "status" : "domain"), status ? status : domain);
		long long c = json_is_integer(n) ? json_integer_value(n) : 0;
		json_decref(j);
		return c;
	}
	struct db_rows rows;
	int rc = words->n ? db_query(r->app->db, r->arena, &q_count[1], &rows,
				     WORDS_FIRST_TYPES "sssss" WORDS_MORE_TYPES, WORDS_FIRST_ARGS(*words), list,
				     status, status, domain, domain, WORDS_MORE_ARGS(*words))
		       : db_query(r->app->db, r->arena, &q_count[0], &rows, "sssss", list, status, status, domain, domain);
	return rc == 0 ? atoll(db_value(&rows, 0)) : -1;
}

/* Page.langs, the data-language menu: each of the list's languages once
 * (its column may name one twice, in two cases), and the current one even
 * where the list has no name in it (English stands in), so that the menu
 * says what the page shows; Page.lang_count, the list's languages. */
static size_t add_language(struct req *r, const char **seen, size_t n, const char *lang, const char *current)
{
	for (size_t k = 0; k < n; k++)
		if (strcasecmp(seen[k], lang) == 0)
			return n;
	if (!field_is_lang(lang))
		return n;
	seen[n] = lang;
	HDF *item = page_item(r, "Page.langs", n);
	page_put(item, "code", lang);
	if (strcmp(lang, current) == 0)
		page_put(item, "current", "1");
	return n + 1;
}

static void languages(struct req *r, const char *csv, const char *current)
{
	char *copy = arena_strdup(r->arena, csv ? csv : ""), *save = NULL;
	const char **seen = arena_alloc(r->arena, (strlen(copy) / 2 + 2) * sizeof *seen);
	size_t n = 0;
	for (char *lang = strtok_r(copy, ",", &save); lang; lang = strtok_r(NULL, ",", &save))
		n = add_language(r, seen, n, lang, current);
	page_set_int(r, "Page.lang_count", (long long)n);
	add_language(r, seen, n, current, current);
}

/* The part of the page every visitor sees alike (rms/list_table.cs): the
 * list, its terms as the request filters, sorts and pages them, and its
 * history.  200, or the page's status when it is no list's. */
static int list_table(struct req *r, const char *id)
{
	struct db_rows list;
	if (db_query(r->app->db, r->arena, &q_list, &list, "s", id) < 0)
		return 500;
	if (list.nrows == 0) {
		const char *term = rms_page_of(r, id, RMS_TERMS);
		return term ? http_redirect(r, 303, term) : 404;
	}
	page_row(r, "Page.list", &list, 0, list_names, LIST__COUNT);
	page_set(r, "Page.list.domain_name", label(r, LABEL_TERM, db_get(&list, 0, LIST_DOMAIN)));

	const char *lang = rms_data_lang(r), *q = in_text(r, PF_Q);
	const char *status = in_text(r, PF_STATUS), *domain = in_text(r, PF_DOMAIN);
	struct words words;
	rms_words(r, q, &words);
	int sort = listing_sort_of(r, PF_TERMS_SORT, rms_term_sorts, TERMS_SORT__COUNT, TERMS_BY_NAME);
	long long size = listing_page_size(r, PF_SIZE, 50);
	long long page = in_int(r, PF_PAGE, 1);
	/* Words too short to search for find nothing, and say so. */
	long long total = q && !words.n ? 0
					: count_terms(r, db_get(&list, 0, LIST_STATS), atoll(db_get(&list, 0, LIST_TERMS)),
						      status, domain, &words, id);
	if (total < 0)
		return 500;
	if (q && !words.n)
		page_set(r, "Page.short_words", "1");
	if (words.broad)
		page_set(r, "Page.broad_words", "1");
	long long pages = total ? (total + size - 1) / size : 1;
	if (page > pages)
		page = pages;

	struct db_rows ids = {0}, terms = {0};
	long long offset = (page - 1) * size;
	bool en = strcmp(lang, "en") == 0;
	int rc = total == 0 ? 0
	       : !en && sorts_names(sort)
		       ? shown_page(r, lang, sort, &words, id, status, domain, size, offset, &ids)
	       : !words.n && !status && !domain && rms_anchor_deep(sort, offset)
		       ? rms_anchor_page(r, id, sort, size, offset, &ids)
	       : !words.n && !status && !domain
		       ? db_query(r->app->db, r->arena, &q_all_terms[sort], &ids, "iii", atoll(id), size, offset)
	       : words.n ? db_query(r->app->db, r->arena, &q_terms[1][sort], &ids,
				    WORDS_FIRST_TYPES "sssss" WORDS_MORE_TYPES "ii", WORDS_FIRST_ARGS(words), id,
				    status, status, domain, domain, WORDS_MORE_ARGS(words), size, offset)
			 : db_query(r->app->db, r->arena, &q_terms[0][sort], &ids, "sssssii", id, status, status, domain,
				    domain, size, offset);
	const char *page_ids = ids.nrows ? listing_ids(r, &ids, DB_VALUE) : NULL;
	if (rc < 0 ||
	    (page_ids && (en ? db_query(r->app->db, r->arena, &q_details[0], &terms, "s", page_ids)
			     : db_query(r->app->db, r->arena, &q_details[1], &terms, "sssss", page_ids, lang, lang, lang, lang)) < 0))
		return 500;
	listing_order_as(r, &terms, TERM_ID, &ids, DB_VALUE);
	page_rows(r, "Page.terms", &terms, term_names, TERM__COUNT);
	page_shown(r, "Page.terms");

	const char *path = arena_printf(r->arena, "/rms/lists/%s", id);
	listing_sort(r, path, rms_term_sorts, sort);
	listing_pager(r, path, page, size, total);
	languages(r, db_get(&list, 0, LIST_LANGUAGES), lang);
	rms_domains(r);
	page_set(r, "Page.path", path);
	page_set(r, "Page.export_csv", listing_href(r, arena_printf(r->arena, "%s/export.csv", path), "size", NULL));
	page_set(r, "Page.export_xlsx", listing_href(r, arena_printf(r->arena, "%s/export.xlsx", path), "size", NULL));
	page_set(r, "Page.export_json", listing_href(r, arena_printf(r->arena, "%s/export.json", path), "size", NULL));
	page_set(r, "Page.q", q);
	page_set(r, "Page.status", status);
	page_set(r, "Page.domain", domain);
	page_set(r, "Page.lang", lang);
	page_set_int(r, "Page.size", size);
	struct db_rows versions;
	if (db_query(r->app->db, r->arena, &q_versions, &versions, "s", id) < 0)
		return 500;
	page_rows(r, "Page.list_versions", &versions, version_names, VERSION__COUNT);
	return sides_of_versions(r, page_node(r, "Page.list_versions")) < 0 ? 500 : 200;
}

/* What rms/list.cs shows of the list besides its table. */
static const char *const list_kept[] = {"Page.list.id", "Page.list.name", NULL};

int rms_list_show(struct req *r)
{
	const char *id = in_text(r, PF_LIST_ID);
	const char *key = fragment_key(r, "rms/list", id);
	if (!fragment_use(r, key, "Page.table")) {
		int status = list_table(r, id);
		if (status != 200)
			return status;
		if (fragment_render(r, key, "rms/list_table.cs", "Page.table", list_kept) < 0)
			return 500;
	}
	favourite_mark(r, "list", id);
	page_set(r, "Page.atom", arena_printf(r->arena, "/rms/lists/%s/feed.atom", id)); /* its changes */
	page_set(r, "Page.nav", "rms");
	page_cacheable(r);
	return page_render(r, "rms/list.cs");
}
