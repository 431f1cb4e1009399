/* Helpers shared by the RMS pages. */
#include "config.h"

#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "core/db.h"
#include "core/http.h"
#include "core/listing.h"
#include "programs/fields_public.h"
#include "rms/rms_page.h"

static struct db_sql q_domains = DB_SQL("SELECT id, name_en FROM rms_terms WHERE list_id = 100000000004 ORDER BY id");

void rms_domains(struct req *r)
{
	static struct listing_cache domains;
	static const char *const names[] = {"id", "name", NULL};
	listing_cached(r, &domains, &q_domains, "Page.domains", names);
}

const char *rms_data_lang(struct req *r)
{
	const char *lang = in_text(r, PF_LANG);
	if (!lang)
		lang = r->user.data_lang;
	return lang ? lang : "en";
}

static struct db_sql q_word_count = DB_SQL(WORDS_COUNT("rms_term_words"));

void rms_words(struct req *r, const char *q, struct words *w)
{
	words_pick(r, q, &q_word_count, w);
}
