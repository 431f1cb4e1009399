/* What the EMA v1's API (api_v1.c) shares with the portal's own read API
 * of RMS (api_rms.c): the lists and their columns, and the SQL of the
 * names of a page of terms in a language. */
#ifndef SPOR_API_RMS_H
#define SPOR_API_RMS_H

#include "core/db.h"

struct req;

/* The columns of a list (its languages a comma-separated text). */
enum {
	LIST_ID,
	LIST_NAME,
	LIST_SHORT_NAME,
	LIST_DESCRIPTION,
	LIST_STATUS,
	LIST_VERSION,
	LIST_TERM_COUNT,
	LIST_LANGUAGES,
	LIST_MODIFIED,
	LIST__COUNT
};

/* Page `page` of every list, `size` a page, by ID, and how many there are.
 * 0 or -1. */
int api_rms_lists(struct req *r, long long page, long long size, struct db_rows *lists, long long *total);

/* The list `id`: one row, or none.  0 or -1. */
int api_rms_list(struct req *r, const char *id, struct db_rows *list);

/* The name and the short name of terms t in the language of the first
 * argument, English standing in (the joins of API_TERM_NAMES_JOINS take the
 * language twice). */
#define API_TERM_NAMES "COALESCE(nl.value, ne.value, t.name_en), COALESCE(sl.value, se.value)"
#define API_TERM_NAMES_JOINS                                                                                       \
	" LEFT JOIN rms_term_names nl ON nl.term_id = t.id AND nl.lang = ? AND nl.kind = 'name'"                    \
	" LEFT JOIN rms_term_names ne ON ne.term_id = t.id AND ne.lang = 'en' AND ne.kind = 'name'"                 \
	" LEFT JOIN rms_term_names sl ON sl.term_id = t.id AND sl.lang = ? AND sl.kind = 'short'"                   \
	" LEFT JOIN rms_term_names se ON se.term_id = t.id AND se.lang = 'en' AND se.kind = 'short'"

#endif
