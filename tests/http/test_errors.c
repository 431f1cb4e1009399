/* HTTP tests of bad input: 400 pages that name the parameter, 404, 405, 413,
 * 414, 415, all in the portal's layout; and a battery of hostile requests
 * that must never crash a worker. */
#include "config.h"

#include "../tap.h"
#include "client.h"

static bool in_layout(const struct resp *r)
{
	return body_has(r, "class=\"site-nav\"") && body_has(r, "Referentials") && body_has(r, "<footer");
}

struct bad_case {
	const char *path;
	long status;
	const char *param; /* named on the page, or NULL */
	const char *says;  /* the reason's text */
};

static const struct bad_case bad[] = {
	{"/?q=%00", 400, "q", "NUL byte"},
	{"/?q=%C3%28", 400, "q", "not valid UTF-8"},
	{"/?q=%ED%A0%80", 400, "q", "not valid UTF-8"},
	{"/?q=%G1", 400, "q", "malformed percent escape"},
	{"/?page=1&q=%", 400, "q", "malformed percent escape"},
	{"/?lang=x1", 400, "lang", "not in the expected form"},
	{"/rms/search?q=dose&q=%3Cb%3E", 400, "q", "given more than once"},
	{"/rms/lists?page=1&page=2", 400, "page", "given more than once"},
	{"/?lang=%3Cscript%3E", 400, "lang", "not in the expected form"},
	{"/?%00=1", 400, NULL, "parameter name is not valid"},
	{"/?%3Cb%3E=1", 400, NULL, "parameter name is not valid"},
	{"/%C3%28", 400, "path", "not valid UTF-8"},
	{"/no/such/page", 404, NULL, "There is no page at this address"},
	{"/%3Cscript%3Ealert(1)%3C/script%3E", 404, NULL, "There is no page at this address"},
	{"/healthz/extra", 404, NULL, "There is no page at this address"},
};

static void test_bad_input(void)
{
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		const struct bad_case *c = &bad[i];
		struct resp r;
		get(c->path, &r);
		char code[80];
		snprintf(code, sizeof code, "<code>%s</code>", c->param ? c->param : "");
		bool good = r.status == c->status && in_layout(&r) && body_has(&r, c->says) &&
			    (!c->param || body_has(&r, code)) && !body_has(&r, "<script>") && !body_has(&r, "<b>");
		if (!ok(good, "%s: %ld page in the layout naming %s", c->path, c->status, c->param ? c->param : "-"))
			diag("status %ld", r.status);
		char *cc = header(&r, "Cache-Control");
		ok(cc && strcmp(cc, "no-store") == 0, "%s: error pages are not cached", c->path);
		free(cc);
		resp_free(&r);
	}
}

static void test_caps(void)
{
	struct resp r;
	char *path = malloc(20000);
	strcpy(path, "/?");
	for (int i = 0; i < 65; i++)
		sprintf(path + strlen(path), "p%d=%d&", i, i);
	get(path, &r);
	ok(r.status == 400 && body_has(&r, "too many parameters"), "65 parameters: 400");
	resp_free(&r);

	strcpy(path, "/?q=");
	memset(path + 4, 'x', 9000);
	path[9004] = '\0';
	get(path, &r);
	ok(r.status == 414 && in_layout(&r), "a 9000-byte query: 414 in the layout");
	resp_free(&r);
	free(path);

	/* spor-account accepts forms of up to 64 KiB. */
	size_t n = 100 * 1024;
	char *body = malloc(n + 1);
	memcpy(body, "q=", 2);
	memset(body + 2, 'x', n - 2);
	body[n] = '\0';
	const char *const form[] = {"Content-Type: application/x-www-form-urlencoded", NULL};
	request("POST", "/login", body, n, form, &r);
	ok(r.status == 413 && in_layout(&r) && body_has(&r, "Too much data"), "a 100 KiB form: 413 in the layout");
	resp_free(&r);
	free(body);

	/* nginx refuses bodies over client_max_body_size with the portal's page. */
	n = 12 * 1024 * 1024;
	body = calloc(1, n);
	memset(body, 'x', n);
	request("POST", "/login", body, n, form, &r);
	ok(r.status == 413 && body_has(&r, "Too much data") && body_has(&r, "Referentials"),
	   "a 12 MB body: nginx's 413 is the portal's page");
	resp_free(&r);
	free(body);

	const char *const json[] = {"Content-Type: application/json", NULL};
	request("POST", "/login", "{}", 2, json, &r);
	ok(r.status == 415 && in_layout(&r), "a JSON body to a form: 415");
	resp_free(&r);
}

