/* Words near a misspelt one: each index's distinct words per worker, and
 * the edit distance between collation weights. */
#include "config.h"

#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unicase.h>

#include "core/highlight.h"
#include "core/mem.h"
#include "core/program.h"
#include "core/token.h"
#include "core/words_near.h"

/* Words are compared in collation weights (2 bytes a letter, more for a
 * few); a word of fewer than NEAR_MIN weights is never corrected (too many
 * words lie one letter from it), and longer than NEAR_LEN is no word. */
enum { NEAR_MIN = 4, NEAR_LEN = 40, NEAR_CANDIDATES = 8 }; /* as many as the count statement takes */

/* How far a word of `len` weights may be from what was meant. */
static int reach(size_t len)
{
	return len < NEAR_MIN ? 0 : len < 6 ? 1 : 2;
}

/* The weights of a key in hex ("123D138E"): how many, at most NEAR_LEN + 1. */
static size_t unhex(const char *hex, uint16_t *out)
{
	size_t n = 0;
	for (; n <= NEAR_LEN && hex[0] && hex[1] && hex[2] && hex[3]; hex += 4) {
		int d[4] = {token_hex_digit(hex[0]), token_hex_digit(hex[1]), token_hex_digit(hex[2]), token_hex_digit(hex[3])};
		if (d[0] < 0 || d[1] < 0 || d[2] < 0 || d[3] < 0)
			break;
		out[n++] = (uint16_t)(d[0] << 12 | d[1] << 8 | d[2] << 4 | d[3]);
	}
	return n;
}

static const char *tohex(struct req *r, const uint16_t *w, size_t n)
{
	char *s = arena_alloc(r->arena, 4 * n + 1);
	for (size_t i = 0; i < n; i++)
		snprintf(s + 4 * i, 5, "%04X", w[i]);
	s[4 * n] = '\0';
	return s;
}

/* Edit distance with adjacent swaps (optimal string alignment), or
 * limit + 1 as soon as it is sure to exceed limit. */
static int distance(const uint16_t *a, size_t n, const uint16_t *b, size_t m, int limit)
{
	int rows[3][NEAR_LEN + 1], *before = rows[0], *prev = rows[1], *cur = rows[2];
	for (size_t j = 0; j <= m; j++)
		prev[j] = (int)j;
	for (size_t i = 1; i <= n; i++) {
		cur[0] = (int)i;
		int least = cur[0];
		for (size_t j = 1; j <= m; j++) {
			int v = prev[j - 1] + (a[i - 1] != b[j - 1]);
			if (prev[j] + 1 < v)
				v = prev[j] + 1;
			if (cur[j - 1] + 1 < v)
				v = cur[j - 1] + 1;
			if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] && before[j - 2] + 1 < v)
				v = before[j - 2] + 1;
			cur[j] = v;
			if (v < least)
				least = v;
		}
		if (least > limit)
			return limit + 1;
		int *t = before;
		before = prev;
		prev = cur;
		cur = t;
	}
	return prev[m];
}

/* The words as they are read, before they are laid out by length. */
struct loading {
	uint16_t *units;
	size_t nunits, units_cap;
	uint32_t *start;
	uint8_t *len;
	size_t n, cap;
};

static int load_key(void *ctx, const char *const *cells, size_t ncols)
{
	(void)ncols;
	struct loading *l = ctx;
	uint16_t w[NEAR_LEN + 1];
	size_t n = cells[DB_VALUE] ? unhex(cells[DB_VALUE], w) : 0;
	if (n < NEAR_MIN - 1 || n > NEAR_LEN)
		return 0; /* never near enough to be offered, nor looked for */
	if (l->n == l->cap) {
		l->cap = l->cap ? 2 * l->cap : 4096;
		l->start = xrealloc(l->start, l->cap * sizeof *l->start);
		l->len = xrealloc(l->len, l->cap);
	}
	if (l->nunits + n > l->units_cap) {
		l->units_cap = l->units_cap ? 2 * l->units_cap : 32768;
		l->units = xrealloc(l->units, l->units_cap * sizeof *l->units);
	}
	l->start[l->n] = (uint32_t)l->nunits;
	l->len[l->n++] = (uint8_t)n;
	memcpy(l->units + l->nunits, w, n * sizeof *w);
	l->nunits += n;
	return 0;
}

static void cache_free(struct words_near_cache *c)
{
	free(c->units);
	free(c->start);
	free(c->by_len);
	*c = (struct words_near_cache){0};
}

/* The words read, ordered by length so that a search reads only the
 * lengths within reach. */
