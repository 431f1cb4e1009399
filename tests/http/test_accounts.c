/* Accounts from the outside, through nginx, with real mail: registration
 * (the same answer for a known email, argon2id hashes), the verification
 * link (single use, expiry), signing in (one message for an unknown email
 * and a wrong password, similar timing; session rotation; cookie flags; the
 * return path refuses other sites), signing out, throttling and lockout with
 * the audit log, and CSRF on every form. */
#include "config.h"

#include <stdlib.h>
#include <time.h>
#include <unistd.h>

#include "../tap.h"
#include "dbtest.h"
#include "mailbox.h"
#include "users.h"
#include "visitor.h"

static MYSQL *owner;
static char run[USER_RUN_SIZE]; /* makes this run's emails unique */

static const char *email(const char *who)
{
	static char buf[4][128];
	static int i;
	i = (i + 1) % 4;
	snprintf(buf[i], sizeof buf[i], "%s.%s@accounts.test", who, run);
	return buf[i];
}

#define value(...) dbtest_valuef(owner, __VA_ARGS__)
#define sql(...) dbtest_execf(owner, __VA_ARGS__)

static long post(struct visitor *v, const char *path, const char *fields)
{
	struct resp r;
	long status = visitor_post(v, path, fields, true, &r);
	resp_free(&r);
	return status;
}

static long get_status(struct visitor *v, const char *path)
{
	struct resp r;
	long status = visitor_get(v, path, &r);
	resp_free(&r);
	return status;
}

