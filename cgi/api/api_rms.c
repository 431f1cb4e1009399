/* The read API of RMS: /api/v1/lists, /api/v1/lists/{listId},
 * /api/v1/lists/{listId}/terms (status, domain, parent, modified-since,
 * lang; by ID or by name; paginated) and
 * /api/v1/terms/{termId} (the term's canonical record, with its history).
 * Identifiers are strings; names are in ?lang= with English standing in. */
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
#include "rms/rms_fhir.h"
#include "rms/rms_term_view.h"
#include "rms/rms_page.h"

#define LISTS                                                                                                      \
	"SELECT id, name, short_name, description, status, version, term_count, languages,"                        \
	" DATE_FORMAT(modified_at, '%Y-%m-%dT%H:%i:%sZ') FROM rms_lists"
/* A list's terms, with the filters status, domain, parent and
 * modified-since (arguments: list, then each twice). */
#define TERM_FILTERS                                                                                                \
	" FROM rms_terms WHERE list_id = ? AND (? IS NULL OR status = ?) AND (? IS NULL OR domain_id = ?)"         \
	" AND (? IS NULL OR parent_id = ?) AND (? IS NULL OR modified_at >= ?)"
/* One page of terms, their names in the language asked, else English. */
enum { TERM_ID, TERM_STATUS, TERM_NAME, TERM_SHORT_NAME, TERM_PARENT, TERM_REPLACED_BY, TERM_MODIFIED, TERM__COUNT };
#define TERMS_PAGE(from, order, outer)                                                                              \
	DB_SQL_FRESH_COLS(TERM__COUNT,                                                                               \
			  "SELECT t.id, t.status, " API_TERM_NAMES ","                                                \
			  " t.parent_id, t.current_term_id, DATE_FORMAT(t.modified_at, '%Y-%m-%dT%H:%i:%sZ')"          \
			  " FROM (SELECT id, name_sort" from " ORDER BY " order " LIMIT ? OFFSET ?) p"               \
			  " JOIN rms_terms t ON t.id = p.id" API_TERM_NAMES_JOINS " ORDER BY " outer)
/* [filtered][by name]: without filters, a page is one range of the index
 * (list_id, id) or (list_id, name_sort, id) and the count is the list's. */
#define PLAIN " FROM rms_terms WHERE list_id = ?"
static struct db_sql q_terms[2][2] = {
	{TERMS_PAGE(PLAIN, "id", "p.id"), TERMS_PAGE(PLAIN, "name_sort, id", "p.name_sort, p.id")},
	{TERMS_PAGE(TERM_FILTERS, "id", "p.id"), TERMS_PAGE(TERM_FILTERS, "name_sort, id", "p.name_sort, p.id")},
};

static struct db_sql q_count_lists = DB_SQL("SELECT COUNT(*) FROM rms_lists");
static struct db_sql q_lists = DB_SQL_FRESH_COLS(LIST__COUNT, LISTS " ORDER BY id LIMIT ? OFFSET ?");

int api_rms_lists(struct req *r, long long page, long long size, struct db_rows *lists, long long *total)
{
	struct db_rows count;
	if (db_query(r->app->db, r->arena, &q_count_lists, &count, "") < 0 ||
	    db_query(r->app->db, r->arena, &q_lists, lists, "ii", size, (page - 1) * size) < 0)
		return -1;
	*total = atoll(db_value(&count, 0));
	return 0;
}

static struct db_sql q_list = DB_SQL_COLS(LIST__COUNT, LISTS " WHERE id = ?");

int api_rms_list(struct req *r, const char *id, struct db_rows *list)
{
	return db_query(r->app->db, r->arena, &q_list, list, "s", id);
}

