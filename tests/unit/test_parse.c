/* Unit tests of query, body and cookie parsing with hostile input. */
#include "config.h"

#include "../tap.h"
#include "core/http_parse.h"
#include "core/mem.h"

struct parse_case {
	const char *input;
	enum parse_error error;
	const char *bad_name; /* parameter named in the error */
	size_t count;	      /* pairs on success */
	const char *name0, *value0;
};

static const struct parse_case cases[] = {
	{"", PARSE_OK, NULL, 0, NULL, NULL},
	{"q=dose+form", PARSE_OK, NULL, 1, "q", "dose form"},
	{"q=a%20b&page=2", PARSE_OK, NULL, 2, "q", "a b"},
	{"q=", PARSE_OK, NULL, 1, "q", ""},
	{"q", PARSE_OK, NULL, 1, "q", ""},
	{"&&q=1&&", PARSE_OK, NULL, 1, "q", "1"},
	{"q=%C3%A9mulsion", PARSE_OK, NULL, 1, "q", "\xc3\xa9mulsion"},
	{"q=%F0%9F%92%8A", PARSE_OK, NULL, 1, "q", "\xf0\x9f\x92\x8a"},
	{"q=a=b", PARSE_OK, NULL, 1, "q", "a=b"},
	{"q=%3Cscript%3E", PARSE_OK, NULL, 1, "q", "<script>"},
	{"q=%00", PARSE_NUL, "q", 0, NULL, NULL},
	{"q=a%00b", PARSE_NUL, "q", 0, NULL, NULL},
	{"q=%C3%28", PARSE_UTF8, "q", 0, NULL, NULL},
	{"q=%FF", PARSE_UTF8, "q", 0, NULL, NULL},
	{"q=%C0%AF", PARSE_UTF8, "q", 0, NULL, NULL},		/* overlong '/' */
	{"q=%ED%A0%80", PARSE_UTF8, "q", 0, NULL, NULL},	/* UTF-16 surrogate */
	{"q=%F4%90%80%80", PARSE_UTF8, "q", 0, NULL, NULL},	/* beyond U+10FFFF */
	{"page=1&q=%E2%82", PARSE_UTF8, "q", 0, NULL, NULL},	/* truncated sequence */
	{"q=%", PARSE_ESCAPE, "q", 0, NULL, NULL},
	{"q=%4", PARSE_ESCAPE, "q", 0, NULL, NULL},
	{"q=%G1", PARSE_ESCAPE, "q", 0, NULL, NULL},
	{"=x", PARSE_NAME, NULL, 0, NULL, NULL},
	{"a%00b=x", PARSE_NAME, NULL, 0, NULL, NULL},
	{"<script>=x", PARSE_NAME, NULL, 0, NULL, NULL},
	{"na%20me=x", PARSE_NAME, NULL, 0, NULL, NULL},
	{"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa=1", PARSE_NAME, NULL, 0, NULL, NULL},
};

static void test_urlencoded(struct arena *a)
{
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		const struct parse_case *c = &cases[i];
		struct params p;
		struct parse_result res;
		params_init(&p);
		enum parse_error e = http_parse_urlencoded(a, c->input, strlen(c->input), &p, &res);
		bool good = e == c->error && res.error == e;
		if (good && c->error)
			good = (c->bad_name == NULL && res.name == NULL) ||
			       (c->bad_name && res.name && strcmp(res.name, c->bad_name) == 0);
		if (good && !c->error) {
			good = p.n == c->count;
			if (good && c->name0)
				good = strcmp(p.v[0].name, c->name0) == 0 && strcmp(p.v[0].value, c->value0) == 0 &&
				       p.v[0].len == strlen(c->value0);
		}
		if (!ok(good, "urlencoded \"%s\"", c->input))
			diag("error %d (want %d), name %s, %zu pairs", e, c->error, res.name ? res.name : "-", p.n);
	}
}

