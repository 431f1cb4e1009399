/* Checking an OMS organisation and writing its canonical form. */
#include "config.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/country.h"
#include "core/csv_read.h"
#include "core/date.h"
#include "core/field.h"
#include "core/http_parse.h"
#include "oms/oms_record.h"

bool oms_is_org_id(const char *s)
{
	return s && field_is_prefixed_id(s, "ORG-");
}

bool oms_is_loc_id(const char *s)
{
	return s && field_is_prefixed_id(s, "LOC-");
}

json_t *oms_record_location(const json_t *record, const char *loc_id)
{
	size_t i;
	json_t *loc;
	json_array_foreach(json_object_get(record, "locations"), i, loc)
	{
		const char *id = json_string_value(json_object_get(loc, "id"));
		if (loc_id && id && strcmp(id, loc_id) == 0)
			return loc;
	}
	return NULL;
}

/* K_JOINED: text that the CSV export joins with its siblings by ¦. */
enum kind {
	K_TEXT, K_JOINED, K_ORGID, K_LOCID, K_STATUS, K_SIZE, K_DATETIME, K_DATE, K_LANG, K_EMAIL, K_LAT, K_LON, K_COUNTRY
};

struct spec {
	const char *key, *label;
	enum kind kind;
	size_t max; /* characters, for K_TEXT, K_JOINED and K_EMAIL */
	bool required;
};

static const struct spec org_fields[] = {
	{"id", "the organisation ID", K_ORGID, 0, true},
	{"name", "the organisation name", K_TEXT, 500, true},
	{"acronym", "the acronym", K_TEXT, 100, false},
	{"type", "the organisation type", K_TEXT, 100, false},
	{"size", "the organisation size", K_SIZE, 0, false},
	{"status", "the organisation status", K_STATUS, 0, true},
	{"version", "the organisation version", K_DATETIME, 0, false},
};

static const struct spec loc_fields[] = {
	{"id", "the location ID", K_LOCID, 0, true},
	{"po_box", "the PO box", K_TEXT, 100, false},
	{"postal_code", "the postal code", K_TEXT, 40, false},
	{"city", "the city", K_TEXT, 200, true},
	{"county", "the county", K_TEXT, 200, false},
	{"region", "the region", K_TEXT, 200, false},
	{"country_code", "the country code", K_COUNTRY, 0, true},
	{"country", "the country name", K_TEXT, 200, false},
	{"latitude", "the latitude", K_LAT, 0, false},
	{"longitude", "the longitude", K_LON, 0, false},
	{"lang", "the location language", K_LANG, 0, false},
	{"email", "the email address", K_EMAIL, 254, false},
	{"phone", "the phone number", K_TEXT, 60, false},
	{"status", "the location status", K_STATUS, 0, true},
	{"version", "the location version", K_DATETIME, 0, false},
};

static const struct spec alt_fields[] = {
	{"name", "an alternative name", K_JOINED, 500, true},
	{"lang", "an alternative name's language", K_LANG, 0, false},
};

static const struct spec id_fields[] = {
	{"system", "an identifier's code system", K_JOINED, 100, true},
	{"code", "an identifier's code", K_JOINED, 100, true},
	{"valid_from", "an identifier's start date", K_DATE, 0, false},
	{"valid_to", "an identifier's end date", K_DATE, 0, false},
};

#define NFIELDS(a) (sizeof a / sizeof a[0])

static size_t chars(const char *s)
{
	size_t n = 0;
	for (; *s; s++)
		n += ((unsigned char)*s & 0xc0) != 0x80;
	return n;
}

static bool has_control(const char *s)
{
	for (; *s; s++)
		if ((unsigned char)*s < 0x20 || *s == 0x7f)
			return true;
	return false;
}

static json_t *coordinate(const json_t *v, double limit)
{
	double d;
	char *end = NULL;
	if (json_is_number(v))
		d = json_number_value(v);
	else if (!json_is_string(v) || (d = strtod(json_string_value(v), &end), *end != '\0'))
		return NULL;
	if (!isfinite(d) || d < -limit || d > limit)
		return NULL;
	char six[32]; /* six decimals: about 10 cm */
	snprintf(six, sizeof six, "%.6f", d);
	return json_real(strtod(six, NULL));
}

