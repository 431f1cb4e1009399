/* An account's sessions against a hostile user (OWASP ASVS 3.3.4 and
 * 3.3.2), through nginx, spor-account and MariaDB:
 *   - /account/sessions lists the account's live sessions, each with the
 *     browser and system named from its User-Agent, the client address,
 *     when it started and was last used, this one marked; no token, hash
 *     or raw User-Agent on the page, whatever a browser sent;
 *   - logging out another session, or every other one, takes the current
 *     password: the right one makes the other cookie useless at once, a
 *     wrong one ends nothing, is audit-logged and counts towards the
 *     throttle (429 with Retry-After, then nothing ends even with the right
 *     password, until sporctl throttle reset);
 *   - a session is named by a public ID that only works for its own
 *     account: another account's is 404 and ends nothing; a POST without
 *     its CSRF token is refused;
 *   - a session started by two-step sign-in is recorded and listed too;
 *   - a session unused for 30 minutes is over (the idle timeout's default)
 *     and its row goes at the account's next sign-in;
 *   - where and from what a session started is for its owner only: neither
 *     spor-admin's nor spor-public's database user reads it. */
#include "config.h"

#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "../tap.h"
#include "authenticator.h"
#include "dbtest.h"
#include "users.h"

static MYSQL *owner;
static char run[USER_RUN_SIZE];
#define value(...) dbtest_valuef(owner, __VA_ARGS__)
#define sql(...) dbtest_execf(owner, __VA_ARGS__)

#define FIREFOX_UA "Mozilla/5.0 (X11; Linux x86_64; rv:126.0) Gecko/20100101 Firefox/126.0"
#define FIREFOX "User-Agent: " FIREFOX_UA
#define CHROME                                                                                                      \
	"User-Agent: Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) "              \
	"Chrome/125.0.0.0 Safari/537.36"
#define SAFARI_UA                                                                                                   \
	"Mozilla/5.0 (Macintosh; Intel Mac OS X 14_5) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 "        \
	"Safari/605.1.15"
#define SAFARI "User-Agent: " SAFARI_UA
#define RIGHT "current_password=" USER_PASSWORD
#define WRONG "current_password=not+the+passphrase"

/* A browser signed in to the user's account, sending `agent` (a header
 * line) with every request; true when the sign-in worked. */
static bool browser(struct visitor *v, const struct user *u, const char *agent)
{
	memset(v, 0, sizeof *v);
	v->extra = agent;
	return visitor_login(v, u->email, USER_PASSWORD) == 303;
}

/* The public ID of the visitor's session, into id. */
static void public_id(const struct visitor *v, char id[64])
{
	snprintf(id, 64, "%s", value("SELECT public_id FROM sessions WHERE token_hash = UNHEX(SHA2('%s', 256))",
				     v->session));
}

static bool signed_in(struct visitor *v)
{
	struct resp r;
	long status = visitor_get(v, "/account", &r);
	resp_free(&r);
	return status == 200;
}

static int occurrences(const char *text, const char *needle)
{
	int n = 0;
	for (const char *p = text ? strstr(text, needle) : NULL; p; p = strstr(p + 1, needle))
		n++;
	return n;
}

static long sessions_of(const struct user *u)
{
	return atol(value("SELECT COUNT(*) FROM sessions WHERE account_id = %s", u->id));
}

static long events(const struct user *u, const char *event)
{
	return atol(value("SELECT COUNT(*) FROM audit_log WHERE account_id = %s AND event = '%s'", u->id, event));
}

/* Log out the session of `id` from v, confirmed with `fields`: the status. */
static long end_one(struct visitor *v, const char *id, const char *fields, char location[256])
{
	char path[128];
	snprintf(path, sizeof path, "/account/sessions/%s", id);
	struct resp r;
	long status = visitor_form(v, "/account/sessions", path, fields, &r);
	char *where = header(&r, "Location");
	if (location)
		snprintf(location, 256, "%s", where ? where : "");
	free(where);
	resp_free(&r);
	return status;
}

static struct user ada, bob;
static struct visitor ada_fx, ada_ch;

