/* A change request's records side by side (sides.h). */
#include "config.h"

#include <jansson.h>
#include <stdbool.h>
#include <string.h>

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
	return 0;
}
