/* spor-public's fields: one table (routes_public.c) that every route picks
 * from; handlers read them by these indices. */
#ifndef SPOR_FIELDS_PUBLIC_H
#define SPOR_FIELDS_PUBLIC_H

enum public_field {
	PF_LANG,	/* interface language; the data language on RMS pages */
	PF_Q,		/* search words or an ID */
	PF_STATUS,	/* term or list status */
	PF_DOMAIN,	/* domain term ID */
	PF_PAGE,	/* 1.. */
	PF_SIZE,	/* rows per page */
	PF_LISTS_SORT,	/* sort of /rms/lists */
	PF_TERMS_SORT,	/* sort of a list's terms */
	PF_LIST,	/* a list filter (search) */
	PF_LIST_ID,	/* path: /rms/lists/{listId} */
	PF_TERM_ID,	/* path: /rms/terms/{termId} */
	PF__COUNT
};

#endif
