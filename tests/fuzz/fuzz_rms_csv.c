/* libFuzzer target: the EMA list export reader (rms_csv_read).  Checks each
 * row read against what the reader promises (12-digit IDs, a language code
 * and a status or none, clean UTF-8 texts, normalised dates, 12-digit
 * countries, at most 10 attributes, a line inside the file, a value with a
 * NUL byte, which C strings would silently cut, dropped and reported), that
 * no row is lost but one without a Term ID, and that a row written back by
 * the exporter (rms_csv_write) reads back to the same term.  And, the input
 * taken as the choices of a generated EMA export (tests/ema_export.c), that
 * every term of it comes back with every readable value. */
#include "config.h"

#include <jansson.h>
#include <stdbool.h>

#include "fuzz.h"
#include "../ema_export.h"
#include "core/http_parse.h"
#include "core/mem.h"
#include "rms/rms_csv.h"
#include "rms/rms_snapshot.h"
#include "rms/rms_term_view.h"

struct seen {
	struct arena *a;
	const uint8_t *data;
	size_t size;
	unsigned long lines, terms, rejects, broken, drop_line;
	json_t *snap; /* of the last term read back, in the round trip */
};

static void check_string(const char *s, const char *what)
{
	if (s)
		fuzz_assert(text_is_clean(s, strlen(s)), "%s is not clean UTF-8", what);
}

/* "yyyy-MM-dd HH:mm:ss" or absent. */
static void check_date(const char *s, const char *what)
{
	if (!s)
		return;
	fuzz_assert(strlen(s) == 19 && s[4] == '-' && s[7] == '-' && s[10] == ' ' && s[13] == ':' && s[16] == ':',
		    "%s is not a normalised date: %s", what, s);
}

/* Whether line `n` (from 1) of the input holds a NUL byte.  A lone CR
 * also ends a row: on such a line, whose row holds what is unknown. */
static bool line_has_nul(const struct seen *g, unsigned long n)
{
	const uint8_t *p = g->data, *end = g->data + g->size;
	for (unsigned long i = 1; i < n && p < end; i++) {
		const uint8_t *nl = memchr(p, '\n', (size_t)(end - p));
		p = nl ? nl + 1 : end;
	}
	const uint8_t *nl = memchr(p, '\n', (size_t)(end - p)), *eol = nl ? nl : end;
	for (const uint8_t *cr = p; (cr = memchr(cr, '\r', (size_t)(eol - cr))) != NULL; cr++)
		if (cr + 1 < eol)
			return false;
	return memchr(p, '\0', (size_t)(eol - p)) != NULL;
}

static void check_term(const struct seen *g, const struct rms_term_in *t)
{
	fuzz_assert((!t->list_id || rms_is_id(t->list_id)) && rms_is_id(t->id), "a term with a bad list or term ID");
	fuzz_assert(!t->lang || rms_is_lang(t->lang), "a term with a bad language");
	fuzz_assert(t->has_fields && (!t->status || rms_is_status(t->status)), "a term with a bad status");
	fuzz_assert(t->line >= 1 && t->line <= g->lines, "line %lu of a file of %lu", t->line, g->lines);
	fuzz_assert(!line_has_nul(g, t->line) || g->drop_line == t->line,
		    "the row on line %lu holds a NUL byte and no value of it is dropped", t->line);
	for (int k = 0; k < RMS_KINDS; k++) {
		check_string(t->text[k].value, rms_kind_names[k]);
		check_string(t->text[k].modified_by, "a text's author");
		check_date(t->text[k].modified_at, "a text's date");
	}
	const char *const strings[] = {t->comments, t->user_tags, t->level_name, t->level_short, t->created_by,
				       t->modified_by, t->version};
	for (size_t i = 0; i < sizeof strings / sizeof strings[0]; i++)
		check_string(strings[i], "a term field");
	const char *const ids[] = {t->domain_id, t->parent_id, t->current_id};
	for (size_t i = 0; i < 3; i++)
		fuzz_assert(!ids[i] || rms_is_id(ids[i]), "a bad domain, parent or current ID");
	const char *const dates[] = {t->status_changed_at, t->version_date, t->created_at, t->modified_at};
	for (size_t i = 0; i < 4; i++)
		check_date(dates[i], "a term date");
	for (size_t i = 0; i < t->ncountries; i++)
		fuzz_assert(rms_is_id(t->countries[i]), "a country that is not 12 digits");
	for (size_t i = 0; i < t->nmappings; i++)
		fuzz_assert(!t->mappings[i].source_id || rms_is_id(t->mappings[i].source_id), "a bad mapping source");
	fuzz_assert(t->nattributes <= 10, "%zu attributes", t->nattributes);
}

static int on_reread(void *ctx, const struct rms_term_in *t)
{
	struct seen *g = ctx;
	fuzz_assert(!g->snap, "one row written, several read back");
	g->snap = rms_snapshot_merge(NULL, &t, 1);
	return 0;
}