/* The canonical value of a string field `s` (non-empty, clean). */
static json_t *text_value(const struct spec *f, const char *s, char *err, size_t n)
{
	char date[20];
	static const char *const statuses[] = {"PROVISIONAL", "ACTIVE", "INACTIVE", "DELETED", NULL};
	static const char *const sizes[] = {"Micro", "Small", "Medium", "Large", NULL};
	const char *const *set = f->kind == K_STATUS ? statuses : f->kind == K_SIZE ? sizes : NULL;
	switch (f->kind) {
	case K_ORGID:
	case K_LOCID:
		if (!(f->kind == K_ORGID ? oms_is_org_id(s) : oms_is_loc_id(s)))
			break;
		return json_string(s);
	case K_STATUS:
	case K_SIZE:
		for (size_t i = 0; set[i]; i++)
			if (strcmp(s, set[i]) == 0)
				return json_string(s);
		break;
	case K_DATETIME:
	case K_DATE:
		if (!date_normalize(s, date))
			break;
		date[10] = f->kind == K_DATE ? '\0' : 'T';
		return f->kind == K_DATE ? json_string(date) : json_sprintf("%sZ", date);
	case K_LANG:
		if (!field_is_lang(s))
			break;
		return json_string(s);
	case K_COUNTRY: {
		const char *code = country_code(s);
		if (code)
			return json_string(code);
		snprintf(err, n, "unknown country code \"%.10s\"", s);
		return NULL;
	}
	case K_EMAIL:
		if (!strchr(s, '@'))
			break;
		/* fall through */
	case K_TEXT:
	case K_JOINED:
	case K_LAT:
	case K_LON:
		if (f->max && chars(s) > f->max) {
			snprintf(err, n, "%s is longer than %zu characters", f->label, f->max);
			return NULL;
		}
		/* The CSV export could not write it back as one value. */
		if (f->kind == K_JOINED && strstr(s, CSV_MULTI_SEP)) {
			snprintf(err, n, "%s holds \"" CSV_MULTI_SEP "\", which separates the values of its CSV column",
				 f->label);
			return NULL;
		}
		return json_string(s);
	}
	snprintf(err, n, "%s \"%.40s\" is not valid", f->label, s);
	return NULL;
}

/* Set out[f->key] from in[f->key]: its canonical value or null.  -1 with
 * the reason when it is wrong or missing. */
static int put_field(json_t *out, const json_t *in, const struct spec *f, char *err, size_t n)
{
	const json_t *v = json_object_get(in, f->key);
	const char *s = json_string_value(v);
	json_t *value = NULL;
	if ((f->kind == K_LAT || f->kind == K_LON) && v && !json_is_null(v) && !(s && !*s)) {
		if (!(value = coordinate(v, f->kind == K_LAT ? 90 : 180))) {
			snprintf(err, n, "%s is not a number of degrees", f->label);
			return -1;
		}
	} else if (v && !json_is_null(v) && !s) {
		snprintf(err, n, "%s is not text", f->label);
		return -1;
	} else if (s && *s) {
		if (!text_is_clean(s, strlen(s)) || has_control(s)) {
			snprintf(err, n, "%s holds invalid UTF-8 or a control character", f->label);
			return -1;
		}
		if (!(value = text_value(f, s, err, n)))
			return -1;
	}
	if (!value && f->required) {
		snprintf(err, n, "%s is missing", f->label);
		return -1;
	}
	json_object_set_new(out, f->key, value ? value : json_null());
	return 0;
}

static json_t *object_of(const json_t *in, const struct spec *fields, size_t nfields, char *err, size_t n)
{
	if (!json_is_object(in)) {
		snprintf(err, n, "%s: not an object", fields[0].label);
		return NULL;
	}
	json_t *out = json_object();
	for (size_t i = 0; i < nfields; i++)
		if (put_field(out, in, &fields[i], err, n) < 0) {
			json_decref(out);
			return NULL;
		}
	return out;
}

/* An array of objects of `fields`, or an empty array for null. */
static json_t *array_of(const json_t *in, const char *label, const struct spec *fields, size_t nfields, char *err,
			size_t n)
{
	json_t *out = json_array();
	if (in && !json_is_null(in) && !json_is_array(in)) {
		snprintf(err, n, "%s: not a list", label);
		json_decref(out);
		return NULL;
	}
	size_t i;
	const json_t *v;
	json_array_foreach(in, i, v)
	{
		json_t *o = object_of(v, fields, nfields, err, n);
		if (!o) {
			json_decref(out);
			return NULL;
		}
		json_array_append_new(out, o);
	}
	return out;
}

