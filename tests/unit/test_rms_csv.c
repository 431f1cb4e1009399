/* Unit tests of the EMA list export reader: a hostile fixture (BOM, short
 * rows, a shifted row, bad IDs, statuses, dates, languages, invalid UTF-8, a
 * multi-line field, markup: each unreadable value dropped and named, its row
 * kept), rows with the EMA's quirks together (several dates and row IDs per
 * value, a comma inside a multi-valued value, short rows, any language),
 * CRLF files, a file that is no export, and the real exports in
 * ../shared/data/rms when they are there. */
#include "config.h"

#include <dirent.h>
#include <stdlib.h>

#include "../tap.h"
#include "core/file.h"
#include "core/mem.h"
#include "rms/rms_csv.h"

enum { MAX = 4096 };

struct got {
	struct rms_term_in recs[MAX];
	size_t n;
	unsigned long reject_line[MAX];
	const char *reject_why[MAX];
	size_t nrejects;
	unsigned long drop_line[MAX];
	const char *drop_what[MAX]; /* "column: reason" */
	size_t ndrops;
	struct arena *a;
};

static int on_term(void *ctx, const struct rms_term_in *t)
{
	struct got *g = ctx;
	if (g->n < MAX)
		g->recs[g->n++] = *t;
	return 0;
}

static void on_reject(void *ctx, unsigned long line, const char *why)
{
	struct got *g = ctx;
	if (g->nrejects < MAX) {
		g->reject_line[g->nrejects] = line;
		g->reject_why[g->nrejects++] = arena_strdup(g->a, why);
	}
}

static void on_drop(void *ctx, unsigned long line, const char *column, const char *why)
{
	struct got *g = ctx;
	if (g->ndrops < MAX) {
		g->drop_line[g->ndrops] = line;
		g->drop_what[g->ndrops++] = arena_printf(g->a, "%s: %s", column, why);
	}
}

static int read_file(struct got *g, const char *path, struct rms_csv_stats *st, char *err)
{
	memset(g, 0, sizeof *g);
	g->a = arena_new();
	size_t len;
	char *data = file_read(path, &len);
	if (!data) {
		snprintf(err, 512, "cannot read %s", path);
		return -2;
	}
	struct rms_sink sink = {.ctx = g, .term = on_term, .reject = on_reject, .drop = on_drop};
	int rc = rms_csv_read(g->a, data, len, &sink, st, err, 512);
	free(data);
	return rc;
}

/* Read a CSV text into g (in a new arena of g's). */
static int read_text(struct got *g, const char *csv, size_t len)
{
	g->a = arena_new();
	struct rms_sink sink = {.ctx = g, .term = on_term, .reject = on_reject, .drop = on_drop};
	struct rms_csv_stats st;
	char err[512];
	return rms_csv_read(g->a, csv, len, &sink, &st, err, sizeof err);
}

static const struct rms_term_in *find(const struct got *g, const char *id, const char *lang)
{
	for (size_t i = 0; i < g->n; i++)
		if (strcmp(g->recs[i].id, id) == 0 && strcmp(g->recs[i].lang, lang) == 0)
			return &g->recs[i];
	return NULL;
}

static const char *drop_at(const struct got *g, unsigned long line)
{
	for (size_t i = 0; i < g->ndrops; i++)
		if (g->drop_line[i] == line)
			return g->drop_what[i];
	return NULL;
}

static const char *reject_at(const struct got *g, unsigned long line)
{
	for (size_t i = 0; i < g->nrejects; i++)
		if (g->reject_line[i] == line)
			return g->reject_why[i];
	return NULL;
}

