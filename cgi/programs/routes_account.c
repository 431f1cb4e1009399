/* spor-account's routes: registration, sign-in and what a signed-in user
 * does (DB user spor_app). */
#include "config.h"

#include "account/account.h"
#include "programs/fields_account.h"
#include "programs/handlers_account.h"
#include "programs/routes.h"

static const char *const ui_langs[] = {"en", "fr", "de", NULL};
static const char *const date_formats[] = {"iso", "dmy", "long", NULL};
static const char *const switches[] = {"on", NULL};
static const char *const kinds[] = {"list", "organisation", NULL};
static const char *const actions[] = {"add", "remove", NULL};
static const char *const saved[] = {"preferences", "password", "requested", "withdrawn", "saved", "submitted",
				    "commented", "two_factor_off", "session_ended", "sessions_ended", NULL};
static const char *const term_statuses[] = {"PROVISIONAL", "CURRENT", "NON_CURRENT", "NULLIFIED", NULL};
static const char *const steps[] = {"preview", "save", "submit", NULL};
static const char *const changes[] = {"list", NULL};
static const char *const oms_statuses[] = {"PROVISIONAL", "ACTIVE", "INACTIVE", "DELETED", NULL};
static const char *const cr_statuses[] = {"SAVED",    "SUBMITTED",   "VALID",	 "INVALID",   "RETURNED",
					  "APPROVED", "APPROVED_WC", "REJECTED", "WITHDRAWN", NULL};
/* The roles held for an organisation, which users may ask for. */
static const char *const org_roles[] = {"INDUSTRY_USER", "INDUSTRY_SUPER_USER", "NCA_USER", NULL};

/* Passwords are not trimmed and may be long enough to get the friendly
 * "at most 128 characters" rather than a 400. */
static const struct field fields[AF__COUNT] = {
	[AF_LANG] = FIELD_LANG,
	[AF_NEXT] = {"next", FT_PATH, 0, 2000, NULL},
	[AF_NAME] = {"name", FT_TEXT, 0, 200, NULL},
	[AF_EMAIL] = {"email", FT_EMAIL, 0, 254, NULL},
	[AF_PASSWORD] = {"password", FT_SECRET, 0, 1024, NULL},
	[AF_PASSWORD_CONFIRM] = {"password_confirm", FT_SECRET, 0, 1024, NULL},
	[AF_CURRENT] = {"current_password", FT_SECRET, 0, 1024, NULL},
	[AF_TOKEN] = {"token", FT_TOKEN, 0, 0, NULL},
	[AF_UI_LANG] = {"ui_lang", FT_ENUM, 0, 0, ui_langs},
	[AF_DATA_LANG] = {"data_lang", FT_LANG, 0, 0, NULL},
	[AF_PAGE_SIZE] = {"page_size", FT_INT, 10, 500, NULL},
	[AF_DATE_FORMAT] = {"date_format", FT_ENUM, 0, 0, date_formats},
	[AF_NOTIFY_REQUESTS] = {"notify_requests", FT_ENUM, 0, 0, switches},
	[AF_NOTIFY_FOLLOWING] = {"notify_following", FT_ENUM, 0, 0, switches},
	[AF_NOTIFY_QUEUE] = {"notify_queue", FT_ENUM, 0, 0, switches},
	[AF_KIND] = {"kind", FT_ENUM, 0, 0, kinds},
	[AF_REF] = {"ref", FT_TEXT, 0, 13, NULL},
	[AF_ACTION] = {"action", FT_ENUM, 0, 0, actions},
	[AF_SAVED] = {"saved", FT_ENUM, 0, 0, saved},
	[AF_Q] = {"q", FT_TEXT, 0, 200, NULL},
	[AF_ORG] = {"org", FT_ORGID, 0, 0, NULL},
	[AF_ROLE] = {"role", FT_ENUM, 0, 0, org_roles},
	[AF_JUSTIFICATION] = {"justification", FT_LINES, 0, 2000, NULL},
	[AF_DOCUMENT] = {"document", FT_FILE, 0, 200, NULL},
	[AF_REQUEST_ID] = {"requestId", FT_INT, 1, 999999999999, NULL},
	[AF_LIST_ID] = {"listId", FT_ID12, 0, 0, NULL},
	[AF_TERM_ID] = {"termId", FT_ID12, 0, 0, NULL},
	[AF_TEXT_LANG] = {"text_lang", FT_LANG, 0, 0, NULL},
	[AF_TERM_NAME] = {"term_name", FT_TEXT, 0, 1000, NULL},
	[AF_SHORT_NAME] = {"short_name", FT_TEXT, 0, 200, NULL},
	[AF_DESCRIPTION] = {"description", FT_LINES, 0, 4000, NULL},
	[AF_TERM_STATUS] = {"term_status", FT_ENUM, 0, 0, term_statuses},
	[AF_PARENT] = {"parent", FT_ID12, 0, 0, NULL},
	[AF_REPLACED_BY] = {"replaced_by", FT_ID12, 0, 0, NULL},
	[AF_STEP] = {"step", FT_ENUM, 0, 0, steps},
	[AF_COMMENT] = {"comment", FT_LINES, 0, 4000, NULL},
	[AF_CR_STATUS] = {"status", FT_ENUM, 0, 0, cr_statuses},
	[AF_CHANGE] = {"change", FT_ENUM, 0, 0, changes},
	[AF_ORG_ID] = {"orgId", FT_ORGID, 0, 0, NULL},
	[AF_LOCATION] = {"location", FT_TEXT, 0, 13, NULL},
	[AF_ORG_NAME] = {"org_name", FT_TEXT, 0, 500, NULL},
	[AF_ACRONYM] = {"acronym", FT_TEXT, 0, 100, NULL},
	[AF_ORG_TYPE] = {"org_type", FT_TEXT, 0, 100, NULL},
	[AF_OMS_STATUS] = {"oms_status", FT_ENUM, 0, 0, oms_statuses},
	[AF_ADDRESS] = {"address", FT_LINES, 0, 1000, NULL},
	[AF_POSTAL] = {"postal_code", FT_TEXT, 0, 40, NULL},
	[AF_CITY] = {"city", FT_TEXT, 0, 200, NULL},
	[AF_REGION] = {"region", FT_TEXT, 0, 200, NULL},
	[AF_COUNTRY] = {"country", FT_COUNTRY, 0, 0, NULL},
	[AF_PHONE] = {"phone", FT_TEXT, 0, 60, NULL},
	[AF_CODE] = {"code", FT_TEXT, 0, 40, NULL},
	/* An organisation's data, not an identity: no route takes both "email" fields. */
	[AF_ORG_EMAIL] = {"email", FT_CONTACT_EMAIL, 0, 254, NULL},
	/* A session's public ID: a token's form, never a token (sessions.public_id). */
	[AF_SESSION_ID] = {"sessionId", FT_TOKEN, 0, 0, NULL},
};

