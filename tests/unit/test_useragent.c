/* Unit tests of the names guessed from a User-Agent (cgi/account/useragent.c):
 * what the common browsers send, browsers built on another, and text that
 * is no browser's. */
#include "config.h"

#include "../tap.h"
#include "account/useragent.h"

static const struct {
	const char *ua, *browser, *system;
} cases[] = {
	{"Mozilla/5.0 (X11; Linux x86_64; rv:126.0) Gecko/20100101 Firefox/126.0", "firefox", "linux"},
	{"Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:126.0) Gecko/20100101 Firefox/126.0", "firefox", "windows"},
	{"Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/125.0.0.0 "
	 "Safari/537.36",
	 "chrome", "windows"},
	{"Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) HeadlessChrome/120.0.6099.224 "
	 "Safari/537.36",
	 "chrome", "linux"},
	{"Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/125.0.0.0 "
	 "Safari/537.36 Edg/125.0.2535.67",
	 "edge", "windows"},
	{"Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/125.0.0.0 "
	 "Safari/537.36 OPR/111.0.0.0",
	 "opera", "macos"},
	{"Mozilla/5.0 (Macintosh; Intel Mac OS X 14_5) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 "
	 "Safari/605.1.15",
	 "safari", "macos"},
	{"Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 "
	 "Mobile/15E148 Safari/604.1",
	 "safari", "ios"},
	{"Mozilla/5.0 (iPad; CPU OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) CriOS/125.0.6422.80 "
	 "Mobile/15E148 Safari/604.1",
	 "chrome", "ios"},
	{"Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) FxiOS/126.0 "
	 "Mobile/15E148 Safari/605.1.15",
	 "firefox", "ios"},
	{"Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/125.0.6422.113 Mobile "
	 "Safari/537.36",
	 "chrome", "android"},
	{"Mozilla/5.0 (Linux; Android 14; SM-S918B) AppleWebKit/537.36 (KHTML, like Gecko) SamsungBrowser/25.0 "
	 "Chrome/121.0.0.0 Mobile Safari/537.36",
	 "samsung", "android"},
	{"Mozilla/5.0 (Android 14; Mobile; rv:126.0) Gecko/126.0 Firefox/126.0", "firefox", "android"},
	{"Mozilla/5.0 (X11; CrOS x86_64 14541.0.0) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/125.0.0.0 "
	 "Safari/537.36",
	 "chrome", "chromeos"},
	{"Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/125.0.0.0 "
	 "Safari/537.36 Vivaldi/6.7",
	 "vivaldi", "windows"},
	{"Mozilla/5.0 (Windows NT 10.0; Trident/7.0; rv:11.0) like Gecko", "ie", "windows"},
	{"Mozilla/5.0 (X11; FreeBSD amd64; rv:126.0) Gecko/20100101 Firefox/126.0", "firefox", "freebsd"},
	/* No browser, or nothing to go by: no name is made up. */
	{"curl/7.88.1", NULL, NULL},
	{"", NULL, NULL},
	{NULL, NULL, NULL},
	{"<script>alert(1)</script>", NULL, NULL},
	{"firefox/1 on linux", NULL, NULL}, /* marks are matched as browsers write them */
};

int main(void)
{
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		char name[160];
		snprintf(name, sizeof name, "%.60s: browser", cases[i].ua ? cases[i].ua : "(none)");
		is_str(useragent_browser(cases[i].ua), cases[i].browser, name);
		snprintf(name, sizeof name, "%.60s: system", cases[i].ua ? cases[i].ua : "(none)");
		is_str(useragent_system(cases[i].ua), cases[i].system, name);
	}
	return done_testing();
}
