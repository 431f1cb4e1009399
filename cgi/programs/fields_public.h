/* spor-public's fields: one table (routes_public.c) that every route picks
 * from; handlers read them by these indices. */
#ifndef SPOR_FIELDS_PUBLIC_H
#define SPOR_FIELDS_PUBLIC_H

enum public_field {
	PF_LANG,	/* interface language; the data language on RMS pages */
	PF_DATA_LANG,	/* the data language alone (the menus of RMS pages) */
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
	PF_COUNTRY,	/* OMS: a location's country code */
	PF_CITY,	/* OMS: a location's city */
	PF_POSTAL,	/* OMS: a location's postal code */
	PF_ORG_STATUS,	/* OMS: organisation status */
	PF_ORG_TYPE,	/* OMS: organisation type */
	PF_ORGS_SORT,	/* sort of /oms/organisations */
	PF_ORG_ID,	/* path: /oms/organisations/{orgId} */
	PF_LOC_ID,	/* path: /oms/locations/{locId} */
	PF_API_SIZE,	/* API: rows per page, 1..500 */
	PF_PAGESIZE,	/* EMA v1: rows per page */
	PF_PARENT,	/* EMA v1: all, or a term ID */
	PF_SORTBY,	/* EMA v1: term-name, or by ID */
	PF_API_PARENT,	/* API: a parent term ID */
	PF_MODIFIED_SINCE, /* API: a date or a UTC time */
	PF_API_SORT,	/* API: id or name */
	PF_CHECK_IDS,	/* /tools/check: the IDs pasted */
	PF_CHECK_FILE,	/* /tools/check: a text or CSV file of IDs */
	PF_CHECK_FORMAT, /* /tools/check: html, csv or xlsx */
	PF__COUNT
};

/* In the files that include this header, in_text, in_int and in_typed
 * (core/http.h)
 * take an enum public_field: an index of another program's table is a
 * compile error (-Wenum-conversion, with -Werror), never another field read
 * in silence. */
#define in_text(r, f) in_text((r), (enum public_field){f})
#define in_int(r, f, fallback) in_int((r), (enum public_field){f}, (fallback))
#define in_typed(r, f) in_typed((r), (enum public_field){f})

#endif
