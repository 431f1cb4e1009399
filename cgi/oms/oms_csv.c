/* Reading the EMA's "Export All Organisations" CSV (docs/oms-import.md):
 * one row per location, the organisation's fields repeated.  Each row is
 * made into a one-location organisation and checked by oms_org_canonical;
 * consecutive rows of one organisation are then joined, and each finished
 * organisation goes to the sink at once, so memory stays small. */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include "core/csv_read.h"
#include "core/export.h"
#include "core/mem.h"
#include "oms/oms_record.h"

enum col {
	C_ORG_ID, C_ORG_NAME, C_ACRONYM, C_TYPE, C_SIZE, C_ORG_STATUS, C_ORG_VERSION,
	C_ALT_NAMES, C_ALT_LANGS, C_ID_SYSTEMS, C_ID_CODES, C_ID_FROM, C_ID_TO, C_ORG_MERGED,
	C_LOC_ID, C_LINE1, C_LINE2, C_LINE3, C_LINE4, C_PO_BOX, C_POSTAL, C_CITY, C_COUNTY, C_REGION,
	C_COUNTRY_CODE, C_COUNTRY, C_LAT, C_LON, C_LOC_LANG, C_EMAIL, C_PHONE, C_LOC_STATUS, C_LOC_VERSION,
	C_LOC_MERGED, C__COUNT
};

const char *const oms_csv_columns[] = {
	"Organisation ID", "Organisation Name", "Organisation Acronym", "Organisation Type", "Organisation Size",
	"Organisation Status", "Organisation Version", "Alternative Names", "Alternative Name Languages",
	"Identifier Systems", "Identifier Codes", "Identifier Valid From", "Identifier Valid To",
	"Merged Organisation IDs", "Location ID", "Address Line 1", "Address Line 2", "Address Line 3",
	"Address Line 4", "PO Box", "Postal Code", "City", "County", "Region", "Country Code", "Country", "Latitude",
	"Longitude", "Location Language", "Email", "Phone", "Location Status", "Location Version",
	"Merged Location IDs"};
const size_t oms_csv_ncolumns = C__COUNT;

/* JSON keys of the plain fields, by column (NULL: handled apart). */
static const char *const org_keys[C_LOC_ID] = {"id", "name", "acronym", "type", "size", "status", "version"};
static const char *const loc_keys[C__COUNT] = {
	[C_LOC_ID] = "id", [C_PO_BOX] = "po_box", [C_POSTAL] = "postal_code", [C_CITY] = "city",
	[C_COUNTY] = "county", [C_REGION] = "region", [C_COUNTRY_CODE] = "country_code", [C_COUNTRY] = "country",
	[C_LAT] = "latitude", [C_LON] = "longitude", [C_LOC_LANG] = "lang", [C_EMAIL] = "email",
	[C_PHONE] = "phone", [C_LOC_STATUS] = "status", [C_LOC_VERSION] = "version"};


struct reader {
	struct arena *a;
	const struct oms_sink *sink;
	struct oms_read_stats *stats;
	int map[C__COUNT];
	bool have_header;
	json_t *org;		/* the organisation being joined, or NULL */
	unsigned long org_line; /* its first row */
	json_t *done;		/* ID → first line, of organisations handed over */
};

static const char *get(const struct reader *r, const struct csv_row *row, enum col c)
{
	int i = r->map[c];
	return i >= 0 && (size_t)i < row->n ? row->f[i] : "";
}

/* The `¦`-joined values of a field, as a JSON array of strings: none for an
 * empty field, and empty values kept ("a¦" is two, as exports write a
 * missing value among others). */
static json_t *split(const char *s)
{
	json_t *out = json_array();
	if (!*s)
		return out;
	for (;;) {
		const char *end = strstr(s, CSV_MULTI_SEP);
		size_t n = end ? (size_t)(end - s) : strlen(s);
		json_array_append_new(out, json_stringn(s, n));
		if (!end)
			return out;
		s = end + sizeof CSV_MULTI_SEP - 1;
	}
}

/* Objects of parallel multi-value columns: cols[0] leads, the others hold
 * as many values or none.  NULL when unbalanced. */
static json_t *parallel(const struct reader *r, const struct csv_row *row, const enum col *cols, const char *const *keys,
			size_t n)
{
	json_t *values[4], *out = json_array();
	size_t count = 0;
	bool ok = true;
	for (size_t k = 0; k < n; k++) {
		values[k] = split(get(r, row, cols[k]));
		size_t m = json_array_size(values[k]);
		if (k == 0)
			count = m;
		else if (m && m != count)
			ok = false;
	}
	for (size_t i = 0; ok && i < count; i++) {
		json_t *o = json_object();
		for (size_t k = 0; k < n; k++)
			json_object_set(o, keys[k], json_array_get(values[k], i));
		json_array_append_new(out, o);
	}
	for (size_t k = 0; k < n; k++)
		json_decref(values[k]);
	if (!ok)
		json_decref(out);
	return ok ? out : NULL;
}

