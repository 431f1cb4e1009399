/* Unit tests of search results' highlighting (cgi/core/highlight.h): words
 * folded without case and accents, text in ASCII folded the short way to
 * the same result as the general way, and a text's words split into hits. */
#include "config.h"

#include <stdlib.h>
#include <string.h>
#include <unicase.h>
#include <uninorm.h>

#include "../tap.h"
#include "core/highlight.h"
#include "core/mem.h"

/* What libunistring's case folding with decomposition makes of `s`, marks
 * kept: for ASCII, the general way hl_fold takes for other text. */
static char *unistring_fold(const char *s)
{
	size_t n = 0;
	uint8_t *f = u8_casefold((const uint8_t *)s, strlen(s), NULL, UNINORM_NFD, NULL, &n);
	char *out = f ? strndup((const char *)f, n) : NULL;
	free(f);
	return out;
}

static void test_fold(struct arena *a)
{
	ok(strcmp(hl_fold(a, "Comprimé", strlen("Comprimé")), "comprime") == 0, "Comprimé folds to comprime");
	ok(strcmp(hl_fold(a, "STRASSE", 7), "strasse") == 0 && strcmp(hl_fold(a, "Straße", strlen("Straße")), "strasse") == 0,
	   "Straße and STRASSE fold alike");
	ok(strcmp(hl_fold(a, "ÉTAT", strlen("ÉTAT")), "etat") == 0, "capital letters lose their accents too");
	ok(strcmp(hl_fold(a, "Tab", 2), "ta") == 0, "only len bytes are folded");

	/* Every ASCII character, alone and in a word, folds as the general way
	 * folds it. */
	char all[128];
	for (int c = 1; c < 128; c++)
		all[c - 1] = (char)c;
	all[127] = '\0';
	char *want = unistring_fold(all);
	const char *got = hl_fold(a, all, strlen(all));
	ok(want && strcmp(got, want) == 0, "the 127 ASCII characters fold as libunistring folds them");
	free(want);
	size_t same = 0;
	for (int c = 1; c < 128; c++) {
		char one[2] = {(char)c, '\0'};
		char *w = unistring_fold(one);
		same += w && strcmp(hl_fold(a, one, 1), w) == 0;
		free(w);
	}
	ok(same == 127, "each ASCII character alone folds the same (%zu of 127)", same);
}

static void test_split(struct arena *a)
{
	struct hl_words w;
	hl_words(a, "compri ORAL", &w);
	ok(w.n == 2 && strcmp(w.folded[0], "compri") == 0 && strcmp(w.folded[1], "oral") == 0,
	   "a query's words are folded");
	struct hl_piece *p;
	bool all = false;
	size_t n = hl_split(a, "Comprimé pour usage oral", &w, &p, &all);
	ok(n == 3 && p[0].hit && p[0].len == strlen("Comprimé") && !p[1].hit && p[2].hit && strcmp(p[2].text, "oral") == 0,
	   "the words that start with a query word are hits, the text between is kept");
	ok(all, "every query word found a hit");
	n = hl_split(a, "Tablet", &w, &p, &all);
	ok(n == 1 && !p[0].hit && !all, "a text without the words is one piece, not all found");
}

/* The words of other scripts are folded once a request and found again;
 * past what the request remembers they are still folded right. */
static void test_seen(struct arena *a)
{
	struct hl_words w;
	hl_words(a, "табл", &w);
	struct hl_piece *p;
	bool all = false;
	size_t hits = 0;
	const char *texts[] = {"Таблетка", "таблетка за дъвчене", "ТАБЛЕТКА", "Капсула", "Таблетка"};
	for (size_t t = 0; t < 5; t++) {
		size_t n = hl_split(a, texts[t], &w, &p, &all);
		for (size_t i = 0; i < n; i++)
			hits += p[i].hit;
	}
	ok(hits == 4, "a word of another script is a hit each time it comes back, in any case (%zu of 4)", hits);

	/* 600 words with an accent, more than the request remembers. */
	struct buf text;
	buf_init(&text, a);
	for (int i = 0; i < 600; i++)
		buf_printf(&text, "%sé%d", i ? " " : "", i);
	const char *all_words = buf_str(&text);
	hl_words(a, "E59", &w);
	for (int round = 0; round < 2; round++) {
		size_t n = hl_split(a, all_words, &w, &p, &all);
		hits = 0;
		for (size_t i = 0; i < n; i++)
			hits += p[i].hit;
		ok(hits == 11 && all, "round %d: é59 and é590 to é599 are the 11 hits among 600 words (%zu)", round + 1, hits);
	}
}

int main(void)
{
	struct arena *a = arena_new();
	test_fold(a);
	test_split(a);
	test_seen(a);
	arena_free(a);
	return done_testing();
}
