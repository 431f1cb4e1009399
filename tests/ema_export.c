/* EMA-shaped exports from known terms, and the snapshots they must import to. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/mem.h"
#include "ema_export.h"
#include "rms/rms_csv.h"
#include "rms/rms_snapshot.h"

/* The header of the EMA's real exports, as they come. */
static const char *const header[] = {
	"List ID", "Term ID", "Term Rowid", "Language", "Term Name", "Term Name Modified On", "Term Name Modified By",
	"Term Name Translation Status", "Term Name Comments", "Term Name Rowid", "Short Name", "Short Name Modified On",
	"Short Name Modified By", "Short Name Translation Status", "Short Name Comments", "Short Name Rowid",
	"Other Name", "Other Name Modified On", "Other Name Modified By", "Other Name Translation Status",
	"Other Name Comments", "Other Name Rowid", "Term Description", "Term Description Modified On",
	"Term Description Modified By", "Term Description Translation Status", "Term Description Rowid",
	"Term Symbol", "Term Symbol Modified On", "Term Symbol Modified By", "Term Symbol Comments",
	"Term Symbol Rowid", "Domain ID", "Term Domain Rowid", "List Hierarchical Level Short Name",
	"List Hierarchical Level Name", "Parent ID", "Parent Term Rowid", "Term Status", "Term Status Modified On",
	"Term Status Modified By", "Term Status Rowid", "Current Term ID", "Current Term Rowid", "Mapping Source ID",
	"Mapping Source Term ID", "Source Provided Name", "Is Main Term Source", "Mapping Source Version",
	"Mapping Source Term Status", "Term Source Mapping Rowid", "Term Comments", "Applicable to Country ID",
	"Country Applicability Rowid", "Applicable to IT application ID", "IT Application Applicability Rowid",
	"Term Created On", "Term Created By", "Term Modified On", "Term Modified By", "Version Number", "Version Date",
	"Is Major Version", "Term Visibility", "UoM Conversion Target Term ID", "UoM Conversion Function ID",
	"UoM Conversion Function Formula", "UoM Conversion Function Value", "Term UoM Conversion Rowid",
	"User Defined Tags", "User Preferred Name", "Attribute 1", "Attribute Value 1", "Term Attribute 1 Rowid",
	"Attribute 2", "Attribute Value 2", "Term Attribute 2 Rowid", "Attribute 3", "Attribute Value 3",
	"Term Attribute 3 Rowid", "Attribute 4", "Attribute Value 4", "Term Attribute 4 Rowid", "Attribute 5",
	"Attribute Value 5", "Term Attribute 5 Rowid", "Attribute 6", "Attribute Value 6", "Term Attribute 6 Rowid",
	"Attribute 7", "Attribute Value 7", "Term Attribute 7 Rowid", "Attribute 8", "Attribute Value 8",
	"Term Attribute 8 Rowid", "Attribute 9", "Attribute Value 9", "Term Attribute 9 Rowid", "Attribute 10",
	"Attribute Value 10", "Term Attribute 10 Rowid",
};
enum { NCOLS = sizeof header / sizeof header[0], SEP_LEN = 2 };
#define SEP "\xc2\xa6"

/* Columns after which a comma with no space is still told apart: the
 * next column is typed (a date, a code, an ID ...). */
static const char *const tight_ok[] = {
	"Term Name", "Short Name", "Other Name", "Term Description", "Term Symbol", "Term Name Modified By",
	"Term Comments", "Source Provided Name", "Term Created By", "Term Modified By", "List Hierarchical Level Name",
	"Attribute Value 1", "Attribute Value 2", "Attribute Value 3",
};

static const char *const words[] = {
	"Tablet", "film-coated", "Comprimé", "pelliculé", "Lösung", "zum", "Einnehmen", "διάλυμα", "раствор", "oral",
	"use", "powder", "solvent", "suspension", "Ústní", "prášek", "injection", "infusion", "gel", "cream", "spray",
	"Tüte", "kapszula", "šķīdums", "Ξηρό", "vaginal", "single-dose", "container", "et", "für",
};
static const char *const langs[] = {"fr", "de", "it", "es", "pt", "nl", "sv", "da", "fi", "no", "is", "pl", "cs",
				    "sk", "sl", "hu", "ro", "bg", "el", "hr", "lt", "lv", "et", "mt", "ga"};
static const char *const statuses[] = {"PROVISIONAL", "CURRENT", "NON_CURRENT", "NULLIFIED"};

