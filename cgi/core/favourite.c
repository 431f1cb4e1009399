/* Whether the signed-in visitor follows a list or an organisation. */
#include "config.h"

#include <stdbool.h>
#include <string.h>

#include "core/favourite.h"
#include "core/page.h"
#include "core/program.h"

/* Whether `follows` (kind:ref, comma-separated) holds kind:ref. */
static bool follows(const char *list, const char *kind, const char *ref)
{
	size_t nk = strlen(kind), nr = strlen(ref);
	for (const char *p = list; p && *p;) {
		const char *end = strchr(p, ',');
		size_t n = end ? (size_t)(end - p) : strlen(p);
		if (n == nk + 1 + nr && strncmp(p, kind, nk) == 0 && p[nk] == ':' && strncmp(p + nk + 1, ref, nr) == 0)
			return true;
		p = end ? end + 1 : NULL;
	}
	return false;
}

/* What the account follows came with its session (session.h): spor-public
 * may read no favourites but the visitor's own, through spor_request(). */
void favourite_mark(struct req *r, const char *kind, const char *ref)
{
	if (!r->user.session)
		return;
	HDF *star = page_node(r, "Page.favourite");
	page_put(star, "kind", kind);
	page_put(star, "ref", ref);
	page_put(star, "on", follows(r->user.follows, kind, ref) ? "1" : "0");
	page_put(star, "next", r->path);
}
