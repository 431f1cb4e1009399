/* The records of a change request: which fields each type of request has,
 * and the target's record read from the live data or from its history. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "account/cr_record.h"
#include "core/date.h"
#include "core/db.h"
#include "core/field.h"
#include "core/mem.h"
#include "oms/oms_record.h"

const char *const cr_term_statuses[] = {"PROVISIONAL", "CURRENT", "NON_CURRENT", "NULLIFIED", NULL};
const char *const cr_oms_statuses[] = {"PROVISIONAL", "ACTIVE", "INACTIVE", "DELETED", NULL};
const char *const cr_org_sizes[] = {"Micro", "Small", "Medium", "Large", NULL};

/* What a term, a list, an organisation and a location have, as far as a
 * request may set it (a new term starts PROVISIONAL, a new organisation
 * and location too: their status is no field of a new one). */
const struct cr_key cr_keys[] = {
	{"name", CR_TERMS, CK_TEXT, 1000, CR_F_TERM_NAME},
	{"name", CR_LISTS, CK_TEXT, 400, CR_F_TERM_NAME},
	{"name", CR_ORGS, CK_TEXT, 500, CR_F_ORG_NAME},
	{"short", CR_TERMS | CR_LISTS, CK_TEXT, 200, CR_F_SHORT_NAME},
	{"description", CR_TERMS | CR_LISTS, CK_LINES, 4000, CR_F_DESCRIPTION},
	{"status", CR_UPD_TERM | CR_UPD_LIST, CK_TERM_STATUS, 0, CR_F_TERM_STATUS},
	{"domain", CR_ADD_TERM | CR_UPD_TERM | CR_LISTS, CK_DOMAIN, 0, CR_F_DOMAIN},
	{"parent", CR_ADD_TERM | CR_UPD_TERM, CK_TERM, 0, CR_F_PARENT},
	{"replaced_by", CR_UPD_TERM, CK_TERM, 0, CR_F_REPLACED_BY},
	{"other_names", CR_ADD_TERM, CK_NAMES, 1000, CR_F_OTHER_NAMES},
	{"owner", CR_LISTS, CK_TEXT, 200, CR_F_OWNER},
	{"acronym", CR_ORGS, CK_TEXT, 100, CR_F_ACRONYM},
	{"type", CR_ORGS, CK_TEXT, 100, CR_F_ORG_TYPE},
	{"size", CR_ORGS, CK_SIZE, 0, CR_F_ORG_SIZE},
	{"alternative_names", CR_ORGS, CK_ALT_NAMES, 500, CR_F_ALT_NAMES},
	{"identifiers", CR_ORGS, CK_IDENTIFIERS, 100, CR_F_IDENTIFIERS},
	{"status", CR_UPD_ORG, CK_OMS_STATUS, 0, CR_F_OMS_STATUS},
	{"address", CR_LOCATIONS, CK_ADDRESS, 300, CR_F_ADDRESS},
	{"po_box", CR_LOCATIONS, CK_TEXT, 100, CR_F_PO_BOX},
	{"postal_code", CR_LOCATIONS, CK_TEXT, 40, CR_F_POSTAL},
	{"city", CR_LOCATIONS, CK_TEXT, 200, CR_F_CITY},
	{"county", CR_LOCATIONS, CK_TEXT, 200, CR_F_COUNTY},
	{"region", CR_LOCATIONS, CK_TEXT, 200, CR_F_REGION},
	{"country_code", CR_LOCATIONS, CK_COUNTRY, 0, CR_F_COUNTRY},
	{"lang", CR_LOCATIONS, CK_LANG, 0, CR_F_LOC_LANG},
	{"latitude", CR_LOCATIONS, CK_LATITUDE, 0, CR_F_LATITUDE},
	{"longitude", CR_LOCATIONS, CK_LONGITUDE, 0, CR_F_LONGITUDE},
	{"email", CR_LOCATIONS, CK_EMAIL, 254, CR_F_ORG_EMAIL},
	{"phone", CR_LOCATIONS, CK_TEXT, 60, CR_F_PHONE},
	{"status", CR_UPD_LOC, CK_OMS_STATUS, 0, CR_F_OMS_STATUS},
};
const size_t cr_nkeys = sizeof cr_keys / sizeof cr_keys[0];

unsigned cr_type_of(const char *type)
{
	static const char *const names[] = {"ADD-TERM", "UPD-TERM", "TRANSLATION", "ADD-LIST", "UPD-LIST",
					    "ADD-ORG",	"UPD-ORG",  "ADD-LOC",	   "UPD-LOC"};
	for (size_t i = 0; type && i < sizeof names / sizeof names[0]; i++)
		if (strcmp(type, names[i]) == 0)
			return 1u << i;
	return 0;
}