struct gen {
	unsigned long long s;
	struct arena *a;
	size_t unreadable;
};

static unsigned rnd(struct gen *g, unsigned n)
{
	/* xorshift64* */
	g->s ^= g->s >> 12;
	g->s ^= g->s << 25;
	g->s ^= g->s >> 27;
	return n ? (unsigned)((g->s * 2685821657736338717ull) >> 33) % n : 0;
}

static bool chance(struct gen *g, unsigned percent)
{
	return rnd(g, 100) < percent;
}

static int col(const char *name)
{
	for (int i = 0; i < NCOLS; i++)
		if (strcmp(header[i], name) == 0)
			return i;
	abort();
}

static bool tight_allowed(int c)
{
	for (size_t i = 0; i < sizeof tight_ok / sizeof tight_ok[0]; i++)
		if (strcmp(tight_ok[i], header[c]) == 0)
			return true;
	return false;
}

/* Free text of 1 to 4 words; now and then with a comma inside: ", " (as
 * text is written) or a decimal comma ("1,5") where that can be told apart
 * from a comma between two columns (`tight`). */
static const char *text(struct gen *g, bool tight)
{
	struct buf b;
	buf_init(&b, g->a);
	unsigned n = 1 + rnd(g, 4);
	if (tight && chance(g, 15))
		buf_printf(&b, "%u,%u ", 1 + rnd(g, 9), rnd(g, 10));
	for (unsigned i = 0; i < n; i++) {
		if (i)
			buf_puts(&b, i == 1 && n > 1 && chance(g, 35) ? ", " : " ");
		buf_puts(&b, words[rnd(g, sizeof words / sizeof words[0])]);
	}
	return buf_str(&b);
}

static const char *id12(struct gen *g, unsigned long long base, unsigned spread)
{
	return arena_printf(g->a, "%012llu", base + rnd(g, spread));
}

/* A date in one of the EMA's forms, and its normal form in *norm. */
static const char *date(struct gen *g, const char **norm)
{
	unsigned y = 2005 + rnd(g, 19), mo = 1 + rnd(g, 12), d = 1 + rnd(g, 28), h = rnd(g, 24), mi = rnd(g, 60),
		 s = rnd(g, 60);
	*norm = arena_printf(g->a, "%04u-%02u-%02u %02u:%02u:%02u", y, mo, d, h, mi, s);
	switch (rnd(g, 3)) {
	case 0:
		return arena_printf(g->a, "%02u/%02u/%04u %02u:%02u:%02u", d, mo, y, h, mi, s);
	case 1:
		return arena_printf(g->a, "%04u-%02u-%02uT%02u:%02u:%02uZ", y, mo, d, h, mi, s);
	default:
		return arena_printf(g->a, "%04u-%02u-%02uT%02u:%02u:%02u.%03uZ", y, mo, d, h, mi, s, rnd(g, 1000));
	}
}

static json_t *str_or_null(const char *s)
{
	return s && *s ? json_string(s) : json_null();
}

static json_t *pair(const char *k1, const char *v1, const char *k2, const char *v2)
{
	if (!(v1 && *v1) && !(v2 && *v2))
		return json_null();
	json_t *o = json_object();
	json_object_set_new(o, k1, str_or_null(v1));
	json_object_set_new(o, k2, str_or_null(v2));
	return o;
}

/* Join n values with ¦. */
static const char *joined(struct gen *g, const char *const *v, size_t n)
{
	struct buf b;
	buf_init(&b, g->a);
	for (size_t i = 0; i < n; i++) {
		buf_puts(&b, i ? SEP : "");
		buf_puts(&b, v[i]);
	}
	return buf_str(&b);
}

/* One text of one language, `parts` values, into its columns from `first`
 * (value, Modified On, Modified By, Translation Status when `has_status`,
 * Comments or not, Rowid); its expected form. */
