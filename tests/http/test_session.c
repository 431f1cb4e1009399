/* Who is signed in, on every program's pages: a live session shows "Signed
 * in as" with the account's name (escaped) and opens the signed-in pages;
 * an expired, idle, unknown or malformed token, or a locked account, is
 * anonymous.  Sessions are made here in the database (the login form comes
 * with the accounts). */
#include "config.h"

#include <stdlib.h>

#include "../tap.h"
#include "client.h"
#include "dbtest.h"
#include "users.h"

static MYSQL *owner;

/* 43 characters, as the portal's tokens. */
#define TOKEN(c) c c c c c c c c c c c c c c c c c c c c c c c c c c c c c c c c c c c c c c c c c c c

static void make_session(const char *token, const char *account, const char *expires, const char *seen)
{
	char sql[1024];
	snprintf(sql, sizeof sql,
		 "INSERT INTO sessions (token_hash, account_id, expires_at, last_seen_at)"
		 " SELECT UNHEX(SHA2('%s', 256)), id, %s, %s FROM accounts WHERE email = '%s'",
		 token, expires, seen, account);
	if (mysql_query(owner, sql))
		diag("%s", mysql_error(owner));
}

static void page_as(const char *token, const char *path, struct resp *r)
{
	char cookie[128];
	snprintf(cookie, sizeof cookie, "Cookie: spor_session=%s", token);
	const char *headers[] = {cookie, NULL};
	request("GET", path, NULL, 0, headers, r);
}

static bool signed_in(const char *token, const char *path)
{
	struct resp r;
	page_as(token, path, &r);
	bool yes = r.status == 200 && body_has(&r, "Signed in as");
	resp_free(&r);
	return yes;
}

int main(void)
{
	owner = users_start(NULL); /* each request sends its own cookie */
	mysql_query(owner, "DELETE FROM accounts WHERE email LIKE '%@session.test'");
	mysql_query(owner, "INSERT INTO accounts (email, name, password_hash, status) VALUES"
			   " ('ada@session.test', 'Ada <b>Lovelace</b> & Co', 'x', 'active'),"
			   " ('locked@session.test', 'Locked Person', 'x', 'locked')");
	const char *live = TOKEN("a"), *expired = TOKEN("b"), *idle = TOKEN("c"), *locked = TOKEN("d");
	make_session(live, "ada@session.test", "UTC_TIMESTAMP() + INTERVAL 1 HOUR", "UTC_TIMESTAMP()");
	make_session(expired, "ada@session.test", "UTC_TIMESTAMP() - INTERVAL 1 SECOND", "UTC_TIMESTAMP()");
	make_session(idle, "ada@session.test", "UTC_TIMESTAMP() + INTERVAL 1 HOUR",
		     "UTC_TIMESTAMP() - INTERVAL 1 DAY");
	make_session(locked, "locked@session.test", "UTC_TIMESTAMP() + INTERVAL 1 HOUR", "UTC_TIMESTAMP()");

	struct resp r;
	page_as(live, "/", &r);
	ok(r.status == 200 && body_has(&r, "Signed in as") && body_has(&r, "Ada &lt;b&gt;Lovelace&lt;/b&gt; &amp; Co") &&
		   !body_has(&r, "<b>Lovelace"),
	   "a live session: \"Signed in as\" and the name, escaped");
	ok(!body_has(&r, "href=\"/login\""), "and no \"Log in\" link");
	char *cc = header(&r, "Cache-Control");
	ok(cc && !strstr(cc, "public"), "a signed-in page is never public in caches (%s)", cc ? cc : "none");
	free(cc);
	resp_free(&r);
	ok(signed_in(live, "/rms/lists") && signed_in(live, "/oms/organisations"), "on spor-public's other pages too");
	ok(signed_in(live, "/login"), "and on spor-account's");
	page_as(live, "/account", &r);
	ok(r.status == 200, "a signed-in page opens (/account: %ld)", r.status);
	resp_free(&r);
	page_as(expired, "/account", &r);
	ok(r.status == 303, "an expired session is anonymous: /account sends to the login (%ld)", r.status);
	resp_free(&r);
	ok(!signed_in(expired, "/"), "an expired session shows no name");
	ok(!signed_in(idle, "/"), "an idle session (not seen for a day) shows no name");
	ok(!signed_in(locked, "/"), "a locked account's session shows no name");
	ok(!signed_in(TOKEN("z"), "/"), "an unknown token shows no name");
	ok(!signed_in("a'--", "/") && !signed_in("tests", "/"), "a malformed token is ignored");
	mysql_query(owner, "DELETE FROM accounts WHERE email LIKE '%@session.test'");
	users_done(owner);
	return done_testing();
}
