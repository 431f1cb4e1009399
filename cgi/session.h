/* Who is signed in: the session cookie (spor_session, 256 random bits as
 * 43 base64url characters) found by its SHA-256 in the sessions every
 * program may see (the v_session_user view: the account's ID and name,
 * active accounts only), within the absolute and the idle timeout. */
#ifndef SPOR_SESSION_H
#define SPOR_SESSION_H

#include <stdbool.h>

struct req;

#define SESSION_COOKIE "spor_session"

/* A well-formed token: 43 characters of [A-Za-z0-9_-]. */
bool session_token_ok(const char *s);

/* Look the request's session up; when it is live, the visitor is a user
 * (r->roles), and User.id and User.name are set for the templates. */
void session_load(struct req *r);

#endif