static json_t *text_group(struct gen *g, const char **cells, const char *kind, unsigned parts, bool has_status)
{
	int first = col(kind);
	const char *values[3], *dates[3], *by[3], *tr[3], *rowids[3], *latest = NULL;
	unsigned last = 0; /* the value changed last: the text keeps its author and status */
	bool dated = chance(g, 70), authored = chance(g, 20), statused = has_status && chance(g, 60);
	for (unsigned i = 0; i < parts; i++) {
		values[i] = text(g, parts > 1 || tight_allowed(first));
		const char *norm;
		dates[i] = date(g, &norm);
		if (!latest || strcmp(norm, latest) > 0) {
			latest = norm;
			last = i;
		}
		by[i] = chance(g, 20) ? "Smith, J" : "jdoe";
		tr[i] = statuses[rnd(g, 2)];
		rowids[i] = arena_printf(g->a, "%u", 1000 + rnd(g, 9000000));
	}
	cells[first] = joined(g, values, parts);
	cells[first + 1] = dated ? joined(g, dates, parts) : "";
	cells[first + 2] = authored ? joined(g, by, parts) : "";
	int next = first + 3;
	if (has_status)
		cells[next++] = statused ? joined(g, tr, parts) : "";
	if (strcmp(header[next], "Term Description Rowid") != 0)
		next++; /* Comments */
	cells[next] = joined(g, rowids, parts);
	json_t *o = json_object();
	json_object_set_new(o, "value", json_string(cells[first]));
	if (!dated)
		last = 0;
	json_object_set_new(o, "status", str_or_null(statused ? tr[last] : NULL));
	json_object_set_new(o, "modified_at", str_or_null(dated ? latest : NULL));
	json_object_set_new(o, "modified_by", str_or_null(authored ? by[last] : NULL));
	return o;
}

