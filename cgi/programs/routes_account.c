/* spor-account's routes: registration, sign-in and what a signed-in user
 * does (DB user spor_app). */
#include "config.h"

#include "account/access_token.h"
#include "account/account.h"
#include "account/cr.h"
#include "account/cr_fields.h"
#include "api/api.h"
#include "programs/fields_account.h"
#include "programs/handlers_account.h"
#include "programs/routes.h"

static const char *const ui_langs[] = {"en", "fr", "de", NULL};
static const char *const date_formats[] = {"iso", "dmy", "long", NULL};
static const char *const switches[] = {"on", NULL};
static const char *const kinds[] = {"list", "organisation", NULL};
static const char *const actions[] = {"add", "remove", NULL};
static const char *const saved[] = {"preferences", "password", "requested", "withdrawn", "saved", "submitted",
				    "commented", "two_factor_off", "session_ended", "sessions_ended", "signed_out",
				    "token_created", "token_revoked", NULL};
static const char *const cr_types[] = {"ADD-TERM", "UPD-TERM", "TRANSLATION", "ADD-LIST", "UPD-LIST",
				       "ADD-ORG",  "UPD-ORG",  "ADD-LOC",     "UPD-LOC",  NULL};
/* What a form refused because the state had changed (http_refused). */
static const char *const refusals[] = {"transition", "not_pending", NULL};
static const char *const steps[] = {"preview", "save", "submit", NULL};
static const char *const changes[] = {"list", NULL};
static const char *const seen[] = {"1", NULL};
static const char *const cr_statuses[] = {"SAVED",    "SUBMITTED",   "VALID",	 "INVALID",   "RETURNED",
					  "APPROVED", "APPROVED_WC", "REJECTED", "WITHDRAWN", NULL};
/* The roles held for an organisation, which users may ask for. */
static const char *const org_roles[] = {"INDUSTRY_USER", "INDUSTRY_SUPER_USER", "NCA_USER", NULL};

#define PROPOSAL_FIELD(id, ...) CR_FORM_FIELD_ENTRY(AF_PROPOSAL, id, __VA_ARGS__)

/* Passwords are not trimmed and may be long enough to get the friendly
 * "at most 128 characters" rather than a 400. */
