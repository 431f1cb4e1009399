/* Helpers shared by the OMS pages. */
#include "config.h"

#include <jansson.h>
#include <stdlib.h>
#include <string.h>

#include "core/collate.h"
#include "core/db.h"
#include "core/label.h"
#include "core/listing.h"
#include "core/page.h"
#include "core/program.h"
#include "oms/oms_page.h"
#include "oms/oms_record.h"
#include "programs/fields_public.h"

const char *const oms_org_sorts[ORGS_SORT__COUNT + 1] = {OMS_ORG_SORTS(LISTING_SORT_WORD) NULL};

static struct words_counts word_counts = WORDS_COUNTS("oms_org_words");

void oms_filters(struct req *r, struct oms_filters *f)
{
	memset(f, 0, sizeof *f);
	f->q = in_text(r, PF_Q);
	f->country = in_text(r, PF_COUNTRY);
	f->city = in_text(r, PF_CITY);
	f->postal = in_text(r, PF_POSTAL);
	f->status = in_text(r, PF_ORG_STATUS);
	f->type = in_text(r, PF_ORG_TYPE);
	f->located = f->country || f->city || f->postal ? "1" : NULL;
	f->sort = listing_sort_of(r, PF_ORGS_SORT, oms_org_sorts, ORGS_SORT__COUNT, ORGS_BY_NAME);
	if (f->q && !oms_is_org_id(f->q) && !oms_is_loc_id(f->q))
		oms_words(r, f->q, &f->words);
}

void oms_words(struct req *r, const char *q, struct words *w)
{
	words_pick(r, q, &word_counts, w);
}

/* The filter's choices: each code with its label (the option's text), in
 * the order the label's language sorts the labels (a country's in the data
 * language, a type's in the interface's). */
static void put_choices(struct req *r, const char *list, const char *json, const char *key, enum label_kind kind)
{
	json_t *a = json_loads(json ? json : "[]", 0, NULL);
	enum { CHOICE_LABEL, CHOICE_AT, CHOICE__COUNT };
	struct db_rows choices = {.nrows = json_array_size(a), .ncols = CHOICE__COUNT};
	const char **cells = arena_alloc(r->arena, (choices.nrows + 1) * CHOICE__COUNT * sizeof *cells);
	for (size_t i = 0; i < choices.nrows; i++) {
		cells[i * CHOICE__COUNT + CHOICE_LABEL] = label(r, kind, json_string_value(json_array_get(a, i)));
		cells[i * CHOICE__COUNT + CHOICE_AT] = arena_printf(r->arena, "%zu", i);
	}
	choices.cells = cells;
	collate_rows(r, &choices, kind == LABEL_COUNTRY && r->data_lang ? r->data_lang : r->lang,
		     &(struct collate_order){.name = CHOICE_LABEL, .id = CHOICE_AT, .first = -1});
	for (size_t i = 0; i < choices.nrows; i++) {
		const char *code = json_string_value(json_array_get(a, (size_t)atoll(db_get(&choices, i, CHOICE_AT))));
		HDF *item = page_subitem(r->hdf, list, i); /* names: literals */
		page_put(item, key, code);		   /* names: literals */
		page_put(item, "label", db_get(&choices, i, CHOICE_LABEL));
	}
	json_decref(a);
}

enum { STATS_ORGANISATIONS, STATS_TYPES, STATS__COUNT };
static struct db_sql q_stats = DB_SQL_COLS(STATS__COUNT, "SELECT organisations, types FROM oms_stats WHERE id = 1");
enum { COUNTRIES_JSON, COUNTRIES__COUNT };
static struct db_sql q_countries = DB_SQL_COLS(COUNTRIES__COUNT, "SELECT countries FROM oms_stats WHERE id = 1");

long long oms_choices(struct req *r)
{
	struct db_rows rows;
	if (db_query(r->app->db, r->arena, &q_stats, &rows, "") < 0)
		return -1;
	if (!rows.nrows)
		return 0;
	put_choices(r, "Page.types", db_get(&rows, 0, STATS_TYPES), "name", LABEL_ORG_TYPE);
	return atoll(db_get(&rows, 0, STATS_ORGANISATIONS));
}

int oms_countries(struct req *r)
{
	struct db_rows rows;
	if (db_query(r->app->db, r->arena, &q_countries, &rows, "") < 0)
		return -1;
	if (rows.nrows)
		put_choices(r, "Page.countries", db_get(&rows, 0, COUNTRIES_JSON), "code", LABEL_COUNTRY);
	return 0;
}

const char *oms_id(struct req *r, const char *prefix, const char *num)
{
	return num ? arena_printf(r->arena, "%s%09lld", prefix, atoll(num)) : NULL;
}
