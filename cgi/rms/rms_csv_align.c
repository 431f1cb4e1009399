/* EMA export rows under their columns: the columns' types and groups, and
 * the cheapest alignment of a row's fields to them. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/csv_read.h"
#include "core/date.h"
#include "core/http_parse.h"
#include "core/mem.h"
#include "rms/rms_csv_align.h"
#include "rms/rms_record.h"

enum ctype { T_TEXT, T_CODE, T_ID, T_ROWID, T_DATE, T_NUMBER, T_LANG, T_STATUS, T_YN, T_VISIBILITY, T__COUNT };

/* The groups of columns whose ¦ parts go together, one value each. */
enum group {
	G_ALONE, G_NAME, G_SHORT, G_OTHER, G_DESC, G_SYMBOL, G_DOMAIN, G_PARENT, G_STATUS, G_CURRENT, G_MAP,
	G_COUNTRY, G_IT, G_UOM, G_ATTR /* + 0..9 */
};

struct known {
	const char *name;
	unsigned char type, group;
	bool single;	     /* one value: a ¦ in it is wrong */
	unsigned short max;  /* characters the store keeps (0: no limit) */
	bool max_each;	     /* max is of each ¦ part (a mapping's), not of the whole */
};

/* A text and its companions: value, dates, authors, statuses, comments and
 * row IDs, one part per value. */
#define TEXT_GROUP(x, g, max)                                                                                      \
	{x, T_TEXT, g, false, max, false}, {x " Modified On", T_DATE, g, false, 0, false},                           \
		{x " Modified By", T_TEXT, g, false, 100, true}, {x " Translation Status", T_STATUS, g, false, 20, true},   \
		{x " Comments", T_TEXT, g, false, 0, false}, {                                                           \
		x " Rowid", T_ROWID, g, false, 0, false                                                                  \
	}

/* Every column of the EMA's list export (up to 101) by its header name.
 * The stores' limits: rms_terms and its tables (db/migrations/0002_rms.sql). */
static const struct known known[] = {
	{"List ID", T_ID, G_ALONE, true, 0, false},
	{"Term ID", T_ID, G_ALONE, true, 0, false},
	{"Term Rowid", T_ROWID, G_ALONE, true, 0, false},
	{"Language", T_LANG, G_ALONE, true, 10, false},
	TEXT_GROUP("Term Name", G_NAME, 1000),
	TEXT_GROUP("Short Name", G_SHORT, 1000),
	TEXT_GROUP("Other Name", G_OTHER, 1000),
	TEXT_GROUP("Term Description", G_DESC, 0),
	TEXT_GROUP("Term Symbol", G_SYMBOL, 1000),
	{"Domain ID", T_ID, G_DOMAIN, true, 0, false},
	{"Term Domain Rowid", T_ROWID, G_DOMAIN, false, 0, false},
	{"List Hierarchical Level Short Name", T_TEXT, G_ALONE, false, 100, false},
	{"List Hierarchical Level Name", T_TEXT, G_ALONE, false, 200, false},
	{"Parent ID", T_ID, G_PARENT, true, 0, false},
	{"Parent Term Rowid", T_ROWID, G_PARENT, false, 0, false},
	{"Term Status", T_STATUS, G_STATUS, true, 0, false},
	{"Term Status Modified On", T_DATE, G_STATUS, false, 0, false},
	{"Term Status Modified By", T_TEXT, G_STATUS, false, 100, false},
	{"Term Status Rowid", T_ROWID, G_STATUS, false, 0, false},
	{"Current Term ID", T_ID, G_CURRENT, true, 0, false},
	{"Current Term Rowid", T_ROWID, G_CURRENT, false, 0, false},
	{"Mapping Source ID", T_ID, G_MAP, false, 0, true},
	{"Mapping Source Term ID", T_TEXT, G_MAP, false, 200, true},
	{"Source Provided Name", T_TEXT, G_MAP, false, 1000, true},
	{"Is Main Term Source", T_YN, G_MAP, false, 0, true},
	{"Mapping Source Version", T_TEXT, G_MAP, false, 50, true},
	{"Mapping Source Term Status", T_CODE, G_MAP, false, 50, true},
	{"Term Source Mapping Rowid", T_ROWID, G_MAP, false, 0, true},
	{"Term Comments", T_TEXT, G_ALONE, false, 0, false},
	{"Applicable to Country ID", T_ID, G_COUNTRY, false, 0, false},
	{"Country Applicability Rowid", T_ROWID, G_COUNTRY, false, 0, false},
	{"Applicable to IT application ID", T_ID, G_IT, false, 0, false},
	{"IT Application Applicability Rowid", T_ROWID, G_IT, false, 0, false},
	{"Term Created On", T_DATE, G_ALONE, false, 0, false},
	{"Term Created By", T_TEXT, G_ALONE, false, 100, false},
	{"Term Modified On", T_DATE, G_ALONE, false, 0, false},
	{"Term Modified By", T_TEXT, G_ALONE, false, 100, false},
	{"Version Number", T_NUMBER, G_ALONE, true, 0, false},
	{"Version Date", T_DATE, G_ALONE, false, 0, false},
	{"Is Major Version", T_YN, G_ALONE, true, 0, false},
	{"Term Visibility", T_VISIBILITY, G_ALONE, true, 0, false},
	{"UoM Conversion Target Term ID", T_ID, G_UOM, false, 0, false},
	{"UoM Conversion Function ID", T_ID, G_UOM, false, 0, false},
	{"UoM Conversion Function Formula", T_TEXT, G_UOM, false, 0, false},
	{"UoM Conversion Function Value", T_TEXT, G_UOM, false, 0, false},
	{"Term UoM Conversion Rowid", T_ROWID, G_UOM, false, 0, false},
	{"User Defined Tags", T_TEXT, G_ALONE, false, 1000, false},
	{"User Preferred Name", T_TEXT, G_ALONE, false, 0, false},
};

