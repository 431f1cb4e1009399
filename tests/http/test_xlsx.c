/* HTTP tests of the spreadsheet exports (/rms/lists/{id}/export.xlsx,
 * /oms/export.xlsx): each file is fetched, opened (libzip) and its sheets'
 * XML read: the answer's headers, the sheets' names, IDs, codes and postal
 * codes as text (leading zeros kept), dates as numbers in a date style,
 * numbers as numbers, a text that looks like a formula kept as text, the
 * header row frozen with filters over every row, the rows of each kind in
 * their sheet, the same rows in the same order as the CSV export under
 * every filter and sort, constant-memory mode (inline strings), the links
 * beside the CSV links, and no temporary file left behind. */
#include "config.h"

#include <dirent.h>
#include <stdlib.h>
#include <zip.h>

#include "../tap.h"
#include "client.h"
#include "dbtest.h"

#define XLSX_TYPE "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
#define LIST "900000000901"

/* ---- reading a workbook ---- */

struct book {
	zip_t *z;
	struct resp r;
	char *sheets; /* the sheets' names in order, comma-joined */
};

/* Entry `name` of the workbook as a string (new), or NULL. */
static char *part(const struct book *b, const char *name)
{
	zip_stat_t st;
	zip_file_t *f;
	if (!b->z || zip_stat(b->z, name, 0, &st) < 0 || !(f = zip_fopen(b->z, name, 0)))
		return NULL;
	char *s = malloc(st.size + 1);
	zip_int64_t n = zip_fread(f, s, st.size);
	zip_fclose(f);
	s[n > 0 ? n : 0] = '\0';
	return s;
}

/* The text between `open`'s next match after `from` and `close`, appended
 * to `out` with `sep`; returns where it ended, or NULL. */
static const char *between(const char *from, const char *open, const char *close, char *out, size_t size)
{
	const char *p = strstr(from, open), *q;
	if (!p || !(q = strstr(p += strlen(open), close)))
		return NULL;
	snprintf(out, size, "%.*s", (int)(q - p), p);
	return q;
}

static bool book_get(const char *path, struct book *b)
{
	memset(b, 0, sizeof *b);
	get(path, &b->r);
	zip_error_t err;
	zip_error_init(&err);
	zip_source_t *src = b->r.body_len ? zip_source_buffer_create(b->r.body, b->r.body_len, 0, &err) : NULL;
	b->z = src ? zip_open_from_source(src, ZIP_RDONLY, &err) : NULL;
	if (src && !b->z)
		zip_source_free(src);
	zip_error_fini(&err);
	char *wb = part(b, "xl/workbook.xml"), name[64];
	b->sheets = calloc(1, 1024);
	for (const char *p = wb; p && (p = between(p, "<sheet name=\"", "\"", name, sizeof name));)
		snprintf(b->sheets + strlen(b->sheets), 1024 - strlen(b->sheets), "%s%s", *b->sheets ? "," : "", name);
	free(wb);
	return b->z != NULL;
}

static void book_free(struct book *b)
{
	if (b->z)
		zip_discard(b->z);
	free(b->sheets);
	resp_free(&b->r);
}

/* The XML of the n-th sheet (1-based; libxlsxwriter numbers them in order). */
static char *sheet(const struct book *b, int n)
{
	char name[64];
	snprintf(name, sizeof name, "xl/worksheets/sheet%d.xml", n);
	return part(b, name);
}

/* Cell `ref`'s element (up to its end), in `out`; false when absent. */
static bool cell(const char *xml, const char *ref, char *out, size_t size)
{
	char key[32];
	snprintf(key, sizeof key, "<c r=\"%s\"", ref);
	const char *p = xml ? strstr(xml, key) : NULL, *end = p ? strstr(p, "</c>") : NULL;
	if (!end)
		return false;
	snprintf(out, size, "%.*s", (int)(end - p), p);
	return true;
}

/* The text of a string cell as a spreadsheet reads it (XML entities and
 * ECMA-376's "_xHHHH_" undone), or "" when the cell is none: absent, or a
 * number. */