static const struct field fields[AF__COUNT] = {
	[AF_LANG] = FIELD_LANG,
	[AF_NEXT] = {.name = "next", .type = FT_PATH, .max = NEXT_MAX},
	[AF_NAME] = {.name = "name", .type = FT_TEXT, .max = 200},
	[AF_EMAIL] = {.name = "email", .type = FT_EMAIL, .max = 254},
	[AF_PASSWORD] = {.name = "password", .type = FT_SECRET, .max = 1024},
	[AF_PASSWORD_CONFIRM] = {.name = "password_confirm", .type = FT_SECRET, .max = 1024},
	[AF_CURRENT] = {.name = "current_password", .type = FT_SECRET, .max = 1024},
	[AF_TOKEN] = {.name = "token", .type = FT_TOKEN},
	[AF_UI_LANG] = {.name = "ui_lang", .type = FT_ENUM, .choices = ui_langs},
	[AF_DATA_LANG] = FIELD_DATA_LANG,
	[AF_PAGE_SIZE] = {.name = "page_size", .type = FT_INT, .min = 10, .max = 500},
	[AF_DATE_FORMAT] = {.name = "date_format", .type = FT_ENUM, .choices = date_formats},
	[AF_NOTIFY_REQUESTS] = {.name = "notify_requests", .type = FT_ENUM, .choices = switches},
	[AF_NOTIFY_FOLLOWING] = {.name = "notify_following", .type = FT_ENUM, .choices = switches},
	[AF_NOTIFY_QUEUE] = {.name = "notify_queue", .type = FT_ENUM, .choices = switches},
	[AF_KIND] = {.name = "kind", .type = FT_ENUM, .choices = kinds},
	[AF_REF] = {.name = "ref", .type = FT_TEXT, .max = 13},
	[AF_ACTION] = {.name = "action", .type = FT_ENUM, .choices = actions},
	[AF_SAVED] = {.name = "saved", .type = FT_ENUM, .choices = saved},
	[AF_REFUSED] = {.name = "refused", .type = FT_ENUM, .choices = refusals},
	[AF_Q] = {.name = "q", .type = FT_TEXT, .max = 200},
	[AF_ORG] = {.name = "org", .type = FT_ORGID},
	[AF_ROLE] = {.name = "role", .type = FT_ENUM, .choices = org_roles},
	[AF_JUSTIFICATION] = {.name = "justification", .type = FT_LINES, .max = 2000},
	[AF_DOCUMENT] = {.name = "document", .type = FT_FILE, .max = 200},
	[AF_REQUEST_ID] = {.name = "requestId", .type = FT_INT, .min = 1, .max = 999999999999},
	[AF_LIST_ID] = {.name = "listId", .type = FT_ID12},
	[AF_TERM_ID] = {.name = "termId", .type = FT_ID12},
	[AF_TEXT_LANG] = {.name = "text_lang", .type = FT_LANG},
	[AF_STEP] = {.name = "step", .type = FT_ENUM, .choices = steps},
	[AF_COMMENT] = {.name = "comment", .type = FT_LINES, .max = 4000},
	[AF_CR_STATUS] = {.name = "status", .type = FT_ENUM, .choices = cr_statuses},
	[AF_CHANGE] = {.name = "change", .type = FT_ENUM, .choices = changes},
	[AF_ORG_ID] = {.name = "orgId", .type = FT_ORGID},
	[AF_LOCATION] = {.name = "location", .type = FT_TEXT, .max = 13},
	[AF_CODE] = {.name = "code", .type = FT_TEXT, .max = 40},
	/* A session's public ID: a token's form, never a token (sessions.public_id). */
	[AF_SESSION_ID] = {.name = "sessionId", .type = FT_TOKEN},
	[AF_SIMILAR_SEEN] = {.name = "similar_seen", .type = FT_ENUM, .choices = seen},
	/* A new access token's, as sporctl checks them (access_token.h). */
	[AF_TOKEN_NAME] = ACCESS_TOKEN_NAME_FIELD,
	[AF_SCOPE] = ACCESS_TOKEN_SCOPE_FIELD,
	[AF_EXPIRES_DAYS] = ACCESS_TOKEN_DAYS_FIELD,
	[AF_TOKEN_ID] = {.name = "tokenId", .type = FT_INT, .min = 1, .max = 999999999999},
	[AF_CR_TYPE] = {.name = "type", .type = FT_ENUM, .choices = cr_types},
	[AF_PAGE] = {.name = "page", .type = FT_INT, .min = 1, .max = 1000000},
	[AF_SIZE] = {.name = "size", .type = FT_INT, .min = 1, .max = API_MAX_SIZE},
	[AF_TARGET] = {.name = "target", .type = FT_TEXT, .max = 13},
	/* The proposal's fields.  Its "email" is an organisation's, data and
	 * not an identity: no route takes both "email" fields. */
	CR_FORM_FIELDS(PROPOSAL_FIELD)
};
_Static_assert(AF__COUNT - AF_PROPOSAL == CR_FORM__COUNT, "AF_PROPOSAL's block holds every field of CR_FORM_FIELDS");

#define NEW_PASSWORD F(AF_PASSWORD), F(AF_PASSWORD_CONFIRM)
#define PREFERENCES                                                                                                 \
	F(AF_UI_LANG), F(AF_DATA_LANG), F(AF_PAGE_SIZE), F(AF_DATE_FORMAT), F(AF_NOTIFY_REQUESTS),                  \
		F(AF_NOTIFY_FOLLOWING), F(AF_NOTIFY_QUEUE)
/* A proposal's data (every field of CR_FORM_FIELDS: the request's type
 * chooses those it reads), and what every proposal carries: why, its
 * step, a document. */
#define PROPOSAL_SET(id, ...) F(AF_PROPOSAL + CR_F_##id),
#define PROPOSAL CR_FORM_FIELDS(PROPOSAL_SET) F(AF_JUSTIFICATION), F(AF_STEP), F(AF_DOCUMENT)

/* A POST marked `form` shows a missing required field on its form, where
 * its handler checks it (page_missing); any other answers 400. */
