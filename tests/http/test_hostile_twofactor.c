/* Two-step sign-in against a hostile user, through nginx with real mail:
 * the password alone never starts a session for an account that has it
 * on; the pending sign-in between the password and the code cannot be
 * skipped, replayed, used for another account or after it expired; wrong
 * codes are throttled (429 with Retry-After) and audited like wrong
 * passwords; no code works twice, nor a recovery code; turning it off or
 * renewing the recovery codes takes the password and a code; the secrets
 * are sealed and out of reach of spor-admin and spor-public; administrators
 * and data stewards without it are sent from every route of the console to
 * the enrolment; sporctl user reset-2fa; the owner is mailed when it goes
 * on or off. */
#include "config.h"

#include <liboath/oath.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "../tap.h"
#include "authenticator.h"
#include "dbtest.h"
#include "programs/routes.h"
#include "users.h"

static MYSQL *owner;
#define value(...) dbtest_valuef(owner, __VA_ARGS__)
#define sql(...) dbtest_execf(owner, __VA_ARGS__)

static char run[USER_RUN_SIZE];

static long count(const char *table, const char *where, const char *id)
{
	return atol(value("SELECT COUNT(*) FROM %s WHERE account_id = %s%s", table, id, where));
}

static long events(const struct user *u, const char *event)
{
	return atol(value("SELECT COUNT(*) FROM audit_log WHERE account_id = %s AND event = '%s'", u->id, event));
}

/* The password step by hand (GET /login, POST); the status, and the
 * Location in `where` when given. */
static long password_step(struct visitor *v, const struct user *u, const char *next, char where[256])
{
	struct resp r;
	char fields[400];
	visitor_get(v, "/login", &r);
	resp_free(&r);
	snprintf(fields, sizeof fields, "email=%s&password=%s%s%s", u->email, USER_PASSWORD, next ? "&next=" : "",
		 next ? next : "");
	long status = visitor_post(v, "/login", fields, true, &r);
	char *location = header(&r, "Location");
	if (where)
		snprintf(where, 256, "%s", location ? location : "");
	free(location);
	resp_free(&r);
	return status;
}

/* The second step with `code`; the status, and the Location in `where`. */
static long code_step(struct visitor *v, const char *code, char where[256])
{
	struct resp r;
	char fields[96];
	/* The sign-in form's CSRF token, in case the second step shows none. */
	visitor_get(v, "/login", &r);
	resp_free(&r);
	visitor_get(v, "/login/two-factor", &r);
	resp_free(&r);
	snprintf(fields, sizeof fields, "code=%s", code);
	long status = visitor_post(v, "/login/two-factor", fields, true, &r);
	char *location = header(&r, "Location"), *retry = header(&r, "Retry-After");
	if (where)
		snprintf(where, 256, "%s", retry ? retry : location ? location : "");
	free(location);
	free(retry);
	resp_free(&r);
	return status;
}

static void fresh_code(const struct user *u, char code[7])
{
	if (!authenticator_code(u->email, code))
		snprintf(code, 7, "000000");
}

static struct user ada, bob, cy, dee, eve, fay;

