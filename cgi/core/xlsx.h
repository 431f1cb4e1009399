/* Spreadsheet exports (.xlsx, by libxlsxwriter), shared by the RMS and OMS
 * exports: a workbook in constant-memory mode (each row goes to a temporary
 * file as soon as the next begins, so memory stays flat whatever the size
 * of the list), written to a temporary file that is sent once complete and
 * removed.  Every sheet has a header row that stays in view and carries the
 * filters; each column says how its cells are written. */
#ifndef SPOR_XLSX_H
#define SPOR_XLSX_H

#include <stddef.h>

struct req;
struct xlsx;
struct xlsx_sheet;

enum xlsx_kind {
	XLSX_TEXT,   /* a string, always: IDs and postal codes keep their leading zeros */
	XLSX_DATE,   /* a date or date and time (any form date_normalize reads), as a date */
	XLSX_NUMBER, /* a number (a version, a latitude) */
};

struct xlsx_column {
	const char *name; /* the header */
	enum xlsx_kind kind;
	unsigned char width; /* in characters; 0: the spreadsheet's default */
};

/* The MIME type of a workbook. */
#define XLSX_CONTENT_TYPE "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

/* A new workbook in a temporary file (in $TMPDIR, else /tmp), or NULL
 * (logged).  xlsx_end removes it, sent or not. */
struct xlsx *xlsx_new(struct req *r);
/* A sheet named `name` (at most 31 characters) of these columns, its
 * header written.  A cell that is no date or number where the column
 * wants one is written as text, so nothing is lost. */
struct xlsx_sheet *xlsx_sheet(struct xlsx *x, const char *name, const struct xlsx_column *cols, size_t ncols);
/* The next row of `s`: one cell per column, NULL for an empty one.  Past
 * the spreadsheet's last row (1,048,576) the rows go on in a new sheet
 * "<name> 2", and so on. */
void xlsx_row(struct xlsx_sheet *s, const char *const *cells);
/* Finish the workbook and send it as an attachment named `filename`, then
 * remove the file: 200, or 500 when the workbook could not be written or
 * `rc` < 0 (its rows could not all be read): removed unsent, as nothing
 * has been sent yet. */
int xlsx_end(struct xlsx *x, int rc, const char *filename);

#endif
