/* CSV rows with line numbers: a reader of its own, which knows which fields
 * were quoted (libcsv, used before, does not say).  It reads as libcsv did
 * without CSV_STRICT, so that real files read the same: a quote opens a
 * quoted field only as its first character, "" in it is one quote, a quote
 * followed by anything but a comma or a line end is kept, and a CR or LF
 * ends a row outside quotes. */
#include "config.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/csv_read.h"
#include "core/mem.h"

struct reader {
	struct arena *a;
	csv_row_fn *each;
	void *ctx;
	const char *fields[CSV_FIELDS_MAX];
	bool held_nul[CSV_FIELDS_MAX], quoted[CSV_FIELDS_MAX];
	size_t nfields;
	bool overflow, nul, stopped;
	unsigned long line, rows;
	unsigned long row_line; /* where the row's first field ends */
	unsigned long next;	/* the line where the next row starts */
	/* The field being read. */
	char *buf;
	size_t len, cap;
};

static void put(struct reader *r, const char *s, size_t n)
{
	if (r->len + n > r->cap) {
		r->cap = (r->len + n) * 2 + 256;
		r->buf = xrealloc(r->buf, r->cap);
	}
	memcpy(r->buf + r->len, s, n);
	r->len += n;
}

/* A field of the n bytes at s: the field read so far (r->buf) or, most
 * often, a run of the input itself, copied once. */
static void end_field(struct reader *r, const char *s, size_t n, bool quoted)
{
	/* A row starts on the line where its first field ends (IDs come first
	 * and never span lines). */
	if (r->nfields == 0)
		r->row_line = r->line;
	bool nul = n && memchr(s, '\0', n) != NULL;
	r->nul |= nul;
	if (r->nfields == CSV_FIELDS_MAX) {
		r->overflow = true;
	} else {
		r->held_nul[r->nfields] = nul;
		r->quoted[r->nfields] = quoted;
		const char *value = arena_strndup(r->a, n ? s : "", n);
		r->fields[r->nfields++] = value[0] == '\'' && csv_needs_guard(value + 1) ? value + 1 : value;
	}
	r->len = 0;
}

static void end_buffered(struct reader *r, bool quoted)
{
	end_field(r, r->buf, r->len, quoted);
}

/* strchr finds the separator's first byte fast; most values hold none. */
const char *csv_sep(const char *s)
{
	for (const char *p = s; (p = strchr(p, CSV_MULTI_SEP[0])) != NULL; p++)
		if (p[1] == CSV_MULTI_SEP[1])
			return p;
	return NULL;
}

size_t csv_parts(const char *s)
{
	if (!*s)
		return 0;
	size_t n = 1;
	for (const char *p = csv_sep(s); p; p = csv_sep(p + 2))
		n++;
	return n;
}

bool csv_needs_guard(const char *s)
{
	s += strspn(s, "'");
	return *s && strchr("=+-@\t\r", *s) != NULL;
}

static void end_row(struct reader *r)
{
	bool blank = r->nfields == 0 || (r->nfields == 1 && !*r->fields[0]);
	if (!blank) {
		struct csv_row row = {r->fields, r->nfields, r->row_line, r->overflow, r->nul, r->held_nul, r->quoted};
		r->rows++;
		r->stopped = r->each(r->ctx, &row) != 0;
	}
	r->nfields = 0;
	r->overflow = r->nul = false;
}

/* Where the reader stands: between rows, between fields, in a field, or
 * just after a quote inside a quoted field (its end, or half of a ""). */
enum state { ROW_NOT_BEGUN, FIELD_NOT_BEGUN, FIELD_BEGUN, QUOTE_SEEN };

static bool line_end(char c)
{
	return c == '\r' || c == '\n';
}

/* After a field that ends at c (a comma or a line end): the row's next
 * field, or the row's end. */
static enum state after_field(struct reader *r, char c)
{
	if (c == ',')
		return FIELD_NOT_BEGUN;
	end_row(r);
	return ROW_NOT_BEGUN;
}

