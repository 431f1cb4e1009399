/* The list export's sheets, written from each term's snapshot. */
#include "config.h"

#include <string.h>

#include "core/mem.h"
#include "core/xlsx.h"
#include "rms/rms_csv.h"
#include "rms/rms_snapshot.h"
#include "rms/rms_xlsx.h"

#define ID(name) {name, XLSX_TEXT, 14}
#define TEXT(name) {name, XLSX_TEXT, 30}
#define CODE(name) {name, XLSX_TEXT, 12}
#define DATE(name) {name, XLSX_DATE, 20}

enum {
	T_LIST, T_TERM, T_NAME, T_DOMAIN, T_LEVEL_SHORT, T_LEVEL_NAME, T_PARENT, T_STATUS, T_STATUS_ON, T_CURRENT,
	T_COMMENTS, T_CREATED_ON, T_CREATED_BY, T_MODIFIED_ON, T_MODIFIED_BY, T_VERSION, T_VERSION_DATE, T_MAJOR,
	T_VISIBILITY, T_TAGS, T__COUNT
};
static const struct xlsx_column term_cols[T__COUNT] = {
	ID("List ID"), ID("Term ID"), TEXT("Term Name"), ID("Domain ID"),
	CODE("List Hierarchical Level Short Name"), TEXT("List Hierarchical Level Name"), ID("Parent ID"),
	CODE("Term Status"), DATE("Term Status Modified On"), ID("Current Term ID"), TEXT("Term Comments"),
	DATE("Term Created On"), TEXT("Term Created By"), DATE("Term Modified On"), TEXT("Term Modified By"),
	{"Version Number", XLSX_NUMBER, 10}, DATE("Version Date"), CODE("Is Major Version"),
	CODE("Term Visibility"), TEXT("User Defined Tags")};

/* Each kind of text has its value, when and by whom it was last changed,
 * and (but a symbol) its translation status: the CSV's columns. */
enum { N_TERM, N_LANG, N_TEXTS, N__COUNT = N_TEXTS + 4 * 5 - 1 };
static const struct xlsx_column name_cols[N__COUNT] = {
	ID("Term ID"), CODE("Language"),
	TEXT("Term Name"), DATE("Term Name Modified On"), TEXT("Term Name Modified By"),
	CODE("Term Name Translation Status"),
	TEXT("Short Name"), DATE("Short Name Modified On"), TEXT("Short Name Modified By"),
	CODE("Short Name Translation Status"),
	TEXT("Other Name"), DATE("Other Name Modified On"), TEXT("Other Name Modified By"),
	CODE("Other Name Translation Status"),
	TEXT("Term Symbol"), DATE("Term Symbol Modified On"), TEXT("Term Symbol Modified By"),
	TEXT("Term Description"), DATE("Term Description Modified On"), TEXT("Term Description Modified By"),
	CODE("Term Description Translation Status")};
static const char *const text_kinds[] = {"name", "short", "other", "symbol", "description"};

static const struct xlsx_column mapping_cols[] = {
	ID("Term ID"), ID("Mapping Source ID"), CODE("Mapping Source Term ID"), TEXT("Source Provided Name"),
	CODE("Is Main Term Source"), CODE("Mapping Source Version"), CODE("Mapping Source Term Status")};
static const char *const mapping_keys[] = {"source", "code", "name", "main", "version", "status"};
static const struct xlsx_column country_cols[] = {ID("Term ID"), ID("Applicable to Country ID")};
static const struct xlsx_column attribute_cols[] = {ID("Term ID"), TEXT("Attribute"), TEXT("Attribute Value")};

#define NCOLS(cols) (sizeof cols / sizeof cols[0])

struct rms_xlsx {
	struct xlsx_sheet *terms, *names, *mappings, *countries, *attributes;
};

struct rms_xlsx *rms_xlsx_begin(struct arena *a, struct xlsx *x)
{
	struct rms_xlsx *w = arena_zalloc(a, sizeof *w);
	w->terms = xlsx_sheet(x, "Terms", term_cols, T__COUNT);
	w->names = xlsx_sheet(x, "Names", name_cols, N__COUNT);
	w->mappings = xlsx_sheet(x, "Mappings", mapping_cols, NCOLS(mapping_cols));
	w->countries = xlsx_sheet(x, "Countries", country_cols, NCOLS(country_cols));
	w->attributes = xlsx_sheet(x, "Attributes", attribute_cols, NCOLS(attribute_cols));
	return w;
}