static void test_enrolment(void)
{
	struct user carol;
	ok(user_make(owner, &carol, "carol", run, "twofactor.test"), "carol, with a second session on her phone");
	struct visitor phone = {0};
	visitor_login(&phone, carol.email, USER_PASSWORD);
	struct resp r;
	visitor_get(&carol.v, "/account/two-factor", &r);
	char *cache = header(&r, "Cache-Control");
	char secret[64] = "", again[64] = "";
	authenticator_text(r.body, "totp-secret", secret, sizeof secret);
	char uri[400];
	snprintf(uri, sizeof uri, "otpauth://totp/SPOR%%20portal:%s?secret=%s&amp;issuer=SPOR%%20portal", carol.email,
		 secret);
	ok(r.status == 200 && strlen(secret) == 32 && strspn(secret, "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567") == 32,
	   "the enrolment page shows the secret as upper-case base32 (%s)", secret);
	ok(body_has(&r, uri), "and the otpauth:// URI for typing it in");
	ok(body_has(&r, "<svg class=\"qr\" role=\"img\"") && body_has(&r, "<path fill=\"#000\" d=\"M") &&
		   !body_has(&r, "<script"),
	   "and the QR code, drawn as SVG by the template, with no script");
	ok(cache && strcmp(cache, "no-store") == 0, "never stored by caches (%s)", cache ? cache : "none");
	free(cache);
	resp_free(&r);
	visitor_get(&carol.v, "/account/two-factor", &r);
	authenticator_text(r.body, "totp-secret", again, sizeof again);
	ok(*secret && strcmp(again, secret) == 0, "opening it again shows the same secret (an app may have it already)");
	resp_free(&r);
	char *raw = NULL, hex[64] = "";
	size_t len = 0;
	if (oath_init() == OATH_OK && oath_base32_decode(secret, strlen(secret), &raw, &len) == OATH_OK)
		for (size_t i = 0; i < len && i < 20; i++)
			snprintf(hex + 2 * i, 3, "%02X", (unsigned char)raw[i]);
	free(raw);
	ok(strlen(hex) == 40 &&
		   !*value("SELECT 1 FROM account_totp WHERE account_id = %s AND (HEX(secret) LIKE '%%%s%%' OR secret LIKE "
			   "'%%%s%%')",
			   carol.id, hex, secret) &&
		   atoi(value("SELECT LENGTH(secret) FROM account_totp WHERE account_id = %s", carol.id)) == 48,
	   "the database holds it sealed (nonce, 20 bytes, tag): neither its bytes nor its base32 show");

	char code[7], fields[32];
	authenticator_code_of(secret, 0, code);
	snprintf(fields, sizeof fields, "code=%06d", (atoi(code) + 500000) % 1000000);
	ok(user_post(&carol, "/account/two-factor", fields) == 400 &&
		   !count("account_totp", " AND enabled_at IS NOT NULL", carol.id),
	   "a wrong code turns nothing on");
	snprintf(fields, sizeof fields, "code=%.3s+%s", code, code + 3);
	visitor_post(&carol.v, "/account/two-factor", fields, true, &r);
	ok(r.status == 200 && body_has(&r, "Your recovery codes") &&
		   count("account_totp", " AND enabled_at IS NOT NULL", carol.id) == 1,
	   "the app's code (typed with a space) turns it on and shows the recovery codes");
	int shown = 0;
	for (const char *at = r.body ? strstr(r.body, "<li><code>") : NULL; at; at = strstr(at + 1, "<li><code>"))
		shown++;
	ok(shown == 10 && count("account_recovery_codes", " AND used_at IS NULL", carol.id) == 10,
	   "ten recovery codes, stored (%d shown)", shown);
	resp_free(&r);
	ok(user_mailed(carol.email, "Two-step sign-in has just been turned on"), "carol is told by email");
	ok(events(&carol, "twofactor.enabled") == 1, "the audit log records it");
	ok(user_get(&carol, "/account") == 200 && visitor_get(&phone, "/account", &r) == 303,
	   "her other session has ended; this one goes on");
	resp_free(&r);
	visitor_get(&carol.v, "/account/two-factor", &r);
	ok(r.status == 200 && !body_has(&r, "totp-secret") && !body_has(&r, "<li><code>"),
	   "once on, the page shows neither the secret nor the codes again");
	resp_free(&r);
	ok(user_post(&carol, "/account/two-factor", fields) == 303 &&
		   count("account_recovery_codes", " AND used_at IS NULL", carol.id) == 10,
	   "confirming again changes nothing");

	/* Only spor-account's database user may touch the secrets. */
	MYSQL *admin_db = dbtest_connect("admin"), *public_db = dbtest_connect("public");
	bool hidden = admin_db && public_db;
	const char *tables[] = {"account_totp", "account_recovery_codes", "login_pending"};
	for (size_t i = 0; hidden && i < 3; i++) {
		char q[96];
		snprintf(q, sizeof q, "SELECT COUNT(*) FROM %s", tables[i]);
		hidden = !*dbtest_value(admin_db, q) && !*dbtest_value(public_db, q);
	}
	ok(hidden, "spor-admin's and spor-public's database users cannot read the secrets, codes or pending sign-ins");
	ok(admin_db && strcmp(dbtest_value(admin_db, "SELECT GROUP_CONCAT(COLUMN_NAME ORDER BY COLUMN_NAME) FROM "
						      "information_schema.COLUMNS WHERE TABLE_NAME = 'v_two_factor' "
						      "AND TABLE_SCHEMA = DATABASE()"),
			      "account_id,enabled_at") == 0,
	   "spor-admin sees only who has it on, and since when");
	if (admin_db)
		mysql_close(admin_db);
	if (public_db)
		mysql_close(public_db);
}

