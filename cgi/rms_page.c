/* Helpers shared by the RMS pages. */
#include "config.h"

#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "app.h"
#include "db.h"
#include "fields_public.h"
#include "highlight.h"
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

const char *rms_id_array(struct req *r, const struct db_rows *rows, size_t col)
{
	struct buf ids;
	buf_init(&ids, r->arena);
	buf_putc(&ids, '[');
	for (size_t i = 0; i < rows->nrows; i++)
		buf_printf(&ids, "%s%s", i ? "," : "", db_get(rows, i, col));
	buf_putc(&ids, ']');
	return buf_str(&ids);
}

void rms_order_as(struct req *r, struct db_rows *rows, size_t col, const struct db_rows *ids)
{
	size_t n = 0, width = rows->ncols * sizeof *rows->cells;
	const char **cells = arena_alloc(r->arena, rows->nrows * width + 1);
	for (size_t i = 0; i < ids->nrows; i++)
		for (size_t k = 0; k < rows->nrows; k++)
			if (strcmp(db_get(rows, k, col), db_get(ids, i, 0)) == 0) {
				memcpy(cells + n++ * rows->ncols, rows->cells + k * rows->ncols, width);
				break;
			}
	rows->cells = cells;
	rows->nrows = n;
}

const char *rms_data_lang(struct req *r)
{
	const char *lang = in_text(r, PF_LANG);
	return lang ? lang : "en";
}

struct collect {
	struct req *r;
	struct rms_words *w;
};

static void add_word(void *ctx, const char *word, size_t len)
{
	struct collect *c = ctx;
	if (len < 2 || len > 64)
		return; /* one letter finds too much; longer is no word */
	/* Keep the longest words: they are the rarest. */
	const char *copy = arena_strndup(c->r->arena, word, len);
	size_t at = c->w->n < RMS_WORDS ? c->w->n++ : RMS_WORDS;
	if (at == RMS_WORDS) {
		if (len <= strlen(c->w->word[RMS_WORDS - 1]))
			return;
		at = RMS_WORDS - 1;
	}
	c->w->word[at] = copy;
	for (size_t i = at; i > 0 && strlen(c->w->word[i]) > strlen(c->w->word[i - 1]); i--) {
		const char *t = c->w->word[i];
		c->w->word[i] = c->w->word[i - 1];
		c->w->word[i - 1] = t;
	}
}

/* How many index entries start with a word, counted up to the bound. */
static struct db_sql q_word_count = DB_SQL("SELECT COUNT(*) FROM (SELECT 1 FROM rms_term_words d WHERE " RMS_WRANGE(
	"d") " LIMIT " RMS_STR(RMS_WORD_BOUND) ") x");

void rms_words(struct req *r, const char *q, struct rms_words *w)
{
	memset(w, 0, sizeof *w);
	struct collect c = {r, w};
	if (q)
		hl_each_word(q, add_word, &c);
	if (w->n == 0)
		return;
	/* The rarest word first: it drives the query. */
	long long counts[RMS_WORDS];
	for (size_t i = 0; i < w->n; i++) {
		struct db_rows rows;
		counts[i] = db_query(r->app->db, r->arena, &q_word_count, &rows, "ss", w->word[i], w->word[i]) == 0
				    ? atoll(db_get(&rows, 0, 0))
				    : RMS_WORD_BOUND;
	}
	for (size_t i = 1; i < w->n; i++)
		for (size_t k = i; k > 0 && counts[k] < counts[k - 1]; k--) {
			long long tc = counts[k];
			counts[k] = counts[k - 1];
			counts[k - 1] = tc;
			const char *tw = w->word[k];
			w->word[k] = w->word[k - 1];
			w->word[k - 1] = tw;
		}
	w->broad = counts[0] >= RMS_WORD_BOUND;
}
