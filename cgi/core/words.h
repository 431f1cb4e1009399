/* Word search over a word index: a table (wkey, <id column>) holding every
 * word of a record's names by collation weight (WEIGHT_STRING: case and
 * accents folded, "Comprimé" = "comprime"), so that the words starting
 * with a prefix are one range of the key.  Used by RMS terms
 * (rms_term_words) and OMS organisations (oms_org_words). */
#ifndef SPOR_WORDS_H
#define SPOR_WORDS_H

#include <stdbool.h>
#include <jansson.h>
#include <stddef.h>

struct req;
struct db_sql;

/* The words of a search (2 to 64 bytes each), the rarest first: it drives
 * the query.  At most WORDS_MAX (the longest); n == 0 when none is usable. */
enum { WORDS_MAX = 4 };
struct words {
	const char *word[WORDS_MAX]; /* unused ones NULL */
	const char *key[WORDS_MAX];  /* its collation weights in hex, as the index keys it */
	long long count[WORDS_MAX];  /* index entries starting with it, counted as far as its order needs */
	size_t n;
	bool broad;		  /* even the rarest word has WORDS_BOUND entries or more */
	unsigned long long stamp; /* the index's stamp (words_near.h), read with the counts */
};
/* The words are first counted together, each only up to WORDS_PEEK
 * entries: when one has fewer, it drives the query and the order of the
 * others matters little.  Only when every word has that many are they
 * counted further, one at a time (rarely: a search of common words only). */
#define WORDS_PEEK 200
/* A search reads at most this many records with its rarest word: words that
 * common would otherwise cost seconds (every match sorted), so the page
 * says the results come from the first ones and asks for another word. */
#define WORDS_BOUND 10000
#define WORDS_STR_(x) #x
#define WORDS_STR(x) WORDS_STR_(x)

/* Every word of `text` the index keeps (2 to WORDS_LONGEST bytes, as a
 * search uses them), handed to `each` (not NUL-terminated): what an import
 * writes to a word index. */
enum { WORDS_LONGEST = 64 };
void words_each(const char *text, void (*each)(void *ctx, const char *word, size_t len), void *ctx);
/* The same words appended to the JSON array `into`. */
void words_collect(const char *text, json_t *into);

/* An index's counting statements (WORDS_COUNTS). */
struct words_counts {
	struct db_sql peek, deep;
};

/* Split q into words and order them by how many index entries start with
 * each, counted (up to the bound) by `c`: one round trip, two when every
 * word is common. */
void words_pick(struct req *r, const char *q, struct words_counts *c, struct words *w);

#define WORDS_KEY "WEIGHT_STRING(? COLLATE utf8mb4_unicode_520_ci)"
#define WORDS_RANGE(a) a ".wkey >= " WORDS_KEY " AND " a ".wkey < CONCAT(" WORDS_KEY ", 0xFFFF)"
/* How many entries of `index` start with a word, up to a bound.  Args: word, word, bound. */
#define WORDS_COUNT(index) "(SELECT COUNT(*) FROM (SELECT 1 FROM " index " d WHERE " WORDS_RANGE("d") " LIMIT ?) x)"
/* The same for WORDS_MAX words at once (a NULL word counts 0), each with
 * its key, and the index's stamp.  Args: word, word, bound, word; four
 * times. */
#define WORDS_COUNT_KEY(index) WORDS_COUNT(index) ", HEX(" WORDS_KEY "), "
#define WORDS_COUNTS(index)                                                                                        \
	{DB_SQL_COLS(2 * WORDS_MAX + 1, "SELECT " WORDS_COUNT_KEY(index) WORDS_COUNT_KEY(index)                      \
		     WORDS_COUNT_KEY(index) WORDS_COUNT_KEY(index)                                                   \
		     "(SELECT stamp FROM word_stamps WHERE word_index = '" index "')"),                               \
	 DB_SQL("SELECT " WORDS_COUNT(index))}
/* SQL for the records `alias` of `table` that have a word starting with
 * each word: those with the first (rarest) word drive the query as a
 * derived table, joined first (STRAIGHT_JOIN: the optimizer would rather
 * scan the table); the other words are checked per record.
 *   FROM WORDS_DRIVE(...) ... WHERE ... WORDS_MORE(...)
 * Arguments: WORDS_FIRST_ARGS where WORDS_DRIVE stands, WORDS_MORE_ARGS
 * where WORDS_MORE stands. */
#define WORDS_DRIVE(index, col, table, alias)                                                                      \
	" (SELECT DISTINCT d." col " FROM " index " d WHERE " WORDS_RANGE("d") " LIMIT " WORDS_STR(WORDS_BOUND)       \
	") c STRAIGHT_JOIN " table " " alias " ON " alias ".id = c." col
#define WORDS_MORE_ONE(index, col, alias)                                                                          \
	" AND (? IS NULL OR EXISTS (SELECT 1 FROM " index " w WHERE w." col " = " alias ".id AND " WORDS_RANGE("w")  \
	"))"
#define WORDS_MORE(index, col, alias)                                                                              \
	WORDS_MORE_ONE(index, col, alias) WORDS_MORE_ONE(index, col, alias) WORDS_MORE_ONE(index, col, alias)
#define WORDS_FIRST_ARGS(w) (w).word[0], (w).word[0]
#define WORDS_MORE_ARGS(w)                                                                                         \
	(w).word[1], (w).word[1], (w).word[1], (w).word[2], (w).word[2], (w).word[2], (w).word[3], (w).word[3],      \
		(w).word[3]
#define WORDS_FIRST_TYPES "ss"
#define WORDS_MORE_TYPES "sssssssss"

#endif
