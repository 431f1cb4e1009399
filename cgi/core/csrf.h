/* Cross-site request forgery: every POST form carries a synchronizer token
 * in its hidden field csrf_token, and the pipeline refuses a POST whose
 * token is missing or wrong (403, before any handler runs).  The token is
 * bound to the visitor: HMAC-SHA256 under the configured csrf.secret of the
 * session token when signed in, else of a random pre-session cookie
 * (spor_csrf) that the first form sets.  A new session (login) gets new
 * tokens; another site can neither read nor compute them. */
#ifndef SPOR_CSRF_H
#define SPOR_CSRF_H

#include <stdbool.h>

struct req;

#define CSRF_FIELD "csrf_token"
#define CSRF_COOKIE "spor_csrf"

/* The visitor's token, also set as Csrf.token for the forms; sets the
 * pre-session cookie when an anonymous visitor has none.  NULL on failure. */
const char *csrf_token(struct req *r);

/* Render `page` (a template path) holding forms: the token set, Page.nav
 * set to `nav`, and never stored by caches; returns `status` (or 500). */
int csrf_form_page(struct req *r, const char *nav, const char *page, int status);

/* Whether the POST body's csrf_token is the visitor's token. */
bool csrf_valid(struct req *r);

/* Whether a POST comes from the portal's own pages as far as the browser
 * tells, from the headers alone (checked before the body is read):
 * Sec-Fetch-Site, when sent, is same-origin (or none: the user's own act),
 * and Origin, when sent, is the portal's (the scheme and Host of the
 * request, or those of site.url).  A client that sends neither is no
 * browser a forged form could drive; its token still decides. */
bool csrf_same_origin(struct req *r);

#endif
