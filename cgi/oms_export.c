/* /oms/export.csv and /oms/export.json: the organisations matching the
 * search's filters, streamed from their records.  The CSV is the layout
 * sporctl import oms reads (one row per location), the JSON the portal's
 * own (docs/oms-import.md): either imports back to the same content. */
#include "config.h"

#include <jansson.h>
#include <stdio.h>
#include <string.h>

#include "app.h"
#include "db.h"
#include "export.h"
#include "handlers.h"
#include "oms_page.h"
#include "oms_record.h"

#define RECORDS(order) DB_SQL("SELECT o.record FROM" OMS_FROM order)
#define RECORDS_WORDS(order) DB_SQL("SELECT o.record FROM" OMS_FROM_WORDS order)
static struct db_sql q_records[2][4] = {
	{RECORDS(OMS_BY_NAME), RECORDS(OMS_BY_NAME_DESC), RECORDS(OMS_BY_ID), RECORDS(OMS_BY_ID_DESC)},
	{RECORDS_WORDS(OMS_BY_NAME), RECORDS_WORDS(OMS_BY_NAME_DESC), RECORDS_WORDS(OMS_BY_ID),
	 RECORDS_WORDS(OMS_BY_ID_DESC)},
};

/* One row: the organisation's columns, then the location's (or none). */
static void csv_location(struct export_out *o, const json_t *org, const json_t *loc)
{
	struct arena *a = o->scratch;
	const json_t *alt = json_object_get(org, "alternative_names"), *ids = json_object_get(org, "identifiers");
	const json_t *addr = json_object_get(loc, "address");
	const char *cells[34] = {
		json_string_value(json_object_get(org, "id")), json_string_value(json_object_get(org, "name")),
		json_string_value(json_object_get(org, "acronym")), json_string_value(json_object_get(org, "type")),
		json_string_value(json_object_get(org, "size")), json_string_value(json_object_get(org, "status")),
		json_string_value(json_object_get(org, "version"))};
	static const char *const org_lists[][2] = {{"alternative_names", "name"}, {"alternative_names", "lang"},
						   {"identifiers", "system"},	    {"identifiers", "code"},
						   {"identifiers", "valid_from"},   {"identifiers", "valid_to"}};
	for (size_t k = 0; k < 6; k++)
		cells[7 + k] = export_joined(a, k < 2 ? alt : ids, org_lists[k][1]);
	cells[13] = export_joined(a, json_object_get(org, "merged_ids"), NULL);
	static const char *const loc_keys[] = {"id", NULL, NULL, NULL, NULL, "po_box", "postal_code", "city",
					       "county", "region", "country_code", "country", "latitude", "longitude",
					       "lang", "email", "phone", "status", "version"};
	for (size_t k = 0; loc && k < sizeof loc_keys / sizeof loc_keys[0]; k++) {
		const json_t *v = k >= 1 && k <= 4 ? json_array_get(addr, k - 1) : json_object_get(loc, loc_keys[k]);
		cells[14 + k] = json_is_number(v) ? arena_printf(a, "%.6f", json_number_value(v)) : json_string_value(v);
	}
	if (loc)
		cells[33] = export_joined(a, json_object_get(loc, "merged_ids"), NULL);
	for (size_t c = 0; c < oms_csv_ncolumns; c++)
		export_csv_field(&o->buf, cells[c], c == 0);
	buf_puts(&o->buf, "\r\n");
}

static int csv_org(void *ctx, const char *const *cells, size_t ncols)
{
	(void)ncols;
	struct export_out *o = ctx;
	json_t *org = json_loads(cells[0] ? cells[0] : "", 0, NULL);
	if (!org)
		return -1;
	arena_reset(o->scratch);
	const json_t *locs = json_object_get(org, "locations");
	size_t i;
	json_t *loc;
	json_array_foreach(locs, i, loc) csv_location(o, org, loc);
	if (!json_array_size(locs))
		csv_location(o, org, NULL);
	json_decref(org);
	o->rows++;
	export_flush(o, false);
	return 0;
}

static int export(struct req *r, db_row_fn *each, struct export_out *o)
{
	struct oms_filters f;
	oms_filters(r, &f);
	if (f.q && !f.words.n)
		return 0; /* an ID or words too short: nothing matches */
	int w = f.words.n > 0;
	return w ? db_each(r->app->db, r->arena, &q_records[1][f.sort], each, o,
			   WORDS_FIRST_TYPES OMS_FILTER_TYPES WORDS_MORE_TYPES, WORDS_FIRST_ARGS(f.words),
			   OMS_FILTER_ARGS(f), WORDS_MORE_ARGS(f.words))
		 : db_each(r->app->db, r->arena, &q_records[0][f.sort], each, o, OMS_FILTER_TYPES, OMS_FILTER_ARGS(f));
}

int oms_export_csv(struct req *r)
{
	struct export_out o;
	export_start(&o, r, "text/csv; charset=utf-8", "organisations.csv");
	buf_puts(&o.buf, "\xef\xbb\xbf");
	for (size_t c = 0; c < oms_csv_ncolumns; c++)
		export_csv_field(&o.buf, oms_csv_columns[c], c == 0);
	buf_puts(&o.buf, "\r\n");
	int rc = export(r, csv_org, &o);
	export_end(&o);
	return rc < 0 ? 500 : 200;
}

int oms_export_json(struct req *r)
{
	struct export_out o;
	export_start(&o, r, "application/json; charset=utf-8", "organisations.json");
	buf_puts(&o.buf, "{\"format\":\"spor-oms\",\"version\":1,\"organisations\":[");
	int rc = export(r, export_json_row, &o);
	buf_puts(&o.buf, "\n]}\n");
	export_end(&o);
	return rc < 0 ? 500 : 200;
}