/* Two browsers signed in to one account: both listed, by name. */
static void test_listed(void)
{
	ok(browser(&ada_fx, &ada, FIREFOX) && browser(&ada_ch, &ada, CHROME), "ada logs in with Firefox and with Chrome");
	char fx[64], ch[64], link[128];
	public_id(&ada_fx, fx);
	public_id(&ada_ch, ch);
	struct resp r;
	visitor_get(&ada.v, "/account", &r);
	ok(body_has(&r, "href=\"/account/sessions\""), "the account page links to where it is logged in");
	resp_free(&r);

	ok(visitor_get(&ada_fx, "/account/sessions", &r) == 200, "/account/sessions opens");
	ok(body_has(&r, "Firefox on Linux") && body_has(&r, "Chrome on Windows"),
	   "both browsers are listed by name: Firefox on Linux, Chrome on Windows");
	ok(body_has(&r, "Unknown browser"), "and the session that sent no User-Agent, as an unknown browser");
	ok(body_has(&r, "Firefox on Linux <span class=\"badge badge-live\">This session</span>") &&
		   occurrences(r.body, "This session") == 1,
	   "this session is marked, and no other");
	snprintf(link, sizeof link, "href=\"/account/sessions/%s\"", ch);
	ok(strlen(ch) == 43 && body_has(&r, link), "another session links to its page by its public ID");
	snprintf(link, sizeof link, "/account/sessions/%s", fx);
	ok(!body_has(&r, link) && body_has(&r, "action=\"/logout\""),
	   "this one has no such link: it ends with the sign-out form");
	ok(body_has(&r, ">127.0.0.1<"), "the client address is shown");
	ok(r.status == 200 && !body_has(&r, "Gecko/20100101") && !body_has(&r, "AppleWebKit"),
	   "the raw User-Agent is not");
	char hash[80];
	snprintf(hash, sizeof hash, "%s", value("SELECT HEX(UNHEX(SHA2('%s', 256)))", ada_ch.session));
	ok(r.status == 200 && !body_has(&r, ada_ch.session) && !body_has(&r, ada_fx.session) && !body_has(&r, hash) &&
		   strcmp(ch, ada_ch.session) != 0,
	   "nor any token or token's hash: the public ID is neither");
	resp_free(&r);
	is_str(value("SELECT CONCAT(user_agent, ' from ', client_addr) FROM sessions WHERE public_id = '%s'", fx),
	       FIREFOX_UA " from 127.0.0.1", "the session recorded the User-Agent and the address when it started");
}

/* Logging out the other browser: the password, the CSRF token, at once. */
static void test_end_one(void)
{
	char ch[64], fx[64], location[256];
	public_id(&ada_ch, ch);
	public_id(&ada_fx, fx);
	char path[128];
	snprintf(path, sizeof path, "/account/sessions/%s", ch);
	struct resp r;
	ok(visitor_get(&ada_fx, path, &r) == 200 && body_has(&r, "Chrome on Windows") &&
		   body_has(&r, "name=\"current_password\""),
	   "the other session's page names it and asks for the password");
	resp_free(&r);
	long refused = events(&ada, "session.end_refused");
	ok(end_one(&ada_fx, ch, WRONG, NULL) == 400 && signed_in(&ada_ch),
	   "a wrong password: 400, the other browser is still signed in");
	ok(events(&ada, "session.end_refused") == refused + 1, "the refusal is in the audit log");
	ok(end_one(&ada_fx, ch, "", NULL) == 400 && signed_in(&ada_ch), "no password: 400, nothing ends");
	ok(visitor_post(&ada_fx, path, RIGHT, false, &r) == 403 && signed_in(&ada_ch),
	   "the right password without the CSRF token: 403, nothing ends");
	resp_free(&r);

	ok(end_one(&ada_fx, ch, RIGHT, location) == 303 && strcmp(location, "/account/sessions?saved=session_ended") == 0,
	   "the right password: logged out (%s)", location);
	ok(!signed_in(&ada_ch), "the other browser's cookie opens nothing at once");
	ok(signed_in(&ada_fx) && signed_in(&ada.v), "this one and the third are still signed in");
	ok(events(&ada, "session.ended") == 1, "the audit log has it");
	visitor_get(&ada_fx, "/account/sessions?saved=session_ended", &r);
	char link[128];
	snprintf(link, sizeof link, "/account/sessions/%s", ch);
	ok(body_has(&r, "The session is logged out.") && !body_has(&r, "Chrome on Windows") && !body_has(&r, link),
	   "the page confirms it and lists it no more");
	resp_free(&r);
	ok(end_one(&ada_fx, ch, RIGHT, NULL) == 404, "its ID is 404 now");
	ok(visitor_get(&ada_fx, path, &r) == 404, "its page too");
	resp_free(&r);

	snprintf(path, sizeof path, "/account/sessions/%s", fx);
	ok(visitor_get(&ada_fx, path, &r) == 303, "this session's own page sends back to the list");
	resp_free(&r);
	ok(end_one(&ada_fx, fx, RIGHT, location) == 303 && strcmp(location, "/account/sessions") == 0 &&
		   signed_in(&ada_fx),
	   "and this session is not ended from here (the sign-out form does)");
	ok(visitor_get(&ada_fx, "/account/sessions/not-an-id", &r) == 400, "a malformed ID: 400");
	resp_free(&r);
}

