/* /rms/lists/{listId}/export.csv and export.json: a list's terms with the
 * filters of its page, streamed row by row.  The CSV has the columns of the
 * EMA's list export (docs/export.md), one row per term per language, UTF-8
 * with a byte order mark, RFC 4180 quoting; `sporctl import rms` reads it
 * back to the same content.  The JSON holds each term's full record. */
#include "config.h"

#include <jansson.h>
#include <stdlib.h>
#include <string.h>

#include "app.h"
#include "db.h"
#include "export.h"
#include "fields_public.h"
#include "handlers.h"
#include "rms_csv.h"
#include "rms_page.h"


static struct db_sql q_list = DB_SQL(
	"SELECT id, name, short_name, description, owner, domain_id, status, version, term_count,"
	" DATE_FORMAT(created_at, '%Y-%m-%dT%H:%i:%sZ'), DATE_FORMAT(modified_at, '%Y-%m-%dT%H:%i:%sZ')"
	" FROM rms_lists WHERE id = ?");

#define ISO(x) "DATE_FORMAT(" x ", '%Y-%m-%dT%H:%i:%sZ')"
#define TEXT(a) a ".value, " ISO(a ".modified_at") ", " a ".modified_by"
#define FILTERS                                                                                                    \
	" WHERE t.list_id = ? AND (? IS NULL OR t.status = ?) AND (? IS NULL OR t.domain_id = ?)"
#define MAPS(col)                                                                                                  \
	"(SELECT GROUP_CONCAT(COALESCE(" col ", '') ORDER BY position SEPARATOR '\xc2\xa6') FROM rms_term_mappings"  \
	" WHERE term_id = t.id)"

/* The columns of rms_csv_column(), attributes last as one value split in C.
 * Arguments: [first word,] list, status, status, domain, domain, lang, lang
 * [, more words]. */
#define CSV_COLUMNS                                                                                                \
	"SELECT t.list_id, t.id, nn.lang, " TEXT("nn") ", nn.tr_status, " TEXT("ns") ", ns.tr_status, " TEXT("no")  \
	", no.tr_status, " TEXT("ny") ", " TEXT("nd") ", nd.tr_status,"                                             \
	" t.domain_id, t.level_short, t.level_name, t.parent_id, t.status, " ISO("t.status_changed_at") ","         \
	" t.current_term_id, " MAPS("source_id") ", " MAPS("source_term_id") ", " MAPS("source_name") ","           \
	" " MAPS("CASE is_main WHEN 1 THEN 'Y' WHEN 0 THEN 'N' END") ", " MAPS("source_version") ","               \
	" " MAPS("source_status") ", t.comments,"                                                                   \
	" (SELECT GROUP_CONCAT(country_id ORDER BY country_id SEPARATOR '\xc2\xa6') FROM rms_term_countries"         \
	"  WHERE term_id = t.id),"                                                                                  \
	" " ISO("t.created_at") ", t.created_by, " ISO("t.modified_at") ", t.modified_by, t.version,"               \
	" " ISO("t.version_date") ", CASE t.is_major WHEN 1 THEN 'Y' WHEN 0 THEN 'N' END, t.visibility, t.user_tags," \
	" (SELECT GROUP_CONCAT(CONCAT(name, CHAR(31), COALESCE(value, '')) ORDER BY position SEPARATOR '\x1e')"    \
	"  FROM rms_term_attributes WHERE term_id = t.id) FROM"
#define CSV_JOINS                                                                                                  \
	" JOIN rms_term_names nn ON nn.term_id = t.id AND nn.kind = 'name'"                                        \
	" LEFT JOIN rms_term_names ns ON ns.term_id = t.id AND ns.lang = nn.lang AND ns.kind = 'short'"            \
	" LEFT JOIN rms_term_names no ON no.term_id = t.id AND no.lang = nn.lang AND no.kind = 'other'"            \
	" LEFT JOIN rms_term_names ny ON ny.term_id = t.id AND ny.lang = nn.lang AND ny.kind = 'symbol'"           \
	" LEFT JOIN rms_term_descriptions nd ON nd.term_id = t.id AND nd.lang = nn.lang" FILTERS                   \
	" AND (? IS NULL OR nn.lang = ?)"
static struct db_sql q_csv[2] = {
	DB_SQL(CSV_COLUMNS " rms_terms t" CSV_JOINS " ORDER BY t.id, nn.lang"),
	DB_SQL(CSV_COLUMNS RMS_WORD_TERMS CSV_JOINS RMS_MORE_WORDS " ORDER BY t.id, nn.lang")};

#define JSON_VERSION " JOIN rms_term_versions v ON v.term_id = t.id AND v.seq = t.seq"
static struct db_sql q_json[2] = {
	DB_SQL("SELECT v.snapshot FROM rms_terms t" JSON_VERSION FILTERS " ORDER BY t.id"),
	DB_SQL("SELECT v.snapshot FROM" RMS_WORD_TERMS JSON_VERSION FILTERS RMS_MORE_WORDS " ORDER BY t.id")};

