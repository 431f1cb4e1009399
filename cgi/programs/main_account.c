/* spor-account: a prefork FastCGI program; its routes are in routes_account.c. */
#include "config.h"

#include "core/app.h"
#include "programs/routes.h"

int main(int argc, char **argv)
{
	return app_main(argc, argv, &account_app);
}