static json_t *list_json(struct req *r, const struct db_rows *rows, size_t i)
{
	const char *languages = db_get(rows, i, LIST_LANGUAGES);
	json_t *langs = json_array();
	char *copy = arena_strdup(r->arena, languages ? languages : ""), *save = NULL;
	for (char *l = strtok_r(copy, ",", &save); l; l = strtok_r(NULL, ",", &save))
		json_array_append_new(langs, json_string(l));
	const char *id = db_get(rows, i, LIST_ID);
	return json_pack("{s:s, s:o, s:o, s:o, s:o, s:I, s:I, s:o, s:o, s:s}", "id", id, "name",
			 api_str(db_get(rows, i, LIST_NAME)), "shortName", api_str(db_get(rows, i, LIST_SHORT_NAME)),
			 "description", api_str(db_get(rows, i, LIST_DESCRIPTION)), "status",
			 api_str(db_get(rows, i, LIST_STATUS)), "version",
			 (json_int_t)atoll(db_get(rows, i, LIST_VERSION)), "termCount",
			 (json_int_t)atoll(db_get(rows, i, LIST_TERM_COUNT)), "languages", langs, "modified",
			 api_str(db_get(rows, i, LIST_MODIFIED)), "terms",
			 arena_printf(r->arena, "/api/v1/lists/%s/terms", id));
}

int api_rms_lists_show(struct req *r)
{
	long long page, size, total;
	api_paging(r, PF_PAGE, PF_API_SIZE, &page, &size);
	struct db_rows rows;
	if (api_rms_lists(r, page, size, &rows, &total) < 0)
		return 500;
	json_t *lists = json_array();
	for (size_t i = 0; i < rows.nrows; i++)
		json_array_append_new(lists, list_json(r, &rows, i));
	return api_send(r, json_pack("{s:o, s:o}", "lists", lists, "paging",
				     api_pager(r, "/api/v1/lists", page, size, total)));
}

int api_rms_list_show(struct req *r)
{
	struct db_rows rows;
	if (api_rms_list(r, in_text(r, PF_LIST_ID), &rows) < 0)
		return 500;
	if (!rows.nrows)
		return 404;
	api_modified(r, db_get(&rows, 0, LIST_MODIFIED));
	return api_send(r, list_json(r, &rows, 0));
}

/* modified-since: a date or a UTC time, as the API writes them. */
static const char *since(struct req *r)
{
	const char *s = in_text(r, PF_MODIFIED_SINCE);
	if (!s)
		return NULL;
	size_t n = strlen(s);
	bool date = n == 10 && s[4] == '-' && s[7] == '-' && strspn(s, "0123456789-") == 10;
	bool time = n == 20 && s[10] == 'T' && s[19] == 'Z' && strspn(s, "0123456789-:TZ") == 20;
	if (!date && !time)
		return "";
	char *v = arena_strndup(r->arena, s, date ? 10 : 19);
	if (time)
		v[10] = ' ';
	return v;
}

static struct db_sql q_count_terms = DB_SQL("SELECT COUNT(*)" TERM_FILTERS);