/* What a value of each type must be, said when it is not. */
static const char *const unreadable[T__COUNT] = {
	[T_CODE] = "is not a code (letters, digits, _ . -)",
	[T_ID] = "is not 12 digits",
	[T_ROWID] = "is not a row ID (digits)",
	[T_DATE] = "is not a date (dd/MM/yyyy HH:mm:ss or ISO 8601)",
	[T_NUMBER] = "is not a number",
	[T_LANG] = "is not a language code",
	[T_STATUS] = "is not PROVISIONAL, CURRENT, NON_CURRENT or NULLIFIED",
	[T_YN] = "is not Y or N",
	[T_VISIBILITY] = "is not PUBLIC or PRIVATE",
};

/* The alignment's costs.  An unreadable value outweighs a few commas put
 * back, but not many: a text column can take any fields, and joining
 * enough of them would hide any misfit.  A comma inside text is followed by
 * a space (", ") or stands between two digits (a decimal comma, "1,5"):
 * those cost least to put back; one followed by other text more; one that
 * would end or begin a value or a ¦ part (",,", ",¦") hardly ever stands
 * inside one.  A text column's value that starts with a space was most
 * likely cut from the value before it, unless it was quoted: a quoted field
 * is whole, and the commas on either side of it are no value's. */
enum {
	COST_BAD = 64,
	COST_JOIN = 2,
	COST_JOIN_DECIMAL = 6,
	COST_JOIN_TIGHT = 48,
	COST_JOIN_EDGE = 96,
	COST_LEADING = 24,
	COST_CAP = 2047,
	SHIFT_MAX = 15,	 /* commas put back in one row */
	JOIN_MAX = 8,	 /* fields joined into one value */
	PARTS_MAX = 31,	 /* part counts told apart (more count as 31) */
	GUESSES_MAX = 6, /* part counts tried for a group */
	GUESS_AHEAD = 8, /* fields after a group's that may show its count */
	INF = 0xffff
};

struct column {
	unsigned char type;
	bool single, max_each, run_start;
	unsigned short max;
	int group;	 /* columns of one group run hold as many parts */
	size_t run_len;	 /* from a run's first column: its columns */
};

struct rms_align {
	size_t ncols;
	struct column *col;
	/* The row being aligned. */
	const struct csv_row *row;
	size_t n;
	unsigned short *parts; /* ¦ parts of each field, 0 when empty */
	bool *lead, *clean;    /* starts with a space (unquoted); valid UTF-8 and no NUL */
	bool *whole;	       /* quoted: its commas are its own, those around it divide */
	unsigned char *joint;  /* join_cost before each field, 0xff until known */
	signed char *fit;      /* [type][field]: -1 unknown, else 0 or 1 */
	/* States (column, shift, parts): the cheapest cost, how it was reached. */
	size_t nstates;
	unsigned short *cost;
	unsigned *from;
	unsigned char *how; /* fields the last column took */
	unsigned *touched;
	size_t ntouched;
	/* What the row's alignment gives, until the next row. */
	const char **cell, **why;
	unsigned char *took;
	unsigned *group_parts;
	unsigned cap; /* costs from here on are not worth a state */
	/* Pending states by cost: bucket heads into a pool of (state, next). */
	int head[COST_CAP + 1];
	unsigned *pool_state;
	int *pool_next;
	size_t npool, pool_cap;
};

