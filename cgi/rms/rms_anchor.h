/* Deep pages of a list's terms at the cost of the first: each worker keeps,
 * per list and sort, the sort key of every ANCHOR_STEP-th term (read once
 * from the sort's index, kept until the data generation moves: fragment.h),
 * and finds page N by seeking its index to the anchor at or before the
 * page's first term, then skipping fewer than ANCHOR_STEP entries.  An
 * OFFSET would skip every entry before the page: page 1,000 of 50 read
 * 50,000 index entries (or rows).  ?page=N stays the page's address. */
#ifndef SPOR_RMS_ANCHOR_H
#define SPOR_RMS_ANCHOR_H

#include <stdbool.h>

#include "rms/rms_page.h"

struct req;
struct db_rows;

/* Besides a list page's sorts (enum rms_term_sort): its current terms by
 * English name (a value set's expansion of active codes). */
enum { RMS_ANCHOR_CURRENT_BY_NAME = TERMS_SORT__COUNT, RMS_ANCHOR_SORTS };

/* Whether a page from `offset` in `sort` (enum rms_term_sort) is found by
 * the anchors: deep enough that skipping the entries before it costs more
 * than reading the anchors once (the first pages skip), in a sort whose
 * index gives its order, by English name or by ID (the sorts by status
 * skip, as do filters and other data languages, which the caller sees). */
bool rms_anchor_deep(int sort, long long offset);

/* The IDs of `size` terms of list `list` from `offset` in `sort`, without
 * filters (but the sort's own), into `ids` (one column).  0 or -1. */
int rms_anchor_page(struct req *r, const char *list, int sort, long long size, long long offset,
		    struct db_rows *ids);

#endif
