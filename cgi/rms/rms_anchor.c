/* A list's anchors, per worker (rms_anchor.h). */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "core/db.h"
#include "core/log.h"
#include "core/mem.h"
#include "core/program.h"
#include "core/session.h"
#include "rms/rms_anchor.h"
#include "rms/rms_page.h"

/* One anchor per ANCHOR_STEP terms: a page costs at most that many index
 * entries more than the first, and a list of 100,000 terms keeps 1,000
 * keys.  A worker keeps the anchors of ANCHOR_SETS lists and sorts, the
 * oldest making room for a new one: enough for every list of a large
 * portal in its usual sort (a million terms keep 10,000 keys, well under a
 * MiB), since reading a list's anchors again costs as much as reading the
 * whole list, which a visitor walking the lists would otherwise pay at
 * every turn of eight. */
enum { ANCHOR_STEP = 100, ANCHOR_SETS = 256 };
/* Skipping up to this many index entries costs a page less than reading
 * the anchors of a large list: the first pages of every list, which most
 * visitors see, keep no anchors. */
enum { ANCHOR_FROM = 1000 };

/* Every term's key of a list in a sort, from its index, in the sort's
 * order: its name key (NULL for the sorts by ID) and ID, of which the
 * worker keeps every ANCHOR_STEP-th as the rows stream by.  Numbering
 * them in MariaDB instead (ROW_NUMBER() and a filter) sorted the whole
 * list twice: five to ten times the cost of reading the index.  `only`
 * restricts the terms (the current ones of a value set's expansion).
 * Arguments: list. */
#define ANCHOR_COLUMNS(X) X(ANCHOR_NAME) X(ANCHOR_ID)
#define ANCHOR_COLUMN(name) name,
enum { ANCHOR_COLUMNS(ANCHOR_COLUMN) ANCHOR__COUNT };
#define ANCHORS(key, index, only, order)                                                                           \
	DB_SQL_COLS(ANCHOR__COUNT, "SELECT " key ", t.id FROM rms_terms t FORCE INDEX (" index ") WHERE t.list_id = ?" \
					   only order)
/* From an anchor on, in the sort's order.  Arguments: list, [name, name,]
 * id, limit, offset (less than ANCHOR_STEP). */
#define SEEK(index, only, from, order)                                                                             \
	DB_SQL("SELECT t.id FROM rms_terms t FORCE INDEX (" index ") WHERE t.list_id = ?" only " AND " from order     \
	       " LIMIT ? OFFSET ?")
#define BY_NAME " ORDER BY t.name_sort, t.id"
#define BY_NAME_DESC " ORDER BY t.name_sort DESC, t.id DESC"
#define BY_ID " ORDER BY t.id"
#define BY_ID_DESC " ORDER BY t.id DESC"

#define AFTER_NAME "(t.name_sort > ? OR (t.name_sort = ? AND t.id >= ?))"
#define CURRENT " AND t.status = 'CURRENT'"

static struct {
	struct db_sql anchors, seek;
} q[RMS_ANCHOR_SORTS] = {
	[TERMS_BY_NAME] = {ANCHORS("t.name_sort", "rms_terms_list_name", "", BY_NAME),
			   SEEK("rms_terms_list_name", "", AFTER_NAME, BY_NAME)},
	[TERMS_BY_NAME_DESC] = {ANCHORS("t.name_sort", "rms_terms_list_name", "", BY_NAME_DESC),
				SEEK("rms_terms_list_name", "", "(t.name_sort < ? OR (t.name_sort = ? AND t.id <= ?))",
				     BY_NAME_DESC)},
	[TERMS_BY_ID] = {ANCHORS("NULL", "rms_terms_list_id", "", BY_ID), SEEK("rms_terms_list_id", "", "t.id >= ?", BY_ID)},
	[TERMS_BY_ID_DESC] = {ANCHORS("NULL", "rms_terms_list_id", "", BY_ID_DESC),
			      SEEK("rms_terms_list_id", "", "t.id <= ?", BY_ID_DESC)},
	[RMS_ANCHOR_CURRENT_BY_NAME] = {ANCHORS("t.name_sort", "rms_terms_list_status", CURRENT, BY_NAME),
					SEEK("rms_terms_list_status", CURRENT, AFTER_NAME, BY_NAME)},
};

struct anchor_set {
	long long list, gen;
	int sort;
	size_t n;
	char **names; /* n of them, NULL for the sorts by ID: into `text` */
	char *text;   /* the names one after another, one block (a block per
		       * name would cost malloc's header and rounding on each) */
	long long *ids;
};