static void type_column(struct column *c, const char *name)
{
	*c = (struct column){.type = T_TEXT, .group = -1};
	int attr;
	char rest[16];
	/* Attribute k, Attribute Value k, Term Attribute k Rowid: group k. */
	if ((sscanf(name, "Attribute %d%15s", &attr, rest) == 1 || sscanf(name, "Attribute Value %d%15s", &attr, rest) == 1) &&
	    attr >= 1 && attr <= 10) {
		c->group = G_ATTR + attr - 1;
		c->max = strncmp(name, "Attribute Value", 15) == 0 ? 1000 : 200;
		return;
	}
	if (sscanf(name, "Term Attribute %d Rowid%15s", &attr, rest) == 1 && attr >= 1 && attr <= 10) {
		*c = (struct column){.type = T_ROWID, .group = G_ATTR + attr - 1};
		return;
	}
	for (size_t i = 0; i < sizeof known / sizeof known[0]; i++)
		if (strcmp(known[i].name, name) == 0) {
			*c = (struct column){.type = known[i].type, .single = known[i].single, .max_each = known[i].max_each,
					     .max = known[i].max, .group = known[i].group == G_ALONE ? -1 : known[i].group};
			return;
		}
}

struct rms_align *rms_align_new(const struct csv_row *header)
{
	struct rms_align *al = xcalloc(1, sizeof *al);
	al->ncols = header->n;
	al->col = xcalloc(al->ncols + 1, sizeof *al->col);
	for (size_t i = 0; i < al->ncols; i++) {
		/* Header names compare as csv_column does them: a one-column
		 * header of that name says which. */
		const char *names[1] = {header->f[i]};
		struct csv_row one = {.f = names, .n = 1};
		size_t k;
		for (k = 0; k < sizeof known / sizeof known[0]; k++)
			if (csv_column(&one, known[k].name) == 0)
				break;
		type_column(&al->col[i], k < sizeof known / sizeof known[0] ? known[k].name : header->f[i]);
	}
	for (size_t i = 0; i < al->ncols; i++) {
		struct column *c = &al->col[i];
		c->run_start = c->group < 0 || i == 0 || al->col[i - 1].group != c->group;
		if (c->run_start) {
			size_t k = i + 1;
			while (c->group >= 0 && k < al->ncols && al->col[k].group == c->group)
				k++;
			c->run_len = k - i;
		}
	}
	al->nstates = (al->ncols + 1) * (SHIFT_MAX + 1) * (PARTS_MAX + 1);
	al->cost = xmalloc(al->nstates * sizeof *al->cost);
	for (size_t i = 0; i < al->nstates; i++)
		al->cost[i] = INF;
	al->from = xmalloc(al->nstates * sizeof *al->from);
	al->how = xmalloc(al->nstates * sizeof *al->how);
	al->touched = xmalloc(al->nstates * sizeof *al->touched);
	al->parts = xmalloc(CSV_FIELDS_MAX * sizeof *al->parts);
	al->lead = xmalloc(CSV_FIELDS_MAX * sizeof *al->lead);
	al->clean = xmalloc(CSV_FIELDS_MAX * sizeof *al->clean);
	al->whole = xmalloc(CSV_FIELDS_MAX * sizeof *al->whole);
	al->joint = xmalloc(CSV_FIELDS_MAX);
	al->fit = xmalloc((size_t)T__COUNT * CSV_FIELDS_MAX);
	al->cell = xcalloc(al->ncols + 1, sizeof *al->cell);
	al->why = xcalloc(al->ncols + 1, sizeof *al->why);
	al->took = xcalloc(al->ncols + 1, 1);
	al->group_parts = xcalloc(al->ncols + 1, sizeof *al->group_parts);
	return al;
}

