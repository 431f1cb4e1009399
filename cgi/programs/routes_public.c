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
static const char *const check_formats[] = {"html", "csv", "xlsx", NULL};

/* The check of a list of IDs takes 10,000 of them (nginx/spor.conf.in
 * lets bodies of this size through to its two paths). */
#define CHECK_BODY_MAX (256 * 1024)

static const struct field fields[PF__COUNT] = {
	[PF_LANG] = FIELD_LANG,
	[PF_DATA_LANG] = FIELD_DATA_LANG,
	[PF_Q] = {.name = "q", .type = FT_TEXT, .max = 200},
	[PF_STATUS] = {.name = "status", .type = FT_ENUM, .choices = statuses},
	[PF_DOMAIN] = {.name = "domain", .type = FT_ID12},
	[PF_PAGE] = {.name = "page", .type = FT_INT, .min = 1, .max = 100000},
	[PF_SIZE] = {.name = "size", .type = FT_INT, .min = 10, .max = 500},
	[PF_LISTS_SORT] = {.name = "sort", .type = FT_ENUM, .choices = rms_list_sorts},
	[PF_TERMS_SORT] = {.name = "sort", .type = FT_ENUM, .choices = rms_term_sorts},
	[PF_LIST] = {.name = "list", .type = FT_ID12},
	[PF_LIST_ID] = {.name = "listId", .type = FT_ID12},
	[PF_TERM_ID] = {.name = "termId", .type = FT_ID12},
	[PF_COUNTRY] = {.name = "country", .type = FT_COUNTRY},
	[PF_CITY] = {.name = "city", .type = FT_TEXT, .max = 200},
	[PF_POSTAL] = {.name = "postal_code", .type = FT_TEXT, .max = 40},
	[PF_ORG_STATUS] = {.name = "status", .type = FT_ENUM, .choices = org_statuses},
	[PF_ORG_TYPE] = {.name = "type", .type = FT_TEXT, .max = 100},
	[PF_ORGS_SORT] = {.name = "sort", .type = FT_ENUM, .choices = oms_org_sorts},
	[PF_ORG_ID] = {.name = "orgId", .type = FT_ORGID},
	[PF_LOC_ID] = {.name = "locId", .type = FT_LOCID},
	[PF_API_SIZE] = {.name = "size", .type = FT_INT, .min = 1, .max = 100000},
	[PF_PAGESIZE] = {.name = "pagesize", .type = FT_INT, .min = 1, .max = 100000},
	[PF_PARENT] = {.name = "parent", .type = FT_TEXT, .max = 12},
	[PF_SORTBY] = {.name = "sortby", .type = FT_ENUM, .choices = v1_sorts},
	[PF_API_PARENT] = {.name = "parent", .type = FT_ID12},
	[PF_MODIFIED_SINCE] = {.name = "modified-since", .type = FT_TEXT, .max = 20},
	[PF_API_SORT] = {.name = "sort", .type = FT_ENUM, .choices = api_sorts},
	[PF_CHECK_IDS] = {.name = "ids", .type = FT_LINES, .max = CHECK_BODY_MAX},
	[PF_CHECK_FILE] = {.name = "file", .type = FT_FILE, .max = 255},
	[PF_CHECK_FORMAT] = {.name = "format", .type = FT_ENUM, .choices = check_formats},
};

#define LIST_FILTERS F(PF_Q), F(PF_STATUS), F(PF_DOMAIN)
#define ORG_FILTERS F(PF_Q), F(PF_COUNTRY), F(PF_CITY), F(PF_POSTAL), F(PF_ORG_STATUS), F(PF_ORG_TYPE)

