/* /rms/search: terms across all lists.  A 12-digit ID jumps to its term or
 * list; otherwise every word must start a word of the term's names, in any
 * language, case- and accent-insensitively (the word index and its
 * collation do the matching; highlight.c marks the words in C).  When
 * nothing matches and a word is in no term at all, the page shows the terms
 * of the nearest words instead (words_near.h) and links to that search. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "core/db.h"
#include "core/fragment.h"
#include "core/highlight.h"
#include "core/listing.h"
#include "core/page.h"
#include "core/program.h"
#include "core/words_near.h"
#include "programs/fields_public.h"
#include "programs/handlers_public.h"
#include "rms/rms_page.h"
#include "rms/rms_record.h"

/* Arguments: first word, list, list, status, status, domain, domain, more words. */
#define HITS                                                                                                       \
	" FROM" RMS_WORD_TERMS " JOIN rms_lists l ON l.id = t.list_id"                                              \
	" WHERE (? IS NULL OR t.list_id = ?) AND (? IS NULL OR t.status = ?) AND (? IS NULL OR t.domain_id = ?)"   \
	RMS_MORE_WORDS
/* The names of the terms on a page, as rms_search_page gives them. */
enum { NAME_TERM, NAME_LANG, NAME_KIND, NAME_VALUE, NAME__COUNT };

static void put_pieces(struct req *r, HDF *node, const char *list, const struct hl_piece *p, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		HDF *item = page_subitem(node, list, i); /* names: literals */
		page_put(item, "text", arena_strndup(r->arena, p[i].text, p[i].len));
		if (p[i].hit)
			page_put(item, "hit", "1");
	}
}

/* Preference of a text as the one to show: the data language's name, then
 * English, then any name, then other kinds. */
static int rank(const char *lang, const char *kind, const char *data_lang)
{
	bool name = strcmp(kind, "name") == 0;
	if (name && strcmp(lang, data_lang) == 0)
		return 0;
	if (name && strcmp(lang, "en") == 0)
		return 1;
	return name ? 2 : 3;
}

/* For hit `i` (term `id`), the title in the data language and, when the
 * words matched elsewhere, the text they matched. */
static void describe(struct req *r, size_t i, const char *id, const char *name_en, const struct db_rows *names,
		     const struct hl_words *w, const char *data_lang)
{
	HDF *hit = page_item(r, "Page.hits", i);
	const char *title = name_en;
	int best = 9;
	size_t best_row = 0;
	bool best_all = false;
	for (size_t k = 0; k < names->nrows; k++) {
		if (strcmp(db_get(names, k, NAME_TERM), id) != 0)
			continue;
		const char *lang = db_get(names, k, NAME_LANG), *kind = db_get(names, k, NAME_KIND);
		const char *value = db_get(names, k, NAME_VALUE);
		if (strcmp(kind, "name") == 0 && strcmp(lang, data_lang) == 0)
			title = value;
		struct hl_piece *p;
		bool all;
		hl_split(r->arena, value, w, &p, &all);
		int rk = rank(lang, kind, data_lang);
		if ((all && !best_all) || (all == best_all && rk < best)) {
			best = rk;
			best_row = k;
			best_all = all;
		}
	}
	struct hl_piece *p;
	bool all;
	size_t n = hl_split(r->arena, title, w, &p, &all);
	put_pieces(r, hit, "title", p, n);
	if (best < 9 && db_get(names, best_row, NAME_VALUE) != title && !(all && best <= 1)) {
		const char *value = db_get(names, best_row, NAME_VALUE);
		n = hl_split(r->arena, value, w, &p, &all);
		put_pieces(r, hit, "match", p, n);
		page_put(hit, "match_lang", db_get(names, best_row, NAME_LANG));
		page_put(hit, "match_kind", db_get(names, best_row, NAME_KIND));
	}
}

static int jump_to_id(struct req *r, const char *q)
{
	const char *page = rms_page_of(r, q, RMS_TERMS | RMS_LISTS);
	if (page)
		return http_redirect(r, 303, page);
	page_set(r, "Page.unknown_id", q);
	return 0;
}

/* The columns of q_page below. */
enum { PAGE_TOTAL = HIT__COUNT, PAGE_LANG, PAGE_KIND, PAGE_VALUE, PAGE__COUNT }; /* after the hit's columns */

/* Split the rows of q_page into the hits (one row each, the first columns)
 * and, unless `names` is NULL, their names. */
