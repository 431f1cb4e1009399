/* Change requests, shared by spor-account (proposing) and spor-admin
 * (evaluating): the proposal of an RMS change (ADD-TERM, UPD-TERM, a
 * TRANSLATION of a term into one language, ADD-LIST, UPD-LIST), its workflow, its thread, its diff against
 * the current data, and its application when approved.
 *
 * Workflow (docs/architecture.md, "Change requests"): SAVED (draft) →
 * SUBMITTED → VALID, INVALID or RETURNED; RETURNED goes back to the requester, who edits and resubmits;
 * VALID → APPROVED, APPROVED_WC (approved with changes) or REJECTED.  The
 * requester may withdraw a request that is not decided, and edits it only
 * while it is SAVED or RETURNED.  Nobody validates or decides on a request
 * they made.  Any other transition answers 409 (403 for one's own request)
 * and changes nothing; the account program's database user cannot make
 * any move but the requester's (db/migrations/0009_request_owner_moves.sql).  Approval applies the change
 * (a new term starts PROVISIONAL), records the version with the request's
 * ID, sets the status and writes the mails, all in one transaction; a
 * request made against an older version of the term than the current one
 * cannot be approved until the requester has seen the new version. */
#ifndef SPOR_CR_H
#define SPOR_CR_H

#include <jansson.h>
#include <stdbool.h>
#include <stddef.h>

struct req;

/* Who acts on a request. */
enum cr_actor { CR_REQUESTER, CR_STEWARD };

/* The proposal's fields, as the forms send them (NULL: unchanged). */
struct cr_fields {
	const char *name, *short_name, *description, *status, *parent, *replaced_by;
	/* OMS: an organisation's, a location's */
	const char *acronym, *org_type, *address, *postal_code, *city, *region, *country_code, *email, *phone;
};

/* Whether the signed-in user may propose this type of change: an
 * organisation role (any), or Translator for a TRANSLATION. */
bool cr_may_propose(struct req *r, const char *type);

/* Whether the signed-in user holds a role for the organisation (who may
 * propose changes to it and its locations). */
bool cr_may_propose_org(struct req *r, const char *org_id);

/* The term's current snapshot as Page.current.* (names in `lang`) and its
 * version as *seq; false when there is no such term. */
bool cr_current(struct req *r, const char *term_id, const char *lang, long long *seq);

/* The list's current values as Page.current.* and its version as *seq;
 * false when there is no such list. */
bool cr_current_list(struct req *r, const char *list_id, long long *seq);

/* Whether the request type is about a list (ADD-LIST, UPD-LIST). */
bool cr_is_list(const char *type);

/* cr_oms.c: organisations and locations (ADD-ORG, UPD-ORG, ADD-LOC, UPD-LOC). */
bool cr_is_oms(const char *type);
/* The organisation's (or with loc_id, the location's) current values as
 * Page.current.*, Page.org.id/name, and the CRC32 of its record as *crc;
 * false when there is no such organisation or location. */
bool cr_current_org(struct req *r, const char *org_id, const char *loc_id, long long *crc);
/* The canonical record the proposal would make (`number` names a new
 * organisation's or location's ID), or NULL with the problem in err. */
json_t *cr_org_record(struct req *r, const char *type, const char *org_id, const char *loc_id, long long number,
		      const char *proposed, char *err, size_t n);
/* Write an approved organisation change in the open transaction, with a
 * version of the organisation's history (what changed, as the OMS store
 * finds it); 1 or -1. */
long long cr_apply_org(struct req *r, const char *id, const char *type, const char *org_id, const char *loc_id,
		       const char *proposed);

/* The proposal as JSON text, from the fields that differ from Page.current
 * (all given fields for a new term); NULL when nothing would change. */
const char *cr_proposal(struct req *r, const char *type, const struct cr_fields *f);

/* Page.diff.<n>: field, current and proposed value, for the proposal. */
void cr_diff(struct req *r, const char *proposed);

/* Load request `id` as Page.cr (and Page.diff, Page.events, Page.current,
 * Page.stale); 404 if none, 200. */
int cr_load(struct req *r, const char *id);

/* What a move writes besides the status (NULL members: unchanged). */
struct cr_edit {
	const char *proposed;	   /* the requester's edit, or a steward's approval with changes */
	const char *justification; /* the requester's */
	bool document;		   /* keep the uploaded PDF (the requester's; checked with the form) */
};

/* Whether the requester may change the request's content in this status
 * (SAVED, RETURNED): once submitted it is frozen until returned. */
bool cr_editable(const char *status);

/* Whether the request loaded as Page.cr is the signed-in user's own: they
 * may not validate or decide on it, nor act on it as a steward. */
bool cr_own(struct req *r);

/* Move request `id` to `to` as `actor`, with `comment` (or NULL) and
 * `edit` (or NULL), in one transaction holding the request's row lock:
 * the status, who acts (a steward never on their own request) and, for an
 * edit, whether the request is still its requester's to edit are checked
 * there, and a refusal writes nothing (nor stores the document).  Returns
 * 303 when done, else the HTTP status (403, 404, 409 with r->err_reason). */
int cr_transition(struct req *r, const char *id, const char *to, enum cr_actor actor, const char *comment,
		  const struct cr_edit *edit);

/* Answer the request's supporting document (the caller checked who reads). */
int cr_document(struct req *r, const char *id);

/* Add a comment to the thread (as the requester, or a steward on someone
 * else's request); 303 or a status. */
int cr_comment(struct req *r, const char *id, enum cr_actor actor, const char *comment);

#endif
