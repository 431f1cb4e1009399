/* Random tokens (sessions, one-time links, the CSRF cookie): 256 bits from
 * getrandom() written as 43 base64url characters; and what is computed from
 * them: keyed digests and constant-time comparison. */
#ifndef SPOR_TOKEN_H
#define SPOR_TOKEN_H

#include <stdbool.h>
#include <stddef.h>

enum { TOKEN_CHARS = 43 };

/* A new token into out (TOKEN_CHARS + 1 bytes); false if the system's
 * random source failed. */
bool token_new(char out[TOKEN_CHARS + 1]);

/* Whether s looks like a token: exactly 43 characters of [A-Za-z0-9_-]. */
bool token_ok(const char *s);

/* HMAC-SHA256 of msg under key, as 43 base64url characters. */
void token_hmac(const char *key, const char *msg, char out[TOKEN_CHARS + 1]);

/* `n` bytes as 2n lower-case hexadecimal digits and a NUL, into out (a
 * digest's text: a file's SHA-256, a request's fingerprint). */
void token_hex(const unsigned char *bytes, size_t n, char *out);

/* The value of a hexadecimal digit (either case), or -1. */
int token_hex_digit(char c);

/* Equal strings, compared in time that depends only on their lengths. */
bool token_equal(const char *a, const char *b);

#endif
