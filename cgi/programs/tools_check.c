/* /tools/check: a person pastes or uploads up to 10,000 IDs (check.h) and
 * gets a table of what each names, or the same as a CSV or Excel download
 * (the form's button says which: format=csv, format=xlsx).  The form posts
 * to a route that reads no credentials (AUTH_NONE): the check changes
 * nothing and shows nothing personal, so there is no token to bind and the
 * form's page stays cacheable like every public page; the languages travel
 * in the form (lang, data_lang).  The results page holds the form again
 * with the tokens it read, so that its download buttons send the same
 * list. */
#include "config.h"

#include <string.h>

#include "api/check.h"
#include "core/export.h"
#include "core/page.h"
#include "core/program.h"
#include "core/xlsx.h"
#include "programs/fields_public.h"
#include "programs/handlers_public.h"

/* How many of the tokens that are no ID the page names. */
enum { OTHERS_SHOWN = 20 };

int tools_check_form(struct req *r)
{
	page_cacheable(r);
	return page_render(r, "tools/check.cs");
}

/* The form again, with what is wrong with the list (or with the file). */
static int again(struct req *r, bool file, const char *reason)
{
	if (file)
		page_set(r, "Page.errors.file", reason);
	else
		page_set(r, "Page.errors.ids", reason);
	page_set(r, "Page.ids", in_text(r, PF_CHECK_IDS));
	return page_render(r, "tools/check.cs") == 200 ? 400 : 500;
}

/* The result's word for the page and the downloads. */
static const char *result_of(const struct check_row *row)
{
	return row->kind == CHECK_NOT_ID ? "invalid" : row->kind == CHECK_UNKNOWN ? "missing" : "found";
}

/* The download's columns (English, as every export of the portal). */
enum { COL_INPUT, COL_ID, COL_RESULT, COL_KIND, COL_PARENT_ID, COL_PARENT, COL_STATUS, COL_NAME, COL_LOCAL,
       COL_CHAIN, COL_CURRENT, COL_PROBLEM, COL__COUNT };
static const struct xlsx_column columns[COL__COUNT] = {
	{"Input", XLSX_TEXT, 16}, {"ID", XLSX_TEXT, 16}, {"Result", XLSX_TEXT, 10}, {"Kind", XLSX_TEXT, 12},
	{"List or organisation ID", XLSX_TEXT, 16}, {"List or organisation", XLSX_TEXT, 30}, {"Status", XLSX_TEXT, 12},
	{"Name (en)", XLSX_TEXT, 40}, {"Name", XLSX_TEXT, 40}, {"Replaced by or merged into", XLSX_TEXT, 20},
	{"Current ID", XLSX_TEXT, 16}, {"Problem", XLSX_TEXT, 10},
};

/* A row's cells for the downloads. */
static void cells_of(struct req *r, const struct check_row *row, const char **cells)
{
	struct buf chain;
	buf_init(&chain, r->arena);
	for (size_t k = 0; k < row->nchain; k++)
		buf_printf(&chain, "%s%s", k ? " " : "", row->chain[k]);
	const char *values[COL__COUNT] = {
		row->input,	  row->id,	     result_of(row), check_kind_word(row->kind), row->parent_id,
		row->parent_name, row->merged ? "MERGED" : row->status, row->name, row->local_name,
		buf_str(&chain),  row->current, check_problem_word(row->problem),
	};
	memcpy(cells, values, sizeof values);
}

static int send_csv(struct req *r, const struct check *c, const char *lang)
{
	struct export_out o;
	export_start(&o, r, "text/csv; charset=utf-8", "spor-check.csv");
	buf_puts(&o.buf, "\xef\xbb\xbf"); /* a byte order mark, for spreadsheets */
	for (size_t i = 0; i < COL__COUNT; i++)
		export_csv_field(&o.buf, i == COL_LOCAL ? arena_printf(r->arena, "Name (%s)", lang) : columns[i].name,
				 i == 0);
	buf_puts(&o.buf, "\r\n");
	for (size_t i = 0; i < c->nrows; i++) {
		const char *cells[COL__COUNT];
		cells_of(r, &c->rows[i], cells);
		for (size_t k = 0; k < COL__COUNT; k++)
			export_csv_field(&o.buf, cells[k], k == 0); /* guarded against formulas */
		buf_puts(&o.buf, "\r\n");
		export_flush(&o, false);
	}
	export_end(&o);
	return 200;
}

