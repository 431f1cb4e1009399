/* /rms/lists/{listId}/export.csv, export.xlsx and export.json, and the
 * FHIR CodeSystem of /api/v1/fhir/CodeSystem/{listId}: a list's terms with
 * the filters of its page, row by row.  The CSV has the columns of the
 * EMA's list export (docs/export.md), one row per term per language, UTF-8
 * with a byte order mark, RFC 4180 quoting; `sporctl import rms` reads it
 * back to the same content.  The spreadsheet holds the same in one sheet
 * per kind of row (rms_xlsx.h).  The JSON holds each term's full record. */
#include "config.h"

#include <jansson.h>
#include <stdlib.h>
#include <string.h>

#include "core/db.h"
#include "core/export.h"
#include "core/program.h"
#include "core/xlsx.h"
#include "programs/fields_public.h"
#include "programs/handlers_public.h"
#include "rms/rms_csv.h"
#include "rms/rms_export.h"
#include "rms/rms_fhir.h"
#include "rms/rms_term_view.h"
#include "rms/rms_page.h"
#include "rms/rms_xlsx.h"

/* The list, named as the JSON export's "list" names it. */
#define LIST_COLUMNS(X)                                                                                            \
	X(LIST_ID, "id") X(LIST_NAME, "name") X(LIST_SHORT_NAME, "short_name") X(LIST_DESCRIPTION, "description")   \
	X(LIST_OWNER, "owner") X(LIST_DOMAIN, "domain") X(LIST_STATUS, "status") X(LIST_VERSION, "version")         \
	X(LIST_TERM_COUNT, "term_count") X(LIST_CREATED, "created") X(LIST_MODIFIED, "modified")
enum { LIST_COLUMNS(DB_COLUMN) LIST__COUNT };
static struct db_sql q_list = DB_SQL_COLS(LIST__COUNT,
	"SELECT id, name, short_name, description, owner, domain_id, status, version, term_count,"
	" DATE_FORMAT(created_at, '%Y-%m-%dT%H:%i:%sZ'), DATE_FORMAT(modified_at, '%Y-%m-%dT%H:%i:%sZ')"
	" FROM rms_lists WHERE id = ?");

#define FILTERS                                                                                                    \
	" WHERE t.list_id = ? AND (? IS NULL OR t.status = ?) AND (? IS NULL OR t.domain_id = ?)"

/* Both exports stream the terms' current snapshots: the JSON as they are,
 * the CSV written from them (rms_csv_write).  Arguments: [first word,]
 * list, status, status, domain, domain[, more words]. */
#define JSON_VERSION " JOIN rms_term_versions v ON v.term_id = t.id AND v.seq = t.seq"
static struct db_sql q_snapshots[2] = {
	DB_SQL("SELECT v.snapshot FROM rms_terms t" JSON_VERSION FILTERS " ORDER BY t.id"),
	DB_SQL("SELECT v.snapshot FROM" RMS_WORD_TERMS JSON_VERSION FILTERS RMS_MORE_WORDS " ORDER BY t.id")};

/* What every export starts with: the list (404 before anything is
 * written) and the page's filters; then, streamed, the answer's headers. */
struct export {
	struct db_rows list;
	const char *id, *q, *status, *domain, *lang;
	struct words words;
	struct export_out o;
	struct rms_xlsx *sheets;
	void (*term)(struct export *e, const struct rms_term_view *term); /* the format's writer */
};

/* The list `id`: 0, 404 or 500. */
static int export_list(struct req *r, struct export *e, const char *id)
{
	e->id = id;
	if (db_query(r->app->db, r->arena, &q_list, &e->list, "s", e->id) < 0)
		return 500;
	return e->list.nrows ? 0 : 404;
}

static int export_filters(struct req *r, struct export *e)
{
	int rc = export_list(r, e, in_text(r, PF_LIST_ID));
	if (rc)
		return rc;
	e->q = in_text(r, PF_Q);
	e->status = in_text(r, PF_STATUS);
	e->domain = in_text(r, PF_DOMAIN);
	e->lang = in_text(r, PF_LANG);
	rms_words(r, e->q, &e->words);
	return 0;
}