static void test_password_alone(void)
{
	struct visitor v = {0};
	char where[256];
	long sessions = count("sessions", "", ada.id);
	ok(password_step(&v, &ada, NULL, where) == 303 && strcmp(where, "/login/two-factor") == 0,
	   "the right password of an account with two-step sign-in leads to the second step (%s)", where);
	ok(!*v.session && *v.pending && count("sessions", "", ada.id) == sessions,
	   "and starts no session: only a pending sign-in's cookie");
	struct resp r;
	ok(visitor_get(&v, "/account", &r) == 303, "the pending sign-in opens no page of the account");
	resp_free(&r);
	ok(events(&ada, "login.second_step") >= 1, "the audit log records the step");
	struct visitor as_session = {0};
	snprintf(as_session.session, sizeof as_session.session, "%s", v.pending);
	ok(visitor_get(&as_session, "/account", &r) == 303, "the pending token is no session token either");
	resp_free(&r);
	struct visitor none = {0};
	ok(code_step(&none, "123456", NULL) == 401 && !*none.session, "the second step without the first is refused");
	visitor_get(&none, "/login/two-factor", &r);
	ok(r.status == 200 && body_has(&r, "has expired") && !body_has(&r, "name=\"code\""),
	   "and its page says to log in again, with no form");
	resp_free(&r);
	/* A forged pending cookie. */
	struct visitor forged = {0};
	snprintf(forged.pending, sizeof forged.pending, "%s", "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA");
	char code[7];
	fresh_code(&ada, code);
	ok(code_step(&forged, code, NULL) == 401 && !*forged.session, "a made-up pending sign-in is refused");
	/* The right code ends the pending sign-in, with a new session, back to next. */
	struct visitor w = {0};
	password_step(&w, &ada, "/account/preferences", where);
	ok(strcmp(where, "/login/two-factor?next=%2Faccount%2Fpreferences") == 0, "next travels to the second step (%s)",
	   where);
	char pending[64];
	snprintf(pending, sizeof pending, "%s", w.pending);
	visitor_get(&w, "/login/two-factor?next=/account/preferences", &r);
	resp_free(&r);
	fresh_code(&ada, code);
	char fields[96];
	snprintf(fields, sizeof fields, "code=%s&next=/account/preferences", code);
	visitor_post(&w, "/login/two-factor", fields, true, &r);
	char *location = header(&r, "Location");
	ok(r.status == 303 && location && strcmp(location, "/account/preferences") == 0 && *w.session,
	   "the right code starts the session and returns to next");
	free(location);
	resp_free(&r);
	ok(events(&ada, "login.ok") >= 1 && !*w.pending, "signed in as any sign-in is, the pending cookie deleted");
	/* Replayed: the spent pending sign-in, with another good code. */
	struct visitor replay = {0};
	snprintf(replay.pending, sizeof replay.pending, "%s", pending);
	fresh_code(&ada, code);
	ok(code_step(&replay, code, NULL) == 401 && !*replay.session, "the spent pending sign-in cannot be used again");
}

