/* The EMA list export reader: header mapping, row checks and repair. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/csv_read.h"
#include "core/date.h"
#include "core/export.h"
#include "core/http_parse.h"
#include "core/mem.h"
#include "rms/rms_csv.h"
#include "rms/rms_csv_align.h"
#include "rms/rms_term_view.h"

/* The columns the portal reads, by their header names. */
enum col {
	COL_LIST, COL_TERM, COL_LANG,
	COL_NAME, COL_NAME_ON, COL_NAME_BY, COL_NAME_TR,
	COL_SHORT, COL_SHORT_ON, COL_SHORT_BY, COL_SHORT_TR,
	COL_OTHER, COL_OTHER_ON, COL_OTHER_BY, COL_OTHER_TR,
	COL_SYMBOL, COL_SYMBOL_ON, COL_SYMBOL_BY,
	COL_DESC, COL_DESC_ON, COL_DESC_BY, COL_DESC_TR,
	COL_DOMAIN, COL_LEVEL_SHORT, COL_LEVEL_NAME, COL_PARENT, COL_STATUS, COL_STATUS_ON, COL_CURRENT,
	COL_MAP_SOURCE, COL_MAP_CODE, COL_MAP_NAME, COL_MAP_MAIN, COL_MAP_VERSION, COL_MAP_STATUS,
	COL_COMMENTS, COL_COUNTRIES, COL_CREATED_ON, COL_CREATED_BY, COL_MODIFIED_ON, COL_MODIFIED_BY,
	COL_VERSION, COL_VERSION_DATE, COL_MAJOR, COL_VISIBILITY, COL_TAGS,
	COL_ATTR, /* Attribute 1, Attribute Value 1, ... Attribute 10, Attribute Value 10 */
	COL__COUNT = COL_ATTR + 20
};

static const char *const col_names[COL_ATTR] = {
	"List ID", "Term ID", "Language",
	"Term Name", "Term Name Modified On", "Term Name Modified By", "Term Name Translation Status",
	"Short Name", "Short Name Modified On", "Short Name Modified By", "Short Name Translation Status",
	"Other Name", "Other Name Modified On", "Other Name Modified By", "Other Name Translation Status",
	"Term Symbol", "Term Symbol Modified On", "Term Symbol Modified By",
	"Term Description", "Term Description Modified On", "Term Description Modified By",
	"Term Description Translation Status",
	"Domain ID", "List Hierarchical Level Short Name", "List Hierarchical Level Name", "Parent ID",
	"Term Status", "Term Status Modified On", "Current Term ID",
	"Mapping Source ID", "Mapping Source Term ID", "Source Provided Name", "Is Main Term Source",
	"Mapping Source Version", "Mapping Source Term Status",
	"Term Comments", "Applicable to Country ID", "Term Created On", "Term Created By", "Term Modified On",
	"Term Modified By", "Version Number", "Version Date", "Is Major Version", "Term Visibility",
	"User Defined Tags",
};

const size_t rms_csv_ncolumns = COL__COUNT;

const char *rms_csv_column(size_t i)
{
	static char attrs[20][24];
	if (i < COL_ATTR)
		return col_names[i];
	if (i >= COL__COUNT)
		return NULL;
	size_t k = i - COL_ATTR;
	if (!attrs[k][0])
		snprintf(attrs[k], sizeof attrs[k], k % 2 ? "Attribute Value %zu" : "Attribute %zu", k / 2 + 1);
	return attrs[k];
}

static const enum col required[] = {COL_LIST, COL_TERM, COL_LANG, COL_NAME, COL_STATUS};

struct reader {
	struct arena *a;
	const struct rms_sink *sink;
	struct rms_csv_stats *stats;
	int map[COL__COUNT]; /* column → field index in the header, or -1 */
	size_t ncols;        /* the header's columns */
	bool *read;          /* [ncols]: whether the reader reads the column */
	struct rms_align *al; /* from the header on */
	unsigned long row_line;
	char *err;
	size_t errsize;
};

