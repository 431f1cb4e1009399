/* libFuzzer target: query strings and urlencoded bodies
 * (http_parse_urlencoded), percent-decoding and URL escaping.  Checks what
 * the parser promises of every accepted pair (a valid name, a value without
 * NUL that is valid UTF-8, within the caps), that an error names a valid
 * parameter or none, and that any clean text survives escape then parse. */
#include "config.h"

#include <stdbool.h>

#include "fuzz.h"
#include "core/http_parse.h"
#include "core/mem.h"

static bool valid_name(const char *s)
{
	size_t n = strlen(s);
	return n >= 1 && n <= PARAM_NAME_MAX && strspn(s, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_.-") == n;
}

/* Pairs the parser must return: '&'-separated segments that are not empty. */
static size_t segments(const char *s, size_t len)
{
	size_t n = 0;
	for (size_t i = 0; i < len; i++)
		if (s[i] != '&' && (i == 0 || s[i - 1] == '&'))
			n++;
	return n;
}

static void check_parse(struct arena *a, const char *s, size_t len)
{
	struct params p;
	struct parse_result res;
	params_init(&p);
	enum parse_error e = http_parse_urlencoded(a, s, len, &p, &res);
	fuzz_assert(res.error == e, "returned %d, result says %d", e, res.error);
	if (e != PARSE_OK) {
		fuzz_assert(!res.name || valid_name(res.name), "an error names an invalid parameter");
		return;
	}
	fuzz_assert(p.n <= PARAMS_MAX, "%zu pairs accepted", p.n);
	fuzz_assert(p.n == segments(s, len), "%zu pairs from %zu segments", p.n, segments(s, len));
	for (size_t i = 0; i < p.n; i++) {
		fuzz_assert(valid_name(p.v[i].name), "pair %zu has an invalid name", i);
		fuzz_assert(strlen(p.v[i].value) == p.v[i].len, "pair %zu: value length disagrees (NUL inside?)", i);
		fuzz_assert(p.v[i].len <= PARAM_VALUE_MAX, "pair %zu: value over the cap", i);
		fuzz_assert(text_is_clean(p.v[i].value, p.v[i].len), "pair %zu: value is not clean UTF-8", i);
	}
}

/* Clean text, escaped as a query value, parses back to itself. */
static void check_round_trip(struct arena *a, const char *s, size_t len)
{
	if (!text_is_clean(s, len) || len > PARAM_VALUE_MAX)
		return;
	char *text = arena_strndup(a, s, len);
	const char *q = arena_printf(a, "q=%s", http_url_escape(a, text));
	struct params p;
	struct parse_result res;
	params_init(&p);
	enum parse_error e = http_parse_urlencoded(a, q, strlen(q), &p, &res);
	fuzz_assert(e == PARSE_OK, "escaped clean text is refused (%d)", e);
	fuzz_assert(p.n == 1 && p.v[0].len == len && memcmp(p.v[0].value, text, len) == 0,
		    "escaped clean text does not parse back to itself");
}

static void check_decode(struct arena *a, const char *s, size_t len, bool plus)
{
	size_t n = 0;
	char *out = http_percent_decode(a, s, len, plus, &n);
	if (!out)
		return;
	fuzz_assert(n <= len, "decoding grew %zu bytes into %zu", len, n);
	fuzz_assert(out[n] == '\0', "the decoded text is not terminated");
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *s = fuzz_copy(data, size);
	struct arena *a = arena_new();
	check_parse(a, s, size);
	check_decode(a, s, size, true);
	check_decode(a, s, size, false);
	check_round_trip(a, s, size);
	arena_free(a);
	free(s);
	return 0;
}