static void test_caps(struct arena *a)
{
	struct params p;
	struct parse_result res;
	struct buf b;
	buf_init(&b, a);
	for (int i = 0; i < PARAMS_MAX; i++)
		buf_printf(&b, "p%d=%d&", i, i);
	params_init(&p);
	is_int(http_parse_urlencoded(a, b.data, b.len, &p, &res), PARSE_OK, "PARAMS_MAX pairs are accepted");
	buf_puts(&b, "one=more");
	params_init(&p);
	is_int(http_parse_urlencoded(a, b.data, b.len, &p, &res), PARSE_TOO_MANY, "one pair more is refused");
	is_str(res.name, "one", "the refused pair is named");

	buf_init(&b, a);
	buf_puts(&b, "q=");
	for (int i = 0; i < PARAM_VALUE_MAX + 1; i++)
		buf_putc(&b, 'x');
	params_init(&p);
	is_int(http_parse_urlencoded(a, b.data, b.len, &p, &res), PARSE_TOO_LONG, "an over-long value is refused");
	is_str(res.name, "q", "the over-long value is named");

	params_init(&p);
	is_int(http_parse_urlencoded(a, "q=a\0b", 5, &p, &res), PARSE_NUL, "a raw NUL byte is refused");

	params_init(&p);
	http_parse_urlencoded(a, "q=first&q=second", 16, &p, &res);
	is_str(params_get(&p, "q")->value, "first", "the first value of a repeated name counts");
	ok(params_get(&p, "nope") == NULL, "an absent name is NULL");
}

/* Pairs from a JSON document's parameters meet the checks of a form's. */
static void test_checked(struct arena *a)
{
	struct params p;
	struct parse_result res;
	size_t count = 0;
	params_init(&p);
	is_int(params_add_checked(a, &p, "code", "100000000012", 12, &count, &res), PARSE_OK, "a pair is added");
	is_str(params_get(&p, "code")->value, "100000000012", "with its value");
	is_int(params_add_checked(a, &p, "co de", "x", 1, &count, &res), PARSE_NAME, "a name with a space is refused");
	is_int(params_add_checked(a, &p, "q", "a\0b", 3, &count, &res), PARSE_NUL, "a NUL byte is refused");
	is_str(res.name, "q", "and named");
	is_int(params_add_checked(a, &p, "q", "\xc3\x28", 2, &count, &res), PARSE_UTF8, "invalid UTF-8 is refused");
	while (count < PARAMS_MAX)
		params_add_checked(a, &p, "n", "1", 1, &count, &res);
	is_int(params_add_checked(a, &p, "n", "1", 1, &count, &res), PARSE_TOO_MANY, "one pair beyond PARAMS_MAX is refused");
}

static void test_cookies(struct arena *a)
{
	struct params p;
	params_init(&p);
	http_parse_cookies(a, "spor_session=abc123; theme=dark;  lang=fr ", &p);
	is_int((long long)p.n, 3, "three cookies");
	is_str(params_get(&p, "spor_session")->value, "abc123", "session cookie value");
	is_str(params_get(&p, "lang")->value, "fr", "trailing space trimmed");

	params_init(&p);
	http_parse_cookies(a, "bad name=1; good=2; utf=\xc3\xa9; quote=\"x\"; =empty; novalue; ok=3", &p);
	is_int((long long)p.n, 2, "malformed cookies are skipped, good ones kept");
	is_str(params_get(&p, "ok")->value, "3", "a good cookie after bad ones");

	params_init(&p);
	struct buf b;
	buf_init(&b, a);
	for (int i = 0; i < 100; i++)
		buf_printf(&b, "c%d=%d; ", i, i);
	http_parse_cookies(a, b.data, &p);
	is_int((long long)p.n, COOKIES_MAX, "at most COOKIES_MAX cookies are kept");
	params_init(&p);
	http_parse_cookies(a, "", &p);
	is_int((long long)p.n, 0, "no cookie header, no cookies");
}

static void test_escape(struct arena *a)
{
	is_str(http_url_escape(a, "/rms/lists?x=1&y=é"), "%2Frms%2Flists%3Fx%3D1%26y%3D%C3%A9", "url escape");
	is_str(http_url_escape(a, "a-b_c.d~e"), "a-b_c.d~e", "unreserved characters stay");
	size_t n;
	is_str(http_percent_decode(a, "a+b%2B", 6, true, &n), "a b+", "plus is space in forms");
	is_str(http_percent_decode(a, "a+b", 3, false, &n), "a+b", "plus stays in paths");
	ok(http_percent_decode(a, "%zz", 3, true, &n) == NULL, "bad escape is NULL");
	ok(text_is_clean("caf\xc3\xa9", 5), "valid UTF-8 is clean");
	ok(!text_is_clean("caf\xc3", 4), "truncated UTF-8 is not");
	ok(!text_is_clean("a\0b", 3), "NUL is not clean");
}

