/* Unit tests of the in-place JSON reader (core/jread.h) against jansson:
 * every text either both read to the same values or both refuse, texts
 * written by hand and texts mutated at random from a term's snapshot; and
 * of the term page's reading of a snapshot (rms/rms_term_view.h). */
#include "config.h"

#include <jansson.h>
#include <stdlib.h>
#include <string.h>

#include "../tap.h"
#include "../jread_tree.h"
#include "core/jread.h"
#include "core/mem.h"
#include "rms/rms_term_view.h"

/* Whether the reader and jansson agree on `text` (`len` bytes). */
static bool agree(struct arena *a, const char *text, size_t len, bool *valid)
{
	json_t *want = json_loadb(text, len, JSON_DECODE_ANY, NULL);
	struct jread j;
	jread_init(&j, a, text, len);
	json_t *got = jread_tree(&j);
	bool read = jread_end(&j);
	*valid = want != NULL;
	bool same = want ? read && got && json_equal(want, got) : !read;
	json_decref(want);
	json_decref(got);
	return same;
}

static void test_texts(struct arena *a)
{
	static const char *const texts[] = {
		"{}", "[]", "null", "true", "false", "0", "-0", "12", "-3.25e+2", "1E5", "\"\"",
		" { \"a\" : [ 1 , 2 , { \"b\" : null } ] , \"c\" : \"d\" } ",
		"\"tab\\there \\\"quoted\\\" \\\\ \\/ \\b\\f\\n\\r\"",
		"\"\\u00e9t\\u00C9 \\u20ac \\ud83d\\ude00\"", "\"Прах и разтворител\"", "{\"k\\u00e9y\":1}",
		/* refused by both */
		"", " ", "{", "}", "[1,]", "{\"a\":1,}", "{,\"a\":1}", "[,1]", "{\"a\" 1}", "{\"a\":}", "{1:2}",
		"[1 2]", "01", "1.", ".5", "-", "1e", "+1", "tru", "nul", "\"open", "\"\\x\"", "\"\\u12\"",
		"\"\\u0000\"", "\"\\ud83d\"", "\"\\ude00\"", "\"\\ud83d\\u0041\"", "\"a\tb\"", "\"\xc3\"",
		"\"\xff\xfe\"", "\"\xed\xa0\x80\"", "{} {}", "[1]]", "{\"a\":1}}", "[}", "{]", "NaN", "'a'",
	};
	for (size_t i = 0; i < sizeof texts / sizeof *texts; i++) {
		bool valid, same = agree(a, texts[i], strlen(texts[i]), &valid);
		ok(same, "%s as jansson reads it: %s", texts[i], valid ? "the same values" : "refused");
	}
	bool valid = true;
	ok(agree(a, "[1,\0 2]", 6, &valid) && !valid, "a NUL byte in the text is refused");
}

static void test_depth(struct arena *a)
{
	char deep[2 * JREAD_DEPTH + 3];
	for (int depth = JREAD_DEPTH; depth <= JREAD_DEPTH + 1; depth++) {
		memset(deep, '[', (size_t)depth);
		memset(deep + depth, ']', (size_t)depth);
		struct jread j;
		jread_init(&j, a, deep, 2 * (size_t)depth);
		jread_skip(&j);
		ok(jread_end(&j) == (depth == JREAD_DEPTH), "%d arrays deep: %s", depth,
		   depth == JREAD_DEPTH ? "read" : "refused");
	}
	struct jread j;
	jread_init(&j, a, "[1]", 3);
	ok(!jread_object(&j) && j.bad && !jread_end(&j), "an array where an object is asked: refused");
	jread_init(&j, a, "{\"a\":[1]}", 9);
	const char *key;
	jread_object(&j);
	jread_member(&j, &key);
	ok(jread_text(&j) == NULL && !jread_member(&j, &key) && jread_end(&j),
	   "an array asked as text is read past, NULL; the object's end follows");
	jread_init(&j, a, NULL, 0);
	ok(!jread_object(&j) && !jread_end(&j), "no text at all: refused");
	static const char *const keys[] = {"id", "name", NULL};
	ok(jread_which("name", keys) == 1 && jread_which("id", keys) == 0 && jread_which("nam", keys) == -1 &&
		   jread_which(NULL, keys) == -1,
	   "which of the keys a member's key is");
}