static const char *col_name(enum col c, char *buf, size_t size)
{
	if (c < COL_ATTR)
		return col_names[c];
	int n = (c - COL_ATTR) / 2 + 1;
	snprintf(buf, size, (c - COL_ATTR) % 2 ? "Attribute Value %d" : "Attribute %d", n);
	return buf;
}

/* A row under the header's columns, read through the header map. */
struct row {
	const struct rms_aligned *al;
	const int *map;
};

/* A column's value; "" when the row has none or it is unreadable. */
static const char *get(const struct row *row, enum col c)
{
	int i = row->map[c];
	return i >= 0 && !row->al->why[i] ? row->al->cell[i] : "";
}

static bool unreadable(const struct row *row, enum col c)
{
	int i = row->map[c];
	return i >= 0 && row->al->why[i];
}

/* The n-th ¦-separated part of s (empty when absent). */
static const char *part(struct arena *a, const char *s, size_t n)
{
	for (size_t i = 0; i < n && s; i++) {
		s = csv_sep(s);
		if (s)
			s += 2;
	}
	if (!s)
		return "";
	const char *end = csv_sep(s);
	return end ? arena_strndup(a, s, (size_t)(end - s)) : s;
}

/* A date column's value: one date per value of its group; the text or term
 * was last changed on the latest of them, the index of which goes in *which
 * (0 without a date). */
static const char *latest_date(struct arena *a, const char *s, size_t *which)
{
	char out[20], latest[20] = "";
	size_t n = csv_parts(s);
	*which = 0;
	for (size_t i = 0; i < n; i++)
		if (date_normalize(part(a, s, i), out) && strcmp(out, latest) > 0) {
			memcpy(latest, out, sizeof latest);
			*which = i;
		}
	return *latest ? arena_strdup(a, latest) : NULL;
}

static const char *date_or_null(struct arena *a, const char *s)
{
	size_t which;
	return latest_date(a, s, &which);
}

static const char *or_null(const char *s)
{
	return *s ? s : NULL;
}

static void fill_text(struct reader *r, const struct row *row, struct rms_text *t, enum col first, bool has_status)
{
	if (unreadable(row, first))
		return; /* value NULL: the row says nothing of this text */
	/* "" states that the language has no such text.  Of a text of several
	 * values (¦), the portal keeps one date, author and status: those of
	 * the value changed last. */
	size_t last;
	t->value = get(row, first);
	t->modified_at = latest_date(r->a, get(row, first + 1), &last);
	t->modified_by = or_null(part(r->a, get(row, first + 2), last));
	t->status = has_status ? or_null(part(r->a, get(row, first + 3), last)) : NULL;
}

/* The term-level field each column gives, to mark it when unreadable. */
static const struct {
	enum col col;
	enum rms_field field;
} term_fields[] = {
	{COL_STATUS, RMS_F_STATUS},	      {COL_STATUS_ON, RMS_F_STATUS_ON},	    {COL_DOMAIN, RMS_F_DOMAIN},
	{COL_PARENT, RMS_F_PARENT},	      {COL_CURRENT, RMS_F_CURRENT},	    {COL_LEVEL_SHORT, RMS_F_LEVEL_SHORT},
	{COL_LEVEL_NAME, RMS_F_LEVEL_NAME},   {COL_COMMENTS, RMS_F_COMMENTS},	    {COL_TAGS, RMS_F_TAGS},
	{COL_VISIBILITY, RMS_F_VISIBILITY},   {COL_VERSION, RMS_F_VERSION},	    {COL_VERSION_DATE, RMS_F_VERSION_DATE},
	{COL_MAJOR, RMS_F_MAJOR},	      {COL_CREATED_ON, RMS_F_CREATED_ON},   {COL_CREATED_BY, RMS_F_CREATED_BY},
	{COL_MODIFIED_ON, RMS_F_MODIFIED_ON}, {COL_MODIFIED_BY, RMS_F_MODIFIED_BY}, {COL_COUNTRIES, RMS_F_COUNTRIES},
};