void rms_align_free(struct rms_align *al)
{
	if (!al)
		return;
	free(al->col);
	free(al->cost);
	free(al->from);
	free(al->how);
	free(al->touched);
	free(al->parts);
	free(al->lead);
	free(al->clean);
	free(al->whole);
	free(al->joint);
	free(al->fit);
	free(al->cell);
	free(al->why);
	free(al->took);
	free(al->group_parts);
	free(al->pool_state);
	free(al->pool_next);
	free(al);
}

static bool digits(const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (s[i] < '0' || s[i] > '9')
			return false;
	return true;
}

/* Whether s[0..n), one part, is a value of type t (an empty part is). */
static bool part_fits(enum ctype t, const char *s, size_t n)
{
	char copy[48], out[20];
	if (n == 0 || t == T_TEXT)
		return true;
	if (t == T_DATE || t == T_LANG || t == T_STATUS || t == T_VISIBILITY) {
		if (n >= sizeof copy)
			return false;
		memcpy(copy, s, n);
		copy[n] = '\0';
	}
	switch (t) {
	case T_CODE:
		for (size_t i = 0; i < n; i++)
			if (!strchr("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_.-", s[i]) || !s[i])
				return false;
		return true;
	case T_ID:
		return n == 12 && digits(s, n);
	case T_ROWID:
		return n <= 20 && digits(s, n);
	case T_NUMBER:
		return n <= 9 && digits(s, n);
	case T_DATE:
		return date_normalize(copy, out);
	case T_LANG:
		return rms_is_lang(copy);
	case T_STATUS:
		return rms_is_status(copy);
	case T_YN:
		return n == 1 && (*s == 'Y' || *s == 'N');
	case T_VISIBILITY:
		return strcmp(copy, "PUBLIC") == 0 || strcmp(copy, "PRIVATE") == 0;
	default:
		return true;
	}
}

/* Whether a value is of its column's type, part by part. */
static bool value_fits(const struct column *c, const char *s)
{
	if (c->type == T_TEXT || !*s)
		return true;
	for (;;) {
		const char *sep = csv_sep(s);
		if (sep && c->single)
			return false;
		size_t n = sep ? (size_t)(sep - s) : strlen(s);
		if (!part_fits((enum ctype)c->type, s, n))
			return false;
		if (!sep)
			return true;
		s = sep + 2;
	}
}

/* Field i's ¦ parts and whether it is clean, in one pass over it: most
 * fields are short and ASCII, which is clean and holds no ¦. */
static void scan(struct rms_align *al, size_t i)
{
	const unsigned char *s = (const unsigned char *)al->row->f[i], *p = s;
	unsigned parts = *s != '\0';
	bool ascii = true;
	for (; *p; p++)
		if (*p >= 0x80) {
			ascii = false;
			parts += p[0] == (unsigned char)CSV_MULTI_SEP[0] && p[1] == (unsigned char)CSV_MULTI_SEP[1];
		}
	al->parts[i] = (unsigned short)(parts > 0xffff ? 0xffff : parts);
	al->clean[i] = (ascii || text_is_clean((const char *)s, (size_t)(p - s))) &&
		       !(al->row->nul && al->row->held_nul[i]);
}

static unsigned short capped(unsigned n)
{
	return (unsigned short)(n > PARTS_MAX ? PARTS_MAX : n);
}

/* Whether field f read alone fits column c. */
static bool field_fits(struct rms_align *al, const struct column *c, size_t f)
{
	if (!al->clean[f])
		return false;
	if (!al->parts[f]) /* empty: of any type */
		return true;
	if (c->type == T_TEXT)
		return !c->single || al->parts[f] == 1;
	signed char *memo = &al->fit[(size_t)c->type * CSV_FIELDS_MAX + f];
	if (*memo < 0)
		*memo = value_fits(c, al->row->f[f]);
	if (c->single && al->parts[f] > 1)
		return false;
	return *memo;
}

static size_t state(size_t c, size_t shift, unsigned p)
{
	return (c * (SHIFT_MAX + 1) + shift) * (PARTS_MAX + 1) + p;
}

