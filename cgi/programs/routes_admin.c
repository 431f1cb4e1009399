/* spor-admin's routes: the console of administrators, data stewards and
 * organisations' super users (DB user spor_admin).  Which organisation's
 * requests and users a super user may see and touch is checked by the
 * handlers (roles_may_decide), route by route and object by object. */
#include "config.h"

#include "account/cr.h"
#include "account/cr_fields.h"
#include "api/api.h"
#include "admin/admin.h"
#include "programs/fields_admin.h"
#include "programs/handlers_admin.h"
#include "programs/routes.h"

static const char *const statuses[] = {"PENDING", "APPROVED", "REJECTED", "WITHDRAWN", "all", NULL};
static const char *const roles[] = {"INDUSTRY_USER", "INDUSTRY_SUPER_USER", "NCA_USER", "TRANSLATOR",
				    "DATA_STEWARD", "ADMINISTRATOR", NULL};
static const char *const ages[] = {"7", "30", "90", NULL};
static const char *const decisions[] = {"approve", "reject", NULL};
static const char *const events[] = {"login", "register", "password", "account", "role", "change", "twofactor", "session",
				     NULL};
static const char *const saved[] = {"decided", "locked",	 "unlocked", "granted",
				    "revoked", "assigned", "moved",	 "commented", NULL};
/* What a form refused because the state had changed (http_refused). */
static const char *const refusals[] = {"transition", "stale",	 "not_pending", "locked",
					 "unlocked",   "self", "revoked",     NULL};
static const char *const cr_statuses[] = {"SUBMITTED", "VALID",	  "INVALID",	"RETURNED",  "APPROVED",
					  "APPROVED_WC", "REJECTED", "WITHDRAWN", "all",	      NULL};
static const char *const services[] = {"rms", "oms", NULL};
static const char *const cr_types[] = {"ADD-TERM", "UPD-TERM", "TRANSLATION", "ADD-LIST", "UPD-LIST",
				       "ADD-ORG",  "UPD-ORG",  "ADD-LOC",     "UPD-LOC",  NULL};
static const char *const yes[] = {"1", NULL};
static const char *const moves[] = {"VALID", "INVALID", "RETURNED", "APPROVED", "APPROVED_WC", "REJECTED", NULL};

#define PROPOSAL_FIELD(id, ...) CR_FORM_FIELD_ENTRY(DF_PROPOSAL, id, __VA_ARGS__)
static const struct field fields[DF__COUNT] = {
	[DF_LANG] = FIELD_LANG,
	[DF_PAGE] = {.name = "page", .type = FT_INT, .min = 1, .max = 100000},
	[DF_SIZE] = {.name = "size", .type = FT_INT, .min = 10, .max = 500},
	[DF_STATUS] = {.name = "status", .type = FT_ENUM, .choices = statuses},
	[DF_ORG] = {.name = "org", .type = FT_ORGID},
	[DF_ROLE] = {.name = "role", .type = FT_ENUM, .choices = roles},
	[DF_AGE] = {.name = "age", .type = FT_ENUM, .choices = ages},
	[DF_REQUEST_ID] = {.name = "requestId", .type = FT_INT, .min = 1, .max = 999999999999},
	[DF_DECISION] = {.name = "decision", .type = FT_ENUM, .choices = decisions},
	[DF_REASON] = {.name = "reason", .type = FT_LINES, .max = 2000},
	[DF_Q] = {.name = "q", .type = FT_TEXT, .max = 200},
	[DF_ACCOUNT_ID] = {.name = "accountId", .type = FT_INT, .min = 1, .max = 999999999999},
	[DF_EVENT] = {.name = "event", .type = FT_ENUM, .choices = events},
	[DF_SAVED] = {.name = "saved", .type = FT_ENUM, .choices = saved},
	[DF_REFUSED] = {.name = "refused", .type = FT_ENUM, .choices = refusals},
	[DF_CR_STATUS] = {.name = "status", .type = FT_ENUM, .choices = cr_statuses},
	[DF_CR_TYPE] = {.name = "type", .type = FT_ENUM, .choices = cr_types},
	[DF_LIST] = {.name = "list", .type = FT_ID12},
	[DF_MINE] = {.name = "mine", .type = FT_ENUM, .choices = yes},
	[DF_TO] = {.name = "to", .type = FT_ENUM, .choices = moves},
	[DF_COMMENT] = {.name = "comment", .type = FT_LINES, .max = 2000},
	[DF_SERVICE] = {.name = "service", .type = FT_ENUM, .choices = services},
	[DF_DRAFT] = {.name = "draft", .type = FT_ENUM, .choices = yes},
	[DF_SINCE] = {.name = "since", .type = FT_DATE},
	[DF_UNTIL] = {.name = "until", .type = FT_DATE},
	CR_FORM_FIELDS(PROPOSAL_FIELD)
};
_Static_assert(DF__COUNT - DF_PROPOSAL == CR_FORM__COUNT, "DF_PROPOSAL's block holds every field of CR_FORM_FIELDS");

#define CONSOLE (ROLE_ADMIN | ROLE_STEWARD | ROLE_SUPER)
#define DECIDERS (ROLE_ADMIN | ROLE_SUPER)
#define PAGED F(DF_PAGE), F(DF_SIZE)
#define STEWARDS (ROLE_ADMIN | ROLE_STEWARD)
/* An approval with changes: every field of a proposal (the request's type
 * chooses those it reads). */