static void on_reread_drop(void *ctx, unsigned long line, const char *column, const char *why)
{
	(void)ctx;
	fuzz_assert(0, "the exporter wrote a value the reader drops (line %lu, %s: %s)", line, column, why);
}

static void on_reread_reject(void *ctx, unsigned long line, const char *why)
{
	(void)ctx;
	fuzz_assert(0, "the exporter wrote a row the reader rejects (line %lu: %s)", line, why);
}

/* The term as the exporter writes it reads back to the same snapshot. */
static void check_round_trip(struct arena *a, const struct rms_term_in *t)
{
	/* The exporter writes the languages that have a name, or one row
	 * without a language for a term without one; other texts of a
	 * language without a name are not written. */
	bool named = t->lang && t->text[RMS_NAME].value && *t->text[RMS_NAME].value;
	if (!named && t->lang)
		return;
	json_t *snap = rms_snapshot_merge(NULL, &t, 1);
	struct buf out;
	buf_init(&out, a);
	for (size_t i = 0; i < rms_csv_ncolumns; i++) {
		char *cell = arena_printf(a, "\"%s\"", rms_csv_column(i));
		buf_puts(&out, i ? "," : "");
		buf_puts(&out, cell);
	}
	buf_puts(&out, "\r\n");
	/* As it is stored, and read back as the export reads it. */
	char *stored = json_dumps(snap, JSON_COMPACT | JSON_SORT_KEYS);
	struct rms_term_view term;
	fuzz_assert(stored && rms_term_view_read(a, stored, &term) == 0, "a snapshot reads not: %s", stored);
	free(stored);
	fuzz_assert(rms_csv_write(a, &out, &term, NULL) == 1, "the exporter wrote no row or several");
	struct seen back = {.a = a};
	struct rms_sink sink = {.ctx = &back, .term = on_reread, .reject = on_reread_reject, .drop = on_reread_drop};
	struct rms_csv_stats st;
	char err[512];
	fuzz_assert(rms_csv_read(a, out.data, out.len, &sink, &st, err, sizeof err) == 0, "the export reads not: %s",
		    err);
	fuzz_assert(back.snap && json_equal(back.snap, snap), "the term changes through export and import: %s",
		    buf_str(&out));
	json_decref(back.snap);
	json_decref(snap);
}

static int on_term(void *ctx, const struct rms_term_in *t)
{
	struct seen *g = ctx;
	g->terms++;
	check_term(g, t);
	check_round_trip(g->a, t);
	return 0;
}

static void on_reject(void *ctx, unsigned long line, const char *why)
{
	struct seen *g = ctx;
	fuzz_assert(line >= 1 && line <= g->lines, "a rejection on line %lu of a file of %lu", line, g->lines);
	fuzz_assert(why && *why, "a rejection without a reason");
	if (strncmp(why, "a quote opens", 13) == 0) {
		g->broken++;
	} else {
		/* No row is lost but one that belongs to no term. */
		fuzz_assert(strncmp(why, "Term ID", 7) == 0, "line %lu rejected for another reason than its Term ID: %s",
			    line, why);
		g->rejects++;
	}
}

static void on_drop(void *ctx, unsigned long line, const char *column, const char *why)
{
	struct seen *g = ctx;
	fuzz_assert(line >= 1 && line <= g->lines, "a value dropped on line %lu of a file of %lu", line, g->lines);
	fuzz_assert(column && *column && why && *why, "a value dropped without its column or reason");
	g->drop_line = line;
}

/* The input as the choices of a generated export: every term comes back. */
static void check_generated(const uint8_t *data, size_t size)
{
	unsigned long long seed = 1469598103934665603ull; /* FNV-1a of the input */
	for (size_t i = 0; i < size; i++)
		seed = (seed ^ data[i]) * 1099511628211ull;
	struct ema_export e;
	ema_export_make(&e, "900000000060", 900000060000ull, 1 + size % 6, seed);
	char why[2048];
	fuzz_assert(ema_export_reads_back(&e, false, why, sizeof why), "generated export (seed %llu): %s\n%s", seed, why, e.csv);
	ema_export_free(&e);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *s = fuzz_copy(data, size);
	struct arena *a = arena_new();
	struct seen g = {.a = a, .data = data, .size = size, .lines = 1};
	for (size_t i = 0; i + 1 < size; i++)
		g.lines += data[i] == '\n';
	struct rms_sink sink = {.ctx = &g, .term = on_term, .reject = on_reject, .drop = on_drop};
	struct rms_csv_stats st;
	char err[512];
	if (rms_csv_read(a, s, size, &sink, &st, err, sizeof err) == 0) {
		fuzz_assert(st.rows == g.terms + g.rejects, "%lu rows, %lu accepted, %lu rejected", st.rows, g.terms,
			    g.rejects);
		fuzz_assert(st.rejected == g.rejects + g.broken && g.broken <= 1, "rejections miscounted");
		fuzz_assert(st.repaired <= g.terms, "more rows repaired than accepted");
	} else {
		fuzz_assert(*err, "a refused file without a message");
	}
	arena_free(a);
	free(s);
	check_generated(data, size);
	return 0;
}
