/* Words near a misspelt one, for a search that forgives: the distinct words
 * of a word index (words.h), kept per worker as their collation weights, so
 * that case and accents count for nothing, as in the index, in every
 * language; compared by edit distance (a letter left out, added, changed,
 * or two swapped).  A worker reads the words when it first needs them and
 * again once the index's stamp (table word_stamps, moved by every write of
 * the index) has changed: a new import is seen at the next such search.
 * Only the search's slow path uses this: the exact search found nothing. */
#ifndef SPOR_WORDS_NEAR_H
#define SPOR_WORDS_NEAR_H

#include <stddef.h>
#include <stdint.h>

#include "core/db.h"
#include "core/words.h"

struct req;

/* One index's words in this worker (words_near.c fills it). */
struct words_near_cache {
	unsigned long long stamp; /* 0: never read */
	uint16_t *units;	  /* every word's weights, one after another */
	uint32_t *start;	  /* word i is units[start[i] .. start[i + 1]), shortest first */
	uint32_t *by_len;	  /* the first word of each length, and the count at the end */
	size_t n;
};

/* An index: its statements and its cache.  `count` counts the records
 * holding each of eight keys (hex; NULL counts none), as far as 10,000, in
 * one round trip.  `texts` gives, for a key (its hex, the one argument),
 * texts of the records that hold a word of that key: the word is read back
 * from them as it is written. */
struct words_near {
	struct db_sql stamp, keys, count, texts;
	struct words_near_cache cache;
};
#define WORDS_NEAR_COUNT(index) "(SELECT COUNT(*) FROM (SELECT 1 FROM " index " WHERE wkey = UNHEX(?) LIMIT 10000) x)"
/* The statements of index `index` (words.h). */
#define WORDS_NEAR(index, texts_sql)                                                                               \
	{DB_SQL("SELECT stamp FROM word_stamps WHERE word_index = '" index "'"),                                    \
	 DB_SQL("SELECT HEX(wkey) FROM " index " GROUP BY wkey"),                                                    \
	 DB_SQL_COLS(8, "SELECT " WORDS_NEAR_COUNT(index) ", " WORDS_NEAR_COUNT(index) ", " WORDS_NEAR_COUNT(index)   \
		     ", " WORDS_NEAR_COUNT(index) ", " WORDS_NEAR_COUNT(index) ", " WORDS_NEAR_COUNT(index) ", "        \
		     WORDS_NEAR_COUNT(index) ", " WORDS_NEAR_COUNT(index)),                                             \
	 DB_SQL(texts_sql), {0}}
/* What a store runs in the transaction that writes an index's words. */
#define WORDS_NEAR_TOUCH(index) "UPDATE word_stamps SET stamp = stamp + 1 WHERE word_index = '" index "'"

/* Whether any word of the search is in no entry of the index at all. */
bool words_near_missing(const struct words *w);

/* `q` with each of its words that the index lacks replaced by the nearest
 * word of the index (the most frequent of the nearest), as it is written
 * there; NULL when no word was replaced. */
const char *words_near_query(struct req *r, struct words_near *x, const char *q, const struct words *w);

/* The keys (hex) of the index's words near `word`, or that it begins (four
 * letters or more), itself first when the index has it: up to `max`.
 * Returns how many. */
size_t words_near_keys(struct req *r, struct words_near *x, const char *word, const char **keys, size_t max);

#endif