bool cr_has_base(unsigned type)
{
	return type & (CR_UPD_TERM | CR_TRANSLATION | CR_UPD_LIST | CR_UPD_ORG | CR_ADD_LOC | CR_UPD_LOC);
}

const struct cr_key *cr_key_of(unsigned type, const char *key)
{
	for (size_t i = 0; key && i < cr_nkeys; i++)
		if ((cr_keys[i].types & type) && strcmp(cr_keys[i].key, key) == 0)
			return &cr_keys[i];
	return NULL;
}

static const char *str(const json_t *o, const char *key)
{
	return json_string_value(json_object_get(o, key));
}

void cr_degrees(double d, char out[32])
{
	snprintf(out, 32, "%.6f", d); /* six decimals: about 10 cm, as the record keeps them */
	char *end = out + strlen(out);
	while (end > out && end[-1] == '0')
		*--end = '\0';
	if (end > out && end[-1] == '.')
		*--end = '\0';
}

/* A field of a record whose value is not plain text there: lines, numbers. */
static const char *shaped(struct buf *b, const json_t *obj, const struct cr_key *k)
{
	const json_t *v = json_object_get(obj, k->key);
	size_t i;
	const json_t *item;
	switch (k->kind) {
	case CK_ADDRESS:
		json_array_foreach(v, i, item) buf_printf(b, "%s%s", i ? "\n" : "", json_string_value(item) ? json_string_value(item) : "");
		return buf_str(b);
	case CK_ALT_NAMES:
		json_array_foreach(v, i, item)
		{
			const char *lang = str(item, "lang");
			buf_printf(b, "%s%s%s%s", i ? "\n" : "", lang ? lang : "", lang ? ": " : "", str(item, "name") ? str(item, "name") : "");
		}
		return buf_str(b);
	case CK_IDENTIFIERS:
		json_array_foreach(v, i, item)
		{
			const char *from = str(item, "valid_from"), *to = str(item, "valid_to");
			buf_printf(b, "%s%s: %s", i ? "\n" : "", str(item, "system") ? str(item, "system") : "",
				   str(item, "code") ? str(item, "code") : "");
			if (from || to)
				buf_printf(b, " [%s..%s]", from ? from : "", to ? to : "");
		}
		return buf_str(b);
	case CK_LATITUDE:
	case CK_LONGITUDE:
		if (!json_is_number(v))
			return json_string_value(v);
		char degrees[32];
		cr_degrees(json_number_value(v), degrees);
		buf_puts(b, degrees);
		return buf_str(b);
	default:
		return json_string_value(v);
	}
}

/* The fields of `type` read from `obj` by the rules above; a term's texts
 * (term: true) from `texts`, its texts in the record's language. */
static json_t *record_of(unsigned type, const json_t *obj, bool term, const json_t *texts)
{
	json_t *record = json_object();
	struct arena *a = arena_new();
	for (size_t i = 0; i < cr_nkeys; i++) {
		const struct cr_key *k = &cr_keys[i];
		if (!(k->types & type))
			continue;
		struct buf b;
		buf_init(&b, a);
		bool text = term && (strcmp(k->key, "name") == 0 || strcmp(k->key, "short") == 0 ||
				      strcmp(k->key, "description") == 0);
		const char *value = text ? str(json_object_get(texts, k->key), "value") : shaped(&b, obj, k);
		if (value && *value)
			json_object_set_new(record, k->key, json_string(value));
	}
	arena_free(a);
	return record;
}

json_t *cr_record_of_term(unsigned type, const json_t *snapshot, const char *lang)
{
	if (!json_is_object(snapshot) || !(type & (CR_UPD_TERM | CR_TRANSLATION)))
		return NULL;
	const json_t *texts = json_object_get(json_object_get(snapshot, "texts"), lang ? lang : "en");
	return record_of(type, snapshot, true, texts);
}

json_t *cr_record_of_list(unsigned type, const json_t *snapshot)
{
	return json_is_object(snapshot) && (type & CR_UPD_LIST) ? record_of(type, snapshot, false, NULL) : NULL;
}

json_t *cr_record_of_org(unsigned type, const json_t *record, const char *loc_id)
{
	if (!json_is_object(record) || !(type & (CR_UPD_ORG | CR_UPD_LOC)))
		return NULL;
	if (type == CR_UPD_ORG)
		return record_of(type, record, false, NULL);
	const json_t *loc = oms_record_location(record, loc_id);
	return loc ? record_of(type, loc, false, NULL) : NULL;
}