static void test_register(void)
{
	struct visitor v = {0};
	struct resp r;
	ok(visitor_get(&v, "/register", &r) == 200 && body_has(&r, "name=\"password_confirm\"") && *v.token &&
		   *v.pre,
	   "the form has its fields, a CSRF token and sets the pre-session cookie");
	resp_free(&r);

	const char *ada = email("ada");
	ok(visitor_post(&v, "/register", "name=Ada&email=x%40accounts.test&password=long+enough+pw&password_confirm=x",
			true, &r) == 400 &&
		   body_has(&r, "The two passwords are not the same"),
	   "different passwords: 400, and the form says so");
	resp_free(&r);
	ok(visitor_post(&v, "/register", "name=Ada&email=x%40accounts.test&password=password1234&password_confirm=password1234",
			true, &r) == 400 &&
		   body_has(&r, "most common"),
	   "a common password is refused");
	resp_free(&r);
	ok(visitor_post(&v, "/register", "name=Ada&email=not-an-email&password=a+long+passphrase", true, &r) == 400,
	   "a malformed email: 400");
	resp_free(&r);
	ok(visitor_post(&v, "/register", "name=+&password=short", true, &r) == 400 &&
		   body_has(&r, "id=\"name-error\">Full name: This field is required") &&
		   body_has(&r, "id=\"email-error\">Email address: This field is required") &&
		   body_has(&r, "id=\"password-error\">Password: "),
	   "no name, no email and a short password: the form marks all three");
	resp_free(&r);

	char fields[300];
	snprintf(fields, sizeof fields, "name=Ada&email=%s&password=a+long+passphrase&password_confirm=a+long+passphrase",
		 ada);
	ok(visitor_post(&v, "/register", fields, false, &r) == 403, "without the CSRF token: 403");
	resp_free(&r);
	ok(!*value("SELECT id FROM accounts WHERE email = '%s'", ada), "and no account was made");

	ok(visitor_register(&v, "Ada+%3Cb%3ELovelace%3C%2Fb%3E", ada, "a+long+passphrase", &r) == 200 &&
		   body_has(&r, "Check your email"),
	   "a registration: 200, check your email");
	char *first = r.body ? strdup(r.body) : NULL;
	resp_free(&r);
	ok(strcmp(value("SELECT status FROM accounts WHERE email = '%s'", ada), "pending") == 0,
	   "the account waits for its email's confirmation");
	const char *hash = value("SELECT password_hash FROM accounts WHERE email = '%s'", ada);
	ok(strncmp(hash, "$argon2id$v=19$m=19456,t=2,p=1$", 31) == 0, "the password is stored as argon2id m=19456 t=2 p=1");
	ok(!strstr(hash, "passphrase"), "and never as typed");

	/* The same email again: the same answer; its owner is told by email. */
	struct visitor other = {0};
	ok(visitor_register(&other, "Mallory", ada, "another+passphrase", &r) == 200 && body_has(&r, "Check your email"),
	   "registering a known email answers the same");
	ok(first && r.body && strlen(first) > 1000 && labs((long)strlen(first) - (long)strlen(r.body)) < 40,
	   "with a page of the same length (%zu, %zu)", first ? strlen(first) : 0, r.body ? strlen(r.body) : 0);
	resp_free(&r);
	free(first);
	ok(strcmp(value("SELECT COUNT(*) FROM accounts WHERE email = '%s'", ada), "1") == 0,
	   "no second account is made");

	char needle[200];
	snprintf(needle, sizeof needle, "To: <%s>", ada);
	ok(mailbox_wait(needle, 2, 15), "two mails reach the address");
	char *token = mailbox_token(needle, "/register/verify");
	ok(token != NULL, "the verification mail holds a link with a token");
	ok(token && !*value("SELECT 1 FROM account_tokens WHERE token_hash = '%s'", token),
	   "the token is stored only hashed");

	/* The link. */
	char path[200], body[200];
	snprintf(path, sizeof path, "/register/verify?token=%s", token ? token : "");
	snprintf(body, sizeof body, "token=%s", token ? token : "");
	ok(visitor_get(&v, path, &r) == 200 && body_has(&r, "action=\"/register/verify\""),
	   "the link opens a confirmation form");
	resp_free(&r);
	ok(strcmp(value("SELECT status FROM accounts WHERE email = '%s'", ada), "pending") == 0,
	   "following the link alone changes nothing");
	ok(post(&v, "/register/verify", body) == 200, "confirming activates the account");
	ok(strcmp(value("SELECT status FROM accounts WHERE email = '%s'", ada), "active") == 0, "it is active");
	ok(post(&v, "/register/verify", body) == 400, "the link works once: used again, 400");
	ok(get_status(&v, "/register/verify?token=AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA") == 400,
	   "an unknown token: 400");
	ok(get_status(&v, "/register/verify?token=short") == 400, "a malformed token: 400");
	free(token);

	/* An expired link. */
	const char *late = email("late");
	visitor_register(&other, "Late", late, "a+long+passphrase", &r);
	resp_free(&r);
	sql("UPDATE account_tokens t JOIN accounts a ON a.id = t.account_id SET t.expires_at = UTC_TIMESTAMP() - "
	    "INTERVAL 1 SECOND WHERE a.email = '%s'",
	    late);
	snprintf(needle, sizeof needle, "To: <%s>", late);
	token = mailbox_token(needle, "/register/verify");
	snprintf(path, sizeof path, "/register/verify?token=%s", token ? token : "");
	ok(token && get_status(&other, path) == 400, "an expired link: 400");
	free(token);
}

/* The status and body of a failed sign-in, and how long it took (ms). */
static long attempt(const char *mail, const char *pw, char **body, double *ms)
{
	struct visitor v = {0};
	struct resp r;
	visitor_get(&v, "/login", &r);
	resp_free(&r);
	char fields[300];
	snprintf(fields, sizeof fields, "email=%s&password=%s", mail, pw);
	struct timespec t0, t1;
	clock_gettime(CLOCK_MONOTONIC, &t0);
	long status = visitor_post(&v, "/login", fields, true, &r);
	clock_gettime(CLOCK_MONOTONIC, &t1);
	if (ms)
		*ms = (double)(t1.tv_sec - t0.tv_sec) * 1e3 + (double)(t1.tv_nsec - t0.tv_nsec) / 1e6;
	if (body) {
		const char *alert = r.body ? strstr(r.body, "role=\"alert\"") : NULL, *end = alert ? strstr(alert, "</div>") : NULL;
		*body = strndup(alert ? alert : "", end ? (size_t)(end - alert) : 0);
	}
	resp_free(&r);
	return status;
}

static int by_value(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;
	return (x > y) - (x < y);
}