static const char *text(const char *xml, const char *ref)
{
	static char out[1024];
	char c[2048], raw[1024];
	out[0] = '\0';
	if (!cell(xml, ref, c, sizeof c) || !strstr(c, "t=\"inlineStr\"") ||
	    !between(strstr(c, "<t"), ">", "</t>", raw, sizeof raw))
		return out;
	static const char *const entities[][2] = {{"&amp;", "&"}, {"&lt;", "<"}, {"&gt;", ">"}, {"&quot;", "\""}};
	size_t o = 0;
	for (const char *p = raw; *p && o + 1 < sizeof out;) {
		unsigned ch;
		if (sscanf(p, "_x%4x_", &ch) == 1 && strspn(p + 2, "0123456789abcdefABCDEF") == 4 && p[6] == '_' &&
		    ch < 0x80) {
			out[o++] = (char)ch;
			p += 7;
			continue;
		}
		size_t k = 0;
		while (k < 4 && strncmp(p, entities[k][0], strlen(entities[k][0])) != 0)
			k++;
		out[o++] = k < 4 ? entities[k][1][0] : *p;
		p += k < 4 ? strlen(entities[k][0]) : 1;
	}
	out[o] = '\0';
	return out;
}

/* How many characters string cell `ref` holds (-1: none). */
static long chars(const char *xml, const char *ref)
{
	char key[32];
	snprintf(key, sizeof key, "<c r=\"%s\" t=\"inlineStr\"><is><t>", ref);
	const char *p = xml ? strstr(xml, key) : NULL, *end = p ? strstr(p, "</t>") : NULL;
	long n = 0;
	for (p = p ? p + strlen(key) : NULL; p && p < end; p++)
		n += ((unsigned char)*p & 0xc0) != 0x80;
	return end ? n : -1;
}

/* A number cell's value and style (-1: none); false when the cell holds no
 * number. */
static bool number(const char *xml, const char *ref, double *v, int *style)
{
	char c[2048], s[32];
	if (!cell(xml, ref, c, sizeof c) || strstr(c, " t=\"") || !between(c, "<v>", "</v>", s, sizeof s))
		return false;
	*v = strtod(s, NULL);
	char st[16];
	*style = between(c, " s=\"", "\"", st, sizeof st) ? atoi(st) : -1;
	return true;
}

/* The number format of cell style `style` in the workbook. */
static const char *style_format(const struct book *b, int style)
{
	static char fmt[64];
	char *styles = part(b, "xl/styles.xml"), id[16], key[48];
	const char *p = styles ? strstr(styles, "<cellXfs") : NULL;
	fmt[0] = '\0';
	for (int i = 0; p && i <= style; i++)
		p = strstr(p + 1, "<xf ");
	if (p && style >= 0 && between(p, "numFmtId=\"", "\"", id, sizeof id)) {
		snprintf(key, sizeof key, "numFmtId=\"%s\" formatCode=\"", id);
		if (!between(styles, key, "\"", fmt, sizeof fmt))
			snprintf(fmt, sizeof fmt, "builtin %s", id);
	}
	free(styles);
	return fmt;
}

/* A date cell: a number in a style whose format shows a date (`format`),
 * whose day is `serial` (Excel's day number). */
static bool date_is(const struct book *b, const char *xml, const char *ref, long serial, const char *format)
{
	double v;
	int style;
	bool is = number(xml, ref, &v, &style) && (long)v == serial && strcmp(style_format(b, style), format) == 0;
	if (!is)
		diag("%s: %s", ref, number(xml, ref, &v, &style) ? style_format(b, style) : "no number");
	return is;
}

/* The texts of column `col` from row 2 on, comma-joined (new). */
static char *column(const char *xml, const char *col)
{
	size_t cap = 4096, len = 0;
	char *out = calloc(1, cap), ref[32];
	for (int row = 2;; row++) {
		char key[32];
		snprintf(key, sizeof key, "<row r=\"%d\"", row);
		if (!xml || !strstr(xml, key))
			break;
		snprintf(ref, sizeof ref, "%s%d", col, row);
		const char *t = text(xml, ref);
		if (len + strlen(t) + 2 > cap)
			out = realloc(out, cap *= 2);
		len += (size_t)sprintf(out + len, "%s%s", len ? "," : "", t);
	}
	return out;
}

