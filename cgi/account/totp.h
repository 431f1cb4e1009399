/* Time-based one-time passwords (RFC 6238) as every authenticator app reads
 * them: HMAC-SHA1 of the 30-second step counted from 1970, 6 digits
 * (liboath computes them); the secret travels to the app as upper-case
 * base32 (RFC 4648) in an otpauth:// URI (Google's "Key Uri Format", which
 * the apps share).  A code is accepted for the step of now or one step
 * either side (clocks drift, typing takes time), and never for a step at or
 * before the newest one the account already used: a code seen over a
 * shoulder or read from a log is worthless once used. */
#ifndef SPOR_TOTP_H
#define SPOR_TOTP_H

#include <stdbool.h>
#include <stddef.h>
#include <time.h>

struct arena;

enum {
	TOTP_SECRET_BYTES = 20, /* 160 bits, as RFC 4226 recommends */
	TOTP_DIGITS = 6,
	TOTP_STEP_SECONDS = 30,
	TOTP_WINDOW = 1, /* steps accepted either side of now's */
	TOTP_CODE_MAX = 10, /* digits of the longest code asked for, and its NUL */
};

/* A new random secret; false when the system's random source failed. */
bool totp_secret_new(unsigned char secret[TOTP_SECRET_BYTES]);

/* The time step `now` falls in. */
long long totp_step(time_t now);

/* The code of `step`, `digits` long (6; RFC 6238's test vectors have 8),
 * into out.  0 or -1. */
int totp_code(const unsigned char *secret, size_t len, long long step, unsigned digits, char out[TOTP_CODE_MAX]);

/* The code as typed without its spaces ("123 456"), when that is six
 * digits; false otherwise. */
bool totp_digits(const char *typed, char out[TOTP_CODE_MAX]);

/* The step whose code `code` is (6 digits), among the steps within
 * TOTP_WINDOW of now's that come after `last_step`; TOTP_REUSED when it
 * is the code of a step within the window that was already used (at or
 * before `last_step`: someone else may have seen it), TOTP_NONE when it
 * is no code of the window. */
enum { TOTP_NONE = -1, TOTP_REUSED = -2 };
long long totp_match(const unsigned char *secret, size_t len, time_t now, long long last_step, const char *code);

/* `len` bytes as upper-case base32 without padding (NULL when out of memory). */
char *totp_base32(struct arena *a, const unsigned char *data, size_t len);

/* The otpauth://totp/ URI an authenticator app reads (from the QR code, or
 * typed): the label "<issuer>:<account>", the secret, the issuer again,
 * and the algorithm, digits and period spelt out. */
char *totp_uri(struct arena *a, const char *issuer, const char *account, const char *base32);

#endif