/* A header's value kept as text (the User-Agent of a session): printable
 * ASCII within the cap, whatever the client sent. */
static void test_header_text(struct arena *a)
{
	static const struct {
		const char *in;
		size_t max;
		const char *out;
	} texts[] = {
		{"Mozilla/5.0 (X11; Linux x86_64) Firefox/126.0", 255, "Mozilla/5.0 (X11; Linux x86_64) Firefox/126.0"},
		{"", 255, ""},
		{NULL, 255, ""},
		{"<script>alert(1)</script>", 255, "<script>alert(1)</script>"}, /* the template escapes it */
		{"tab\there", 255, "tab?here"},
		{"bell\a, escape\x1b[31m, DEL\x7f", 255, "bell?, escape?[31m, DEL?"},
		{"caf\xc3\xa9 \xf0\x9f\x92\x8a", 255, "caf?? ????"}, /* UTF-8: every byte of 8 bits */
		{"\xff\xfe\xc3", 255, "???"},			     /* not even UTF-8 */
		{"abcdef", 4, "abcd"},
		{"ab\xc3\xa9" "cd", 3, "ab?"}, /* cut inside a sequence: still ASCII */
	};
	for (size_t i = 0; i < sizeof texts / sizeof texts[0]; i++) {
		char name[96];
		snprintf(name, sizeof name, "header text %zu: %s", i, texts[i].out);
		is_str(http_header_text(a, texts[i].in, texts[i].max), texts[i].out, name);
	}
	char big[9001];
	memset(big, 'A', sizeof big - 1);
	big[sizeof big - 1] = '\0';
	is_int((long long)strlen(http_header_text(a, big, 255)), 255, "a 9,000-byte header keeps 255 bytes");
}

/* A multipart body of `parts` (each "name|filename|value", filename may be
 * empty for a text part) with boundary "XyZ"; `tail` ends it. */
static enum parse_error multipart(struct arena *a, const char *const *parts, const char *tail, struct params *p,
				  struct upload *file, struct parse_result *res)
{
	struct buf b;
	buf_init(&b, a);
	for (size_t i = 0; parts[i]; i++) {
		char name[64], filename[128];
		const char *bar = strchr(parts[i], '|'), *bar2 = strchr(bar + 1, '|');
		snprintf(name, sizeof name, "%.*s", (int)(bar - parts[i]), parts[i]);
		snprintf(filename, sizeof filename, "%.*s", (int)(bar2 - bar - 1), bar + 1);
		buf_printf(&b, "--XyZ\r\nContent-Disposition: form-data; name=\"%s\"", name);
		if (*filename)
			buf_printf(&b, "; filename=\"%s\"\r\nContent-Type: application/pdf", filename);
		buf_printf(&b, "\r\n\r\n%s\r\n", bar2 + 1);
	}
	buf_puts(&b, tail);
	params_init(p);
	return http_parse_multipart(a, b.data, b.len, "XyZ", p, file, res);
}