/* The header frozen and the filters over rows 1 to `rows` and columns A
 * to `last`. */
static bool frozen_filtered(const char *xml, const char *last, int rows)
{
	char filter[64];
	snprintf(filter, sizeof filter, "<autoFilter ref=\"A1:%s%d\"/>", last, rows);
	return xml && strstr(xml, "<pane ySplit=\"1\" topLeftCell=\"A2\" activePane=\"bottomLeft\" state=\"frozen\"/>") &&
	       strstr(xml, filter);
}

/* ---- the CSV export, for comparison ---- */

/* The values of CSV column `k` in each row after the header (RFC 4180:
 * fields in quotes may hold commas, quotes doubled, line breaks), comma-
 * joined (new), skipping empty ones and, when `distinct`, a value equal to
 * the one before. */
static char *csv_column(const char *path, int k, bool distinct)
{
	struct resp r;
	get(path, &r);
	size_t cap = 4096, len = 0;
	char *out = calloc(1, cap), prev[64] = "", v[64] = "";
	const char *p = r.body ? r.body : "", *end = p + r.body_len;
	int field = 0, row = 0;
	size_t vl = 0;
	while (p < end) {
		bool quoted = *p == '"';
		for (p += quoted; p < end; p++) {
			if (quoted && *p == '"' && p + 1 < end && p[1] == '"')
				p++;
			else if (quoted && *p == '"') {
				quoted = false;
				continue;
			} else if (!quoted && (*p == ',' || *p == '\r' || *p == '\n'))
				break;
			if (field == k && vl + 1 < sizeof v)
				v[vl++] = *p;
		}
		v[vl] = '\0';
		bool last = p >= end || *p != ',';
		p += p < end && *p == '\r';
		p++;
		if (field++ == k && row > 0 && *v && !(distinct && strcmp(v, prev) == 0)) {
			if (len + vl + 2 > cap)
				out = realloc(out, cap *= 2);
			len += (size_t)sprintf(out + len, "%s%s", len ? "," : "", v);
		}
		if (field - 1 == k)
			snprintf(prev, sizeof prev, "%s", v);
		vl = 0;
		if (last)
			field = 0, row++;
	}
	resp_free(&r);
	return out;
}

/* ---- RMS ---- */

