/* Random tokens and their digests. */
#include "config.h"

#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/hmac.h>
#include <string.h>
#include <sys/random.h>

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

void token_hmac(const char *key, const char *msg, char out[TOKEN_CHARS + 1])
{
	unsigned char mac[EVP_MAX_MD_SIZE];
	unsigned int len = 0;
	HMAC(EVP_sha256(), key, (int)strlen(key), (const unsigned char *)msg, strlen(msg), mac, &len);
	encode32(mac, out);
}

bool token_equal(const char *a, const char *b)
{
	size_t n = strlen(a);
	return n == strlen(b) && CRYPTO_memcmp(a, b, n) == 0;
}