int api_rms_list_terms_show(struct req *r)
{
	const char *list = in_text(r, PF_LIST_ID), *status = in_text(r, PF_STATUS);
	const char *domain = in_text(r, PF_DOMAIN), *parent = in_text(r, PF_API_PARENT), *from = since(r);
	const char *lang = in_text(r, PF_LANG) ? in_text(r, PF_LANG) : "en";
	/* The API offers two of the page's sorts (rms_page.h): by ID, or by name. */
	bool by_name =
		listing_sort_of(r, PF_API_SORT, rms_term_sorts, TERMS_SORT__COUNT, TERMS_BY_ID) == TERMS_BY_NAME;
	if (from && !*from) {
		r->err_param = "modified-since";
		r->err_reason = "format";
		return 400;
	}
	long long page, size;
	api_paging(r, PF_PAGE, PF_API_SIZE, &page, &size);
	struct db_rows exists, count, rows;
	if (api_rms_list(r, list, &exists) < 0)
		return 500;
	if (!exists.nrows)
		return 404;
	bool filtered = status || domain || parent || from;
	long long total = atoll(db_get(&exists, 0, LIST_TERM_COUNT)); /* the list's own count */
#define ARGS list, status, status, domain, domain, parent, parent, from, from
	if (filtered && db_query(r->app->db, r->arena, &q_count_terms, &count, "sssssssss", ARGS) < 0)
		return 500;
	total = filtered ? atoll(db_value(&count, 0)) : total;
	int rc = filtered ? db_query(r->app->db, r->arena, &q_terms[1][by_name], &rows, "sssssssssiiss", ARGS, size,
				     (page - 1) * size, lang, lang)
			  : db_query(r->app->db, r->arena, &q_terms[0][by_name], &rows, "siiss", list, size,
				     (page - 1) * size, lang, lang);
#undef ARGS
	if (rc < 0)
		return 500;
	json_t *terms = json_array();
	for (size_t i = 0; i < rows.nrows; i++)
		json_array_append_new(
			terms, json_pack("{s:s, s:s, s:o, s:o, s:o, s:o, s:o}", "id", db_get(&rows, i, TERM_ID), "status",
					 db_get(&rows, i, TERM_STATUS), "name", api_str(db_get(&rows, i, TERM_NAME)),
					 "shortName", api_str(db_get(&rows, i, TERM_SHORT_NAME)), "parent",
					 api_str(db_get(&rows, i, TERM_PARENT)), "replacedBy",
					 api_str(db_get(&rows, i, TERM_REPLACED_BY)), "modified",
					 api_str(db_get(&rows, i, TERM_MODIFIED))));
	const char *path = arena_printf(r->arena, "/api/v1/lists/%s/terms", list);
	return api_send(r, json_pack("{s:s, s:s, s:o, s:o}", "list", list, "lang", lang, "terms", terms, "paging",
				     api_pager(r, path, page, size, total)));
}

static struct db_sql q_term = DB_SQL(
	"SELECT v.snapshot FROM rms_terms t JOIN rms_term_versions v ON v.term_id = t.id AND v.seq = t.seq"
	" WHERE t.id = ?");
enum { HISTORY_SEQ, HISTORY_VERSION, HISTORY_RECORDED, HISTORY_SOURCE, HISTORY_REQUEST, HISTORY_CHANGES, HISTORY__COUNT };
static struct db_sql q_history = DB_SQL_COLS(HISTORY__COUNT,
	"SELECT seq, version, DATE_FORMAT(recorded_at, '%Y-%m-%dT%H:%i:%sZ'), source, request_id, changes"
	" FROM rms_term_versions WHERE term_id = ? ORDER BY seq");

int api_rms_term_show(struct req *r)
{
	const char *id = in_text(r, PF_TERM_ID);
	struct db_rows rows, history;
	if (db_query(r->app->db, r->arena, &q_term, &rows, "s", id) < 0)
		return 500;
	if (!rows.nrows)
		return 404;
	json_t *term = json_loads(db_value(&rows, 0), 0, NULL);
	if (!term || db_query(r->app->db, r->arena, &q_history, &history, "s", id) < 0) {
		json_decref(term);
		return 500;
	}
	json_t *versions = json_array();
	for (size_t i = 0; i < history.nrows; i++) {
		const char *request = db_get(&history, i, HISTORY_REQUEST);
		const char *version = db_get(&history, i, HISTORY_VERSION);
		json_array_append_new(
			versions,
			json_pack("{s:I, s:o, s:s, s:s, s:o, s:s}", "seq",
				  (json_int_t)atoll(db_get(&history, i, HISTORY_SEQ)), "version",
				  version ? json_integer(atoll(version)) : json_null(), "recorded",
				  db_get(&history, i, HISTORY_RECORDED), "source", db_get(&history, i, HISTORY_SOURCE),
				  "request", request ? json_string(arena_printf(r->arena, "RRQ-%s", request)) : json_null(),
				  "changes", db_get(&history, i, HISTORY_CHANGES)));
	}
	json_object_set_new(term, "history", versions);
	if (history.nrows)
		api_modified(r, db_get(&history, history.nrows - 1, HISTORY_RECORDED));
	return api_send(r, term);
}

