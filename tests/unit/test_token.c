/* Unit tests of the tokens (random, base64url, HMAC-SHA256 against RFC
 * 4231, constant-time comparison) and of the cookies they travel in (flags,
 * and the __Host- prefix with Secure over HTTPS). */
#include "config.h"

#include <string.h>

#include "../tap.h"
#include "core/http.h"
#include "core/token.h"

static void test_tokens(void)
{
	char a[TOKEN_CHARS + 1], b[TOKEN_CHARS + 1];
	ok(token_new(a) && token_new(b), "two new tokens");
	ok(strlen(a) == 43 && token_ok(a) && token_ok(b), "43 base64url characters (256 bits)");
	ok(strcmp(a, b) != 0, "different each time");
	ok(!token_ok("short") && !token_ok(NULL) && !token_ok("abcdefghijABCDEFGHIJ0123456789+/abcdefghijk"),
	   "a short, missing or plain base64 token is refused");
	/* RFC 4231, test case 2: HMAC-SHA256("Jefe", "what do ya want for nothing?")
	 * = 5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843. */
	char mac[TOKEN_CHARS + 1];
	token_hmac("Jefe", "what do ya want for nothing?", mac);
	ok(strcmp(mac, "W9zBRr9gdU5qBCQmCJV1x1oAPwidJzmDnexYuWTsOEM") == 0, "HMAC-SHA256 as RFC 4231 (%s)", mac);
	token_hmac("Jefe", "what do ya want for nothing!", b);
	ok(strcmp(mac, b) != 0, "another message, another digest");
	ok(token_equal(mac, mac) && !token_equal(mac, b) && !token_equal(mac, "W9zB"), "comparison");
	const unsigned char bytes[] = {0x00, 0x0f, 0xa5, 0xff};
	char hex[9] = "xxxxxxxx";
	token_hex(bytes, sizeof bytes, hex);
	ok(strcmp(hex, "000fa5ff") == 0, "bytes as lower-case hexadecimal (%s)", hex);
	ok(token_hex_digit('0') == 0 && token_hex_digit('9') == 9 && token_hex_digit('a') == 10 &&
		   token_hex_digit('F') == 15 && token_hex_digit('g') == -1 && token_hex_digit('\0') == -1,
	   "a hexadecimal digit's value, either case; -1 for anything else");
}

static const char *cookie_of(struct req *r)
{
	for (size_t i = 0; i < r->nheaders; i++)
		if (strcmp(r->header_name[i], "Set-Cookie") == 0)
			return r->header_value[i];
	return "";
}

static void test_cookies(void)
{
	struct arena *a = arena_new();
	struct req plain = {.arena = a}, tls = {.arena = a, .https = true}, gone = {.arena = a};
	http_cookie(&plain, "spor_session", "abc", 0);
	ok(strcmp(cookie_of(&plain), "spor_session=abc; Path=/; HttpOnly; SameSite=Lax") == 0, "over HTTP: %s",
	   cookie_of(&plain));
	http_cookie(&tls, "spor_session", "abc", 0);
	ok(strcmp(cookie_of(&tls), "__Host-spor_session=abc; Path=/; HttpOnly; SameSite=Lax; Secure") == 0,
	   "over HTTPS, the __Host- prefix and Secure: %s", cookie_of(&tls));
	http_cookie(&gone, "spor_csrf", NULL, 0);
	ok(strcmp(cookie_of(&gone), "spor_csrf=; Path=/; HttpOnly; SameSite=Lax; Max-Age=0") == 0, "deleting: %s",
	   cookie_of(&gone));
	arena_free(a);
}

int main(void)
{
	test_tokens();
	test_cookies();
	return done_testing();
}
