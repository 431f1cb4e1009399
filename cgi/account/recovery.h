/* Recovery codes: ten single-use codes shown once when two-step sign-in is
 * turned on (or the codes renewed), for the day the authenticator is lost.
 * Each is 80 random bits as 16 characters of Crockford's base32 (digits
 * and lower-case letters without i, l, o, u), shown in four groups of four
 * ("7k3m-q9xd-2hfa-06ze"); typed in any case, with or without the dashes
 * and spaces, i and l read as 1 and o as 0.  Only a hash is stored:
 * SHA-256 of a random 32-bit salt (8 hex digits), a colon and the code, as
 * OWASP ASVS 2.6.2 asks of lookup secrets under 112 bits. */
#ifndef SPOR_RECOVERY_H
#define SPOR_RECOVERY_H

#include <stdbool.h>

enum {
	RECOVERY_CODES = 10,
	RECOVERY_CHARS = 16,	 /* a code as stored: 16 characters */
	RECOVERY_SHOWN = 19,	 /* as shown: with three dashes */
	RECOVERY_SALT_CHARS = 8, /* hex digits of the salt */
	RECOVERY_HASH_HEX = 64,	 /* hex digits of the hash */
};

/* A new code as shown, and a new salt for its hash; false when the
 * system's random source failed. */
bool recovery_new(char shown[RECOVERY_SHOWN + 1], char salt[RECOVERY_SALT_CHARS + 1]);

/* The code `typed` as stored (16 characters), or false when it cannot be
 * one. */
bool recovery_normalise(const char *typed, char out[RECOVERY_CHARS + 1]);

/* The stored hash of a normalised code under `salt`, as upper-case hex
 * (what MariaDB's HEX() shows of it). */
void recovery_hash(const char *salt, const char *normalised, char hex[RECOVERY_HASH_HEX + 1]);

#endif
