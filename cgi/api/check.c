/* The check of a list of IDs (check.h): tokens, the lookups a batch at a
 * time, and the chains of replacements and merges. */
#include "config.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "api/check.h"
#include "core/db.h"
#include "core/field.h"
#include "core/listing.h"
#include "core/program.h"

/* IDs looked up in one statement: a JSON array of each kind of at most
 * this many, well within MariaDB's packet and quick to join. */
enum { CHECK_BATCH = 2500 };

/* What an ID's syntax says it may be: the three number ranges. */
enum id_class { CLASS_NONE, CLASS_RMS, CLASS_ORG, CLASS_LOC };

/* An ID as one number: its class above its 40 bits (12 digits fit). */
typedef uint64_t id_key;
#define KEY(cls, num) (((id_key)(cls) << 40) | (id_key)(num))
#define KEY_CLASS(k) ((enum id_class)((k) >> 40))
#define KEY_NUM(k) ((unsigned long long)((k) & ((1ULL << 40) - 1)))

/* What the portal holds under one ID, once looked up. */
struct rec {
	id_key key;
	bool queued, looked; /* to be looked up; looked up */
	enum check_kind kind;
	bool merged;
	const char *status, *name, *local_name, *parent_id, *parent_name;
	id_key next; /* what replaced it or it was merged into; 0: none */
};

/* The IDs of a check, by key (open addressing, at most half full). */
struct recs {
	struct rec *v;
	size_t n, cap;
};

void check_init(struct check *c, size_t others_max)
{
	*c = (struct check){.others_max = others_max};
}

static struct rec *recs_find(const struct recs *m, id_key key)
{
	for (size_t i = (size_t)(key * 0x9E3779B97F4A7C15ULL >> 20) & (m->cap - 1);; i = (i + 1) & (m->cap - 1)) {
		if (!m->v[i].key || m->v[i].key == key)
			return &m->v[i];
	}
}

/* The record of `key`, made (not yet looked up) when new. */
static struct rec *recs_get(struct req *r, struct recs *m, id_key key)
{
	if (2 * (m->n + 1) > m->cap) {
		struct recs bigger = {arena_zalloc(r->arena, 2 * m->cap * sizeof *m->v), m->n, 2 * m->cap};
		for (size_t i = 0; i < m->cap; i++)
			if (m->v[i].key)
				*recs_find(&bigger, m->v[i].key) = m->v[i];
		*m = bigger;
	}
	struct rec *e = recs_find(m, key);
	if (!e->key) {
		*e = (struct rec){.key = key};
		m->n++;
	}
	return e;
}

static const char *key_id(struct req *r, id_key k)
{
	switch (KEY_CLASS(k)) {
	case CLASS_RMS:
		return arena_printf(r->arena, "%012llu", KEY_NUM(k));
	case CLASS_ORG:
		return arena_printf(r->arena, "ORG-%09llu", KEY_NUM(k));
	case CLASS_LOC:
		return arena_printf(r->arena, "LOC-%09llu", KEY_NUM(k));
	case CLASS_NONE:
		break;
	}
	return NULL;
}

/* The key of an ID in its normal form (upper case), or 0. */
static id_key key_of(const char *id)
{
	size_t n = strlen(id);
	enum id_class cls = CLASS_NONE;
	const char *digits = id;
	if (n == 12 && strspn(id, "0123456789") == 12)
		cls = CLASS_RMS;
	else if (field_is_prefixed_id(id, "ORG-"))
		cls = CLASS_ORG, digits = id + 4;
	else if (field_is_prefixed_id(id, "LOC-"))
		cls = CLASS_LOC, digits = id + 4;
	return cls == CLASS_NONE ? 0 : KEY(cls, strtoull(digits, NULL, 10));
}

static struct check_row *row_new(struct req *r, struct check *c)
{
	if (c->nrows == c->cap) {
		size_t cap = c->cap ? 2 * c->cap : 256;
		struct check_row *rows = arena_alloc(r->arena, cap * sizeof *rows);
		if (c->nrows)
			memcpy(rows, c->rows, c->nrows * sizeof *rows);
		c->rows = rows;
		c->cap = cap;
	}
	struct check_row *row = &c->rows[c->nrows++];
	*row = (struct check_row){0};
	return row;
}

