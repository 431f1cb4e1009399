/* spor-public's routes: everything anonymous and read-only (DB user spor_ro). */
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
	{"GET", "/", home_show, ROLES_EVERYONE, 0},
	{"GET", "/healthz", health_check, ROLES_EVERYONE, 0},
	{"GET", "/sms", home_sms, ROLES_EVERYONE, 0},
	{"GET", "/pms", home_pms, ROLES_EVERYONE, 0},
	{"GET", "/rms/lists", coming_rms, ROLES_EVERYONE, 0},
	{"GET", "/oms/organisations", coming_oms, ROLES_EVERYONE, 0},
};

static const struct router router = {routes, sizeof routes / sizeof routes[0], fields, F__COUNT, F(F_LANG)};

const struct app_def public_app = {"spor-public", "public", &router, 16 * 1024};
