/* Users of a test run: an account registered and verified through the
 * portal's forms and mail, signed in, with its database ID; and requests as
 * that user when only the status matters. */
#ifndef SPOR_TEST_USERS_H
#define SPOR_TEST_USERS_H

#include <mysql.h>
#include <stdbool.h>

#include "visitor.h"

/* Every test user's password, as a form sends it (and as sporctl reads it,
 * with spaces: USER_PASSWORD_TYPED). */
#define USER_PASSWORD "test+user+passphrase"
#define USER_PASSWORD_TYPED "test user passphrase"

struct user {
	char email[128], id[24];
	struct visitor v;
};

/* A run's ID: digits that make its users' emails unique. */
enum { USER_RUN_SIZE = 16 };

/* The start of a test of users: the HTTP client, each request with its own
 * visitor's cookie (client_anonymous), the owner's database connection (the
 * test is skipped without one), no sign-in left throttled by an earlier
 * test, and, unless `run` is NULL, this run's ID.  The owner's connection. */
MYSQL *users_start(char run[USER_RUN_SIZE]);
/* The end of such a test: the throttle cleared for the tests after it, the
 * connection closed. */
void users_done(MYSQL *owner);

/* Register <who>.<run>@<domain>, verify, sign in. */
bool user_make(MYSQL *owner, struct user *u, const char *who, const char *run, const char *domain);

/* An administrator <who>.<run>@<domain> made by sporctl create-admin, signed
 * in, with two-step sign-in on (the console requires it; the tests'
 * authenticator holds the secret, so visitor_login signs it in again).
 * Users given the Data Steward or Administrator role later turn it on when
 * the console first sends them to (visitor_enrols). */
bool user_make_admin(MYSQL *owner, struct user *u, const char *who, const char *run, const char *domain);

/* GET or POST (with the user's CSRF token) as the user; the status. */
long user_get(struct user *u, const char *path);
long user_post(struct user *u, const char *path, const char *fields);

/* Whether the newest mail to `to` holds `needle` (waiting up to 5 s). */
bool user_mailed(const char *to, const char *needle);

#endif
