/* Queueing email: a message is rendered from templates/mail/<kind>.cs as
 * plain text (its first line is the subject), with the Mail.* values the
 * caller set, in its recipient's language (their interface preference, else
 * English: never the language of the request that caused it), and written
 * to the outbox with that language in the caller's transaction; spor-mailer
 * sends it. */
#ifndef SPOR_MAIL_H
#define SPOR_MAIL_H

struct req;

/* Queue mail `kind` to the account `account` (its ID), at its address, in
 * its language.  Mail.site is set to site.url.  0 or -1 (no such account
 * too). */
int mail_queue(struct req *r, const char *kind, const char *account);

#endif
