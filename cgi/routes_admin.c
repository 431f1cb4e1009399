/* spor-admin's routes: the administrators' and data stewards' console
 * (DB user spor_admin). */
#include "config.h"

#include "handlers.h"
#include "routes.h"

enum {
	F_LANG,
	F__COUNT
};

static const struct field fields[F__COUNT] = {
	[F_LANG] = FIELD_LANG,
};

static const struct route routes[] = {
	{"GET", "/admin", coming_admin, ROLE_ADMIN | ROLE_STEWARD, 0},
};

static const struct router router = {routes, sizeof routes / sizeof routes[0], fields, F__COUNT, F(F_LANG)};

const struct app_def admin_app = {"spor-admin", "admin", &router, 64 * 1024, true, NULL};
