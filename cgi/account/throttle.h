/* Throttling what an attacker would repeat: signing in, and every action
 * that mails someone or hashes a password.  Each action is counted per
 * account, by the email (normalised, email.h; stored hashed, unknown ones
 * too), and per client address, in auth_throttle.  After the action's limit
 * for an email, or for an address, that email or address is locked out of
 * the action for 60 seconds, doubled at each further lockout up to an hour;
 * the counts forget an hour without a new one, the back-off a day.
 *
 * A handler asks throttle_check before the work: while it is positive, the
 * handler answers its form with that status (429; Retry-After and
 * Page.wait_minutes are set, the refusal audit-logged).  It counts with
 * throttle_count what the action counts: sign-in its failures, the others
 * every attempt.  A new action is one more enum value and one more row of
 * the table in throttle.c (its name, limits and audit events). */
#ifndef SPOR_THROTTLE_H
#define SPOR_THROTTLE_H

enum throttle_action {
	THROTTLE_LOGIN,	   /* failed sign-ins (throttle.account_failures, throttle.address_failures) */
	THROTTLE_REGISTER, /* registrations (throttle.email_attempts, throttle.address_attempts) */
	THROTTLE_FORGOT,   /* requests for a reset link */
	THROTTLE_RESET,	   /* new passwords set through a reset link */
	THROTTLE_PASSWORD, /* password changes of a signed-in user */
	THROTTLE_DELETE,   /* account deletions */
	THROTTLE_SESSIONS, /* other sessions signed out (/account/sessions), which take the password */
	THROTTLE_TOKENS,   /* access tokens made (/account/tokens), which take the password */
	THROTTLE__COUNT
};

struct req;

/* 0 when the action may go on for `email` (NULL: the address alone) from
 * this client address.  Else the seconds to wait; the refusal is then in the
 * audit log (the account, when known, and the email), and the answer has
 * Retry-After and Page.wait_minutes: the caller answers with 429. */
long throttle_check(struct req *r, enum throttle_action a, const char *email, const char *account);

/* Count one attempt (or failure) for the email (NULL: the address alone)
 * and the address; a lockout it starts is in the audit log. */
void throttle_count(struct req *r, enum throttle_action a, const char *email, const char *account);

/* The email's count for the action is forgotten (a successful sign-in). */
void throttle_clear(struct req *r, enum throttle_action a, const char *email);

#endif