/* The hits' records and lists (their IDs in a JSON array). */
enum { RECORD_ID, RECORD_LIST, RECORD_LIST_NAME, RECORD_SNAPSHOT, RECORD__COUNT };
static struct db_sql q_hit_records = DB_SQL_COLS(RECORD__COUNT,
	"SELECT t.id, t.list_id, l.name, v.snapshot FROM " LISTING_ID_TABLE " JOIN rms_terms t ON t.id = j.id"
	" JOIN rms_term_versions v ON v.term_id = t.id AND v.seq = t.seq JOIN rms_lists l ON l.id = t.list_id");

/* A page of hits as a FHIR searchset Bundle: one CodeSystem fragment per
 * list, holding that list's hits as concepts, in the order of the hits. */
static int hits_bundle(struct req *r, const struct db_rows *hits, long long page, long long size, long long total)
{
	struct db_rows rec = {0};
	if (hits->nrows &&
	    db_query(r->app->db, r->arena, &q_hit_records, &rec, "s", listing_ids(r, hits, HIT_ID)) < 0)
		return 500;
	if (hits->nrows)
		listing_order_as(r, &rec, RECORD_ID, hits, HIT_ID);
	json_t *systems = json_object(), *order = json_array();
	for (size_t i = 0; i < rec.nrows; i++) {
		const char *list = db_get(&rec, i, RECORD_LIST);
		json_t *cs = json_object_get(systems, list);
		if (!cs) {
			cs = json_pack("{s:s, s:s, s:s, s:s, s:s, s:s, s:[]}", "resourceType", "CodeSystem", "id", list, "url",
				       arena_printf(r->arena, "https://spor.ema.europa.eu/v1/lists/%s", list), "title",
				       db_get(&rec, i, RECORD_LIST_NAME), "status", "active", "content", "fragment", "concept");
			json_object_set_new(systems, list, cs);
			json_array_append_new(order, json_string(list));
		}
		struct rms_term_view term;
		if (rms_term_view_read(r->arena, db_get(&rec, i, RECORD_SNAPSHOT), &term) == 0)
			json_array_append_new(json_object_get(cs, "concept"), rms_fhir_concept(&term));
	}
	json_t *entries = json_array(), *id;
	size_t i;
	json_array_foreach(order, i, id)
	{
		json_t *cs = json_object_get(systems, json_string_value(id));
		json_array_append_new(entries, json_pack("{s:s, s:O, s:{s:s}}", "fullUrl", json_string_value(json_object_get(cs, "url")),
							 "resource", cs, "search", "mode", "match"));
	}
	json_decref(systems);
	json_decref(order);
	return api_send_fhir(r, api_bundle(r, page, size, total, entries));
}

int api_rms_search_terms_show(struct req *r)
{
	const char *q = in_text(r, PF_Q);
	struct words words;
	rms_words(r, q, &words);
	if (!words.n) {
		r->err_param = "q";
		r->err_reason = "too_short";
		return 400;
	}
	long long page, size, total;
	api_paging(r, PF_PAGE, PF_API_SIZE, &page, &size);
	struct db_rows hits;
	if (rms_search_page(r, &words, in_text(r, PF_LIST), in_text(r, PF_STATUS), in_text(r, PF_DOMAIN), &page, size,
			    &total, &hits, NULL) < 0)
		return 500;
	if (api_format(r) == API_FHIR)
		return hits_bundle(r, &hits, page, size, total);
	json_t *terms = json_array();
	for (size_t i = 0; i < hits.nrows; i++)
		json_array_append_new(terms, json_pack("{s:s, s:s, s:s, s:s, s:s}", "id", db_get(&hits, i, HIT_ID),
						       "list", db_get(&hits, i, HIT_LIST), "listName",
						       db_get(&hits, i, HIT_LIST_NAME), "status", db_get(&hits, i, HIT_STATUS),
						       "name", db_get(&hits, i, HIT_NAME_EN)));
	return api_send(r, json_pack("{s:s, s:o, s:o}", "q", q, "terms", terms, "paging",
				     api_pager(r, "/api/v1/search/terms", page, size, total)));
}
