/* HTTP tests of the search that forgives (issue 19, item 9): a misspelt
 * word, in English, French or German, finds the terms and organisations it
 * meant, with "Did you mean" and a link to the corrected search that keeps
 * the filters; nothing is offered when the words match or when no word is
 * near; every worker sees the words of a new import at once; a new
 * organisation's proposal shows the organisations of similar names in its
 * country before it is submitted.  And what a search costs the database
 * (issue 20): the statements one term search, one misspelt term search and
 * one organisation search execute, counted by the server
 * (Com_stmt_execute), stay within a budget (a round trip costs as much as a
 * small statement); the searches read in one statement still page as
 * before: past the last page, the last page. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../tap.h"
#include "client.h"
#include "dbtest.h"
#include "users.h"

static MYSQL *owner;

static int import(const char *kind, const char *file, const char *list_name)
{
	const char *src = getenv("top_srcdir");
	char path[4096], args[8192];
	snprintf(path, sizeof path, "%s/tests/fixtures/%s/%s", src ? src : ".", kind, file);
	char *real = realpath(path, NULL);
	if (list_name)
		snprintf(args, sizeof args, "import %s --list-name '%s' '%s'", kind, list_name, real ? real : path);
	else
		snprintf(args, sizeof args, "import %s '%s'", kind, real ? real : path);
	free(real);
	return dbtest_sporctl(NULL, args, NULL);
}

/* GET `path` in interface language `lang` (NULL: the default). */
static void get_in(const char *path, const char *lang, struct resp *r)
{
	char accept[64];
	snprintf(accept, sizeof accept, "Accept-Language: %s", lang ? lang : "en");
	const char *headers[] = {accept, NULL};
	request("GET", path, NULL, 0, headers, r);
}

/* Misspelt searches: the page suggests `suggestion`, linked to `href`
 * (the filters kept), and lists `id`. */
static const struct {
	const char *path, *suggestion, *href, *id, *name;
} misspelt[] = {
	{"/rms/search?q=powdr+solvnet&size=100", "powder solvent", "/rms/search?size=100&amp;q=powder%20solvent",
	 "/rms/terms/900000002301", "an English word misspelt finds the term, with a link to the corrected search"},
	{"/rms/search?q=poudre+injectabel", "poudre injectable", "/rms/search?q=poudre%20injectable",
	 "/rms/terms/900000002301", "so does a French one"},
	{"/rms/search?q=comprime+pelicul%C3%A9&list=900000000023", "comprime pelliculé",
	 "/rms/search?list=900000000023&amp;q=comprime%20pellicul%C3%A9", "/rms/terms/900000002302",
	 "accents aside, in a list: the link keeps the list and the word as the names write it"},
	{"/rms/search?q=Filmtablete", "Filmtablette", "/rms/search?q=Filmtablette", "/rms/terms/900000002302",
	 "and a German one"},
	{"/oms/organisations?q=Nordlict", "Nordlicht", "/oms/organisations?q=Nordlicht",
	 "/oms/organisations/ORG-610000001", "a misspelt organisation name finds it"},
	{"/oms/organisations?q=sonnenhugl", "sonnenhügel", "/oms/organisations?q=sonnenh%C3%BCgel",
	 "/oms/organisations/ORG-610000003", "accents aside, in the small letters typed"},
};

/* Whether the search misspelt[i] suggests what it should and lists its record. */
static bool forgives(size_t i)
{
	struct resp r;
	get_in(misspelt[i].path, NULL, &r);
	char link[512];
	snprintf(link, sizeof link, "<a href=\"%s\">%s</a>", misspelt[i].href, misspelt[i].suggestion);
	bool good = r.status == 200 && body_has(&r, "Did you mean") && body_has(&r, link) && body_has(&r, misspelt[i].id);
	if (!good) {
		const char *at = r.body ? strstr(r.body, "<q>") : NULL;
		diag("%s: %ld, expected %s and %s; %.300s", misspelt[i].path, r.status, link, misspelt[i].id,
		     at ? at : "no suggestion");
	}
	resp_free(&r);
	return good;
}