/* Read data[0..len) row by row: 0, or 1 when it ends inside quotes. */
static int parse(struct reader *r, const char *data, size_t len, csv_progress_fn *progress)
{
	enum state st = ROW_NOT_BEGUN;
	bool quoted = false;
	for (size_t i = 0; i < len && !r->stopped; i++) {
		char c = data[i];
		switch (st) {
		case ROW_NOT_BEGUN:
		case FIELD_NOT_BEGUN:
			if (line_end(c)) { /* a blank line is no row */
				if (st == FIELD_NOT_BEGUN) {
					end_field(r, "", 0, false);
					end_row(r);
				}
				st = ROW_NOT_BEGUN;
			} else if (c == ',') {
				end_field(r, "", 0, false);
				st = FIELD_NOT_BEGUN;
			} else if (c != '"') {
				/* Unquoted: up to the next comma or line end. */
				size_t j = i;
				while (j < len && data[j] != ',' && !line_end(data[j]))
					j++;
				if (j == len) {
					put(r, data + i, j - i);
					quoted = false;
					st = FIELD_BEGUN;
					i = len - 1;
					c = data[i];
					break;
				}
				end_field(r, data + i, j - i, false);
				i = j;
				c = data[i];
				st = after_field(r, c);
			} else {
				/* Quoted without "" or a line end in it: the run between
				 * the quotes; anything else, the long way. */
				size_t j = i + 1;
				while (j < len && data[j] != '"' && data[j] != '\n')
					j++;
				quoted = true;
				st = FIELD_BEGUN;
				if (j + 1 < len && data[j] == '"' && (data[j + 1] == ',' || line_end(data[j + 1]))) {
					end_field(r, data + i + 1, j - i - 1, true);
					i = j + 1;
					c = data[i];
					st = after_field(r, c);
				}
			}
			break;
		case FIELD_BEGUN:
			if (quoted) {
				/* Up to the next quote or line end at once. */
				size_t j = i;
				while (j < len && data[j] != '"' && data[j] != '\n')
					j++;
				put(r, data + i, j - i + (j < len));
				if (j < len && data[j] == '"')
					st = QUOTE_SEEN;
				i = j < len ? j : len - 1;
				c = data[i];
			} else if (c == ',' || line_end(c)) {
				end_buffered(r, false);
				st = after_field(r, c);
			} else {
				size_t j = i;
				while (j < len && data[j] != ',' && !line_end(data[j]))
					j++;
				put(r, data + i, j - i);
				i = j - 1;
			}
			break;
		case QUOTE_SEEN: /* the quote before is in the field so far */
			if (c == ',' || line_end(c)) {
				r->len--;
				end_buffered(r, true);
				st = after_field(r, c);
			} else {
				if (c != '"') /* "" is one quote; another character keeps both */
					put(r, &c, 1);
				st = FIELD_BEGUN;
			}
			break;
		}
		if (c == '\n') {
			if (st == ROW_NOT_BEGUN)
				r->next = r->line + 1;
			r->line++;
			if (progress)
				progress(r->ctx, i + 1, len);
		}
	}
	if (r->stopped)
		return 0;
	if (len && data[len - 1] == '\n')
		r->line--; /* the last line ended */
	else if (progress)
		progress(r->ctx, len, len);
	if (st == FIELD_BEGUN && quoted)
		return 1;
	if (st != ROW_NOT_BEGUN) {
		if (st == QUOTE_SEEN)
			r->len--;
		end_buffered(r, st == QUOTE_SEEN || (st == FIELD_BEGUN && quoted));
		end_row(r);
	}
	return 0;
}

int csv_read(struct arena *a, const char *data, size_t len, csv_row_fn *each, csv_progress_fn *progress, void *ctx,
	     unsigned long *broken, char *err, size_t errsize)
{
	*broken = 0;
	struct reader r = {.a = a, .each = each, .ctx = ctx, .line = 1, .next = 1};
	err[0] = '\0';
	if (len >= 3 && memcmp(data, "\xef\xbb\xbf", 3) == 0) {
		data += 3;
		len -= 3;
	}
	int rc = parse(&r, data, len, progress);
	free(r.buf);
	if (r.stopped)
		return -1;
	if (rc == 1) {
		unsigned long from = r.nfields ? r.row_line : r.next;
		snprintf(err, errsize, "a quote opens in this row and never closes: lines %lu to %lu are not read",
			 from, r.line);
		*broken = from;
		return 1;
	}
	if (r.rows == 0) {
		snprintf(err, errsize, "the file is empty: no header row");
		return -1;
	}
	return 0;
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
