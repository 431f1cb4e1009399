/* Rows sorted by their names as a language orders them (collate.h). */
#include "config.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <unicode/ucol.h>
#include <unicode/uloc.h>
#include <unicode/ustring.h>

#include "core/collate.h"
#include "core/db.h"
#include "core/http.h"
#include "core/log.h"

/* The collators opened by this worker, one per language asked for. */
enum { COLLATORS_MAX = 16 };
static struct {
	char lang[16];
	UCollator *coll;
} collators[COLLATORS_MAX];

static UCollator *collator(const char *lang)
{
	size_t i = 0;
	for (; i < COLLATORS_MAX && collators[i].coll; i++)
		if (strcmp(collators[i].lang, lang) == 0)
			return collators[i].coll;
	char locale[ULOC_FULLNAME_CAPACITY];
	UErrorCode err = U_ZERO_ERROR;
	uloc_forLanguageTag(lang, locale, sizeof locale, NULL, &err);
	UCollator *coll = U_SUCCESS(err) ? ucol_open(locale, &err) : NULL;
	if (!coll || U_FAILURE(err)) {
		log_error("collator for %s: %s", lang, u_errorName(err));
		ucol_close(coll);
		return NULL;
	}
	if (i == COLLATORS_MAX) { /* full: the oldest makes room */
		ucol_close(collators[0].coll);
		memmove(collators, collators + 1, sizeof collators[0] * (COLLATORS_MAX - 1));
		i--;
	}
	snprintf(collators[i].lang, sizeof collators[i].lang, "%s", lang);
	collators[i].coll = coll;
	return coll;
}

void collate_done(void)
{
	for (size_t i = 0; i < COLLATORS_MAX; i++) {
		ucol_close(collators[i].coll);
		collators[i].coll = NULL;
	}
}

struct entry {
	const uint8_t *key; /* the name's sort key: compared as bytes */
	long long id, first;
	const char **row;
	const struct collate_order *o;
};

/* The sort key of a UTF-8 name (an empty key when it is not UTF-8). */
static const uint8_t *sort_key(struct req *r, const UCollator *coll, const char *name)
{
	if (!name)
		name = "";
	size_t n = strlen(name);
	UChar *text = arena_alloc(r->arena, (n + 1) * sizeof *text);
	int32_t len = 0;
	UErrorCode err = U_ZERO_ERROR;
	u_strFromUTF8(text, (int32_t)n + 1, &len, name, (int32_t)n, &err);
	if (U_FAILURE(err))
		len = 0;
	int32_t size = ucol_getSortKey(coll, text, len, NULL, 0);
	uint8_t *key = arena_alloc(r->arena, (size_t)size + 1);
	ucol_getSortKey(coll, text, len, key, size + 1);
	return key;
}

static int cmp_ll(long long a, long long b)
{
	return (a > b) - (a < b);
}

static int by_order(const void *pa, const void *pb)
{
	const struct entry *a = pa, *b = pb;
	const struct collate_order *o = a->o;
	int c = o->first >= 0 ? cmp_ll(a->first, b->first) * (o->first_desc ? -1 : 1) : 0;
	if (c)
		return c;
	/* Sort keys end in a zero byte and hold none before it. */
	c = strcmp((const char *)a->key, (const char *)b->key);
	if (!c)
		c = cmp_ll(a->id, b->id);
	return o->desc ? -c : c;
}

void collate_rows(struct req *r, struct db_rows *rows, const char *lang, const struct collate_order *o)
{
	UCollator *coll = collator(lang);
	if (!coll || rows->nrows < 2)
		return;
	struct entry *e = arena_alloc(r->arena, rows->nrows * sizeof *e);
	for (size_t i = 0; i < rows->nrows; i++) {
		e[i] = (struct entry){.key = sort_key(r, coll, db_get(rows, i, o->name)),
				      .id = atoll(db_get(rows, i, o->id)),
				      .first = o->first >= 0 ? atoll(db_get(rows, i, (size_t)o->first)) : 0,
				      .row = rows->cells + i * rows->ncols,
				      .o = o};
	}
	qsort(e, rows->nrows, sizeof *e, by_order);
	size_t width = rows->ncols * sizeof *rows->cells;
	const char **cells = arena_alloc(r->arena, rows->nrows * width + 1);
	for (size_t i = 0; i < rows->nrows; i++)
		memcpy(cells + i * rows->ncols, e[i].row, width);
	rows->cells = cells;
}
