/* CSV rows with line numbers, over libcsv. */
#include "config.h"

#include <csv.h>
#include <ctype.h>
#include <stdio.h>
#include <string.h>

#include "core/csv_read.h"
#include "core/mem.h"

struct reader {
	struct arena *a;
	csv_row_fn *each;
	void *ctx;
	const char *fields[CSV_FIELDS_MAX];
	bool held_nul[CSV_FIELDS_MAX];
	size_t nfields;
	bool overflow, nul, stopped;
	unsigned long line, rows;
	unsigned long row_line; /* where the row's first field ends */
	unsigned long next;	/* the line where the next row starts */
};

static void on_field(void *field, size_t len, void *data)
{
	struct reader *r = data;
	/* A row starts on the line where its first field ends (IDs come first
	 * and never span lines); blank lines produce no callback at all. */
	if (r->nfields == 0)
		r->row_line = r->line;
	bool nul = field && memchr(field, '\0', len);
	r->nul |= nul;
	if (r->nfields == CSV_FIELDS_MAX) {
		r->overflow = true;
		return;
	}
	r->held_nul[r->nfields] = nul;
	const char *value = arena_strndup(r->a, field ? field : "", field ? len : 0);
	r->fields[r->nfields++] = value[0] == '\'' && csv_needs_guard(value + 1) ? value + 1 : value;
}

bool csv_needs_guard(const char *s)
{
	s += strspn(s, "'");
	return *s && strchr("=+-@\t\r", *s) != NULL;
}

static void on_row(int c, void *data)
{
	(void)c;
	struct reader *r = data;
	bool blank = r->nfields == 0 || (r->nfields == 1 && !*r->fields[0]);
	if (!blank && !r->stopped) {
		struct csv_row row = {r->fields, r->nfields, r->row_line, r->overflow, r->nul, r->held_nul};
		r->rows++;
		r->stopped = r->each(r->ctx, &row) != 0;
	}
	r->nfields = 0;
	r->overflow = r->nul = false;
}

/* libcsv trims spaces around unquoted fields unless told nothing is one. */
static int no_spaces(unsigned char c)
{
	(void)c;
	return 0;
}

int csv_read(struct arena *a, const char *data, size_t len, csv_row_fn *each, csv_progress_fn *progress, void *ctx,
	     unsigned long *broken, char *err, size_t errsize)
{
	*broken = 0;
	struct reader r = {.a = a, .each = each, .ctx = ctx, .next = 1};
	err[0] = '\0';
	if (len >= 3 && memcmp(data, "\xef\xbb\xbf", 3) == 0) {
		data += 3;
		len -= 3;
	}
	struct csv_parser p;
	if (csv_init(&p, CSV_APPEND_NULL) != 0) {
		snprintf(err, errsize, "cannot start the CSV parser");
		return -1;
	}
	csv_set_space_func(&p, no_spaces);
	/* One physical line at a time, so that rows know their line number. */
	size_t pos = 0;
	int rc = 0;
	while (pos < len && !r.stopped && rc == 0) {
		const char *nl = memchr(data + pos, '\n', len - pos);
		size_t n = nl ? (size_t)(nl - (data + pos)) + 1 : len - pos;
		r.line++;
		if (csv_parse(&p, data + pos, n, on_field, on_row, &r) != n) {
			snprintf(err, errsize, "line %lu: %s", r.line, csv_strerror(csv_error(&p)));
			rc = -1;
		}
		/* The next row starts on the next line, unless one is open: a
		 * lone CR ends a row inside a line (0 is ROW_NOT_BEGUN in libcsv.c). */
		if (p.pstate == 0)
			r.next = r.line + 1;
		pos += n;
		if (progress)
			progress(ctx, pos, len);
	}
	/* libcsv's own check (CSV_STRICT_FINI) needs CSV_STRICT, which real
	 * files fail: read its state instead (2 is FIELD_BEGUN in libcsv.c). */
	if (rc == 0 && !r.stopped && p.quoted && p.pstate == 2) {
		unsigned long from = r.nfields ? r.row_line : r.next;
		snprintf(err, errsize, "a quote opens in this row and never closes: lines %lu to %lu are not read",
			 from, r.line);
		*broken = from;
		rc = 1;
	} else if (rc == 0 && !r.stopped) {
		csv_fini(&p, on_field, on_row, &r);
	}
	csv_free(&p);
	if (r.stopped)
		return -1;
	if (rc == 0 && r.rows == 0) {
		snprintf(err, errsize, "the file is empty: no header row");
		rc = -1;
	}
	return rc;
}

/* Equal when letters and digits agree, case aside. */
static bool same_name(const char *x, const char *y)
{
	for (;;) {
		while (*x == ' ' || *x == '_')
			x++;
		while (*y == ' ' || *y == '_')
			y++;
		if (!*x || !*y)
			return !*x && !*y;
		if (tolower((unsigned char)*x++) != tolower((unsigned char)*y++))
			return false;
	}
}

int csv_column(const struct csv_row *header, const char *name)
{
	for (size_t i = 0; i < header->n; i++)
		if (same_name(header->f[i], name))
			return (int)i;
	return -1;
}