/* "lang: rest" when the line starts with a language code and ": ". */
static const char *lang_prefix(const char *line, char lang[16])
{
	const char *colon = strstr(line, ": ");
	size_t n = colon ? (size_t)(colon - line) : 0;
	if (!colon || n >= 16)
		return NULL;
	memcpy(lang, line, n);
	lang[n] = '\0';
	return field_is_lang(lang) ? colon + 2 : NULL;
}

/* "[from..to]" at the end of an identifier's line: its dates, or false. */
static bool validity(char *line, json_t *id)
{
	char *open = strrchr(line, '[');
	size_t n = strlen(line);
	if (!open || line[n - 1] != ']')
		return true; /* none */
	char *dots = strstr(open, "..");
	if (!dots)
		return false;
	*dots = '\0';
	line[n - 1] = '\0';
	const char *dates[2] = {open + 1, dots + 2};
	const char *keys[2] = {"valid_from", "valid_to"};
	for (int i = 0; i < 2; i++) {
		char date[20];
		if (!*dates[i])
			continue;
		if (strlen(dates[i]) != 10 || !date_normalize(dates[i], date))
			return false;
		date[10] = '\0';
		json_object_set_new(id, keys[i], json_string(date));
	}
	while (open > line && open[-1] == ' ')
		open--;
	*open = '\0';
	return true;
}

/* One line of a field of lines, as its part of the record. */
static json_t *line_of(enum cr_kind kind, char *line, const json_t *so_far, const char **why)
{
	char lang[16];
	const char *rest = lang_prefix(line, lang);
	switch (kind) {
	case CK_NAMES:
		if (!rest || !*rest || strcmp(lang, "en") == 0) {
			*why = "names_format";
			return NULL;
		}
		if (json_object_get(so_far, lang)) {
			*why = "names_repeated";
			return NULL;
		}
		return json_string(rest);
	case CK_ALT_NAMES:
		return rest && *rest ? json_pack("{s:s, s:s}", "name", rest, "lang", lang)
				     : json_pack("{s:s, s:n}", "name", line, "lang");
	case CK_IDENTIFIERS: {
		json_t *id = json_object();
		char *colon = strstr(line, ": ");
		if (!colon || colon == line || !validity(colon + 2, id) || !colon[2]) {
			json_decref(id);
			*why = "identifiers_format";
			return NULL;
		}
		*colon = '\0';
		json_object_set_new(id, "system", json_string(line));
		json_object_set_new(id, "code", json_string(colon + 2));
		return id;
	}
	default:
		return json_string(line);
	}
}

json_t *cr_lines(enum cr_kind kind, const char *text, const char **why)
{
	json_t *out = kind == CK_NAMES ? json_object() : json_array();
	char *copy = xstrdup(text ? text : "");
	for (char *save = NULL, *line = strtok_r(copy, "\r\n", &save); line; line = strtok_r(NULL, "\r\n", &save)) {
		while (*line == ' ' || *line == '\t')
			line++;
		size_t n = strlen(line);
		while (n && (line[n - 1] == ' ' || line[n - 1] == '\t'))
			line[--n] = '\0';
		if (!n)
			continue;
		char lang[16] = "";
		if (kind == CK_NAMES && !lang_prefix(line, lang))
			lang[0] = '\0';
		json_t *item = line_of(kind, line, out, why);
		if (!item) {
			json_decref(out);
			out = NULL;
			break;
		}
		if (kind == CK_NAMES)
			json_object_set_new(out, lang, item);
		else
			json_array_append_new(out, item);
	}
	free(copy);
	if (out && kind == CK_ADDRESS && json_array_size(out) > 4) {
		*why = "address_lines";
		json_decref(out);
		out = NULL;
	}
	return out;
}

const char *cr_record_fields(struct arena *a, const char *record)
{
	json_t *r = json_loads(record ? record : "{}", 0, NULL);
	struct buf b;
	buf_init(&b, a);
	const char *key;
	json_t *v;
	json_object_foreach(r, key, v) buf_printf(&b, "%s%s", b.len ? ", " : "", key);
	json_decref(r);
	return buf_str(&b);
}

const char *cr_record_text(struct arena *a, const json_t *record)
{
	if (!record)
		return NULL;
	char *text = json_dumps(record, JSON_COMPACT | JSON_PRESERVE_ORDER);
	const char *out = text ? arena_strdup(a, text) : NULL;
	free(text);
	return out;
}