/* A token (s[0..n)) as the next row: its normal form when it is an ID.
 * An empty one is a row only when `empty` says so; past the caps rows are
 * counted, not kept. */
static void add(struct req *r, struct check *c, const char *s, size_t n, bool empty)
{
	if (n >= 2 && (s[0] == '"' || s[0] == '\'') && s[n - 1] == s[0])
		s++, n -= 2; /* a spreadsheet's quotes */
	if (!n && !empty)
		return;
	char norm[16] = "";
	if (n < sizeof norm) {
		for (size_t i = 0; i < n; i++)
			norm[i] = (char)(s[i] >= 'a' && s[i] <= 'z' ? s[i] - 'a' + 'A' : s[i]);
		norm[n] = '\0';
	}
	bool id = key_of(norm) != 0;
	if (id ? ++c->ids > CHECK_MAX_IDS : ++c->others > c->others_max)
		return;
	struct check_row *row = row_new(r, c);
	row->input = arena_strndup(r->arena, s, n);
	row->id = id ? arena_strdup(r->arena, norm) : NULL;
	row->kind = id ? CHECK_UNKNOWN : CHECK_NOT_ID;
}

/* The length of the separator at s (white space, also U+00A0, U+200B and
 * U+FEFF; a comma, a semicolon; any other control character), or 0. */
static size_t separator(const unsigned char *s, const unsigned char *end)
{
	if (*s < 0x20 || *s == ' ' || *s == ',' || *s == ';' || *s == 0x7f)
		return 1;
	if (end - s >= 2 && s[0] == 0xc2 && s[1] == 0xa0)
		return 2;
	if (end - s >= 3 && ((s[0] == 0xe2 && s[1] == 0x80 && s[2] == 0x8b) ||
			     (s[0] == 0xef && s[1] == 0xbb && s[2] == 0xbf)))
		return 3;
	return 0;
}

void check_tokens(struct req *r, struct check *c, const char *text, size_t len)
{
	const unsigned char *p = (const unsigned char *)text, *end = p + len, *start = p;
	while (p < end) {
		size_t sep = separator(p, end);
		if (!sep) {
			p++;
			continue;
		}
		add(r, c, (const char *)start, (size_t)(p - start), false);
		p += sep;
		start = p;
	}
	add(r, c, (const char *)start, (size_t)(p - start), false);
}

void check_add(struct req *r, struct check *c, const char *token)
{
	const unsigned char *s = (const unsigned char *)token, *end = s + strlen(token), *e = end;
	for (size_t n; s < end && *s != ',' && *s != ';' && (n = separator(s, end));)
		s += n;
	while (e > s && (e[-1] == ' ' || e[-1] == '\t' || e[-1] == '\n' || e[-1] == '\r'))
		e--;
	add(r, c, (const char *)s, (size_t)(e - s), true); /* an array keeps its places */
}

bool check_within(const struct check *c)
{
	return c->ids <= CHECK_MAX_IDS && c->others <= c->others_max;
}

/* One batch of every kind, one pass over each kind's IDs: terms (with
 * their list and the name in the language asked) or lists; organisations
 * (with their first alternative name in that language) or merged
 * organisation IDs; locations (with their organisation) or merged location
 * IDs.  A record wins over a merged ID of the same number, as the
 * organisation pages have it (arguments: the RMS IDs, the language twice,
 * the ORG IDs, the LOC IDs; the IDs as JSON arrays of numbers). */
#define LOOKUP_COLUMNS(X)                                                                                          \
	X(LOOK_KIND, NULL) X(LOOK_ID, NULL) X(LOOK_STATUS, NULL) X(LOOK_NAME, NULL) X(LOOK_LOCAL, NULL)              \
	X(LOOK_PARENT, NULL) X(LOOK_PARENT_NAME, NULL) X(LOOK_NEXT, NULL)