static void split_page(struct req *r, const struct db_rows *rows, struct db_rows *hits, struct db_rows *names)
{
	*hits = (struct db_rows){.ncols = HIT__COUNT};
	hits->cells = arena_alloc(r->arena, (rows->nrows + 1) * HIT__COUNT * sizeof *hits->cells);
	const char **name = NULL;
	if (names) {
		*names = (struct db_rows){.ncols = NAME__COUNT};
		names->cells = name = arena_alloc(r->arena, (rows->nrows + 1) * NAME__COUNT * sizeof *name);
	}
	for (size_t i = 0; i < rows->nrows; i++) {
		const char *id = db_get(rows, i, HIT_ID);
		if (!hits->nrows || strcmp(db_get(hits, hits->nrows - 1, HIT_ID), id) != 0)
			memcpy(hits->cells + hits->nrows++ * HIT__COUNT, rows->cells + i * rows->ncols,
			       HIT__COUNT * sizeof *hits->cells);
		if (!name || !db_get(rows, i, PAGE_LANG))
			continue;
		name[NAME_TERM] = id;
		name[NAME_LANG] = db_get(rows, i, PAGE_LANG);
		name[NAME_KIND] = db_get(rows, i, PAGE_KIND);
		name[NAME_VALUE] = db_get(rows, i, PAGE_VALUE);
		name += NAME__COUNT;
		names->nrows++;
	}
}

/* A page of hits and the number of them in one statement: every hit is
 * counted (COUNT(*) OVER, before the LIMIT) while the page's are kept in
 * the search's order, then joined to their terms, lists and names (one row
 * per name: each hit's rows in a row).  The window's rows hold the ID and
 * the sort key alone: a temporary table of 10,000 names of 1,000
 * characters would leave memory for the disk.  Prepared once: the
 * candidates' derived table, joined first, fixes the plan (no index order
 * to lose, as DB_SQL_FRESH's listings do).  Beyond the last page no row
 * comes back and q_count says how many there are. */
static struct db_sql q_page = DB_SQL_COLS(PAGE__COUNT,
	"SELECT h.id, t.list_id, l.name, t.status, t.name_en, h.total, n.lang, n.kind, n.value FROM"
	" (SELECT t.id, t.status = 'CURRENT' is_current, t.name_sort, COUNT(*) OVER () total" HITS
	"  ORDER BY t.status = 'CURRENT' DESC, t.name_sort, t.id LIMIT ? OFFSET ?) h"
	" JOIN rms_terms t ON t.id = h.id JOIN rms_lists l ON l.id = t.list_id"
	" LEFT JOIN rms_term_names n ON n.term_id = h.id ORDER BY h.is_current DESC, h.name_sort, h.id, n.lang, n.kind");
static struct db_sql q_count = DB_SQL("SELECT COUNT(*)" HITS);

/* Arguments of HITS. */
#define HITS_TYPES WORDS_FIRST_TYPES "ssssss" WORDS_MORE_TYPES
#define HITS_ARGS(w) WORDS_FIRST_ARGS(w), list, list, status, status, domain, domain, WORDS_MORE_ARGS(w)

/* The hits from `offset` (their count in *total, 0 past the last). */
static int hits_from(struct req *r, const struct words *words, const char *list, const char *status,
		     const char *domain, long long offset, long long size, long long *total, struct db_rows *hits,
		     struct db_rows *names)
{
	struct db_rows rows;
	*hits = (struct db_rows){0};
	if (names)
		*names = (struct db_rows){0};
	*total = 0;
	if (db_query(r->app->db, r->arena, &q_page, &rows, HITS_TYPES "ii", HITS_ARGS(*words), size, offset) < 0)
		return -1;
	if (rows.nrows) {
		*total = atoll(db_get(&rows, 0, PAGE_TOTAL));
		split_page(r, &rows, hits, names);
	}
	return 0;
}

/* How many hits there are, for a page past the last. */
static int count_hits(struct req *r, const struct words *words, const char *list, const char *status,
		      const char *domain, long long *total)
{
	struct db_rows rows;
	if (db_query(r->app->db, r->arena, &q_count, &rows, HITS_TYPES, HITS_ARGS(*words)) < 0)
		return -1;
	*total = atoll(db_value(&rows, 0));
	return 0;
}

int rms_search_page(struct req *r, const struct words *words, const char *list, const char *status,
		    const char *domain, long long *page, long long size, long long *total, struct db_rows *hits,
		    struct db_rows *names)
{
	if (*page < 1)
		*page = 1;
	if (hits_from(r, words, list, status, domain, (*page - 1) * size, size, total, hits, names) < 0)
		return -1;
	if (*total || *page == 1)
		return 0;
	/* Past the last page: the last page instead. */
	long long found;
	if (count_hits(r, words, list, status, domain, &found) < 0)
		return -1;
	long long pages = (found + size - 1) / size;
	*page = pages ? pages : 1;
	return pages ? rms_search_page(r, words, list, status, domain, page, size, total, hits, names) : 0;
}

int rms_search_at(struct req *r, const struct words *words, const char *list, const char *status, long long offset,
		  long long size, long long *total, struct db_rows *hits)
{
	if (hits_from(r, words, list, status, NULL, offset, size, total, hits, NULL) < 0)
		return -1;
	return *total || (!offset && size) ? 0 : count_hits(r, words, list, status, NULL, total);
}