/* The term, at its current version. */
enum { TERM_SNAPSHOT, TERM_SEQ, TERM_LIST, TERM_NAME, TERM__COUNT };
static struct db_sql q_term_now = DB_SQL_COLS(TERM__COUNT,
	"SELECT v.snapshot, t.seq, t.list_id, t.name_en FROM rms_terms t JOIN rms_term_versions v ON v.term_id = t.id"
	" AND v.seq = t.seq WHERE t.id = ?");

static int term_now(struct db *db, struct arena *a, const struct cr_target *t, unsigned type, struct cr_now *now)
{
	struct db_rows rows;
	if (db_query(db, a, &q_term_now, &rows, "s", t->term) < 0)
		return -1;
	json_t *snapshot = rows.nrows ? json_loads(db_get(&rows, 0, TERM_SNAPSHOT), 0, NULL) : NULL;
	if (!snapshot)
		return 0;
	now->record = cr_record_of_term(type, snapshot, t->lang);
	if (type == CR_TRANSLATION) {
		json_t *en = cr_record_of_term(type, snapshot, "en");
		const char *name = json_string_value(json_object_get(en, "name"));
		const char *description = json_string_value(json_object_get(en, "description"));
		now->source_name = name ? arena_strdup(a, name) : NULL;
		now->source_description = description ? arena_strdup(a, description) : NULL;
		json_decref(en);
	}
	json_decref(snapshot);
	now->found = now->record != NULL;
	now->seq = atoll(db_get(&rows, 0, TERM_SEQ));
	now->list = db_get(&rows, 0, TERM_LIST);
	now->name = db_get(&rows, 0, TERM_NAME);
	return 0;
}

/* The list as its versions keep it (cr.c writes rms_list_versions' snapshots alike). */
enum { LIST_SNAPSHOT, LIST_VERSION, LIST_NAME, LIST__COUNT };
static struct db_sql q_list_now = DB_SQL_COLS(LIST__COUNT,
	"SELECT " CR_LIST_SNAPSHOT ", version, name FROM rms_lists WHERE id = ?");

static int list_now(struct db *db, struct arena *a, const struct cr_target *t, unsigned type, struct cr_now *now)
{
	struct db_rows rows;
	if (!t->list)
		return 0;
	if (db_query(db, a, &q_list_now, &rows, "s", t->list) < 0)
		return -1;
	if (!rows.nrows)
		return 0;
	now->found = true;
	now->list = t->list;
	now->name = db_get(&rows, 0, LIST_NAME);
	now->seq = atoll(db_get(&rows, 0, LIST_VERSION));
	if (type == CR_UPD_LIST) {
		json_t *snapshot = json_loads(db_get(&rows, 0, LIST_SNAPSHOT), 0, NULL);
		now->record = cr_record_of_list(type, snapshot);
		json_decref(snapshot);
	}
	return 0;
}

enum { ORG_RECORD, ORG_CRC, ORG__COUNT };
static struct db_sql q_org_now =
	DB_SQL_COLS(ORG__COUNT, "SELECT record, CRC32(record) FROM oms_organisations WHERE id = SUBSTRING(?, 5)");

static int org_now(struct db *db, struct arena *a, const struct cr_target *t, unsigned type, struct cr_now *now)
{
	struct db_rows rows;
	if (!t->org)
		return 0;
	if (db_query(db, a, &q_org_now, &rows, "s", t->org) < 0)
		return -1;
	json_t *record = rows.nrows ? json_loads(db_get(&rows, 0, ORG_RECORD), 0, NULL) : NULL;
	if (!record)
		return 0;
	now->record = cr_record_of_org(type, record, t->loc);
	now->found = type == CR_ADD_LOC || now->record;
	now->seq = atoll(db_get(&rows, 0, ORG_CRC));
	now->name = arena_strdup(a, str(record, "name") ? str(record, "name") : "");
	json_decref(record);
	return 0;
}

int cr_now_read(struct db *db, struct arena *a, const struct cr_target *t, struct cr_now *now)
{
	*now = (struct cr_now){0};
	unsigned type = cr_type_of(t->type);
	switch (type) {
	case CR_ADD_LIST:
	case CR_ADD_ORG:
		now->found = true;
		return 0;
	case CR_ADD_TERM:
	case CR_UPD_LIST:
		return list_now(db, a, t, type, now);
	case CR_UPD_TERM:
	case CR_TRANSLATION:
		return t->term ? term_now(db, a, t, type, now) : 0;
	case CR_UPD_ORG:
	case CR_ADD_LOC:
	case CR_UPD_LOC:
		return org_now(db, a, t, type, now);
	default:
		return 0;
	}
}