static bool no_location(const struct reader *r, const struct csv_row *row)
{
	for (int c = C_LOC_ID; c < C__COUNT; c++)
		if (*get(r, row, (enum col)c))
			return false;
	return true;
}

static json_t *row_location(const struct reader *r, const struct csv_row *row)
{
	json_t *loc = json_object(), *address = json_array();
	for (int c = C_LOC_ID; c < C__COUNT; c++)
		if (loc_keys[c] && *get(r, row, (enum col)c))
			json_object_set_new(loc, loc_keys[c], json_string(get(r, row, (enum col)c)));
	for (int c = C_LINE1; c <= C_LINE4; c++)
		json_array_append_new(address, json_string(get(r, row, (enum col)c)));
	json_object_set_new(loc, "address", address);
	json_object_set_new(loc, "merged_ids", split(get(r, row, C_LOC_MERGED)));
	return loc;
}

/* The row as a rough organisation with at most one location; NULL with
 * the reason when multi-values do not pair up. */
static json_t *row_org(const struct reader *r, const struct csv_row *row, const char **why)
{
	static const enum col alt_cols[] = {C_ALT_NAMES, C_ALT_LANGS}, id_cols[] = {C_ID_SYSTEMS, C_ID_CODES,
										C_ID_FROM, C_ID_TO};
	static const char *const alt_keys[] = {"name", "lang"},
				 *const id_keys[] = {"system", "code", "valid_from", "valid_to"};
	json_t *alt = parallel(r, row, alt_cols, alt_keys, 2), *ids = parallel(r, row, id_cols, id_keys, 4);
	if (!alt || !ids) {
		*why = !alt ? "unbalanced multi-values: Alternative Names and their languages do not pair up"
			    : "unbalanced multi-values: the Identifier columns do not pair up";
		json_decref(alt);
		json_decref(ids);
		return NULL;
	}
	json_t *org = json_object(), *locs = json_array();
	for (int c = C_ORG_ID; c < C_LOC_ID; c++)
		if (org_keys[c] && *get(r, row, (enum col)c))
			json_object_set_new(org, org_keys[c], json_string(get(r, row, (enum col)c)));
	json_object_set_new(org, "alternative_names", alt);
	json_object_set_new(org, "identifiers", ids);
	json_object_set_new(org, "merged_ids", split(get(r, row, C_ORG_MERGED)));
	if (!no_location(r, row))
		json_array_append_new(locs, row_location(r, row));
	json_object_set_new(org, "locations", locs);
	return org;
}

/* One row: the organisation's columns, then the location's (or none). */
static void csv_location(struct arena *a, struct buf *out, const json_t *org, const json_t *loc)
{
	const json_t *alt = json_object_get(org, "alternative_names"), *ids = json_object_get(org, "identifiers");
	const json_t *addr = json_object_get(loc, "address");
	const char *cells[C__COUNT] = {0};
	for (int c = C_ORG_ID; c <= C_ORG_VERSION; c++)
		cells[c] = json_string_value(json_object_get(org, org_keys[c]));
	static const char *const org_lists[][2] = {{"alternative_names", "name"}, {"alternative_names", "lang"},
						   {"identifiers", "system"},	    {"identifiers", "code"},
						   {"identifiers", "valid_from"},   {"identifiers", "valid_to"}};
	for (size_t k = 0; k < 6; k++)
		cells[C_ALT_NAMES + k] = export_joined(a, k < 2 ? alt : ids, org_lists[k][1]);
	cells[C_ORG_MERGED] = export_joined(a, json_object_get(org, "merged_ids"), NULL);
	for (int c = C_LOC_ID; loc && c < C_LOC_MERGED; c++) {
		const json_t *v = c >= C_LINE1 && c <= C_LINE4 ? json_array_get(addr, (size_t)(c - C_LINE1))
							       : json_object_get(loc, loc_keys[c]);
		cells[c] = json_is_number(v) ? arena_printf(a, "%.6f", json_number_value(v)) : json_string_value(v);
	}
	if (loc)
		cells[C_LOC_MERGED] = export_joined(a, json_object_get(loc, "merged_ids"), NULL);
	for (size_t c = 0; c < oms_csv_ncolumns; c++)
		export_csv_field(out, cells[c], c == 0);
	buf_puts(out, "\r\n");
}

