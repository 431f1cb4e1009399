/* The CSRF synchronizer token. */
#include "config.h"

#include <string.h>
#include <strings.h>

#include "core/csrf.h"
#include "core/http.h"
#include "core/once.h"
#include "core/page.h"
#include "core/program.h"
#include "core/token.h"

/* What the token is bound to: the session, else the pre-session cookie. */
static const char *binding(struct req *r, bool make)
{
	if (r->user.session)
		return arena_printf(r->arena, "session:%s", r->user.session);
	const char *pre = http_cookie_get(r, CSRF_COOKIE);
	if (!token_ok(pre)) {
		char fresh[TOKEN_CHARS + 1];
		if (!make || !token_new(fresh))
			return NULL;
		pre = arena_strdup(r->arena, fresh);
		http_cookie(r, CSRF_COOKIE, pre, 0);
	}
	return arena_printf(r->arena, "visitor:%s", pre);
}

/* The token of the last binding the worker served, kept: every page of a
 * signed-in visitor carries the sign-out form, so a visitor's next page
 * (whichever worker answers it) mostly asks again for the same token.  The
 * secret is the worker's for its life. */
static struct {
	char bound[sizeof "visitor:" + TOKEN_CHARS];
	char mac[TOKEN_CHARS + 1];
} last;

static const char *token_of(struct req *r, const char *bound)
{
	if (strcmp(last.bound, bound) != 0) {
		if (strlen(bound) >= sizeof last.bound) {
			char mac[TOKEN_CHARS + 1];
			token_hmac(r->app->settings.csrf_secret, bound, mac);
			return arena_strdup(r->arena, mac);
		}
		token_hmac(r->app->settings.csrf_secret, bound, last.mac);
		strcpy(last.bound, bound);
	}
	return arena_strdup(r->arena, last.mac);
}

const char *csrf_token(struct req *r)
{
	if (!r->csrf) {
		const char *bound = binding(r, true);
		if (!bound)
			return NULL;
		r->csrf = token_of(r, bound);
	}
	page_set(r, "Csrf.token", r->csrf);
	once_issue(r);
	return r->csrf;
}

bool csrf_valid(struct req *r)
{
	const struct param *sent = params_get(&r->params, CSRF_FIELD);
	const char *bound = binding(r, false);
	if (!sent || !bound || !token_ok(sent->value))
		return false;
	char mac[TOKEN_CHARS + 1];
	token_hmac(r->app->settings.csrf_secret, bound, mac);
	return token_equal(mac, sent->value);
}

/* Whether `origin` ("https://host[:port]") is that of `url`. */
static bool origin_of(const char *origin, const char *url)
{
	const char *host = strstr(url, "://");
	if (!host)
		return false;
	size_t n = (size_t)(host + 3 - url) + strcspn(host + 3, "/");
	return n == strlen(origin) && strncasecmp(url, origin, n) == 0;
}

bool csrf_same_origin(struct req *r)
{
	const char *site = r->sec_fetch_site;
	if (*site && strcmp(site, "same-origin") != 0 && strcmp(site, "none") != 0)
		return false;
	if (!*r->origin)
		return true;
	const char *own = arena_printf(r->arena, "%s://%s", r->https ? "https" : "http", r->host);
	return (*r->host && strcasecmp(r->origin, own) == 0) ||
	       origin_of(r->origin, r->app->settings.site_url);
}

int csrf_form_page(struct req *r, const char *nav, const char *page, int status)
{
	if (!csrf_token(r))
		return 500;
	r->cache_control = "no-store"; /* a form with its token, maybe personal data */
	page_set(r, "Page.nav", nav);
	int rendered = page_render(r, page);
	return rendered == 200 ? status : rendered;
}
