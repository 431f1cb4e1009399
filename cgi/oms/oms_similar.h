/* Organisations whose names are like a new one's, in one country: what a
 * user sees before proposing a new organisation (account_requests.c), so
 * that one who meant an existing organisation finds it. */
#ifndef SPOR_OMS_SIMILAR_H
#define SPOR_OMS_SIMILAR_H

#include "core/words_near.h"

struct req;

/* The words of the organisations' name index, per worker: the search's
 * suggestions (oms_orgs.c) and the similar names. */
extern struct words_near oms_near;

/* Up to ten organisations located in `country` (ISO code) that share with
 * `name` at least half its words, each word itself, a word near it
 * (words_near.h) or one it begins, those sharing most first, as
 * Page.similar (id, name, city).  Words that many organisations
 * share ("GmbH", "Pharma") count only when the name has no other.  Returns
 * how many, or -1. */
int oms_similar(struct req *r, const char *name, const char *country);

#endif
