/* A change request's records side by side (sides.h). */
#include "config.h"

#include <jansson.h>
#include <stdbool.h>
#include <string.h>

#include "core/country.h"
#include "core/db.h"
#include "core/listing.h"
#include "core/page.h"
#include "core/program.h"
#include "core/sides.h"

/* A field's name as a record may hold it: what a page may show as one.  A
 * record's keys come from the portal, but a proposal is the requester's
 * JSON, so anything else is left out. */
static bool field_name(const char *key)
{
	size_t n = strspn(key, "abcdefghijklmnopqrstuvwxyz_");
	return n && n <= 32 && !key[n];
}

static const char *text(const json_t *record, const char *key)
{
	return json_string_value(json_object_get(record, key));
}

static bool same(const char *a, const char *b)
{
	return strcmp(a ? a : "", b ? b : "") == 0;
}

void sides_put(HDF *node, const char *before, const char *decision, const char *proposed, const char *approved)
{
	json_t *rec[4] = {json_loads(before ? before : "{}", 0, NULL), json_loads(decision ? decision : "{}", 0, NULL),
			  json_loads(proposed ? proposed : "{}", 0, NULL), json_loads(approved ? approved : "{}", 0, NULL)};
	if (before)
		page_put(node, "has_before", "1");
	if (decision)
		page_put(node, "moved", "1");
	if (approved)
		page_put(node, "approved", "1");
	enum { SHOWN_MAX = 64 };
	const char *done[SHOWN_MAX];
	size_t n = 0, ndone = 0;
	for (size_t r = 0; r < 4; r++) {
		const char *key;
		json_t *v;
		json_object_foreach(rec[r], key, v)
		{
			bool again = false;
			for (size_t d = 0; d < ndone && !again; d++)
				again = strcmp(done[d], key) == 0;
			if (again || !field_name(key) || !json_is_string(v) || ndone == SHOWN_MAX)
				continue;
			done[ndone++] = key;
			bool in_proposal = json_object_get(rec[2], key), in_approval = json_object_get(rec[3], key);
			bool moved = decision && !same(text(rec[0], key), text(rec[1], key));
			if (!in_proposal && !in_approval && !moved)
				continue;
			HDF *row = page_subitem(node, "sides", n++);
			page_put(row, "field", key);
			page_put(row, "before", text(rec[0], key));
			if (decision)
				page_put(row, "decision", text(rec[1], key));
			if (in_proposal) {
				page_put(row, "proposed_set", "1");
				page_put(row, "proposed", text(rec[2], key));
			}
			if (approved && in_approval) {
				page_put(row, "approved_set", "1");
				page_put(row, "approved", text(rec[3], key));
			}
			if (approved && (in_proposal != in_approval || !same(text(rec[2], key), text(rec[3], key))))
				page_put(row, "approved_changed", "1");
		}
	}
	for (size_t r = 0; r < 4; r++)
		json_decref(rec[r]);
}

/* The fields of a record that hold the ID of a term (a domain is a term of
 * the Domain list) or a country's code: account/cr_record.c's CK_DOMAIN,
 * CK_TERM and CK_COUNTRY. */
enum ref_kind { REF_TERM, REF_COUNTRY };
static const struct {
	const char *field;
	enum ref_kind kind;
} refs[] = {{"domain", REF_TERM}, {"parent", REF_TERM}, {"replaced_by", REF_TERM}, {"country_code", REF_COUNTRY}};
enum { NREFS = sizeof refs / sizeof refs[0] };

/* The columns of a row of sides that hold a value, each named in <column>_name. */
static const char *const value_columns[] = {"before", "decision", "proposed", "approved"};
static const char *const name_columns[] = {"before_name", "decision_name", "proposed_name", "approved_name"};

/* The kind of reference `field` holds, or -1. */
static long ref_of(const char *field)
{
	for (size_t i = 0; i < NREFS; i++)
		if (strcmp(refs[i].field, field) == 0)
			return (long)refs[i].kind;
	return -1;
}

bool sides_is_reference(const char *field)
{
	return ref_of(field) >= 0;
}

/* Each row of sides in the holders under `roots`: a root is a holder (it
 * has sides) or a list of them (Page.rounds, Page.versions). */
typedef void (*side_fn)(HDF *row, long kind, void *ctx);
static void each_reference(HDF *const *roots, size_t nroots, side_fn fn, void *ctx)
{
	for (size_t i = 0; i < nroots; i++) {
		if (!roots[i])
			continue;
		HDF *holder = hdf_get_obj(roots[i], "sides") ? roots[i] : hdf_obj_child(roots[i]);
		for (; holder; holder = holder == roots[i] ? NULL : hdf_obj_next(holder))
			for (HDF *row = hdf_obj_child(hdf_get_obj(holder, "sides")); row; row = hdf_obj_next(row)) {
				long kind = ref_of(hdf_get_value(row, "field", ""));
				if (kind >= 0)
					fn(row, kind, ctx);
			}
	}
}

/* The IDs and codes to name, as two JSON arrays. */
struct wanted {
	struct buf ids[2];
};

/* A country's English name, as RMS's Countries list names it, for its code. */
static const char *english(const char *code)
{
	const char *name = code ? country_name(code) : NULL;
	return name && !strpbrk(name, "\"\\") ? name : NULL;
}