static void push(struct rms_align *al, unsigned s, unsigned cost, unsigned from, unsigned took)
{
	if (cost >= al->cap || cost >= al->cost[s])
		return;
	if (al->cost[s] == INF)
		al->touched[al->ntouched++] = s;
	al->cost[s] = (unsigned short)cost;
	al->from[s] = from;
	al->how[s] = (unsigned char)took;
	if (al->npool == al->pool_cap) {
		al->pool_cap = al->pool_cap ? al->pool_cap * 2 : 4096;
		al->pool_state = xrealloc(al->pool_state, al->pool_cap * sizeof *al->pool_state);
		al->pool_next = xrealloc(al->pool_next, al->pool_cap * sizeof *al->pool_next);
	}
	al->pool_state[al->npool] = s;
	al->pool_next[al->npool] = al->head[cost];
	al->head[cost] = (int)al->npool++;
}

/* The part counts a group run of `len` columns starting at field f may
 * have: that of its first field (a mapping's source ID, a text's value as
 * it stands), then the commonest among the fields it would take as they
 * stand and, less, among the `more` after them (where joins would take it). */
static size_t guesses(const struct rms_align *al, size_t f, size_t len, size_t more, unsigned *out)
{
	unsigned seen[PARTS_MAX + 1] = {0};
	size_t n = 0;
	for (size_t i = f; i < al->n && i < f + len + more; i++)
		seen[capped(al->parts[i])] += i < f + len ? 4 : 1;
	if (f < al->n && al->parts[f]) {
		out[n++] = capped(al->parts[f]);
		seen[out[0]] = 0;
	}
	while (n < GUESSES_MAX) {
		unsigned best = 0;
		for (unsigned p = 1; p <= PARTS_MAX; p++)
			if (seen[p] && (best == 0 || seen[p] > seen[best]))
				best = p;
		if (!best)
			break;
		out[n++] = best;
		seen[best] = 0;
	}
	if (!n)
		out[n++] = 0;
	return n;
}

/* A field that is a whole date, ID, status or visibility: what a typed
 * column holds, hardly ever half of a text (joined to an author, a status
 * would leave its own column empty and let a spoilt value elsewhere hide). */
static bool typed_value(const char *s)
{
	size_t n = strlen(s);
	return (n == 12 && digits(s, n)) || part_fits(T_DATE, s, n) || rms_is_status(s) ||
	       part_fits(T_VISIBILITY, s, n);
}

/* What putting back the comma between fields `left` and `right` costs. */
static unsigned char join_cost(const char *left, const char *right)
{
	size_t n = strlen(left);
	if (!n || !*right || strncmp(right, CSV_MULTI_SEP, 2) == 0 ||
	    (n >= 2 && strcmp(left + n - 2, CSV_MULTI_SEP) == 0) || typed_value(left) || typed_value(right))
		return COST_JOIN_EDGE;
	if (*right == ' ')
		return COST_JOIN;
	if (left[n - 1] >= '0' && left[n - 1] <= '9' && *right >= '0' && *right <= '9')
		return COST_JOIN_DECIMAL;
	return COST_JOIN_TIGHT;
}

/* What putting back the comma before field i costs (kept for the row). */
static unsigned joint(struct rms_align *al, size_t i)
{
	if (al->joint[i] == 0xff)
		al->joint[i] = join_cost(al->row->f[i - 1], al->row->f[i]);
	return al->joint[i];
}

/* Column c takes field f alone: what that adds to the cost, but for its
 * group's count (the caller's). */
static unsigned take_one(struct rms_align *al, const struct column *c, size_t f)
{
	unsigned cost = field_fits(al, c, f) ? 0 : COST_BAD;
	return c->type == T_TEXT && al->lead[f] ? cost + COST_LEADING : cost;
}

/* What a value of `parts` parts adds where its group holds p. */
static unsigned count_cost(unsigned parts, unsigned p)
{
	return parts && p && capped(parts) != p ? COST_BAD : 0;
}

/* The cheapest alignment, found cheapest-first (a row that needs a comma or
 * two put back is settled after a few hundred states); false when none
 * costs less than `cap`.  took[c] is then how many fields column c took. */