static const struct route routes[] = {
	{.method = "GET", .path = "/", .handler = home_show, .roles = ROLES_EVERYONE},
	{.method = "GET", .path = "/healthz", .handler = health_show, .roles = ROLES_EVERYONE},
	{.method = "GET", .path = "/sms", .handler = home_sms_show, .roles = ROLES_EVERYONE},
	{.method = "GET", .path = "/pms", .handler = home_pms_show, .roles = ROLES_EVERYONE},
	{.method = "GET", .path = "/rms/lists", .handler = rms_lists_show, .roles = ROLES_EVERYONE,
	 .fields = {LIST_FILTERS, F(PF_PAGE), F(PF_SIZE), F(PF_LISTS_SORT)}},
	{.method = "GET", .path = "/rms/lists/{listId}", .handler = rms_list_show, .roles = ROLES_EVERYONE,
	 .fields = {LIST_FILTERS, F(PF_PAGE), F(PF_SIZE), F(PF_TERMS_SORT)}},
	{.method = "GET", .path = "/rms/lists/{listId}/export.csv", .handler = rms_export_csv_show,
	 .roles = ROLES_EVERYONE, .fields = {LIST_FILTERS, F(PF_TERMS_SORT)}},
	{.method = "GET", .path = "/rms/lists/{listId}/export.xlsx", .handler = rms_export_xlsx_show,
	 .roles = ROLES_EVERYONE, .fields = {LIST_FILTERS, F(PF_TERMS_SORT)}},
	{.method = "GET", .path = "/rms/lists/{listId}/export.json", .handler = rms_export_json_show,
	 .roles = ROLES_EVERYONE, .fields = {LIST_FILTERS, F(PF_TERMS_SORT)}},
	{.method = "GET", .path = "/rms/terms/{termId}", .handler = rms_term_show, .roles = ROLES_EVERYONE},
	{.method = "GET", .path = "/rms/search", .handler = rms_search_show, .roles = ROLES_EVERYONE,
	 .fields = {LIST_FILTERS, F(PF_LIST), F(PF_PAGE), F(PF_SIZE)}},
	{.method = "GET", .path = "/oms/organisations", .handler = oms_orgs_show, .roles = ROLES_EVERYONE,
	 .fields = {ORG_FILTERS, F(PF_PAGE), F(PF_SIZE), F(PF_ORGS_SORT)}},
	{.method = "GET", .path = "/oms/organisations/{orgId}", .handler = oms_org_show, .roles = ROLES_EVERYONE,
	 .fields = {F(PF_PAGE)}},
	{.method = "GET", .path = "/oms/locations/{locId}", .handler = oms_location_show, .roles = ROLES_EVERYONE,
	 .fields = {F(PF_PAGE)}},
	{.method = "GET", .path = "/oms/export.csv", .handler = oms_export_csv_show, .roles = ROLES_EVERYONE,
	 .fields = {ORG_FILTERS, F(PF_ORGS_SORT)}},
	{.method = "GET", .path = "/oms/export.xlsx", .handler = oms_export_xlsx_show, .roles = ROLES_EVERYONE,
	 .fields = {ORG_FILTERS, F(PF_ORGS_SORT)}},
	{.method = "GET", .path = "/oms/export.json", .handler = oms_export_json_show, .roles = ROLES_EVERYONE,
	 .fields = {ORG_FILTERS, F(PF_ORGS_SORT)}},
	{.method = "GET", .path = "/api", .handler = api_show, .roles = ROLES_EVERYONE},
	{.method = "GET", .path = "/api/v1/lists", .handler = api_rms_lists_show, .roles = ROLES_EVERYONE,
	 .fields = {F(PF_PAGE), F(PF_API_SIZE)}},
	{.method = "GET", .path = "/api/v1/lists/{listId}", .handler = api_rms_list_show, .roles = ROLES_EVERYONE},
	{.method = "GET", .path = "/api/v1/lists/{listId}/terms", .handler = api_rms_list_terms_show,
	 .roles = ROLES_EVERYONE,
	 .fields = {F(PF_PAGE), F(PF_API_SIZE), F(PF_STATUS), F(PF_DOMAIN), F(PF_API_PARENT), F(PF_MODIFIED_SINCE),
		    F(PF_API_SORT)}},
	{.method = "GET", .path = "/api/v1/fhir/CodeSystem", .handler = api_rms_search_terms_show,
	 .roles = ROLES_EVERYONE, .fields = {LIST_FILTERS, F(PF_LIST), F(PF_PAGE), F(PF_API_SIZE)},
	 .required = {F(PF_Q)}},
	{.method = "GET", .path = "/api/v1/fhir/CodeSystem/{listId}", .handler = rms_export_fhir_show,
	 .roles = ROLES_EVERYONE, .fields = {LIST_FILTERS}},
	{.method = "GET", .path = "/api/v1/terms/{termId}", .handler = api_rms_term_show, .roles = ROLES_EVERYONE},
	{.method = "GET", .path = "/api/v1/search/terms", .handler = api_rms_search_terms_show, .roles = ROLES_EVERYONE,
	 .fields = {LIST_FILTERS, F(PF_LIST), F(PF_PAGE), F(PF_API_SIZE)}, .required = {F(PF_Q)}},
	{.method = "GET", .path = "/api/v1/organisations", .handler = api_oms_orgs_show, .roles = ROLES_EVERYONE,
	 .fields = {ORG_FILTERS, F(PF_ORGS_SORT), F(PF_PAGE), F(PF_API_SIZE)}},
	{.method = "GET", .path = "/api/v1/organisations/{orgId}", .handler = api_oms_org_show,
	 .roles = ROLES_EVERYONE},
	{.method = "GET", .path = "/api/v1/locations/{locId}", .handler = api_oms_location_show,
	 .roles = ROLES_EVERYONE},
	{.method = "GET", .path = "/api/v1/fhir/Organization", .handler = api_oms_orgs_show, .roles = ROLES_EVERYONE,
	 .fields = {ORG_FILTERS, F(PF_ORGS_SORT), F(PF_PAGE), F(PF_API_SIZE)}},
	{.method = "GET", .path = "/api/v1/fhir/Organization/{orgId}", .handler = api_oms_org_show,
	 .roles = ROLES_EVERYONE},
	{.method = "GET", .path = "/api/v1/fhir/Location/{locId}", .handler = api_oms_location_show,
	 .roles = ROLES_EVERYONE},
	{.method = "GET", .path = "/v1/lists", .handler = api_v1_lists_show, .roles = ROLES_EVERYONE,
	 .fields = {F(PF_PAGE), F(PF_PAGESIZE)}},
	{.method = "GET", .path = "/v1/lists/{listId}/terms/{termId}", .handler = api_v1_detail_term_show,
	 .roles = ROLES_EVERYONE},
	{.method = "GET", .path = "/v1/organisations/{orgId}", .handler = api_v1_detail_organisation_show,
	 .roles = ROLES_EVERYONE},
	{.method = "GET", .path = "/v1/locations/{locId}", .handler = api_v1_detail_location_show,
	 .roles = ROLES_EVERYONE},
	{.method = "POST", .path = "/api/v1/check", .handler = api_check_submit, .roles = ROLES_EVERYONE,
	 .auth = AUTH_NONE, .body_max = CHECK_BODY_MAX},
	{.method = "GET", .path = "/tools/check", .handler = tools_check_form, .roles = ROLES_EVERYONE},
	{.method = "POST", .path = "/tools/check", .handler = tools_check_submit, .roles = ROLES_EVERYONE,
	 .fields = {F(PF_CHECK_IDS), F(PF_CHECK_FILE), F(PF_CHECK_FORMAT)}, .auth = AUTH_NONE,
	 .body_max = CHECK_BODY_MAX},
	{.method = "GET", .path = "/v1/lists/{listId}/term-summaries", .handler = api_v1_term_summaries_show,
	 .roles = ROLES_EVERYONE, .fields = {F(PF_PAGE), F(PF_PAGESIZE), F(PF_PARENT), F(PF_SORTBY)}},
};

static const struct router router = {
	.routes = routes,
	.nroutes = sizeof routes / sizeof routes[0],
	.fields = fields,
	.nfields = PF__COUNT,
	.global_fields = {F(PF_LANG), F(PF_DATA_LANG)},
};

const struct app_def public_app = {
	.name = "spor-public",
	.db_role = "public",
	.router = &router,
	.body_max = 16 * 1024,
	.reads_replica = true,
	.render_error = api_error, /* the API's errors are JSON */
	.read_document = api_read_document,
};
