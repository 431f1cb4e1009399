/* Unit tests of a change request's records (cgi/account/cr_record.c): the
 * fields of lines read for the record (names in other languages, an
 * organisation's other names and identifiers, an address), degrees as a
 * record writes them, and a record read from an organisation and from a
 * term's snapshot, whose lines read back to what the record holds; the
 * fields that refer to a term or a country, which the pages show by name. */
#include "config.h"

#include <jansson.h>
#include <stdlib.h>
#include <string.h>

#include "../tap.h"
#include "account/cr_record.h"
#include "core/mem.h"
#include "core/sides.h"

struct lines_case {
	enum cr_kind kind;
	const char *text;
	const char *json; /* what it reads as, or NULL */
	const char *why;  /* and then why not */
};

static const struct lines_case lines_cases[] = {
	{CK_NAMES, "fr: Comprimé\nde: Tablette", "{\"fr\":\"Comprimé\",\"de\":\"Tablette\"}", NULL},
	{CK_NAMES, "  fr: Comprimé  \n\n\nde: Tablette\r\n", "{\"fr\":\"Comprimé\",\"de\":\"Tablette\"}", NULL},
	{CK_NAMES, "el-CY: Δισκίο", "{\"el-CY\":\"Δισκίο\"}", NULL},
	{CK_NAMES, "Comprimé", NULL, "names_format"},	     /* no language */
	{CK_NAMES, "en: Tablet", NULL, "names_format"},	     /* English is the name itself */
	{CK_NAMES, "fr:", NULL, "names_format"},	     /* no name */
	{CK_NAMES, "FR: Comprimé", NULL, "names_format"},    /* a language code is lower case */
	{CK_NAMES, "fr: A\nfr: B", NULL, "names_repeated"},
	{CK_NAMES, "", "{}", NULL},
	{CK_ALT_NAMES, "Beispiel GmbH", "[{\"name\":\"Beispiel GmbH\",\"lang\":null}]", NULL},
	{CK_ALT_NAMES, "de: Beispiel GmbH\nExample: Europe",
	 "[{\"name\":\"Beispiel GmbH\",\"lang\":\"de\"},{\"name\":\"Example: Europe\",\"lang\":null}]", NULL},
	{CK_IDENTIFIERS, "DUNS: 123456789", "[{\"system\":\"DUNS\",\"code\":\"123456789\"}]", NULL},
	{CK_IDENTIFIERS, "DUNS: 123456789 [2020-01-01..2025-12-31]",
	 "[{\"valid_from\":\"2020-01-01\",\"valid_to\":\"2025-12-31\",\"system\":\"DUNS\",\"code\":\"123456789\"}]", NULL},
	{CK_IDENTIFIERS, "DUNS: 123 [..2025-12-31]", "[{\"valid_to\":\"2025-12-31\",\"system\":\"DUNS\",\"code\":\"123\"}]",
	 NULL},
	{CK_IDENTIFIERS, "no system", NULL, "identifiers_format"},
	{CK_IDENTIFIERS, ": 123", NULL, "identifiers_format"},
	{CK_IDENTIFIERS, "DUNS: 123 [2020-13-01..]", NULL, "identifiers_format"},
	{CK_IDENTIFIERS, "DUNS: 123 [2020-01-01]", NULL, "identifiers_format"},
	{CK_IDENTIFIERS, "DUNS: [2020-01-01..]", NULL, "identifiers_format"},
	{CK_ADDRESS, "1 Road\n\nBuilding C", "[\"1 Road\",\"Building C\"]", NULL},
	{CK_ADDRESS, "1\n2\n3\n4\n5", NULL, "address_lines"},
};

static void test_lines(void)
{
	for (size_t i = 0; i < sizeof lines_cases / sizeof lines_cases[0]; i++) {
		const struct lines_case *c = &lines_cases[i];
		const char *why = NULL;
		json_t *got = cr_lines(c->kind, c->text, &why);
		json_t *want = c->json ? json_loads(c->json, 0, NULL) : NULL;
		char *text = got ? json_dumps(got, JSON_COMPACT) : NULL;
		ok(c->json ? got && json_equal(got, want) : !got && why && strcmp(why, c->why) == 0, "lines %zu read as %s", i,
		   c->json ? c->json : c->why);
		if (c->json ? !got || !json_equal(got, want) : !why || strcmp(why, c->why) != 0)
			diag("got %s", text ? text : why ? why : "nothing");
		free(text);
		json_decref(got);
		json_decref(want);
	}
}

static void test_degrees(void)
{
	static const struct {
		double d;
		const char *text;
	} cases[] = {{50.8503, "50.8503"}, {4.0, "4"}, {-0.1234567, "-0.123457"}, {180, "180"}, {0.5, "0.5"}};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		char out[32];
		cr_degrees(cases[i].d, out);
		ok(strcmp(out, cases[i].text) == 0, "degrees %g as a record writes them: %s", cases[i].d, out);
	}
}

/* A record read from an organisation: its lines read back to the arrays
 * the record holds, so that a form that starts from the record and is
 * sent unchanged proposes nothing. */