static void test_methods(void)
{
	struct resp r;
	const char *const form[] = {"Content-Type: application/x-www-form-urlencoded", NULL};
	request("POST", "/", "a=1", 3, form, &r);
	char *allow = header(&r, "Allow");
	ok(r.status == 405 && in_layout(&r), "POST to the home page: 405 in the layout");
	is_str(allow, "GET, HEAD", "405 says what is allowed");
	free(allow);
	resp_free(&r);

	request("DELETE", "/sms", NULL, 0, NULL, &r);
	is_int(r.status, 405, "DELETE: 405");
	resp_free(&r);

	get("/sms/", &r);
	char *loc = header(&r, "Location");
	ok(r.status == 308 && loc && strcmp(loc, "/sms") == 0, "a trailing slash redirects to the canonical page");
	free(loc);
	resp_free(&r);

	get("/sms/?lang=en", &r);
	loc = header(&r, "Location");
	is_str(loc, "/sms?lang=en", "the redirect keeps the query");
	free(loc);
	resp_free(&r);
}

/* Requests an attacker would send.  None may crash a worker or answer 5xx. */
static const char *const hostile[] = {
	"/?q='%20OR%20'1'='1", "/?q=%27%20OR%201%3D1--", "/?q=1;DROP%20TABLE%20accounts", "/?lang=en%00fr",
	"/?lang=en&lang=%FF", "/?q=%F0%9F%92%8A%F0%9F%92%8A", "/?q=%EF%BB%BF", "/?q=%E2%80%AE",
	"/?a[]=1&a[]=2", "/?__proto__=x", "/?q=%25%25%25", "/?=&=&=", "/?&&&&", "/?q=++++",
	"/../../etc/passwd", "/%2e%2e/%2e%2e/etc/passwd", "/%252e%252e/", "/..%2f..%2fetc/passwd",
	"//etc/passwd", "/.env", "/cgi-bin/test.cgi", "/admin/../account", "/login%00.html",
	"/rms/lists/%00", "/oms/organisations/ORG-%00", "/sms?lang=de&lang=fr&lang=en",
	"/%E2%80%8B", "/%C0%AE%C0%AE/", "/?q=\\x00", "/?x=%0d%0aSet-Cookie:%20a=b",
	"/?next=javascript:alert(1)", "/login?next=//evil.example", "/login?next=%0d%0aX:1",
};

static void test_hostile(void)
{
	int bad5xx = 0;
	for (size_t i = 0; i < sizeof hostile / sizeof hostile[0]; i++) {
		struct resp r;
		if (get(hostile[i], &r) < 0 || r.status >= 500 || r.status == 0) {
			diag("%s answered %ld", hostile[i], r.status);
			bad5xx++;
		}
		char *cookie = header(&r, "Set-Cookie");
		if (cookie) {
			diag("%s set a cookie: %s", hostile[i], cookie);
			bad5xx++;
		}
		free(cookie);
		resp_free(&r);
	}
	is_int(bad5xx, 0, "no hostile request crashed a worker, answered 5xx or injected a header");
	struct resp r;
	get("/healthz", &r);
	is_int(r.status, 200, "the portal is healthy afterwards");
	resp_free(&r);
	const char *logdir = getenv("SPOR_LOG");
	if (logdir) {
		char path[4096];
		int crashed = 0;
		const char *programs[] = {"spor-public", "spor-account", "spor-admin"};
		for (int i = 0; i < 3; i++) {
			snprintf(path, sizeof path, "%s/%s.log", logdir, programs[i]);
			char *log = slurp(path);
			crashed += log && strstr(log, "killed by signal") != NULL;
			free(log);
		}
		is_int(crashed, 0, "no worker died");
	}
}

int main(void)
{
	client_init();
	test_bad_input();
	test_caps();
	test_methods();
	test_hostile();
	return done_testing();
}
