/* Helpers shared by the RMS pages. */
#include "config.h"

#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistr.h>
#include <unictype.h>

#include "app.h"
#include "db.h"
#include "fields_public.h"
#include "rms_page.h"

static struct db_sql q_domains = DB_SQL("SELECT id, name_en FROM rms_terms WHERE list_id = 100000000004 ORDER BY id");

/* The domains change only with an import: each worker keeps them for a
 * minute (worker_domains lives as long as the worker). */
static struct {
	time_t loaded;
	size_t n;
	char *id[8], *name[8];
} worker_domains;

void rms_domains(struct req *r)
{
	time_t now = time(NULL);
	if (now - worker_domains.loaded > 60) {
		struct db_rows rows;
		if (db_query(r->app->db, r->arena, &q_domains, &rows, "") < 0)
			return;
		for (size_t i = 0; i < worker_domains.n; i++) {
			free(worker_domains.id[i]);
			free(worker_domains.name[i]);
		}
		worker_domains.n = 0;
		for (size_t i = 0; i < rows.nrows && i < 8; i++) {
			worker_domains.id[i] = xstrdup(db_get(&rows, i, 0));
			worker_domains.name[i] = xstrdup(db_get(&rows, i, 1) ? db_get(&rows, i, 1) : "");
			worker_domains.n++;
		}
		worker_domains.loaded = now;
	}
	for (size_t i = 0; i < worker_domains.n; i++) {
		HDF *item = app_item(r, "Page.domains", i);
		app_put(item, "id", worker_domains.id[i]);
		app_put(item, "name", worker_domains.name[i]);
	}
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
