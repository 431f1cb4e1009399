/* What the RMS pages share: the domain filter, the data language, and the
 * search words. */
#ifndef SPOR_RMS_PAGE_H
#define SPOR_RMS_PAGE_H

#include <stdbool.h>
#include <stddef.h>

#include "core/words.h"

struct req;

/* Page.domains: the terms of the Domain list (100000000004), for filters. */
void rms_domains(struct req *r);

/* The data language: ?lang=, else the signed-in user's preference, else English. */
const char *rms_data_lang(struct req *r);

/* The words of a search in RMS terms (words.h), and SQL for the terms t
 * that have them. */
void rms_words(struct req *r, const char *q, struct words *w);
#define RMS_WORD_TERMS WORDS_DRIVE("rms_term_words", "term_id", "rms_terms", "t")
#define RMS_MORE_WORDS WORDS_MORE("rms_term_words", "term_id", "t")

struct db_rows;
/* One page of the terms whose names hold `words` (rms_search.c), with the
 * filters: columns ID, list, list name, status, English name, best first.
 * Clamps *page.  0 or -1. */
int rms_search_page(struct req *r, const struct words *words, const char *list, const char *status,
		    const char *domain, long long *page, long long size, long long *total, struct db_rows *hits);

#endif