static struct anchor_set sets[ANCHOR_SETS];
static size_t next_set;

bool rms_anchor_deep(int sort, long long offset)
{
	return offset >= ANCHOR_FROM && (sort == TERMS_BY_NAME || sort == TERMS_BY_NAME_DESC || sort == TERMS_BY_ID ||
					 sort == TERMS_BY_ID_DESC || sort == RMS_ANCHOR_CURRENT_BY_NAME);
}

static void forget(struct anchor_set *s)
{
	free(s->names);
	free(s->text);
	free(s->ids);
	*s = (struct anchor_set){0};
}

/* A set being read: every ANCHOR_STEP-th key of the stream; the names go
 * one after another into `text`, their offsets in place of `names` until
 * the stream ends (`text` moves as it grows). */
struct anchor_reading {
	struct anchor_set *s;
	size_t seen, cap, text_len, text_cap;
	size_t *at;
};

static int keep_anchor(void *ctx, const char *const *cells, size_t ncols)
{
	(void)ncols;
	struct anchor_reading *g = ctx;
	struct anchor_set *s = g->s;
	if (g->seen++ % ANCHOR_STEP)
		return 0;
	if (s->n == g->cap) {
		g->cap = g->cap ? 2 * g->cap : 64;
		s->ids = xrealloc(s->ids, g->cap * sizeof *s->ids);
		g->at = xrealloc(g->at, g->cap * sizeof *g->at);
	}
	const char *name = cells[ANCHOR_NAME];
	size_t len = name ? strlen(name) + 1 : 0;
	if (g->text_len + len > g->text_cap) {
		g->text_cap = 2 * (g->text_len + len);
		s->text = xrealloc(s->text, g->text_cap);
	}
	g->at[s->n] = name ? g->text_len : (size_t)-1;
	if (name)
		memcpy(s->text + g->text_len, name, len);
	g->text_len += len;
	s->ids[s->n++] = atoll(cells[ANCHOR_ID]);
	return 0;
}

/* The anchors of the list in the sort at the request's generation: kept,
 * or read now; NULL on error. */
static struct anchor_set *anchors(struct req *r, long long list, int sort)
{
	long long gen = session_data_gen(r);
	for (size_t i = 0; i < ANCHOR_SETS; i++)
		if (sets[i].ids && sets[i].list == list && sets[i].sort == sort && sets[i].gen == gen && gen)
			return &sets[i];
	struct anchor_set *s = &sets[next_set];
	next_set = (next_set + 1) % ANCHOR_SETS;
	forget(s);
	struct anchor_reading g = {.s = s};
	int rc = db_each(r->app->db, r->arena, &q[sort].anchors, keep_anchor, &g, "i", list);
	if (rc < 0) {
		free(g.at);
		forget(s);
		return NULL;
	}
	if (!s->ids) /* no term: a set of no anchors, which no page reaches */
		s->ids = xcalloc(1, sizeof *s->ids);
	s->list = list;
	s->gen = gen;
	s->sort = sort;
	s->names = xcalloc(s->n + 1, sizeof *s->names);
	for (size_t i = 0; i < s->n; i++)
		s->names[i] = g.at[i] == (size_t)-1 ? NULL : s->text + g.at[i];
	free(g.at);
	return s;
}

int rms_anchor_page(struct req *r, const char *list, int sort, long long size, long long offset, struct db_rows *ids)
{
	struct anchor_set *s = anchors(r, atoll(list), sort);
	if (!s)
		return -1;
	size_t a = (size_t)(offset / ANCHOR_STEP);
	if (a >= s->n) {
		*ids = (struct db_rows){.ncols = 1, .cells = arena_zalloc(r->arena, sizeof *ids->cells)};
		return 0;
	}
	long long skip = offset % ANCHOR_STEP;
	if (sort == TERMS_BY_NAME || sort == TERMS_BY_NAME_DESC || sort == RMS_ANCHOR_CURRENT_BY_NAME)
		return db_query(r->app->db, r->arena, &q[sort].seek, ids, "issiii", atoll(list),
				s->names[a] ? s->names[a] : "", s->names[a] ? s->names[a] : "", s->ids[a], size, skip);
	return db_query(r->app->db, r->arena, &q[sort].seek, ids, "iiii", atoll(list), s->ids[a], size, skip);
}