static void test_rms_file(void)
{
	struct book b;
	ok(book_get("/rms/lists/" LIST "/export.xlsx", &b), "export.xlsx is a zip file");
	char *type = header(&b.r, "Content-Type"), *disp = header(&b.r, "Content-Disposition"),
	     *length = header(&b.r, "Content-Length");
	ok(b.r.status == 200 && type && strcmp(type, XLSX_TYPE) == 0, "200, %s", XLSX_TYPE);
	ok(disp && strcmp(disp, "attachment; filename=\"" LIST ".xlsx\"") == 0, "offered as a download, " LIST ".xlsx");
	ok(b.r.status == 200 && length && strtoull(length, NULL, 10) == b.r.body_len,
	   "sent once complete, with its length (%s)",
	   length ? length : "none");
	free(type);
	free(disp);
	free(length);
	is_str(b.sheets, "Terms,Names,Mappings,Countries,Attributes", "one sheet per kind of row");
	char *shared = part(&b, "xl/sharedStrings.xml"), *terms = sheet(&b, 1);
	ok(!shared && terms && strstr(terms, "t=\"inlineStr\""),
	   "constant-memory mode: strings inline, no table of them in memory");
	free(shared);

	char *names = sheet(&b, 2), *maps = sheet(&b, 3), *countries = sheet(&b, 4),
	     *attrs = sheet(&b, 5);
	ok(frozen_filtered(terms, "T", 4) && frozen_filtered(names, "U", 5) && frozen_filtered(maps, "G", 3) &&
		   frozen_filtered(countries, "B", 3) && frozen_filtered(attrs, "C", 2),
	   "each sheet's header row is frozen and carries filters over all its rows");
	ok(strcmp(text(terms, "A1"), "List ID") == 0 && strcmp(text(terms, "B1"), "Term ID") == 0 &&
		   strcmp(text(names, "B1"), "Language") == 0 && strcmp(text(maps, "C1"), "Mapping Source Term ID") == 0,
	   "the columns have the CSV's names");
	char *ids = column(terms, "B");
	is_str(ids, "900000000911,900000000912,900000000913", "Terms: one row per term, IDs as text");
	free(ids);
	ok(strcmp(text(terms, "A2"), LIST) == 0 && strcmp(text(terms, "G3"), "900000000911") == 0 &&
		   strcmp(text(terms, "J3"), "900000000911") == 0,
	   "list, parent and replacing term IDs as text");
	ok(strcmp(text(maps, "C2"), "0012345") == 0 && strcmp(text(attrs, "C2"), "0042") == 0,
	   "a mapping's code and an attribute's value keep their leading zeros");
	ok(date_is(&b, terms, "I2", 43147, "yyyy-mm-dd hh:mm:ss") && date_is(&b, terms, "L2", 43136, "yyyy-mm-dd hh:mm:ss") &&
		   date_is(&b, names, "D3", 44258, "yyyy-mm-dd hh:mm:ss"),
	   "dates are dates: numbers in a date style (2018-02-16, 2018-02-05, 2021-03-03)");
	double v;
	int style;
	ok(number(terms, "P2", &v, &style) && v == 3 && style < 0, "the version is a number");
	ok(strcmp(text(terms, "C3"), "=HYPERLINK(\"http://example.com\",\"007\")") == 0 &&
		   !strstr(terms, "<f>") && !strstr(names, "<f>"),
	   "a name that looks like a formula is text, never a formula");
	ok(strcmp(text(terms, "L4"), "1850-06-01 00:00:00") == 0, "a date before Excel's first (1900) is text");
	long desc = chars(names, "R5"), comments = chars(terms, "K4");
	ok(desc == 32767 && comments == 20000,
	   "a text longer than a cell holds is cut at 32,767 characters (%ld), one that is not kept whole (%ld)", desc,
	   comments);
	ok(strcmp(text(names, "G2"), "Oral sol. _x0041_") == 0,
	   "a text that holds Excel's escape of a character (_x0041_) reads back as it is");
	char *langs = column(names, "B"), *codes = column(maps, "C"), *cs = column(countries, "B");
	is_str(langs, "en,fr,en,de", "Names: one row per term and language");
	is_str(codes, "0012345,10219000", "Mappings: one row per mapping");
	is_str(cs, "100000000390,100000000391", "Countries: one row per country");
	free(langs);
	free(codes);
	free(cs);
	free(terms);
	free(names);
	free(maps);
	free(countries);
	free(attrs);
	book_free(&b);
}

/* The terms of the spreadsheet and the CSV, under the same filters: of
 * this fixture, and of the hostile one (terms without any name, odd
 * languages). */
static void test_rms_filters(void)
{
	static const char *const lists[] = {LIST, "900000000001"};
	static const char *const queries[] = {"", "?lang=fr", "?status=NON_CURRENT", "?q=solution",
					      "?domain=100000000012&sort=-id", "?q=zzzz"};
	for (size_t l = 0; l < 2; l++)
		for (size_t i = 0; i < sizeof queries / sizeof queries[0]; i++) {
			char path[256];
			snprintf(path, sizeof path, "/rms/lists/%s/export.csv%s", lists[l], queries[i]);
			char *want = csv_column(path, 1, true);
			snprintf(path, sizeof path, "/rms/lists/%s/export.xlsx%s", lists[l], queries[i]);
			struct book b;
			book_get(path, &b);
			char *terms = sheet(&b, 1), *got = column(terms, "B");
			if (!ok(b.r.status == 200 && strcmp(got, want) == 0, "%s: the CSV's terms, in its order (%s)", path,
				want))
				diag("got %s", got);
			free(want);
			free(got);
			free(terms);
			book_free(&b);
		}
	struct book b;
	book_get("/rms/lists/" LIST "/export.xlsx?lang=fr", &b);
	char *names = sheet(&b, 2), *langs = column(names, "B");
	is_str(langs, "fr", "?lang=fr: the names in French only");
	free(langs);
	free(names);
	book_free(&b);
	struct resp r;
	get("/rms/lists/999999999991/export.xlsx", &r);
	ok(r.status == 404, "an unknown list: 404");
	resp_free(&r);
	get("/rms/lists/" LIST "/export.xlsx?status=BAD", &r);
	ok(r.status == 400, "a filter out of its choices: 400");
	resp_free(&r);
}