/* The term-level columns, the same in each of its rows; its expected fields. */
static void term_fields(struct gen *g, const char **cells, json_t *snap)
{
	const char *norm = NULL;
	const char *domain = chance(g, 70) ? id12(g, 100000000012ull, 3) : "";
	cells[col("Domain ID")] = domain;
	cells[col("Term Domain Rowid")] = *domain ? "101103" : "";
	json_object_set_new(snap, "domain", str_or_null(domain));
	const char *lshort = chance(g, 40) ? text(g, false) : "", *lname = chance(g, 40) ? text(g, true) : "";
	cells[col("List Hierarchical Level Short Name")] = lshort;
	cells[col("List Hierarchical Level Name")] = lname;
	json_object_set_new(snap, "level", pair("short", lshort, "name", lname));
	const char *parent = chance(g, 30) ? id12(g, 100000070000ull, 9999) : "";
	cells[col("Parent ID")] = parent;
	cells[col("Parent Term Rowid")] = *parent ? "4242" : "";
	json_object_set_new(snap, "parent", str_or_null(parent));
	const char *status = statuses[rnd(g, 4)];
	cells[col("Term Status")] = status;
	json_object_set_new(snap, "status", json_string(status));
	cells[col("Term Status Modified On")] = chance(g, 80) ? date(g, &norm) : (norm = NULL, "");
	json_object_set_new(snap, "status_changed_at", str_or_null(norm));
	cells[col("Term Status Modified By")] = "ema";
	cells[col("Term Status Rowid")] = "94352";
	const char *current = strcmp(status, "NON_CURRENT") == 0 && chance(g, 50) ? id12(g, 100000080000ull, 999) : "";
	cells[col("Current Term ID")] = current;
	cells[col("Current Term Rowid")] = *current ? "777" : "";
	json_object_set_new(snap, "replaced_by", str_or_null(current));

	/* Mappings: one value per mapping in each of the seven columns. */
	unsigned nmap = rnd(g, 5);
	const char *src[4], *code[4], *name[4], *main_[4], *ver[4], *st[4], *rowid[4];
	json_t *maps = json_array();
	for (unsigned i = 0; i < nmap; i++) {
		src[i] = id12(g, 100000073361ull, 90000);
		code[i] = chance(g, 50) ? arena_printf(g->a, "PHF%u", 1000 + rnd(g, 9000)) : text(g, nmap > 1);
		name[i] = chance(g, 40) ? text(g, true) : "";
		main_[i] = i == nmap - 1 ? "Y" : "N";
		ver[i] = chance(g, 50) ? arena_printf(g->a, "%u", 1 + rnd(g, 3)) : "";
		st[i] = chance(g, 40) ? "CURRENT" : "";
		rowid[i] = arena_printf(g->a, "%u", 90000 + rnd(g, 2000000));
		json_t *m = json_object();
		json_object_set_new(m, "source", json_string(src[i]));
		json_object_set_new(m, "code", str_or_null(code[i]));
		json_object_set_new(m, "name", str_or_null(name[i]));
		json_object_set_new(m, "main", json_boolean(*main_[i] == 'Y'));
		json_object_set_new(m, "version", str_or_null(ver[i]));
		json_object_set_new(m, "status", str_or_null(st[i]));
		json_array_append_new(maps, m);
	}
	cells[col("Mapping Source ID")] = joined(g, src, nmap);
	cells[col("Mapping Source Term ID")] = joined(g, code, nmap);
	cells[col("Source Provided Name")] = joined(g, name, nmap);
	cells[col("Is Main Term Source")] = joined(g, main_, nmap);
	cells[col("Mapping Source Version")] = joined(g, ver, nmap);
	cells[col("Mapping Source Term Status")] = joined(g, st, nmap);
	cells[col("Term Source Mapping Rowid")] = joined(g, rowid, nmap);
	json_object_set_new(snap, "mappings", maps);

	const char *comments = chance(g, 30) ? text(g, true) : "";
	cells[col("Term Comments")] = comments;
	json_object_set_new(snap, "comments", str_or_null(comments));
	unsigned ncountries = rnd(g, 3);
	const char *countries[2] = {"100000000390", "100000000401"}, *crowids[2] = {"560001", "580001"};
	cells[col("Applicable to Country ID")] = joined(g, countries, ncountries);
	cells[col("Country Applicability Rowid")] = joined(g, crowids, ncountries);
	json_t *cs = json_array();
	for (unsigned i = 0; i < ncountries; i++)
		json_array_append_new(cs, json_string(countries[i]));
	json_object_set_new(snap, "countries", cs);

	const char *created_by = chance(g, 30) ? "Smith, J" : "", *modified_by = chance(g, 30) ? "ema" : "";
	cells[col("Term Created On")] = date(g, &norm);
	cells[col("Term Created By")] = created_by;
	json_object_set_new(snap, "created", pair("at", norm, "by", created_by));
	cells[col("Term Modified On")] = date(g, &norm);
	cells[col("Term Modified By")] = modified_by;
	json_object_set_new(snap, "modified", pair("at", norm, "by", modified_by));
	unsigned version = 1 + rnd(g, 60);
	cells[col("Version Number")] = arena_printf(g->a, "%u", version);
	json_object_set_new(snap, "version", json_integer(version));
	cells[col("Version Date")] = chance(g, 50) ? date(g, &norm) : (norm = NULL, "");
	json_object_set_new(snap, "version_date", str_or_null(norm));
	bool major = chance(g, 50);
	cells[col("Is Major Version")] = major ? "Y" : "N";
	json_object_set_new(snap, "major", json_boolean(major));
	const char *vis = chance(g, 90) ? "PUBLIC" : "PRIVATE";
	cells[col("Term Visibility")] = vis;
	json_object_set_new(snap, "visibility", json_string(vis));
	const char *tags = chance(g, 20) ? text(g, false) : "";
	cells[col("User Defined Tags")] = tags;
	json_object_set_new(snap, "tags", str_or_null(tags));
	json_t *attrs = json_array();
	unsigned nattr = rnd(g, 4);
	for (unsigned i = 0; i < nattr; i++) {
		int c = col("Attribute 1") + 3 * (int)i;
		const char *value = chance(g, 60) ? id12(g, 100000073857ull, 500) : text(g, true);
		cells[c] = i % 2 ? "STATE_OF_MATTER" : "PHARMACEUTICAL_DOSE_FORM";
		cells[c + 1] = value;
		cells[c + 2] = arena_printf(g->a, "%u", 121680 + i);
		json_t *o = json_object();
		json_object_set_new(o, "name", json_string(cells[c]));
		json_object_set_new(o, "value", json_string(value));
		json_array_append_new(attrs, o);
	}
	json_object_set_new(snap, "attributes", attrs);
}

/* A value of a typed column that cannot be read, and its column. */
static void spoil(struct gen *g, const char **cells)
{
	static const struct {
		const char *column, *value;
	} bad[] = {
		{"Version Date", "soon"},	   {"Term Status", "RETIRED"},	{"Term Visibility", "HIDDEN"},
		{"Is Major Version", "maybe"}, {"Version Number", "v2"},	{"Domain ID", "12345"},
		{"Term Status Modified On", "31/02/2020 25:61:00"},
	};
	size_t i = rnd(g, sizeof bad / sizeof bad[0]);
	cells[col(bad[i].column)] = bad[i].value;
	g->unreadable++;
}

static void put_field(struct gen *g, struct buf *out, const char *v)
{
	/* A comma in a value is written unquoted most of the time: the quirk. */
	if (strchr(v, ',') && chance(g, 80))
		buf_puts(out, v);
	else if (*v && chance(g, 50))
		buf_printf(out, "\"%s\"", v);
	else
		buf_puts(out, v);
}

