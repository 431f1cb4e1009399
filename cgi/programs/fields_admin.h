/* spor-admin's fields: one table (routes_admin.c) that every route picks
 * from; handlers read them by these indices. */
#ifndef SPOR_FIELDS_ADMIN_H
#define SPOR_FIELDS_ADMIN_H

enum admin_field {
	DF_LANG,	/* interface language of this page */
	DF_PAGE,	/* 1.. */
	DF_SIZE,	/* rows per page */
	DF_STATUS,	/* role requests: PENDING, APPROVED, REJECTED, WITHDRAWN, all */
	DF_ORG,		/* an ORG-ID filter or field */
	DF_ROLE,	/* a role code */
	DF_AGE,		/* role requests: waiting longer than 7, 30 or 90 days */
	DF_REQUEST_ID,	/* path: /admin/role-requests/{requestId} */
	DF_DECISION,	/* approve or reject */
	DF_REASON,	/* why (a decision, a revocation) */
	DF_Q,		/* users, audit: name or email */
	DF_ACCOUNT_ID,	/* path: /admin/users/{accountId} */
	DF_EVENT,	/* audit: a kind of event */
	DF_SAVED,	/* a confirmation after a redirect */
	DF_REFUSED,	/* why a form changed nothing, after a redirect (http_refused) */
	DF_CR_STATUS,	/* change requests: a status filter, or all */
	DF_CR_TYPE,	/* change requests: a type filter */
	DF_LIST,	/* change requests: a list filter */
	DF_MINE,	/* change requests: only those I took */
	DF_TO,		/* change requests: the status to move to */
	DF_SERVICE,	/* change requests: rms or oms */
	DF_DRAFT,	/* change requests: "1" shows the steward's refused form again */
	DF_SINCE,	/* audit: the first day */
	DF_UNTIL,	/* audit: the last day */
	/* Change requests: the fields of an approval with changes, one block in
	 * the order of CR_FORM_FIELDS (account/cr_fields.h), read as
	 * DF_PROPOSAL + CR_F_...; routes_admin.c checks that the block is as
	 * long as that list. */
	DF_COMMENT, /* the write API: a decision's comment (the console's "reason") */
	DF_PROPOSAL,
	DF__COUNT = DF_PROPOSAL + 28
};

/* In the files that include this header, in_text, in_int and in_typed
 * (core/http.h)
 * take an enum admin_field: an index of another program's table is a
 * compile error (-Wenum-conversion, with -Werror), never another field read
 * in silence. */
#define in_text(r, f) in_text((r), (enum admin_field){f})
#define in_int(r, f, fallback) in_int((r), (enum admin_field){f}, (fallback))
#define in_typed(r, f) in_typed((r), (enum admin_field){f})

#endif