/* Another account's session: 404, nothing ends, whatever the password. */
static void test_other_account(void)
{
	struct visitor bob_fx;
	ok(browser(&bob_fx, &bob, FIREFOX), "bob logs in too");
	char theirs[64], path[128];
	public_id(&bob_fx, theirs);
	snprintf(path, sizeof path, "/account/sessions/%s", theirs);
	long before = sessions_of(&bob);
	char mine[64], own[128];
	public_id(&ada.v, mine);
	snprintf(own, sizeof own, "/account/sessions/%s", mine);
	struct resp r;
	long own_status = visitor_get(&ada_fx, own, &r);
	resp_free(&r);
	ok(own_status == 200 && visitor_get(&ada_fx, path, &r) == 404 && !body_has(&r, "Firefox on Linux"),
	   "ada opens her own other session's page, but bob's session ID is 404, nothing of it shown");
	resp_free(&r);
	ok(end_one(&ada_fx, theirs, RIGHT, NULL) == 404, "ada's right password on it: 404");
	ok(sessions_of(&bob) == before && signed_in(&bob_fx), "bob's sessions are all there, still signed in");
	ok(events(&bob, "session.ended") == 0, "nothing in his audit log");
	visitor_get(&ada_fx, "/account/sessions", &r);
	ok(r.status == 200 && !body_has(&r, theirs), "ada's page never lists bob's sessions");
	resp_free(&r);
	struct visitor anon = {0};
	ok(visitor_get(&anon, path, &r) == 303, "a visitor who is not signed in is sent to log in");
	resp_free(&r);
}

/* "Every other session": the password, then only this one is left. */
static void test_end_others(void)
{
	struct user ola;
	struct visitor a, b, c;
	ok(user_make(owner, &ola, "ola", run, "sessions.test") && browser(&a, &ola, FIREFOX) &&
		   browser(&b, &ola, CHROME) && browser(&c, &ola, SAFARI),
	   "ola is logged in four times");
	struct resp r;
	ok(visitor_form(&a, "/account/sessions", "/account/sessions", WRONG, &r) == 400 &&
		   body_has(&r, "The current password is not right.") && sessions_of(&ola) == 4,
	   "every other one, with a wrong password: 400, the form says why, nothing ends");
	resp_free(&r);
	ok(events(&ola, "session.end_refused") == 1, "audited");
	ok(visitor_form(&a, "/account/sessions", "/account/sessions", RIGHT, &r) == 303, "with the right password: done");
	resp_free(&r);
	char mine[80];
	snprintf(mine, sizeof mine, "%s", value("SELECT HEX(UNHEX(SHA2('%s', 256)))", a.session));
	ok(sessions_of(&ola) == 1 &&
		   strcmp(value("SELECT HEX(token_hash) FROM sessions WHERE account_id = %s", ola.id), mine) == 0,
	   "only this session is left");
	ok(!signed_in(&b) && !signed_in(&c) && !signed_in(&ola.v) && signed_in(&a),
	   "the other three cookies open nothing; this one still does");
	ok(events(&ola, "session.ended_others") == 1, "audited");
	visitor_get(&a, "/account/sessions?saved=sessions_ended", &r);
	ok(body_has(&r, "Every other session is logged out.") && body_has(&r, "logged in nowhere else") &&
		   !body_has(&r, "action=\"/account/sessions\""),
	   "the page confirms it, and offers no more to end");
	resp_free(&r);
}

/* Wrong passwords are throttled like every action that hashes one. */
static void test_throttle(void)
{
	struct user tim;
	struct visitor a, b;
	ok(user_make(owner, &tim, "tim", run, "sessions.test") && browser(&a, &tim, FIREFOX) && browser(&b, &tim, CHROME),
	   "tim is logged in with two browsers");
	char other[64];
	public_id(&b, other);
	long status = 0;
	for (int i = 0; i < 5; i++)
		status = end_one(&a, other, WRONG, NULL);
	ok(status == 400 && signed_in(&b), "five wrong passwords: 400 each, nothing ends");
	char path[128];
	snprintf(path, sizeof path, "/account/sessions/%s", other);
	struct resp r;
	status = visitor_form(&a, path, path, RIGHT, &r);
	char *retry = header(&r, "Retry-After");
	ok(status == 429 && retry && atol(retry) > 0 && body_has(&r, "Try again in"),
	   "then even the right one: 429, Retry-After %s, the form says when", retry ? retry : "missing");
	free(retry);
	resp_free(&r);
	ok(visitor_form(&a, "/account/sessions", "/account/sessions", RIGHT, &r) == 429, "every other one: 429 too");
	resp_free(&r);
	ok(signed_in(&b) && sessions_of(&tim) == 3, "nothing ended");
	ok(events(&tim, "session.end_refused") == 5 && events(&tim, "session.end_lockout") >= 1 &&
		   events(&tim, "session.end_throttled") == 2,
	   "the audit log has the wrong passwords, the lockout and the refusals");
	char args[200];
	snprintf(args, sizeof args, "throttle reset %s", tim.email);
	ok(dbtest_sporctl(NULL, args, NULL) == 0 && end_one(&a, other, RIGHT, NULL) == 303 && !signed_in(&b),
	   "sporctl throttle reset lifts it: the right password logs the other one out");
}

