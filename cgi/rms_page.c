/* Helpers shared by the RMS pages. */
#include "config.h"

#include <string.h>
#include <unistr.h>
#include <unictype.h>

#include "app.h"
#include "db.h"
#include "fields_public.h"
#include "rms_page.h"

static struct db_sql q_domains = DB_SQL("SELECT id, name_en FROM rms_terms WHERE list_id = 100000000004 ORDER BY id");

void rms_domains(struct req *r)
{
	struct db_rows rows;
	static const char *const names[] = {"id", "name", NULL};
	if (db_query(r->app->db, r->arena, &q_domains, &rows, "") == 0)
		app_rows(r, "Page.domains", &rows, names);
}

const char *rms_data_lang(struct req *r)
{
	const char *lang = in_text(r, PF_LANG);
	return lang ? lang : "en";
}

bool rms_is_id_text(const char *q)
{
	return q && strlen(q) == 12 && strspn(q, "0123456789") == 12;
}

const char *rms_fts_query(struct req *r, const char *q)
{
	/* Words are runs of letters and digits (any script); everything else,
	 * FULLTEXT operators included, separates them. */
	struct buf b;
	buf_init(&b, r->arena);
	const uint8_t *s = (const uint8_t *)q, *end = s + strlen(q);
	size_t words = 0;
	while (s < end) {
		ucs4_t c;
		int n = u8_mbtouc(&c, s, (size_t)(end - s));
		if (!(uc_is_alpha(c) || uc_is_digit(c) || uc_is_general_category(c, UC_CATEGORY_M))) {
			s += n;
			continue;
		}
		const uint8_t *start = s;
		while (s < end) {
			n = u8_mbtouc(&c, s, (size_t)(end - s));
			if (!(uc_is_alpha(c) || uc_is_digit(c) || uc_is_general_category(c, UC_CATEGORY_M)))
				break;
			s += n;
		}
		if (s - start < 2 || words == 8)
			continue; /* one-letter words are not indexed */
		buf_printf(&b, "%s+%.*s*", words ? " " : "", (int)(s - start), (const char *)start);
		words++;
	}
	return words ? buf_str(&b) : NULL;
}
