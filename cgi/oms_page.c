/* Helpers shared by the OMS pages. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "app.h"
#include "db.h"
#include "fields_public.h"
#include "listing.h"
#include "oms_country.h"
#include "oms_page.h"
#include "oms_record.h"

static struct db_sql q_word_count = DB_SQL(WORDS_COUNT("oms_org_words"));
static struct db_sql q_countries = DB_SQL("SELECT DISTINCT country_code FROM oms_locations ORDER BY country_code");
static struct db_sql q_types = DB_SQL("SELECT DISTINCT type FROM oms_organisations WHERE type IS NOT NULL ORDER BY type");

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
	f->sort = in_int(r, PF_ORGS_SORT, 0);
	if (f->q && !oms_is_org_id(f->q) && !oms_is_loc_id(f->q))
		words_pick(r, f->q, &q_word_count, &f->words);
}

void oms_choices(struct req *r)
{
	static struct listing_cache countries, types;
	static const char *const code[] = {"code", NULL}, *const type[] = {"name", NULL};
	listing_cached(r, &countries, &q_countries, "Page.countries", code);
	listing_cached(r, &types, &q_types, "Page.types", type);
	HDF *c = hdf_get_obj(r->hdf, "Page.countries");
	for (c = c ? hdf_obj_child(c) : NULL; c; c = hdf_obj_next(c))
		app_put(c, "name", oms_country_name(hdf_get_value(c, "code", "")));
}

const char *oms_id(struct req *r, const char *prefix, const char *num)
{
	return num ? arena_printf(r->arena, "%s%09lld", prefix, atoll(num)) : NULL;
}
