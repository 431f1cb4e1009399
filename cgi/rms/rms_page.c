/* Helpers shared by the RMS pages. */
#include "config.h"

#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "core/db.h"
#include "core/http.h"
#include "core/label.h"
#include "core/listing.h"
#include "core/program.h"
#include "programs/fields_public.h"
#include "rms/rms_page.h"

const char *const rms_term_sorts[TERMS_SORT__COUNT + 1] = {RMS_TERM_SORTS(LISTING_SORT_WORD) NULL};

/* The domains, named in the page's language (core/label.h). */
#define DOMAIN_COLUMNS(X) X(DOMAIN_ID, "id")
enum { DOMAIN_COLUMNS(DB_COLUMN) DOMAIN__COUNT };
static struct db_sql q_domains =
	DB_SQL_COLS(DOMAIN__COUNT, "SELECT id FROM rms_terms WHERE list_id = 100000000004 ORDER BY id");

void rms_domains(struct req *r)
{
	static struct listing_cache domains;
	static const char *const names[] = {DOMAIN_COLUMNS(DB_COLUMN_NAME)};
	listing_cached(r, &domains, &q_domains, "Page.domains", names, DOMAIN__COUNT);
	label_items(r, "Page.domains", "id", "name", LABEL_TERM);
}

static struct db_sql q_is_term = DB_SQL("SELECT 1 FROM rms_terms WHERE id = ?");
static struct db_sql q_is_list = DB_SQL("SELECT 1 FROM rms_lists WHERE id = ?");

const char *rms_page_of(struct req *r, const char *id, int kinds)
{
	struct db_rows rows;
	if ((kinds & RMS_TERMS) && db_query(r->app->db, r->arena, &q_is_term, &rows, "s", id) == 0 && rows.nrows)
		return arena_printf(r->arena, "/rms/terms/%s", id);
	if ((kinds & RMS_LISTS) && db_query(r->app->db, r->arena, &q_is_list, &rows, "s", id) == 0 && rows.nrows)
		return arena_printf(r->arena, "/rms/lists/%s", id);
	return NULL;
}

const char *rms_data_lang(struct req *r)
{
	return r->data_lang ? r->data_lang : "en";
}

static struct words_counts word_counts = WORDS_COUNTS("rms_term_words");

void rms_words(struct req *r, const char *q, struct words *w)
{
	words_pick(r, q, &word_counts, w);
}