static void test_code_once(void)
{
	struct visitor v = {0}, w = {0};
	char code[7], where[256];
	fresh_code(&bob, code);
	password_step(&v, &bob, NULL, NULL);
	ok(code_step(&v, code, where) == 303 && *v.session, "bob signs in with a code");
	long failed = events(&bob, "login.code_failed"), reused = events(&bob, "login.code_reused");
	password_step(&w, &bob, NULL, NULL);
	ok(code_step(&w, code, NULL) == 401 && !*w.session, "the same code again is refused, though in its window");
	ok(events(&bob, "login.code_failed") == failed + 1, "and audited as a failure");
	ok(events(&bob, "login.code_reused") == reused + 1, "and as a code used twice");
	ok(user_mailed(bob.email, "a code of your authenticator app that had been used already"),
	   "its owner is told by email: someone may see their codes");
	struct resp r;
	char fields[32];
	snprintf(fields, sizeof fields, "code=%s", code);
	ok(visitor_post(&w, "/login/two-factor", fields, true, &r) == 401 && body_has(&r, "This code was used already"),
	   "the form says the code was used already");
	resp_free(&r);
	fresh_code(&bob, code);
	ok(code_step(&w, code, NULL) == 303 && *w.session, "a fresh code is accepted on the same pending sign-in");
}

static void test_other_account(void)
{
	/* ada's pending sign-in with bob's code, and bob's with ada's. */
	struct visitor v = {0}, w = {0};
	char code[7];
	password_step(&v, &ada, NULL, NULL);
	fresh_code(&bob, code);
	ok(code_step(&v, code, NULL) == 401 && !*v.session, "a pending sign-in does not take another account's code");
	password_step(&w, &bob, NULL, NULL);
	fresh_code(&ada, code);
	ok(code_step(&w, code, NULL) == 401 && !*w.session, "either way");
	sql("DELETE FROM auth_throttle");
}

static void test_expiry(void)
{
	struct visitor v = {0};
	char code[7];
	password_step(&v, &dee, NULL, NULL);
	ok(count("login_pending", "", dee.id) >= 1 &&
		   atoi(value("SELECT MAX(TIMESTAMPDIFF(SECOND, created_at, expires_at)) FROM login_pending WHERE "
			      "account_id = %s",
			      dee.id)) <= 300,
	   "a pending sign-in lasts a few minutes");
	sql("UPDATE login_pending SET expires_at = UTC_TIMESTAMP() - INTERVAL 1 SECOND WHERE account_id = %s", dee.id);
	fresh_code(&dee, code);
	ok(code_step(&v, code, NULL) == 401 && !*v.session, "after that, the right code does not sign in");
	password_step(&v, &dee, NULL, NULL);
	sql("UPDATE accounts SET status = 'locked' WHERE id = %s", dee.id);
	fresh_code(&dee, code);
	ok(code_step(&v, code, NULL) == 401 && !*v.session, "nor for an account locked since the password");
	sql("UPDATE accounts SET status = 'active' WHERE id = %s", dee.id);
}

static void test_throttle(void)
{
	sql("DELETE FROM auth_throttle");
	struct visitor v = {0};
	char code[7], where[256];
	password_step(&v, &cy, NULL, NULL);
	long failed = events(&cy, "login.code_failed");
	int wrong = 0;
	for (int i = 0; i < 5; i++)
		wrong += code_step(&v, i % 2 ? "000000" : "999999", NULL) == 401;
	ok(wrong == 5 && events(&cy, "login.code_failed") == failed + 5, "five wrong codes: 401 each, audited");
	ok(events(&cy, "login.lockout") == 1, "the fifth locks the account out, audited");
	fresh_code(&cy, code);
	long status = code_step(&v, code, where);
	ok(status == 429 && atoi(where) > 0 && !*v.session, "then even the right code gets 429 with Retry-After (%s)", where);
	ok(events(&cy, "login.refused") == 1, "and is audited as refused");
	struct visitor w = {0};
	ok(password_step(&w, &cy, NULL, NULL) == 429, "the password step is locked out too: one count per account");
	sql("DELETE FROM auth_throttle");
	ok(code_step(&v, code, NULL) == 303 && *v.session,
	   "once the lockout is over, that code signs in: a refused attempt spends nothing");
}

