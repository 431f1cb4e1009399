/* What the account pages share: forms with their CSRF token and their
 * errors, confirmation pages, one-time links sent by email,
 * and the rules of a new password. */
#ifndef SPOR_ACCOUNT_H
#define SPOR_ACCOUNT_H

#include <stdbool.h>

struct req;

/* Render account/<page> as a form (Csrf.token set); returns `status`. */
int account_form(struct req *r, const char *page, int status);

/* Render the confirmation page account/notice.cs saying Lang.notice.<key>;
 * returns `status`. */
int account_notice(struct req *r, const char *key, int status);

/* Mark `field` of the form in error with Lang.form.error.<key>. */
void account_error(struct req *r, const char *field, const char *key);

/* A new one-time link for the account ("verify" or "reset"), valid for
 * `seconds`: its token, or NULL.  Inside the caller's transaction. */
const char *account_link_new(struct req *r, const char *account_id, const char *purpose, long seconds);

/* The account whose unused, unexpired link this is, or NULL.  With `use`
 * (inside a transaction) the link is locked and marked used. */
const char *account_link_check(struct req *r, const char *token, const char *purpose, bool use);

/* The page for a link account_link_check refused: used already
 * (Lang.notice.<purpose>_used), expired (<purpose>_expired), or never one
 * the portal sent (link_invalid), each with what to do next; `status`, or
 * 500.  Outside a transaction. */
int account_link_refused(struct req *r, const char *token, const char *purpose, int status);

/* Check the form's password and password_confirm as a new password,
 * marking the errors; true when it may be used. */
bool account_new_password_ok(struct req *r);

struct settings;
/* What a worker of spor-account prepares when it starts.  0 or -1. */
int account_worker_start(const struct settings *s);

/* Signing in (account_login.c): start the account's session (a new token,
 * the time of the sign-in, the audit log), inside the caller's transaction;
 * then, once committed, forget the email's failed sign-ins and answer
 * with the redirect to `next` (or /account).  0 or -1; the status. */
int account_session_open(struct req *r, const char *account);
int account_session_opened(struct req *r, const char *email);

/* The right password of an account with two-step sign-in on: a pending
 * sign-in and the redirect to its second step (account_login_twofactor.c);
 * the status. */
int login_second_step(struct req *r, const char *account);

enum throttle_action;
/* Whether the form's current password (current_password) is the
 * signed-in account's, before a change that could shut its owner out or
 * outlive the session: 0, or the status of the refusal for the caller's
 * form (429: throttled; 400: wrong or missing, the field marked, a wrong
 * one audit-logged as `refused_event`) or 500.  Every attempt counts
 * against `action` (throttle.h). */
int account_reauthenticated(struct req *r, enum throttle_action action, const char *refused_event);

/* Whether `password` is the account's; an unknown account costs the same. */
bool account_password_ok(struct req *r, const char *hash, const char *password);

#endif