enum { LOOKUP_COLUMNS(DB_COLUMN) LOOK__COUNT };
static struct db_sql q_lookup = DB_SQL_COLS(
	LOOK__COUNT,
	"SELECT IF(t.id IS NULL, 'L', 'T'), j.id, COALESCE(t.status, l.status), COALESCE(t.name_en, l.name), n.value,"
	" t.list_id, tl.name, t.current_term_id FROM " LISTING_ID_TABLE
	" LEFT JOIN rms_terms t ON t.id = j.id LEFT JOIN rms_lists tl ON tl.id = t.list_id"
	" LEFT JOIN rms_term_names n ON n.term_id = t.id AND n.lang = ? AND n.kind = 'name'"
	" LEFT JOIN rms_lists l ON t.id IS NULL AND l.id = j.id WHERE t.id IS NOT NULL OR l.id IS NOT NULL"
	" UNION ALL SELECT IF(o.id IS NULL, 'MO', 'O'), j.id, o.status, o.name, (SELECT a.name FROM oms_org_names a"
	" WHERE a.org_id = o.id AND a.lang = ? ORDER BY a.seq LIMIT 1), NULL, NULL, m.new_id FROM " LISTING_ID_TABLE
	" LEFT JOIN oms_organisations o ON o.id = j.id"
	" LEFT JOIN oms_merged m ON o.id IS NULL AND m.kind = 'ORG' AND m.old_id = j.id"
	" WHERE o.id IS NOT NULL OR m.old_id IS NOT NULL"
	" UNION ALL SELECT IF(l.id IS NULL, 'ML', 'P'), j.id, l.status, CONCAT_WS(', ', l.line1, l.city, l.country_code),"
	" NULL, l.org_id, o.name, m.new_id FROM " LISTING_ID_TABLE " LEFT JOIN oms_locations l ON l.id = j.id"
	" LEFT JOIN oms_organisations o ON o.id = l.org_id"
	" LEFT JOIN oms_merged m ON l.id IS NULL AND m.kind = 'LOC' AND m.old_id = j.id"
	" WHERE l.id IS NOT NULL OR m.old_id IS NOT NULL");

/* A row of the lookup into its record. */
static void put(struct req *r, struct recs *m, const struct db_rows *rows, size_t i)
{
	const char *kind = db_get(rows, i, LOOK_KIND), *next = db_get(rows, i, LOOK_NEXT);
	enum id_class cls = kind[0] == 'T' || kind[0] == 'L' ? CLASS_RMS
			    : kind[0] == 'O' || strcmp(kind, "MO") == 0 ? CLASS_ORG
									: CLASS_LOC;
	struct rec *e = recs_get(r, m, KEY(cls, strtoull(db_get(rows, i, LOOK_ID), NULL, 10)));
	e->kind = kind[0] == 'T' ? CHECK_TERM : kind[0] == 'L' ? CHECK_LIST : cls == CLASS_ORG ? CHECK_ORG : CHECK_LOC;
	e->merged = kind[0] == 'M';
	e->status = db_get(rows, i, LOOK_STATUS);
	e->name = db_get(rows, i, LOOK_NAME);
	e->local_name = db_get(rows, i, LOOK_LOCAL);
	const char *parent = db_get(rows, i, LOOK_PARENT);
	e->parent_id = !parent ? NULL : cls == CLASS_LOC ? key_id(r, KEY(CLASS_ORG, strtoull(parent, NULL, 10))) : parent;
	e->parent_name = db_get(rows, i, LOOK_PARENT_NAME);
	id_key to = next ? KEY(cls, strtoull(next, NULL, 10)) : 0;
	e->next = to == e->key ? 0 : to; /* a term that names itself as its replacement is not replaced */
}

/* Look up `keys` (n of them), a batch at a time. */
static int lookup(struct req *r, struct recs *m, const id_key *keys, size_t n, const char *lang)
{
	for (size_t from = 0; from < n; from += CHECK_BATCH) {
		struct buf ids[4];
		for (int k = CLASS_RMS; k <= CLASS_LOC; k++) {
			buf_init(&ids[k], r->arena);
			buf_putc(&ids[k], '[');
		}
		for (size_t i = from; i < n && i < from + CHECK_BATCH; i++) {
			struct buf *b = &ids[KEY_CLASS(keys[i])];
			buf_printf(b, "%s%llu", b->len > 1 ? "," : "", KEY_NUM(keys[i]));
		}
		const char *a[4];
		for (int k = CLASS_RMS; k <= CLASS_LOC; k++) {
			buf_putc(&ids[k], ']');
			a[k] = buf_str(&ids[k]);
		}
		struct db_rows rows;
		if (db_query(r->app->db, r->arena, &q_lookup, &rows, "sssss", a[CLASS_RMS], lang, lang, a[CLASS_ORG],
			     a[CLASS_LOC]) < 0)
			return -1;
		for (size_t i = 0; i < rows.nrows; i++)
			put(r, m, &rows, i);
	}
	for (size_t i = 0; i < n; i++)
		recs_get(r, m, keys[i])->looked = true;
	return 0;
}

