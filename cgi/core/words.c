/* Picking the words of a search and ordering them rarest first. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "core/db.h"
#include "core/highlight.h"
#include "core/mem.h"
#include "core/program.h"
#include "core/words.h"

struct collect {
	struct req *r;
	struct words *w;
};

static void add_word(void *ctx, const char *word, size_t len)
{
	struct collect *c = ctx;
	if (len < 2 || len > 64)
		return; /* one letter finds too much; longer is no word */
	/* Keep the longest words: they are the rarest. */
	const char *copy = arena_strndup(c->r->arena, word, len);
	size_t at = c->w->n < WORDS_MAX ? c->w->n++ : WORDS_MAX;
	if (at == WORDS_MAX) {
		if (len <= strlen(c->w->word[WORDS_MAX - 1]))
			return;
		at = WORDS_MAX - 1;
	}
	c->w->word[at] = copy;
	for (size_t i = at; i > 0 && strlen(c->w->word[i]) > strlen(c->w->word[i - 1]); i--) {
		const char *t = c->w->word[i];
		c->w->word[i] = c->w->word[i - 1];
		c->w->word[i - 1] = t;
	}
}

struct each {
	void (*each)(void *ctx, const char *word, size_t len);
	void *ctx;
};

static void keep_word(void *ctx, const char *word, size_t len)
{
	struct each *e = ctx;
	if (len >= 2 && len <= WORDS_LONGEST)
		e->each(e->ctx, word, len);
}

void words_each(const char *text, void (*each)(void *ctx, const char *word, size_t len), void *ctx)
{
	struct each e = {each, ctx};
	if (text)
		hl_each_word(text, keep_word, &e);
}

static void append_word(void *ctx, const char *word, size_t len)
{
	json_array_append_new(ctx, json_stringn(word, len));
}

void words_collect(const char *text, json_t *into)
{
	words_each(text, append_word, into);
}

void words_pick(struct req *r, const char *q, struct words_counts *c, struct words *w)
{
	memset(w, 0, sizeof *w);
	struct collect col = {r, w};
	if (q)
		hl_each_word(q, add_word, &col);
	if (w->n == 0)
		return;
	/* All of them at once, as far as WORDS_PEEK, with their keys. */
	struct db_rows rows;
	const char *const *word = w->word;
	long long *counts = w->count, least = WORDS_PEEK;
	if (db_query(r->app->db, r->arena, &c->peek, &rows, "ssisssisssisssis", word[0], word[0], WORDS_PEEK,
		     word[0], word[1], word[1], WORDS_PEEK, word[1], word[2], word[2], WORDS_PEEK, word[2], word[3],
		     word[3], WORDS_PEEK, word[3]) < 0 ||
	    !rows.nrows) {
		for (size_t i = 0; i < w->n; i++)
			counts[i] = WORDS_BOUND;
		w->broad = true;
		return;
	}
	for (size_t i = 0; i < w->n; i++) {
		counts[i] = atoll(db_get(&rows, 0, 2 * i));
		w->key[i] = db_get(&rows, 0, 2 * i + 1);
		if (counts[i] < least)
			least = counts[i];
	}
	const char *stamp = db_get(&rows, 0, 2 * WORDS_MAX);
	w->stamp = stamp ? strtoull(stamp, NULL, 10) : 0;
	/* Every word is common: each is counted further only as far as it
	 * takes to tell that it is not rarer than those before it (the
	 * longest, likely the rarest, first). */
	for (size_t i = 0; least >= WORDS_PEEK && i < w->n; i++) {
		long long upto = i == 0 ? WORDS_BOUND : least + 1;
		counts[i] = db_query(r->app->db, r->arena, &c->deep, &rows, "ssi", word[i], word[i], upto) == 0
				    ? atoll(db_value(&rows, 0))
				    : upto;
		if (i == 0 || counts[i] < least)
			least = counts[i];
	}
	/* The rarest word first: it drives the query. */
	for (size_t i = 1; i < w->n; i++)
		for (size_t k = i; k > 0 && counts[k] < counts[k - 1]; k--) {
			long long tc = counts[k];
			counts[k] = counts[k - 1];
			counts[k - 1] = tc;
			const char *tw = w->word[k], *tk = w->key[k];
			w->word[k] = w->word[k - 1];
			w->word[k - 1] = tw;
			w->key[k] = w->key[k - 1];
			w->key[k - 1] = tk;
		}
	w->broad = counts[0] >= WORDS_BOUND;
}
