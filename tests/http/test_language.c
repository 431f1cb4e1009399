/* The languages of a page and how a choice lasts (core/lang.c): the
 * language switch on every page (lang, hreflang, the current one marked),
 * ?lang= kept in a cookie for a visitor and in the preference of a
 * signed-in user, the cookie in nginx's page-cache key, and the data
 * language that follows the interface language unless another was chosen;
 * the data language everywhere: a list's terms sorted by the names shown,
 * as their language sorts them (the fixture list 900000000019: French and
 * German names that sort otherwise than the English ones), the term page's
 * heading and the names on it, the data-language menu with each language
 * once, and dates in the user's format on the term page too. */
#include "config.h"

#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "../tap.h"
#include "client.h"
#include "dbtest.h"
#include "users.h"

#define LIST "/rms/lists/900000000019"

static char run[USER_RUN_SIZE];

/* GET as a visitor with `cookie` and `accept_language` (either NULL). */
static long visit(const char *path, const char *cookie, const char *accept_language, struct resp *r)
{
	char c[256], al[128];
	const char *headers[3] = {NULL, NULL, NULL};
	size_t n = 0;
	if (cookie) {
		snprintf(c, sizeof c, "Cookie: %s", cookie);
		headers[n++] = c;
	}
	if (accept_language) {
		snprintf(al, sizeof al, "Accept-Language: %s", accept_language);
		headers[n++] = al;
	}
	request("GET", path, NULL, 0, headers, r);
	return r->status;
}

static bool html_lang(const struct resp *r, const char *lang)
{
	char want[32];
	snprintf(want, sizeof want, "<html lang=\"%s\">", lang);
	return body_has(r, want);
}

/* Whether the page shows the names in this order. */
static bool in_order(const struct resp *r, const char *const *names, size_t n)
{
	const char *at = r->body;
	for (size_t i = 0; i < n; i++) {
		char link[128];
		snprintf(link, sizeof link, "\">%s</a>", names[i]);
		const char *found = at ? strstr(at, link) : NULL;
		if (!found)
			return false;
		at = found + 1;
	}
	return true;
}

static bool cookie_set(const struct resp *r, const char *needle)
{
	char *all = header_all(r, "Set-Cookie");
	bool set = all && strstr(all, needle);
	free(all);
	return set;
}

static void test_switch(void)
{
	static const char *const pages[] = {"/", "/rms/lists", LIST, "/rms/terms/900000000191", "/oms/organisations",
					    "/login", "/register", "/rms/terms/999999999995", "/no/such/page"};
	struct resp r;
	for (size_t i = 0; i < sizeof pages / sizeof pages[0]; i++) {
		visit(pages[i], NULL, NULL, &r);
		ok(body_has(&r, "<nav class=\"lang-switch\"") && body_has(&r, "lang=\"de\" hreflang=\"de\">Deutsch</a>") &&
			   body_has(&r, "lang=\"fr\" hreflang=\"fr\">Français</a>") &&
			   body_has(&r, "lang=\"en\" hreflang=\"en\" aria-current=\"true\">English</a>"),
		   "%s: a switch to each language, with lang and hreflang, English marked current", pages[i]);
		resp_free(&r);
	}
	visit(LIST "?sort=-name&lang=de", NULL, NULL, &r);
	ok(html_lang(&r, "de") && body_has(&r, "href=\"?sort=-name&amp;lang=fr\" lang=\"fr\"") &&
		   body_has(&r, "lang=\"de\" hreflang=\"de\" aria-current=\"true\""),
	   "the switch keeps the page's other parameters and marks the language shown");
	resp_free(&r);
	/* A form refused at an address only a POST reaches (no token here). */
	request("POST", "/logout", "", 0, NULL, &r);
	ok(r.status == 403 && body_has(&r, "href=\"/?lang=de\"") && !body_has(&r, "href=\"?lang=de\""),
	   "a page answering a POST no GET reaches links each language to the home page, never to a 405");
	resp_free(&r);
	visit("/%2F%2Fevil.example/?lang=fr", NULL, NULL, &r);
	ok(!body_has(&r, "//evil.example") && body_has(&r, "href=\"?lang=de\""),
	   "a path that decodes to another host never becomes a link of the switch");
	resp_free(&r);
}

