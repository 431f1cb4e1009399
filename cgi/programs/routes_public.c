/* spor-public's routes: everything anonymous and read-only (DB user spor_ro). */
#include "config.h"

#include "api/api.h"
#include "oms/oms_page.h"
#include "programs/fields_public.h"
#include "programs/handlers_public.h"
#include "programs/routes.h"
#include "rms/rms_page.h"

/* The sorts of the pages are the listings' own (rms_page.h, oms_page.h);
 * the API offers two of a list's term sorts (the EMA v1 in its words). */
static const char *const statuses[] = {"PROVISIONAL", "CURRENT", "NON_CURRENT", "NULLIFIED", NULL};
static const char *const org_statuses[] = {"PROVISIONAL", "ACTIVE", "INACTIVE", "DELETED", NULL};
static const char *const v1_sorts[] = {"term-name", "term-id", NULL};
static const char *const api_sorts[] = {"id", "name", NULL};

static const struct field fields[PF__COUNT] = {
	[PF_LANG] = FIELD_LANG,
	[PF_Q] = {"q", FT_TEXT, 0, 200, NULL},
	[PF_STATUS] = {"status", FT_ENUM, 0, 0, statuses},
	[PF_DOMAIN] = {"domain", FT_ID12, 0, 0, NULL},
	[PF_PAGE] = {"page", FT_INT, 1, 100000, NULL},
	[PF_SIZE] = {"size", FT_INT, 10, 500, NULL},
	[PF_LISTS_SORT] = {"sort", FT_ENUM, 0, 0, rms_list_sorts},
	[PF_TERMS_SORT] = {"sort", FT_ENUM, 0, 0, rms_term_sorts},
	[PF_LIST] = {"list", FT_ID12, 0, 0, NULL},
	[PF_LIST_ID] = {"listId", FT_ID12, 0, 0, NULL},
	[PF_TERM_ID] = {"termId", FT_ID12, 0, 0, NULL},
	[PF_COUNTRY] = {"country", FT_COUNTRY, 0, 0, NULL},
	[PF_CITY] = {"city", FT_TEXT, 0, 200, NULL},
	[PF_POSTAL] = {"postal_code", FT_TEXT, 0, 40, NULL},
	[PF_ORG_STATUS] = {"status", FT_ENUM, 0, 0, org_statuses},
	[PF_ORG_TYPE] = {"type", FT_TEXT, 0, 100, NULL},
	[PF_ORGS_SORT] = {"sort", FT_ENUM, 0, 0, oms_org_sorts},
	[PF_ORG_ID] = {"orgId", FT_ORGID, 0, 0, NULL},
	[PF_LOC_ID] = {"locId", FT_LOCID, 0, 0, NULL},
	[PF_API_SIZE] = {"size", FT_INT, 1, 100000, NULL},
	[PF_PAGESIZE] = {"pagesize", FT_INT, 1, 100000, NULL},
	[PF_PARENT] = {"parent", FT_TEXT, 0, 12, NULL},
	[PF_SORTBY] = {"sortby", FT_ENUM, 0, 0, v1_sorts},
	[PF_API_PARENT] = {"parent", FT_ID12, 0, 0, NULL},
	[PF_MODIFIED_SINCE] = {"modified-since", FT_TEXT, 0, 20, NULL},
	[PF_API_SORT] = {"sort", FT_ENUM, 0, 0, api_sorts},
};

#define LIST_FILTERS (F(PF_Q) | F(PF_STATUS) | F(PF_DOMAIN))
#define ORG_FILTERS (F(PF_Q) | F(PF_COUNTRY) | F(PF_CITY) | F(PF_POSTAL) | F(PF_ORG_STATUS) | F(PF_ORG_TYPE))