static void want(HDF *row, long kind, void *ctx)
{
	struct wanted *w = ctx;
	for (size_t c = 0; c < sizeof value_columns / sizeof value_columns[0]; c++) {
		const char *v = hdf_get_value(row, value_columns[c], "");
		size_t n = strlen(v);
		if (kind == REF_TERM && n && n <= 18 && strspn(v, "0123456789") == n)
			buf_printf(&w->ids[kind], "%s%s", w->ids[kind].len > 1 ? "," : "", v);
		else if (kind == REF_COUNTRY && english(v))
			buf_printf(&w->ids[kind], "%s\"%s\"", w->ids[kind].len > 1 ? "," : "", english(v));
	}
}

/* The terms named by ID, and the countries by their English names (as the
 * location pages find their terms of the Countries list, 100000000002: by
 * English name or short name), in the data language, English standing
 * in.  Arguments: IDs, lang, English names, lang. */
enum { NAMED_KIND, NAMED_KEY, NAMED_NAME, NAMED__COUNT };
static struct db_sql q_named = DB_SQL_COLS(NAMED__COUNT,
	"SELECT 'term', t.id, COALESCE(n.value, t.name_en) FROM " LISTING_ID_TABLE " JOIN rms_terms t ON t.id = j.id"
	" LEFT JOIN rms_term_names n ON n.term_id = t.id AND n.lang = ? AND n.kind = 'name'"
	" UNION ALL SELECT 'country', c.name, COALESCE(n.value, t.name_en)"
	" FROM JSON_TABLE(?, '$[*]' COLUMNS (name VARCHAR(200) PATH '$')) c JOIN rms_terms t ON t.list_id = 100000000002"
	" LEFT JOIN rms_term_names s ON s.term_id = t.id AND s.lang = 'en' AND s.kind = 'short'"
	" LEFT JOIN rms_term_names n ON n.term_id = t.id AND n.lang = ? AND n.kind = 'name'"
	" WHERE t.name_en = c.name OR s.value = c.name");

static void name(HDF *row, long kind, void *ctx)
{
	const struct db_rows *rows = ctx;
	for (size_t c = 0; c < sizeof value_columns / sizeof value_columns[0]; c++) {
		const char *v = hdf_get_value(row, value_columns[c], NULL), *found = NULL;
		const char *key = kind == REF_COUNTRY ? english(v) : v;
		for (size_t i = 0; key && !found && i < rows->nrows; i++)
			if (strcmp(db_get(rows, i, NAMED_KIND), kind == REF_TERM ? "term" : "country") == 0 &&
			    strcmp(db_get(rows, i, NAMED_KEY), key) == 0)
				found = db_get(rows, i, NAMED_NAME);
		if (key && !found && kind == REF_COUNTRY)
			found = key; /* English, where RMS has no such country */
		page_put(row, name_columns[c], found); /* names: literals (name_columns) */
	}
}

int sides_names(struct req *r, HDF *const *roots, size_t nroots)
{
	struct wanted w;
	for (int k = 0; k < 2; k++) {
		buf_init(&w.ids[k], r->arena);
		buf_putc(&w.ids[k], '[');
	}
	each_reference(roots, nroots, want, &w);
	if (w.ids[REF_TERM].len == 1 && w.ids[REF_COUNTRY].len == 1)
		return 0;
	for (int k = 0; k < 2; k++)
		buf_putc(&w.ids[k], ']');
	const char *lang = r->data_lang ? r->data_lang : "en";
	struct db_rows rows;
	if (db_query(r->app->db, r->arena, &q_named, &rows, "ssss", buf_str(&w.ids[REF_TERM]), lang,
		     buf_str(&w.ids[REF_COUNTRY]), lang) < 0)
		return -1;
	each_reference(roots, nroots, name, &rows);
	return 0;
}

/* The records of the approved requests among `ids` (a JSON array). */
enum { PUBLIC_REQUEST, PUBLIC_KIND, PUBLIC_RECORD, PUBLIC__COUNT };
static struct db_sql q_public = DB_SQL_COLS(PUBLIC__COUNT,
	"SELECT r.request_id, r.kind, r.record FROM " LISTING_ID_TABLE " JOIN v_cr_public_records r"
	" ON r.request_id = j.id");

/* The record of `kind` for request `id` among `rows`, or NULL. */
static const char *record_of(const struct db_rows *rows, const char *id, const char *kind)
{
	for (size_t i = 0; i < rows->nrows; i++)
		if (strcmp(db_get(rows, i, PUBLIC_REQUEST), id) == 0 && strcmp(db_get(rows, i, PUBLIC_KIND), kind) == 0)
			return db_get(rows, i, PUBLIC_RECORD);
	return NULL;
}

int sides_of_versions(struct req *r, HDF *versions)
{
	struct buf ids;
	buf_init(&ids, r->arena);
	buf_putc(&ids, '[');
	for (HDF *v = hdf_obj_child(versions); v; v = hdf_obj_next(v)) {
		const char *id = hdf_get_value(v, "request", "");
		if (*id && strspn(id, "0123456789") == strlen(id) && strlen(id) <= 18)
			buf_printf(&ids, "%s%s", ids.len > 1 ? "," : "", id);
	}
	buf_putc(&ids, ']');
	if (ids.len == 2)
		return 0;
	struct db_rows rows;
	if (db_query(r->app->db, r->arena, &q_public, &rows, "s", buf_str(&ids)) < 0)
		return -1;
	for (HDF *v = hdf_obj_child(versions); v; v = hdf_obj_next(v)) {
		const char *id = hdf_get_value(v, "request", "");
		const char *approved = *id ? record_of(&rows, id, "approved") : NULL;
		if (approved)
			sides_put(v, record_of(&rows, id, "before"), record_of(&rows, id, "before_decision"),
				  record_of(&rows, id, "proposed"), approved);
	}
	return sides_names(r, &versions, 1);
}