#define NEW_PASSWORD (F(AF_PASSWORD) | F(AF_PASSWORD_CONFIRM))
#define ORG_CHANGE                                                                                                  \
	(F(AF_ORG_NAME) | F(AF_ACRONYM) | F(AF_ORG_TYPE) | F(AF_OMS_STATUS) | F(AF_ADDRESS) | F(AF_POSTAL) |       \
	 F(AF_CITY) | F(AF_REGION) | F(AF_COUNTRY) | F(AF_ORG_EMAIL) | F(AF_PHONE) | F(AF_JUSTIFICATION) | F(AF_STEP) | \
	 F(AF_LOCATION) | F(AF_DOCUMENT))
#define TERM_CHANGE                                                                                                 \
	(F(AF_TERM_NAME) | F(AF_SHORT_NAME) | F(AF_DESCRIPTION) | F(AF_TERM_STATUS) | F(AF_PARENT) |                \
	 F(AF_REPLACED_BY) | F(AF_JUSTIFICATION) | F(AF_STEP) | F(AF_TEXT_LANG) | F(AF_DOCUMENT))
#define PREFERENCES                                                                                                 \
	(F(AF_UI_LANG) | F(AF_DATA_LANG) | F(AF_PAGE_SIZE) | F(AF_DATE_FORMAT) | F(AF_NOTIFY_REQUESTS) |            \
	 F(AF_NOTIFY_FOLLOWING) | F(AF_NOTIFY_QUEUE))