static unsigned dropped_fields(const struct row *row)
{
	unsigned d = 0;
	for (size_t i = 0; i < sizeof term_fields / sizeof term_fields[0]; i++)
		if (unreadable(row, term_fields[i].col))
			d |= RMS_DROPPED(term_fields[i].field);
	for (enum col c = COL_MAP_SOURCE; c <= COL_MAP_STATUS; c++)
		if (unreadable(row, c))
			d |= RMS_DROPPED(RMS_F_MAPPINGS);
	for (enum col c = COL_ATTR; c < COL__COUNT; c++)
		if (unreadable(row, c))
			d |= RMS_DROPPED(RMS_F_ATTRIBUTES);
	return d;
}

static void build_lists(struct arena *a, const struct row *row, struct rms_term_in *t)
{
	/* One mapping per part of the mapping columns (readable ones). */
	size_t nmap = 0;
	for (enum col c = COL_MAP_SOURCE; c <= COL_MAP_STATUS; c++)
		if (csv_parts(get(row, c)) > nmap)
			nmap = csv_parts(get(row, c));
	t->mappings = arena_zalloc(a, (nmap + 1) * sizeof *t->mappings);
	for (size_t i = 0; i < nmap; i++) {
		struct rms_mapping *m = &t->mappings[t->nmappings];
		m->source_id = or_null(part(a, get(row, COL_MAP_SOURCE), i));
		m->code = or_null(part(a, get(row, COL_MAP_CODE), i));
		m->name = or_null(part(a, get(row, COL_MAP_NAME), i));
		m->is_main = or_null(part(a, get(row, COL_MAP_MAIN), i));
		m->version = or_null(part(a, get(row, COL_MAP_VERSION), i));
		m->status = or_null(part(a, get(row, COL_MAP_STATUS), i));
		if (m->source_id || m->code)
			t->nmappings++;
	}
	size_t ncountries = csv_parts(get(row, COL_COUNTRIES));
	t->countries = arena_zalloc(a, (ncountries + 1) * sizeof *t->countries);
	for (size_t i = 0; i < ncountries; i++) {
		const char *c = part(a, get(row, COL_COUNTRIES), i);
		if (*c)
			t->countries[t->ncountries++] = c;
	}
	t->attributes = arena_zalloc(a, 10 * sizeof *t->attributes);
	for (int i = 0; i < 10; i++) {
		const char *name = get(row, (enum col)(COL_ATTR + 2 * i));
		if (*name)
			t->attributes[t->nattributes++] =
				(struct rms_attribute){name, or_null(get(row, (enum col)(COL_ATTR + 2 * i + 1)))};
	}
}

static void build(struct reader *r, const struct row *row, struct rms_term_in *t)
{
	struct arena *a = r->a;
	memset(t, 0, sizeof *t);
	t->line = r->row_line;
	t->list_id = or_null(get(row, COL_LIST));
	t->id = get(row, COL_TERM);
	t->lang = or_null(get(row, COL_LANG)); /* unreadable: the row's texts are not read */
	fill_text(r, row, &t->text[RMS_NAME], COL_NAME, true);
	fill_text(r, row, &t->text[RMS_SHORT], COL_SHORT, true);
	fill_text(r, row, &t->text[RMS_OTHER], COL_OTHER, true);
	fill_text(r, row, &t->text[RMS_SYMBOL], COL_SYMBOL, false);
	fill_text(r, row, &t->text[RMS_DESCRIPTION], COL_DESC, true);

	t->has_fields = true;
	t->dropped = dropped_fields(row);
	t->status = or_null(get(row, COL_STATUS));
	t->status_changed_at = date_or_null(a, get(row, COL_STATUS_ON));
	t->domain_id = or_null(get(row, COL_DOMAIN));
	t->parent_id = or_null(get(row, COL_PARENT));
	t->current_id = or_null(get(row, COL_CURRENT));
	t->level_short = or_null(get(row, COL_LEVEL_SHORT));
	t->level_name = or_null(get(row, COL_LEVEL_NAME));
	t->comments = or_null(get(row, COL_COMMENTS));
	t->user_tags = or_null(get(row, COL_TAGS));
	t->visibility = or_null(get(row, COL_VISIBILITY));
	t->version = or_null(get(row, COL_VERSION));
	t->version_date = date_or_null(a, get(row, COL_VERSION_DATE));
	t->is_major = or_null(get(row, COL_MAJOR));
	t->created_at = date_or_null(a, get(row, COL_CREATED_ON));
	t->created_by = or_null(get(row, COL_CREATED_BY));
	t->modified_at = date_or_null(a, get(row, COL_MODIFIED_ON));
	t->modified_by = or_null(get(row, COL_MODIFIED_BY));
	build_lists(a, row, t);
}