static bool suggests(const char *path)
{
	struct resp r;
	get_in(path, NULL, &r);
	bool any = body_has(&r, "Did you mean");
	resp_free(&r);
	return any;
}

static void test_misspelt(void)
{
	for (size_t i = 0; i < sizeof misspelt / sizeof misspelt[0]; i++)
		ok(forgives(i), "%s", misspelt[i].name);
	ok(!suggests("/rms/search?q=solvent+injection"), "no suggestion when the words match");
	ok(!suggests("/rms/search?q=xqzvbnmw"), "none when no word is near");
	struct resp r;
	get_in("/rms/search?q=poudre+injectabel", "fr", &r);
	ok(body_has(&r, "Vouliez-vous dire") && body_has(&r, "Aucun résultat pour"), "the suggestion in French");
	resp_free(&r);
	get_in("/rms/search?q=poudre+injectabel", "de", &r);
	ok(body_has(&r, "Meinten Sie") && body_has(&r, "Keine Treffer für"), "and in German");
	resp_free(&r);
}

static void test_organisations(void)
{
	ok(!suggests("/oms/organisations?q=Nordlicht"), "no suggestion when the name matches");
	/* Every worker reads the index's words before the import, then sees the new one. */
	int before = 0, after = 0;
	for (int i = 0; i < 12; i++)
		before += suggests("/oms/organisations?q=Quelbrunnen");
	ok(import("oms", "similar-later.csv", NULL) == 0, "a later import");
	for (int i = 0; i < 12; i++)
		after += suggests("/oms/organisations?q=Quelbrunnen");
	ok(before == 0 && after == 12, "every worker suggests a word of the new import at once (%d, then %d of 12)",
	   before, after);
}

/* The statements the server has executed so far, by every connection. */
static long long executed(void)
{
	const char *v = dbtest_value(owner, "SELECT VARIABLE_VALUE FROM information_schema.GLOBAL_STATUS"
					    " WHERE VARIABLE_NAME = 'COM_STMT_EXECUTE'");
	return v ? atoll(v) : -1;
}

/* The statements one GET of `path` executes: the least of three tries (the
 * mailer's and other background statements only ever add, and so does a
 * worker's first read of the words), each past nginx's cache; -1 when a
 * page does not answer 200 with `expect`.  Few requests: nginx limits
 * searches to 20 a second after a burst of 100. */
static long long statements(const char *path, const char *expect)
{
	long long least = -1;
	for (int i = 0; i < 3; i++) {
		struct resp r;
		long long before = executed();
		request("GET", path, NULL, 0, NULL, &r);
		long long n = executed() - before;
		bool good = r.status == 200 && body_has(&r, expect);
		if (!good)
			diag("%s: %ld, without %s", path, r.status, expect);
		resp_free(&r);
		if (!good)
			return -1;
		if (least < 0 || n < least)
			least = n;
	}
	return least;
}

static void test_budgets(void)
{
	/* Every worker reads the words on its first forgiving search. */
	for (int i = 0; i < 4; i++) {
		struct resp r;
		request("GET", "/rms/search?q=powdr+solvnet", NULL, 0, NULL, &r);
		resp_free(&r);
		request("GET", "/oms/organisations?q=Nordlict", NULL, 0, NULL, &r);
		resp_free(&r);
	}
	long long n = statements("/rms/search?q=powder+solvent&list=900000000023", "/rms/terms/900000002301");
	ok(n >= 1 && n <= 4, "a two-word term search executes at most 4 statements (%lld): the words counted together, "
			     "the page, its count and its names together",
	   n);
	n = statements("/rms/search?q=powdr+solvnet", "Did you mean");
	ok(n >= 1 && n <= 11, "a misspelt one at most 11 (%lld): the nearest words' counts together", n);
	n = statements("/oms/organisations?q=Nordlicht+Arzneimittel", "ORG-610000001");
	ok(n >= 1 && n <= 4, "an organisation search at most 4 (%lld): its page and count together", n);
}