static const char *const snapshot =
	"{\"attributes\":[{\"name\":\"DOSE_FORM\",\"value\":\"100000073364\"},{\"name\":\"NOTE\",\"value\":null}],"
	"\"comments\":\"a \\\"comment\\\"\",\"countries\":[\"100000000388\",\"100000000399\"],"
	"\"created\":{\"at\":\"2008-12-03 11:21:21\",\"by\":null},\"domain\":\"100000000014\","
	"\"id\":\"100000073366\",\"level\":{\"name\":\"Level one\",\"short\":\"L1\"},\"list\":\"200000000006\","
	"\"major\":true,\"mappings\":[{\"code\":\"PHF00186MIG\",\"main\":false,\"name\":null,"
	"\"source\":\"100000075665\",\"status\":null,\"version\":null},{\"code\":\"10114000\",\"main\":true,"
	"\"name\":\"EDQM\",\"source\":\"100000073361\",\"status\":null,\"version\":\"2\"}],"
	"\"modified\":{\"at\":\"2022-08-21 22:19:37\",\"by\":\"steward\"},\"parent\":null,\"replaced_by\":null,"
	"\"status\":\"CURRENT\",\"status_changed_at\":\"2008-12-03 10:21:21\",\"tags\":null,"
	"\"texts\":{\"bg\":{\"name\":{\"modified_at\":\"2017-05-16 12:46:36\",\"modified_by\":null,"
	"\"status\":\"CURRENT\",\"value\":\"\\u041f\\u0440\\u0430\\u0445\"}},"
	"\"en\":{\"description\":{\"value\":\"Line one\\nline two\"},\"name\":{\"status\":\"CURRENT\","
	"\"value\":\"Powder & solvent <oral>\"},\"other\":{\"value\":\"Other\"},\"short\":{\"value\":\"Pwd\"},"
	"\"symbol\":{\"value\":\"\\u00b5g\"}},\"fr\":{\"short\":{\"value\":\"Pdr\"}}},"
	"\"version\":3,\"version_date\":null,\"visibility\":\"PUBLIC\"}";