static void test_org(void)
{
	const char *org = "{\"id\":\"ORG-100000001\",\"name\":\"Exemple\",\"size\":\"Small\",\"status\":\"ACTIVE\","
			  "\"alternative_names\":[{\"name\":\"Beispiel\",\"lang\":\"de\"},{\"name\":\"EX\",\"lang\":null}],"
			  "\"identifiers\":[{\"system\":\"DUNS\",\"code\":\"1\",\"valid_from\":\"2020-01-01\",\"valid_to\":null}],"
			  "\"locations\":[{\"id\":\"LOC-100000002\",\"address\":[\"1 Road\",\"Building C\"],\"city\":\"Lyon\","
			  "\"country_code\":\"FR\",\"latitude\":45.75,\"status\":\"ACTIVE\"}]}";
	json_t *o = json_loads(org, 0, NULL);
	json_t *rec = cr_record_of_org(CR_UPD_ORG, o, NULL);
	struct arena *a = arena_new();
	is_str(cr_record_text(a, rec),
	       "{\"name\":\"Exemple\",\"size\":\"Small\",\"alternative_names\":\"de: Beispiel\\nEX\","
	       "\"identifiers\":\"DUNS: 1 [2020-01-01..]\",\"status\":\"ACTIVE\"}",
	       "an organisation's record: its fields in order, its lists as lines");
	const char *why = NULL;
	json_t *names = cr_lines(CK_ALT_NAMES, json_string_value(json_object_get(rec, "alternative_names")), &why);
	json_t *ids = cr_lines(CK_IDENTIFIERS, json_string_value(json_object_get(rec, "identifiers")), &why);
	json_t *want_ids = json_loads("[{\"system\":\"DUNS\",\"code\":\"1\",\"valid_from\":\"2020-01-01\"}]", 0, NULL);
	ok(json_equal(names, json_object_get(o, "alternative_names")) && json_equal(ids, want_ids),
	   "whose lines read back to what the organisation holds");
	json_t *loc = cr_record_of_org(CR_UPD_LOC, o, "LOC-100000002");
	is_str(cr_record_text(a, loc),
	       "{\"address\":\"1 Road\\nBuilding C\",\"city\":\"Lyon\",\"country_code\":\"FR\",\"latitude\":\"45.75\","
	       "\"status\":\"ACTIVE\"}",
	       "a location's record");
	ok(cr_record_of_org(CR_UPD_LOC, o, "LOC-100000009") == NULL, "no record of a location the organisation has not");
	is_str(cr_record_fields(a, "{\"postal_code\":\"1\",\"phone\":\"2\"}"), "postal_code, phone",
	       "the fields a proposal names, as a history says what changed");
	json_decref(names);
	json_decref(ids);
	json_decref(want_ids);
	json_decref(loc);
	json_decref(rec);
	json_decref(o);
	arena_free(a);
}

static void test_term(void)
{
	json_t *snap = json_loads("{\"id\":\"100000000001\",\"status\":\"CURRENT\",\"domain\":\"100000000012\","
				  "\"texts\":{\"en\":{\"name\":{\"value\":\"Tablet\"},\"short\":{\"value\":\"TAB\"}},"
				  "\"fr\":{\"name\":{\"value\":\"Comprimé\"}}}}",
				  0, NULL);
	struct arena *a = arena_new();
	json_t *upd = cr_record_of_term(CR_UPD_TERM, snap, "en"), *tr = cr_record_of_term(CR_TRANSLATION, snap, "fr");
	json_t *none = cr_record_of_term(CR_TRANSLATION, snap, "de");
	is_str(cr_record_text(a, upd), "{\"name\":\"Tablet\",\"short\":\"TAB\",\"status\":\"CURRENT\",\"domain\":\"100000000012\"}",
	       "a term's record for a change: its English texts and its fields");
	is_str(cr_record_text(a, tr), "{\"name\":\"Comprimé\"}", "for a translation: its texts in that language alone");
	is_str(cr_record_text(a, none), "{}", "a language it has no text in: an empty record");
	ok(cr_record_of_term(CR_ADD_TERM, snap, "en") == NULL, "nothing before a new term");
	ok(cr_type_of("UPD-LOC") == CR_UPD_LOC && cr_type_of("upd-loc") == 0 && cr_type_of(NULL) == 0,
	   "request types by their exact names");
	json_decref(upd);
	json_decref(tr);
	json_decref(none);
	json_decref(snap);
	arena_free(a);
}

/* The pages show by its name every field that holds a term's ID or a
 * country's code (core/sides.c), and no other. */
static void test_references(void)
{
	size_t wrong = 0, refs = 0;
	for (size_t i = 0; i < cr_nkeys; i++) {
		enum cr_kind k = cr_keys[i].kind;
		bool ref = k == CK_DOMAIN || k == CK_TERM || k == CK_COUNTRY;
		refs += ref;
		if (ref != sides_is_reference(cr_keys[i].key)) {
			diag("%s: %s", cr_keys[i].key, ref ? "not named" : "named, but no reference");
			wrong++;
		}
	}
	ok(refs >= 4 && !wrong, "the records' references (%zu) are the fields the pages name", refs);
}

int main(void)
{
	test_references();
	test_lines();
	test_degrees();
	test_org();
	test_term();
	return done_testing();
}
