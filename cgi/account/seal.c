/* Sealing with AES-256-GCM. */
#include "config.h"

#include <openssl/evp.h>
#include <openssl/sha.h>
#include <stdio.h>
#include <string.h>
#include <sys/random.h>

#include "account/seal.h"
#include "core/mem.h"

enum { NONCE = 12, TAG = 16, SEALED_MAX = 256 };

/* Encrypt (enc 1) or decrypt (0) `len` bytes of `in` into `out` under the
 * key and nonce, with the context as associated data; the tag is written
 * (enc) or checked.  0 or -1. */
static int gcm(int enc, const char *key, const char *context, const unsigned char *nonce, const unsigned char *in,
	       int len, unsigned char *out, unsigned char *tag)
{
	unsigned char k[SHA256_DIGEST_LENGTH];
	SHA256((const unsigned char *)key, strlen(key), k);
	EVP_CIPHER_CTX *ctx = EVP_CIPHER_CTX_new();
	int n = 0, ok = ctx && EVP_CipherInit_ex(ctx, EVP_aes_256_gcm(), NULL, k, nonce, enc) == 1 &&
			EVP_CipherUpdate(ctx, NULL, &n, (const unsigned char *)context, (int)strlen(context)) == 1 &&
			EVP_CipherUpdate(ctx, out, &n, in, len) == 1 &&
			(enc || EVP_CIPHER_CTX_ctrl(ctx, EVP_CTRL_GCM_SET_TAG, TAG, tag) == 1) &&
			EVP_CipherFinal_ex(ctx, out + n, &n) == 1 &&
			(!enc || EVP_CIPHER_CTX_ctrl(ctx, EVP_CTRL_GCM_GET_TAG, TAG, tag) == 1);
	EVP_CIPHER_CTX_free(ctx);
	OPENSSL_cleanse(k, sizeof k);
	return ok ? 0 : -1;
}

char *seal_close(struct arena *a, const char *key, const char *context, const unsigned char *data, size_t len)
{
	unsigned char sealed[SEALED_MAX];
	if (len + SEAL_OVERHEAD > sizeof sealed || getrandom(sealed, NONCE, 0) != NONCE ||
	    gcm(1, key, context, sealed, data, (int)len, sealed + NONCE, sealed + NONCE + len) < 0)
		return NULL;
	size_t n = len + SEAL_OVERHEAD;
	char *hex = arena_alloc(a, 2 * n + 1);
	for (size_t i = 0; i < n; i++)
		snprintf(hex + 2 * i, 3, "%02X", sealed[i]);
	return hex;
}

static int nibble(char c)
{
	return c >= '0' && c <= '9' ? c - '0' : c >= 'A' && c <= 'F' ? c - 'A' + 10 : c >= 'a' && c <= 'f' ? c - 'a' + 10 : -1;
}

long seal_open(const char *key, const char *context, const char *hex, unsigned char *out, size_t max)
{
	unsigned char sealed[SEALED_MAX];
	size_t n = hex ? strlen(hex) / 2 : 0;
	if (!hex || strlen(hex) % 2 || n < SEAL_OVERHEAD || n > sizeof sealed || n - SEAL_OVERHEAD > max)
		return -1;
	for (size_t i = 0; i < n; i++) {
		int hi = nibble(hex[2 * i]), lo = nibble(hex[2 * i + 1]);
		if (hi < 0 || lo < 0)
			return -1;
		sealed[i] = (unsigned char)(hi << 4 | lo);
	}
	size_t len = n - SEAL_OVERHEAD;
	if (gcm(0, key, context, sealed, sealed + NONCE, (int)len, out, sealed + NONCE + len) < 0) {
		OPENSSL_cleanse(out, len);
		return -1;
	}
	return (long)len;
}