static int send_xlsx(struct req *r, const struct check *c, const char *lang)
{
	struct xlsx *x = xlsx_new(r);
	if (!x)
		return 500;
	struct xlsx_column cols[COL__COUNT];
	memcpy(cols, columns, sizeof cols);
	cols[COL_LOCAL].name = arena_printf(r->arena, "Name (%s)", lang);
	struct xlsx_sheet *s = xlsx_sheet(x, "Check", cols, COL__COUNT); /* text cells: never a formula */
	for (size_t i = 0; i < c->nrows; i++) {
		const char *cells[COL__COUNT];
		cells_of(r, &c->rows[i], cells);
		xlsx_row(s, cells);
	}
	return xlsx_end(x, 0, "spor-check.xlsx");
}

/* The results as the page shows them: Page.rows, the counts, the first
 * tokens that are no ID, and the tokens again for the form. */
static void put_rows(struct req *r, const struct check *c)
{
	struct buf tokens;
	buf_init(&tokens, r->arena);
	long long found = 0, missing = 0, invalid = 0, replaced = 0;
	for (size_t i = 0; i < c->nrows; i++) {
		const struct check_row *row = &c->rows[i];
		buf_printf(&tokens, "%s%s", i ? "\n" : "", row->input);
		HDF *item = page_item(r, "Page.rows", i);
		page_put(item, "input", row->input);
		page_put(item, "id", row->id);
		page_put(item, "result", result_of(row));
		page_put(item, "kind", check_kind_word(row->kind));
		page_put(item, "parent_id", row->parent_id);
		page_put(item, "parent_name", row->parent_name);
		page_put(item, "status", row->merged ? "MERGED" : row->status);
		page_put(item, "name", row->name);
		page_put(item, "local", row->local_name);
		if (row->nchain || row->problem) {
			page_put(item, "current", row->current);
			page_put(item, "problem", check_problem_word(row->problem));
			replaced++;
		}
		found += row->kind != CHECK_NOT_ID && row->kind != CHECK_UNKNOWN;
		missing += row->kind == CHECK_UNKNOWN;
		if (row->kind == CHECK_NOT_ID && invalid++ < OTHERS_SHOWN)
			page_put(page_item(r, "Page.invalid", (size_t)invalid - 1), "token", row->input);
	}
	page_shown(r, "Page.rows");
	page_set(r, "Page.ids", buf_str(&tokens));
	page_set_int(r, "Page.count", (long long)c->nrows);
	page_set_int(r, "Page.found", found);
	page_set_int(r, "Page.missing", missing);
	page_set_int(r, "Page.invalid_count", invalid);
	page_set_int(r, "Page.replaced", replaced);
	page_set(r, "Page.checked", "1");
	if (strcmp(r->data_lang, "en") != 0)
		page_set(r, "Page.local_lang", r->data_lang);
}

int tools_check_submit(struct req *r)
{
	struct check c;
	check_init(&c, CHECK_MAX_OTHERS);
	const char *ids = in_text(r, PF_CHECK_IDS);
	if (ids)
		check_tokens(r, &c, ids, strlen(ids));
	if (r->upload.field && r->upload.len) {
		const char *data = r->upload.data;
		size_t len = r->upload.len;
		if (len >= 3 && memcmp(data, "\xef\xbb\xbf", 3) == 0)
			data += 3, len -= 3;
		if (!text_is_clean(data, len))
			return again(r, true, "file_not_text");
		check_tokens(r, &c, data, len);
	}
	if (!c.ids && !c.others)
		return again(r, false, "ids_empty");
	if (c.ids > CHECK_MAX_IDS)
		return again(r, false, "ids_too_many");
	if (!check_within(&c))
		return again(r, false, "others_too_many");
	const char *lang = r->data_lang;
	if (check_run(r, &c, lang) < 0)
		return 500;
	const char *format = in_text(r, PF_CHECK_FORMAT);
	if (format && strcmp(format, "csv") == 0)
		return send_csv(r, &c, lang);
	if (format && strcmp(format, "xlsx") == 0)
		return send_xlsx(r, &c, lang);
	put_rows(r, &c);
	return page_render(r, "tools/check.cs");
}
