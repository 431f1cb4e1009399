/* Case- and accent-insensitive word matching for search results: the words
 * of a query and of a text are folded (case folding, decomposition, marks
 * removed: "Comprimé" → "comprime"); a text word that starts with a query
 * word is a hit. */
#ifndef SPOR_HIGHLIGHT_H
#define SPOR_HIGHLIGHT_H

#include <stdbool.h>
#include <stddef.h>

struct arena;

struct hl_words {
	const char **folded;
	size_t n;
	struct hl_seen *seen; /* the texts' words folded so far (highlight.c) */
};

/* Call `fn` for each word of `s`: each run of letters, digits and marks. */
void hl_each_word(const char *s, void (*fn)(void *ctx, const char *word, size_t len), void *ctx);

/* The folded words (runs of letters and digits) of a query. */
void hl_words(struct arena *a, const char *q, struct hl_words *out);

/* A piece of a text: `len` bytes at `text`, a hit or not. */
struct hl_piece {
	const char *text;
	size_t len;
	bool hit;
};

/* Split `text` into pieces, the words that start with a query word marked
 * (`text` must last as long as `w`: its words are remembered with their
 * folds, for the next texts).
 * Returns the number of pieces (in a new arena array) and, in `all`,
 * whether every query word found a hit. */
size_t hl_split(struct arena *a, const char *text, const struct hl_words *w, struct hl_piece **out, bool *all);

/* Fold one piece of UTF-8 text (for tests and callers that compare). */
const char *hl_fold(struct arena *a, const char *s, size_t len);

#endif
