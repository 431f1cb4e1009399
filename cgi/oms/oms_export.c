/* /oms/export.csv, /oms/export.xlsx and /oms/export.json: the organisations
 * matching the search's filters, in its order, from their records.  The CSV
 * is the layout sporctl import oms reads (one row per location), the JSON
 * the portal's own (docs/oms-import.md): either imports back to the same
 * content.  The spreadsheet holds the CSV's content in one sheet per kind of
 * row (oms_xlsx.h). */
#include "config.h"

#include <jansson.h>
#include <stdio.h>
#include <string.h>

#include "core/db.h"
#include "core/export.h"
#include "core/program.h"
#include "core/xlsx.h"
#include "oms/oms_export.h"
#include "oms/oms_page.h"
#include "oms/oms_record.h"
#include "oms/oms_xlsx.h"
#include "programs/handlers_public.h"

/* The records, by each sort; [1] with words. */
#define RECORDS(sort, word, order) [sort] = DB_SQL("SELECT o.record FROM" OMS_FROM order),
#define RECORDS_WORDS(sort, word, order) [sort] = DB_SQL("SELECT o.record FROM" OMS_FROM_WORDS order),
static struct db_sql q_records[2][ORGS_SORT__COUNT] = {{OMS_ORG_SORTS(RECORDS)}, {OMS_ORG_SORTS(RECORDS_WORDS)}};

static void csv_org(struct export_out *o, const json_t *org)
{
	oms_csv_write(o->scratch, &o->buf, org);
	o->rows++;
}

/* Hand the records the filters select, in their order, to `each`. */
static int export(struct req *r, const struct oms_filters *fp, db_row_fn *each, struct export_out *o)
{
	struct oms_filters f = *fp;
	if (f.q && !f.words.n)
		return 0; /* an ID or words too short: nothing matches */
	int w = f.words.n > 0;
	return w ? db_each(r->app->db, r->arena, &q_records[1][f.sort], each, o,
			   WORDS_FIRST_TYPES OMS_FILTER_TYPES WORDS_MORE_TYPES, WORDS_FIRST_ARGS(f.words),
			   OMS_FILTER_ARGS(f), WORDS_MORE_ARGS(f.words))
		 : db_each(r->app->db, r->arena, &q_records[0][f.sort], each, o, OMS_FILTER_TYPES, OMS_FILTER_ARGS(f));
}

/* The CSV of the organisations f selects, to o: 200 or 500. */
static int write_csv(struct req *r, const struct oms_filters *f, struct export_out *o)
{
	buf_puts(&o->buf, "\xef\xbb\xbf");
	for (size_t c = 0; c < oms_csv_ncolumns; c++)
		export_csv_field(&o->buf, oms_csv_columns[c], c == 0);
	buf_puts(&o->buf, "\r\n");
	o->record = csv_org;
	int rc = export(r, f, export_record, o);
	export_end(o);
	return rc < 0 ? 500 : 200;
}

int oms_export_csv_show(struct req *r)
{
	struct oms_filters f;
	oms_filters(r, &f);
	struct export_out o;
	export_start(&o, r, "text/csv; charset=utf-8", "organisations.csv");
	return write_csv(r, &f, &o);
}

static void xlsx_org(struct export_out *o, const json_t *org)
{
	oms_xlsx_org(o->data, o->scratch, org);
}

/* Written whole before anything is sent (a zip file is complete only at
 * its end), so an error is still a 500. */
int oms_export_xlsx_show(struct req *r)
{
	struct xlsx *x = xlsx_new(r);
	if (!x)
		return 500;
	struct oms_filters f;
	oms_filters(r, &f);
	struct export_out o;
	export_init(&o, r);
	o.record = xlsx_org;
	o.data = oms_xlsx_begin(r->arena, x);
	int rc = export(r, &f, export_record, &o);
	export_end(&o);
	return xlsx_end(x, rc, "organisations.xlsx");
}

/* The JSON of the organisations f selects, to o: 200 or 500. */
static int write_json(struct req *r, const struct oms_filters *f, struct export_out *o)
{
	buf_puts(&o->buf, "{\"format\":\"spor-oms\",\"version\":1,\"organisations\":[");
	int rc = export(r, f, export_json_row, o);
	buf_puts(&o->buf, "\n]}\n");
	export_end(o);
	return rc < 0 ? 500 : 200;
}

int oms_export_json_show(struct req *r)
{
	struct oms_filters f;
	oms_filters(r, &f);
	struct export_out o;
	export_start(&o, r, "application/json; charset=utf-8", "organisations.json");
	return write_json(r, &f, &o);
}

int oms_export_whole(struct req *r, enum oms_export_form form, void (*sink)(void *ctx, const char *data, size_t len),
		     void *ctx)
{
	struct oms_filters f;
	memset(&f, 0, sizeof f);
	f.sort = ORGS_BY_ID;
	struct export_out o;
	export_init_sink(&o, r, sink, ctx);
	return (form == OMS_EXPORT_JSON ? write_json(r, &f, &o) : write_csv(r, &f, &o)) == 200 ? 0 : -1;
}