static void put_row(struct gen *g, struct buf *out, const char **cells, const char *eol)
{
	int last = NCOLS - 1;
	while (last > 0 && !*cells[last])
		last--;
	/* Trailing empty columns are mostly left out. */
	int n = chance(g, 80) ? last + 1 + (int)rnd(g, (unsigned)(NCOLS - last)) : NCOLS;
	for (int c = 0; c < n; c++) {
		if (c)
			buf_putc(out, ',');
		put_field(g, out, cells[c]);
	}
	buf_puts(out, eol);
}

void ema_export_make(struct ema_export *e, const char *list_id, unsigned long long first_id, size_t nterms,
		     unsigned long long seed)
{
	struct gen g = {.s = seed * 0x9e3779b97f4a7c15ull + 1, .a = arena_new()};
	struct buf out;
	buf_init(&out, g.a);
	const char *eol = chance(&g, 50) ? "\r\n" : "\n";
	buf_puts(&out, "\xef\xbb\xbf");
	for (int c = 0; c < NCOLS; c++)
		buf_printf(&out, "%s%s", c ? "," : "", header[c]);
	buf_puts(&out, eol);
	memset(e, 0, sizeof *e);
	e->expected = json_object();
	for (size_t t = 0; t < nterms; t++) {
		const char *id = arena_printf(g.a, "%012llu", first_id + t);
		const char *term[NCOLS];
		for (int c = 0; c < NCOLS; c++)
			term[c] = "";
		json_t *snap = json_object();
		json_object_set_new(snap, "id", json_string(id));
		json_object_set_new(snap, "list", json_string(list_id));
		term_fields(&g, term, snap);
		json_t *texts = json_object();
		json_object_set_new(snap, "texts", texts);
		/* English and up to four more languages, in any order. */
		const char *row_langs[5] = {"en"};
		unsigned nl = 1 + rnd(&g, 5), start = rnd(&g, sizeof langs / sizeof langs[0]);
		for (unsigned i = 1; i < nl; i++)
			row_langs[i] = langs[(start + i) % (sizeof langs / sizeof langs[0])];
		unsigned spoilt = nl > 1 && chance(&g, 25) ? rnd(&g, nl) : nl;
		for (unsigned k = 0, first = rnd(&g, nl); k < nl; k++) {
			unsigned li = (first + k) % nl;
			const char *cells[NCOLS];
			memcpy(cells, term, sizeof cells);
			cells[col("List ID")] = list_id;
			cells[col("Term ID")] = id;
			cells[col("Term Rowid")] = "102352";
			cells[col("Language")] = row_langs[li];
			json_t *l = json_object();
			json_object_set_new(l, "name", text_group(&g, cells, "Term Name", 1, true));
			if (chance(&g, 40))
				json_object_set_new(l, "short", text_group(&g, cells, "Short Name", 1 + rnd(&g, 3), true));
			if (chance(&g, 30))
				json_object_set_new(l, "other", text_group(&g, cells, "Other Name", 1 + rnd(&g, 3), true));
			if (chance(&g, 40))
				json_object_set_new(l, "description", text_group(&g, cells, "Term Description", 1, true));
			if (chance(&g, 5))
				json_object_set_new(l, "symbol", text_group(&g, cells, "Term Symbol", 1, false));
			json_object_set_new(texts, row_langs[li], l);
			/* A term-level value one row spoils, the others give. */
			if (li == spoilt)
				spoil(&g, cells);
			put_row(&g, &out, cells, eol);
			e->rows++;
		}
		json_object_set_new(e->expected, id, snap);
	}
	e->len = out.len;
	e->csv = xmalloc(out.len + 1);
	memcpy(e->csv, out.data, out.len);
	e->csv[out.len] = '\0';
	e->unreadable = g.unreadable;
	arena_free(g.a);
}

void ema_export_free(struct ema_export *e)
{
	free(e->csv);
	json_decref(e->expected);
	memset(e, 0, sizeof *e);
}

static void say(char *why, size_t size, const char *key, const json_t *want, const json_t *got)
{
	char *w = json_dumps(want, JSON_ENCODE_ANY | JSON_COMPACT), *g = json_dumps(got, JSON_ENCODE_ANY | JSON_COMPACT);
	snprintf(why, size, "%s: expected %.300s, got %.300s", key, w ? w : "(none)", g ? g : "(none)");
	free(w);
	free(g);
}