static void test_view(struct arena *a)
{
	struct rms_term_view v;
	ok(rms_term_view_read(a, snapshot, &v) == 0, "a snapshot is read");
	is_str(v.id, "100000073366", "id");
	is_str(v.list, "200000000006", "list");
	is_str(v.status, "CURRENT", "status");
	is_str(v.domain, "100000000014", "domain");
	ok(!v.parent && !v.replaced_by && !v.tags && !v.version_date && !v.created_by, "nulls are NULL");
	is_str(v.comments, "a \"comment\"", "comments, unescaped");
	is_str(v.visibility, "PUBLIC", "visibility");
	is_str(v.level_short, "L1", "level's short");
	is_str(v.level_name, "Level one", "level's name");
	is_str(v.created, "2008-12-03 11:21:21", "created");
	is_str(v.modified, "2022-08-21 22:19:37", "modified");
	is_str(v.modified_by, "steward", "modified by");
	is_str(v.status_changed_at, "2008-12-03 10:21:21", "status changed");
	is_str(v.version, "3", "version");
	is_str(v.major, "true", "major");
	ok(v.ntexts == 3 && strcmp(v.texts[0].lang, "bg") == 0 && strcmp(v.texts[2].lang, "fr") == 0,
	   "three languages in the snapshot's order");
	is_str(v.texts[0].kind[RMS_NAME].value, "\xd0\x9f\xd1\x80\xd0\xb0\xd1\x85", "a name written as \\u escapes, in UTF-8");
	is_str(v.texts[0].kind[RMS_NAME].status, "CURRENT", "a name's status");
	is_str(v.texts[0].kind[RMS_NAME].modified_at, "2017-05-16 12:46:36", "its date");
	ok(v.texts[0].kind[RMS_NAME].present && !v.texts[0].kind[RMS_NAME].modified_by, "its author, none");
	ok(!v.texts[0].kind[RMS_SHORT].present && !v.texts[0].kind[RMS_SHORT].value, "a kind the language has not");
	is_str(v.texts[1].kind[RMS_NAME].value, "Powder & solvent <oral>", "the English name, as stored (escaped by the page)");
	is_str(v.texts[1].kind[RMS_DESCRIPTION].value, "Line one\nline two", "a description");
	is_str(v.texts[1].kind[RMS_SHORT].value, "Pwd", "a short name");
	is_str(v.texts[1].kind[RMS_OTHER].value, "Other", "an other name");
	is_str(v.texts[1].kind[RMS_SYMBOL].value, "\xc2\xb5g", "a symbol");
	ok(!v.texts[2].kind[RMS_NAME].value && !v.texts[2].kind[RMS_NAME].status, "a language with no name");
	is_str(v.texts[2].kind[RMS_SHORT].value, "Pdr", "its short name");
	ok(v.nmappings == 2, "two mappings");
	is_str(v.mappings[1].source, "100000073361", "a mapping's source");
	is_str(v.mappings[1].code, "10114000", "its code");
	is_str(v.mappings[1].name, "EDQM", "its name");
	is_str(v.mappings[1].version, "2", "its version");
	is_str(v.mappings[1].main, "true", "its main flag");
	is_str(v.mappings[0].main, "false", "another's");
	ok(!v.mappings[0].status && !v.mappings[1].status, "mappings' statuses, none");
	ok(v.ncountries == 2 && strcmp(v.countries[1], "100000000399") == 0, "countries");
	ok(v.nattributes == 2 && strcmp(v.attributes[0].value, "100000073364") == 0 && !v.attributes[1].value,
	   "attributes");
	is_str(rms_term_view_name(&v, "bg"), v.texts[0].kind[RMS_NAME].value, "the name in a language");
	ok(rms_term_view_name(&v, "fr") == NULL && rms_term_view_name(&v, "de") == NULL, "none in another");
	is_str(rms_term_view_name_en(&v), "Powder & solvent <oral>", "the English name");
	ok(rms_term_view_text(&v, "fr") == &v.texts[2] && !rms_term_view_text(&v, "de"), "a language's texts");
	is_str(rms_term_view_flag(v.major, "Y", "N"), "Y", "a flag that is true");
	is_str(rms_term_view_flag(v.mappings[0].main, "1", "0"), "0", "one that is false");
	ok(!rms_term_view_flag(NULL, "Y", "N") && !rms_term_view_flag("yes", "Y", "N"), "neither: none");

	ok(rms_term_view_read(a, "{\"texts\":{\"de\":{\"short\":{\"value\":\"K\"}},\"fr\":{\"name\":{\"value\":\"Nom\"}}}}", &v) == 0,
	   "a snapshot without English");
	is_str(rms_term_view_name_en(&v), "Nom", "the first name in any language stands in for English");
	ok(rms_term_view_read(a, "{\"id\":\"1\"}", &v) == 0 && strcmp(rms_term_view_name_en(&v), "") == 0,
	   "no name at all: empty");
	ok(rms_term_view_read(a, "{\"id\":\"1\",", &v) < 0, "a cut snapshot is refused");
	ok(rms_term_view_read(a, "[]", &v) < 0 && rms_term_view_read(a, NULL, &v) < 0, "so are an array and nothing");
	ok(rms_term_view_read(a, "{\"texts\":[1],\"id\":\"1\"}", &v) < 0, "and texts that are no object");
}

/* The snapshot mutated at random (a byte changed, removed or doubled, a
 * span cut out): the reader and jansson still agree on every one. */
static void test_mutations(struct arena *a)
{
	size_t n = strlen(snapshot), disagree = 0, valid_ones = 0, rounds = 4000;
	char *text = malloc(2 * n + 1);
	srand(20261203);
	static const char bytes[] = "{}[]\",:\\u0123456789abcdefnulltrue -.eE\x01\x80\xc3\xff";
	for (size_t round = 0; round < rounds; round++) {
		memcpy(text, snapshot, n + 1);
		size_t len = n, at = (size_t)rand() % n;
		switch (rand() % 4) {
		case 0:
			text[at] = bytes[(size_t)rand() % (sizeof bytes - 1)];
			break;
		case 1:
			memmove(text + at, text + at + 1, len - at);
			len--;
			break;
		case 2:
			memmove(text + at + 1, text + at, len - at + 1);
			len++;
			break;
		default: {
			size_t cut = 1 + (size_t)rand() % 40;
			cut = cut > len - at ? len - at : cut;
			memmove(text + at, text + at + cut, len - at - cut + 1);
			len -= cut;
		}
		}
		bool valid;
		if (!agree(a, text, len, &valid)) {
			if (disagree++ < 3)
				diag("disagree on: %.*s", (int)len, text);
		}
		valid_ones += valid;
		arena_reset(a);
	}
	free(text);
	ok(disagree == 0, "%zu mutated snapshots (%zu still JSON): the reader agrees with jansson on each", rounds,
	   valid_ones);
}

int main(void)
{
	struct arena *a = arena_new();
	test_texts(a);
	test_depth(a);
	test_view(a);
	test_mutations(a);
	arena_free(a);
	return done_testing();
}