#define LIST_COLUMNS(X) X(LIST_ID, "id") X(LIST_NAME, "name")
enum { LIST_COLUMNS(DB_COLUMN) LIST__COUNT };
static struct db_sql q_lists = DB_SQL_COLS(LIST__COUNT, "SELECT id, name FROM rms_lists ORDER BY name");

/* The texts of the terms holding a word of a key (its hex): the word is
 * read back from them as a suggestion. */
static struct words_near near = WORDS_NEAR("rms_term_words",
	"SELECT n.value FROM rms_term_words w JOIN rms_term_names n ON n.term_id = w.term_id"
	" WHERE w.wkey = UNHEX(?) LIMIT 40");

/* Nothing matched q: the terms of the query with its unknown words
 * corrected, when that finds some (Page.suggestion, and its link); *q
 * becomes the query shown.  0 or -1. */
static int forgive(struct req *r, const char **q, const char *list, const char *status, const char *domain,
		   long long *page, long long size, long long *total, struct db_rows *hits,
		   struct db_rows *names, const struct words *words)
{
	const char *fixed = words_near_query(r, &near, *q, words);
	if (!fixed)
		return 0;
	struct words w;
	rms_words(r, fixed, &w);
	long long found;
	struct db_rows rows, their_names;
	if (!w.n || rms_search_page(r, &w, list, status, domain, page, size, &found, &rows, &their_names) < 0)
		return w.n ? -1 : 0;
	if (!found)
		return 0;
	page_set(r, "Page.suggestion", fixed);
	page_set(r, "Page.suggestion_href", listing_href(r, "/rms/search", "q", fixed));
	*q = fixed;
	*total = found;
	*hits = rows;
	*names = their_names;
	return 0;
}

/* The filters' fields but the words (every list, status, domain and data
 * language to choose from, the request's choices selected), kept by the
 * worker for every search with the same choices (the data language is in
 * every such key): rms/search_filters.cs. */
static int put_filters(struct req *r, const char *list, const char *status, const char *domain)
{
	const char *chosen = arena_printf(r->arena, "%s|%s|%s", list ? list : "", status ? status : "",
					  domain ? domain : "");
	const char *key = fragment_key_chosen(r, "rms/search_filters", chosen);
	if (fragment_use(r, key, "Page.filters"))
		return 0;
	struct db_rows rows;
	if (db_query(r->app->db, r->arena, &q_lists, &rows, "") < 0)
		return -1;
	static const char *const list_names[] = {LIST_COLUMNS(DB_COLUMN_NAME)};
	page_rows(r, "Page.lists", &rows, list_names, LIST__COUNT);
	rms_domains(r);
	return fragment_render(r, key, "rms/search_filters.cs", "Page.filters", NULL);
}

int rms_search_show(struct req *r)
{
	const char *q = in_text(r, PF_Q), *list = in_text(r, PF_LIST), *status = in_text(r, PF_STATUS);
	const char *domain = in_text(r, PF_DOMAIN), *lang = rms_data_lang(r);
	long long size = listing_page_size(r, PF_SIZE, 20), page = in_int(r, PF_PAGE, 1);
	page_set(r, "Page.nav", "rms");
	page_cacheable(r);
	LISTING_SHOW(r, {"Page.q", q}, {"Page.list", list}, {"Page.status", status}, {"Page.domain", domain},
		     {"Page.lang", lang});
	page_set_int(r, "Page.size", size);
	/* An ID leaves at once for its term or list. */
	int jump = rms_is_id(q) ? jump_to_id(r, q) : 0;
	if (jump)
		return jump;
	if (put_filters(r, list, status, domain) < 0)
		return 500;
	if (rms_is_id(q))
		return page_render(r, "rms/search.cs");
	struct words words;
	rms_words(r, q, &words);
	if (!words.n) {
		if (q)
			page_set(r, "Page.short_words", "1");
		return page_render(r, "rms/search.cs");
	}
	if (words.broad)
		page_set(r, "Page.broad_words", "1");
	struct db_rows hits, names;
	long long total;
	if (rms_search_page(r, &words, list, status, domain, &page, size, &total, &hits, &names) < 0 ||
	    (total == 0 && forgive(r, &q, list, status, domain, &page, size, &total, &hits, &names, &words) < 0))
		return 500;
	listing_pager(r, "/rms/search", page, size, total);
	page_set(r, "Page.searched", "1");
	if (total == 0)
		return page_render(r, "rms/search.cs");
	static const char *const hit_names[] = {RMS_HIT_COLUMNS(DB_COLUMN_NAME)};
	page_rows(r, "Page.hits", &hits, hit_names, HIT__COUNT);
	struct hl_words w;
	hl_words(r->arena, q, &w);
	for (size_t i = 0; i < hits.nrows; i++)
		describe(r, i, db_get(&hits, i, HIT_ID), db_get(&hits, i, HIT_NAME_EN), &names, &w, lang);
	return page_render(r, "rms/search.cs");
}
