/* spor-admin's routes: the console of administrators, data stewards and
 * organisations' super users (DB user spor_admin).  Which organisation's
 * requests and users a super user may see and touch is checked by the
 * handlers (roles_may_decide), route by route and object by object. */
#include "config.h"

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
static const char *const cr_statuses[] = {"SUBMITTED", "VALID",	  "INVALID",	"RETURNED",  "APPROVED",
					  "APPROVED_WC", "REJECTED", "WITHDRAWN", "all",	      NULL};
static const char *const services[] = {"rms", "oms", NULL};
static const char *const cr_types[] = {"ADD-TERM", "UPD-TERM", "TRANSLATION", "ADD-LIST", "UPD-LIST",
				       "ADD-ORG",  "UPD-ORG",  "ADD-LOC",     "UPD-LOC",  NULL};
static const char *const yes[] = {"1", NULL};
static const char *const moves[] = {"VALID", "INVALID", "RETURNED", "APPROVED", "APPROVED_WC", "REJECTED", NULL};

static const struct field fields[DF__COUNT] = {
	[DF_LANG] = FIELD_LANG,
	[DF_PAGE] = {"page", FT_INT, 1, 100000, NULL},
	[DF_SIZE] = {"size", FT_INT, 10, 500, NULL},
	[DF_STATUS] = {"status", FT_ENUM, 0, 0, statuses},
	[DF_ORG] = {"org", FT_ORGID, 0, 0, NULL},
	[DF_ROLE] = {"role", FT_ENUM, 0, 0, roles},
	[DF_AGE] = {"age", FT_ENUM, 0, 0, ages},
	[DF_REQUEST_ID] = {"requestId", FT_INT, 1, 999999999999, NULL},
	[DF_DECISION] = {"decision", FT_ENUM, 0, 0, decisions},
	[DF_REASON] = {"reason", FT_LINES, 0, 2000, NULL},
	[DF_Q] = {"q", FT_TEXT, 0, 200, NULL},
	[DF_ACCOUNT_ID] = {"accountId", FT_INT, 1, 999999999999, NULL},
	[DF_EVENT] = {"event", FT_ENUM, 0, 0, events},
	[DF_SAVED] = {"saved", FT_ENUM, 0, 0, saved},
	[DF_CR_STATUS] = {"status", FT_ENUM, 0, 0, cr_statuses},
	[DF_CR_TYPE] = {"type", FT_ENUM, 0, 0, cr_types},
	[DF_LIST] = {"list", FT_ID12, 0, 0, NULL},
	[DF_MINE] = {"mine", FT_ENUM, 0, 0, yes},
	[DF_TO] = {"to", FT_ENUM, 0, 0, moves},
	[DF_TERM_NAME] = {"term_name", FT_TEXT, 0, 1000, NULL},
	[DF_SHORT_NAME] = {"short_name", FT_TEXT, 0, 200, NULL},
	[DF_DESCRIPTION] = {"description", FT_LINES, 0, 4000, NULL},
	[DF_SERVICE] = {"service", FT_ENUM, 0, 0, services},
};

#define CONSOLE (ROLE_ADMIN | ROLE_STEWARD | ROLE_SUPER)
#define DECIDERS (ROLE_ADMIN | ROLE_SUPER)
#define PAGED (F(DF_PAGE) | F(DF_SIZE))
#define STEWARDS (ROLE_ADMIN | ROLE_STEWARD)

static const struct route routes[] = {
	{"GET", "/admin", admin_home, CONSOLE, 0},
	{"GET", "/admin/role-requests", admin_requests, DECIDERS,
	 PAGED | F(DF_STATUS) | F(DF_ORG) | F(DF_ROLE) | F(DF_AGE) | F(DF_SAVED)},
	{"GET", "/admin/role-requests/{requestId}", admin_request, DECIDERS, 0},
	{"GET", "/admin/role-requests/{requestId}/document", admin_request_document, DECIDERS, 0},
	{"POST", "/admin/role-requests/{requestId}/decision", admin_request_decide, DECIDERS,
	 F(DF_DECISION) | F(DF_REASON)},
	{"GET", "/admin/users", admin_users, DECIDERS, PAGED | F(DF_Q) | F(DF_ORG) | F(DF_ROLE)},
	{"GET", "/admin/users/{accountId}", admin_user, DECIDERS, F(DF_SAVED)},
	{"POST", "/admin/users/{accountId}/lock", admin_user_lock, ROLE_ADMIN, 0},
	{"POST", "/admin/users/{accountId}/unlock", admin_user_unlock, ROLE_ADMIN, 0},
	{"POST", "/admin/users/{accountId}/roles", admin_user_grant, ROLE_ADMIN, F(DF_ROLE)},
	{"POST", "/admin/users/{accountId}/roles/revoke", admin_user_revoke, DECIDERS,
	 F(DF_ROLE) | F(DF_ORG) | F(DF_REASON)},
	{"GET", "/admin/audit", admin_audit, ROLE_ADMIN, PAGED | F(DF_EVENT) | F(DF_Q)},
	{"GET", "/admin/change-requests", admin_changes, STEWARDS,
	 PAGED | F(DF_CR_STATUS) | F(DF_CR_TYPE) | F(DF_SERVICE) | F(DF_LIST) | F(DF_ORG) | F(DF_AGE) | F(DF_MINE) |
		 F(DF_SAVED)},
	{"GET", "/admin/change-requests/{requestId}", admin_change, STEWARDS, F(DF_SAVED)},
	{"POST", "/admin/change-requests/{requestId}/assign", admin_change_assign, STEWARDS, 0},
	{"POST", "/admin/change-requests/{requestId}/move", admin_change_move, STEWARDS,
	 F(DF_TO) | F(DF_REASON) | F(DF_TERM_NAME) | F(DF_SHORT_NAME) | F(DF_DESCRIPTION)},
	{"POST", "/admin/change-requests/{requestId}/comments", admin_change_comment, STEWARDS, F(DF_REASON)},
	{"GET", "/admin/change-requests/{requestId}/document", admin_change_document, STEWARDS, 0},
};

static const struct router router = {routes, sizeof routes / sizeof routes[0], fields, DF__COUNT, F(DF_LANG)};

const struct app_def admin_app = {
	.name = "spor-admin",
	.db_role = "admin",
	.router = &router,
	.body_max = 64 * 1024,
	.writes_sessions = true,
	.before_handler = admin_two_factor_required,
};
