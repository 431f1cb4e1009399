/* Personal access tokens for the tests of the write API: made through the
 * /account/tokens form as a user would, read from the answer that shows
 * them once, and sent as the bearer of JSON requests. */
#ifndef SPOR_TEST_BEARER_H
#define SPOR_TEST_BEARER_H

#include <mysql.h>
#include <stdbool.h>
#include <stddef.h>

#include "client.h"
#include "users.h"

/* The size of a token's text: "spor_pat_", 43 characters and the end. */
enum { BEARER_SIZE = 64 };

/* Making a token takes the password, and is throttled as every action that
 * hashes one is (5 an hour per account by default): forget the attempts
 * made so far. */
void bearer_unthrottled(MYSQL *owner);

/* Make a token through the form with `fields` ("name=...&scope=...&
 * expires_days=..."; the password is added): the POST's status, its answer
 * in r. */
long bearer_make(MYSQL *owner, struct user *u, const char *fields, struct resp *r);

/* The token an answer shows ("spor_pat_" and 43 characters), into out. */
bool bearer_shown(const struct resp *r, char out[BEARER_SIZE]);

/* A token of `u` named `name` (urlencoded) with `scope`, for 30 days, made
 * through the form, into secret ("" when none was made). */
void bearer_of(MYSQL *owner, struct user *u, const char *name, const char *scope, char secret[BEARER_SIZE]);

/* Register <who>.<run>@example.org, sign in, and give the account the
 * role to propose changes (an industry user of ORG-100000001, as the
 * demonstration data have it).  True when it worked. */
bool bearer_proposer(MYSQL *owner, struct user *u, const char *who, const char *run);

/* GET `path` with `token` as the bearer (none when NULL) and the session
 * cookie of `cookie_of` (none when NULL): the status (-1 when the
 * connection failed); the answer in r. */
long bearer_get(const char *path, const char *token, const struct user *cookie_of, struct resp *r);

/* `method` `len` bytes of `body` to `path` with `token` as the bearer and
 * `content_type` (no Content-Type when NULL): the status; the answer in r. */
long bearer_send(const char *method, const char *path, const char *token, const char *content_type, const char *body,
	      size_t len, struct resp *r);

/* POST `body` (a string) as application/json to `path` with `token`. */
long bearer_post(const char *path, const char *token, const char *body, struct resp *r);
/* The same with the header Idempotency-Key: `key` (none when NULL). */
long bearer_post_keyed(const char *path, const char *token, const char *key, const char *body, struct resp *r);
/* Whether an answer says it is the first answer to its key, again. */
bool bearer_replayed(const struct resp *r);

#endif
