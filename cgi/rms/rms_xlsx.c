/* The list export's sheets, written from each term's snapshot. */
#include "config.h"

#include <string.h>

#include "core/mem.h"
#include "core/xlsx.h"
#include "rms/rms_csv.h"
#include "rms/rms_term_view.h"
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

static const struct xlsx_column mapping_cols[] = {
	ID("Term ID"), ID("Mapping Source ID"), CODE("Mapping Source Term ID"), TEXT("Source Provided Name"),
	CODE("Is Main Term Source"), CODE("Mapping Source Version"), CODE("Mapping Source Term Status")};
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

static void term_row(struct rms_xlsx *w, const struct rms_term_view *v, const char *name)
{
	const char *c[T__COUNT] = {
		[T_LIST] = v->list,
		[T_TERM] = v->id,
		[T_NAME] = name,
		[T_DOMAIN] = v->domain,
		[T_LEVEL_SHORT] = v->level_short,
		[T_LEVEL_NAME] = v->level_name,
		[T_PARENT] = v->parent,
		[T_STATUS] = v->status,
		[T_STATUS_ON] = v->status_changed_at,
		[T_CURRENT] = v->replaced_by,
		[T_COMMENTS] = v->comments,
		[T_CREATED_ON] = v->created,
		[T_CREATED_BY] = v->created_by,
		[T_MODIFIED_ON] = v->modified,
		[T_MODIFIED_BY] = v->modified_by,
		[T_VERSION] = v->version,
		[T_VERSION_DATE] = v->version_date,
		[T_MAJOR] = rms_term_view_flag(v->major, "Y", "N"),
		[T_VISIBILITY] = v->visibility,
		[T_TAGS] = v->tags,
	};
	xlsx_row(w->terms, c);
}

static void name_row(struct rms_xlsx *w, const char *id, const struct rms_view_text *text)
{
	const char *c[N__COUNT] = {[N_TERM] = id, [N_LANG] = text->lang};
	size_t k = N_TEXTS;
	for (int i = 0; i < RMS_KINDS; i++) {
		const struct rms_view_kind *t = &text->kind[i];
		c[k++] = t->value;
		c[k++] = t->modified_at;
		c[k++] = t->modified_by;
		if (i != RMS_SYMBOL)
			c[k++] = t->status;
	}
	xlsx_row(w->names, c);
}

/* The rows of the term's mappings, countries and attributes. */
static void item_rows(struct rms_xlsx *w, const struct rms_term_view *v)
{
	for (size_t i = 0; i < v->nmappings; i++) {
		const struct rms_view_mapping *m = &v->mappings[i];
		const char *c[NCOLS(mapping_cols)] = {
			v->id, m->source, m->code, m->name, rms_term_view_flag(m->main, "Y", "N"), m->version, m->status};
		xlsx_row(w->mappings, c);
	}
	for (size_t i = 0; i < v->ncountries; i++) {
		const char *c[] = {v->id, v->countries[i]};
		xlsx_row(w->countries, c);
	}
	for (size_t i = 0; i < v->nattributes; i++) {
		const char *c[] = {v->id, v->attributes[i].name, v->attributes[i].value};
		xlsx_row(w->attributes, c);
	}
}

void rms_xlsx_term(struct rms_xlsx *w, struct arena *a, const struct rms_term_view *v, const char *lang)
{
	const struct rms_view_text **texts;
	size_t n = rms_csv_langs(a, v, lang, &texts);
	if (!n && lang)
		return; /* no name in `lang`: no row in the CSV either */
	term_row(w, v, lang ? rms_term_view_name(v, lang) : rms_term_view_name_en(v));
	for (size_t i = 0; i < n; i++)
		name_row(w, v->id, texts[i]);
	item_rows(w, v);
}
