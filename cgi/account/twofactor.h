/* Two-step sign-in's records, which only spor-account reads or writes: an
 * account's TOTP secret (totp.h), sealed under the configuration's
 * twofactor.key (seal.h), with the newest step it used; its recovery codes,
 * hashed (recovery.h); and the sign-ins that gave the right password and
 * wait for a code (login_pending: the token of the cookie spor_2fa, stored
 * as its SHA-256, valid for twofactor.pending_seconds and used once). */
#ifndef SPOR_TWOFACTOR_H
#define SPOR_TWOFACTOR_H

#include <stdbool.h>
#include <stddef.h>

#include "account/totp.h"

struct req;
struct settings;

#define PENDING_COOKIE "spor_2fa"

/* Whether the configuration's twofactor.key may seal secrets (at least 32
 * characters); spor-account refuses to start without it. */
bool twofactor_key_ok(const struct settings *s);

/* The secret sealed in `sealed` (hex) for the account, into secret: 0, or
 * -1 when it does not open (twofactor.key changed: logged). */
int twofactor_unseal(struct req *r, const char *account, const char *sealed, unsigned char secret[TOTP_SECRET_BYTES]);
/* The secret sealed for the account, as hex; NULL on failure. */
const char *twofactor_seal(struct req *r, const char *account, const unsigned char secret[TOTP_SECRET_BYTES]);

/* 1 when two-step sign-in is on for the account, 0 when not, -1 on error. */
int twofactor_on(struct req *r, const char *account);

/* TF_REUSED: a code of the app that was right within its window but was
 * used already, by this sign-in or another: refused like a wrong one, and
 * its owner is told (someone may be watching their codes). */
enum twofactor_code { TF_FAILED = -1, TF_WRONG, TF_REUSED, TF_TOTP, TF_RECOVERY };

/* Check what was typed for the account (on): a code of its authenticator
 * app, or one of its unused recovery codes.  A right one is spent: its
 * step, or the recovery code, is never accepted again.  Inside the
 * caller's transaction, with the rows locked, so that of two uses of one
 * code at once only one succeeds. */
enum twofactor_code twofactor_check(struct req *r, const char *account, const char *typed);

/* New recovery codes for the account in place of the old ones (inside the
 * caller's transaction), also set as Page.codes.<i> for the page that
 * shows them once.  0 or -1. */
int twofactor_new_codes(struct req *r, const char *account);

/* Turn two-step sign-in off for the account: its secret, recovery codes
 * and pending sign-ins go.  0 or -1. */
int twofactor_forget(struct req *r, const char *account);

/* The one place two-step sign-in meets the throttle (throttle.h): a wrong
 * code (or a wrong password where a change asks for both) counts as a
 * failed sign-in (THROTTLE_LOGIN) of the account's email and of the
 * client's address, so that a guesser who knows the password gets no more
 * tries than one who does not; the second step's success clears it, as a
 * sign-in does.  twofactor_wait: 0, or the seconds to wait, the refusal
 * audited and Retry-After and Page.wait_minutes set (answer 429);
 * twofactor_failed counts one (a lockout it starts is audited). */
long twofactor_wait(struct req *r, const char *email, const char *account);
void twofactor_failed(struct req *r, const char *email, const char *account);

/* A pending sign-in for the account: its row, and its token in the cookie.
 * 0 or -1. */
int twofactor_pending_start(struct req *r, const char *account);

/* The account of the visitor's unexpired pending sign-in, or NULL.  With
 * `use` (inside a transaction) it is locked and deleted: it serves once. */
const char *twofactor_pending(struct req *r, bool use);

/* Delete the pending sign-in's cookie. */
void twofactor_pending_forget(struct req *r);

#endif
