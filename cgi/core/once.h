/* A form sent twice makes one thing.  Every page with a form carries a
 * one-time key (form_once, beside the CSRF token: Csrf.once), a new one
 * each time a page is rendered.  A handler that creates something (a change
 * request, a role request, a comment) asks first whether this post's key
 * made something already on this path, and sends the user there if so; it
 * records the key with where its answer sends the user in the transaction
 * that creates, so that two posts racing each other (a double click) meet
 * on the key and the later one creates nothing
 * (db/migrations/0016_forms_once_and_public_contacts.sql). */
#ifndef SPOR_ONCE_H
#define SPOR_ONCE_H

struct req;

#define ONCE_FIELD "form_once"

/* A new key for the page's forms, as Csrf.once (with the CSRF token). */
void once_issue(struct req *r);

/* Whether an earlier post of this key to this path made something: 0
 * when not (no key sent, or a new one: the handler goes on), else the
 * answer, a redirect (303) to where that post sent its user, or 500. */
int once_done(struct req *r);

/* In the transaction that creates something, record this post's key with
 * `made` (a local path, the answer's Location): 1 recorded (or no key sent:
 * nothing to record), 0 when a twin post with the same key created first
 * (the caller rolls back, then answers once_done's redirect), -1 when
 * the database failed. */
int once_record(struct req *r, const char *made);

#endif