/* ---- OMS ---- */

static void test_oms_file(void)
{
	struct book b;
	ok(book_get("/oms/export.xlsx?q=tabellen", &b), "/oms/export.xlsx is a zip file");
	char *type = header(&b.r, "Content-Type"), *disp = header(&b.r, "Content-Disposition");
	ok(b.r.status == 200 && type && strcmp(type, XLSX_TYPE) == 0 && disp &&
		   strcmp(disp, "attachment; filename=\"organisations.xlsx\"") == 0,
	   "200, %s, offered as organisations.xlsx", XLSX_TYPE);
	free(type);
	free(disp);
	is_str(b.sheets, "Organisations,Alternative Names,Identifiers,Locations", "one sheet per kind of row");
	char *orgs = sheet(&b, 1), *names = sheet(&b, 2), *idents = sheet(&b, 3), *locs = sheet(&b, 4);
	ok(frozen_filtered(orgs, "H", 3) && frozen_filtered(names, "C", 3) && frozen_filtered(idents, "E", 3) &&
		   frozen_filtered(locs, "U", 4),
	   "each sheet's header row is frozen and carries filters over all its rows");
	char *postal = column(locs, "H"), *loc_ids = column(locs, "B");
	is_str(postal, "06108,01067,04109", "postal codes are text: leading zeros kept");
	is_str(loc_ids, "LOC-390001003,LOC-390001001,LOC-390001002", "Locations: one row per location");
	ok(strcmp(text(locs, "G4"), "0042") == 0 && strcmp(text(idents, "C2"), "DE0012345") == 0,
	   "a PO box and an identifier's code are text");
	ok(date_is(&b, orgs, "G3", 45352, "yyyy-mm-dd hh:mm:ss") && date_is(&b, locs, "T4", 45292, "yyyy-mm-dd hh:mm:ss"),
	   "versions are dates and times (2024-03-01, 2024-01-01)");
	ok(date_is(&b, idents, "D2", 43466, "yyyy-mm-dd") && date_is(&b, idents, "E3", 45657, "yyyy-mm-dd"),
	   "an identifier's validity is a date alone (2019-01-01, 2024-12-31)");
	double v;
	int style;
	ok(number(locs, "N3", &v, &style) && v > 51.05 && v < 51.051, "coordinates are numbers");
	char *alt = column(names, "B");
	is_str(alt, "Spreadsheet Pharma,Pharma des Tableurs", "Alternative Names: one row per name");
	free(alt);
	free(postal);
	free(loc_ids);
	free(orgs);
	free(names);
	free(idents);
	free(locs);
	book_free(&b);
}

/* The organisations and locations of the spreadsheet and the CSV, under
 * the same filters and sorts. */
