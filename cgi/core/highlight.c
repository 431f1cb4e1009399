/* Folding and highlighting with libunistring. */
#include "config.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <unicase.h>
#include <unictype.h>
#include <uninorm.h>
#include <unistr.h>

#include "core/highlight.h"
#include "core/mem.h"

static bool word_char(ucs4_t c)
{
	return uc_is_alpha(c) || uc_is_digit(c) || uc_is_general_category(c, UC_CATEGORY_M);
}

/* Text in ASCII folds to its lower case alone (nothing to decompose, no
 * marks): most names in a result page, at a small part of the cost. */
static const char *fold_ascii(struct arena *a, const char *s, size_t len)
{
	for (size_t i = 0; i < len; i++)
		if ((unsigned char)s[i] >= 0x80)
			return NULL;
	char *out = arena_alloc(a, len + 1);
	for (size_t i = 0; i < len; i++)
		out[i] = s[i] >= 'A' && s[i] <= 'Z' ? (char)(s[i] - 'A' + 'a') : s[i];
	out[len] = '\0';
	return out;
}

/* Case folding, decomposition, and the combining marks dropped. */
static const char *fold_unicode(struct arena *a, const char *s, size_t len)
{
	size_t n = 0;
	uint8_t *f = u8_casefold((const uint8_t *)s, len, NULL, UNINORM_NFD, NULL, &n);
	if (!f)
		return arena_strndup(a, s, len);
	char *out = arena_alloc(a, n + 1);
	size_t o = 0;
	for (size_t i = 0; i < n;) {
		ucs4_t c;
		int k = u8_mbtouc(&c, f + i, n - i);
		if (!uc_is_general_category(c, UC_CATEGORY_Mn)) {
			memcpy(out + o, f + i, (size_t)k);
			o += (size_t)k;
		}
		i += (size_t)k;
	}
	out[o] = '\0';
	free(f);
	return out;
}

const char *hl_fold(struct arena *a, const char *s, size_t len)
{
	const char *ascii = fold_ascii(a, s, len);
	return ascii ? ascii : fold_unicode(a, s, len);
}

/* The words of other scripts and with accents that a request's texts have
 * folded: a page of hits shows each hit's names in every language, and the
 * same words come back from hit to hit.  Filled to half at most; a word
 * past that is folded each time. */
enum { SEEN_SLOTS = 1024 };
struct hl_seen {
	size_t n;
	struct {
		const char *word, *folded;
		size_t len;
	} slot[SEEN_SLOTS];
};

static size_t word_hash(const char *s, size_t len)
{
	uint32_t h = 2166136261u;
	for (size_t i = 0; i < len; i++)
		h = (h ^ (unsigned char)s[i]) * 16777619u;
	return h & (SEEN_SLOTS - 1);
}

static const char *fold_word(struct arena *a, struct hl_seen *seen, const char *s, size_t len)
{
	const char *ascii = fold_ascii(a, s, len);
	if (ascii)
		return ascii;
	size_t i = word_hash(s, len);
	for (; seen->slot[i].word; i = (i + 1) & (SEEN_SLOTS - 1))
		if (seen->slot[i].len == len && memcmp(seen->slot[i].word, s, len) == 0)
			return seen->slot[i].folded;
	const char *folded = fold_unicode(a, s, len);
	if (seen->n < SEEN_SLOTS / 2) {
		seen->slot[i].word = s;
		seen->slot[i].len = len;
		seen->slot[i].folded = folded;
		seen->n++;
	}
	return folded;
}

void hl_each_word(const char *s, void (*fn)(void *, const char *, size_t), void *ctx)
{
	const uint8_t *p = (const uint8_t *)s, *end = p + strlen(s);
	while (p < end) {
		ucs4_t c;
		int k = u8_mbtouc(&c, p, (size_t)(end - p));
		if (!word_char(c)) {
			p += k;
			continue;
		}
		const uint8_t *start = p;
		while (p < end && (k = u8_mbtouc(&c, p, (size_t)(end - p))) > 0 && word_char(c))
			p += k;
		fn(ctx, (const char *)start, (size_t)(p - start));
	}
}

struct collect {
	struct arena *a;
	struct hl_words *w;
	size_t cap;
};

static void add_word(void *ctx, const char *s, size_t len)
{
	struct collect *c = ctx;
	if (c->w->n == c->cap) {
		c->cap = c->cap ? c->cap * 2 : 8;
		const char **v = arena_alloc(c->a, c->cap * sizeof *v);
		if (c->w->n)
			memcpy(v, c->w->folded, c->w->n * sizeof *v);
		c->w->folded = v;
	}
	c->w->folded[c->w->n++] = hl_fold(c->a, s, len);
}

void hl_words(struct arena *a, const char *q, struct hl_words *out)
{
	out->folded = NULL;
	out->n = 0;
	out->seen = arena_zalloc(a, sizeof *out->seen);
	struct collect c = {a, out, 0};
	hl_each_word(q, add_word, &c);
}

struct splitter {
	struct arena *a;
	const struct hl_words *w;
	const char *text, *done; /* text not yet in a piece starts at done */
	struct hl_piece *pieces;
	size_t n, cap;
	bool *found;
};

static void push(struct splitter *s, const char *p, size_t len, bool hit)
{
	if (!len)
		return;
	if (s->n == s->cap) {
		s->cap = s->cap ? s->cap * 2 : 8;
		struct hl_piece *v = arena_alloc(s->a, s->cap * sizeof *v);
		if (s->n)
			memcpy(v, s->pieces, s->n * sizeof *v);
		s->pieces = v;
	}
	s->pieces[s->n++] = (struct hl_piece){p, len, hit};
}

static void match_word(void *ctx, const char *p, size_t len)
{
	struct splitter *s = ctx;
	const char *folded = fold_word(s->a, s->w->seen, p, len);
	bool hit = false;
	for (size_t i = 0; i < s->w->n; i++)
		if (strncmp(folded, s->w->folded[i], strlen(s->w->folded[i])) == 0) {
			hit = true;
			s->found[i] = true;
		}
	if (!hit)
		return;
	push(s, s->done, (size_t)(p - s->done), false);
	push(s, p, len, true);
	s->done = p + len;
}

size_t hl_split(struct arena *a, const char *text, const struct hl_words *w, struct hl_piece **out, bool *all)
{
	struct splitter s = {.a = a, .w = w, .text = text, .done = text};
	s.found = arena_zalloc(a, (w->n + 1) * sizeof *s.found);
	hl_each_word(text, match_word, &s);
	push(&s, s.done, strlen(s.done), false);
	*all = true;
	for (size_t i = 0; i < w->n; i++)
		*all = *all && s.found[i];
	*out = s.pieces;
	return s.n;
}