static void test_login(const char *mail)
{
	char *wrong = NULL, *unknown = NULL;
	double t_wrong[4], t_unknown[4]; /* a fifth failure would lock the email out */
	long s1 = 0, s2 = 0;
	for (int i = 0; i < 4; i++) {
		free(wrong);
		free(unknown);
		s1 = attempt(mail, "not+the+password", &wrong, &t_wrong[i]);
		s2 = attempt(email("nobody"), "not+the+password", &unknown, &t_unknown[i]);
	}
	sql("DELETE FROM auth_throttle");
	ok(s1 == 401 && s2 == 401, "a wrong password and an unknown email: both 401 (%ld, %ld)", s1, s2);
	ok(wrong && unknown && strcmp(wrong, unknown) == 0 && strstr(wrong, "not right"),
	   "with the same message");
	qsort(t_wrong, 4, sizeof(double), by_value);
	qsort(t_unknown, 4, sizeof(double), by_value);
	double wrong_ms = (t_wrong[1] + t_wrong[2]) / 2, unknown_ms = (t_unknown[1] + t_unknown[2]) / 2;
	ok(wrong_ms / unknown_ms > 0.5 && wrong_ms / unknown_ms < 2.0, "in similar time (median %.0f ms and %.0f ms)",
	   wrong_ms, unknown_ms);
	free(wrong);
	free(unknown);
	ok(strcmp(value("SELECT COUNT(*) FROM audit_log WHERE event = 'login.failed' AND subject = '%s'", mail), "4") ==
		   0,
	   "each failure is in the audit log");

	/* A good sign-in. */
	struct visitor v = {0};
	struct resp r;
	visitor_get(&v, "/login?next=/rms/lists%3Fq%3Dx", &r);
	ok(body_has(&r, "name=\"next\" value=\"/rms/lists?q=x\""), "the form keeps where to return");
	resp_free(&r);
	char fields[300];
	snprintf(fields, sizeof fields, "email=%s&password=a+long+passphrase&next=/rms/lists%%3Fq%%3Dx", mail);
	long status = visitor_post(&v, "/login", fields, true, &r);
	char *location = header(&r, "Location"), *cookie = header(&r, "Set-Cookie");
	ok(status == 303 && location && strcmp(location, "/rms/lists?q=x") == 0, "signed in: 303 back to the page (%s)",
	   location ? location : "none");
	ok(cookie && strstr(cookie, "spor_session=") && strstr(cookie, "; HttpOnly") && strstr(cookie, "; SameSite=Lax") &&
		   strstr(cookie, "; Path=/") && !strstr(cookie, "Secure"),
	   "the cookie is HttpOnly, SameSite=Lax, Path=/ (Secure only over HTTPS): %s", cookie ? cookie : "none");
	ok(strlen(v.session) == 43, "the session token has 256 bits (43 base64url characters)");
	ok(*value("SELECT 1 FROM sessions WHERE token_hash = UNHEX(SHA2('%s', 256))", v.session) &&
		   !*value("SELECT 1 FROM sessions WHERE HEX(token_hash) LIKE CONCAT('%%', HEX('%s'), '%%')", v.session),
	   "the database holds its SHA-256, not the token");
	free(location);
	free(cookie);
	resp_free(&r);
	visitor_get(&v, "/oms/organisations", &r);
	ok(r.status == 200 && body_has(&r, "Signed in as") && body_has(&r, "action=\"/logout\""),
	   "spor-public's pages say who is signed in, with a sign-out button");
	resp_free(&r);

	/* Rotation: signing in again replaces the session. */
	char old[64];
	snprintf(old, sizeof old, "%s", v.session);
	visitor_login(&v, mail, "a+long+passphrase");
	ok(strlen(v.session) == 43 && strcmp(old, v.session) != 0, "signing in again gives a new token");
	ok(!*value("SELECT 1 FROM sessions WHERE token_hash = UNHEX(SHA2('%s', 256))", old),
	   "and the old session is gone");

	/* The return path: only a local one. */
	static const char *const evil[] = {"//evil.example/", "https://evil.example/", "/\\evil.example",
					   "javascript:alert(1)", "%2F%2Fevil.example", "/%0d%0aLocation:x"};
	for (size_t i = 0; i < sizeof evil / sizeof evil[0]; i++) {
		struct visitor w = {0};
		visitor_get(&w, "/login", &r);
		resp_free(&r);
		snprintf(fields, sizeof fields, "email=%s&password=a+long+passphrase&next=%s", mail, evil[i]);
		status = visitor_post(&w, "/login", fields, true, &r);
		location = header(&r, "Location");
		ok(status == 400 && !location, "next=%s is refused (400), no redirect", evil[i]);
		free(location);
		resp_free(&r);
	}

	/* Signing out, with the token of a page of the new session. */
	ok(post(&v, "/logout", "") == 403, "the token of the form before signing in is no longer valid");
	get_status(&v, "/account");
	ok(post(&v, "/logout", "") == 303, "signing out: 303");
	ok(!*v.session, "the cookie is deleted");
	ok(get_status(&v, "/account") == 303, "and /account sends to the login page again");
}

