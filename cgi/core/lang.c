/* The interface and data languages of a request (lang.h). */
#include "config.h"

#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "core/field.h"
#include "core/http.h"
#include "core/lang.h"
#include "core/page.h"
#include "core/program.h"
#include "core/route.h"
#include "core/tpl.h"

enum { LANG_COOKIE_SECONDS = 365 * 24 * 3600 };

static bool lang_known(const void *tpl, const char *code)
{
	return tpl_has_lang(tpl, code);
}

/* ?lang=: the interface language, and the data language too. */
static const char *asked(const struct req *r)
{
	return r->app->lang_field >= 0 ? in_text(r, r->app->lang_field) : NULL;
}

/* ?data_lang=: the data language alone (the data-language menus). */
static const char *asked_data(const struct req *r)
{
	return r->app->data_lang_field >= 0 ? in_text(r, r->app->data_lang_field) : NULL;
}

/* A preference or cookie, NULL when empty. */
static const char *given(const char *s)
{
	return s && *s ? s : NULL;
}

/* The query without its "lang" parameters, as sent (still encoded): a
 * "data_lang" stays, the visitor's own choice. */
static const char *query_without_lang(struct req *r)
{
	struct buf q;
	buf_init(&q, r->arena);
	for (const char *s = r->query; s && *s;) {
		size_t n = strcspn(s, "&");
		bool is_lang = n >= 4 && strncmp(s, "lang", 4) == 0 && (n == 4 || s[4] == '=');
		if (n && !is_lang) {
			buf_append(&q, s, n);
			buf_putc(&q, '&');
		}
		s += n + (s[n] == '&');
	}
	return buf_str(&q);
}

/* Whether a GET of this page's address finds it again: not so for a page
 * that answers a form sent to an address only a POST reaches (a refused
 * decision, a stale token), where a link back would be a 405. */
static bool gettable(struct req *r)
{
	if (http_reads(r))
		return true;
	struct route_match m;
	return r->app && r->app->def && r->app->def->router && r->path &&
	       route_match(r->app->def->router, r->arena, "GET", r->path, &m) == ROUTE_FOUND;
}

/* Req.switch: a link to this page in each interface language, by code.
 * The links are queries alone, which the browser resolves against the
 * page's own address: a path never goes back into a page (one that
 * decodes to "//host" would be a link to another site).  A page no GET
 * reaches links to the home page in each language instead. */
static void put_switch(struct req *r)
{
	const char *base = gettable(r) ? arena_printf(r->arena, "?%s", query_without_lang(r)) : "/?";
	for (size_t i = 0; tpl_lang(r->app->tpl, i); i++) {
		const char *code = tpl_lang(r->app->tpl, i);
		HDF *item = page_item(r, "Req.switch", i);
		page_put(item, "code", code);
		page_put(item, "href", arena_printf(r->arena, "%slang=%s", base, code));
		if (strcmp(code, r->lang) == 0)
			page_put(item, "current", "1");
	}
}

void lang_choose(struct req *r)
{
	struct app *app = r->app;
	const char *lang = asked(r), *cookie = given(r->lang_cookie);
	if (!lang || !tpl_has_lang(app->tpl, lang))
		lang = given(r->user.ui_lang);
	if ((!lang || !tpl_has_lang(app->tpl, lang)) && cookie && tpl_has_lang(app->tpl, cookie)) {
		lang = cookie;
		r->vary |= VARY_COOKIE;
	}
	if (!lang || !tpl_has_lang(app->tpl, lang)) {
		lang = http_pick_lang(r->arena, r->accept_language, lang_known, app->tpl);
		r->lang_negotiated = true;
	}
	r->lang = lang ? lang : "en";
	tpl_set_lang(app->tpl, r->lang);

	const char *data = asked_data(r) ? asked_data(r) : asked(r) ? asked(r) : given(r->user.data_lang);
	if (!data && given(r->data_lang_cookie) && field_is_lang(r->data_lang_cookie)) {
		data = r->data_lang_cookie;
		r->vary |= VARY_COOKIE;
	}
	r->data_lang = data ? data : r->lang;
	page_set(r, "Req.lang", r->lang);
	page_set(r, "Req.data_lang", r->data_lang);
	put_switch(r);
}

static bool same(const char *a, const char *b)
{
	return a && b && strcmp(a, b) == 0;
}

struct lang_wish lang_wish(const struct req *r)
{
	const char *lang = asked(r), *data = asked_data(r);
	bool interface = lang && tpl_has_lang(r->app->tpl, lang);
	return (struct lang_wish){.ui = interface ? lang : NULL,
				  .data = data ? data : interface ? NULL : lang,
				  .follow = interface && !data};
}

/* A visitor's choice, in cookies.  An answer that sets a cookie is nobody
 * else's to keep. */
static void keep_in_cookies(struct req *r, struct lang_wish w)
{
	bool set_ui = w.ui && !same(r->lang_cookie, w.ui), set_data = w.data && !same(r->data_lang_cookie, w.data);
	bool forget = w.follow && given(r->data_lang_cookie);
	if (set_ui)
		http_cookie(r, LANG_COOKIE, w.ui, LANG_COOKIE_SECONDS);
	if (set_data)
		http_cookie(r, LANG_DATA_COOKIE, w.data, LANG_COOKIE_SECONDS);
	if (forget)
		http_cookie(r, LANG_DATA_COOKIE, NULL, 0);
	if (set_ui || set_data || forget)
		r->cache_control = "private";
}

int lang_keep(struct req *r, int status)
{
	struct lang_wish w = lang_wish(r);
	bool page = status == 200 && !r->streamed && r->content_type && strncmp(r->content_type, "text/html", 9) == 0;
	if ((!w.ui && !w.data) || !page || !http_reads(r))
		return status;
	if (!r->user.id) {
		keep_in_cookies(r, w);
		return status;
	}
	bool kept = (!w.ui || same(r->user.ui_lang, w.ui)) && (!w.data || same(r->user.data_lang, w.data)) &&
		    (!w.follow || !given(r->user.data_lang));
	if (kept || strcmp(r->path, LANG_KEEP_PATH) == 0)
		return status;
	/* spor-account alone writes accounts: it records the choice and sends
	 * the user back here. */
	const char *here = *r->query ? arena_printf(r->arena, "%s?%s", r->path, r->query) : r->path;
	if (strlen(here) > 2000)
		here = r->path;
	struct buf to;
	buf_init(&to, r->arena);
	buf_puts(&to, LANG_KEEP_PATH "?");
	if (w.ui)
		buf_printf(&to, "lang=%s&", w.ui);
	if (w.data)
		buf_printf(&to, "data_lang=%s&", w.data);
	buf_printf(&to, "next=%s", http_url_escape(r->arena, here));
	r->body.len = 0;
	r->cache_control = "no-store";
	return http_redirect(r, 303, buf_str(&to));
}
