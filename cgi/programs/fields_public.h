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
	PF_SINCE,	/* the change feed: the cursor to read after */
	/* FHIR CodeSystem operations (api_fhir_cs.c) and metadata (api_fhir_meta.c) */
	PF_CS_SYSTEM,	/* a list's URL: https://spor.ema.europa.eu/v1/lists/{listId} */
	PF_CS_URL,	/* the same, as $validate-code names it */
	PF_CS_CODE,	/* a term ID (any text: an unknown code is an answer, not a 400) */
	PF_CS_VERSION,	/* the list's version */
	PF_CS_DISPLAY,	/* a display to check */
	PF_CS_DISPLAY_LANGUAGE, /* the language of the display returned */
	PF_CS_PROPERTY,	/* $lookup: a property wanted (repeated) */
	PF_CS_CODING,	/* "system|code" (a POST's valueCoding) */
	PF_CS_CODE_A,	/* $subsumes */
	PF_CS_CODE_B,
	PF_CS_CODING_A,
	PF_CS_CODING_B,
	PF_META_MODE,	/* /api/v1/fhir/metadata: full, normative, terminology */
	PF_CHECK_IDS,	/* /tools/check: the IDs pasted */
	PF_CHECK_FILE,	/* /tools/check: a text or CSV file of IDs */
	PF_CHECK_FORMAT, /* /tools/check: html, csv or xlsx */
	/* FHIR ValueSet and ConceptMap operations (api_fhir_vs.c, api_fhir_cm.c) */
	PF_TX_URL,	/* a value set's or a concept map's canonical URL */
	PF_TX_FILTER,	/* $expand: words the names must hold */
	PF_TX_COUNT,	/* $expand: codes a page, 0..1000 */
	PF_TX_OFFSET,	/* $expand: codes skipped */
	PF_TX_DISPLAY_LANG, /* the language of displays */
	PF_TX_ACTIVE_ONLY, /* $expand: current terms only */
	PF_TX_DESIGNATIONS, /* $expand: every name of a code */
	PF_TX_CODE,	/* a code (a term ID, or a source's code) */
	PF_TX_SYSTEM,	/* the code's system */
	PF_TX_DISPLAY,	/* $validate-code: the display to check */
	PF_TX_CODING,	/* a Coding, "system|code" */
	PF_TX_SOURCE,	/* $translate: the source value set */
	PF_TX_TARGET,	/* $translate: the target value set */
	PF_TX_TARGET_SYSTEM, /* $translate: the target code system */
	PF_TX_REVERSE,	/* $translate: from SPOR term to source code */
	PF_CM_ID,	/* path: /api/v1/fhir/ConceptMap/{conceptMapId} */
	PF_CM_SOURCE_SYSTEM, /* ConceptMap search: source-system */
	PF_CM_TARGET_SYSTEM, /* ConceptMap search: target-system */
	PF_CM_SOURCE_URI, /* ConceptMap search: source-uri */
	PF_CM_TARGET_URI, /* ConceptMap search: target-uri */
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
