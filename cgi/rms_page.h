/* What the RMS pages share: the domain filter, the data language, and the
 * search words. */
#ifndef SPOR_RMS_PAGE_H
#define SPOR_RMS_PAGE_H

#include <stdbool.h>
#include <stddef.h>

struct req;

/* Page.domains: the terms of the Domain list (100000000004), for filters. */
void rms_domains(struct req *r);

/* The data language: ?lang=, else English. */
const char *rms_data_lang(struct req *r);

/* One column of rows (term IDs) as a JSON array, for RMS_ID_TABLE. */
struct db_rows;
const char *rms_id_array(struct req *r, const struct db_rows *rows, size_t col);

/* SQL for a table j(id) of the IDs in a JSON array. */
#define RMS_ID_TABLE "JSON_TABLE(?, '$[*]' COLUMNS (id BIGINT UNSIGNED PATH '$')) j"

/* Put `rows` (read by RMS_ID_TABLE) in the order of the IDs they were read
 * by, matching their column `col` to column 0 of `ids`; rows of IDs no
 * longer there drop out.  Cheaper than ORDER BY in MariaDB, which would
 * allocate a sort buffer for a few dozen rows. */
void rms_order_as(struct req *r, struct db_rows *rows, size_t col, const struct db_rows *ids);

/* The words of a search (2 to 64 bytes each), the rarest first: it drives
 * the query through the word index (each word's range is counted, up to a
 * bound, RMS_WORD_BOUND).  At most RMS_WORDS (the longest); n == 0 when no word is usable. */
enum { RMS_WORDS = 4 };
struct rms_words {
	const char *word[RMS_WORDS]; /* unused ones NULL */
	size_t n;
	bool broad; /* even the rarest word has RMS_WORD_BOUND entries or more */
};
/* A search reads at most this many terms with its rarest word: words that
 * common would otherwise cost seconds (every match sorted), so the page
 * says the results come from the first ones and asks for another word. */
#define RMS_WORD_BOUND 10000
#define RMS_STR_(x) #x
#define RMS_STR(x) RMS_STR_(x)
void rms_words(struct req *r, const char *q, struct rms_words *w);

/* SQL for the terms t that have a word starting with each word: the terms
 * with the first (longest) word, from its range of collation weights, drive
 * the query as a derived table; the other words are checked per term.
 *   FROM RMS_WORD_TERMS ... WHERE ... RMS_MORE_WORDS
 * Arguments: RMS_FIRST_WORD_ARGS where RMS_WORD_TERMS stands, and
 * RMS_MORE_WORD_ARGS where RMS_MORE_WORDS stands. */
#define RMS_WKEY "WEIGHT_STRING(? COLLATE utf8mb4_unicode_520_ci)"
#define RMS_WRANGE(a) a ".wkey >= " RMS_WKEY " AND " a ".wkey < CONCAT(" RMS_WKEY ", 0xFFFF)"
#define RMS_WORD_TERMS                                                                                             \
	" (SELECT DISTINCT d.term_id FROM rms_term_words d WHERE " RMS_WRANGE("d") " LIMIT " RMS_STR(RMS_WORD_BOUND) ") c"                             \
	" STRAIGHT_JOIN rms_terms t ON t.id = c.term_id"
#define RMS_MORE_WORD                                                                                              \
	" AND (? IS NULL OR EXISTS (SELECT 1 FROM rms_term_words w WHERE w.term_id = t.id AND " RMS_WRANGE("w") "))"
#define RMS_MORE_WORDS RMS_MORE_WORD RMS_MORE_WORD RMS_MORE_WORD
#define RMS_FIRST_WORD_ARGS(w) (w).word[0], (w).word[0]
#define RMS_MORE_WORD_ARGS(w)                                                                                      \
	(w).word[1], (w).word[1], (w).word[1], (w).word[2], (w).word[2], (w).word[2], (w).word[3], (w).word[3],      \
		(w).word[3]
#define RMS_FIRST_WORD_TYPES "ss"
#define RMS_MORE_WORD_TYPES "sssssssss"

#endif