static void cache_fill(struct words_near_cache *c, struct loading *l, unsigned long long stamp)
{
	cache_free(c);
	c->stamp = stamp;
	c->n = l->n;
	c->by_len = xcalloc(NEAR_LEN + 2, sizeof *c->by_len);
	for (size_t i = 0; i < l->n; i++)
		c->by_len[l->len[i] + 1]++;
	for (size_t k = 1; k < NEAR_LEN + 2; k++)
		c->by_len[k] += c->by_len[k - 1];
	/* Each length's words in a row, the shortest first: the next slot and
	 * the next weight of each length. */
	uint32_t slot[NEAR_LEN + 1], at[NEAR_LEN + 1], units = 0;
	for (size_t len = 0; len <= NEAR_LEN; len++) {
		slot[len] = c->by_len[len];
		at[len] = units;
		units += (uint32_t)len * (c->by_len[len + 1] - c->by_len[len]);
	}
	c->units = xmalloc(units * sizeof *c->units + 1);
	c->start = xmalloc((l->n + 1) * sizeof *c->start);
	for (size_t i = 0; i < l->n; i++) {
		size_t len = l->len[i];
		c->start[slot[len]++] = at[len];
		memcpy(c->units + at[len], l->units + l->start[i], len * sizeof *c->units);
		at[len] += (uint32_t)len;
	}
	c->start[l->n] = units;
}

/* The cache of `x`, read again when the index's stamp moved; the stamp is
 * read here when `stamp` is 0 (not read with the search's counts).  NULL
 * when the database did not answer. */
static struct words_near_cache *words_of(struct req *r, struct words_near *x, unsigned long long stamp)
{
	struct db_rows rows;
	if (!stamp) {
		if (db_query(r->app->db, r->arena, &x->stamp, &rows, "") < 0 || !db_value(&rows, 0))
			return NULL;
		stamp = strtoull(db_value(&rows, 0), NULL, 10);
	}
	if (stamp && stamp == x->cache.stamp)
		return &x->cache;
	struct loading l = {0};
	int rc = db_each(r->app->db, r->arena, &x->keys, load_key, &l, "");
	if (rc == 0)
		cache_fill(&x->cache, &l, stamp);
	free(l.units);
	free(l.start);
	free(l.len);
	return rc == 0 ? &x->cache : NULL;
}

/* The weights of a word as the index keys it. */
static struct db_sql q_weights = DB_SQL("SELECT HEX(WEIGHT_STRING(? COLLATE utf8mb4_unicode_520_ci))");

static size_t weights(struct req *r, const char *word, uint16_t *w)
{
	struct db_rows rows;
	if (db_query(r->app->db, r->arena, &q_weights, &rows, "s", word) < 0 || !db_value(&rows, 0))
		return 0;
	return unhex(db_value(&rows, 0), w);
}

/* Call `each` for every word of the cache within `limit` of w (n weights),
 * with its distance; stops when it returns non-zero. */
static void scan(const struct words_near_cache *c, const uint16_t *w, size_t n, int limit,
		 int (*each)(void *ctx, const uint16_t *word, size_t len, int d), void *ctx)
{
	size_t lo = n > (size_t)limit ? n - (size_t)limit : 0, hi = n + (size_t)limit;
	if (hi > NEAR_LEN)
		hi = NEAR_LEN;
	for (size_t i = c->by_len[lo]; i < c->by_len[hi + 1]; i++) {
		const uint16_t *word = c->units + c->start[i];
		size_t len = c->start[i + 1] - c->start[i];
		int d = distance(w, n, word, len, limit);
		if (d <= limit && each(ctx, word, len, d))
			return;
	}
}

struct best {
	struct req *r;
	int least;
	const char *key[NEAR_CANDIDATES];
	size_t n;
};

static int keep_best(void *ctx, const uint16_t *word, size_t len, int d)
{
	struct best *b = ctx;
	if (d < b->least) {
		b->least = d;
		b->n = 0;
	}
	if (d == b->least && b->n < NEAR_CANDIDATES)
		b->key[b->n++] = tohex(b->r, word, len);
	return 0;
}

static void add_text_word(void *ctx, const char *word, size_t len)
{
	if (len >= 2 && len <= 64)
		json_array_append_new(ctx, json_stringn(word, len));
}

/* Read the word of key `hex` back from the texts that hold it. */
static struct db_sql q_word_of = DB_SQL(
	"SELECT j.word FROM JSON_TABLE(?, '$[*]' COLUMNS (word VARCHAR(64) CHARACTER SET utf8mb4 PATH '$')) j"
	" WHERE WEIGHT_STRING(j.word COLLATE utf8mb4_unicode_520_ci) = UNHEX(?) LIMIT 1");

static const char *word_of(struct req *r, struct words_near *x, const char *hex)
{
	struct db_rows texts, rows;
	if (db_query(r->app->db, r->arena, &x->texts, &texts, "s", hex) < 0)
		return NULL;
	json_t *words = json_array();
	for (size_t i = 0; i < texts.nrows; i++)
		if (db_value(&texts, i))
			hl_each_word(db_value(&texts, i), add_text_word, words);
	char *json = json_dumps(words, JSON_COMPACT);
	json_decref(words);
	const char *found = NULL;
	if (json && db_query(r->app->db, r->arena, &q_word_of, &rows, "ss", json, hex) == 0 && rows.nrows)
		found = db_value(&rows, 0);
	free(json);
	return found;
}