static void test_recovery(const char *codes)
{
	char first[24] = "", second[24] = "", typed[24];
	sscanf(codes, "%23s %23s", first, second);
	for (size_t i = 0; i <= strlen(first); i++)
		typed[i] = first[i] >= 'a' && first[i] <= 'z' ? (char)(first[i] - 32) : first[i];
	struct visitor v = {0}, w = {0};
	long used = events(&dee, "login.recovery_used");
	password_step(&v, &dee, NULL, NULL);
	ok(strlen(first) == 19 && code_step(&v, typed, NULL) == 303 && *v.session,
	   "a recovery code signs in, typed in upper case (%s)", typed);
	ok(events(&dee, "login.recovery_used") == used + 1, "its use is audited");
	ok(count("account_recovery_codes", " AND used_at IS NULL", dee.id) == 9, "it is spent; nine are left");
	password_step(&w, &dee, NULL, NULL);
	ok(code_step(&w, first, NULL) == 401 && !*w.session, "it does not work twice");
	char bare[24];
	size_t n = 0;
	for (const char *p = second; *p; p++)
		if (*p != '-')
			bare[n++] = *p;
	bare[n] = '\0';
	ok(strcmp(value("SELECT COUNT(*) FROM account_recovery_codes WHERE account_id = %s AND code_hash = "
			"UNHEX(SHA2(CONCAT(salt, ':', '%s'), 256))",
			dee.id, bare),
		  "1") == 0 &&
		   !*value("SELECT 1 FROM account_recovery_codes WHERE account_id = %s AND HEX(code_hash) LIKE '%%%s%%'",
			   dee.id, bare),
	   "codes are stored as salted SHA-256 hashes only");
	ok(code_step(&w, second, NULL) == 303 && *w.session, "another one works, without its dashes too");
}

/* Two-step sign-in is off for `u`: nothing of it is left, the audit log
 * says so (`event`), the owner is mailed (`mailed`), the password alone
 * signs in. */
static void turned_off(struct user *u, const char *event, const char *mailed)
{
	ok(!count("account_totp", "", u->id) && !count("account_recovery_codes", "", u->id) && events(u, event) == 1,
	   "%s: the secret and the recovery codes are gone; the audit log says %s", u->email, event);
	ok(user_mailed(u->email, mailed), "the owner is told by email");
	authenticator_forget(u->email);
	struct visitor v = {0};
	char where[256];
	ok(password_step(&v, u, NULL, where) == 303 && strcmp(where, "/account") == 0 && *v.session,
	   "the password alone signs in again");
}