static void reject(struct reader *r, const char *reason)
{
	r->stats->rejected++;
	if (r->sink->reject)
		r->sink->reject(r->sink->ctx, r->row_line, reason);
}

static void drop(struct reader *r, const char *column, const char *reason)
{
	r->stats->dropped++;
	if (r->sink->drop)
		r->sink->drop(r->sink->ctx, r->row_line, column, reason);
}

/* Report each value the portal reads and could not. */
static void report_drops(struct reader *r, const struct row *row, const struct csv_row *csv)
{
	char buf[32];
	for (int c = 0; c < COL__COUNT; c++)
		if (unreadable(row, (enum col)c))
			drop(r, col_name((enum col)c, buf, sizeof buf), row->al->why[r->map[c]]);
	/* A column the reader does not read stores nothing, yet a NUL byte in
	 * it is said like one in any other. */
	for (size_t h = 0; h < r->ncols; h++)
		if (!r->read[h] && row->al->why[h] && strcmp(row->al->why[h], WHY_NUL) == 0)
			drop(r, arena_printf(r->a, "column %zu", h + 1), WHY_NUL);
	if (row->al->extra)
		drop(r, "(after the last)", arena_printf(r->a, "%zu field%s more than the header has columns",
							  row->al->extra, row->al->extra == 1 ? "" : "s"));
	if (csv->overflow)
		drop(r, "(after the last)", "more than 512 fields: the rest are not read");
}

static int read_header(struct reader *r, const struct csv_row *header)
{
	char buf[32];
	r->ncols = header->n;
	r->read = arena_alloc(r->a, header->n * sizeof *r->read);
	memset(r->read, 0, header->n * sizeof *r->read);
	for (int c = 0; c < COL__COUNT; c++) {
		r->map[c] = csv_column(header, col_name((enum col)c, buf, sizeof buf));
		if (r->map[c] >= 0)
			r->read[r->map[c]] = true;
	}
	for (size_t i = 0; i < sizeof required / sizeof required[0]; i++)
		if (r->map[required[i]] < 0) {
			snprintf(r->err, r->errsize, "line %lu: the header has no \"%s\" column: not an EMA list export",
				 header->line, col_names[required[i]]);
			return -1;
		}
	r->al = rms_align_new(header);
	return 0;
}

static int on_row(void *data, const struct csv_row *csv)
{
	struct reader *r = data;
	r->row_line = csv->line;
	if (!r->al)
		return read_header(r, csv);
	r->stats->rows++;
	struct rms_aligned al;
	rms_align_row(r->al, r->a, csv, &al);
	struct row row = {&al, r->map};
	/* The term ID comes second, before any free text: no comma moves it.
	 * Without it the row belongs to no term. */
	if (!*get(&row, COL_TERM)) {
		reject(r, unreadable(&row, COL_TERM)
				  ? arena_printf(r->a, "Term ID %s: the row is no term's", al.why[r->map[COL_TERM]])
				  : "Term ID is empty: the row is no term's");
		return 0;
	}
	r->stats->repaired += al.realigned;
	report_drops(r, &row, csv);
	struct rms_term_in t;
	build(r, &row, &t);
	return r->sink->term && r->sink->term(r->sink->ctx, &t) < 0 ? -1 : 0;
}

