/* The home page: the four SPOR services, their state and how access works;
 * and the pages of the services not yet activated (SMS, PMS). */
#include "config.h"

#include "core/http.h"
#include "core/page.h"
#include "programs/handlers_public.h"

int home_show(struct req *r)
{
	page_set(r, "Page.nav", "home");
	page_set(r, "Page.atom", "/changes/feed.atom"); /* every change */
	page_cacheable(r);
	return page_render(r, "home.cs");
}

static int service(struct req *r, const char *code)
{
	page_set(r, "Page.nav", code);
	page_set(r, "Page.service", code);
	page_cacheable(r);
	return page_render(r, "service.cs");
}

int home_sms_show(struct req *r)
{
	return service(r, "sms");
}

int home_pms_show(struct req *r)
{
	return service(r, "pms");
}