static void test_multipart(struct arena *a)
{
	struct params p;
	struct upload f;
	struct parse_result res;
	is_str(http_multipart_boundary(a, "multipart/form-data; boundary=----abc123"), "----abc123", "the boundary");
	is_str(http_multipart_boundary(a, "multipart/form-data; boundary=\"a b\""), "a b", "a quoted boundary");
	ok(!http_multipart_boundary(a, "text/plain; boundary=x"), "not multipart: no boundary");
	ok(!http_multipart_boundary(a, "multipart/form-data; boundary=a<b"), "a boundary with a forbidden character");
	ok(!http_multipart_boundary(a, "multipart/form-data"), "no boundary at all");

	const char *const good[] = {"org||ORG-100000001", "justification||line one\r\nline two",
				    "document|C:\\Users\\me\\letter.pdf|%PDF-1.4 \x01\x02 binary", NULL};
	ok(multipart(a, good, "--XyZ--\r\n", &p, &f, &res) == PARSE_OK, "a form with a file");
	ok(p.n == 3 && strcmp(params_get(&p, "justification")->value, "line one\r\nline two") == 0,
	   "text parts are parameters, line ends kept");
	ok(f.field && strcmp(f.field, "document") == 0 && strcmp(f.filename, "letter.pdf") == 0 && f.len == 18 &&
		   memcmp(f.data, "%PDF-1.4 \x01\x02 binary", 18) == 0,
	   "the file: its field, its name without folders, its bytes");
	is_str(params_get(&p, "document")->value, "letter.pdf", "the file's name is also the field's value");

	const char *const none[] = {"document||", NULL};
	ok(multipart(a, none, "--XyZ--\r\n", &p, &f, &res) == PARSE_OK && !f.field, "no file chosen: no file");
	const char *const two[] = {"a|x.pdf|%PDF-", "b|y.pdf|%PDF-", NULL};
	ok(multipart(a, two, "--XyZ--\r\n", &p, &f, &res) == PARSE_TOO_MANY, "two files: refused");
	ok(multipart(a, good, "", &p, &f, &res) == PARSE_FORMAT, "no final boundary: refused");
	const char *const nul[] = {"q||a\x01", NULL};
	ok(multipart(a, nul, "--XyZ--\r\n", &p, &f, &res) == PARSE_OK, "a control character is the field's business");
	const char *const bad_utf8[] = {"q||caf\xc3", NULL};
	ok(multipart(a, bad_utf8, "--XyZ--\r\n", &p, &f, &res) == PARSE_UTF8 && strcmp(res.name, "q") == 0,
	   "invalid UTF-8 in a text part: refused, naming it");
	const char *const bad_name[] = {"a b||x", NULL};
	ok(multipart(a, bad_name, "--XyZ--\r\n", &p, &f, &res) == PARSE_NAME, "a bad field name: refused");
	const char *const bad_filename[] = {"d|\xff.pdf|%PDF-", NULL};
	ok(multipart(a, bad_filename, "--XyZ--\r\n", &p, &f, &res) == PARSE_UTF8, "a file name of invalid UTF-8");
	params_init(&p);
	ok(http_parse_multipart(a, "garbage", 7, "XyZ", &p, &f, &res) == PARSE_FORMAT, "garbage: refused");
	ok(http_parse_multipart(a, "--XyZ\r\nno blank line", 21, "XyZ", &p, &f, &res) == PARSE_FORMAT,
	   "a part without the end of its headers: refused");
}

static bool portal_lang(const void *ctx, const char *tag)
{
	(void)ctx;
	return strcmp(tag, "en") == 0 || strcmp(tag, "fr") == 0 || strcmp(tag, "de") == 0;
}

/* Accept-Language, weighted, odd and hostile: the choice is the best
 * weighted language the portal has, the first of equal weights. */
