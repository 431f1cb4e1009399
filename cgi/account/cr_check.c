/* The check of a change request's proposal (cr_check.h). */
#include "config.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistr.h>

#include "account/cr_check.h"
#include "account/cr_oms.h"
#include "core/country.h"
#include "core/date.h"
#include "core/db.h"
#include "core/field.h"
#include "core/http_parse.h"
#include "core/mem.h"

/* The forms' own field rules, to read a value from anywhere as they do. */
#define FORM_FIELD(id, ...) CR_FORM_FIELD_ENTRY(0, id, __VA_ARGS__)
static const struct field form_fields[CR_FORM__COUNT] = {CR_FORM_FIELDS(FORM_FIELD)};

json_t *cr_form_values(const char *type, const char *const values[CR_FORM__COUNT])
{
	unsigned bit = cr_type_of(type);
	json_t *out = json_object();
	for (size_t i = 0; i < cr_nkeys; i++) {
		const char *v = values[cr_keys[i].form];
		if (!(cr_keys[i].types & bit) || !v)
			continue;
		char *text = xstrdup(v), *w = text;
		for (const char *p = v; *p; p++)
			if (*p != '\r')
				*w++ = *p;
		*w = '\0';
		json_object_set_new(out, cr_keys[i].key, json_string(text));
		free(text);
	}
	return out;
}

const char *cr_form_name(const char *type, const char *key)
{
	const struct cr_key *k = cr_key_of(cr_type_of(type), key);
	return k ? form_fields[k->form].name : NULL;
}

static void problem(struct cr_verdict *v, const char *key, const char *why)
{
	for (size_t i = 0; i < v->nproblems; i++)
		if (strcmp(v->problems[i].key, key) == 0)
			return; /* the first problem of a field is the one it shows */
	if (v->nproblems < CR_PROBLEMS_MAX)
		v->problems[v->nproblems++] = (struct cr_problem){key, why};
}

static size_t chars(const char *s)
{
	return u8_mbsnlen((const uint8_t *)s, strlen(s));
}

/* The lines of `parsed` written back as the record keeps them. */
static const char *lines_text(struct arena *a, enum cr_kind kind, const json_t *parsed)
{
	struct buf b;
	buf_init(&b, a);
	const char *key;
	json_t *v;
	size_t i;
	if (kind == CK_NAMES) {
		json_object_foreach((json_t *)parsed, key, v)
		{
			buf_printf(&b, "%s%s: %s", b.len ? "\n" : "", key, json_string_value(v));
		}
		return buf_str(&b);
	}
	json_array_foreach(parsed, i, v)
	{
		const char *s = json_string_value(v);
		const char *lang = json_string_value(json_object_get(v, "lang"));
		const char *from = json_string_value(json_object_get(v, "valid_from"));
		const char *to = json_string_value(json_object_get(v, "valid_to"));
		buf_puts(&b, i ? "\n" : "");
		if (kind == CK_ALT_NAMES)
			buf_printf(&b, "%s%s%s", lang ? lang : "", lang ? ": " : "",
				   json_string_value(json_object_get(v, "name")));
		else if (kind == CK_IDENTIFIERS)
			buf_printf(&b, "%s: %s", json_string_value(json_object_get(v, "system")),
				   json_string_value(json_object_get(v, "code")));
		else
			buf_puts(&b, s ? s : "");
		if (from || to)
			buf_printf(&b, " [%s..%s]", from ? from : "", to ? to : "");
	}
	return buf_str(&b);
}

static bool fits(const char *s, unsigned max)
{
	return !s || chars(s) <= max;
}

/* Each line of a field of lines (each part of it) at most `max` characters. */
static bool lines_fit(const json_t *parsed, enum cr_kind kind, unsigned max)
{
	const char *key;
	json_t *v;
	size_t i;
	if (kind == CK_NAMES) {
		json_object_foreach((json_t *)parsed, key, v)
		{
			if (!fits(json_string_value(v), max))
				return false;
		}
		return true;
	}
	json_array_foreach(parsed, i, v)
	{
		static const char *const parts[] = {"name", "system", "code"};
		if (!fits(json_string_value(v), max))
			return false;
		for (size_t p = 0; p < sizeof parts / sizeof parts[0]; p++)
			if (!fits(json_string_value(json_object_get(v, parts[p])), max))
				return false;
	}
	return true;
}