static const struct route routes[] = {
	{.method = "GET", .path = "/login", .handler = account_login_form, .roles = ROLES_EVERYONE,
	 .fields = {F(AF_NEXT), F(AF_SAVED)}},
	{.method = "POST", .path = "/login", .handler = account_login_submit, .roles = ROLES_EVERYONE,
	 .fields = {F(AF_NEXT), F(AF_EMAIL), F(AF_PASSWORD)}, .required = {F(AF_EMAIL), F(AF_PASSWORD)}, .form = true},
	{.method = "GET", .path = "/login/two-factor", .handler = account_login_twofactor_form, .roles = ROLES_EVERYONE,
	 .fields = {F(AF_NEXT)}},
	{.method = "POST", .path = "/login/two-factor", .handler = account_login_twofactor_submit,
	 .roles = ROLES_EVERYONE, .fields = {F(AF_NEXT), F(AF_CODE)}, .required = {F(AF_CODE)}, .form = true},
	{.method = "POST", .path = "/logout", .handler = account_login_logout_submit, .roles = ROLES_EVERYONE},
	{.method = "GET", .path = "/register", .handler = account_register_form, .roles = ROLES_EVERYONE},
	{.method = "POST", .path = "/register", .handler = account_register_submit, .roles = ROLES_EVERYONE,
	 .fields = {F(AF_NAME), F(AF_EMAIL), NEW_PASSWORD}, .required = {F(AF_NAME), F(AF_EMAIL)}, .form = true},
	{.method = "GET", .path = "/register/verify", .handler = account_register_verify_form, .roles = ROLES_EVERYONE,
	 .fields = {F(AF_TOKEN)}},
	{.method = "POST", .path = "/register/verify", .handler = account_register_verify_submit,
	 .roles = ROLES_EVERYONE, .fields = {F(AF_TOKEN)}},
	{.method = "GET", .path = "/password/forgot", .handler = account_password_forgot_form, .roles = ROLES_EVERYONE},
	{.method = "POST", .path = "/password/forgot", .handler = account_password_forgot_submit,
	 .roles = ROLES_EVERYONE, .fields = {F(AF_EMAIL)}, .required = {F(AF_EMAIL)}, .form = true},
	{.method = "GET", .path = "/password/reset", .handler = account_password_reset_form, .roles = ROLES_EVERYONE,
	 .fields = {F(AF_TOKEN)}},
	{.method = "POST", .path = "/password/reset", .handler = account_password_reset_submit, .roles = ROLES_EVERYONE,
	 .fields = {F(AF_TOKEN), NEW_PASSWORD}},
	{.method = "GET", .path = "/account", .handler = account_home_show, .roles = ROLES_SIGNED_IN,
	 .fields = {F(AF_SAVED)}},
	{.method = "GET", .path = "/account/preferences", .handler = account_prefs_form, .roles = ROLES_SIGNED_IN,
	 .fields = {F(AF_SAVED)}},
	{.method = "POST", .path = "/account/preferences", .handler = account_prefs_submit, .roles = ROLES_SIGNED_IN,
	 .fields = {PREFERENCES}},
	{.method = "GET", .path = "/account/language", .handler = account_prefs_language_show,
	 .roles = ROLES_SIGNED_IN, .fields = {F(AF_NEXT), F(AF_DATA_LANG)}},
	{.method = "POST", .path = "/account/favourites", .handler = account_prefs_favourites_submit,
	 .roles = ROLES_SIGNED_IN, .fields = {F(AF_KIND), F(AF_REF), F(AF_ACTION), F(AF_NEXT)},
	 .required = {F(AF_KIND), F(AF_ACTION)}},
	{.method = "GET", .path = "/account/password", .handler = account_password_form, .roles = ROLES_SIGNED_IN},
	{.method = "POST", .path = "/account/password", .handler = account_password_submit, .roles = ROLES_SIGNED_IN,
	 .fields = {F(AF_CURRENT), NEW_PASSWORD}},
	{.method = "GET", .path = "/account/roles", .handler = account_roles_form, .roles = ROLES_SIGNED_IN,
	 .fields = {F(AF_Q), F(AF_ORG), F(AF_SAVED), F(AF_REFUSED)}},
	{.method = "POST", .path = "/account/roles", .handler = account_roles_submit, .roles = ROLES_SIGNED_IN,
	 .fields = {F(AF_ORG), F(AF_ROLE), F(AF_JUSTIFICATION), F(AF_DOCUMENT)}},
	{.method = "POST", .path = "/account/roles/{requestId}/withdraw", .handler = account_roles_withdraw_submit,
	 .roles = ROLES_SIGNED_IN},
	{.method = "GET", .path = "/account/roles/{requestId}/document", .handler = account_roles_document_show,
	 .roles = ROLES_SIGNED_IN},
	{.method = "GET", .path = "/rms/requests/new", .handler = account_requests_new_list_form,
	 .roles = ROLES_SIGNED_IN},
	{.method = "POST", .path = "/rms/requests/new", .handler = account_requests_new_list_submit,
	 .roles = ROLES_SIGNED_IN, .fields = {PROPOSAL, F(AF_TEXT_LANG)}},
	{.method = "GET", .path = "/rms/lists/{listId}/requests/new", .handler = account_requests_new_term_form,
	 .roles = ROLES_SIGNED_IN, .fields = {F(AF_CHANGE)}},
	{.method = "POST", .path = "/rms/lists/{listId}/requests/new", .handler = account_requests_new_term_submit,
	 .roles = ROLES_SIGNED_IN, .fields = {PROPOSAL, F(AF_CHANGE)}},
	{.method = "GET", .path = "/rms/terms/{termId}/requests/new", .handler = account_requests_term_form,
	 .roles = ROLES_SIGNED_IN, .fields = {F(AF_TEXT_LANG)}},
	{.method = "POST", .path = "/rms/terms/{termId}/requests/new", .handler = account_requests_term_submit,
	 .roles = ROLES_SIGNED_IN, .fields = {PROPOSAL, F(AF_TEXT_LANG)}},
	{.method = "GET", .path = "/oms/requests/new", .handler = account_requests_new_org_form,
	 .roles = ROLES_SIGNED_IN},
	{.method = "POST", .path = "/oms/requests/new", .handler = account_requests_new_org_submit,
	 .roles = ROLES_SIGNED_IN, .fields = {PROPOSAL, F(AF_LOCATION), F(AF_SIMILAR_SEEN)}},
	{.method = "GET", .path = "/oms/organisations/{orgId}/requests/new", .handler = account_requests_org_form,
	 .roles = ROLES_SIGNED_IN, .fields = {F(AF_LOCATION)}},
	{.method = "POST", .path = "/oms/organisations/{orgId}/requests/new", .handler = account_requests_org_submit,
	 .roles = ROLES_SIGNED_IN, .fields = {PROPOSAL, F(AF_LOCATION)}},
	{.method = "GET", .path = "/account/requests", .handler = account_requests_show, .roles = ROLES_SIGNED_IN,
	 .fields = {F(AF_CR_STATUS), F(AF_SAVED)}},
	{.method = "GET", .path = "/account/requests/{requestId}", .handler = account_requests_request_form,
	 .roles = ROLES_SIGNED_IN, .fields = {F(AF_SAVED), F(AF_REFUSED)}},
	{.method = "POST", .path = "/account/requests/{requestId}", .handler = account_requests_request_submit,
	 .roles = ROLES_SIGNED_IN, .fields = {PROPOSAL, F(AF_TEXT_LANG), F(AF_LOCATION)}},
	{.method = "POST", .path = "/account/requests/{requestId}/withdraw",
	 .handler = account_requests_withdraw_submit, .roles = ROLES_SIGNED_IN},
	{.method = "POST", .path = "/account/requests/{requestId}/comments",
	 .handler = account_requests_comments_submit, .roles = ROLES_SIGNED_IN, .fields = {F(AF_COMMENT)},
	 .required = {F(AF_COMMENT)}},
	{.method = "GET", .path = "/account/requests/{requestId}/document", .handler = account_requests_document_show,
	 .roles = ROLES_SIGNED_IN},
	{.method = "GET", .path = "/account/two-factor", .handler = account_twofactor_form, .roles = ROLES_SIGNED_IN},
	{.method = "POST", .path = "/account/two-factor", .handler = account_twofactor_submit, .roles = ROLES_SIGNED_IN,
	 .fields = {F(AF_CODE)}, .required = {F(AF_CODE)}, .form = true},
	{.method = "POST", .path = "/account/two-factor/disable", .handler = account_twofactor_disable_submit,
	 .roles = ROLES_SIGNED_IN, .fields = {F(AF_CURRENT), F(AF_CODE)}, .required = {F(AF_CURRENT), F(AF_CODE)},
	 .form = true},
	{.method = "POST", .path = "/account/two-factor/recovery-codes",
	 .handler = account_twofactor_recovery_codes_submit, .roles = ROLES_SIGNED_IN,
	 .fields = {F(AF_CURRENT), F(AF_CODE)}, .required = {F(AF_CURRENT), F(AF_CODE)}, .form = true},
	{.method = "GET", .path = "/account/sessions", .handler = account_sessions_form, .roles = ROLES_SIGNED_IN,
	 .fields = {F(AF_SAVED)}},
	{.method = "POST", .path = "/account/sessions", .handler = account_sessions_submit, .roles = ROLES_SIGNED_IN,
	 .fields = {F(AF_CURRENT)}, .required = {F(AF_CURRENT)}, .form = true},
	{.method = "GET", .path = "/account/sessions/{sessionId}", .handler = account_sessions_session_form,
	 .roles = ROLES_SIGNED_IN},
	{.method = "POST", .path = "/account/sessions/{sessionId}", .handler = account_sessions_session_submit,
	 .roles = ROLES_SIGNED_IN, .fields = {F(AF_CURRENT)}, .required = {F(AF_CURRENT)}, .form = true},
	{.method = "GET", .path = "/account/tokens", .handler = account_tokens_form, .roles = ROLES_SIGNED_IN,
	 .fields = {F(AF_SAVED)}},
	{.method = "POST", .path = "/account/tokens", .handler = account_tokens_submit, .roles = ROLES_SIGNED_IN,
	 .fields = {F(AF_TOKEN_NAME), F(AF_SCOPE), F(AF_EXPIRES_DAYS), F(AF_CURRENT)},
	 .required = {F(AF_TOKEN_NAME), F(AF_SCOPE), F(AF_EXPIRES_DAYS), F(AF_CURRENT)}, .form = true},
	{.method = "POST", .path = "/account/tokens/{tokenId}/revoke", .handler = account_tokens_revoke_submit,
	 .roles = ROLES_SIGNED_IN},
	{.method = "GET", .path = "/api/v1/change-requests", .handler = account_api_requests_show,
	 .roles = ROLES_SIGNED_IN, .auth = AUTH_BEARER, .scope = SCOPE_READ,
	 .fields = {F(AF_CR_STATUS), F(AF_CR_TYPE), F(AF_PAGE), F(AF_SIZE)}},
	{.method = "POST", .path = "/api/v1/change-requests", .handler = account_api_write_requests_submit,
	 .roles = ROLES_SIGNED_IN, .auth = AUTH_BEARER, .scope = SCOPE_WRITE, .body_max = 256 * 1024,
	 .fields = {PROPOSAL, F(AF_CR_TYPE), F(AF_TARGET), F(AF_TEXT_LANG)}, .required = {F(AF_CR_TYPE)}},
	{.method = "POST", .path = "/api/v1/change-requests:batch", .handler = account_api_batch_requests_submit,
	 .roles = ROLES_SIGNED_IN, .auth = AUTH_BEARER, .scope = SCOPE_WRITE, .body_max = 4 * 1024 * 1024,
	 .reads_document = true},
	{.method = "PATCH", .path = "/api/v1/change-requests/{requestId}", .handler = account_api_write_request_submit,
	 .roles = ROLES_SIGNED_IN, .auth = AUTH_BEARER, .scope = SCOPE_WRITE, .body_max = 256 * 1024,
	 .fields = {PROPOSAL}},
	{.method = "POST", .path = "/api/v1/change-requests/{requestId}/submit", .handler = account_api_write_submit_submit,
	 .roles = ROLES_SIGNED_IN, .auth = AUTH_BEARER, .scope = SCOPE_WRITE},
	{.method = "POST", .path = "/api/v1/change-requests/{requestId}/withdraw",
	 .handler = account_api_write_withdraw_submit, .roles = ROLES_SIGNED_IN, .auth = AUTH_BEARER,
	 .scope = SCOPE_WRITE},
	{.method = "POST", .path = "/api/v1/change-requests/{requestId}/comments",
	 .handler = account_api_write_comments_submit, .roles = ROLES_SIGNED_IN, .auth = AUTH_BEARER,
	 .scope = SCOPE_WRITE, .fields = {F(AF_COMMENT)}, .required = {F(AF_COMMENT)}},
	{.method = "GET", .path = "/api/v1/change-requests/{requestId}", .handler = account_api_request_show,
	 .roles = ROLES_SIGNED_IN, .auth = AUTH_BEARER, .scope = SCOPE_READ},
	{.method = "GET", .path = "/account/delete", .handler = account_home_delete_form, .roles = ROLES_SIGNED_IN},
	{.method = "POST", .path = "/account/delete", .handler = account_home_delete_submit, .roles = ROLES_SIGNED_IN,
	 .fields = {F(AF_CURRENT)}},
};

static const struct router router = {
	.routes = routes,
	.nroutes = sizeof routes / sizeof routes[0],
	.fields = fields,
	.nfields = AF__COUNT,
	.global_fields = {F(AF_LANG)},
};

const struct app_def account_app = {
	.name = "spor-account",
	.db_role = "account",
	.router = &router,
	.body_max = 64 * 1024,
	.upload_max = 11 * 1024 * 1024,
	.writes_sessions = true,
	.worker_start = account_worker_start,
	.render_error = api_error, /* the write API's errors are JSON */
	.read_document = account_api_read_document,
};
