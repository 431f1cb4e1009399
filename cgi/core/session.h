/* Who is signed in: the session cookie (spor_session, or __Host-spor_session
 * over HTTPS: a token of token.h) found by its SHA-256 (the account's ID,
 * name, preferences, the roles that open the console, and every role it
 * holds and has asked for, which tell the pages what it may propose
 * (may.h); active accounts only), within the absolute and the idle timeout (session.absolute_seconds,
 * 12 hours; session.idle_seconds, 30 minutes: OWASP ASVS 3.3.2 at level 2).
 * A session records when and where it started (the browser's User-Agent,
 * the client address), which its owner sees at /account/sessions. */
#ifndef SPOR_SESSION_H
#define SPOR_SESSION_H

#include <stdbool.h>

struct req;

#define SESSION_COOKIE "spor_session"

/* Look the request's session up; when it is live, the visitor is a user
 * (r->roles, r->user) and User.* is set for the templates.  A program that
 * may write sessions (`touch`) reads v_session_user and records the visit
 * for the idle timeout; spor-public (not `touch`) may read no session table
 * or view and finds the one session of the token's hash through the definer
 * procedure spor_request() (db/migrations/0020_data_generation.sql), which
 * gives the data generation (r->data_gen) and what the account follows
 * (r->user.follows) in the same round trip; the worker keeps the session
 * for its next page, which then reads only the generation and the
 * account's stamp (session_kept.h). */
void session_load(struct req *r, bool touch);

/* Look the request's personal access token up (Authorization: Bearer,
 * bearer.h): when it is live and its account active, the visitor is that
 * account's user, as with a session, with the token's number, name and
 * scope and whether the account has two-step sign-in on (r->user.token_*,
 * two_factor); its use is recorded to the minute.  0; 401 when no token
 * was sent; -401 when one was sent that is malformed, unknown, revoked or
 * expired; 500. */
int session_load_bearer(struct req *r);

/* spor-public's data generation for this request: the one read with the
 * session, else read now (a visitor without a session: one row by key).  0 when it could
 * not be read: nothing cached is then taken for current. */
long long session_data_gen(struct req *r);

/* Start a session for the account (a new token: never one the visitor
 * brought; the visitor's old session ends) and set its cookie.  The row
 * records the request's User-Agent and client address; the account's
 * sessions that have expired or gone idle are deleted with it.  0 or -1. */
int session_start(struct req *r, const char *account_id);

/* End the request's session (its row) and delete the cookie. */
int session_end(struct req *r);

struct db;
/* End every session of `account` and revoke its access tokens (locked,
 * its password reset, deleted), with the connection of a program that
 * may.  0 or -1. */
int session_end_all(struct db *db, const char *account);

/* End every session of the signed-in account but the request's own: the
 * number ended, or -1. */
long long session_end_others(struct req *r);

#endif