static void on_progress(void *data, size_t done, size_t total)
{
	struct reader *r = data;
	if (r->sink->progress)
		r->sink->progress(r->sink->ctx, done, total);
}

int rms_csv_read(struct arena *a, const char *data, size_t len, const struct rms_sink *sink,
		 struct rms_csv_stats *stats, char *err, size_t errsize)
{
	memset(stats, 0, sizeof *stats);
	struct reader r = {.a = a, .sink = sink, .stats = stats, .err = err, .errsize = errsize};
	unsigned long broken;
	int rc = csv_read(a, data, len, on_row, on_progress, &r, &broken, err, errsize);
	if (rc == 1) {
		/* The rows before the broken quote stand; the rest is lost. */
		r.row_line = broken;
		reject(&r, err);
		err[0] = '\0';
		rc = 0;
	}
	if (rc == 0 && !r.al) {
		snprintf(err, errsize, "the file is empty: no header row");
		rc = -1;
	}
	rms_align_free(r.al);
	return rc;
}

/* A snapshot's date ("2024-01-15 00:00:00") as the export writes it. */
static const char *iso(struct arena *a, const char *d)
{
	if (!d || strlen(d) != 19)
		return d;
	char *s = arena_printf(a, "%sZ", d);
	s[10] = 'T';
	return s;
}

/* Values joined with ¦, NULL standing for none; NULL when there are no
 * values, or none is set. */
static const char *joined(struct arena *a, const char *const *values, size_t n)
{
	struct buf b;
	buf_init(&b, a);
	bool any = false;
	for (size_t i = 0; i < n; i++) {
		const char *v = values[i];
		buf_puts(&b, i ? CSV_MULTI_SEP : "");
		buf_puts(&b, v ? v : "");
		any |= v != NULL;
	}
	return any ? buf_str(&b) : NULL;
}

/* One field of every mapping, joined with ¦ (NULL without mappings). */
static const char *mapping_field(struct arena *a, const struct rms_term_view *v, size_t field)
{
	if (!v->nmappings)
		return NULL;
	struct buf b;
	buf_init(&b, a);
	for (size_t i = 0; i < v->nmappings; i++) {
		const struct rms_view_mapping *m = &v->mappings[i];
		const char *fields[] = {m->source, m->code, m->name, rms_term_view_flag(m->main, "Y", "N"),
					m->version, m->status};
		buf_puts(&b, i ? CSV_MULTI_SEP : "");
		buf_puts(&b, fields[field] ? fields[field] : "");
	}
	return buf_str(&b);
}

/* The term-level cells, the same in each language's row. */
static void term_cells(struct arena *a, const struct rms_term_view *v, const char **c)
{
	c[COL_LIST] = v->list;
	c[COL_TERM] = v->id;
	c[COL_DOMAIN] = v->domain;
	c[COL_LEVEL_SHORT] = v->level_short;
	c[COL_LEVEL_NAME] = v->level_name;
	c[COL_PARENT] = v->parent;
	c[COL_STATUS] = v->status;
	c[COL_STATUS_ON] = iso(a, v->status_changed_at);
	c[COL_CURRENT] = v->replaced_by;
	for (size_t k = 0; k < 6; k++) /* source, code, name, main, version, status */
		c[COL_MAP_SOURCE + k] = mapping_field(a, v, k);
	c[COL_COMMENTS] = v->comments;
	c[COL_COUNTRIES] = joined(a, v->countries, v->ncountries);
	c[COL_CREATED_ON] = iso(a, v->created);
	c[COL_CREATED_BY] = v->created_by;
	c[COL_MODIFIED_ON] = iso(a, v->modified);
	c[COL_MODIFIED_BY] = v->modified_by;
	c[COL_VERSION] = v->version;
	c[COL_VERSION_DATE] = iso(a, v->version_date);
	c[COL_MAJOR] = rms_term_view_flag(v->major, "Y", "N");
	c[COL_VISIBILITY] = v->visibility;
	c[COL_TAGS] = v->tags;
	for (size_t i = 0; i < v->nattributes && i < 10; i++) {
		c[COL_ATTR + 2 * i] = v->attributes[i].name;
		c[COL_ATTR + 2 * i + 1] = v->attributes[i].value;
	}
}

