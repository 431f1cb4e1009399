/* Change requests, shared by spor-account (proposing) and spor-admin
 * (evaluating): the proposal of an RMS change (ADD-TERM, UPD-TERM, a
 * TRANSLATION of a term into one language, ADD-LIST, UPD-LIST) or an OMS
 * one (ADD-ORG, UPD-ORG, ADD-LOC, UPD-LOC), its workflow, its thread, its
 * records, and its application when approved.
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
 * cannot be approved until the requester has seen the new version.
 *
 * Records (cr_record.h, db/migrations/0013_request_records.sql): each
 * submission keeps what the request is about as it is then and the
 * proposal as sent; a decision keeps what was approved, and the record
 * again when it had moved; none of them changes afterwards. */
#ifndef SPOR_CR_H
#define SPOR_CR_H

#include <jansson.h>
#include <stdbool.h>
#include <stddef.h>

#include "account/cr_oms.h"
#include "account/cr_record.h"

struct cr_verdict;
struct req;

/* Who acts on a request. */
enum cr_actor { CR_REQUESTER, CR_STEWARD };

/* Whether the request type is about a list (ADD-LIST, UPD-LIST). */
bool cr_is_list(const char *type);

/* cr_page.c: what the pages of a request show. */

/* The target as it is now (the caller decrefs now->record), for the page:
 * its record's fields as Page.current.<key> (and a term's Page.current.id,
 * .list, .name_en, an organisation's Page.org.id, .name, a location's
 * Page.loc.id); the target completed with the term's list.  False when
 * there is no such target (or the database failed). */
bool cr_current(struct req *r, struct cr_target *t, struct cr_now *now);
/* The form's values, Page.form.<key>: `values` (what the form sent, or a
 * proposal's), with `over_current` over Page.current's (a proposal names
 * only what it changes). */
void cr_form_put(struct req *r, const char *type, const json_t *values, bool over_current);
/* The choices of a new or changed term's or list's domain (Page.domains,
 * Page.domain_required), the current one among them.  0 or -1. */
int cr_domains_put(struct req *r, const char *type, const char *list);
/* The verdict's problems as Page.errors.<form field> (and Page.record_error). */
void cr_problems_put(struct req *r, const char *type, const struct cr_verdict *v);
/* Page.diff: `proposed` side by side with the record `before` (a draft, a
 * preview: nothing is recorded yet). */
void cr_diff(struct req *r, const json_t *before, const char *proposed);
/* Page.diff's terms and countries by their names (core/sides.h); 0 or -1. */
int cr_diff_names(struct req *r);

/* Load request `id` as Page.cr, with its records side by side
 * (Page.rounds, newest first), its draft's diff while its requester may
 * edit it (Page.diff), its thread (Page.events), the target now
 * (Page.current) and whether it moved since (Page.stale); 404 if none,
 * 200. */
int cr_load(struct req *r, const char *id);
/* The target of the request loaded as Page.cr. */
void cr_loaded_target(struct req *r, struct cr_target *t);

/* cr_apply.c: an approved term or list change written in the open
 * transaction; the new version, or -1. */
long long cr_apply_rms(struct req *r, const char *id, const struct cr_target *t, const char *proposed);

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
 * there, and a refusal writes nothing (nor stores the document).  A
 * submission records what the request is about and the proposal; an
 * approval what was approved (a steward's approval with changes: the
 * edit's proposal), and the record again when it moved since.  The same
 * steward's move made twice (a form sent again) is done once.  Returns
 * 303 when done, else the HTTP status (403, 404, 409 with r->err_reason). */
int cr_transition(struct req *r, const char *id, const char *to, enum cr_actor actor, const char *comment,
		  const struct cr_edit *edit);

/* Answer the request's supporting document (the caller checked who reads). */
int cr_document(struct req *r, const char *id);

/* Add a comment to the thread (as the requester, or a steward on someone
 * else's request), once for a form sent twice (core/once.h): 303, a
 * redirect to `made`, or a status. */
int cr_comment(struct req *r, const char *id, enum cr_actor actor, const char *comment, const char *made);

/* account_api.c: change request `id` as the write API gives it, answered
 * with `status` (200, 201): the user's own, or with `anyones` (a data
 * steward's program) anyone's; 404 when there is none such, 304, 500. */
int cr_api_answer(struct req *r, const char *id, bool anyones, int status);

/* account_api_write.c: the app_def.read_document of the programs with a
 * write API: a JSON body's keys into the request's parameters under the
 * web forms' names ("changes" each a proposal's field, "lang" text_lang,
 * "submit" the step), each one the route reads, checked as a form's; any
 * other key, or a value of another type, is 400 naming it. */
int account_api_read_document(struct req *r);
/* One proposal's document `doc` read so (a batch's item, `name` naming it
 * in a refusal): 0 or 400. */
int account_api_read_proposal(struct req *r, json_t *doc, const char *name);
/* The proposal the request's parameters make (its type, target, changes):
 * checked and made as the web form's is, its making audit-logged.  0 with
 * its ID in *rid, or the status of the refusal (400, 403, 404, 500). */
int account_api_propose(struct req *r, const char **rid);
/* The API's address of change request `id` (an answer's Location). */
const char *account_api_location(struct req *r, const char *id);

/* account_requests.c: a proposal about `t` made without a form (the write
 * API): the request's parameters judged as the web form's are, then kept
 * as a draft and submitted when the step says so.  0 with its ID in *rid;
 * 400 with the problems in Page.errors; 403 (r->err_reason "role") when the
 * user may not propose it; 404 no such target; 500. */
int account_requests_propose(struct req *r, struct cr_target *t, const char **rid);
/* The user's edit of their draft or returned request `id` without a form
 * (the write API): its proposal as the edit form would show it with the
 * request's fields over it, the justification sent or else the one it
 * has, judged as the form's are and written with the move (`step`: "save"
 * keeps its status, "submit" submits it) as the form's is.  0; 400 with
 * the problems in Page.errors; 404 not theirs; 409 (r->err_reason) not
 * editable, or moved meanwhile; 500. */
int account_requests_edit(struct req *r, const char *id, const char *step);

#endif
