/* HTTP tests of the home page, the service pages, the security headers and
 * static files, through the real nginx and programs. */
#include "config.h"

#include "../tap.h"
#include "client.h"

static void test_home(void)
{
	struct resp r;
	get("/", &r);
	is_int(r.status, 200, "home page answers 200");
	const char *words[] = {"Substances", "Products", "Organisations", "Referentials", "Not yet activated",
			       "Live", "How access works", "href=\"/register\"", "href=\"/login\"",
			       "href=\"/rms/lists\"", "href=\"/oms/organisations\"", "href=\"/sms\"", "href=\"/pms\""};
	for (size_t i = 0; i < sizeof words / sizeof words[0]; i++)
		ok(body_has(&r, words[i]), "home page has %s", words[i]);
	ok(body_has(&r, "<html lang=\"en\">"), "page language is declared");
	ok(body_has(&r, "class=\"skip-link\" href=\"#main\"") && body_has(&r, "<main id=\"main\""),
	   "skip link leads to the main content");
	ok(body_has(&r, "<nav class=\"site-nav\" aria-label="), "navigation is a labelled landmark");
	ok(body_has(&r, "aria-current=\"page\">Home<"), "navigation marks the current page");
	ok(body_has(&r, "<footer"), "page has a footer");
	ok(body_has(&r, "<title>Home | SPOR portal</title>"), "page has a title");

	char *v;
	v = header(&r, "Server");
	ok(v && strstr(v, "nginx") && !strchr(v, '/'), "served by nginx without a version");
	free(v);
	v = header(&r, "Content-Security-Policy");
	ok(v && strstr(v, "object-src 'none'") && strstr(v, "base-uri 'none'") &&
		   strstr(v, "frame-ancestors 'none'") && strstr(v, "script-src 'self'") && !strstr(v, "unsafe"),
	   "Content-Security-Policy: no inline script, no objects, no framing");
	free(v);
	v = header(&r, "X-Content-Type-Options");
	is_str(v, "nosniff", "X-Content-Type-Options");
	free(v);
	v = header(&r, "Referrer-Policy");
	ok(v != NULL, "Referrer-Policy is set");
	free(v);
	v = header(&r, "Strict-Transport-Security");
	ok(v == NULL, "no HSTS over plain HTTP");
	free(v);
	v = header(&r, "Content-Type");
	is_str(v, "text/html; charset=utf-8", "HTML in UTF-8");
	free(v);
	resp_free(&r);

	get("/?lang=xx", &r);
	ok(r.status == 200 && body_has(&r, "<html lang=\"en\">"), "an interface language the portal lacks falls back to English");
	resp_free(&r);
	const char *const de[] = {"Accept-Language: xx-YY, zz;q=0.8", NULL};
	request("GET", "/", NULL, 0, de, &r);
	ok(r.status == 200 && body_has(&r, "<html lang=\"en\">"), "so does an Accept-Language the portal lacks");
	resp_free(&r);

	/* French and German are complete (tests/lint/lang.sh checks every key). */
	get("/?lang=fr", &r);
	ok(r.status == 200 && body_has(&r, "<html lang=\"fr\">") && !body_has(&r, "Skip to main content"),
	   "?lang=fr: the page in French");
	resp_free(&r);
	const char *const german[] = {"Accept-Language: de-DE,de;q=0.9,en;q=0.5", NULL};
	request("GET", "/rms/lists", NULL, 0, german, &r);
	ok(r.status == 200 && body_has(&r, "<html lang=\"de\">") && !body_has(&r, "Skip to main content"),
	   "Accept-Language: de: the page in German");
	resp_free(&r);
	const char *const both[] = {"Accept-Language: de", NULL};
	request("GET", "/?lang=fr", NULL, 0, both, &r);
	ok(r.status == 200 && body_has(&r, "<html lang=\"fr\">"), "?lang= comes before Accept-Language");
	resp_free(&r);

	request("HEAD", "/", NULL, 0, NULL, &r);
	ok(r.status == 200 && r.body_len == 0, "HEAD answers without a body");
	resp_free(&r);

	const char *const gz[] = {"Accept-Encoding: gzip", NULL};
	request("GET", "/", NULL, 0, gz, &r);
	v = header(&r, "Content-Encoding");
	is_str(v, "gzip", "pages are gzip-compressed when asked");
	free(v);
	resp_free(&r);
}

static void test_services(void)
{
	struct resp r;
	const char *pages[][2] = {{"/sms", "Substances (SMS)"}, {"/pms", "Products (PMS)"}};
	for (int i = 0; i < 2; i++) {
		get(pages[i][0], &r);
		ok(r.status == 200 && body_has(&r, pages[i][1]) && body_has(&r, "not activated yet"),
		   "%s says the service is not activated and what it will hold", pages[i][0]);
		ok(body_has(&r, "class=\"breadcrumb\""), "%s has a breadcrumb", pages[i][0]);
		resp_free(&r);
	}
	get("/healthz", &r);
	ok(r.status == 200 && strcmp(r.body, "ok\n") == 0, "/healthz says ok");
	char *v = header(&r, "Cache-Control");
	is_str(v, "no-store", "/healthz is never cached");
	free(v);
	resp_free(&r);
}

static void test_static(void)
{
	struct resp r;
	get("/static/spor.css", &r);
	is_int(r.status, 200, "stylesheet served");
	char *v = header(&r, "Content-Type");
	ok(v && strncmp(v, "text/css", 8) == 0, "stylesheet is text/css");
	free(v);
	v = header(&r, "Cache-Control");
	ok(v && strstr(v, "max-age="), "static files carry cache headers");
	free(v);
	ok(body_has(&r, ".skip-link"), "stylesheet content");
	resp_free(&r);

	get("/static/../db/grants.sql", &r);
	ok(r.status == 404 || r.status == 400, "no path trick out of static/ (%ld)", r.status);
	ok(!body_has(&r, "GRANT"), "grants are not served");
	resp_free(&r);
	get("/static/%2e%2e/db/grants.sql", &r);
	ok(!body_has(&r, "GRANT"), "no encoded path trick out of static/");
	resp_free(&r);
	get("/static/nope.css", &r);
	ok(r.status == 404 && body_has(&r, "Page not found") && body_has(&r, "Referentials"),
	   "a missing static file gets the portal's 404 page");
	resp_free(&r);
}

int main(void)
{
	client_init();
	test_home();
	test_services();
	test_static();
	return done_testing();
}