static void test_paging(void)
{
	struct resp r;
	request("GET", "/rms/search?q=powder&list=900000000023&size=10&page=9999", NULL, 0, NULL, &r);
	ok(r.status == 200 && body_has(&r, "/rms/terms/900000002301"),
	   "a term search past its last page shows the last page's hit");
	resp_free(&r);
	request("GET", "/oms/organisations?q=Nordlicht&size=10&page=9999", NULL, 0, NULL, &r);
	ok(r.status == 200 && body_has(&r, "ORG-610000001"), "and an organisation search its last organisation");
	resp_free(&r);
	request("GET", "/rms/search?q=powder+xqzvbnmw", NULL, 0, NULL, &r);
	ok(r.status == 200 && !body_has(&r, "class=\"hit-title\""), "a word in no term finds none");
	resp_free(&r);
}

static long form_post(struct user *u, const char *fields, struct resp *r)
{
	struct resp form;
	visitor_get(&u->v, "/oms/requests/new", &form);
	resp_free(&form);
	return visitor_post(&u->v, "/oms/requests/new", fields, true, r);
}

static long long requests_of(const struct user *u)
{
	char sql[256];
	snprintf(sql, sizeof sql, "SELECT COUNT(*) FROM change_requests WHERE account_id = %s", u->id);
	return atoll(dbtest_value(owner, sql));
}

static void test_similar(const char *run)
{
	struct user u;
	if (!user_make(owner, &u, "similar", run, "example.com")) {
		ok(false, "a user to propose organisations");
		return;
	}
	static const char *const base = "org_type=Industry&address=3+Test+Street&city=Kiel&country=DE"
					"&justification=My+company+is+missing";
	char fields[1024];
	struct resp r;
	snprintf(fields, sizeof fields, "org_name=Nordlict+Arzneimittel+AG&%s&step=submit", base);
	long status = form_post(&u, fields, &r);
	ok(status == 200 && body_has(&r, "Organisations with similar names in this country") &&
		   body_has(&r, "/oms/organisations/ORG-610000001") && body_has(&r, "name=\"similar_seen\" value=\"1\""),
	   "a new organisation's first submit shows the one of a similar name in its country");
	ok(!body_has(&r, "ORG-610000002") && !body_has(&r, "ORG-610000003"),
	   "not the one of that name in another country, nor one of another name");
	ok(requests_of(&u) == 0, "and keeps nothing yet");
	resp_free(&r);
	snprintf(fields, sizeof fields, "org_name=Nordlicht+Arzneimittel+AG&%s&step=preview", base);
	form_post(&u, fields, &r);
	ok(body_has(&r, "/oms/organisations/ORG-610000001"), "the preview shows them too");
	resp_free(&r);
	u.v.extra = "Accept-Language: fr";
	form_post(&u, fields, &r);
	u.v.extra = NULL;
	ok(body_has(&r, "Organisations aux noms semblables dans ce pays"), "in the user's language");
	resp_free(&r);
	snprintf(fields, sizeof fields, "org_name=Nordlict+Arzneimittel+AG&%s&step=submit&similar_seen=1", base);
	ok(form_post(&u, fields, &r) == 303 && requests_of(&u) == 1, "submitted again once seen, it is kept");
	resp_free(&r);
	snprintf(fields, sizeof fields, "org_name=Zyxwolk+Quarzfeld+%s&%s&step=submit", run, base);
	ok(form_post(&u, fields, &r) == 303 && requests_of(&u) == 2,
	   "a name like no other organisation's is submitted at once");
	resp_free(&r);
}

int main(void)
{
	char run[USER_RUN_SIZE];
	owner = users_start(run);
	ok(import("rms", "forgiving.csv", "Forgiving fixture") == 0 && import("oms", "similar.csv", NULL) == 0,
	   "the fixtures are imported");
	client_anonymous = false; /* past nginx's page cache: the pages as the programs make them */
	/* Some 70 searches, from an address of their own: nginx allows one
	 * address 20 a second after a burst of 100, which the tests before this
	 * one have spent on a fast machine. */
	client_source = "127.0.0.4";
	test_misspelt();
	test_organisations();
	test_budgets();
	test_paging();
	client_source = NULL;
	client_anonymous = true;
	test_similar(run);
	users_done(owner);
	done_testing();
}
