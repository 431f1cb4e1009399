/* libFuzzer target: the Cookie header (http_parse_cookies).  Malformed
 * cookies are skipped; every kept one has a valid name and a value of
 * RFC 6265 cookie octets (a space inside tolerated), at most 4096 bytes,
 * with no space at either end, and at most COOKIES_MAX are kept. */
#include "config.h"

#include "fuzz.h"
#include "core/http_parse.h"
#include "core/mem.h"

static void check_value(const char *v, size_t len, size_t i)
{
	fuzz_assert(strlen(v) == len, "cookie %zu: value length disagrees", i);
	fuzz_assert(len <= 4096, "cookie %zu: value of %zu bytes", i, len);
	for (size_t k = 0; k < len; k++) {
		unsigned char c = (unsigned char)v[k];
		fuzz_assert(c >= 0x20 && c < 0x7f && !strchr("\",;\\", c), "cookie %zu: byte 0x%02x in the value", i, c);
	}
	fuzz_assert(!len || (v[len - 1] != ' ' && v[len - 1] != '\t'), "cookie %zu: value ends with a space", i);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *header = fuzz_strdup(data, size);
	struct arena *a = arena_new();
	struct params p;
	params_init(&p);
	http_parse_cookies(a, header, &p);
	fuzz_assert(p.n <= COOKIES_MAX, "%zu cookies kept", p.n);
	for (size_t i = 0; i < p.n; i++) {
		const char *name = p.v[i].name;
		size_t n = strlen(name);
		fuzz_assert(n >= 1 && n <= PARAM_NAME_MAX &&
				    strspn(name, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_.-") == n,
			    "cookie %zu has an invalid name", i);
		fuzz_assert(strstr(header, name) != NULL, "cookie %zu: a name the header does not hold", i);
		check_value(p.v[i].value, p.v[i].len, i);
	}
	arena_free(a);
	free(header);
	return 0;
}
