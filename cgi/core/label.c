/* Labels of coded values in the page's languages (label.h): RMS's own
 * names of its Domain and Country terms, ICU's country names, and the
 * interface strings of the portal's codes. */
#include "config.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unicode/uloc.h>
#include <unicode/ustring.h>

#include "core/country.h"
#include "core/db.h"
#include "core/http.h"
#include "core/label.h"
#include "core/listing.h"
#include "core/mem.h"
#include "core/page.h"

/* The names of the Country (100000000002) and Domain (100000000004)
 * lists' terms in every language, with the English short names that say
 * which country a term stands for: a few thousand rows, read at most once
 * a minute per worker (listing_cache), so that a page labels all its rows
 * without a query of its own. */
enum { NAME_TERM, NAME_LIST, NAME_LANG, NAME_KIND, NAME_VALUE, NAME__COUNT };
static struct db_sql q_names = DB_SQL_COLS(NAME__COUNT,
	"SELECT t.id, t.list_id, n.lang, n.kind, n.value FROM rms_terms t JOIN rms_term_names n ON n.term_id = t.id"
	" WHERE t.list_id IN (100000000002, 100000000004) AND n.kind IN ('name', 'short')");

/* The data language, in which RMS's names and ICU's are read. */
static const char *lang_of(const struct req *r)
{
	return r->data_lang ? r->data_lang : "en";
}

static const struct listing_cache *names(struct req *r)
{
	static struct listing_cache cache;
	listing_cache_load(r, &cache, &q_names);
	return &cache;
}

/* The name of `term` in `lang` of the kind `kind` (name, short), or NULL. */
static const char *term_name(const struct listing_cache *c, const char *term, const char *lang, const char *kind)
{
	for (size_t i = 0; i < c->nrows; i++)
		if (strcmp(listing_cell(c, i, NAME_TERM), term) == 0 && strcmp(listing_cell(c, i, NAME_KIND), kind) == 0 &&
		    strcmp(listing_cell(c, i, NAME_LANG), lang) == 0)
			return listing_cell(c, i, NAME_VALUE);
	return NULL;
}

const char *label_country_term(struct req *r, const char *code)
{
	const char *english = country_name(country_code(code ? code : ""));
	const struct listing_cache *c = names(r);
	for (size_t i = 0; english && i < c->nrows; i++)
		if (strcmp(listing_cell(c, i, NAME_LIST), "100000000002") == 0 &&
		    strcmp(listing_cell(c, i, NAME_LANG), "en") == 0 && strcmp(listing_cell(c, i, NAME_VALUE), english) == 0)
			return listing_cell(c, i, NAME_TERM);
	return NULL;
}

static const char *term_label(struct req *r, const char *term)
{
	const struct listing_cache *c = names(r);
	const char *name = term_name(c, term, lang_of(r), "name");
	if (!name)
		name = term_name(c, term, "en", "name");
	return name ? arena_strdup(r->arena, name) : NULL; /* the cache may be read again */
}

/* ICU's name of a country in `lang` (CLDR's data), or NULL. */
static const char *icu_country(struct req *r, const char *code, const char *lang)
{
	char locale[8], display[ULOC_FULLNAME_CAPACITY];
	UErrorCode err = U_ZERO_ERROR;
	uloc_forLanguageTag(lang, display, sizeof display, NULL, &err);
	snprintf(locale, sizeof locale, "und_%s", code);
	UChar name[128];
	int32_t n = U_SUCCESS(err) ? uloc_getDisplayCountry(locale, display, name, 128, &err) : 0;
	if (U_FAILURE(err) || n <= 0 || err == U_USING_DEFAULT_WARNING)
		return NULL;
	char *out = arena_alloc(r->arena, (size_t)n * 4 + 1);
	u_strToUTF8(out, n * 4 + 1, NULL, name, n, &err);
	return U_SUCCESS(err) ? out : NULL;
}

/* The countries labelled since the names were read, per language: a page
 * of organisations names the same few countries on every row, and each
 * label costs scans of the names and a call to ICU. */
enum { MEMO_MAX = 512 };
static struct memo {
	char lang[16], iso[3];
	char *label;
} memo[MEMO_MAX];
static size_t nmemo;
static time_t memo_loaded;

static const char *country_lookup(struct req *r, const char *iso)
{
	/* RMS's short name ("Germany", not "Federal Republic of Germany"),
	 * else its name, in the data language; else ICU's. */
	const char *term = label_country_term(r, iso), *name = NULL;
	if (term && !(name = term_name(names(r), term, lang_of(r), "short")))
		name = term_name(names(r), term, lang_of(r), "name");
	if (!name)
		name = icu_country(r, iso, lang_of(r));
	return name ? name : country_name(iso);
}

static const char *country_label(struct req *r, const char *code)
{
	const char *iso = country_code(code);
	if (!iso)
		return code;
	const struct listing_cache *c = names(r);
	if (memo_loaded != c->loaded || nmemo == MEMO_MAX) {
		for (size_t i = 0; i < nmemo; i++)
			free(memo[i].label);
		nmemo = 0;
		memo_loaded = c->loaded;
	}
	for (size_t i = 0; i < nmemo; i++)
		if (strcmp(memo[i].iso, iso) == 0 && strcmp(memo[i].lang, lang_of(r)) == 0)
			return arena_strdup(r->arena, memo[i].label);
	const char *name = arena_strdup(r->arena, country_lookup(r, iso)); /* the cache may be read again */
	if (strlen(lang_of(r)) < sizeof memo[0].lang) {
		struct memo *m = &memo[nmemo++];
		snprintf(m->lang, sizeof m->lang, "%s", lang_of(r));
		snprintf(m->iso, sizeof m->iso, "%s", iso);
		m->label = xstrdup(name);
	}
	return name;
}

/* The interface string Lang.<group>.<key>, the key the code with each
 * character other than a letter or digit written _ ("Regulatory
 * Authority": Regulatory_Authority). */
static const char *lang_label(struct req *r, const char *group, const char *code)
{
	char key[128];
	size_t n = 0;
	for (const char *s = code; *s && n + 1 < sizeof key; s++)
		key[n++] = isalnum((unsigned char)*s) ? *s : '_';
	key[n] = '\0';
	const char *v = hdf_get_valuef(r->hdf, "Lang.%s.%s", group, key);
	return v ? v : code;
}

const char *label(struct req *r, enum label_kind kind, const char *code)
{
	if (!code || !*code)
		return code;
	switch (kind) {
	case LABEL_TERM: {
		const char *name = term_label(r, code);
		return name ? name : code;
	}
	case LABEL_COUNTRY:
		return country_label(r, code);
	case LABEL_ORG_TYPE:
		return lang_label(r, "oms.types", code);
	case LABEL_ORG_SIZE:
		return lang_label(r, "cr.sizes", code);
	}
	return code;
}

void label_items(struct req *r, const char *list, const char *key, const char *out, enum label_kind kind)
{
	for (HDF *item = hdf_obj_child(hdf_get_obj(r->hdf, list)); item; item = hdf_obj_next(item)) {
		const char *code = hdf_get_value(item, key, NULL);
		if (code)
			page_put(item, out, label(r, kind, code)); /* names: literals */
	}
}