static bool one_of(const char *const *set, const char *s)
{
	for (size_t i = 0; set[i]; i++)
		if (strcmp(set[i], s) == 0)
			return true;
	return false;
}

/* Whether `id` is a term of `list`. */
static struct db_sql q_term_list = DB_SQL("SELECT list_id FROM rms_terms WHERE id = ?");

/* The value of field `k` as the record would keep it, or NULL with why;
 * *db_failed when the database did not answer. */
static const char *value_of(struct db *db, struct arena *a, const struct cr_target *t, const struct cr_key *k,
			    const char *raw, const char *now, const struct db_rows *domains, const char **why,
			    bool *db_failed)
{
	struct input in;
	enum field_error e = text_is_clean(raw, strlen(raw)) ? field_check(a, &form_fields[k->form], raw, &in)
							      : FIELD_FORMAT;
	if (e != FIELD_OK) {
		*why = e == FIELD_TOO_LONG ? "too_long" : "not_valid";
		return NULL;
	}
	const char *v = in.text;
	if (!v)
		return NULL; /* empty: not given */
	if (now && strcmp(v, now) == 0)
		return v; /* the record's own value: unchanged, whatever the lists hold now */
	char degrees[32], *end = NULL;
	switch (k->kind) {
	case CK_TEXT:
		if (k->max && chars(v) > k->max)
			*why = "too_long";
		break;
	case CK_TERM_STATUS:
	case CK_OMS_STATUS:
	case CK_SIZE:
		if (!one_of(k->kind == CK_TERM_STATUS ? cr_term_statuses
			    : k->kind == CK_OMS_STATUS ? cr_oms_statuses
						       : cr_org_sizes,
			    v))
			*why = "not_valid";
		break;
	case CK_DOMAIN:
		*why = "domain_unknown";
		for (size_t i = 0; i < domains->nrows; i++)
			if (strcmp(db_get(domains, i, CR_DOMAIN_ID), v) == 0)
				*why = NULL;
		break;
	case CK_TERM: {
		struct db_rows rows;
		if (db_query(db, a, &q_term_list, &rows, "s", v) < 0) {
			*db_failed = true;
			return NULL;
		}
		if (!rows.nrows || !t->list || strcmp(db_value(&rows, 0), t->list) != 0)
			*why = "term_unknown";
		else if (t->term && strcmp(v, t->term) == 0)
			*why = "term_itself";
		break;
	}
	case CK_NAMES:
	case CK_ALT_NAMES:
	case CK_IDENTIFIERS:
	case CK_ADDRESS: {
		json_t *parsed = cr_lines(k->kind, v, why);
		if (parsed && !lines_fit(parsed, k->kind, k->max))
			*why = "too_long";
		v = parsed && !*why && json_object_size(parsed) + json_array_size(parsed) ? lines_text(a, k->kind, parsed)
											 : NULL;
		json_decref(parsed);
		break;
	}
	case CK_COUNTRY:
		v = country_code(v);
		if (!v)
			*why = "country_unknown";
		break;
	case CK_LANG:
		if (!field_is_lang(v))
			*why = "not_valid";
		break;
	case CK_LATITUDE:
	case CK_LONGITUDE: {
		double d = strtod(v, &end);
		if (*end || !isfinite(d) || fabs(d) > (k->kind == CK_LATITUDE ? 90 : 180)) {
			*why = "coordinate";
			break;
		}
		cr_degrees(d, degrees);
		v = arena_strdup(a, degrees);
		break;
	}
	case CK_LINES:
	case CK_EMAIL:
		break;
	}
	return *why ? NULL : v;
}

/* What a new X must have. */
static bool required(unsigned type, const char *key)
{
	if (strcmp(key, "name") == 0)
		return type & (CR_ADD_TERM | CR_ADD_LIST | CR_ADD_ORG);
	return (type & (CR_ADD_ORG | CR_ADD_LOC)) &&
	       (strcmp(key, "address") == 0 || strcmp(key, "city") == 0 || strcmp(key, "country_code") == 0);
}

/* The whole record of an organisation the proposal would make, checked as
 * an import checks one (cr_oms.c). */
