/* Unit tests of typed field checking. */
#include "config.h"

#include "../tap.h"
#include "core/field.h"
#include "core/mem.h"

static const char *const sorts[] = {"name", "id", "modified", NULL};

static const struct field f_text = {"q", FT_TEXT, 0, 10, NULL, 0};
static const struct field f_name = {"name", FT_TEXT, 2, 200, NULL, 0};
static const struct field f_lines = {"justification", FT_LINES, 0, 50, NULL, 0};
static const struct field f_page = {"page", FT_INT, 1, 10000, NULL, 0};
static const struct field f_sort = {"sort", FT_ENUM, 0, 0, sorts, 0};
static const struct field f_id = {"termId", FT_ID12, 0, 0, NULL, 0};
static const struct field f_org = {"orgId", FT_ORGID, 0, 0, NULL, 0};
static const struct field f_loc = {"locId", FT_LOCID, 0, 0, NULL, 0};
static const struct field f_email = {"email", FT_EMAIL, 0, 254, NULL, 0};
static const struct field f_next = {"next", FT_PATH, 0, 2000, NULL, 0};
static const struct field f_lang = {"lang", FT_LANG, 0, 0, NULL, 0};
static const struct field f_secret = {"password", FT_SECRET, 0, 12, NULL, 0};
static const struct field f_token = {"token", FT_TOKEN, 0, 0, NULL, 0};
static const struct field f_date = {"since", FT_DATE, 0, 0, NULL, 0};

struct field_case {
	const struct field *f;
	const char *input;
	enum field_error error;
	bool set;
	const char *text;
	long long num;
};