static void test_turn_off(const char *old_codes)
{
	char code[7], fields[160], first_old[24] = "";
	sscanf(old_codes, "%23s", first_old);
	struct resp r;
	user_get(&eve, "/account/two-factor");
	long refused = events(&eve, "twofactor.refused");
	fresh_code(&eve, code);
	snprintf(fields, sizeof fields, "code=%s", code);
	ok(user_post(&eve, "/account/two-factor/disable", fields) == 400, "turning it off without the password: 400");
	snprintf(fields, sizeof fields, "current_password=not+the+password&code=%s", code);
	ok(user_post(&eve, "/account/two-factor/disable", fields) == 400, "with a wrong password: 400");
	snprintf(fields, sizeof fields, "current_password=%s&code=%06d", USER_PASSWORD, (atoi(code) + 1) % 1000000);
	ok(user_post(&eve, "/account/two-factor/disable", fields) == 400, "with a wrong code: 400");
	ok(count("account_totp", " AND enabled_at IS NOT NULL", eve.id) == 1, "it is still on");
	ok(events(&eve, "twofactor.refused") == refused + 2, "the wrong password and the wrong code are audited");
	/* New recovery codes: the password and the code not spent above. */
	snprintf(fields, sizeof fields, "current_password=%s&code=%s", USER_PASSWORD, code);
	visitor_post(&eve.v, "/account/two-factor/recovery-codes", fields, true, &r);
	char fresh[24] = "";
	const char *at = r.body ? strstr(r.body, "<li><code>") : NULL;
	if (at)
		snprintf(fresh, sizeof fresh, "%.19s", at + 10);
	ok(r.status == 200 && strlen(fresh) == 19 && !strstr(old_codes, fresh),
	   "new recovery codes take the password and a code, and are shown once");
	resp_free(&r);
	ok(events(&eve, "twofactor.codes_renewed") == 1 && count("account_recovery_codes", "", eve.id) == 10,
	   "ten, in place of the old ones");
	struct visitor v = {0};
	password_step(&v, &eve, NULL, NULL);
	ok(code_step(&v, first_old, NULL) == 401, "an old recovery code no longer works");
	/* Off with the password and a recovery code. */
	user_get(&eve, "/account/two-factor");
	snprintf(fields, sizeof fields, "current_password=%s&code=%s", USER_PASSWORD, fresh);
	visitor_post(&eve.v, "/account/two-factor/disable", fields, true, &r);
	char *location = header(&r, "Location");
	ok(r.status == 303 && location && strcmp(location, "/account?saved=two_factor_off") == 0,
	   "the password and a recovery code turn it off");
	free(location);
	resp_free(&r);
	turned_off(&eve, "twofactor.disabled", "Two-step sign-in has just been turned off");
}

/* Every route of the console that `role` may use, as `u` without two-step
 * sign-in: each sends to the enrolment, and changes nothing. */
static int walk_console(struct user *u, unsigned role, int *checked)
{
	const struct router *rt = admin_app.router;
	int wrong = 0;
	user_get(u, "/account");
	for (size_t i = 0; i < rt->nroutes; i++) {
		const struct route *route = &rt->routes[i];
		if (!(route->roles & role) || route->auth == AUTH_BEARER)
			continue; /* the write API takes no session: test_tokens */
		char path[200];
		size_t n = 0;
		for (const char *p = route->path; *p && n < sizeof path - 24;) {
			if (*p == '{') {
				n += (size_t)snprintf(path + n, sizeof path - n, "%s", strstr(p, "{accountId}") == p ? ada.id : "1");
				p = strchr(p, '}') + 1;
			} else {
				path[n++] = *p++;
			}
		}
		path[n] = '\0';
		struct resp r;
		long status = strcmp(route->method, "GET") == 0 ? visitor_get(&u->v, path, &r)
							       : visitor_post(&u->v, path, "role=DATA_STEWARD&reason=x", true, &r);
		char *location = header(&r, "Location");
		if (status != 303 || !location || strcmp(location, "/account/two-factor") != 0) {
			wrong++;
			diag("%s %s: %ld %s", route->method, path, status, location ? location : "");
		}
		free(location);
		resp_free(&r);
		(*checked)++;
	}
	return wrong;
}

