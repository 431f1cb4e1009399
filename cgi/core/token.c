/* Random tokens and their digests. */
#include "config.h"

#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/hmac.h>
#include <openssl/params.h>
#include <string.h>
#include <sys/random.h>

#include "core/mem.h"
#include "core/token.h"

static const char b64url[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

/* 32 bytes as 43 base64url characters (no padding). */
static void encode32(const unsigned char in[32], char out[TOKEN_CHARS + 1])
{
	size_t o = 0;
	unsigned bits = 0, nbits = 0;
	for (size_t i = 0; i < 32; i++) {
		bits = (bits << 8) | in[i];
		nbits += 8;
		while (nbits >= 6) {
			nbits -= 6;
			out[o++] = b64url[(bits >> nbits) & 63];
		}
	}
	if (nbits)
		out[o++] = b64url[(bits << (6 - nbits)) & 63];
	out[o] = '\0';
}

bool token_new(char out[TOKEN_CHARS + 1])
{
	unsigned char raw[32];
	if (getrandom(raw, sizeof raw, 0) != (ssize_t)sizeof raw)
		return false;
	encode32(raw, out);
	return true;
}

bool token_ok(const char *s)
{
	return s && strlen(s) == TOKEN_CHARS && strspn(s, b64url) == TOKEN_CHARS;
}

/* OpenSSL 3's one-shot HMAC() fetches the algorithm and sets the key up
 * anew for every MAC (7 % of a worker's time on a list page, for the CSRF
 * token of the header's sign-out form): the process keeps a keyed context
 * for each key it uses (the CSRF secret, the replica cookie's key) and
 * starts every MAC from it.  A key it cannot keep goes the long way. */
enum { KEYED_MAX = 4 };
static struct {
	char *key;
	EVP_MAC_CTX *ctx;
} keyed[KEYED_MAX];

static EVP_MAC_CTX *keyed_ctx(const char *key)
{
	static EVP_MAC *hmac;
	size_t i = 0;
	for (; i < KEYED_MAX && keyed[i].key; i++)
		if (strcmp(keyed[i].key, key) == 0)
			return keyed[i].ctx;
	if (i == KEYED_MAX || !*key || (!hmac && !(hmac = EVP_MAC_fetch(NULL, "HMAC", NULL))))
		return NULL;
	EVP_MAC_CTX *ctx = EVP_MAC_CTX_new(hmac);
	char digest[] = "SHA256";
	OSSL_PARAM params[] = {OSSL_PARAM_construct_utf8_string("digest", digest, 0), OSSL_PARAM_construct_end()};
	if (!ctx || !EVP_MAC_init(ctx, (const unsigned char *)key, strlen(key), params)) {
		EVP_MAC_CTX_free(ctx);
		return NULL;
	}
	keyed[i].key = xstrdup(key);
	keyed[i].ctx = ctx;
	return ctx;
}

void token_hmac(const char *key, const char *msg, char out[TOKEN_CHARS + 1])
{
	unsigned char mac[EVP_MAX_MD_SIZE];
	EVP_MAC_CTX *ctx = keyed_ctx(key);
	size_t n = 0;
	if (ctx && EVP_MAC_init(ctx, NULL, 0, NULL) && EVP_MAC_update(ctx, (const unsigned char *)msg, strlen(msg)) &&
	    EVP_MAC_final(ctx, mac, &n, sizeof mac) && n == 32) {
		encode32(mac, out);
		return;
	}
	unsigned int len = 0;
	HMAC(EVP_sha256(), key, (int)strlen(key), (const unsigned char *)msg, strlen(msg), mac, &len);
	encode32(mac, out);
}

bool token_equal(const char *a, const char *b)
{
	size_t n = strlen(a);
	return n == strlen(b) && CRYPTO_memcmp(a, b, n) == 0;
}

void token_hex(const unsigned char *bytes, size_t n, char *out)
{
	static const char digits[] = "0123456789abcdef";
	for (size_t i = 0; i < n; i++) {
		out[2 * i] = digits[bytes[i] >> 4];
		out[2 * i + 1] = digits[bytes[i] & 15];
	}
	out[2 * n] = '\0';
}

int token_hex_digit(char c)
{
	return c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10 : c >= 'A' && c <= 'F' ? c - 'A' + 10 : -1;
}