bool ema_export_same(const json_t *expected, const json_t *got, char *why, size_t size)
{
	const char *key;
	json_t *v;
	json_object_foreach((json_t *)expected, key, v)
	{
		json_t *g = json_object_get(got, key);
		if (strcmp(key, "texts") == 0 && json_is_object(g)) {
			const char *lang;
			json_t *l;
			json_object_foreach(v, lang, l)
			{
				if (!json_equal(l, json_object_get(g, lang))) {
					say(why, size, lang, l, json_object_get(g, lang));
					return false;
				}
			}
		}
		if (!json_equal(v, g)) {
			say(why, size, key, v, g);
			return false;
		}
	}
	json_object_foreach((json_t *)got, key, v) if (!json_object_get(expected, key))
	{
		say(why, size, key, NULL, v);
		return false;
	}
	return true;
}

/* What the reader handed over. */
struct read_back {
	struct rms_term_in *recs;
	size_t n, cap;
	unsigned long rejects, drops;
	char first_reject[512], first_drop[512];
};

static int on_term(void *ctx, const struct rms_term_in *t)
{
	struct read_back *g = ctx;
	if (g->n == g->cap) {
		g->cap = g->cap ? 2 * g->cap : 64;
		g->recs = xrealloc(g->recs, g->cap * sizeof *g->recs);
	}
	g->recs[g->n++] = *t;
	return 0;
}

static void on_reject(void *ctx, unsigned long line, const char *why)
{
	struct read_back *g = ctx;
	if (!g->rejects++)
		snprintf(g->first_reject, sizeof g->first_reject, "line %lu: %s", line, why);
}

static void on_drop(void *ctx, unsigned long line, const char *column, const char *why)
{
	struct read_back *g = ctx;
	if (!g->drops++)
		snprintf(g->first_drop, sizeof g->first_drop, "line %lu, %s: %s", line, column, why);
}

/* The records of term `id` merged as an import merges them (NULL when none). */
static json_t *merged(const struct read_back *g, const char *id, const json_t *base)
{
	const struct rms_term_in *recs[8];
	size_t n = 0;
	for (size_t i = 0; i < g->n && n < 8; i++)
		if (strcmp(g->recs[i].id, id) == 0)
			recs[n++] = &g->recs[i];
	return n ? rms_snapshot_merge(base, recs, n) : NULL;
}

bool ema_export_reads_back(const struct ema_export *e, bool every_drop, char *why, size_t size)
{
	struct arena *a = arena_new();
	struct read_back g = {0};
	struct rms_sink sink = {.ctx = &g, .term = on_term, .reject = on_reject, .drop = on_drop};
	struct rms_csv_stats st;
	char err[512];
	bool good = false;
	if (rms_csv_read(a, e->csv, e->len, &sink, &st, err, sizeof err) != 0)
		snprintf(why, size, "not read: %s", err);
	else if (g.rejects || g.n != e->rows)
		snprintf(why, size, "%zu of %zu rows read, %lu rejected (%s)", g.n, e->rows, g.rejects, g.first_reject);
	/* Never a good value dropped.  A spoilt one may go unreported where
	 * commas leave two placements alike and the reader's puts it in a
	 * column it does not read (a spoilt Domain ID of digits under Term
	 * Domain Rowid): nothing of it is stored, and the snapshots compared
	 * below show the term whole, its fields given by its other rows. */
	else if (g.drops > e->unreadable || (every_drop && g.drops != e->unreadable))
		snprintf(why, size, "%lu values reported unreadable, %zu written so (%s)", g.drops, e->unreadable,
			 g.first_drop);
	else
		good = true;
	const char *id;
	json_t *want;
	json_object_foreach(e->expected, id, want)
	{
		if (!good)
			break;
		json_t *snap = merged(&g, id, NULL), *again = snap ? merged(&g, id, snap) : NULL;
		char what[1200];
		if (!snap)
			snprintf(why, size, "term %s lost", id);
		else if (!ema_export_same(want, snap, what, sizeof what))
			snprintf(why, size, "term %s: %s", id, what);
		else if (!json_equal(snap, again))
			snprintf(why, size, "term %s changes when read again", id);
		good = snap && again && json_equal(snap, again) && ema_export_same(want, snap, what, sizeof what);
		json_decref(snap);
		json_decref(again);
	}
	free(g.recs);
	arena_free(a);
	return good;
}
