/* Helpers shared by the OMS pages. */
#include "config.h"

#include <jansson.h>
#include <stdlib.h>
#include <string.h>

#include "core/db.h"
#include "core/label.h"
#include "core/listing.h"
#include "core/page.h"
#include "core/program.h"
#include "oms/oms_page.h"
#include "oms/oms_record.h"
#include "programs/fields_public.h"

const char *const oms_org_sorts[ORGS_SORT__COUNT + 1] = {OMS_ORG_SORTS(LISTING_SORT_WORD) NULL};

static struct db_sql q_word_count = DB_SQL(WORDS_COUNT("oms_org_words"));

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
	words_pick(r, q, &q_word_count, w);
}

/* The filter's choices: each code with its label (the option's text). */
static void put_choices(struct req *r, const char *list, const char *json, const char *key, enum label_kind kind)
{
	json_t *a = json_loads(json ? json : "[]", 0, NULL);
	size_t i;
	json_t *v;
	json_array_foreach(a, i, v)
	{
		HDF *item = page_subitem(r->hdf, list, i); /* names: literals */
		page_put(item, key, json_string_value(v));	  /* names: literals */
		page_put(item, "label", label(r, kind, json_string_value(v)));
	}
	json_decref(a);
}

enum { STATS_ORGANISATIONS, STATS_COUNTRIES, STATS_TYPES, STATS__COUNT };
static struct db_sql q_stats =
	DB_SQL_COLS(STATS__COUNT, "SELECT organisations, countries, types FROM oms_stats WHERE id = 1");

long long oms_choices(struct req *r)
{
	struct db_rows rows;
	if (db_query(r->app->db, r->arena, &q_stats, &rows, "") < 0)
		return -1;
	if (!rows.nrows)
		return 0;
	put_choices(r, "Page.countries", db_get(&rows, 0, STATS_COUNTRIES), "code", LABEL_COUNTRY);
	put_choices(r, "Page.types", db_get(&rows, 0, STATS_TYPES), "name", LABEL_ORG_TYPE);
	return atoll(db_get(&rows, 0, STATS_ORGANISATIONS));
}

const char *oms_id(struct req *r, const char *prefix, const char *num)
{
	return num ? arena_printf(r->arena, "%s%09lld", prefix, atoll(num)) : NULL;
}
