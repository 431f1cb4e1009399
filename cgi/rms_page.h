/* What the RMS pages share: the domain filter, the data language, and the
 * search words turned into a FULLTEXT query. */
#ifndef SPOR_RMS_PAGE_H
#define SPOR_RMS_PAGE_H

#include <stdbool.h>

struct req;

/* Page.domains: the terms of the Domain list (100000000004), for filters. */
void rms_domains(struct req *r);

/* The data language: ?lang=, else English. */
const char *rms_data_lang(struct req *r);

/* A boolean-mode FULLTEXT query matching every word of `q` as a prefix
 * ("+word*"), operators removed; NULL when no word is left. */
const char *rms_fts_query(struct req *r, const char *q);

/* True when `q` is a 12-digit ID. */
bool rms_is_id_text(const char *q);

#endif
