/* Spreadsheet exports: the workbook, its sheets and cells, and the answer. */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <math.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <xlsxwriter.h>

#include "core/date.h"
#include "core/http.h"
#include "core/log.h"
#include "core/mem.h"
#include "core/xlsx.h"

enum {
	SEND_CHUNK = 64 * 1024,
	CELL_MAX = 32767, /* the characters a cell holds */
};

struct xlsx {
	struct req *r;
	lxw_workbook *wb;
	lxw_format *header, *date, *datetime;
	char *path;
	struct xlsx_sheet *sheets;
	bool failed; /* a cell or sheet could not be written: the export is a 500 */
};

struct xlsx_sheet {
	struct xlsx *x;
	const char *name;
	const struct xlsx_column *cols;
	size_t ncols;
	lxw_worksheet *ws;
	lxw_row_t row; /* the next row */
	unsigned part; /* 1, then 2 ... once a sheet is full */
	struct xlsx_sheet *next;
};

/* The export fails; the first problem is logged (the rows after it would
 * say the same). */
static void failed(struct xlsx *x, const char *what, lxw_error e)
{
	if (!x->failed)
		log_error("xlsx: %s: %s", what, lxw_strerror(e));
	x->failed = true;
}

struct xlsx *xlsx_new(struct req *r)
{
	const char *tmp = getenv("TMPDIR");
	struct xlsx *x = arena_zalloc(r->arena, sizeof *x);
	x->r = r;
	char *dir = arena_strdup(r->arena, tmp && *tmp ? tmp : "/tmp");
	x->path = arena_printf(r->arena, "%s/spor-export-XXXXXX", dir);
	int fd = mkstemp(x->path);
	if (fd < 0) {
		log_error("xlsx: cannot create a file in %s: %s", dir, strerror(errno));
		return NULL;
	}
	close(fd);
	/* Constant memory: rows go to temporary files in `dir` as they are
	 * written (strings inline, never a table of them in memory). */
	lxw_workbook_options opt = {.constant_memory = LXW_TRUE, .tmpdir = dir};
	x->wb = workbook_new_opt(x->path, &opt);
	if (!x->wb) {
		log_error("xlsx: cannot start a workbook in %s", x->path);
		unlink(x->path);
		return NULL;
	}
	x->header = workbook_add_format(x->wb);
	format_set_bold(x->header);
	x->date = workbook_add_format(x->wb);
	format_set_num_format(x->date, "yyyy-mm-dd");
	x->datetime = workbook_add_format(x->wb);
	format_set_num_format(x->datetime, "yyyy-mm-dd hh:mm:ss");
	return x;
}

/* Open the sheet's next worksheet and write its header. */
static void sheet_begin(struct xlsx_sheet *s)
{
	struct xlsx *x = s->x;
	const char *name = s->part > 1 ? arena_printf(x->r->arena, "%.26s %u", s->name, s->part) : s->name;
	s->ws = workbook_add_worksheet(x->wb, name);
	if (!s->ws) {
		log_error("xlsx: cannot add the sheet %s", name);
		x->failed = true;
		return;
	}
	for (size_t c = 0; c < s->ncols; c++) {
		if (s->cols[c].width)
			worksheet_set_column(s->ws, (lxw_col_t)c, (lxw_col_t)c, s->cols[c].width, NULL);
		worksheet_write_string(s->ws, 0, (lxw_col_t)c, s->cols[c].name, x->header);
	}
	worksheet_freeze_panes(s->ws, 1, 0);
	s->row = 1;
}

/* The filters over the header and every row written. */
static void sheet_end(struct xlsx_sheet *s)
{
	if (s->ws && s->ncols)
		worksheet_autofilter(s->ws, 0, 0, s->row - 1, (lxw_col_t)(s->ncols - 1));
}

struct xlsx_sheet *xlsx_sheet(struct xlsx *x, const char *name, const struct xlsx_column *cols, size_t ncols)
{
	struct xlsx_sheet *s = arena_zalloc(x->r->arena, sizeof *s);
	*s = (struct xlsx_sheet){.x = x, .name = name, .cols = cols, .ncols = ncols, .part = 1, .next = x->sheets};
	x->sheets = s;
	sheet_begin(s);
	return s;
}

/* "yyyy-MM-dd HH:mm:ss" (date_normalize's form) as an Excel date; false
 * for a year Excel cannot hold. */
static bool excel_date(const char *s, lxw_datetime *dt)
{
	char norm[20];
	int sec = 0;
	if (!date_normalize(s, norm) || !*norm ||
	    sscanf(norm, "%4d-%2d-%2d %2d:%2d:%2d", &dt->year, &dt->month, &dt->day, &dt->hour, &dt->min, &sec) != 6)
		return false;
	dt->sec = sec;
	return dt->year >= 1900 && dt->year <= 9999;
}