static bool search(struct rms_align *al, unsigned cap)
{
	unsigned char *took = al->took;
	for (size_t i = 0; i < al->ntouched; i++)
		al->cost[al->touched[i]] = INF;
	al->ntouched = al->npool = 0;
	for (size_t i = 0; i <= COST_CAP; i++)
		al->head[i] = -1;
	al->cap = cap < COST_CAP + 1 ? cap : COST_CAP + 1;
	push(al, (unsigned)state(0, 0, 0), 0, 0, 0);
	size_t H = al->ncols, n = al->n;
	for (unsigned cost = 0; cost < cap && cost <= COST_CAP; cost++) {
		while (al->head[cost] >= 0) {
			int e = al->head[cost];
			al->head[cost] = al->pool_next[e];
			unsigned s = al->pool_state[e];
			if (al->cost[s] != cost)
				continue; /* reached more cheaply since */
			unsigned p = s % (PARTS_MAX + 1);
			size_t shift = s / (PARTS_MAX + 1) % (SHIFT_MAX + 1), c = s / (PARTS_MAX + 1) / (SHIFT_MAX + 1);
			size_t f = c + shift;
			if (f >= n) { /* every field placed: the rest of the row was left out */
				for (size_t i = c; i < H; i++)
					took[i] = 0;
				for (size_t cc = c; cc > 0; cc--) {
					took[cc - 1] = al->how[s];
					s = al->from[s];
				}
				return true;
			}
			if (c == H)
				continue; /* fields left over */
			const struct column *col = &al->col[c];
			unsigned ps[GUESSES_MAX], np = 1;
			ps[0] = p;
			if (col->run_start)
				np = col->run_len > 1 ? (unsigned)guesses(al, f, col->run_len, GUESS_AHEAD, ps) : (ps[0] = 0, 1);
			/* Fields f..f+k-1 joined by their commas, k from 1: the cost
			 * grows with each join, so the joins stop at the cap. */
			size_t kmax = col->type == T_TEXT ? JOIN_MAX : 1;
			unsigned base = cost + take_one(al, col, f), parts = al->parts[f];
			unsigned seps = parts ? parts - 1u : 0u;
			bool clean = al->clean[f];
			for (size_t k = 1; k <= kmax && f + k <= n && shift + k - 1 <= SHIFT_MAX && base < cap; k++) {
				if (k > 1) { /* a text column: any value fits, if clean */
					size_t i = f + k - 1;
					if (al->whole[i - 1] || al->whole[i])
						break; /* a quoted field is no half of a value */
					base += joint(al, i);
					if (clean && !al->clean[i])
						base += COST_BAD;
					clean &= al->clean[i];
					seps += al->parts[i] ? al->parts[i] - 1u : 0u;
					parts = seps + 1; /* a comma in it: not empty */
				}
				for (unsigned g = 0; g < np; g++)
					push(al, (unsigned)state(c + 1, shift + k - 1, ps[g]), base + count_cost(parts, ps[g]),
					     s, (unsigned)k);
			}
		}
	}
	return false;
}

/* What the fields as they stand cost (COST_BAD for each that does not fit
 * its column or its group's count, as the search counts), at most `cap`;
 * fields beyond the header's columns count as unreadable. */
static unsigned cost_as_is(struct rms_align *al)
{
	size_t n = al->n < al->ncols ? al->n : al->ncols;
	unsigned cost = al->n > al->ncols ? COST_BAD * (unsigned)(al->n - al->ncols) : 0;
	for (size_t c = 0; c < n && cost < COST_CAP; c++) {
		const struct column *col = &al->col[c];
		cost += field_fits(al, col, c) ? 0 : COST_BAD;
		if (col->type == T_TEXT && al->lead[c])
			cost += COST_LEADING;
		if (col->run_start && col->run_len > 1) {
			/* Counts of one part or none always agree (most rows);
			 * else the first guess: the run's first field's count. */
			size_t end = c + col->run_len < n ? c + col->run_len : n, i = c;
			while (i < end && al->parts[i] <= 1)
				i++;
			unsigned ps[GUESSES_MAX] = {capped(al->parts[c])};
			if (i < end && !ps[0])
				guesses(al, c, col->run_len, 0, ps);
			for (i = i < end ? c : end; i < end; i++)
				if (al->parts[i] && ps[0] && capped(al->parts[i]) != ps[0])
					cost += COST_BAD;
		}
	}
	return cost;
}

static size_t chars(const char *s, size_t n)
{
	size_t k = 0;
	for (size_t i = 0; i < n; i++)
		k += ((unsigned char)s[i] & 0xc0) != 0x80;
	return k;
}

/* Whether a value exceeds what its column's store keeps. */
static bool too_long(const struct column *c, const char *s)
{
	if (!c->max)
		return false;
	size_t len = strlen(s);
	if (len <= c->max) /* never more characters than bytes */
		return false;
	if (!c->max_each)
		return chars(s, len) > c->max;
	for (;;) {
		const char *sep = csv_sep(s);
		size_t n = sep ? (size_t)(sep - s) : strlen(s);
		if (chars(s, n) > c->max)
			return true;
		if (!sep)
			return false;
		s = sep + 2;
	}
}