static void test_hostile(const char *fixtures)
{
	char path[8192], err[512];
	struct got *g = calloc(1, sizeof *g);
	struct rms_csv_stats st;
	snprintf(path, sizeof path, "%s/hostile.csv", fixtures);
	is_int(read_file(g, path, &st, err), 0, "the hostile fixture reads");
	is_int((long long)st.rows, 12, "12 rows (blank lines skipped)");
	is_int((long long)g->n, 11, "11 rows kept: every row with a Term ID");
	is_int((long long)st.rejected, 1, "1 row rejected: the one without a Term ID");
	is_int((long long)st.dropped, 4, "4 unreadable values dropped");

	const struct rms_term_in *t = find(g, "900000000101", "en");
	if (ok(t != NULL, "a full row")) {
		is_str(t->text[RMS_NAME].value, "Tablet", "name");
		is_str(t->text[RMS_SHORT].value, "Tab", "short name");
		is_str(t->text[RMS_NAME].modified_at, "2018-02-05 06:13:00", "dd/MM/yyyy date normalised");
		is_str(t->status_changed_at, "2018-02-16 13:37:28", "ISO date with milliseconds normalised");
		is_int((long long)t->ncountries, 2, "two countries from a ¦-joined field");
		ok(t->ncountries == 2 && strcmp(t->countries[1], "100000000391") == 0, "second country");
		ok(t->nmappings == 1 && strcmp(t->mappings[0].code, "10219000") == 0 &&
			   strcmp(t->mappings[0].is_main, "Y") == 0,
		   "one mapping with its source term ID");
		ok(t->nattributes == 1 && strcmp(t->attributes[0].name, "STATE_OF_MATTER") == 0 &&
			   strcmp(t->attributes[0].value, "200000002021") == 0,
		   "an attribute and its value");
		is_str(t->version, "3", "version number");
		is_int(t->line, 2, "the row knows its line");
	}
	t = find(g, "900000000101", "fr");
	if (ok(t != NULL, "a row shorter than the header")) {
		is_str(t->text[RMS_NAME].value, "Comprimé", "accented name");
		is_str(t->text[RMS_SHORT].value, "", "an empty short name is stated empty");
		is_str(t->visibility, NULL, "missing trailing columns are absent");
		is_int((long long)t->nattributes, 0, "no attributes in a short row");
	}
	t = find(g, "900000000102", "en");
	if (ok(t != NULL, "the shifted row is repaired")) {
		ok(t->nmappings == 2 && strcmp(t->mappings[0].code, "Powder and solvent for oral solution, suspension") == 0,
		   "the split mapping value is joined again with its comma");
		ok(t->nmappings == 2 && strcmp(t->mappings[1].code, "13086000") == 0 &&
			   strcmp(t->mappings[1].is_main, "Y") == 0,
		   "the columns after it are back in place");
		is_str(t->parent_id, "900000000101", "parent");
		is_str(t->current_id, "900000000101", "replacement");
		is_str(t->status, "NON_CURRENT", "status");
		is_str(t->text[RMS_NAME].value, "Powder, and solvent", "a quoted comma stays in its field");
	}
	t = find(g, "900000000104", "en");
	if (ok(t != NULL, "a row with markup and a multi-line field")) {
		is_str(t->text[RMS_NAME].value, "<script>alert('x')</script> \"quoted\"", "markup and quotes kept as text");
		is_str(t->text[RMS_DESCRIPTION].value, "Line one\nline two, with a comma", "multi-line description");
		is_str(t->created_at, "2021-12-31 23:59:59", "created");
		is_str(t->visibility, "PRIVATE", "visibility");
	}
	ok(find(g, "900000000106", "el-CY") != NULL, "a language with a region");

	const char *why = reject_at(g, 6);
	ok(why && strstr(why, "Term ID"), "line 6 rejected, naming its Term ID (%s)", why ? why : "not rejected");
	const struct {
		unsigned long line;
		const char *id, *lang, *says;
	} drops[] = {
		{5, "900000000103", "en", "Term Status: is not"},
		{10, "900000000105", "de", "Term Name Modified On: is not a date"},
		{12, "900000000107", NULL, "Language: is not a language code"},
		{15, "900000000110", "en", "Term Name: is not valid UTF-8"},
	};
	for (size_t i = 0; i < sizeof drops / sizeof drops[0]; i++) {
		const char *what = drop_at(g, drops[i].line);
		if (!ok(what && strstr(what, drops[i].says), "line %lu keeps its row, drops its %s", drops[i].line,
			drops[i].says))
			diag("dropped: %s", what ? what : "(nothing)");
	}
	t = find(g, "900000000103", "en");
	ok(t && !t->status && (t->dropped & RMS_DROPPED(RMS_F_STATUS)) && strcmp(t->text[RMS_NAME].value, "Bad status") == 0,
	   "an unreadable status is dropped and marked, the name kept");
	t = find(g, "900000000105", "de");
	ok(t && strcmp(t->text[RMS_NAME].value, "Bad date") == 0 && !t->text[RMS_NAME].modified_at,
	   "an unreadable date is dropped, its text kept");
	t = find(g, "900000000110", "en");
	ok(t && !t->text[RMS_NAME].value && strcmp(t->status, "CURRENT") == 0,
	   "a name that is not UTF-8 is dropped (the row says nothing of it), the rest kept");
	bool lang_dropped = false;
	for (size_t i = 0; i < g->n; i++)
		lang_dropped |= strcmp(g->recs[i].id, "900000000107") == 0 && !g->recs[i].lang;
	ok(lang_dropped, "a row whose language is unreadable keeps its term-level fields, without texts");
	t = find(g, "900000000108", "en");
	ok(t && strcmp(t->text[RMS_NAME].value, "") == 0, "an empty name keeps its row");
	t = find(g, "900000000109", "en");
	ok(t && strcmp(t->visibility, "PUBLIC") == 0, "a row with more fields than columns keeps its term");
	arena_free(g->a);
	free(g);
}

