/* Pages of features that are announced but not built yet: each answers from
 * its own program with a page that says what is coming. */
#include "config.h"

#include "app.h"
#include "handlers.h"

static int coming(struct req *r, const char *feature)
{
	app_set(r, "Page.nav", feature);
	app_set(r, "Page.feature", feature);
	return app_page(r, "coming.cs");
}

int coming_admin(struct req *r)
{
	return coming(r, "admin");
}
