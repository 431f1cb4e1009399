/* What the RMS pages share: the domain filter, the data language, and the
 * search words. */
#ifndef SPOR_RMS_PAGE_H
#define SPOR_RMS_PAGE_H

#include <stdbool.h>
#include <stddef.h>

#include "core/db.h"
#include "core/listing.h"
#include "core/words.h"

struct req;

/* Page.domains: the terms of the Domain list (100000000004), for filters. */
void rms_domains(struct req *r);

/* The page of an RMS ID, looked for among the terms, the lists or both
 * (RMS_TERMS | RMS_LISTS): "/rms/terms/ID" or "/rms/lists/ID", else NULL;
 * where a page sends an ID it does not know. */
enum { RMS_TERMS = 1, RMS_LISTS = 2 };
const char *rms_page_of(struct req *r, const char *id, int kinds);

/* The data language the request chose (core/lang.h), English before the choice. */
const char *rms_data_lang(struct req *r);

/* The words of a search in RMS terms (words.h), and SQL for the terms t
 * that have them. */
void rms_words(struct req *r, const char *q, struct words *w);
#define RMS_WORD_TERMS WORDS_DRIVE("rms_term_words", "term_id", "rms_terms", "t")
#define RMS_MORE_WORDS WORDS_MORE("rms_term_words", "term_id", "t")

/* How /rms/lists is sorted (listing.h): the words of its ?sort=. */
#define RMS_LIST_SORTS(X)                                                                                          \
	X(LISTS_BY_NAME, "name") X(LISTS_BY_NAME_DESC, "-name") X(LISTS_BY_ID, "id") X(LISTS_BY_ID_DESC, "-id")     \
	X(LISTS_BY_TERMS, "terms") X(LISTS_BY_TERMS_DESC, "-terms") X(LISTS_BY_MODIFIED, "modified")               \
	X(LISTS_BY_MODIFIED_DESC, "-modified")
enum rms_list_sort { RMS_LIST_SORTS(LISTING_SORT) LISTS_SORT__COUNT };
extern const char *const rms_list_sorts[LISTS_SORT__COUNT + 1];

/* How a list's terms are sorted, on its page (whose links to the exports
 * carry it) and in the API: the word of the page's ?sort= and the ORDER BY
 * of the terms t that an index serves.  The API's ?sort= offers two of
 * them (id, name); the EMA v1's ?sortby= says those two in its own words
 * (api_v1.c). */
#define RMS_TERM_SORTS(X)                                                                                          \
	X(TERMS_BY_NAME, "name", " ORDER BY t.name_sort, t.id")                                                     \
	X(TERMS_BY_NAME_DESC, "-name", " ORDER BY t.name_sort DESC, t.id DESC")                                     \
	X(TERMS_BY_ID, "id", " ORDER BY t.id") X(TERMS_BY_ID_DESC, "-id", " ORDER BY t.id DESC")                    \
	X(TERMS_BY_STATUS, "status", " ORDER BY t.status, t.name_sort, t.id")                                       \
	X(TERMS_BY_STATUS_DESC, "-status", " ORDER BY t.status DESC, t.name_sort, t.id")
enum rms_term_sort { RMS_TERM_SORTS(LISTING_SORT) TERMS_SORT__COUNT };
extern const char *const rms_term_sorts[TERMS_SORT__COUNT + 1];

/* One page of the terms whose names hold `words` (rms_search.c), with the
 * filters, best first: the columns below, named as the search page shows
 * them, and unless `names` is NULL their names (term, lang, kind, value),
 * in one round trip.  Clamps *page.  0 or -1. */
#define RMS_HIT_COLUMNS(X)                                                                                         \
	X(HIT_ID, "id") X(HIT_LIST, "list") X(HIT_LIST_NAME, "list_name") X(HIT_STATUS, "status") X(HIT_NAME_EN, NULL)
enum { RMS_HIT_COLUMNS(DB_COLUMN) HIT__COUNT };
int rms_search_page(struct req *r, const struct words *words, const char *list, const char *status,
		    const char *domain, long long *page, long long size, long long *total, struct db_rows *hits,
		    struct db_rows *names);
/* The same hits from `offset`, without names, and how many there are
 * also past the last (a value set's expansion: FHIR pages by offset).
 * 0 or -1. */
int rms_search_at(struct req *r, const struct words *words, const char *list, const char *status, long long offset,
		  long long size, long long *total, struct db_rows *hits);

#endif
