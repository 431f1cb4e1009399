/* Personal access tokens, as programs send them (Authorization: Bearer):
 * "spor_pat_" and a token of token.h (43 URL-safe base64 characters).  The
 * prefix lets secret scanners spot one that leaked into a repository or a
 * log.  The portal keeps only their SHA-256 (access_tokens). */
#ifndef SPOR_BEARER_H
#define SPOR_BEARER_H

#include <stdbool.h>

#include "core/token.h"

#define TOKEN_PREFIX "spor_pat_"
enum {
	TOKEN_PREFIX_LEN = sizeof TOKEN_PREFIX - 1,
	BEARER_CHARS = TOKEN_PREFIX_LEN + TOKEN_CHARS, /* a whole token */
	TOKEN_DAYS_DEFAULT = 90,		       /* how long a new token lives, unless its owner says */
	TOKEN_DAYS_MAX = 366,			       /* at most a year, a leap year's too */
};

/* A token's state in SQL over access_tokens: revoked, expired or live. */
#define TOKEN_STATE_SQL                                                                                               \
	"CASE WHEN revoked_at IS NOT NULL THEN 'revoked' WHEN expires_at <= UTC_TIMESTAMP() THEN 'expired'"          \
	" ELSE 'live' END"

/* Whether s has a personal access token's form. */
bool bearer_ok(const char *s);

#endif
