/* What the signed-in user may propose: the roles each act needs, checked
 * against the roles the session's account holds (held_roles) and asks for
 * (pending_roles), each a list of ROLE_CODE:ORG-ID. */
#include "config.h"

#include <string.h>

#include "core/may.h"
#include "core/page.h"
#include "core/program.h"

/* The roles that admit each act: any one of them, held for any
 * organisation, or for the act's own organisation (`for_org`). */
static const struct {
	const char *name; /* May.<name> */
	const char *roles[4];
	bool for_org;
} acts[MAY__COUNT] = {
	[MAY_PROPOSE] = {"propose", {"INDUSTRY_USER", "INDUSTRY_SUPER_USER", "NCA_USER"}, false},
	[MAY_TRANSLATE] = {"translate", {"TRANSLATOR", "INDUSTRY_USER", "INDUSTRY_SUPER_USER", "NCA_USER"}, false},
	[MAY_CHANGE_ORG] = {"change_org", {"INDUSTRY_USER", "INDUSTRY_SUPER_USER", "NCA_USER"}, true},
};

/* Whether `list` holds role `code` (for `org`, when not NULL). */
static bool listed(const char *list, const char *code, const char *org)
{
	size_t n = strlen(code), m = org ? strlen(org) : 0;
	for (const char *p = list; p && *p;) {
		const char *end = strchr(p, ',');
		size_t len = end ? (size_t)(end - p) : strlen(p);
		if (len > n && strncmp(p, code, n) == 0 && p[n] == ':' &&
		    (!org || (len == n + 1 + m && strncmp(p + n + 1, org, m) == 0)))
			return true;
		p = end ? end + 1 : NULL;
	}
	return false;
}

/* Whether `list` holds one of the act's roles. */
static bool any_of(const char *list, enum may_act act, const char *org)
{
	for (size_t i = 0; i < sizeof acts[act].roles / sizeof acts[act].roles[0] && acts[act].roles[i]; i++)
		if (listed(list, acts[act].roles[i], acts[act].for_org ? org : NULL))
			return true;
	return false;
}

bool may(const struct req *r, enum may_act act, const char *org)
{
	if (!r->user.id || (acts[act].for_org && !org))
		return false;
	return any_of(r->user.held_roles, act, org);
}

/* Need.<act>.<n>: the codes of the roles that admit each act.  They never
 * change, so they are put once and stay with the worker's interface
 * strings (the templates module keeps the Need tree between requests). */
static void put_needs(struct req *r)
{
	if (hdf_get_obj(r->hdf, "Need"))
		return;
	HDF *need = page_node(r, "Need");
	for (size_t a = 0; a < MAY__COUNT; a++)
		for (size_t i = 0; i < sizeof acts[a].roles / sizeof acts[a].roles[0] && acts[a].roles[i]; i++)
			page_put(page_subitem(need, acts[a].name, i), "code", acts[a].roles[i]); /* names: literals */
}

void may_put(struct req *r, enum may_act act, const char *org)
{
	if (!r->user.id)
		return;
	HDF *node = page_node(r, "May");
	const char *name = acts[act].name;
	if (may(r, act, org)) {
		page_put(node, name, "1"); /* names: literals (the acts' table) */
		return;
	}
	put_needs(r);
	page_put(node, name, any_of(r->user.pending_roles, act, org) ? "pending" : "ask"); /* names: literals (acts) */
	HDF *mine = hdf_get_obj(node, name);
	if (acts[act].for_org)
		page_put(mine, "org", org);
}
