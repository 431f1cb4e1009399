/* Queueing email: a message is rendered from templates/mail/<kind>.cs as
 * plain text (its first line is the subject) in the current interface
 * language, with the Mail.* values the caller set, and written to the
 * outbox in the caller's transaction; spor-mailer sends it. */
#ifndef SPOR_MAIL_H
#define SPOR_MAIL_H

struct req;

/* Queue mail `kind` to `recipient`.  Mail.site is set to site.url.  0 or -1. */
int mail_queue(struct req *r, const char *kind, const char *recipient);

/* The same in the recipient's interface language `lang` (their preference;
 * NULL or unknown: the current one). */
int mail_queue_in(struct req *r, const char *kind, const char *recipient, const char *lang);

#endif
