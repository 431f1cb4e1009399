/* The route tables of the three programs (routes_*.c), shared by their
 * main() and by the tests that walk the access policy. */
#ifndef SPOR_ROUTES_H
#define SPOR_ROUTES_H

#include "core/program.h"

extern const struct app_def public_app;  /* spor-public: anonymous, read-only */
extern const struct app_def account_app; /* spor-account: the signed-in user */
extern const struct app_def admin_app;	 /* spor-admin: administrators and stewards */

#endif