static void test_visitor(void)
{
	char path[128];
	struct resp r;
	snprintf(path, sizeof path, "/rms/lists?t=%s&lang=fr", run);
	visit(path, NULL, NULL, &r);
	ok(html_lang(&r, "fr") && cookie_set(&r, "spor_lang=fr;") && cookie_set(&r, "Max-Age="),
	   "?lang=fr: a French page, and a lasting cookie for the visitor");
	char *cc = header(&r, "Cache-Control");
	ok(cc && strstr(cc, "private"), "an answer that sets the cookie is nobody else's to keep");
	free(cc);
	resp_free(&r);
	snprintf(path, sizeof path, "/rms/lists?t=%s-next", run);
	visit(path, "spor_lang=fr", "de-DE,de;q=0.9", &r);
	char *vary = header_all(&r, "Vary");
	ok(html_lang(&r, "fr") && !cookie_set(&r, "spor_lang"),
	   "the next page, without ?lang=, is French (the cookie beats Accept-Language)");
	ok(vary && strstr(vary, "Cookie"), "and says it varies on the cookie");
	free(vary);
	resp_free(&r);
	visit(path, "spor_lang=xx", NULL, &r);
	ok(html_lang(&r, "en"), "a cookie naming no language of the portal is ignored");
	resp_free(&r);
	snprintf(path, sizeof path, "/login?t=%s", run);
	visit(path, "spor_lang=de", NULL, &r);
	ok(html_lang(&r, "de"), "every program reads it (spor-account's sign-in page)");
	resp_free(&r);
}

/* A French visitor never gets an English copy from the cache, nor the
 * other way round, whoever comes first. */
static void test_cache_key(void)
{
	static const char *const first[] = {"spor_lang=fr", NULL};
	for (size_t order = 0; order < 2; order++) {
		char path[128];
		snprintf(path, sizeof path, "/rms/lists?t=%s-cache%zu", run, order);
		for (int round = 0; round < 2; round++) {
			struct resp a, b;
			visit(path, order == 0 ? first[0] : NULL, NULL, &a);
			visit(path, order == 0 ? NULL : first[0], NULL, &b);
			const struct resp *fr = order == 0 ? &a : &b, *en = order == 0 ? &b : &a;
			char *hit = header(fr, "X-Cache");
			ok(html_lang(fr, "fr") && html_lang(en, "en"),
			   "%s first, round %d: the French visitor's page is French, the other's English",
			   order == 0 ? "French" : "English", round + 1);
			if (round == 1)
				ok(hit && strcmp(hit, "HIT") == 0, "and both come from the cache the second time");
			free(hit);
			resp_free(&a);
			resp_free(&b);
		}
	}
	struct resp r;
	char path[128];
	snprintf(path, sizeof path, LIST "?t=%s-data", run);
	visit(path, "spor_lang=fr", NULL, &r);
	resp_free(&r);
	visit(path, "spor_lang=fr; spor_data_lang=de", NULL, &r);
	ok(body_has(&r, ">Apfel</a>") && !body_has(&r, ">Pomme</a>"), "nor a page in another data language");
	resp_free(&r);
}