static int export_begin(struct req *r, struct export *e, const char *type, const char *ext, bool download)
{
	int rc = export_filters(r, e);
	if (!rc)
		export_start(&e->o, r, type, download ? arena_printf(r->arena, "%s.%s", e->id, ext) : NULL);
	return rc;
}

/* Stream the snapshots of the terms the filters select to `each`. */
static int each_snapshot(struct req *r, struct export *e, db_row_fn *each, void *ctx)
{
	if (e->q && !e->words.n)
		return 0; /* words too short: nothing matches */
	return e->words.n ? db_each(r->app->db, r->arena, &q_snapshots[1], each, ctx,
				    WORDS_FIRST_TYPES "sssss" WORDS_MORE_TYPES, WORDS_FIRST_ARGS(e->words), e->id,
				    e->status, e->status, e->domain, e->domain, WORDS_MORE_ARGS(e->words))
			  : db_each(r->app->db, r->arena, &q_snapshots[0], each, ctx, "sssss", e->id, e->status,
				    e->status, e->domain, e->domain);
}

/* One term of an export: its record read in one pass (rms_term_view.h),
 * not parsed into a tree, then written by the format's e->term.  0, or -1
 * when it is not a record. */
static int term_row(void *ctx, const char *const *cells, size_t ncols)
{
	(void)ncols;
	struct export_out *o = ctx;
	struct export *e = o->data;
	struct rms_term_view term;
	arena_reset(o->scratch);
	if (rms_term_view_read(o->scratch, cells[DB_VALUE], &term) < 0)
		return -1;
	e->term(e, &term);
	export_flush(o, false);
	return 0;
}

static void csv_term(struct export *e, const struct rms_term_view *term)
{
	e->o.rows += rms_csv_write(e->o.scratch, &e->o.buf, term, e->lang);
}

/* The CSV of the terms e selects, to e->o: 200 or 500. */
static int write_csv(struct req *r, struct export *e)
{
	buf_puts(&e->o.buf, "\xef\xbb\xbf");
	for (size_t c = 0; c < rms_csv_ncolumns; c++)
		export_csv_field(&e->o.buf, rms_csv_column(c), c == 0);
	buf_puts(&e->o.buf, "\r\n");
	e->term = csv_term;
	e->o.data = e;
	int rc = each_snapshot(r, e, term_row, &e->o);
	export_end(&e->o);
	return rc < 0 ? 500 : 200;
}

int rms_export_csv_show(struct req *r)
{
	struct export e;
	int rc = export_begin(r, &e, "text/csv; charset=utf-8", "csv", true);
	return rc ? rc : write_csv(r, &e);
}

static void xlsx_term(struct export *e, const struct rms_term_view *term)
{
	rms_xlsx_term(e->sheets, e->o.scratch, term, e->lang);
}

/* The spreadsheet is written whole before anything is sent (a zip file
 * is only complete at its end), so an error is still a 500. */
int rms_export_xlsx_show(struct req *r)
{
	struct export e;
	int rc = export_filters(r, &e);
	if (rc)
		return rc;
	struct xlsx *x = xlsx_new(r);
	if (!x)
		return 500;
	export_init(&e.o, r);
	e.term = xlsx_term;
	e.o.data = &e;
	e.sheets = rms_xlsx_begin(r->arena, x);
	rc = each_snapshot(r, &e, term_row, &e.o);
	export_end(&e.o);
	return xlsx_end(x, rc, arena_printf(r->arena, "%s.xlsx", e.id));
}

