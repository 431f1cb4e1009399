/* Small secrets kept sealed in the database (the TOTP secrets): AES-256-GCM
 * (OpenSSL) under a key made from a configured passphrase (its SHA-256), a
 * random 96-bit nonce for each sealing, and a context (the account the
 * secret belongs to) as associated data, so that a sealed value copied into
 * another account's row does not open.  The sealed form is upper-case hex
 * of the nonce, the ciphertext and the 128-bit tag. */
#ifndef SPOR_SEAL_H
#define SPOR_SEAL_H

#include <stddef.h>

struct arena;

enum { SEAL_OVERHEAD = 12 + 16 }; /* bytes a sealing adds: nonce and tag */

/* `len` bytes sealed under `key` for `context`, as hex; NULL on failure. */
char *seal_close(struct arena *a, const char *key, const char *context, const unsigned char *data, size_t len);

/* The bytes sealed in `hex`, into out (at most `max`): their count, or -1
 * when `hex` was not sealed under this key for this context, or was
 * altered. */
long seal_open(const char *key, const char *context, const char *hex, unsigned char *out, size_t max);

#endif
