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

/* Free-text columns: where an unquoted comma may have split a value. */
static const enum col free_text[] = {COL_NAME, COL_SHORT, COL_OTHER, COL_SYMBOL, COL_DESC, COL_MAP_CODE,
				     COL_MAP_NAME, COL_COMMENTS, COL_TAGS};

static const enum col date_cols[] = {COL_NAME_ON, COL_SHORT_ON, COL_OTHER_ON, COL_SYMBOL_ON, COL_DESC_ON,
				     COL_STATUS_ON, COL_CREATED_ON, COL_MODIFIED_ON, COL_VERSION_DATE};


struct reader {
	struct arena *a;
	const struct rms_sink *sink;
	struct rms_csv_stats *stats;
	int map[COL__COUNT]; /* column → field index in the header, or -1 */
	size_t header_fields;
	bool have_header;
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

/* A row as an array of field values, read through the header map. */
struct row {
	const char **f;
	size_t n;
	const int *map;
};

static const char *get(const struct row *row, enum col c)
{
	int i = row->map[c];
	return i >= 0 && (size_t)i < row->n ? row->f[i] : "";
}

static size_t count_parts(const char *s)
{
	if (!*s)
		return 0;
	size_t n = 1;
	for (const char *p = strstr(s, CSV_MULTI_SEP); p; p = strstr(p + 2, CSV_MULTI_SEP))
		n++;
	return n;
}

static bool digits_or_empty(const char *s)
{
	for (; *s; s++)
		if (*s < '0' || *s > '9')
			return false;
	return true;
}

static bool parts_are_ids(const char *s)
{
	while (*s) {
		const char *sep = strstr(s, CSV_MULTI_SEP);
		size_t n = sep ? (size_t)(sep - s) : strlen(s);
		if (n && (n != 12 || strspn(s, "0123456789") < 12))
			return false;
		s += n + (sep ? 2 : 0);
	}
	return true;
}

/* Why a row is not a well-formed export row, or NULL when it is. */
static const char *check_row(const struct row *row, size_t header_fields)
{
	if (row->n > header_fields)
		return "more fields than the header has columns";
	if (!rms_is_id(get(row, COL_LIST)))
		return "List ID is not 12 digits";
	if (!rms_is_id(get(row, COL_TERM)))
		return "Term ID is not 12 digits";
	if (!rms_is_lang(get(row, COL_LANG)))
		return "Language is not a language code";
	if (!rms_is_status(get(row, COL_STATUS)))
		return "Term Status is not PROVISIONAL, CURRENT, NON_CURRENT or NULLIFIED";
	if (!*get(row, COL_NAME))
		return "Term Name is empty";
	const enum col ids[] = {COL_DOMAIN, COL_PARENT, COL_CURRENT};
	for (size_t i = 0; i < sizeof ids / sizeof ids[0]; i++)
		if (*get(row, ids[i]) && !rms_is_id(get(row, ids[i])))
			return "an ID column (domain, parent or current term) is not 12 digits";
	char out[20];
	for (size_t i = 0; i < sizeof date_cols / sizeof date_cols[0]; i++)
		if (!date_normalize(get(row, date_cols[i]), out))
			return "a date column holds no date";
	if (!digits_or_empty(get(row, COL_VERSION)))
		return "Version Number is not a number";
	const char *major = get(row, COL_MAJOR);
	if (*major && strcmp(major, "Y") != 0 && strcmp(major, "N") != 0)
		return "Is Major Version is not Y or N";
	const char *vis = get(row, COL_VISIBILITY);
	if (*vis && strcmp(vis, "PUBLIC") != 0 && strcmp(vis, "PRIVATE") != 0)
		return "Term Visibility is not PUBLIC or PRIVATE";
	if (!parts_are_ids(get(row, COL_MAP_SOURCE)) || !parts_are_ids(get(row, COL_COUNTRIES)))
		return "a mapping source or country is not 12 digits";
	/* The mapping columns hold one value per mapping, all alike in number. */
	size_t n = count_parts(get(row, COL_MAP_SOURCE));
	for (enum col c = COL_MAP_CODE; c <= COL_MAP_STATUS; c++) {
		size_t k = count_parts(get(row, c));
		if (k && k != n)
			return "the mapping columns disagree in their number of values";
	}
	return NULL;
}

/* Join fields [c, c+k] with the commas that split them. */
static struct row merged(struct arena *a, const struct row *row, size_t c, size_t k)
{
	struct row m = {arena_alloc(a, row->n * sizeof *m.f), row->n - k, row->map};
	struct buf b;
	buf_init(&b, a);
	for (size_t i = c; i <= c + k; i++) {
		if (i > c)
			buf_putc(&b, ',');
		buf_puts(&b, row->f[i]);
	}
	memcpy(m.f, row->f, c * sizeof *m.f);
	m.f[c] = buf_str(&b);
	memcpy(m.f + c + 1, row->f + c + k + 1, (row->n - c - k - 1) * sizeof *m.f);
	return m;
}

/* Try re-joining each free-text field with the 1 to 3 fields after it. */
static bool repair(struct reader *r, struct row *row)
{
	for (size_t i = 0; i < sizeof free_text / sizeof free_text[0]; i++) {
		int c = r->map[free_text[i]];
		for (size_t k = 1; c >= 0 && k <= 3 && (size_t)c + k < row->n; k++) {
			struct row m = merged(r->a, row, (size_t)c, k);
			if (!check_row(&m, r->header_fields)) {
				*row = m;
				return true;
			}
		}
	}
	return false;
}

static const char *date_or_null(struct arena *a, const char *s)
{
	char out[20];
	if (!*s || !date_normalize(s, out))
		return NULL;
	return arena_strdup(a, out);
}

static const char *or_null(const char *s)
{
	return *s ? s : NULL;
}

/* The n-th ¦-separated part of s (empty when absent). */
static const char *part(struct arena *a, const char *s, size_t n)
{
	for (size_t i = 0; i < n && s; i++) {
		s = strstr(s, CSV_MULTI_SEP);
		if (s)
			s += 2;
	}
	if (!s)
		return "";
	const char *end = strstr(s, CSV_MULTI_SEP);
	return end ? arena_strndup(a, s, (size_t)(end - s)) : s;
}

static void fill_text(struct arena *a, struct rms_text *t, const char *value, const char *on, const char *by,
		      const char *tr)
{
	t->value = value; /* "" states that the language has no such text */
	t->modified_at = date_or_null(a, on);
	t->modified_by = or_null(by);
	t->status = or_null(tr);
}

static void build(struct reader *r, const struct row *row, struct rms_term_in *t)
{
	struct arena *a = r->a;
	memset(t, 0, sizeof *t);
	t->line = r->row_line;
	t->list_id = get(row, COL_LIST);
	t->id = get(row, COL_TERM);
	t->lang = get(row, COL_LANG);
	fill_text(a, &t->text[RMS_NAME], get(row, COL_NAME), get(row, COL_NAME_ON), get(row, COL_NAME_BY),
		  get(row, COL_NAME_TR));
	fill_text(a, &t->text[RMS_SHORT], get(row, COL_SHORT), get(row, COL_SHORT_ON), get(row, COL_SHORT_BY),
		  get(row, COL_SHORT_TR));
	fill_text(a, &t->text[RMS_OTHER], get(row, COL_OTHER), get(row, COL_OTHER_ON), get(row, COL_OTHER_BY),
		  get(row, COL_OTHER_TR));
	fill_text(a, &t->text[RMS_SYMBOL], get(row, COL_SYMBOL), get(row, COL_SYMBOL_ON), get(row, COL_SYMBOL_BY),
		  "");
	fill_text(a, &t->text[RMS_DESCRIPTION], get(row, COL_DESC), get(row, COL_DESC_ON), get(row, COL_DESC_BY),
		  get(row, COL_DESC_TR));

	t->has_fields = true;
	t->status = get(row, COL_STATUS);
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

	size_t nmap = count_parts(get(row, COL_MAP_SOURCE));
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
	size_t ncountries = count_parts(get(row, COL_COUNTRIES));
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

static void reject(struct reader *r, const char *reason)
{
	r->stats->rejected++;
	if (r->sink->reject)
		r->sink->reject(r->sink->ctx, r->row_line, reason);
}

static int read_header(struct reader *r, const struct csv_row *header)
{
	char buf[32];
	r->header_fields = header->n;
	for (int c = 0; c < COL__COUNT; c++)
		r->map[c] = csv_column(header, col_name((enum col)c, buf, sizeof buf));
	for (size_t i = 0; i < sizeof required / sizeof required[0]; i++)
		if (r->map[required[i]] < 0) {
			snprintf(r->err, r->errsize, "line %lu: the header has no \"%s\" column: not an EMA list export",
				 header->line, col_names[required[i]]);
			return -1;
		}
	r->have_header = true;
	return 0;
}

static int on_row(void *data, const struct csv_row *csv)
{
	struct reader *r = data;
	r->row_line = csv->line;
	if (!r->have_header)
		return read_header(r, csv);
	r->stats->rows++;
	struct row row = {csv->f, csv->n, r->map};
	const char *why = NULL;
	for (size_t i = 0; i < csv->n && !why; i++)
		if (!text_is_clean(csv->f[i], strlen(csv->f[i])))
			why = "a field is not valid UTF-8";
	if (csv->nul)
		why = "a field holds a NUL byte";
	if (csv->overflow)
		why = "too many fields";
	if (!why && (why = check_row(&row, r->header_fields)) != NULL && repair(r, &row)) {
		why = NULL;
		r->stats->repaired++;
	}
	if (why) {
		reject(r, why);
		return 0;
	}
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
	if (rc == 0 && !r.have_header) {
		snprintf(err, errsize, "the file is empty: no header row");
		rc = -1;
	}
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

static const char *jstr(const json_t *o, const char *key)
{
	return json_string_value(json_object_get(o, key));
}

static const char *yes_no(const json_t *v)
{
	return json_is_true(v) ? "Y" : json_is_false(v) ? "N" : NULL;
}

/* One field of every mapping, joined with ¦ (NULL without mappings). */
static const char *mapping_field(struct arena *a, const json_t *maps, const char *key)
{
	if (!json_array_size(maps))
		return NULL;
	struct buf b;
	buf_init(&b, a);
	size_t i;
	json_t *m;
	json_array_foreach(maps, i, m)
	{
		const char *v = strcmp(key, "main") == 0 ? yes_no(json_object_get(m, "main")) : jstr(m, key);
		buf_puts(&b, i ? CSV_MULTI_SEP : "");
		buf_puts(&b, v ? v : "");
	}
	return buf_str(&b);
}

/* The term-level cells, the same in each language's row. */
static void term_cells(struct arena *a, const json_t *snap, const char **c)
{
	const json_t *level = json_object_get(snap, "level"), *maps = json_object_get(snap, "mappings");
	const json_t *created = json_object_get(snap, "created"), *modified = json_object_get(snap, "modified");
	static const char *const map_keys[] = {"source", "code", "name", "main", "version", "status"};
	c[COL_LIST] = jstr(snap, "list");
	c[COL_TERM] = jstr(snap, "id");
	c[COL_DOMAIN] = jstr(snap, "domain");
	c[COL_LEVEL_SHORT] = jstr(level, "short");
	c[COL_LEVEL_NAME] = jstr(level, "name");
	c[COL_PARENT] = jstr(snap, "parent");
	c[COL_STATUS] = jstr(snap, "status");
	c[COL_STATUS_ON] = iso(a, jstr(snap, "status_changed_at"));
	c[COL_CURRENT] = jstr(snap, "replaced_by");
	for (size_t k = 0; k < 6; k++)
		c[COL_MAP_SOURCE + k] = mapping_field(a, maps, map_keys[k]);
	c[COL_COMMENTS] = jstr(snap, "comments");
	c[COL_COUNTRIES] = export_joined(a, json_object_get(snap, "countries"), NULL);
	c[COL_CREATED_ON] = iso(a, jstr(created, "at"));
	c[COL_CREATED_BY] = jstr(created, "by");
	c[COL_MODIFIED_ON] = iso(a, jstr(modified, "at"));
	c[COL_MODIFIED_BY] = jstr(modified, "by");
	const json_t *version = json_object_get(snap, "version");
	c[COL_VERSION] = json_is_integer(version) ? arena_printf(a, "%lld", (long long)json_integer_value(version)) : NULL;
	c[COL_VERSION_DATE] = iso(a, jstr(snap, "version_date"));
	c[COL_MAJOR] = yes_no(json_object_get(snap, "major"));
	c[COL_VISIBILITY] = jstr(snap, "visibility");
	c[COL_TAGS] = jstr(snap, "tags");
	size_t i;
	json_t *attr;
	json_array_foreach(json_object_get(snap, "attributes"), i, attr) if (i < 10)
	{
		c[COL_ATTR + 2 * i] = jstr(attr, "name");
		c[COL_ATTR + 2 * i + 1] = jstr(attr, "value");
	}
}

/* The texts of one language; symbols have no translation status. */
static void text_cells(struct arena *a, const json_t *texts, const char **c)
{
	static const struct {
		const char *kind;
		enum col first;
	} kinds[] = {{"name", COL_NAME}, {"short", COL_SHORT}, {"other", COL_OTHER}, {"symbol", COL_SYMBOL},
		     {"description", COL_DESC}};
	for (size_t k = 0; k < sizeof kinds / sizeof kinds[0]; k++) {
		const json_t *t = json_object_get(texts, kinds[k].kind);
		c[kinds[k].first] = jstr(t, "value");
		c[kinds[k].first + 1] = iso(a, jstr(t, "modified_at"));
		c[kinds[k].first + 2] = jstr(t, "modified_by");
		if (kinds[k].first != COL_SYMBOL)
			c[kinds[k].first + 3] = jstr(t, "status");
	}
}

static int by_code(const void *x, const void *y)
{
	return strcmp(*(const char *const *)x, *(const char *const *)y);
}

size_t rms_csv_langs(struct arena *a, const json_t *snap, const char *lang, const char ***out)
{
	const json_t *texts = json_object_get(snap, "texts");
	size_t n = 0;
	const char **langs = arena_alloc(a, (json_object_size(texts) + 1) * sizeof *langs), *key;
	json_t *v;
	json_object_foreach((json_t *)texts, key, v) if (json_object_get(v, "name") && (!lang || strcmp(key, lang) == 0))
		langs[n++] = key;
	qsort(langs, n, sizeof *langs, by_code);
	*out = langs;
	return n;
}

size_t rms_csv_write(struct arena *a, struct buf *out, const json_t *snap, const char *lang)
{
	const json_t *texts = json_object_get(snap, "texts");
	const char **langs;
	size_t n = rms_csv_langs(a, snap, lang, &langs), rows = 0;
	const char *term[COL__COUNT] = {0};
	if (n)
		term_cells(a, snap, term);
	for (size_t i = 0; i < n; i++, rows++) {
		const char *c[COL__COUNT];
		memcpy(c, term, sizeof c);
		c[COL_LANG] = langs[i];
		text_cells(a, json_object_get(texts, langs[i]), c);
		for (size_t k = 0; k < COL__COUNT; k++)
			export_csv_field(out, c[k], k == 0);
		buf_puts(out, "\r\n");
	}
	return rows;
}