/* Follow the chain from `e` to its end, into `row`. */
static void follow(struct req *r, struct recs *m, struct rec *e, struct check_row *row)
{
	struct rec *path[CHECK_CHAIN_MAX + 1];
	size_t n = 0;
	row->chain = arena_alloc(r->arena, (CHECK_CHAIN_MAX + 1) * sizeof *row->chain);
	path[n++] = e;
	struct rec *at = e;
	while (at->next) {
		struct rec *to = recs_find(m, at->next);
		if (n > CHECK_CHAIN_MAX || !to->key || !to->looked) {
			row->problem = CHECK_CHAIN_TOO_LONG;
			return;
		}
		for (size_t i = 0; i < n; i++)
			if (path[i] == to) {
				row->problem = CHECK_CHAIN_CYCLE;
				return;
			}
		row->chain[row->nchain++] = key_id(r, to->key);
		if (to->kind == CHECK_UNKNOWN) {
			row->problem = CHECK_CHAIN_MISSING;
			return;
		}
		path[n++] = to;
		at = to;
	}
	row->current = key_id(r, at->key);
	if (e->merged) { /* the names of the record it leads to */
		row->name = at->name;
		row->local_name = at->local_name;
		row->parent_id = at->parent_id;
		row->parent_name = at->parent_name;
	}
}

/* Queue `k` for the next round of lookups, unless it was already. */
static bool queue(struct req *r, struct recs *m, id_key k)
{
	struct rec *e = recs_get(r, m, k);
	if (e->queued)
		return false;
	e->queued = true;
	e->kind = CHECK_UNKNOWN; /* until a row says otherwise */
	return true;
}

int check_run(struct req *r, struct check *c, const char *lang)
{
	struct recs m = {arena_zalloc(r->arena, 1024 * sizeof *m.v), 0, 1024};
	id_key *todo = arena_alloc(r->arena, (c->nrows + 1) * sizeof *todo);
	size_t n = 0;
	for (size_t i = 0; i < c->nrows; i++)
		if (c->rows[i].id && queue(r, &m, key_of(c->rows[i].id)))
			todo[n++] = key_of(c->rows[i].id);
	/* Each round looks up the IDs the last one led to, for as many
	 * rounds as a chain may have steps; what the last round leads to is
	 * left unread (a chain too long). */
	for (int round = 0; n && round <= CHECK_CHAIN_MAX; round++) {
		if (lookup(r, &m, todo, n, lang) < 0)
			return -1;
		id_key *more = arena_alloc(r->arena, (n + 1) * sizeof *more);
		size_t next = 0;
		for (size_t i = 0; i < n; i++) {
			id_key to = recs_find(&m, todo[i])->next;
			if (to && queue(r, &m, to))
				more[next++] = to;
		}
		todo = more;
		n = next;
	}
	for (size_t i = 0; i < c->nrows; i++) {
		struct check_row *row = &c->rows[i];
		if (!row->id)
			continue;
		struct rec *e = recs_find(&m, key_of(row->id));
		row->kind = e->kind;
		row->merged = e->merged;
		row->status = e->status;
		row->name = e->name;
		row->local_name = e->local_name;
		row->parent_id = e->parent_id;
		row->parent_name = e->parent_name;
		if (e->kind != CHECK_UNKNOWN)
			follow(r, &m, e, row);
	}
	return 0;
}

const char *check_kind_word(enum check_kind k)
{
	switch (k) {
	case CHECK_TERM:
		return "term";
	case CHECK_LIST:
		return "list";
	case CHECK_ORG:
		return "organisation";
	case CHECK_LOC:
		return "location";
	case CHECK_NOT_ID:
	case CHECK_UNKNOWN:
		break;
	}
	return NULL;
}

const char *check_problem_word(enum check_problem p)
{
	switch (p) {
	case CHECK_CHAIN_CYCLE:
		return "cycle";
	case CHECK_CHAIN_TOO_LONG:
		return "too_long";
	case CHECK_CHAIN_MISSING:
		return "missing";
	case CHECK_CHAIN_OK:
		break;
	}
	return NULL;
}