int rms_export_json_show(struct req *r)
{
	struct export e;
	int rc = export_begin(r, &e, "application/json; charset=utf-8", "json", true);
	if (rc)
		return rc;
	json_t *l = json_object();
	static const char *const keys[] = {LIST_COLUMNS(DB_COLUMN_NAME)};
	for (size_t c = 0; c < LIST__COUNT; c++) {
		const char *v = db_get(&e.list, 0, c);
		json_object_set_new(l, keys[c], v ? json_string(v) : json_null());
	}
	char *head = json_dumps(l, JSON_COMPACT | JSON_PRESERVE_ORDER);
	json_decref(l);
	buf_printf(&e.o.buf, "{\"list\":%s,\"terms\":[", head);
	free(head);
	rc = each_snapshot(r, &e, export_json_row, &e.o);
	buf_puts(&e.o.buf, "\n]}\n");
	export_end(&e.o);
	return rc < 0 ? 500 : 200;
}

static void fhir_term(struct export *e, const struct rms_term_view *term)
{
	json_t *c = rms_fhir_concept(term);
	char *text = json_dumps(c, JSON_COMPACT | JSON_PRESERVE_ORDER);
	buf_printf(&e->o.buf, "%s\n%s", e->o.rows++ ? "," : "", text ? text : "{}");
	free(text);
	json_decref(c);
}

/* The list as a FHIR R4 CodeSystem, the terms e selects as its concepts,
 * to e->o: 200 or 500. */
static int write_fhir(struct req *r, struct export *e)
{
	const char *id = db_get(&e->list, 0, LIST_ID), *version = db_get(&e->list, 0, LIST_VERSION);
	const char *description = db_get(&e->list, 0, LIST_DESCRIPTION);
	json_t *cs = json_pack("{s:s, s:s, s:s, s:s, s:s, s:s, s:s, s:s}", "resourceType", "CodeSystem", "id", id,
			       "url", arena_printf(r->arena, "https://spor.ema.europa.eu/v1/lists/%s", id), "version",
			       version ? version : "1", "name", arena_printf(r->arena, "SPOR_%s", id), "title",
			       db_get(&e->list, 0, LIST_NAME), "status", rms_fhir_status(db_get(&e->list, 0, LIST_STATUS)),
			       "content", "complete");
	if (description)
		json_object_set_new(cs, "description", json_string(description));
	json_object_set_new(cs, "property",
			    json_pack("[{s:s, s:s}, {s:s, s:s}, {s:s, s:s}, {s:s, s:s}]", "code", "status", "type", "code",
				      "code", "domain", "type", "code", "code", "parent", "type", "code", "code",
				      "replacedBy", "type", "code"));
	char *head = json_dumps(cs, JSON_COMPACT | JSON_PRESERVE_ORDER);
	json_decref(cs);
	size_t len = strlen(head);
	buf_printf(&e->o.buf, "%.*s,\"concept\":[", (int)(len - 1), head); /* the object, still open */
	free(head);
	e->term = fhir_term;
	e->o.data = e;
	int rc = each_snapshot(r, e, term_row, &e->o);
	buf_puts(&e->o.buf, "\n]}\n");
	export_end(&e->o);
	return rc < 0 ? 500 : 200;
}

/* /api/v1/fhir/CodeSystem/{listId}: the list as a FHIR R4 CodeSystem, its
 * terms as concepts (the filters of the list's page apply), streamed;
 * `sporctl import rms` reads it back to the same content. */
int rms_export_fhir_show(struct req *r)
{
	struct export e;
	int rc = export_begin(r, &e, "application/fhir+json; charset=utf-8", "json", false);
	return rc ? rc : write_fhir(r, &e);
}

int rms_export_whole(struct req *r, const char *id, enum rms_export_form form,
		     void (*sink)(void *ctx, const char *data, size_t len), void *ctx)
{
	struct export e;
	memset(&e, 0, sizeof e);
	if (export_list(r, &e, id))
		return -1;
	export_init_sink(&e.o, r, sink, ctx);
	return (form == RMS_EXPORT_FHIR ? write_fhir(r, &e) : write_csv(r, &e)) == 200 ? 0 : -1;
}