static void test_data_language(void)
{
	struct resp r;
	char path[128];
	snprintf(path, sizeof path, LIST "?t=%s-follow", run);
	visit(path, "spor_lang=fr", NULL, &r);
	ok(html_lang(&r, "fr") && body_has(&r, ">Pomme</a>") && !body_has(&r, ">Apple</a>"),
	   "the data language follows the interface language");
	resp_free(&r);
	visit(path, "spor_lang=fr; spor_data_lang=de", NULL, &r);
	ok(html_lang(&r, "fr") && body_has(&r, ">Apfel</a>"), "unless the visitor chose another");
	resp_free(&r);
	snprintf(path, sizeof path, LIST "?t=%s-follow&lang=el", run);
	visit(path, "spor_lang=fr", NULL, &r);
	ok(html_lang(&r, "fr") && cookie_set(&r, "spor_data_lang=el;") && !cookie_set(&r, "spor_lang="),
	   "?lang= of a language the interface lacks chooses the data language alone, and keeps it");
	resp_free(&r);
	snprintf(path, sizeof path, LIST "?t=%s-follow&data_lang=de", run);
	visit(path, NULL, NULL, &r);
	ok(html_lang(&r, "en") && body_has(&r, ">Apfel</a>") && cookie_set(&r, "spor_data_lang=de;") &&
		   !cookie_set(&r, "spor_lang="),
	   "?data_lang= (the data-language menus) chooses the data language alone, even one of the interface's");
	resp_free(&r);
	snprintf(path, sizeof path, LIST "?t=%s-follow&lang=de", run);
	visit(path, "spor_lang=fr; spor_data_lang=el", NULL, &r);
	ok(cookie_set(&r, "spor_lang=de;") && cookie_set(&r, "spor_data_lang=; Path=/; HttpOnly; SameSite=Lax; Max-Age=0"),
	   "choosing an interface language makes the data language follow it again");
	resp_free(&r);
}

static void test_sorted(void)
{
	static const struct {
		const char *path, *names[4], *what;
	} cases[] = {
		{LIST "?lang=en", {"Apple", "Cherry", "Orange", "Pear"}, "in English the terms sort by their English names"},
		{LIST "?lang=fr", {"Cerise", "Écorce", "Poire", "Pomme"},
		 "in French by their French names, as French sorts them (É with E)"},
		{LIST "?lang=fr&sort=-name", {"Pomme", "Poire", "Écorce", "Cerise"}, "and backwards"},
		{LIST "?lang=fr&sort=status&size=10&page=1", {"Cerise", "Écorce", "Poire", "Pomme"},
		 "by status, then the French names"},
		{LIST "?lang=de", {"Apfel", "Birne", "Kirsche", "Orange"},
		 "in German by the German names, English standing in where one is missing"},
		{LIST "?lang=de&q=orange", {"Orange"}, "words filter a German page too"},
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		struct resp r;
		visit(cases[i].path, NULL, NULL, &r);
		size_t n = 0;
		while (n < 4 && cases[i].names[n])
			n++;
		ok(r.status == 200 && in_order(&r, cases[i].names, n) && (n == 4 || !body_has(&r, ">Apfel</a>")), "%s",
		   cases[i].what);
		resp_free(&r);
	}
}

static void test_term(void)
{
	static const char *const fr[] = {"Pomme rouge", "Pomme verte"};
	static const char *const de[] = {"Grüner Apfel", "Roter Apfel"};
	struct resp r;
	visit("/rms/terms/900000000191?lang=fr", NULL, NULL, &r);
	ok(body_has(&r, "<h1>Pomme</h1>") && body_has(&r, "<title>Pomme (900000000191)"),
	   "the term page's heading and title are in the data language");
	ok(in_order(&r, fr, 2) && !body_has(&r, ">Green apple</a>"),
	   "its children too, in the order of their French names");
	resp_free(&r);
	visit("/rms/terms/900000000191", "spor_lang=de", NULL, &r);
	ok(body_has(&r, "<h1>Apfel</h1>") && in_order(&r, de, 2), "and in the visitor's language without ?lang=");
	resp_free(&r);
	visit("/rms/terms/900000000194", "spor_lang=de", NULL, &r);
	ok(body_has(&r, "<h1 lang=\"en\">Orange</h1>"),
	   "where the term has no name in it, English stands in, marked as English");
	resp_free(&r);
}

/* The data-language menu of a list whose languages column names one
 * twice (in two cases) lists each once, and the language shown. */
static void test_menu(MYSQL *owner)
{
	dbtest_execf(owner, "UPDATE rms_lists SET languages = 'de,en,fr,FR,de' WHERE id = 900000000019");
	struct resp r;
	char path[128];
	snprintf(path, sizeof path, LIST "?t=%s-menu&lang=fr", run);
	visit(path, NULL, NULL, &r);
	ok(body_count(&r, "<option value=\"fr\"") == 1 && body_count(&r, "<option value=\"de\"") == 1 &&
		   body_count(&r, "<option value=\"FR\"") == 0,
	   "the data-language menu lists each language once");
	resp_free(&r);
	snprintf(path, sizeof path, LIST "?t=%s-menu&lang=el", run);
	visit(path, NULL, NULL, &r);
	ok(body_count(&r, "<option value=\"el\" selected>") == 1,
	   "and the language shown, though the list has no name in it");
	resp_free(&r);
}