static int csv_row(void *ctx, const char *const *cells, size_t ncols)
{
	struct export_out *o = ctx;
	size_t fixed = ncols - 1; /* the last cell holds the attributes */
	for (size_t c = 0; c < fixed; c++)
		export_csv_field(&o->buf, cells[c], c == 0);
	/* Attributes: name \x1f value, \x1e between pairs, into ten column pairs. */
	const char *attrs = cells[fixed] ? cells[fixed] : "";
	for (int i = 0; i < 10; i++) {
		const char *end = strchr(attrs, '\x1e'), *sep;
		size_t len = end ? (size_t)(end - attrs) : strlen(attrs);
		char *pair = arena_strndup(o->r->arena, attrs, len);
		sep = strchr(pair, '\x1f');
		if (sep)
			pair[sep - pair] = '\0';
		export_csv_field(&o->buf, *attrs ? pair : NULL, false);
		export_csv_field(&o->buf, *attrs && sep ? sep + 1 : NULL, false);
		attrs += len + (end ? 1 : 0);
	}
	buf_puts(&o->buf, "\r\n");
	o->rows++;
	export_flush(o, false);
	return 0;
}

/* What both exports start with: the list (404 before anything is
 * written), the page's filters, and the answer's headers. */
struct export {
	struct db_rows list;
	const char *id, *q, *status, *domain, *lang;
	struct words words;
	struct export_out o;
};

static int export_begin(struct req *r, struct export *e, const char *type, const char *ext)
{
	e->id = in_text(r, PF_LIST_ID);
	if (db_query(r->app->db, r->arena, &q_list, &e->list, "s", e->id) < 0)
		return 500;
	if (!e->list.nrows)
		return 404;
	e->q = in_text(r, PF_Q);
	e->status = in_text(r, PF_STATUS);
	e->domain = in_text(r, PF_DOMAIN);
	e->lang = in_text(r, PF_LANG);
	rms_words(r, e->q, &e->words);
	export_start(&e->o, r, type, arena_printf(r->arena, "%s.%s", e->id, ext));
	return 0;
}

int rms_export_csv(struct req *r)
{
	struct export e;
	int rc = export_begin(r, &e, "text/csv; charset=utf-8", "csv");
	if (rc)
		return rc;
	buf_puts(&e.o.buf, "\xef\xbb\xbf");
	for (size_t c = 0; c < rms_csv_ncolumns; c++)
		export_csv_field(&e.o.buf, rms_csv_column(c), c == 0);
	buf_puts(&e.o.buf, "\r\n");
	if (!e.q || e.words.n)
		rc = e.words.n ? db_each(r->app->db, r->arena, &q_csv[1], csv_row, &e.o,
					 WORDS_FIRST_TYPES "sssssss" WORDS_MORE_TYPES, WORDS_FIRST_ARGS(e.words),
					 e.id, e.status, e.status, e.domain, e.domain, e.lang, e.lang,
					 WORDS_MORE_ARGS(e.words))
			       : db_each(r->app->db, r->arena, &q_csv[0], csv_row, &e.o, "sssssss", e.id, e.status,
					 e.status, e.domain, e.domain, e.lang, e.lang);
	export_flush(&e.o, true);
	return rc < 0 ? 500 : 200;
}

int rms_export_json(struct req *r)
{
	struct export e;
	int rc = export_begin(r, &e, "application/json; charset=utf-8", "json");
	if (rc)
		return rc;
	json_t *l = json_object();
	static const char *const keys[] = {"id", "name", "short_name", "description", "owner", "domain",
					   "status", "version", "term_count", "created", "modified"};
	for (size_t i = 0; i < sizeof keys / sizeof keys[0]; i++) {
		const char *v = db_get(&e.list, 0, i);
		json_object_set_new(l, keys[i], v ? json_string(v) : json_null());
	}
	char *head = json_dumps(l, JSON_COMPACT | JSON_PRESERVE_ORDER);
	json_decref(l);
	buf_printf(&e.o.buf, "{\"list\":%s,\"terms\":[", head);
	free(head);
	if (!e.q || e.words.n)
		rc = e.words.n ? db_each(r->app->db, r->arena, &q_json[1], export_json_row, &e.o,
					 WORDS_FIRST_TYPES "sssss" WORDS_MORE_TYPES, WORDS_FIRST_ARGS(e.words),
					 e.id, e.status, e.status, e.domain, e.domain, WORDS_MORE_ARGS(e.words))
			       : db_each(r->app->db, r->arena, &q_json[0], export_json_row, &e.o, "sssss", e.id, e.status,
					 e.status, e.domain, e.domain);
	buf_puts(&e.o.buf, "\n]}\n");
	export_flush(&e.o, true);
	return rc < 0 ? 500 : 200;
}