static void test_other_files(const char *fixtures)
{
	char path[8192], err[512];
	struct got *g = calloc(1, sizeof *g);
	struct rms_csv_stats st;
	snprintf(path, sizeof path, "%s/crlf.csv", fixtures);
	is_int(read_file(g, path, &st, err), 0, "a CRLF file without a final newline reads");
	ok(g->n == 2 && strcmp(g->recs[0].text[RMS_NAME].value, "Capsule") == 0 &&
		   strcmp(g->recs[1].text[RMS_NAME].value, "Cream") == 0 && strcmp(g->recs[1].visibility, "PUBLIC") == 0,
	   "CRLF rows, no carriage return left in values");
	arena_free(g->a);

	snprintf(path, sizeof path, "%s/no-header.csv", fixtures);
	ok(read_file(g, path, &st, err) == -1 && strstr(err, "List ID"), "a file that is no export is refused, naming what is missing");
	arena_free(g->a);

	struct arena *a = arena_new();
	struct rms_sink sink = {.ctx = g, .term = on_term, .reject = on_reject, .drop = on_drop};
	ok(rms_csv_read(a, "", 0, &sink, &st, err, sizeof err) == -1 && strstr(err, "empty"), "an empty file is refused");
	ok(rms_csv_read(a, "\xef\xbb\xbf\n\n", 5, &sink, &st, err, sizeof err) == -1, "a BOM and blank lines are refused");

	/* Found by script/fuzz (rms_csv): a NUL byte cut a value unseen ("Caps"). */
	static const char nul[] = "List ID,Term ID,Language,Term Name,Term Status\n"
				  "900000000005,900000000201,en,Caps\0ule,CURRENT\n"
				  "900000000005,900000000202,en,Cream,CURRENT\n";
	memset(g, 0, sizeof *g);
	g->a = a;
	ok(rms_csv_read(a, nul, sizeof nul - 1, &sink, &st, err, sizeof err) == 0 && g->n == 2 && g->nrejects == 0 &&
		   g->ndrops == 1 && g->drop_line[0] == 2 && strstr(g->drop_what[0], "Term Name: holds a NUL") &&
		   !g->recs[0].text[RMS_NAME].value,
	   "a value with a NUL byte is dropped, naming it, its row kept; the next row reads");

	/* Found by script/fuzz (rms_csv): after a row ended by a lone CR, a quote
	 * that never closes was said to open on the line after the last. */
	static const char cr[] = "List ID,Term ID,Language,Term Name,Term Status\n"
				 "900000000005,900000000201,en,Capsule,CURRENT\r\"900000000005,9";
	memset(g, 0, sizeof *g);
	g->a = a;
	ok(rms_csv_read(a, cr, sizeof cr - 1, &sink, &st, err, sizeof err) == 0 && g->n == 1 && g->nrejects == 1 &&
		   g->reject_line[0] == 2 && strstr(g->reject_why[0], "lines 2 to 2"),
	   "a quote opening after a lone CR is reported on its own line");
	arena_free(a);
	free(g);
}