/* Why cell c (taken from fields f..f+k-1) is unreadable, or NULL. */
static const char *verdict(struct rms_align *al, struct arena *a, size_t c, size_t f, size_t k, const char *cell,
			   unsigned group_count, bool fits)
{
	const struct column *col = &al->col[c];
	if (fits) /* known to fit its type and its group: only its length is left */
		return too_long(col, cell) ? arena_printf(a, "is longer than %u characters", (unsigned)col->max) : NULL;
	for (size_t i = f; i < f + k; i++) {
		if (al->row->nul && al->row->held_nul[i])
			return WHY_NUL;
		if (!al->clean[i])
			return "is not valid UTF-8";
	}
	if (!value_fits(col, cell))
		return col->single && csv_sep(cell) ? "holds several values where one is allowed"
								   : unreadable[col->type];
	unsigned parts = (unsigned)csv_parts(cell);
	if (parts && group_count && capped(parts) != group_count)
		return arena_printf(a, "holds %u value%s where the other columns of its group hold %u", parts,
				    parts == 1 ? "" : "s", group_count);
	if (too_long(col, cell))
		return arena_printf(a, "is longer than %u characters", (unsigned)col->max);
	return NULL;
}

/* The part count the columns of each group run agree on (the commonest
 * among its non-empty cells), for the verdicts. */
static void agree(const struct rms_align *al, const char **cell, unsigned *group_parts)
{
	for (size_t c = 0; c < al->ncols;) {
		size_t len = al->col[c].run_start && al->col[c].run_len > 1 ? al->col[c].run_len : 1;
		unsigned seen[PARTS_MAX + 1] = {0}, best = 0;
		for (size_t i = c; i < c + len; i++)
			if (*cell[i])
				seen[capped((unsigned)csv_parts(cell[i]))]++;
		for (unsigned p = 1; p <= PARTS_MAX; p++)
			if (seen[p] && (best == 0 || seen[p] > seen[best]))
				best = p;
		for (size_t i = c; i < c + len; i++)
			group_parts[i] = len > 1 ? best : 0;
		c += len;
	}
}

void rms_align_row(struct rms_align *al, struct arena *a, const struct csv_row *row, struct rms_aligned *out)
{
	size_t H = al->ncols, n = row->n;
	al->row = row;
	al->n = n;
	for (size_t i = 0; i < n; i++) {
		scan(al, i);
		/* A quoted field was written whole: its leading space is its own. */
		al->whole[i] = row->quoted && row->quoted[i];
		al->lead[i] = row->f[i][0] == ' ' && !al->whole[i];
	}
	for (size_t t = 0; t < T__COUNT; t++)
		memset(al->fit + t * CSV_FIELDS_MAX, -1, n);
	memset(al->joint, 0xff, n);
	unsigned char *took = al->took;
	out->cell = al->cell;
	out->why = al->why;
	out->realigned = false;
	out->extra = 0;
	unsigned as_is = cost_as_is(al);
	/* Only a search can beat fields that stand where they should. */
	if (as_is == 0 || !search(al, as_is)) {
		for (size_t c = 0; c < H; c++)
			took[c] = c < n;
		out->extra = n > H ? n - H : 0;
	}
	size_t f = 0;
	for (size_t c = 0; c < H; c++) {
		if (took[c] == 1) {
			al->cell[c] = row->f[f];
		} else if (took[c] == 0) {
			al->cell[c] = "";
		} else {
			struct buf b;
			buf_init(&b, a);
			for (size_t i = f; i < f + took[c]; i++) {
				if (i > f)
					buf_putc(&b, ',');
				buf_puts(&b, row->f[i]);
			}
			al->cell[c] = buf_str(&b);
		}
		out->realigned |= took[c] != (c < n);
		f += took[c];
	}
	if (as_is)
		agree(al, al->cell, al->group_parts);
	f = 0;
	for (size_t c = 0; c < H; c++) {
		al->why[c] = took[c] ? verdict(al, a, c, f, took[c], al->cell[c], al->group_parts[c], as_is == 0) : NULL;
		f += took[c];
	}
}