/* A text as a cell holds it.  "_x0041_" in a cell is read back as "A"
 * (ECMA-376's escape of a character, which libxlsxwriter writes for control
 * characters but not for a text that holds one already): its "_" is
 * written "_x005F_", so the text reads back as it is. */
static const char *literal(struct arena *a, const char *v)
{
	if (!strstr(v, "_x"))
		return v;
	struct buf b;
	buf_init(&b, a);
	for (const char *p = v; *p; p++) {
		if (p[0] == '_' && p[1] == 'x' && strspn(p + 2, "0123456789abcdefABCDEF") >= 4 && p[6] == '_')
			buf_puts(&b, "_x005F");
		buf_putc(&b, *p);
	}
	return buf_str(&b);
}

/* A string cell; one longer than a cell holds (CELL_MAX characters) is
 * cut there, at a character's start. */
static lxw_error text_cell(struct xlsx_sheet *s, lxw_col_t c, const char *v)
{
	v = literal(s->x->r->arena, v);
	size_t chars = 0, n = 0;
	for (; v[n]; n++)
		if (((unsigned char)v[n] & 0xc0) != 0x80 && ++chars > CELL_MAX)
			break;
	if (v[n])
		v = arena_strndup(s->x->r->arena, v, n);
	return worksheet_write_string(s->ws, s->row, c, v, NULL);
}

static lxw_error cell(struct xlsx_sheet *s, lxw_col_t c, const char *v)
{
	lxw_datetime dt;
	char *end;
	switch (s->cols[c].kind) {
	case XLSX_DATE:
		if (excel_date(v, &dt)) /* a date alone shows as one */
			return worksheet_write_datetime(s->ws, s->row, c, &dt,
							strlen(v) > 10 ? s->x->datetime : s->x->date);
		break;
	case XLSX_NUMBER: {
		double d = strtod(v, &end);
		if (end != v && !*end && isfinite(d))
			return worksheet_write_number(s->ws, s->row, c, d, NULL);
		break;
	}
	case XLSX_TEXT:
		break;
	}
	return text_cell(s, c, v);
}

void xlsx_row(struct xlsx_sheet *s, const char *const *cells)
{
	if (s->x->failed || !s->ws)
		return;
	if (s->row == LXW_ROW_MAX) { /* the sheet is full: go on in the next */
		sheet_end(s);
		s->part++;
		sheet_begin(s);
		if (!s->ws)
			return;
	}
	for (size_t c = 0; c < s->ncols; c++) {
		lxw_error e = cells[c] && *cells[c] ? cell(s, (lxw_col_t)c, cells[c]) : LXW_NO_ERROR;
		if (e != LXW_NO_ERROR)
			failed(s->x, s->cols[c].name, e);
	}
	s->row++;
}

/* The finished file to the client, from a descriptor whose name is gone. */
static int send_file(struct xlsx *x, int fd, const char *filename)
{
	struct req *r = x->r;
	struct stat st;
	if (fstat(fd, &st) < 0) {
		log_error("xlsx: cannot read %s back: %s", x->path, strerror(errno));
		return 500;
	}
	r->cache_control = "no-store"; /* like every export: never kept by nginx's cache */
	http_header(r, "Content-Length", arena_printf(r->arena, "%lld", (long long)st.st_size));
	http_stream_begin(r, XLSX_CONTENT_TYPE, filename);
	char *chunk = arena_alloc(r->arena, SEND_CHUNK);
	ssize_t n;
	while ((n = read(fd, chunk, SEND_CHUNK)) > 0)
		http_stream_write(r, chunk, (size_t)n);
	return 200;
}

int xlsx_end(struct xlsx *x, int rc, const char *filename)
{
	for (struct xlsx_sheet *s = x->sheets; s; s = s->next)
		sheet_end(s);
	lxw_error e = workbook_close(x->wb); /* frees it and its temporary files */
	if (e != LXW_NO_ERROR)
		failed(x, x->path, e);
	int fd = x->failed || rc < 0 ? -1 : open(x->path, O_RDONLY | O_CLOEXEC);
	if (fd < 0 && !x->failed && rc >= 0)
		log_error("xlsx: cannot open %s: %s", x->path, strerror(errno));
	unlink(x->path); /* gone from the folder; the descriptor still reads it */
	if (fd < 0)
		return 500;
	int status = send_file(x, fd, filename);
	close(fd);
	return status;
}