/* The quirks of the EMA's files that used to cost whole rows, together in
 * rows of other languages than English: several dates and row IDs in a
 * multi-valued text's columns, an unquoted comma inside one value of a
 * multi-valued mapping column and inside a comment, a row that stops early. */
static void test_quirks(void)
{
	static const char csv[] =
		"List ID,Term ID,Term Rowid,Language,Term Name,Term Name Modified On,Term Name Rowid,Other Name,"
		"Other Name Modified On,Other Name Rowid,Term Status,Mapping Source ID,Mapping Source Term ID,"
		"Source Provided Name,Is Main Term Source,Term Source Mapping Rowid,Term Comments,Version Number,"
		"Term Visibility\r\n"
		"900000000005,900000000501,7,fr,\"Comprimé\",10/05/2021 09:06:44,11,Autre¦Deuxième,"
		"30/06/2022 09:19:36¦2022-03-10T13:31:29Z,12¦13,CURRENT,100000075665¦100000073361,PHF1¦10219000,"
		"¦Something, for something,N¦Y,141913¦94337,A comment, with a comma,3\r\n"
		"900000000005,900000000501,8,el,\"Δισκίο\",,14,,,,CURRENT,100000075665¦100000073361,PHF1¦10219000,"
		"¦Something, for something,N¦Y,141913¦94337\r\n";
	struct got *g = calloc(1, sizeof *g);
	ok(read_text(g, csv, sizeof csv - 1) == 0 && g->n == 2 && !g->nrejects && !g->ndrops,
	   "both rows read, nothing rejected or dropped");
	const struct rms_term_in *t = find(g, "900000000501", "fr");
	if (ok(t != NULL, "the French row")) {
		is_str(t->text[RMS_OTHER].value, "Autre¦Deuxième", "a text of two values");
		is_str(t->text[RMS_OTHER].modified_at, "2022-06-30 09:19:36", "its date: the later of its two");
		ok(t->nmappings == 2 && !t->mappings[0].name && strcmp(t->mappings[1].name, "Something, for something") == 0,
		   "the comma inside the second mapping's name is put back");
		ok(t->nmappings == 2 && strcmp(t->mappings[1].code, "10219000") == 0 &&
			   strcmp(t->mappings[1].is_main, "Y") == 0,
		   "the mapping columns after it are in place");
		is_str(t->comments, "A comment, with a comma", "a second comma in the same row, in a comment");
		is_str(t->version, "3", "the columns after both are in place");
		is_str(t->visibility, NULL, "a column the row left out is absent");
	}
	t = find(g, "900000000501", "el");
	ok(t && t->nmappings == 2 && strcmp(t->mappings[1].name, "Something, for something") == 0 &&
		   strcmp(t->status, "CURRENT") == 0,
	   "a Greek row that stops after the mappings, its comma put back too");
	arena_free(g->a);
	free(g);
}

/* Found by script/fuzz (rms_csv): a quoted value that begins with a space
 * was joined to the value before it as the second half of a split comma,
 * though quotes say where a value begins and ends; an unquoted one still is. */
static void test_quoted(void)
{
	static const char csv[] =
		"List ID,Term ID,Language,Term Name,Term Status,List Hierarchical Level Short Name,"
		"List Hierarchical Level Name\r\n"
		"900000000005,900000000601,en,\"Tablet\",CURRENT,\"Dose\",\" form\"\r\n"
		"900000000005,900000000602,en,\"Capsule\",CURRENT,Dose, form\r\n";
	static struct got g;
	is_int(read_text(&g, csv, sizeof csv - 1), 0, "read");
	const struct rms_term_in *quoted = find(&g, "900000000601", "en"), *bare = find(&g, "900000000602", "en");
	ok(quoted && strcmp(quoted->level_short, "Dose") == 0 && strcmp(quoted->level_name, " form") == 0,
	   "two quoted values stay apart, the leading space kept");
	ok(bare && strcmp(bare->level_short, "Dose, form") == 0 && !bare->level_name && !g.ndrops,
	   "an unquoted value that begins with a space is still the rest of the one before");
	arena_free(g.a);
}

/* Found by script/fuzz (rms_csv): a spoilt Domain ID made it cheaper to
 * join an author to the status after it and move every field between one
 * column left, the spoilt value into a row ID's column, than to put back
 * the decimal comma of a level's name: the status was lost and the name
 * cut in two. */
