/* Naming a browser and a system from a User-Agent header (useragent.h). */
#include "config.h"

#include <stddef.h>
#include <string.h>

#include "account/useragent.h"

struct mark {
	const char *text; /* what the header holds (case matters, as browsers write it) */
	const char *key;
};

/* In order: the first mark found names it.  Browsers built on another say
 * so after their own mark (Edge and Opera send "Chrome/" too, Chrome sends
 * "Safari/", every one sends "Mozilla/"), so theirs come first. */
static const struct mark browsers[] = {
	{"Edg/", "edge"},	{"EdgA/", "edge"},	 {"EdgiOS/", "edge"},	{"Edge/", "edge"},
	{"OPR/", "opera"},	{"Opera", "opera"},	 {"SamsungBrowser/", "samsung"},
	{"Vivaldi/", "vivaldi"}, {"Firefox/", "firefox"}, {"FxiOS/", "firefox"}, {"CriOS/", "chrome"},
	{"Chrome/", "chrome"},	{"Safari/", "safari"},	 {"Trident/", "ie"},	{"MSIE ", "ie"},
};

/* iOS says "like Mac OS X", Android and ChromeOS say "Linux": they come first. */
static const struct mark systems[] = {
	{"Windows", "windows"}, {"iPhone", "ios"},	 {"iPad", "ios"},	{"iPod", "ios"},
	{"Android", "android"}, {"CrOS", "chromeos"},	 {"Macintosh", "macos"}, {"Mac OS X", "macos"},
	{"Linux", "linux"},	{"FreeBSD", "freebsd"}, {"OpenBSD", "openbsd"},
};

static const char *first_mark(const char *ua, const struct mark *marks, size_t n)
{
	for (size_t i = 0; ua && i < n; i++)
		if (strstr(ua, marks[i].text))
			return marks[i].key;
	return NULL;
}

const char *useragent_browser(const char *ua)
{
	return first_mark(ua, browsers, sizeof browsers / sizeof browsers[0]);
}

const char *useragent_system(const char *ua)
{
	return first_mark(ua, systems, sizeof systems / sizeof systems[0]);
}