/* A session started by two-step sign-in is recorded and listed the same. */
static void test_two_step(void)
{
	struct user tess;
	ok(user_make(owner, &tess, "tess", run, "sessions.test") && authenticator_enrol(&tess.v, NULL),
	   "tess has two-step sign-in on");
	struct visitor mac = {0};
	mac.extra = SAFARI;
	char pending[256];
	struct resp r;
	visitor_get(&mac, "/login", &r);
	resp_free(&r);
	char fields[300];
	snprintf(fields, sizeof fields, "email=%s&password=%s", tess.email, USER_PASSWORD);
	visitor_post(&mac, "/login", fields, true, &r);
	char *location = header(&r, "Location");
	snprintf(pending, sizeof pending, "%s", location ? location : "");
	free(location);
	resp_free(&r);
	ok(strncmp(pending, "/login/two-factor", 17) == 0 && !*mac.session, "the password alone starts no session");
	char code[7];
	ok(authenticator_code(tess.email, code), "a code of her app");
	visitor_get(&mac, "/login/two-factor", &r);
	resp_free(&r);
	snprintf(fields, sizeof fields, "code=%s", code);
	ok(visitor_post(&mac, "/login/two-factor", fields, true, &r) == 303 && *mac.session, "the code starts it");
	resp_free(&r);
	char id[64];
	public_id(&mac, id);
	is_str(value("SELECT CONCAT(user_agent, ' from ', client_addr) FROM sessions WHERE public_id = '%s'", id),
	       SAFARI_UA " from 127.0.0.1", "it recorded the User-Agent and the address");
	visitor_get(&tess.v, "/account/sessions", &r);
	char link[128];
	snprintf(link, sizeof link, "/account/sessions/%s", id);
	ok(body_has(&r, "Safari on macOS") && body_has(&r, link), "and her other session lists it: Safari on macOS");
	resp_free(&r);
}

/* Whatever a browser sends as its User-Agent is kept short and printable,
 * and never shown as such. */
static void test_hostile_agent(void)
{
	static char agent[10000];
	int n = snprintf(agent, sizeof agent, "%s",
			 "User-Agent: <script>alert(1)</script> \"quote' Firefox/1 \x01\x7f\xc3\xa9\xff Windows ");
	memset(agent + n, 'A', sizeof agent - (size_t)n - 1);
	agent[sizeof agent - 1] = '\0';
	struct visitor evil;
	ok(browser(&evil, &ada, agent), "a sign-in with a 10 KB User-Agent of markup, controls and 8-bit bytes");
	char id[64];
	public_id(&evil, id);
	const char *kept = value("SELECT user_agent FROM sessions WHERE public_id = '%s'", id);
	bool printable = strlen(kept) == 255;
	for (const char *p = kept; *p; p++)
		printable = printable && *p >= 0x20 && *p < 0x7f;
	ok(printable, "its first 255 bytes are kept, each one printable ASCII");
	const char *want = "<script>alert(1)</script> \"quote' Firefox/1 ????? Windows AAA";
	is_str(value("SELECT LEFT(user_agent, %zu) FROM sessions WHERE public_id = '%s'", strlen(want), id), want,
	       "the others replaced by '?'");
	struct resp r;
	ok(visitor_get(&evil, "/account/sessions", &r) == 200 && body_has(&r, "Firefox on Windows") &&
		   !body_has(&r, "alert(1)") && !body_has(&r, "quote'"),
	   "the page names it (Firefox on Windows) and shows none of its text");
	resp_free(&r);
	sql("DELETE FROM sessions WHERE public_id = '%s'", id);
}