static void test_accept_language(struct arena *a)
{
	static const struct {
		const char *header, *want;
	} langs[] = {
		{"", NULL},
		{"de", "de"},
		{"nl-NL, de;q=0.9", "de"},
		{"nl-NL,nl;q=0.9,en-US;q=0.8,en;q=0.7", "en"},
		{"fr-FR,fr;q=0.9,en-US;q=0.8,en;q=0.7", "fr"},
		{"en;q=0.5, fr;q=0.8, de;q=0.7", "fr"},
		{"de;q=0.8, fr;q=0.8", "de"},	    /* equal weights: the first */
		{"DE-at", "de"},		    /* case */
		{"fr;Q=0.5, en;q=0.4", "fr"},	    /* "Q" as well as "q" */
		{"fr;q=0, en;q=0.1", "en"},	    /* q=0: not this one */
		{"fr;q=0.000", NULL},
		{"fr, de;q=2", "fr"},		    /* q above 1 is no weight: the item counts for nothing */
		{"de;q=2, fr;q=0.5", "fr"},
		{"de;q=1.5, fr;q=0.1", "fr"},
		{"de;q=inf, fr;q=0.1", "fr"},
		{"de;q=nan, fr;q=0.1", "fr"},
		{"de;q=1e3, fr;q=0.1", "fr"},
		{"de;q=0x1p0, fr;q=0.1", "fr"},
		{"de;q=0.1234, fr;q=0.1", "fr"},    /* four decimals */
		{"de;q=-1, fr;q=0.1", "fr"},
		{"de;q=, fr;q=0.1", "fr"},
		{"de;level=1, fr;q=0.1", "fr"},     /* another parameter */
		{"de;q=0.9;x=1, fr;q=0.1", "fr"},
		{"de;q=1.000, fr", "de"},
		{"de;q=1., fr", "de"},
		{"*", NULL},
		{"*, fr;q=0.5", "fr"},
		{"*;q=1, de;q=0.1", "de"},
		{"fr_FR, de;q=0.1", "de"},	    /* "_" is not in a range */
		{"f r, de;q=0.1", "de"},
		{"frx, de;q=0.1", "de"},
		{"fr-, de;q=0.1", "de"},
		{"fr--CA, de;q=0.1", "de"},
		{"-fr, de;q=0.1", "de"},
		{"fr-123456789, de;q=0.1", "de"},   /* a subtag of nine */
		{"francais, de;q=0.1", "de"},	    /* a primary subtag the portal has not */
		{"frenchlanguage, de;q=0.1", "de"}, /* nine letters */
		{"\tfr\t;\tq=0.5\t, en;q=0.4", "fr"}, /* tabs are whitespace too */
		{"\vfr, en;q=0.4", "en"},	    /* other controls are not */
		{",,, ,de", "de"},		    /* empty items */
		{"fr\xc3\xa9, de;q=0.1", "de"},
		{"garbage;;;===,,,", NULL},
		{";q=1, de", "de"},
		{"en-US,en;q=0.9,de;q=1", "en"},
	};
	for (size_t i = 0; i < sizeof langs / sizeof langs[0]; i++) {
		char name[160];
		snprintf(name, sizeof name, "Accept-Language \"%s\"", langs[i].header);
		is_str(http_pick_lang(a, langs[i].header, portal_lang, NULL), langs[i].want, name);
	}
	/* What nginx's page cache relies on (nginx/spor.conf.in): a first item
	 * that is one of the portal's languages, with subtags but no weight,
	 * wins whatever follows. */
	static const char *const firsts[] = {"fr", "FR-fr", "de-DE-1996", "en-US ", "en-a-bcdefgh\t"};
	static const char *const tails[] = {"",	       ",de;q=2",	  ", de;q=1",	      ",de;q=1.0",
					    ",*",      ", de;q=999999", ",de;q=1e9,en;q=inf", ",,;;,==,\xff"};
	bool all = true;
	for (size_t f = 0; f < sizeof firsts / sizeof firsts[0]; f++)
		for (size_t t = 0; t < sizeof tails / sizeof tails[0]; t++) {
			char header[64], want[3] = {(char)(firsts[f][0] | 0x20), (char)(firsts[f][1] | 0x20), 0};
			snprintf(header, sizeof header, "%s%s", firsts[f], tails[t]);
			const char *got = http_pick_lang(a, header, portal_lang, NULL);
			if (!got || strcmp(got, want) != 0) {
				diag("\"%s\" chose %s", header, got ? got : "nothing");
				all = false;
			}
		}
	ok(all, "a first item of the portal's languages without a weight always wins");
	char *huge = arena_alloc(a, 100001);
	for (size_t i = 0; i < 100000; i += 2)
		memcpy(huge + i, i % 1000 ? "x," : "d,", 2);
	huge[100000] = '\0';
	is_str(http_pick_lang(a, huge, portal_lang, NULL), NULL, "a huge header of junk chooses nothing");
}

int main(void)
{
	struct arena *a = arena_new();
	test_multipart(a);
	test_urlencoded(a);
	test_caps(a);
	test_checked(a);
	test_cookies(a);
	test_escape(a);
	test_accept_language(a);
	test_header_text(a);
	arena_free(a);
	return done_testing();
}