/* The texts of one language; symbols have no translation status. */
/* A text stored whole from several values (its parts joined with `¦`)
 * keeps one date, author and status: written once per part, so that the
 * group's columns hold as many parts as its value and read back the same. */
static const char *per_part(struct arena *a, const char *cell, size_t parts)
{
	if (!cell || !*cell || parts < 2)
		return cell;
	struct buf b;
	buf_init(&b, a);
	for (size_t i = 0; i < parts; i++) {
		if (i)
			buf_puts(&b, CSV_MULTI_SEP);
		buf_puts(&b, cell);
	}
	return buf_str(&b);
}

static void text_cells(struct arena *a, const struct rms_view_text *text, const char **c)
{
	static const enum col first[RMS_KINDS] = {[RMS_NAME] = COL_NAME, [RMS_SHORT] = COL_SHORT,
						  [RMS_OTHER] = COL_OTHER, [RMS_SYMBOL] = COL_SYMBOL,
						  [RMS_DESCRIPTION] = COL_DESC};
	for (int k = 0; k < RMS_KINDS; k++) {
		const struct rms_view_kind *t = &text->kind[k];
		size_t parts = t->value && *t->value ? csv_parts(t->value) : 1;
		c[first[k]] = t->value;
		c[first[k] + 1] = per_part(a, iso(a, t->modified_at), parts);
		c[first[k] + 2] = per_part(a, t->modified_by, parts);
		if (k != RMS_SYMBOL)
			c[first[k] + 3] = per_part(a, t->status, parts);
	}
}

static int by_lang(const void *x, const void *y)
{
	return strcmp((*(const struct rms_view_text *const *)x)->lang, (*(const struct rms_view_text *const *)y)->lang);
}

size_t rms_csv_langs(struct arena *a, const struct rms_term_view *v, const char *lang,
		     const struct rms_view_text ***out)
{
	size_t n = 0;
	const struct rms_view_text **texts = arena_alloc(a, (v->ntexts + 1) * sizeof *texts);
	for (size_t i = 0; i < v->ntexts; i++)
		if (v->texts[i].kind[RMS_NAME].present && (!lang || strcmp(v->texts[i].lang, lang) == 0))
			texts[n++] = &v->texts[i];
	qsort(texts, n, sizeof *texts, by_lang);
	*out = texts;
	return n;
}

size_t rms_csv_write(struct arena *a, struct buf *out, const struct rms_term_view *v, const char *lang)
{
	const struct rms_view_text **texts;
	size_t n = rms_csv_langs(a, v, lang, &texts), rows = 0;
	const char *term[COL__COUNT] = {0};
	term_cells(a, v, term);
	/* A term without a name in any language (its names were unreadable
	 * where it came from) is still one row, without a language. */
	bool nameless = n == 0 && !lang;
	for (size_t i = 0; i < n || (nameless && i == 0); i++, rows++) {
		const char *c[COL__COUNT];
		memcpy(c, term, sizeof c);
		c[COL_LANG] = nameless ? NULL : texts[i]->lang;
		if (!nameless)
			text_cells(a, texts[i], c);
		for (size_t k = 0; k < COL__COUNT; k++)
			export_csv_field(out, c[k], k == 0);
		buf_puts(out, "\r\n");
	}
	return rows;
}