static const char *yes_no(const json_t *v)
{
	return json_is_true(v) ? "Y" : json_is_false(v) ? "N" : NULL;
}

static void term_row(struct rms_xlsx *w, struct arena *a, const json_t *snap, const char *name)
{
	const json_t *level = json_object_get(snap, "level"), *version = json_object_get(snap, "version");
	const json_t *created = json_object_get(snap, "created"), *modified = json_object_get(snap, "modified");
	const char *c[T__COUNT] = {
		[T_LIST] = rms_snap_str(snap, "list"),
		[T_TERM] = rms_snap_str(snap, "id"),
		[T_NAME] = name,
		[T_DOMAIN] = rms_snap_str(snap, "domain"),
		[T_LEVEL_SHORT] = rms_snap_str(level, "short"),
		[T_LEVEL_NAME] = rms_snap_str(level, "name"),
		[T_PARENT] = rms_snap_str(snap, "parent"),
		[T_STATUS] = rms_snap_str(snap, "status"),
		[T_STATUS_ON] = rms_snap_str(snap, "status_changed_at"),
		[T_CURRENT] = rms_snap_str(snap, "replaced_by"),
		[T_COMMENTS] = rms_snap_str(snap, "comments"),
		[T_CREATED_ON] = rms_snap_str(created, "at"),
		[T_CREATED_BY] = rms_snap_str(created, "by"),
		[T_MODIFIED_ON] = rms_snap_str(modified, "at"),
		[T_MODIFIED_BY] = rms_snap_str(modified, "by"),
		[T_VERSION] = json_is_integer(version) ? arena_printf(a, "%lld", (long long)json_integer_value(version))
						       : NULL,
		[T_VERSION_DATE] = rms_snap_str(snap, "version_date"),
		[T_MAJOR] = yes_no(json_object_get(snap, "major")),
		[T_VISIBILITY] = rms_snap_str(snap, "visibility"),
		[T_TAGS] = rms_snap_str(snap, "tags"),
	};
	xlsx_row(w->terms, c);
}

static void name_row(struct rms_xlsx *w, const char *id, const char *lang, const json_t *texts)
{
	const char *c[N__COUNT] = {[N_TERM] = id, [N_LANG] = lang};
	size_t k = N_TEXTS;
	for (size_t i = 0; i < sizeof text_kinds / sizeof text_kinds[0]; i++) {
		const json_t *t = json_object_get(texts, text_kinds[i]);
		c[k++] = rms_snap_str(t, "value");
		c[k++] = rms_snap_str(t, "modified_at");
		c[k++] = rms_snap_str(t, "modified_by");
		if (strcmp(text_kinds[i], "symbol") != 0)
			c[k++] = rms_snap_str(t, "status");
	}
	xlsx_row(w->names, c);
}

/* The rows of the term's mappings, countries and attributes. */
static void item_rows(struct rms_xlsx *w, const json_t *snap, const char *id)
{
	size_t i;
	json_t *v;
	json_array_foreach(json_object_get(snap, "mappings"), i, v)
	{
		const char *c[NCOLS(mapping_cols)] = {id};
		for (size_t k = 0; k < NCOLS(mapping_keys); k++)
			c[k + 1] = strcmp(mapping_keys[k], "main") == 0 ? yes_no(json_object_get(v, "main"))
									 : rms_snap_str(v, mapping_keys[k]);
		xlsx_row(w->mappings, c);
	}
	json_array_foreach(json_object_get(snap, "countries"), i, v)
	{
		const char *c[] = {id, json_string_value(v)};
		xlsx_row(w->countries, c);
	}
	json_array_foreach(json_object_get(snap, "attributes"), i, v)
	{
		const char *c[] = {id, rms_snap_str(v, "name"), rms_snap_str(v, "value")};
		xlsx_row(w->attributes, c);
	}
}

void rms_xlsx_term(struct rms_xlsx *w, struct arena *a, const json_t *snap, const char *lang)
{
	const char **langs;
	size_t n = rms_csv_langs(a, snap, lang, &langs);
	if (!n && lang)
		return; /* no name in `lang`: no row in the CSV either */
	const json_t *texts = json_object_get(snap, "texts");
	const char *id = rms_snap_str(snap, "id");
	const char *name = lang ? rms_snap_str(json_object_get(json_object_get(texts, lang), "name"), "value")
				: rms_snapshot_name_en(snap);
	term_row(w, a, snap, name);
	for (size_t i = 0; i < n; i++)
		name_row(w, id, langs[i], json_object_get(texts, langs[i]));
	item_rows(w, snap, id);
}
