/* HTTP tests of what a search costs the database (issue 20): the
 * statements that one term search, one misspelt term search and one
 * organisation search execute, counted by the server (Com_stmt_execute),
 * stay within a budget (a round trip costs as much as a small statement);
 * and the searches read in one statement still page as before: past the
 * last page, the last page. */
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

/* The statements the server has executed so far, by every connection. */
static long long executed(void)
{
	const char *v = dbtest_value(owner, "SELECT VARIABLE_VALUE FROM information_schema.GLOBAL_STATUS"
					    " WHERE VARIABLE_NAME = 'COM_STMT_EXECUTE'");
	return v ? atoll(v) : -1;
}

/* The statements one GET of `path` executes: the least of five tries (the
 * mailer's and other background statements only ever add), each past
 * nginx's cache; -1 when a page does not answer 200 with `expect`. */
static long long statements(const char *path, const char *expect)
{
	long long least = -1;
	for (int i = 0; i < 5; i++) {
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
	/* Warm: every worker has prepared its statements and read the words. */
	for (int i = 0; i < 8; i++) {
		statements("/rms/search?q=powdr+solvnet", "Did you mean");
		statements("/oms/organisations?q=Nordlict", "Did you mean");
	}
	long long n = statements("/rms/search?q=powder+solvent", "/rms/terms/900000002301");
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
	request("GET", "/rms/search?q=powder&size=10&page=9999", NULL, 0, NULL, &r);
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

int main(void)
{
	char run[USER_RUN_SIZE];
	owner = users_start(run);
	ok(import("rms", "forgiving.csv", "Forgiving fixture") == 0 && import("oms", "similar.csv", NULL) == 0,
	   "the fixtures are imported");
	client_anonymous = false; /* past nginx's page cache: the pages as the programs make them */
	test_budgets();
	test_paging();
	client_anonymous = true;
	users_done(owner);
	done_testing();
}