/* The index's word nearest to the word of key `hex`, as it is written
 * there; NULL when none is within reach.  `stamp`: the index's, or 0. */
static const char *nearest(struct req *r, struct words_near *x, const char *hex, unsigned long long stamp)
{
	uint16_t w[NEAR_LEN + 1];
	size_t n = unhex(hex, w);
	struct words_near_cache *c = n && n <= NEAR_LEN && reach(n) ? words_of(r, x, stamp) : NULL;
	if (!c)
		return NULL;
	struct best b = {.r = r, .least = reach(n) + 1};
	scan(c, w, n, reach(n), keep_best, &b);
	if (!b.n)
		return NULL;
	/* Of the nearest, the one in most records. */
	struct db_rows rows;
	const char **k = b.key;
	if (db_query(r->app->db, r->arena, &x->count, &rows, "ssssssss", k[0], k[1], k[2], k[3], k[4], k[5], k[6],
		     k[7]) < 0 ||
	    !rows.nrows)
		return NULL;
	const char *pick = NULL;
	long long most = 0;
	for (size_t i = 0; i < b.n; i++) {
		long long count = atoll(db_get(&rows, 0, i));
		if (count > most) {
			most = count;
			pick = b.key[i];
		}
	}
	return pick ? word_of(r, x, pick) : NULL;
}

bool words_near_missing(const struct words *w)
{
	for (size_t i = 0; i < w->n; i++)
		if (w->count[i] == 0)
			return true;
	return false;
}

struct rewrite {
	struct req *r;
	struct words_near *x;
	const struct words *w;
	struct buf out;
	bool changed;
};

/* `s` in small letters when the user typed `as` so ("powdr" gives
 * "powder", not the "Powder" that begins a name). */
static const char *cased_as(struct req *r, const char *s, const char *as)
{
	size_t n, k;
	uint8_t *typed = u8_tolower((const uint8_t *)as, strlen(as), NULL, NULL, NULL, &n);
	bool small = typed && n == strlen(as) && memcmp(typed, as, n) == 0;
	free(typed);
	uint8_t *lower = small ? u8_tolower((const uint8_t *)s, strlen(s), NULL, NULL, NULL, &k) : NULL;
	const char *out = lower ? arena_strndup(r->arena, (const char *)lower, k) : s;
	free(lower);
	return out;
}

static void rewrite_word(void *ctx, const char *word, size_t len)
{
	struct rewrite *rw = ctx;
	const char *copy = arena_strndup(rw->r->arena, word, len), *fixed = NULL;
	for (size_t i = 0; i < rw->w->n && !fixed; i++)
		if (rw->w->count[i] == 0 && rw->w->key[i] && strcmp(rw->w->word[i], copy) == 0)
			fixed = nearest(rw->r, rw->x, rw->w->key[i], rw->w->stamp);
	if (fixed) {
		fixed = cased_as(rw->r, fixed, copy);
		rw->changed = true;
	}
	buf_printf(&rw->out, "%s%s", rw->out.len ? " " : "", fixed ? fixed : copy);
}

const char *words_near_query(struct req *r, struct words_near *x, const char *q, const struct words *w)
{
	struct rewrite rw = {.r = r, .x = x, .w = w};
	buf_init(&rw.out, r->arena);
	if (q && words_near_missing(w))
		hl_each_word(q, rewrite_word, &rw);
	return rw.changed ? buf_str(&rw.out) : NULL;
}

struct gather {
	struct req *r;
	const char **keys;
	size_t n, max;
};

static int gather_key(void *ctx, const uint16_t *word, size_t len, int d)
{
	struct gather *g = ctx;
	if (d > 0 && g->n < g->max)
		g->keys[g->n++] = tohex(g->r, word, len);
	return g->n == g->max;
}

size_t words_near_keys(struct req *r, struct words_near *x, const char *word, const char **keys, size_t max)
{
	uint16_t w[NEAR_LEN + 1];
	size_t n = weights(r, word, w);
	if (!n || n > NEAR_LEN || !max)
		return 0;
	struct gather g = {.r = r, .keys = keys, .max = max};
	keys[g.n++] = tohex(r, w, n); /* itself, whether the index has it or not: it costs a lookup */
	struct words_near_cache *c = reach(n) ? words_of(r, x, 0) : NULL;
	if (!c)
		return g.n;
	scan(c, w, n, reach(n), gather_key, &g);
	/* And the longer words it begins. */
	for (size_t i = c->by_len[n + 1]; i < c->by_len[NEAR_LEN + 1] && g.n < max; i++)
		if (memcmp(c->units + c->start[i], w, n * sizeof *w) == 0)
			keys[g.n++] = tohex(r, c->units + c->start[i], c->start[i + 1] - c->start[i]);
	return g.n;
}