#define PROPOSAL_SET(id, ...) F(DF_PROPOSAL + CR_F_##id),
#define PROPOSAL CR_FORM_FIELDS(PROPOSAL_SET)

static const struct route routes[] = {
	{.method = "GET", .path = "/admin", .handler = admin_home_show, .roles = CONSOLE},
	{.method = "GET", .path = "/admin/role-requests", .handler = admin_requests_show, .roles = DECIDERS,
	 .fields = {PAGED, F(DF_STATUS), F(DF_ORG), F(DF_ROLE), F(DF_AGE), F(DF_SAVED)}},
	{.method = "GET", .path = "/admin/role-requests/{requestId}", .handler = admin_requests_request_show,
	 .roles = DECIDERS, .fields = {F(DF_REFUSED)}},
	{.method = "GET", .path = "/admin/role-requests/{requestId}/document", .handler = admin_requests_document_show,
	 .roles = DECIDERS},
	{.method = "POST", .path = "/admin/role-requests/{requestId}/decision",
	 .handler = admin_requests_decision_submit, .roles = DECIDERS, .fields = {F(DF_DECISION), F(DF_REASON)},
	 .required = {F(DF_DECISION)}},
	{.method = "GET", .path = "/admin/users", .handler = admin_users_show, .roles = DECIDERS,
	 .fields = {PAGED, F(DF_Q), F(DF_ORG), F(DF_ROLE)}},
	{.method = "GET", .path = "/admin/users/{accountId}", .handler = admin_users_user_show, .roles = DECIDERS,
	 .fields = {F(DF_SAVED), F(DF_REFUSED)}},
	{.method = "POST", .path = "/admin/users/{accountId}/lock", .handler = admin_users_lock_submit,
	 .roles = ROLE_ADMIN},
	{.method = "POST", .path = "/admin/users/{accountId}/unlock", .handler = admin_users_unlock_submit,
	 .roles = ROLE_ADMIN},
	{.method = "POST", .path = "/admin/users/{accountId}/roles", .handler = admin_users_roles_submit,
	 .roles = ROLE_ADMIN, .fields = {F(DF_ROLE)}, .required = {F(DF_ROLE)}},
	{.method = "POST", .path = "/admin/users/{accountId}/roles/revoke", .handler = admin_users_roles_revoke_submit,
	 .roles = DECIDERS, .fields = {F(DF_ROLE), F(DF_ORG), F(DF_REASON)}, .required = {F(DF_ROLE), F(DF_REASON)}},
	{.method = "GET", .path = "/admin/audit", .handler = admin_audit_show, .roles = ROLE_ADMIN,
	 .fields = {PAGED, F(DF_EVENT), F(DF_Q), F(DF_SINCE), F(DF_UNTIL)}},
	{.method = "GET", .path = "/admin/change-requests", .handler = admin_changes_show, .roles = STEWARDS,
	 .fields = {PAGED, F(DF_CR_STATUS), F(DF_CR_TYPE), F(DF_SERVICE), F(DF_LIST), F(DF_ORG), F(DF_AGE), F(DF_MINE),
		    F(DF_SAVED)}},
	{.method = "GET", .path = "/admin/change-requests/{requestId}", .handler = admin_changes_change_show,
	 .roles = STEWARDS, .fields = {F(DF_SAVED), F(DF_REFUSED), F(DF_DRAFT)}},
	{.method = "POST", .path = "/admin/change-requests/{requestId}/assign", .handler = admin_changes_assign_submit,
	 .roles = STEWARDS},
	{.method = "POST", .path = "/admin/change-requests/{requestId}/move", .handler = admin_changes_move_submit,
	 .roles = STEWARDS, .fields = {F(DF_TO), F(DF_REASON), PROPOSAL}, .required = {F(DF_TO)}},
	{.method = "POST", .path = "/admin/change-requests/{requestId}/comments",
	 .handler = admin_changes_comments_submit, .roles = STEWARDS, .fields = {F(DF_REASON)},
	 .required = {F(DF_REASON)}, .form = true},
	{.method = "GET", .path = "/admin/change-requests/{requestId}/document", .handler = admin_changes_document_show,
	 .roles = STEWARDS},
	{.method = "POST", .path = "/api/v1/change-requests/{requestId}/transitions",
	 .handler = admin_api_transitions_submit, .roles = STEWARDS, .auth = AUTH_BEARER, .scope = SCOPE_DECIDE,
	 .fields = {F(DF_TO), F(DF_COMMENT), PROPOSAL}, .required = {F(DF_TO)}},
};

static const struct router router = {
	.routes = routes,
	.nroutes = sizeof routes / sizeof routes[0],
	.fields = fields,
	.nfields = DF__COUNT,
	.global_fields = {F(DF_LANG)},
};

const struct app_def admin_app = {
	.name = "spor-admin",
	.db_role = "admin",
	.router = &router,
	.body_max = 64 * 1024,
	.writes_sessions = true,
	.before_handler = admin_two_factor_required,
	.render_error = api_error, /* the write API's errors are JSON */
	.read_document = account_api_read_document,
};