static const struct route routes[] = {
	{"GET", "/", home_show, ROLES_EVERYONE, 0},
	{"GET", "/healthz", health_check, ROLES_EVERYONE, 0},
	{"GET", "/sms", home_sms, ROLES_EVERYONE, 0},
	{"GET", "/pms", home_pms, ROLES_EVERYONE, 0},
	{"GET", "/rms/lists", rms_lists_show, ROLES_EVERYONE, LIST_FILTERS | F(PF_PAGE) | F(PF_SIZE) | F(PF_LISTS_SORT)},
	{"GET", "/rms/lists/{listId}", rms_list_show, ROLES_EVERYONE,
	 LIST_FILTERS | F(PF_PAGE) | F(PF_SIZE) | F(PF_TERMS_SORT)},
	{"GET", "/rms/lists/{listId}/export.csv", rms_export_csv, ROLES_EVERYONE, LIST_FILTERS | F(PF_TERMS_SORT)},
	{"GET", "/rms/lists/{listId}/export.json", rms_export_json, ROLES_EVERYONE, LIST_FILTERS | F(PF_TERMS_SORT)},
	{"GET", "/rms/terms/{termId}", rms_term_show, ROLES_EVERYONE, 0},
	{"GET", "/rms/search", rms_search_show, ROLES_EVERYONE, LIST_FILTERS | F(PF_LIST) | F(PF_PAGE) | F(PF_SIZE)},
	{"GET", "/oms/organisations", oms_orgs_show, ROLES_EVERYONE,
	 ORG_FILTERS | F(PF_PAGE) | F(PF_SIZE) | F(PF_ORGS_SORT)},
	{"GET", "/oms/organisations/{orgId}", oms_org_show, ROLES_EVERYONE, 0},
	{"GET", "/oms/locations/{locId}", oms_location_show, ROLES_EVERYONE, 0},
	{"GET", "/oms/export.csv", oms_export_csv, ROLES_EVERYONE, ORG_FILTERS | F(PF_ORGS_SORT)},
	{"GET", "/oms/export.json", oms_export_json, ROLES_EVERYONE, ORG_FILTERS | F(PF_ORGS_SORT)},
	{"GET", "/api", api_page, ROLES_EVERYONE, 0},
	{"GET", "/api/v1/lists", api_lists, ROLES_EVERYONE, F(PF_PAGE) | F(PF_API_SIZE)},
	{"GET", "/api/v1/lists/{listId}", api_list, ROLES_EVERYONE, 0},
	{"GET", "/api/v1/lists/{listId}/terms", api_list_terms, ROLES_EVERYONE,
	 F(PF_PAGE) | F(PF_API_SIZE) | F(PF_STATUS) | F(PF_DOMAIN) | F(PF_API_PARENT) | F(PF_MODIFIED_SINCE) | F(PF_API_SORT)},
	{"GET", "/api/v1/fhir/CodeSystem", api_search_terms, ROLES_EVERYONE,
	 LIST_FILTERS | F(PF_LIST) | F(PF_PAGE) | F(PF_API_SIZE)},
	{"GET", "/api/v1/fhir/CodeSystem/{listId}", rms_export_fhir, ROLES_EVERYONE, LIST_FILTERS},
	{"GET", "/api/v1/terms/{termId}", api_term, ROLES_EVERYONE, 0},
	{"GET", "/api/v1/search/terms", api_search_terms, ROLES_EVERYONE,
	 LIST_FILTERS | F(PF_LIST) | F(PF_PAGE) | F(PF_API_SIZE)},
	{"GET", "/api/v1/organisations", api_orgs, ROLES_EVERYONE, ORG_FILTERS | F(PF_ORGS_SORT) | F(PF_PAGE) | F(PF_API_SIZE)},
	{"GET", "/api/v1/organisations/{orgId}", api_org, ROLES_EVERYONE, 0},
	{"GET", "/api/v1/locations/{locId}", api_location, ROLES_EVERYONE, 0},
	{"GET", "/api/v1/fhir/Organization", api_orgs, ROLES_EVERYONE, ORG_FILTERS | F(PF_ORGS_SORT) | F(PF_PAGE) | F(PF_API_SIZE)},
	{"GET", "/api/v1/fhir/Organization/{orgId}", api_org, ROLES_EVERYONE, 0},
	{"GET", "/api/v1/fhir/Location/{locId}", api_location, ROLES_EVERYONE, 0},
	{"GET", "/v1/lists", v1_lists, ROLES_EVERYONE, F(PF_PAGE) | F(PF_PAGESIZE)},
	{"GET", "/v1/lists/{listId}/term-summaries", v1_term_summaries, ROLES_EVERYONE,
	 F(PF_PAGE) | F(PF_PAGESIZE) | F(PF_PARENT) | F(PF_SORTBY)},
};

static const struct router router = {routes, sizeof routes / sizeof routes[0], fields, PF__COUNT, F(PF_LANG)};

const struct app_def public_app = {
	.name = "spor-public",
	.db_role = "public",
	.router = &router,
	.body_max = 16 * 1024,
	.reads_replica = true,
	.render_error = api_error, /* the API's errors are JSON */
};
