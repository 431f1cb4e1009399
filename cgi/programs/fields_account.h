/* spor-account's fields: one table (routes_account.c) that every route
 * picks from; handlers read them by these indices. */
#ifndef SPOR_FIELDS_ACCOUNT_H
#define SPOR_FIELDS_ACCOUNT_H

enum account_field {
	AF_LANG,	     /* interface language of this page */
	AF_NEXT,	     /* where to go after signing in: a local path */
	AF_NAME,	     /* the account's display name */
	AF_EMAIL,	     /* an account's email, normalised (email.h) */
	AF_PASSWORD,	     /* a password (login, new password) */
	AF_PASSWORD_CONFIRM, /* the new password again */
	AF_CURRENT,	     /* the current password (change, delete) */
	AF_TOKEN,	     /* a one-time link's token */
	AF_UI_LANG,	     /* preference: interface language ("" = the browser's) */
	AF_DATA_LANG,	     /* preference: data language */
	AF_PAGE_SIZE,	     /* preference: rows per page */
	AF_DATE_FORMAT,	     /* preference: iso, dmy, long */
	AF_NOTIFY_REQUESTS,  /* preference: mail about my requests */
	AF_NOTIFY_FOLLOWING, /* preference: mail about my favourites */
	AF_NOTIFY_QUEUE,     /* preference: mail about requests waiting for me */
	AF_KIND,	     /* favourites: list or organisation */
	AF_REF,		     /* favourites: a list ID or an ORG-ID */
	AF_ACTION,	     /* favourites: add or remove */
	AF_SAVED,	     /* a confirmation to show after a redirect */
	AF_REFUSED,	     /* why a form changed nothing, after a redirect (http_refused) */
	AF_Q,		     /* role requests: search for an organisation (name or ORG-ID) */
	AF_ORG,		     /* role requests: the organisation (ORG-ID) */
	AF_ROLE,	     /* role requests: the role asked for */
	AF_JUSTIFICATION,    /* role requests: why */
	AF_DOCUMENT,	     /* role requests: a supporting PDF (multipart) */
	AF_REQUEST_ID,	     /* path: /account/roles/{requestId}/..., /account/requests/{requestId} */
	AF_LIST_ID,	     /* path: /rms/lists/{listId}/requests/new */
	AF_TERM_ID,	     /* path: /rms/terms/{termId}/requests/new */
	AF_TEXT_LANG,	     /* change requests: the language of the texts (a translation) */
	AF_STEP,	     /* change requests: preview, save (a draft) or submit */
	AF_COMMENT,	     /* change requests: a comment of the thread */
	AF_CR_STATUS,	     /* my requests: a status filter */
	AF_CHANGE,	     /* change requests: "list" to change a list rather than add a term */
	AF_ORG_ID,	     /* path: /oms/organisations/{orgId}/requests/new */
	AF_LOCATION,	     /* OMS change requests: "new", or the LOC-ID of the location to change */
	AF_CODE,	     /* two-step sign-in: a code of the authenticator app, or a recovery code */
	AF_SESSION_ID,	     /* path: /account/sessions/{sessionId}, a session's public ID */
	AF_SIMILAR_SEEN,     /* a new organisation: "1" once the form showed those of similar names */
	AF_TOKEN_NAME,	     /* access tokens: the name its owner gives a new one */
	AF_SCOPE,	     /* access tokens: read, write or decide */
	AF_EXPIRES_DAYS,     /* access tokens: days until it expires */
	AF_TOKEN_ID,	     /* path: /account/tokens/{tokenId}/revoke */
	AF_CR_TYPE,	     /* the write API: a request type filter */
	AF_PAGE,	     /* the write API: a listing's page */
	AF_SIZE,	     /* the write API: a listing's page size */
	AF_TARGET,	     /* the write API: what a proposal is about (a list, term, ORG- or LOC-ID) */
	/* Change requests: the proposal's fields, one block in the order of
	 * CR_FORM_FIELDS (account/cr_fields.h), read as AF_PROPOSAL + CR_F_...;
	 * routes_account.c checks that the block is as long as that list. */
	AF_PROPOSAL,
	AF__COUNT = AF_PROPOSAL + 28
};

/* In the files that include this header, in_text, in_int and in_typed
 * (core/http.h)
 * take an enum account_field: an index of another program's table is a
 * compile error (-Wenum-conversion, with -Werror), never another field read
 * in silence. */
#define in_text(r, f) in_text((r), (enum account_field){f})
#define in_int(r, f, fallback) in_int((r), (enum account_field){f}, (fallback))
#define in_typed(r, f) in_typed((r), (enum account_field){f})

#endif