static const struct field_case cases[] = {
	{&f_text, "", FIELD_OK, false, NULL, 0},
	{&f_text, "   ", FIELD_OK, false, NULL, 0},
	{&f_text, "  dose  ", FIELD_OK, true, "dose", 0},
	{&f_text, "émulsion", FIELD_OK, true, "émulsion", 0},
	{&f_text, "0123456789", FIELD_OK, true, "0123456789", 0},
	{&f_text, "01234567890", FIELD_TOO_LONG, false, NULL, 0},
	{&f_text, "éééééééééé", FIELD_OK, true, "éééééééééé", 0}, /* characters, not bytes */
	{&f_text, "a\nb", FIELD_CONTROL, false, NULL, 0},
	{&f_text, "a\x1b[31m", FIELD_CONTROL, false, NULL, 0},
	{&f_text, "<script>", FIELD_OK, true, "<script>", 0},
	{&f_name, "J", FIELD_TOO_SHORT, false, NULL, 0},
	{&f_lines, "line one\r\nline two\ttab", FIELD_OK, true, "line one\r\nline two\ttab", 0},
	{&f_lines, "bell\a", FIELD_CONTROL, false, NULL, 0},
	{&f_page, "1", FIELD_OK, true, "1", 1},
	{&f_page, "10000", FIELD_OK, true, "10000", 10000},
	{&f_page, "0", FIELD_RANGE, false, NULL, 0},
	{&f_page, "10001", FIELD_RANGE, false, NULL, 0},
	{&f_page, "-1", FIELD_RANGE, false, NULL, 0},
	{&f_page, "1e3", FIELD_NOT_NUMBER, false, NULL, 0},
	{&f_page, "0x10", FIELD_NOT_NUMBER, false, NULL, 0},
	{&f_page, "-", FIELD_NOT_NUMBER, false, NULL, 0},
	{&f_page, "99999999999999999999", FIELD_NOT_NUMBER, false, NULL, 0},
	{&f_page, "9223372036854775808", FIELD_RANGE, false, NULL, 0},
	{&f_page, " 7 ", FIELD_OK, true, "7", 7},
	{&f_sort, "id", FIELD_OK, true, "id", 1},
	{&f_sort, "ID", FIELD_CHOICE, false, NULL, 0},
	{&f_sort, "name; DROP TABLE terms", FIELD_CHOICE, false, NULL, 0},
	{&f_id, "100000000002", FIELD_OK, true, "100000000002", 0},
	{&f_id, "12ab", FIELD_FORMAT, false, NULL, 0},
	{&f_id, "10000000000", FIELD_FORMAT, false, NULL, 0},
	{&f_id, "1000000000020", FIELD_FORMAT, false, NULL, 0},
	{&f_id, "١٠٠٠٠٠٠٠٠٠٠٢", FIELD_FORMAT, false, NULL, 0}, /* Arabic-Indic digits */
	{&f_org, "ORG-100001968", FIELD_OK, true, "ORG-100001968", 0},
	{&f_org, "ORG-12", FIELD_FORMAT, false, NULL, 0},
	{&f_org, "org-100001968", FIELD_FORMAT, false, NULL, 0},
	{&f_org, "LOC-100001968", FIELD_FORMAT, false, NULL, 0},
	{&f_loc, "LOC-100000001", FIELD_OK, true, "LOC-100000001", 0},
	{&f_loc, "LOC-1000000011", FIELD_FORMAT, false, NULL, 0},
	{&f_email, "a.b@example.org", FIELD_OK, true, "a.b@example.org", 0},
	{&f_email, "no-at-sign", FIELD_FORMAT, false, NULL, 0},
	{&f_email, "a@b@example.org", FIELD_FORMAT, false, NULL, 0},
	{&f_email, "a@localhost", FIELD_FORMAT, false, NULL, 0},
	{&f_email, "a b@example.org", FIELD_FORMAT, false, NULL, 0},
	{&f_email, "<a@example.org>", FIELD_FORMAT, false, NULL, 0},
	{&f_next, "/rms/lists?q=x", FIELD_OK, true, "/rms/lists?q=x", 0},
	{&f_next, "//evil.example/", FIELD_FORMAT, false, NULL, 0},
	{&f_next, "/\\evil.example/", FIELD_FORMAT, false, NULL, 0},
	{&f_next, "https://evil.example/", FIELD_FORMAT, false, NULL, 0},
	{&f_next, "javascript:alert(1)", FIELD_FORMAT, false, NULL, 0},
	{&f_next, "/a\r\nSet-Cookie: x=1", FIELD_FORMAT, false, NULL, 0},
	{&f_lang, "fr", FIELD_OK, true, "fr", 0},
	{&f_lang, "el-CY", FIELD_OK, true, "el-CY", 0},
	{&f_lang, "FR", FIELD_FORMAT, false, NULL, 0},
	{&f_lang, "fr;DROP", FIELD_FORMAT, false, NULL, 0},
	{&f_secret, "  spaced pw ", FIELD_OK, true, "  spaced pw ", 0}, /* as typed: not trimmed */
	{&f_secret, "tab\tpw", FIELD_CONTROL, false, NULL, 0},
	{&f_secret, "0123456789abc", FIELD_TOO_LONG, false, NULL, 0},
	{&f_token, "abcdefghijABCDEFGHIJ0123456789-_abcdefghijk", FIELD_OK, true,
	 "abcdefghijABCDEFGHIJ0123456789-_abcdefghijk", 0},
	{&f_token, "abcdefghijABCDEFGHIJ0123456789-_abcdefghij", FIELD_FORMAT, false, NULL, 0},
	{&f_token, "abcdefghijABCDEFGHIJ0123456789-_abcdefghij=", FIELD_FORMAT, false, NULL, 0},
	{&f_token, "abcdefghijABCDEFGHIJ0123456789+/abcdefghijk", FIELD_FORMAT, false, NULL, 0},
	{&f_date, "2026-12-02", FIELD_OK, true, "2026-12-02", 0},
	{&f_date, "2024-02-29", FIELD_OK, true, "2024-02-29", 0},
	{&f_date, "2026-02-29", FIELD_FORMAT, false, NULL, 0},
	{&f_date, "2026-13-01", FIELD_FORMAT, false, NULL, 0},
	{&f_date, "2026-1-01", FIELD_FORMAT, false, NULL, 0},
	{&f_date, "02/12/2026", FIELD_FORMAT, false, NULL, 0},
	{&f_date, "2026-12-02' OR 1", FIELD_FORMAT, false, NULL, 0},
};

int main(void)
{
	struct arena *a = arena_new();
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		const struct field_case *c = &cases[i];
		struct input in;
		enum field_error e = field_check(a, c->f, c->input, &in);
		bool good = e == c->error && in.set == c->set;
		if (good && c->set)
			good = strcmp(in.text, c->text) == 0 && in.num == c->num;
		if (!ok(good, "%s \"%s\"", c->f->name, c->input))
			diag("error %s (want %s), set %d, text %s, num %lld", field_error_key(e),
			     field_error_key(c->error), in.set, in.text ? in.text : "-", in.num);
	}
	is_str(field_error_key(FIELD_TOO_LONG), "too_long", "error keys name interface strings");
	arena_free(a);
	return done_testing();
}