static void test_oms_filters(void)
{
	static const char *const queries[] = {"", "?sort=-name", "?sort=id", "?sort=-id&country=DE",
					      "?q=tabellen&sort=-name", "?postal_code=01067"};
	for (size_t i = 0; i < sizeof queries / sizeof queries[0]; i++) {
		char path[256];
		snprintf(path, sizeof path, "/oms/export.csv%s", queries[i]);
		char *want_orgs = csv_column(path, 0, true), *want_locs = csv_column(path, 14, false);
		snprintf(path, sizeof path, "/oms/export.xlsx%s", queries[i]);
		struct book b;
		book_get(path, &b);
		char *orgs = sheet(&b, 1), *locs = sheet(&b, 4), *got_orgs = column(orgs, "A"),
		     *got_locs = column(locs, "B");
		if (!ok(b.r.status == 200 && *want_orgs && strcmp(got_orgs, want_orgs) == 0 &&
				strcmp(got_locs, want_locs) == 0,
			"export.xlsx%s: the CSV's organisations and locations, in its order", queries[i]))
			diag("got %.200s / %.200s, want %.200s / %.200s", got_orgs, got_locs, want_orgs, want_locs);
		free(want_orgs);
		free(want_locs);
		free(got_orgs);
		free(got_locs);
		free(orgs);
		free(locs);
		book_free(&b);
	}
}

/* ---- the pages and what is left ---- */

static void test_links(void)
{
	struct resp r;
	get("/rms/lists/" LIST "?status=CURRENT", &r);
	ok(body_has(&r, "href=\"/rms/lists/" LIST "/export.csv?status=CURRENT\"") &&
		   body_has(&r, "href=\"/rms/lists/" LIST "/export.xlsx?status=CURRENT\""),
	   "a list's page links the spreadsheet beside the CSV, with its filters");
	resp_free(&r);
	get("/oms/organisations?country=DE&sort=-name", &r);
	ok(body_has(&r, "href=\"/oms/export.xlsx?country=DE&amp;sort=-name\""),
	   "so does the organisations' search");
	resp_free(&r);
	static const struct {
		const char *lang, *words;
	} pages[] = {{"en", "Excel"}, {"fr", "Excel"}, {"de", "Excel"}};
	for (size_t i = 0; i < sizeof pages / sizeof pages[0]; i++) {
		char path[128], link[160];
		snprintf(path, sizeof path, "/oms/organisations?lang=%s", pages[i].lang);
		snprintf(link, sizeof link, "href=\"/oms/export.xlsx?lang=%s\" download>%s", pages[i].lang, pages[i].words);
		get(path, &r);
		if (!ok(body_has(&r, link), "the link is named in %s", pages[i].lang))
			diag("want %s", link);
		resp_free(&r);
	}
}

static void test_no_files_left(void)
{
	char dir[4096];
	snprintf(dir, sizeof dir, "%s/tmp", getenv("SPOR_VAR"));
	DIR *d = opendir(dir);
	int left = 0;
	for (struct dirent *e; d && (e = readdir(d));)
		left += strncmp(e->d_name, "spor-export-", 12) == 0;
	if (d)
		closedir(d);
	ok(d && left == 0, "every workbook's temporary file is removed once sent (%d left in %s)", left, dir);
}

int main(void)
{
	client_init();
	if (!getenv("SPOR_TEST_BUILD") || !getenv("SPOR_CONFIG") || !getenv("SPOR_VAR"))
		skip_all("no test instance");
	const char *src = getenv("top_srcdir");
	char args[8192], *fx;
	snprintf(args, sizeof args, "%s/tests/fixtures", src ? src : ".");
	fx = realpath(args, NULL);
	snprintf(args, sizeof args, "import rms --list-name 'Spreadsheet fixture' '%s/rms/spreadsheet.csv'", fx);
	ok(dbtest_sporctl(NULL, args, NULL) == 0, "the RMS spreadsheet fixture is imported");
	snprintf(args, sizeof args, "import rms --list-name 'Hostile fixture' '%s/rms/hostile.csv'", fx);
	ok(dbtest_sporctl(NULL, args, NULL) == 3, "and the hostile one (some values dropped)");
	snprintf(args, sizeof args, "import oms '%s/oms/spreadsheet.csv'", fx);
	ok(dbtest_sporctl(NULL, args, NULL) == 0, "the OMS spreadsheet fixture is imported");
	free(fx);
	ok(dbtest_import_demo(), "the demonstration data is imported");
	test_rms_file();
	test_rms_filters();
	test_oms_file();
	test_oms_filters();
	test_links();
	test_no_files_left();
	return done_testing();
}