static void test_logout_row(const char *mail)
{
	struct visitor v = {0};
	visitor_login(&v, mail, "a+long+passphrase");
	char token[64];
	snprintf(token, sizeof token, "%s", v.session);
	struct resp r;
	visitor_get(&v, "/account", &r);
	resp_free(&r);
	ok(visitor_post(&v, "/logout", "", false, &r) == 403, "signing out without the CSRF token: 403");
	resp_free(&r);
	ok(*value("SELECT 1 FROM sessions WHERE token_hash = UNHEX(SHA2('%s', 256))", token), "and still signed in");
	post(&v, "/logout", "");
	ok(!*value("SELECT 1 FROM sessions WHERE token_hash = UNHEX(SHA2('%s', 256))", token),
	   "signing out deletes the session's row");
	struct visitor replay = {0};
	snprintf(replay.session, sizeof replay.session, "%s", token);
	ok(get_status(&replay, "/account") == 303, "the old cookie opens nothing");
}

static void test_lockout(const char *mail)
{
	sql("DELETE FROM auth_throttle");
	for (int i = 0; i < 5; i++)
		attempt(mail, "wrong+password", NULL, NULL);
	char *body = NULL;
	struct visitor v = {0};
	struct resp r;
	visitor_get(&v, "/login", &r);
	resp_free(&r);
	char fields[300];
	snprintf(fields, sizeof fields, "email=%s&password=a+long+passphrase", mail);
	long status = visitor_post(&v, "/login", fields, true, &r);
	char *retry = header(&r, "Retry-After");
	ok(status == 429 && retry && atoi(retry) > 0 && atoi(retry) <= 61,
	   "after 5 failures even the right password waits: 429, Retry-After %s", retry ? retry : "none");
	ok(body_has(&r, "Too many failed attempts"), "the page says why");
	free(retry);
	resp_free(&r);
	ok(strcmp(value("SELECT COUNT(*) FROM audit_log WHERE event = 'login.lockout' AND subject = '%s'", mail), "1") == 0,
	   "the lockout is in the audit log");
	ok(*value("SELECT 1 FROM audit_log WHERE event = 'login.refused' AND subject = '%s'", mail),
	   "so is the refused attempt");
	ok(attempt(email("unknown-locked"), "x1234567", &body, NULL) == 401, "other emails may still try");
	free(body);
	/* Once the lockout is over: the back-off doubles. */
	sql("UPDATE auth_throttle SET locked_until = UTC_TIMESTAMP() - INTERVAL 1 SECOND");
	for (int i = 0; i < 5; i++)
		attempt(mail, "wrong+password", NULL, NULL);
	ok(attempt(mail, "a+long+passphrase", NULL, NULL) == 429, "five more failures: locked again");
	ok(strcmp(dbtest_value(owner, "SELECT MAX(TIMESTAMPDIFF(SECOND, UTC_TIMESTAMP(), locked_until)) BETWEEN 100 AND "
				      "120 FROM auth_throttle WHERE scope = 'account'"),
		  "1") == 0,
	   "for twice as long (120 s)");
	sql("UPDATE auth_throttle SET locked_until = NULL");
	struct visitor w = {0};
	ok(visitor_login(&w, mail, "a+long+passphrase") == 303, "after it, the right password signs in");
	ok(!*value("SELECT 1 FROM auth_throttle WHERE scope = 'account' AND subject_hash = UNHEX(SHA2(LOWER('%s'), 256))",
		   mail),
	   "and the account's failures are forgotten");

	/* Per address: many emails from one address. */
	sql("DELETE FROM auth_throttle");
	for (int i = 0; i < 20; i++) {
		char who[32];
		snprintf(who, sizeof who, "spray%d", i);
		attempt(email(who), "wrong+password", NULL, NULL);
	}
	ok(attempt(mail, "a+long+passphrase", NULL, NULL) == 429, "20 failures from one address lock the address out");
	ok(*dbtest_value(owner, "SELECT 1 FROM audit_log WHERE event = 'login.lockout' AND subject LIKE 'spray19.%'"),
	   "in the audit log too");
	sql("DELETE FROM auth_throttle");
}