/* Thirty minutes without use end a session (ASVS 3.3.2, level 2). */
static void test_idle(void)
{
	struct visitor a, b;
	ok(browser(&a, &bob, FIREFOX) && browser(&b, &bob, CHROME), "bob on two browsers");
	char idle[64];
	public_id(&b, idle);
	sql("UPDATE sessions SET last_seen_at = UTC_TIMESTAMP() - INTERVAL 29 MINUTE WHERE public_id = '%s'", idle);
	ok(signed_in(&b), "unused for 29 minutes: still signed in");
	sql("UPDATE sessions SET last_seen_at = UTC_TIMESTAMP() - INTERVAL 31 MINUTE WHERE public_id = '%s'", idle);
	ok(!signed_in(&b), "unused for 31 minutes: signed out");
	struct resp r;
	char link[128];
	snprintf(link, sizeof link, "/account/sessions/%s", idle);
	visitor_get(&a, "/account/sessions", &r);
	ok(r.status == 200 && !body_has(&r, link), "and no longer listed");
	resp_free(&r);
	ok(end_one(&a, idle, RIGHT, NULL) == 404, "nor ended from the page: 404");
	struct visitor c;
	ok(browser(&c, &bob, SAFARI) &&
		   strcmp(value("SELECT COUNT(*) FROM sessions WHERE token_hash = UNHEX(SHA2('%s', 256))", b.session), "0") == 0,
	   "the next sign-in deletes the idle row (its browser and address with it)");
}

/* Where a session started is its owner's to see: not spor-admin's or
 * spor-public's database user's. */
static void test_privileges(void)
{
	MYSQL *adm = dbtest_connect("admin"), *pub = dbtest_connect("public");
	if (!ok(adm && pub, "connected as spor-admin's and spor-public's users"))
		return;
	static const char *const hidden[] = {
		"SELECT user_agent FROM sessions",
		"SELECT client_addr FROM sessions",
		"SELECT public_id FROM sessions",
		"SELECT * FROM sessions",
		"SELECT COUNT(*) FROM sessions WHERE user_agent LIKE '%Firefox%'",
	};
	/* The owner may (the columns are there), the programs' users not. */
	for (size_t i = 0; i < sizeof hidden / sizeof hidden[0]; i++)
		ok(dbtest_run(owner, hidden[i]) == 0 && dbtest_run(adm, hidden[i]) != 0 && dbtest_run(pub, hidden[i]) != 0,
		   "neither spor-admin's nor spor-public's user may: %s", hidden[i]);
	ok(dbtest_run(adm, "SELECT token_hash, account_id, last_seen_at, expires_at FROM sessions LIMIT 1") == 0 &&
		   dbtest_run(adm, "DELETE FROM sessions WHERE account_id = 0") == 0 &&
		   dbtest_run(adm, "UPDATE sessions SET last_seen_at = last_seen_at WHERE token_hash = ''") == 0,
	   "spor-admin's user still finds a session, records its use and ends an account's (locking)");
	/* spor_request()'s one row, its columns joined. */
	char call[200], row[2000] = "";
	snprintf(call, sizeof call, "CALL spor_request(UNHEX(SHA2('%s', 256)), 1800)", ada_fx.session);
	MYSQL_RES *res = mysql_query(pub, call) == 0 ? mysql_store_result(pub) : NULL;
	MYSQL_ROW cells = res ? mysql_fetch_row(res) : NULL;
	unsigned ncols = res ? mysql_num_fields(res) : 0;
	for (unsigned i = 0; cells && i < ncols; i++)
		snprintf(row + strlen(row), sizeof row - strlen(row), "%s|", cells[i] ? cells[i] : "");
	if (res)
		mysql_free_result(res);
	while (mysql_next_result(pub) == 0)
		if ((res = mysql_store_result(pub)))
			mysql_free_result(res);
	ok(cells && ncols == 14 && !strstr(row, "Firefox") && !strstr(row, "127.0.0.1"),
	   "spor_request() tells spor-public who is signed in, not where from (%s)", row);
	mysql_close(adm);
	mysql_close(pub);
}

int main(void)
{
	if (!getenv("SPOR_TEST_BUILD"))
		skip_all("no test instance (script/test sets one up)");
	owner = users_start(run);
	if (!ok(user_make(owner, &ada, "ada", run, "sessions.test") && user_make(owner, &bob, "bob", run, "sessions.test"),
		"two accounts, ada and bob"))
		return done_testing();
	test_listed();
	test_end_one();
	test_other_account();
	test_end_others();
	test_throttle();
	test_two_step();
	test_hostile_agent();
	test_idle();
	test_privileges();
	users_done(owner);
	return done_testing();
}
