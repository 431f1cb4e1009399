/* A visitor with cookies, for the tests of signed-in pages: its session
 * and pre-session cookies are sent with each request and updated from the
 * answers' Set-Cookie, and the CSRF token of the last form it was shown is
 * kept for the next POST. */
#ifndef SPOR_TEST_VISITOR_H
#define SPOR_TEST_VISITOR_H

#include "client.h"

struct visitor {
	char session[64]; /* spor_session, or "" */
	char pre[64];	  /* spor_csrf, or "" */
	char pending[64]; /* spor_2fa: a sign-in waiting for its second step, or "" */
	char token[64];	  /* csrf_token of the last form seen */
	const char *extra; /* another header to send ("Accept-Language: de"), or NULL */
};

/* Administrators and data stewards need two-step sign-in for the console.
 * While this is true (the default), an answer that sends the visitor from
 * an /admin page to /account/two-factor is not returned: the tests'
 * authenticator (authenticator.h) turns it on through the page, and the
 * request is made again.  Tests of that very redirect set it to false. */
extern bool visitor_enrols;

/* GET `path` as the visitor. */
long visitor_get(struct visitor *v, const char *path, struct resp *r);

/* POST urlencoded `fields` to `path`, with the visitor's CSRF token added
 * unless `with_token` is false. */
long visitor_post(struct visitor *v, const char *path, const char *fields, bool with_token, struct resp *r);

/* Open the form of `page` (its CSRF token), then POST urlencoded `fields`
 * to `action`: the POST's status, its answer in r. */
long visitor_form(struct visitor *v, const char *page, const char *action, const char *fields, struct resp *r);

/* POST a multipart/form-data body to `path`: the urlencoded-looking
 * `fields` ("a=1&b=two", values as is, no escapes) as text parts, the
 * visitor's CSRF token, and a file part `file_field` named `filename` with
 * `len` bytes of `data` (no file part when file_field is NULL). */
long visitor_upload(struct visitor *v, const char *path, const char *fields, const char *file_field,
		    const char *filename, const char *data, size_t len, struct resp *r);

/* Sign in through the form (GET /login, then POST); the POST's status.  An
 * account whose secret the tests' authenticator holds gets the second step
 * too (a fresh code): then that POST's status. */
long visitor_login(struct visitor *v, const char *email, const char *password);

/* Register through the form (GET, then POST name, email and the password
 * twice; urlencoded values); the POST's status and answer in r. */
long visitor_register(struct visitor *v, const char *name, const char *email, const char *password, struct resp *r);

/* Register and follow the link of the verification mail: an active
 * account.  True when it worked. */
bool visitor_new_account(const char *name, const char *email, const char *password);

/* The value of a form's hidden csrf_token in an HTML answer, into out. */
void visitor_form_token(const struct resp *r, char out[64]);

#endif
