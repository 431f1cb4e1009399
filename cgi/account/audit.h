/* The audit log: one row per event that concerns an account (a sign-in
 * refused, a lockout, a password reset, a role granted ...), recorded by
 * spor-account, spor-admin and sporctl inside the transaction of what they
 * record; the console shows it at /admin/audit, each event by its label
 * (Lang.audit.event.<event>). */
#ifndef SPOR_AUDIT_H
#define SPOR_AUDIT_H

struct req;

/* Record an event in the audit log: the account concerned (or NULL), the
 * email typed (failures; or NULL), and the signed-in user as the actor
 * when it is someone else's account.  0 or -1. */
int audit_record(struct req *r, const char *event, const char *account_id, const char *subject);

/* What else an event may be about, which the console links to. */
enum audit_about { AUDIT_ROLE_REQUEST, AUDIT_CHANGE_REQUEST, AUDIT_ORGANISATION };

/* The same for an event about `id`, a role request's or change request's
 * number or an organisation's ORG-ID. */
int audit_record_about(struct req *r, const char *event, const char *account_id, enum audit_about kind,
		       const char *id);

#endif
