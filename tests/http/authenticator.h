/* The tests' authenticator app: it turns two-step sign-in on for a signed-in
 * visitor through the real page (reads the base32 secret and the account
 * from the page, answers with a code computed by liboath), remembers each
 * account's secret by email, and gives a fresh code for the second step of
 * signing in (never one of a step it already used: the portal refuses
 * those; it waits for the next step when it must). */
#ifndef SPOR_TEST_AUTHENTICATOR_H
#define SPOR_TEST_AUTHENTICATOR_H

#include <stdbool.h>

struct visitor;

/* Turn two-step sign-in on for the visitor's account: GET and POST
 * /account/two-factor.  True when the recovery codes were shown; their
 * text, when `codes` is not NULL, into it (10 codes, a space after each). */
bool authenticator_enrol(struct visitor *v, char codes[256]);

/* The text of the <code> element with this id on an HTML page, its inner
 * tags dropped (the key is shown in groups), into out.  False when absent. */
bool authenticator_text(const char *html, const char *id, char *out, size_t size);

/* The base32 secret remembered for `email`, or NULL. */
const char *authenticator_secret(const char *email);

/* A code for `email` of a step after the last one used (waiting for the
 * next step when now's and the next are used), into code.  False when the
 * email's secret is unknown. */
bool authenticator_code(const char *email, char code[7]);

/* The code of the secret (base32) at `offset` steps from now, into code;
 * nothing remembered.  False on a bad secret. */
bool authenticator_code_of(const char *secret, int offset, char code[7]);

/* Forget the email's secret (two-step sign-in turned off). */
void authenticator_forget(const char *email);

#endif