static const struct route routes[] = {
	{"GET", "/login", login_form, ROLES_EVERYONE, F(AF_NEXT)},
	{"POST", "/login", login_submit, ROLES_EVERYONE, F(AF_NEXT) | F(AF_EMAIL) | F(AF_PASSWORD)},
	{"GET", "/login/two-factor", login_code_form, ROLES_EVERYONE, F(AF_NEXT)},
	{"POST", "/login/two-factor", login_code_submit, ROLES_EVERYONE, F(AF_NEXT) | F(AF_CODE)},
	{"POST", "/logout", logout_submit, ROLES_EVERYONE, 0},
	{"GET", "/register", register_form, ROLES_EVERYONE, 0},
	{"POST", "/register", register_submit, ROLES_EVERYONE, F(AF_NAME) | F(AF_EMAIL) | NEW_PASSWORD},
	{"GET", "/register/verify", verify_form, ROLES_EVERYONE, F(AF_TOKEN)},
	{"POST", "/register/verify", verify_submit, ROLES_EVERYONE, F(AF_TOKEN)},
	{"GET", "/password/forgot", forgot_form, ROLES_EVERYONE, 0},
	{"POST", "/password/forgot", forgot_submit, ROLES_EVERYONE, F(AF_EMAIL)},
	{"GET", "/password/reset", reset_form, ROLES_EVERYONE, F(AF_TOKEN)},
	{"POST", "/password/reset", reset_submit, ROLES_EVERYONE, F(AF_TOKEN) | NEW_PASSWORD},
	{"GET", "/account", account_show, ROLES_SIGNED_IN, F(AF_SAVED)},
	{"GET", "/account/preferences", prefs_form, ROLES_SIGNED_IN, F(AF_SAVED)},
	{"POST", "/account/preferences", prefs_submit, ROLES_SIGNED_IN, PREFERENCES},
	{"POST", "/account/favourites", favourite_submit, ROLES_SIGNED_IN,
	 F(AF_KIND) | F(AF_REF) | F(AF_ACTION) | F(AF_NEXT)},
	{"GET", "/account/password", password_form, ROLES_SIGNED_IN, 0},
	{"POST", "/account/password", password_submit, ROLES_SIGNED_IN, F(AF_CURRENT) | NEW_PASSWORD},
	{"GET", "/account/roles", roles_page, ROLES_SIGNED_IN, F(AF_Q) | F(AF_ORG) | F(AF_SAVED)},
	{"POST", "/account/roles", role_request_submit, ROLES_SIGNED_IN,
	 F(AF_ORG) | F(AF_ROLE) | F(AF_JUSTIFICATION) | F(AF_DOCUMENT)},
	{"POST", "/account/roles/{requestId}/withdraw", role_request_withdraw, ROLES_SIGNED_IN, 0},
	{"GET", "/account/roles/{requestId}/document", role_request_document, ROLES_SIGNED_IN, 0},
	{"GET", "/rms/requests/new", cr_new_list_form, ROLES_SIGNED_IN, 0},
	{"POST", "/rms/requests/new", cr_new_list_post, ROLES_SIGNED_IN, TERM_CHANGE},
	{"GET", "/rms/lists/{listId}/requests/new", cr_new_term_form, ROLES_SIGNED_IN, F(AF_CHANGE)},
	{"POST", "/rms/lists/{listId}/requests/new", cr_new_term_post, ROLES_SIGNED_IN, TERM_CHANGE | F(AF_CHANGE)},
	{"GET", "/rms/terms/{termId}/requests/new", cr_term_form, ROLES_SIGNED_IN, F(AF_TEXT_LANG)},
	{"POST", "/rms/terms/{termId}/requests/new", cr_term_post, ROLES_SIGNED_IN, TERM_CHANGE},
	{"GET", "/oms/requests/new", cr_org_new_form, ROLES_SIGNED_IN, 0},
	{"POST", "/oms/requests/new", cr_org_new_post, ROLES_SIGNED_IN, ORG_CHANGE},
	{"GET", "/oms/organisations/{orgId}/requests/new", cr_org_form, ROLES_SIGNED_IN, F(AF_LOCATION)},
	{"POST", "/oms/organisations/{orgId}/requests/new", cr_org_post, ROLES_SIGNED_IN, ORG_CHANGE},
	{"GET", "/account/requests", my_requests, ROLES_SIGNED_IN, F(AF_CR_STATUS) | F(AF_SAVED)},
	{"GET", "/account/requests/{requestId}", my_request, ROLES_SIGNED_IN, F(AF_SAVED)},
	{"POST", "/account/requests/{requestId}", my_request_edit, ROLES_SIGNED_IN, TERM_CHANGE | ORG_CHANGE},
	{"POST", "/account/requests/{requestId}/withdraw", my_request_withdraw, ROLES_SIGNED_IN, 0},
	{"POST", "/account/requests/{requestId}/comments", my_request_comment, ROLES_SIGNED_IN, F(AF_COMMENT)},
	{"GET", "/account/requests/{requestId}/document", my_request_document, ROLES_SIGNED_IN, 0},
	{"GET", "/account/two-factor", twofactor_page, ROLES_SIGNED_IN, 0},
	{"POST", "/account/two-factor", twofactor_enable, ROLES_SIGNED_IN, F(AF_CODE)},
	{"POST", "/account/two-factor/disable", twofactor_disable, ROLES_SIGNED_IN, F(AF_CURRENT) | F(AF_CODE)},
	{"POST", "/account/two-factor/recovery-codes", twofactor_renew_codes, ROLES_SIGNED_IN, F(AF_CURRENT) | F(AF_CODE)},
	{"GET", "/account/sessions", sessions_page, ROLES_SIGNED_IN, F(AF_SAVED)},
	{"POST", "/account/sessions", sessions_end_others, ROLES_SIGNED_IN, F(AF_CURRENT)},
	{"GET", "/account/sessions/{sessionId}", session_show, ROLES_SIGNED_IN, 0},
	{"POST", "/account/sessions/{sessionId}", session_end_submit, ROLES_SIGNED_IN, F(AF_CURRENT)},
	{"GET", "/account/delete", delete_form, ROLES_SIGNED_IN, 0},
	{"POST", "/account/delete", delete_submit, ROLES_SIGNED_IN, F(AF_CURRENT)},
};

static const struct router router = {routes, sizeof routes / sizeof routes[0], fields, AF__COUNT, F(AF_LANG)};

const struct app_def account_app = {
	.name = "spor-account",
	.db_role = "account",
	.router = &router,
	.body_max = 64 * 1024,
	.upload_max = 11 * 1024 * 1024,
	.writes_sessions = true,
	.worker_start = account_worker_start,
};