static void check_record(struct db *db, struct arena *a, const struct cr_target *t, const char *proposed,
			 struct cr_verdict *v)
{
	json_t *record = cr_org_record(db, a, t, 0, proposed, v->detail, sizeof v->detail);
	if (!record)
		problem(v, strcmp(t->type, "ADD-LOC") == 0 || strcmp(t->type, "UPD-LOC") == 0 ? "city" : "name",
			"record_invalid");
	json_decref(record);
}

int cr_check(struct db *db, struct arena *a, const struct cr_target *t, const json_t *before, const json_t *values,
	     struct cr_verdict *v)
{
	*v = (struct cr_verdict){0};
	unsigned type = cr_type_of(t->type);
	struct db_rows domains = {0};
	bool domain_required = false, db_failed = false;
	if ((type & (CR_ADD_TERM | CR_UPD_TERM | CR_LISTS)) &&
	    cr_domains(db, a, type & CR_LISTS ? NULL : t->list, &domains, &domain_required) < 0)
		return -1;
	json_t *proposal = json_object();
	const char *first = NULL;
	for (size_t i = 0; i < cr_nkeys; i++) {
		const struct cr_key *k = &cr_keys[i];
		if (!(k->types & type))
			continue;
		first = first ? first : k->key;
		const char *raw = json_string_value(json_object_get(values, k->key)), *why = NULL;
		if (json_object_get(values, k->key) && !raw) {
			problem(v, k->key, "not_valid"); /* no text: the write API's mistake */
			continue;
		}
		const char *now = json_string_value(json_object_get(before, k->key));
		const char *value = raw ? value_of(db, a, t, k, raw, now, &domains, &why, &db_failed) : NULL;
		if (db_failed) {
			json_decref(proposal);
			return -1;
		}
		if (why) {
			problem(v, k->key, why);
			continue;
		}
		if (!value) {
			if (required(type, k->key) || (strcmp(k->key, "domain") == 0 && type == CR_ADD_TERM && domain_required))
				problem(v, k->key, "required");
			continue;
		}
		if ((type & CR_NEW) || !now || strcmp(now, value) != 0)
			json_object_set_new(proposal, k->key, json_string(value));
	}
	/* Keys that no field of the type has: the write API's mistake. */
	const char *key;
	json_t *value;
	json_object_foreach((json_t *)values, key, value)
	{
		if (!cr_key_of(type, key))
			problem(v, first ? first : "name", "not_valid");
	}
	if (!v->nproblems && !json_object_size(proposal))
		problem(v, first ? first : "name", "nothing_changes");
	if (!v->nproblems) {
		v->proposed = cr_record_text(a, proposal);
		if (type & (CR_ORGS | CR_ADD_LOC | CR_UPD_LOC))
			check_record(db, a, t, v->proposed, v);
		if (v->nproblems)
			v->proposed = NULL;
	}
	json_decref(proposal);
	return 0;
}

/* The terms of the Domain list, and the domains a list's terms have (the
 * keys of its stats: "0" counts the terms without one). */
static struct db_sql q_domains = DB_SQL_COLS(CR_DOMAIN__COUNT,
	"SELECT d.id, COALESCE(t.name_en, d.id) FROM (SELECT id FROM rms_terms WHERE list_id = 100000000004"
	" AND status <> 'NULLIFIED' UNION SELECT j.id FROM rms_lists l, JSON_TABLE(JSON_KEYS(l.stats, '$.domain'),"
	" '$[*]' COLUMNS (id BIGINT UNSIGNED PATH '$')) j WHERE l.id = ? AND j.id <> 0) d"
	" LEFT JOIN rms_terms t ON t.id = d.id ORDER BY d.id");
static struct db_sql q_domain_required = DB_SQL(
	"SELECT COALESCE(JSON_LENGTH(stats, '$.domain') > JSON_CONTAINS_PATH(stats, 'one', '$.domain.\"0\"'), 0)"
	" FROM rms_lists WHERE id = ?");

int cr_domains(struct db *db, struct arena *a, const char *list, struct db_rows *rows, bool *required)
{
	struct db_rows req;
	*required = false;
	if (db_query(db, a, &q_domains, rows, "s", list) < 0 ||
	    (list && db_query(db, a, &q_domain_required, &req, "s", list) < 0))
		return -1;
	*required = list && req.nrows && strcmp(db_value(&req, 0), "1") == 0;
	return 0;
}