/* The user's languages as the database holds them: "ui/data", "-" for none. */
static const char *prefs(MYSQL *owner, const struct user *u)
{
	return dbtest_valuef(owner, "SELECT CONCAT(ui_lang, '/', COALESCE(data_lang, '-')) FROM accounts WHERE id = %s",
			     u->id);
}

/* GET `path` as the user, then where it sends them; the last status. */
static long follow(struct user *u, const char *path)
{
	struct resp r;
	long st = visitor_get(&u->v, path, &r);
	char *to = header(&r, "Location");
	resp_free(&r);
	if (st == 303 && to) {
		st = visitor_get(&u->v, to, &r);
		resp_free(&r);
	}
	free(to);
	return st;
}

static void test_signed_in(MYSQL *owner)
{
	struct user u;
	if (!ok(user_make(owner, &u, "polyglot", run, "lang.test"), "a signed-in user"))
		return;
	struct resp r;
	long st = visitor_get(&u.v, "/rms/lists?lang=de", &r);
	char *to = header(&r, "Location");
	ok(st == 303 && to && strcmp(to, "/account/language?lang=de&next=%2Frms%2Flists%3Flang%3Dde") == 0,
	   "?lang=de of a signed-in user goes through spor-account, which keeps it");
	resp_free(&r);
	st = to ? visitor_get(&u.v, to, &r) : 0;
	free(to);
	to = header(&r, "Location");
	ok(st == 303 && to && strcmp(to, "/rms/lists?lang=de") == 0, "and comes back");
	free(to);
	resp_free(&r);
	is_str(prefs(owner, &u), "de/-", "the preference is German, the data language following it");
	visitor_get(&u.v, "/rms/lists", &r);
	ok(html_lang(&r, "de"), "the next page is German");
	resp_free(&r);
	visitor_get(&u.v, "/account", &r);
	ok(html_lang(&r, "de"), "and so are spor-account's");
	resp_free(&r);
	visitor_get(&u.v, "/rms/lists?lang=de", &r);
	ok(r.status == 200, "a ?lang= the preference already says is a page at once");
	resp_free(&r);
	follow(&u, LIST "?lang=el");
	is_str(prefs(owner, &u), "de/el", "?lang=el keeps Greek as the data language, the interface German");
	follow(&u, LIST "?data_lang=fr");
	is_str(prefs(owner, &u), "de/fr", "?data_lang=fr keeps French as the data language alone");
	follow(&u, "/account?lang=fr");
	is_str(prefs(owner, &u), "fr/-", "from spor-account's pages too, the data language following again");

	/* The term's history was recorded today, at the import. */
	dbtest_execf(owner, "UPDATE accounts SET date_format = 'dmy' WHERE id = %s", u.id);
	char today[16], created[] = ">05/02/2018 07:12:31", history[64];
	time_t now = time(NULL);
	strftime(today, sizeof today, "%d/%m/%Y", gmtime(&now));
	snprintf(history, sizeof history, "<td>%s ", today);
	visitor_get(&u.v, "/rms/terms/900000000191", &r);
	ok(body_has(&r, history) && body_has(&r, created) && !body_has(&r, "2018-02-05"),
	   "a term page's dates, its history's too, are in the user's format");
	resp_free(&r);
}

int main(void)
{
	MYSQL *owner = users_start(run);
	char fixtures[4096], args[4200];
	dbtest_source_path("tests/fixtures/rms", fixtures, sizeof fixtures);
	snprintf(args, sizeof args, "import rms --list-name 'Fruit' '%s/languages.csv'", fixtures);
	ok(dbtest_sporctl(NULL, args, NULL) == 0, "the fixture list of fruit is imported");
	test_switch();
	test_visitor();
	test_cache_key();
	test_data_language();
	test_sorted();
	test_term();
	test_menu(owner);
	test_signed_in(owner);
	users_done(owner);
	return done_testing();
}
