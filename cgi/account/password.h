/* Passwords: argon2id (m=19456 KiB, t=2, p=1 unless password.* in the
 * configuration says otherwise), 12 to 128 characters (OWASP ASVS 2.1.1 and
 * 2.1.2: long enough that several words make one), no composition rules,
 * the most common passwords and one character repeated refused. */
#ifndef SPOR_PASSWORD_H
#define SPOR_PASSWORD_H

#include <stdbool.h>
#include <stddef.h>

struct settings;

enum { PASSWORD_HASH_MAX = 128, PASSWORD_MIN = 12, PASSWORD_MAX = 128 };

/* NULL when `pw` may be used, else why not: the interface string's key
 * (Lang.form.error.<key>): password_short, password_long, password_common. */
const char *password_problem(const char *pw);
/* The English sentence for a problem (the command line). */
const char *password_problem_text(const char *key);

/* The encoded argon2id hash of `pw` with a random salt into out; 0 or -1. */
int password_hash(const struct settings *s, const char *pw, char out[PASSWORD_HASH_MAX]);

/* Whether `pw` matches the encoded hash. */
bool password_verify(const char *encoded, const char *pw);

#endif
