/* Sign-in throttling: failed sign-ins are counted per account (the email
 * typed, known or not, stored hashed) and per client address.  After
 * throttle.account_failures (5) failures in a row for an email, or
 * throttle.address_failures (20) from an address, that email or address is
 * locked out for 60 seconds, doubled at each further lockout up to an hour;
 * the counts forget an hour without failure, the back-off a day. */
#ifndef SPOR_THROTTLE_H
#define SPOR_THROTTLE_H

#include <stdbool.h>

struct req;

/* Seconds until this email from this address may try again; 0: now. */
long throttle_wait(struct req *r, const char *email);

/* Count a failure; true when it started a lockout (of the email or the
 * address). */
bool throttle_fail(struct req *r, const char *email);

/* A successful sign-in: the email's failures are forgotten. */
void throttle_clear(struct req *r, const char *email);

#endif