static void test_csrf(const char *mail)
{
	struct visitor v = {0}, other = {0};
	visitor_login(&v, mail, "a+long+passphrase");
	visitor_login(&other, mail, "a+long+passphrase");
	struct resp r;
	visitor_get(&v, "/account/preferences", &r);
	resp_free(&r);
	visitor_get(&other, "/account/preferences", &r);
	resp_free(&r);
	ok(strcmp(v.token, other.token) != 0, "each session has its own token");
	ok(visitor_post(&v, "/account/preferences", "date_format=long", false, &r) == 403 &&
		   body_has(&r, "came from another site"),
	   "a POST without the token: 403, and the page says why");
	resp_free(&r);
	char fields[400];
	snprintf(fields, sizeof fields, "date_format=long&csrf_token=%s", other.token);
	ok(visitor_post(&v, "/account/preferences", fields, false, &r) == 403, "another session's token: 403");
	resp_free(&r);
	ok(visitor_post(&v, "/account/preferences", "date_format=long&csrf_token=x", false, &r) == 403,
	   "a malformed token: 403");
	resp_free(&r);
	ok(strcmp(value("SELECT date_format FROM accounts WHERE email = '%s'", mail), "iso") == 0, "nothing changed");

	/* A token from before the sign-in is not valid after it. */
	struct visitor fresh = {0};
	visitor_get(&fresh, "/login", &r);
	resp_free(&r);
	char before[64];
	snprintf(before, sizeof before, "%s", fresh.token);
	snprintf(fields, sizeof fields, "email=%s&password=a+long+passphrase", mail);
	visitor_post(&fresh, "/login", fields, true, &r);
	resp_free(&r);
	snprintf(fields, sizeof fields, "date_format=long&csrf_token=%s", before);
	ok(visitor_post(&fresh, "/account/preferences", fields, false, &r) == 403,
	   "the pre-session token stops working at sign-in");
	resp_free(&r);
	struct visitor stranger = {0};
	snprintf(fields, sizeof fields, "email=%s&password=a+long+passphrase&csrf_token=%s", mail, before);
	ok(visitor_post(&stranger, "/login", fields, false, &r) == 403, "a token without its cookie: 403");
	resp_free(&r);
	/* Every POST route refuses a missing token. */
	static const char *const forms[] = {"/login", "/logout", "/register", "/register/verify", "/password/forgot",
					    "/password/reset", "/account/preferences", "/account/favourites",
					    "/account/password", "/account/delete"};
	int refused = 0;
	for (size_t i = 0; i < sizeof forms / sizeof forms[0]; i++) {
		visitor_post(&v, forms[i], "x=1", false, &r);
		refused += r.status == 403;
		resp_free(&r);
	}
	ok(refused == (int)(sizeof forms / sizeof forms[0]), "every POST form refuses a missing token (%d)", refused);
	ok(get_status(&v, "/account") == 200, "and the session is still there");
}

int main(void)
{
	owner = users_start(run);
	test_register();
	char grace[128];
	snprintf(grace, sizeof grace, "%s", email("grace"));
	ok(visitor_new_account("Grace+Hopper", grace, "a+long+passphrase"), "an account: registered and verified");
	test_login(grace);
	test_logout_row(grace);
	test_lockout(grace);
	test_csrf(grace);
	users_done(owner);
	return done_testing();
}
