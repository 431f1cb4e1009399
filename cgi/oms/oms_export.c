/* /oms/export.csv and /oms/export.json: the organisations matching the
 * search's filters, streamed from their records.  The CSV is the layout
 * sporctl import oms reads (one row per location), the JSON the portal's
 * own (docs/oms-import.md): either imports back to the same content. */
#include "config.h"

#include <jansson.h>
#include <stdio.h>
#include <string.h>

#include "core/db.h"
#include "core/export.h"
#include "core/program.h"
#include "oms/oms_page.h"
#include "oms/oms_record.h"
#include "programs/handlers_public.h"

/* The records, by each sort; [1] with words. */
#define RECORDS(sort, word, order) [sort] = DB_SQL("SELECT o.record FROM" OMS_FROM order),
#define RECORDS_WORDS(sort, word, order) [sort] = DB_SQL("SELECT o.record FROM" OMS_FROM_WORDS order),
static struct db_sql q_records[2][ORGS_SORT__COUNT] = {{OMS_ORG_SORTS(RECORDS)}, {OMS_ORG_SORTS(RECORDS_WORDS)}};

static int csv_org(void *ctx, const char *const *cells, size_t ncols)
{
	(void)ncols;
	struct export_out *o = ctx;
	json_t *org = json_loads(cells[DB_VALUE] ? cells[DB_VALUE] : "", 0, NULL);
	if (!org)
		return -1;
	arena_reset(o->scratch);
	oms_csv_write(o->scratch, &o->buf, org);
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

int oms_export_csv_show(struct req *r)
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

int oms_export_json_show(struct req *r)
{
	struct export_out o;
	export_start(&o, r, "application/json; charset=utf-8", "organisations.json");
	buf_puts(&o.buf, "{\"format\":\"spor-oms\",\"version\":1,\"organisations\":[");
	int rc = export(r, export_json_row, &o);
	buf_puts(&o.buf, "\n]}\n");
	export_end(&o);
	return rc < 0 ? 500 : 200;
}