void oms_csv_write(struct arena *a, struct buf *out, const json_t *org)
{
	const json_t *locs = json_object_get(org, "locations");
	size_t i;
	json_t *loc;
	json_array_foreach(locs, i, loc) csv_location(a, out, org, loc);
	if (!json_array_size(locs))
		csv_location(a, out, org, NULL);
}

static void reject(struct reader *r, unsigned long line, const char *reason)
{
	r->stats->rejected++;
	if (r->sink->reject)
		r->sink->reject(r->sink->ctx, line, NULL, reason);
}

/* Hand the organisation being joined to the sink. */
static int flush(struct reader *r)
{
	if (!r->org)
		return 0;
	json_t *org = r->org;
	r->org = NULL;
	r->stats->organisations++;
	r->stats->locations += json_array_size(json_object_get(org, "locations"));
	json_object_set_new(r->done, json_string_value(json_object_get(org, "id")), json_integer((json_int_t)r->org_line));
	return r->sink->org(r->sink->ctx, org);
}

/* Equal organisation fields (everything but the locations). */
static bool same_org(const json_t *x, const json_t *y)
{
	const char *key;
	json_t *v;
	json_object_foreach((json_t *)x, key, v) if (strcmp(key, "locations") != 0 && !json_equal(v, json_object_get(y, key))) return false;
	return true;
}

/* Join a checked row into the organisation being read, or start the next. */
static int join(struct reader *r, json_t *org, unsigned long line)
{
	const char *id = json_string_value(json_object_get(org, "id"));
	json_t *first = json_object_get(r->done, id);
	if (first) {
		reject(r, line, arena_printf(r->a, "the rows of %s must follow each other; its first row is on line %lld",
					     id, (long long)json_integer_value(first)));
		json_decref(org);
		return 0;
	}
	if (r->org && strcmp(json_string_value(json_object_get(r->org, "id")), id) == 0) {
		json_t *loc = json_array_get(json_object_get(org, "locations"), 0), *locs = json_object_get(r->org, "locations");
		const char *why = !same_org(org, r->org) ? "its organisation fields differ from the organisation's first row"
				  : !loc ? "a row without a location for an organisation that has rows with one"
					 : NULL;
		for (size_t i = 0; !why && i < json_array_size(locs); i++)
			if (json_equal(json_object_get(json_array_get(locs, i), "id"), json_object_get(loc, "id")))
				why = "this location ID is on an earlier row of the organisation";
		if (why)
			reject(r, line, arena_printf(r->a, "%s (line %lu)", why, r->org_line));
		else
			json_array_append(locs, loc);
		json_decref(org);
		return 0;
	}
	int rc = flush(r);
	r->org = org;
	r->org_line = line;
	return rc;
}

static int read_header(struct reader *r, const struct csv_row *header)
{
	for (int c = 0; c < C__COUNT; c++)
		r->map[c] = csv_column(header, oms_csv_columns[c]);
	r->have_header = true;
	return r->map[C_ORG_ID] < 0 ? -1 : 0;
}

static int on_row(void *data, const struct csv_row *row)
{
	struct reader *r = data;
	if (!r->have_header)
		return read_header(r, row);
	r->stats->rows++;
	const char *why = row->overflow ? "too many fields" : row->nul ? "a field holds a NUL byte" : NULL;
	json_t *rough = why ? NULL : row_org(r, row, &why);
	char err[200];
	json_t *org = rough ? oms_org_canonical(rough, err, sizeof err) : NULL;
	json_decref(rough);
	if (!org) {
		reject(r, row->line, why ? why : err);
		return 0;
	}
	return join(r, org, row->line);
}

static void on_progress(void *data, size_t done, size_t total)
{
	struct reader *r = data;
	if (r->sink->progress)
		r->sink->progress(r->sink->ctx, done, total);
}

int oms_csv_read(const char *data, size_t len, const struct oms_sink *sink, struct oms_read_stats *stats, char *err,
		 size_t errsize)
{
	memset(stats, 0, sizeof *stats);
	struct reader r = {.a = arena_new(), .sink = sink, .stats = stats, .done = json_object()};
	unsigned long broken;
	int rc = csv_read(r.a, data, len, on_row, on_progress, &r, &broken, err, errsize);
	if (rc < 0 && r.have_header && r.map[C_ORG_ID] < 0)
		snprintf(err, errsize, "line 1: the header has no \"Organisation ID\" column: not an OMS export");
	if (rc == 1) {
		reject(&r, broken, err);
		err[0] = '\0';
		rc = 0;
	}
	if (rc == 0)
		rc = flush(&r) < 0 ? -1 : 0;
	json_decref(r.org);
	json_decref(r.done);
	arena_free(r.a);
	return rc;
}