static void test_console(void)
{
	struct user sam, al;
	ok(user_make(owner, &sam, "sam", run, "twofactor.test") && user_make(owner, &al, "al", run, "twofactor.test"),
	   "sam and al");
	sql("INSERT INTO account_roles (account_id, role_code) VALUES (%s, 'DATA_STEWARD'), (%s, 'ADMINISTRATOR')", sam.id,
	    al.id);
	visitor_enrols = false;
	int checked = 0, wrong = walk_console(&sam, ROLE_STEWARD, &checked) + walk_console(&al, ROLE_ADMIN, &checked);
	ok(wrong == 0 && checked > 15,
	   "a data steward and an administrator without two-step sign-in: every console route sends them to turn it on (%d)",
	   checked);
	ok(strcmp(value("SELECT status FROM accounts WHERE id = %s", ada.id), "active") == 0 &&
		   !*value("SELECT 1 FROM account_roles WHERE account_id = %s AND role_code = 'DATA_STEWARD'", ada.id),
	   "and their POSTs changed nothing (ada is neither locked nor a steward)");
	struct resp r;
	visitor_get(&sam.v, "/account/two-factor", &r);
	ok(r.status == 200 && body_has(&r, "Administrators and data stewards must use two-step sign-in"),
	   "the enrolment page says why");
	resp_free(&r);
	ok(authenticator_enrol(&sam.v, NULL) && user_get(&sam, "/admin") == 200 &&
		   user_get(&sam, "/admin/change-requests") == 200,
	   "enrolled, the steward opens the console");
	/* Off again: sent back at once. */
	char code[7], fields[160];
	user_get(&sam, "/account/two-factor");
	fresh_code(&sam, code);
	snprintf(fields, sizeof fields, "current_password=%s&code=%s", USER_PASSWORD, code);
	ok(user_post(&sam, "/account/two-factor/disable", fields) == 303 && user_get(&sam, "/admin") == 303,
	   "turned off, the console sends the steward back to the enrolment");
	authenticator_forget(sam.email);
	visitor_enrols = true;
	struct user plain;
	ok(user_make(owner, &plain, "plain", run, "twofactor.test") && user_get(&plain, "/admin") == 403,
	   "a user with no console role still gets 403, not the enrolment");
}

static void test_reset(void)
{
	char out[] = "/tmp/spor-test-2fa.XXXXXX", args[200];
	int fd = mkstemp(out);
	if (fd >= 0)
		close(fd);
	ok(dbtest_sporctl(NULL, "user --help", out) == 0, "sporctl user --help");
	char *text = slurp(out);
	ok(text && strstr(text, "reset-2fa ACCOUNT"), "names reset-2fa");
	free(text);
	snprintf(args, sizeof args, "user reset-2fa nobody.%s@twofactor.test", run);
	ok(dbtest_sporctl(NULL, args, out) == 1, "reset-2fa of an unknown email fails");
	snprintf(args, sizeof args, "user reset-2fa %s", fay.email);
	ok(dbtest_sporctl(NULL, args, out) == 0, "reset-2fa turns it off for fay");
	text = slurp(out);
	ok(text && strstr(text, "two-step sign-in turned off"), "and says so");
	free(text);
	turned_off(&fay, "twofactor.reset", "an operator of the portal has turned two-step sign-in off");
	ok(dbtest_sporctl(NULL, args, out) == 1, "a second reset finds nothing to do and says so (exit 1)");
	unlink(out);
}

int main(void)
{
	owner = users_start(run);
	struct user *enrolled[] = {&ada, &bob, &cy, &dee, &eve, &fay};
	const char *names[] = {"ada", "bob", "cy", "dee", "eve", "fay"};
	static char codes[6][256];
	bool made = true;
	for (size_t i = 0; i < 6; i++)
		made = made && user_make(owner, enrolled[i], names[i], run, "twofactor.test") &&
		       authenticator_enrol(&enrolled[i]->v, codes[i]);
	ok(made, "six users with two-step sign-in on");
	test_enrolment();
	test_password_alone();
	test_code_once();
	test_other_account();
	test_expiry();
	test_throttle();
	test_recovery(codes[3]);
	test_turn_off(codes[4]);
	test_console();
	test_reset();
	users_done(owner);
	return done_testing();
}
