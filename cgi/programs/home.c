/* The home page: the four SPOR services, their state and how access works;
 * and the pages of the services not yet activated (SMS, PMS). */
#include "config.h"

#include "core/app.h"
#include "programs/handlers_public.h"

int home_show(struct req *r)
{
	app_set(r, "Page.nav", "home");
	app_cacheable(r);
	return app_page(r, "home.cs");
}

static int service(struct req *r, const char *code)
{
	app_set(r, "Page.nav", code);
	app_set(r, "Page.service", code);
	app_cacheable(r);
	return app_page(r, "service.cs");
}

int home_sms(struct req *r)
{
	return service(r, "sms");
}

int home_pms(struct req *r)
{
	return service(r, "pms");
}
