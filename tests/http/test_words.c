/* No English left on a French or German page (core/label.c and the
 * interface strings): the enumerations a page shows in the page's
 * language on the demonstration data: domains (RMS's own names), countries
 * (RMS's Country terms, else ICU's names), organisation types and sizes,
 * audit events; counts with their singular ("1 liste", not "1 listes");
 * a location that names its country once and a PO box that names itself
 * without a second label ("PO Box Postfach"). */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include "../tap.h"
#include "client.h"
#include "dbtest.h"
#include "users.h"

static char run[USER_RUN_SIZE];

/* GET `path` as a visitor who sends no cookie. */
static void visit(const char *path, struct resp *r)
{
	request("GET", path, NULL, 0, NULL, r);
}

static void test_domains(void)
{
	struct resp r;
	visit("/rms/lists?lang=fr", &r);
	ok(r.status == 200 && body_has(&r, ">Usage humain<") && body_has(&r, ">Usage humain et vétérinaire<") &&
		   !body_has(&r, "Human use") && !body_has(&r, "Human and Veterinary use"),
	   "the lists' domains and the domain filter in French: RMS's French names");
	resp_free(&r);
	visit("/rms/lists/100000073345?lang=de", &r);
	ok(r.status == 200 && body_has(&r, "\">Human- und tierärztliche Verwendung</td>") &&
		   body_has(&r, ">Tierärztliche Verwendung</option>") && !body_has(&r, "Veterinary use") &&
		   !body_has(&r, "Human and Veterinary use"),
	   "a list's terms' domains and its filter in German");
	resp_free(&r);
}

static void test_organisations(void)
{
	struct resp r;
	visit("/oms/organisations?lang=de", &r);
	ok(r.status == 200 && body_has(&r, ">Österreich</option>") && body_has(&r, ">Frankreich</option>") &&
		   !body_has(&r, ">Austria<") && !body_has(&r, ">Greece<"),
	   "the country filter in German (ICU's names where RMS has no term)");
	const char *fr = r.body ? strstr(r.body, ">Frankreich</option>") : NULL;
	const char *at = r.body ? strstr(r.body, ">Österreich</option>") : NULL;
	ok(fr && at && fr < at, "the country filter in the order of its German names (Frankreich before Österreich)");
	ok(body_has(&r, "\">Frankreich</td>") && !body_has(&r, "\">FR</td>"),
	   "the organisations' countries by name, in German");
	ok(body_has(&r, ">Zulassungsbehörde</option>") && body_has(&r, "\">Zulassungsbehörde</td>") &&
		   body_has(&r, "<option value=\"Regulatory Authority\"") && !body_has(&r, ">Regulatory Authority<") &&
		   !body_has(&r, ">Industry<"),
	   "organisation types in German, the filter's values as the data writes them");
	resp_free(&r);
	visit("/oms/organisations?lang=fr&type=Regulatory+Authority", &r);
	ok(r.status == 200 && body_has(&r, "\">Autorité réglementaire</td>") && !body_has(&r, "\">Industrie</td>"),
	   "the type filter still filters by the data's value");
	resp_free(&r);
	visit("/oms/organisations/ORG-100000004?lang=fr", &r);
	ok(r.status == 200 && body_has(&r, "<dd>Industrie</dd>") && body_has(&r, "<dd>Grande</dd>") &&
		   !body_has(&r, "<dd>Industry</dd>") && !body_has(&r, "<dd>Large</dd>"),
	   "an organisation's type and size in French");
	ok(body_has(&r, "Allemagne</a>") && !body_has(&r, "Germany"),
	   "its locations' country in French (RMS's term)");
	resp_free(&r);
}

static void test_location(void)
{
	struct resp r;
	visit("/oms/locations/LOC-100001006?lang=de", &r);
	ok(r.status == 200 && body_has(&r, "\nPostfach 10 00 00<br>") && !body_has(&r, "Postfach Postfach") &&
		   !body_has(&r, "PO Box"),
	   "a PO box that names itself: no second label (not \"Postfach Postfach\")");
	ok(body_count(&r, "Bundesrepublik Deutschland") == 1 && !body_has(&r, "Germany") &&
		   body_has(&r, "Bundesrepublik Deutschland</a></span>\n</address>"),
	   "the country once, in German, ending the address");
	resp_free(&r);
	visit("/oms/locations/LOC-100001006?lang=en", &r);
	ok(r.status == 200 && body_count(&r, ">Germany<") == 1 && !body_has(&r, "Federal Republic of Germany"),
	   "in English too one name for it (RMS's short name)");
	resp_free(&r);
	visit("/oms/locations/LOC-100001003?lang=de", &r);
	ok(r.status == 200 && body_has(&r, "<span lang=\"de\">Frankreich</span>\n</address>") &&
		   !body_has(&r, ">France<"),
	   "a country RMS has no term for: ICU's German name");
	resp_free(&r);
}

static void test_plurals(void)
{
	static const struct {
		const char *path, *want, *not;
	} pages[] = {
		{"/rms/lists?q=Country&lang=en", " 1 list</p>", "1 lists"},
		{"/rms/lists?q=Country&lang=fr", " 1 liste</p>", "1 listes"},
		{"/rms/lists?q=Country&lang=de", " 1 Liste</p>", "1 Listen"},
		{"/rms/lists?lang=fr", " listes</p>", "liste</p>"},
		{"/rms/lists/100000000004?lang=fr", " 3 termes</p>", NULL},
	};
	for (size_t i = 0; i < sizeof pages / sizeof pages[0]; i++) {
		struct resp r;
		visit(pages[i].path, &r);
		char name[256];
		snprintf(name, sizeof name, "%s counts in words: \"%s\"", pages[i].path, pages[i].want);
		ok(r.status == 200 && body_has(&r, pages[i].want) && !(pages[i].not && body_has(&r, pages[i].not)), "%s",
		   name);
		resp_free(&r);
	}
}

static void test_audit(MYSQL *owner)
{
	struct user admin;
	if (!ok(user_make_admin(owner, &admin, "words-admin", run, "example.org"), "an administrator"))
		return;
	struct resp r;
	admin.v.extra = "Accept-Language: fr";
	visitor_get(&admin.v, "/admin/audit?event=login", &r);
	ok(r.status == 200 && body_has(&r, ">Connexion</td>") && !body_has(&r, "login.ok"),
	   "the audit log names its events in French");
	resp_free(&r);
	admin.v.extra = "Accept-Language: de";
	visitor_get(&admin.v, "/admin/audit?event=login", &r);
	ok(r.status == 200 && body_has(&r, ">Angemeldet</td>") && !body_has(&r, "login.ok"), "and in German");
	resp_free(&r);
}

int main(void)
{
	MYSQL *owner = users_start(run);
	ok(dbtest_import_demo(), "the demonstration data is imported");
	test_domains();
	test_organisations();
	test_location();
	test_plurals();
	test_audit(owner);
	users_done(owner);
	return done_testing();
}
