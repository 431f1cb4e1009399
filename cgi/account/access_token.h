/* Making a personal access token (core/bearer.h), one way for its owner's
 * page /account/tokens (account_tokens.c) and for the operator's
 * sporctl user tokens ACCOUNT --new (ctl_user.c): the same fields and
 * bounds, the same rule for a token that decides, the same cap on live
 * tokens, stored as its SHA-256 in the caller's transaction with its audit
 * record. */
#ifndef SPOR_ACCESS_TOKEN_H
#define SPOR_ACCESS_TOKEN_H

#include "core/bearer.h"
#include "core/field.h"

struct req;

enum {
	/* Live tokens an account may hold at once: enough for every system it
	 * feeds, few enough that a stolen session cannot mint thousands. */
	TOKENS_LIVE_MAX = 20,
	TOKEN_NAME_MAX = 100, /* characters: access_tokens.name */
};

/* A token's scopes, as the form and sporctl take them (NULL-terminated). */
extern const char *const access_token_scopes[];

/* The checks of a new token's fields, whoever sends them (field.h): its
 * name, its scope and the days until it expires. */
#define ACCESS_TOKEN_NAME_FIELD {.name = "name", .type = FT_TEXT, .max = TOKEN_NAME_MAX}
#define ACCESS_TOKEN_SCOPE_FIELD {.name = "scope", .type = FT_ENUM, .choices = access_token_scopes}
#define ACCESS_TOKEN_DAYS_FIELD {.name = "expires_days", .type = FT_INT, .min = 1, .max = TOKEN_DAYS_MAX}

/* Whether `account` may hold a token that decides: it has a data steward's
 * or administrator's role and two-step sign-in on.  1, 0, or -1. */
int access_token_may_decide(struct req *r, const char *account);

enum access_token_made {
	TOKEN_FAILED = -1,
	TOKEN_MADE,
	TOKEN_NAME_USED, /* the account has a live token of that name */
	TOKEN_TOO_MANY,	 /* the account has TOKENS_LIVE_MAX live tokens */
};

/* A new token for `account` (its fields checked, a decide scope allowed
 * by the caller), inside the caller's transaction: its live tokens locked
 * and counted, the token stored as its SHA-256 and its making audit-logged
 * (token.created, with its name).  On TOKEN_MADE the token, shown this once,
 * is in `secret`; on a refusal nothing is written. */
enum access_token_made access_token_make(struct req *r, const char *account, const char *name, const char *scope,
					 long long days, char secret[BEARER_CHARS + 1]);

#endif
