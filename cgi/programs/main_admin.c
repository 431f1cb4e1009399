/* spor-admin: a prefork FastCGI program; its routes are in routes_admin.c. */
#include "config.h"

#include "core/app.h"
#include "programs/routes.h"

int main(int argc, char **argv)
{
	return app_main(argc, argv, &admin_app);
}