/* Merged IDs: a list of IDs of the record's kind, none its own. */
static json_t *merged_ids(const json_t *in, const char *self, bool org, char *err, size_t n)
{
	json_t *out = json_array();
	size_t i;
	const json_t *v;
	json_array_foreach(in, i, v)
	{
		const char *id = json_string_value(v);
		if (!(org ? oms_is_org_id(id) : oms_is_loc_id(id)) || strcmp(id, self) == 0) {
			snprintf(err, n, "merged ID \"%.20s\" is not another %s ID", id ? id : "", org ? "ORG" : "LOC");
			json_decref(out);
			return NULL;
		}
		json_array_append_new(out, json_string(id));
	}
	return out;
}

static json_t *address(const json_t *in, char *err, size_t n)
{
	static const struct spec line = {NULL, "an address line", K_TEXT, 300, false};
	json_t *out = json_array();
	size_t i, last = 0;
	const json_t *v;
	if (json_array_size(in) > 4)
		snprintf(err, n, "the address has more than 4 lines");
	json_array_foreach(in, i, v)
	{
		const char *s = json_string_value(v);
		json_t *value = NULL;
		if (i >= 4 || (v && !json_is_null(v) && !s) ||
		    (s && *s && (!text_is_clean(s, strlen(s)) || has_control(s) || !(value = text_value(&line, s, err, n))))) {
			if (!*err)
				snprintf(err, n, "address line %zu is not valid text", i + 1);
			json_decref(out);
			return NULL;
		}
		json_array_append_new(out, value ? value : json_null());
		if (value)
			last = i + 1;
	}
	if (!json_is_string(json_array_get(out, 0))) {
		snprintf(err, n, "address line 1 is missing");
		json_decref(out);
		return NULL;
	}
	while (json_array_size(out) > last)
		json_array_remove(out, json_array_size(out) - 1);
	return out;
}

static json_t *location(const json_t *in, char *err, size_t n)
{
	json_t *out = object_of(in, loc_fields, 1, err, n); /* the ID first */
	json_t *addr = out ? address(json_object_get(in, "address"), err, n) : NULL;
	if (!addr) {
		json_decref(out);
		return NULL;
	}
	json_object_set_new(out, "address", addr);
	for (size_t i = 1; i < NFIELDS(loc_fields); i++)
		if (put_field(out, in, &loc_fields[i], err, n) < 0) {
			json_decref(out);
			return NULL;
		}
	json_t *country = json_object_get(out, "country");
	if (json_is_null(country))
		json_object_set_new(out, "country",
				    json_string(country_name(json_string_value(json_object_get(out, "country_code")))));
	json_t *merged = merged_ids(json_object_get(in, "merged_ids"), json_string_value(json_object_get(out, "id")),
				    false, err, n);
	if (!merged) {
		json_decref(out);
		return NULL;
	}
	json_object_set_new(out, "merged_ids", merged);
	return out;
}

static json_t *locations(const json_t *in, char *err, size_t n)
{
	json_t *out = json_array();
	size_t i;
	const json_t *v;
	json_array_foreach(in, i, v)
	{
		json_t *loc = location(v, err, n);
		const char *id = loc ? json_string_value(json_object_get(loc, "id")) : NULL;
		for (size_t k = 0; loc && k < i; k++)
			if (strcmp(json_string_value(json_object_get(json_array_get(out, k), "id")), id) == 0) {
				snprintf(err, n, "location %s appears twice", id);
				json_decref(loc);
				loc = NULL;
			}
		if (!loc) {
			json_decref(out);
			return NULL;
		}
		json_array_append_new(out, loc);
	}
	return out;
}

/* Part i of an organisation after its fields, or NULL with the reason. */
static json_t *part(const json_t *in, size_t i, const char *id, char *err, size_t n)
{
	switch (i) {
	case 0:
		return array_of(json_object_get(in, "alternative_names"), "the alternative names", alt_fields,
				NFIELDS(alt_fields), err, n);
	case 1:
		return array_of(json_object_get(in, "identifiers"), "the identifiers", id_fields, NFIELDS(id_fields),
				err, n);
	case 2:
		return merged_ids(json_object_get(in, "merged_ids"), id, true, err, n);
	default:
		return locations(json_object_get(in, "locations"), err, n);
	}
}

json_t *oms_org_canonical(const json_t *in, char *err, size_t errsize)
{
	static const char *const keys[] = {"alternative_names", "identifiers", "merged_ids", "locations"};
	err[0] = '\0';
	json_t *org = object_of(in, org_fields, NFIELDS(org_fields), err, errsize);
	const char *id = org ? json_string_value(json_object_get(org, "id")) : NULL;
	for (size_t i = 0; org && i < 4; i++) {
		json_t *p = part(in, i, id, err, errsize);
		if (!p) {
			json_decref(org);
			return NULL;
		}
		json_object_set_new(org, keys[i], p);
	}
	return org;
}
