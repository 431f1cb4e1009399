/* Helpers of the console's pages. */
#include "config.h"

#include "admin/admin.h"
#include "core/csrf.h"
#include "core/http.h"

int admin_page(struct req *r, const char *page, int status)
{
	return csrf_form_page(r, "admin", arena_printf(r->arena, "admin/%s.cs", page), status);
}

const char *admin_all(const struct req *r)
{
	return r->roles & ROLE_ADMIN ? "1" : "0";
}
