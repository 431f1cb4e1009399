/* spor-account's routes: registration, sign-in and what a signed-in user
 * does (DB user spor_app). */
#include "config.h"

#include "handlers.h"
#include "routes.h"

enum {
	F_LANG,
	F_NEXT,
	F__COUNT
};

static const struct field fields[F__COUNT] = {
	[F_LANG] = FIELD_LANG,
	[F_NEXT] = {"next", FT_PATH, 0, 2000, NULL},
};

static const struct route routes[] = {
	{"GET", "/login", coming_login, ROLES_EVERYONE, F(F_NEXT)},
	{"GET", "/register", coming_register, ROLES_EVERYONE, 0},
	{"GET", "/account", coming_account, ROLES_SIGNED_IN, 0},
};

static const struct router router = {routes, sizeof routes / sizeof routes[0], fields, F__COUNT, F(F_LANG)};

const struct app_def account_app = {"spor-account", "account", &router, 64 * 1024};