static void test_spoilt_hidden(void)
{
	static const char csv[] =
		"List ID,Term ID,Language,Term Name,Term Name Modified On,Term Name Modified By,"
		"Term Name Translation Status,Term Name Comments,Term Name Rowid,Term Symbol Rowid,Domain ID,"
		"List Hierarchical Level Short Name,List Hierarchical Level Name,Term Status\r\n"
		"900000000005,900000000701,en,Tablet,2023-01-20T13:38:38Z,jdoe,CURRENT,,4296912,,12345,,5,7 oral form,"
		"NON_CURRENT\r\n";
	static struct got g;
	is_int(read_text(&g, csv, sizeof csv - 1), 0, "read");
	const struct rms_term_in *t = find(&g, "900000000701", "en");
	ok(t && strcmp(t->text[RMS_NAME].modified_by, "jdoe") == 0 && strcmp(t->text[RMS_NAME].status, "CURRENT") == 0 &&
		   !t->level_short && strcmp(t->level_name, "5,7 oral form") == 0,
	   "the author and the status stay apart, the level's name whole");
	ok(g.ndrops == 1 && strstr(g.drop_what[0], "Domain ID"), "the spoilt Domain ID is dropped and named (%s)",
	   g.ndrops ? g.drop_what[0] : "nothing dropped");
	arena_free(g.a);
}

/* The real exports: every row read, none rejected, the terms and languages each holds. */
static void test_real(const char *dir)
{
	const struct {
		const char *file;
		size_t rows, terms, langs;
	} real[] = {
		{"200000000006.csv", 2128, 90, 35}, {"200000000007.csv", 2014, 84, 34}, {"200000000008.csv", 399, 17, 28},
		{"200000000009.csv", 116, 52, 4},   {"200000000014.csv", 1463, 96, 27},
	};
	struct got *g = calloc(1, sizeof *g);
	for (size_t i = 0; i < sizeof real / sizeof real[0]; i++) {
		char path[8192], err[512];
		struct rms_csv_stats st;
		snprintf(path, sizeof path, "%s/%s", dir, real[i].file);
		int rc = read_file(g, path, &st, err);
		size_t terms = 0, langs = 0;
		const char *seen_terms[MAX], *seen_langs[64];
		for (size_t k = 0; k < g->n; k++) {
			bool t = false, l = false;
			for (size_t j = 0; j < terms && !t; j++)
				t = strcmp(seen_terms[j], g->recs[k].id) == 0;
			for (size_t j = 0; j < langs && !l; j++)
				l = strcmp(seen_langs[j], g->recs[k].lang) == 0;
			if (!t)
				seen_terms[terms++] = g->recs[k].id;
			if (!l && langs < 64)
				seen_langs[langs++] = g->recs[k].lang;
		}
		if (!ok(rc == 0 && st.rows == real[i].rows && st.rejected == 0 && st.dropped == 0 && g->n == real[i].rows &&
				terms == real[i].terms && langs == real[i].langs,
			"%s: %zu rows, %zu terms in %zu languages, nothing rejected or dropped", real[i].file, real[i].rows,
			real[i].terms, real[i].langs))
			diag("rc %d, %lu rows, %lu rejected, %zu terms, %zu languages: %s", rc, st.rows, st.rejected, terms,
			     langs, err);
		arena_free(g->a);
	}
	free(g);
}

int main(void)
{
	const char *src = getenv("top_srcdir");
	char fixtures[4096], shared[4096];
	snprintf(fixtures, sizeof fixtures, "%s/tests/fixtures/rms", src ? src : ".");
	test_hostile(fixtures);
	test_other_files(fixtures);
	test_quirks();
	test_quoted();
	test_spoilt_hidden();
	const char *data = getenv("SPOR_SHARED_DATA");
	if (data)
		snprintf(shared, sizeof shared, "%s/rms", data);
	else
		snprintf(shared, sizeof shared, "%s/../shared/data/rms", src ? src : ".");
	DIR *d = opendir(shared);
	if (d) {
		closedir(d);
		test_real(shared);
	} else {
		diag("no real data in %s: real-export checks skipped", shared);
		printf("ok %d - real exports # SKIP no ../shared/data\n", ++tap_count);
	}
	return done_testing();
}
