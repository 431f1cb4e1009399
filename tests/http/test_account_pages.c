/* What a signed-in user does with the account, through nginx, with real
 * mail: the password reset by email (same answer for an unknown email,
 * single use, one-hour expiry, every session ended), changing the password
 * (the current one asked, the other sessions ended), preferences applied at
 * once on every page (the interface language before the browser's,
 * data language, page size, date format), favourites (the star, the list
 * on /account, bad references), deleting the account (personal data gone,
 * a pseudonym kept), sporctl create-admin, and what spor-public's database
 * user may read. */
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
#define value(...) dbtest_valuef(owner, __VA_ARGS__)
#define sql(...) dbtest_execf(owner, __VA_ARGS__)

static long status_of(long status, struct resp *r)
{
	resp_free(r);
	return status;
}

static long page(struct visitor *v, const char *path)
{
	struct resp r;
	return status_of(visitor_get(v, path, &r), &r);
}

static long post(struct visitor *v, const char *path, const char *fields)
{
	struct resp r;
	return status_of(visitor_post(v, path, fields, true, &r), &r);
}

static bool signed_in(struct visitor *v)
{
	return page(v, "/account") == 200;
}

static void test_reset(const char *mail)
{
	struct visitor v = {0}, phone = {0}, anon = {0};
	visitor_login(&phone, mail, "first+passphrase");
	ok(signed_in(&phone), "a session on another device");
	struct resp r, r2;
	page(&v, "/password/forgot");
	char fields[400];
	snprintf(fields, sizeof fields, "email=%s", mail);
	visitor_post(&v, "/password/forgot", fields, true, &r);
	page(&anon, "/password/forgot");
	visitor_post(&anon, "/password/forgot", "email=nobody.here%40accounts.test", true, &r2);
	ok(r.status == 200 && r2.status == 200 && body_has(&r, "If an account uses this address") &&
		   body_has(&r2, "If an account uses this address"),
	   "asking for a reset answers the same for a known and an unknown email");
	resp_free(&r);
	resp_free(&r2);
	char needle[300];
	snprintf(needle, sizeof needle, "To: <%s>", mail);
	char *token = mailbox_token(needle, "/password/reset");
	ok(token != NULL, "the owner gets a link by email");
	ok(mailbox_count("To: <nobody.here@accounts.test>", NULL) == 0, "an unknown email gets nothing");
	ok(strcmp(value("SELECT TIMESTAMPDIFF(MINUTE, t.created_at, t.expires_at) FROM account_tokens t JOIN accounts a ON "
			"a.id = t.account_id WHERE a.email = '%s' AND t.purpose = 'reset'",
			mail),
		  "60") == 0,
	   "the link expires after an hour");
	ok(token && !*value("SELECT 1 FROM account_tokens WHERE token_hash = '%s' OR HEX(token_hash) = HEX('%s')", token,
			    token),
	   "and is stored hashed");
	char path[200];
	snprintf(path, sizeof path, "/password/reset?token=%s", token ? token : "");
	ok(page(&v, path) == 200, "the link opens the form");
	snprintf(fields, sizeof fields, "token=%s&password=new+passphrase+1&password_confirm=other", token ? token : "");
	ok(post(&v, "/password/reset", fields) == 400, "two different passwords: 400");
	snprintf(fields, sizeof fields, "token=%s&password=new+passphrase+1&password_confirm=new+passphrase+1",
		 token ? token : "");
	ok(visitor_post(&v, "/password/reset", fields, true, &r) == 200 && body_has(&r, "Password changed"),
	   "a new password is set");
	resp_free(&r);
	ok(!signed_in(&phone), "every session of the account has ended");
	ok(post(&v, "/password/reset", fields) == 400, "the link works once");
	ok(visitor_login(&v, mail, "first+passphrase") == 401, "the old password no longer works");
	ok(visitor_login(&v, mail, "new+passphrase+1") == 303, "the new one does");
	ok(*value("SELECT 1 FROM audit_log a JOIN accounts c ON c.id = a.account_id WHERE c.email = '%s' AND a.event = "
		  "'password.reset'",
		  mail),
	   "the reset is in the audit log");
	snprintf(needle, sizeof needle, "To: <%s>", mail);
	ok(mailbox_wait("The password of your account has just been changed.", 1, 10), "and the owner is told by email");
	free(token);

	/* An expired link. */
	snprintf(fields, sizeof fields, "email=%s", mail);
	post(&anon, "/password/forgot", fields);
	sql("UPDATE account_tokens t JOIN accounts a ON a.id = t.account_id SET t.expires_at = UTC_TIMESTAMP() - "
	    "INTERVAL 1 SECOND WHERE a.email = '%s' AND t.used_at IS NULL",
	    mail);
	mailbox_wait(needle, 3, 10);
	token = mailbox_token(needle, "/password/reset");
	snprintf(path, sizeof path, "/password/reset?token=%s", token ? token : "");
	ok(token && page(&anon, path) == 400, "an expired link: 400");
	snprintf(fields, sizeof fields, "token=%s&password=third+passphrase&password_confirm=third+passphrase",
		 token ? token : "");
	ok(post(&anon, "/password/reset", fields) == 400, "and it sets nothing");
	free(token);
}

static void test_change(const char *mail)
{
	struct visitor v = {0}, phone = {0};
	visitor_login(&v, mail, "new+passphrase+1");
	visitor_login(&phone, mail, "new+passphrase+1");
	page(&v, "/account/password");
	struct resp r;
	ok(visitor_post(&v, "/account/password",
			"current_password=wrong+one&password=changed+passphrase&password_confirm=changed+passphrase", true,
			&r) == 400 &&
		   body_has(&r, "The current password is not right") && body_has(&r, "aria-invalid=\"true\""),
	   "a wrong current password: 400, the field marked");
	resp_free(&r);
	ok(visitor_post(&v, "/account/password",
			"current_password=new+passphrase+1&password=changed+passphrase&password_confirm=changed+passphrase",
			true, &r) == 303,
	   "the right one: the password changes (303)");
	char *location = header(&r, "Location");
	ok(location && strcmp(location, "/account?saved=password") == 0, "back to the account page, which says so");
	free(location);
	resp_free(&r);
	ok(signed_in(&v), "this session goes on");
	ok(!signed_in(&phone), "the other sessions have ended");
	struct visitor w = {0};
	ok(visitor_login(&w, mail, "changed+passphrase") == 303, "the new password signs in");
}

static void test_preferences(const char *mail)
{
	struct visitor v = {0};
	v.extra = "Accept-Language: de";
	visitor_login(&v, mail, "changed+passphrase");
	struct resp r;
	visitor_get(&v, "/rms/lists", &r);
	ok(body_has(&r, "<html lang=\"de\">"), "without a preference, the browser's language (German)");
	resp_free(&r);
	visitor_get(&v, "/account/preferences", &r);
	ok(r.status == 200 && body_has(&r, "name=\"ui_lang\"") && body_has(&r, "name=\"notify_queue\""),
	   "the preferences form");
	resp_free(&r);
	ok(post(&v, "/account/preferences", "ui_lang=fr&data_lang=fr&page_size=20&date_format=long&notify_requests=on") ==
		   303,
	   "saving them: 303");
	ok(strcmp(value("SELECT CONCAT_WS(',', ui_lang, data_lang, page_size, date_format, notify_requests, "
			"notify_following, notify_queue) FROM accounts WHERE email = '%s'",
			mail),
		  "fr,fr,20,long,1,0,0") == 0,
	   "stored as chosen (unchecked notifications off)");
	visitor_get(&v, "/rms/lists", &r);
	ok(body_has(&r, "<html lang=\"fr\">") && body_has(&r, "Connecté en tant que"),
	   "the interface is French at once, before the browser's language");
	resp_free(&r);
	visitor_get(&v, "/oms/organisations", &r);
	ok(body_has(&r, "<html lang=\"fr\">"), "on every program's pages");
	ok(body_has(&r, "Résultats 1&ndash;20 sur"), "with 20 rows per page");
	resp_free(&r);
	visitor_get(&v, "/account", &r);
	char today[64], month[32];
	time_t now = time(NULL);
	struct tm tm;
	gmtime_r(&now, &tm);
	static const char *const mois[] = {"janvier", "février", "mars",      "avril",   "mai",      "juin",
					   "juillet", "août",	  "septembre", "octobre", "novembre", "décembre"};
	snprintf(month, sizeof month, "%s", mois[tm.tm_mon]);
	snprintf(today, sizeof today, "%d %s %d", tm.tm_mday, month, tm.tm_year + 1900);
	ok(body_has(&r, today), "dates in the chosen format (%s)", today);
	resp_free(&r);

	/* The data language: the terms of a list with French names show them. */
	const char *list = value("SELECT t.list_id FROM rms_term_names n JOIN rms_terms t ON t.id = n.term_id WHERE"
				 " n.lang = 'fr' AND n.kind = 'name' GROUP BY t.list_id ORDER BY COUNT(*) DESC, t.list_id LIMIT 1");
	char path[64];
	snprintf(path, sizeof path, "/rms/lists/%s", list);
	visitor_get(&v, path, &r);
	int french = 0, shown = 0;
	for (const char *at = r.body ? strstr(r.body, "/rms/terms/") : NULL; at && french < 5;
	     at = strstr(at + 1, "/rms/terms/")) {
		char id[13];
		snprintf(id, sizeof id, "%.12s", at + 11);
		const char *fr = value("SELECT value FROM rms_term_names WHERE term_id = %s AND lang = 'fr' AND kind = "
				       "'name'",
				       id);
		if (*fr && !fr[strcspn(fr, "&<>\"'")]) { /* as written: nothing to escape */
			french++;
			shown += body_has(&r, fr) > 0;
		}
	}
	ok(french > 0 && shown == french, "term names in the data language (%d of %d French names shown)", shown,
	   french);
	resp_free(&r);

	ok(post(&v, "/account/preferences", "ui_lang=xx") == 400, "an unknown interface language: 400");
	ok(post(&v, "/account/preferences", "page_size=5") == 400, "a page size out of range: 400");
	ok(post(&v, "/account/preferences", "ui_lang=&date_format=iso") == 303, "back to the browser's language");
	visitor_get(&v, "/rms/lists", &r);
	ok(body_has(&r, "<html lang=\"de\">"), "and the browser's language applies again");
	resp_free(&r);
}

static void test_favourites(const char *mail)
{
	struct visitor v = {0}, anon = {0};
	visitor_login(&v, mail, "changed+passphrase");
	const char *l = value("SELECT id FROM rms_lists ORDER BY id LIMIT 1");
	char list[16], org[16], path[64], fields[200];
	snprintf(list, sizeof list, "%s", l);
	snprintf(org, sizeof org, "ORG-%s", value("SELECT id FROM oms_organisations ORDER BY id LIMIT 1"));
	struct resp r;
	snprintf(path, sizeof path, "/rms/lists/%s", list);
	visitor_get(&v, path, &r);
	ok(body_has(&r, "action=\"/account/favourites\"") && body_has(&r, "aria-pressed=\"false\""),
	   "a list's page has a star, off");
	resp_free(&r);
	visitor_get(&anon, path, &r);
	ok(!body_has(&r, "action=\"/account/favourites\""), "not for an anonymous visitor");
	resp_free(&r);
	snprintf(fields, sizeof fields, "kind=list&ref=%s&action=add&next=%s", list, path);
	visitor_get(&v, path, &r);
	resp_free(&r);
	ok(visitor_post(&v, "/account/favourites", fields, true, &r) == 303, "starring it: 303");
	char *location = header(&r, "Location");
	ok(location && strcmp(location, path) == 0, "back to the page");
	free(location);
	resp_free(&r);
	visitor_get(&v, path, &r);
	ok(body_has(&r, "aria-pressed=\"true\""), "the star is on");
	resp_free(&r);
	ok(post(&v, "/account/favourites", fields) == 303 &&
		   strcmp(value("SELECT COUNT(*) FROM favourites f JOIN accounts a ON a.id = f.account_id WHERE a.email = "
				"'%s'",
				mail),
			  "1") == 0,
	   "starring twice keeps one");
	snprintf(path, sizeof path, "/oms/organisations/%s", org);
	page(&v, path);
	snprintf(fields, sizeof fields, "kind=organisation&ref=%s&action=add", org);
	ok(post(&v, "/account/favourites", fields) == 303, "an organisation too");
	visitor_get(&v, "/account", &r);
	ok(body_has(&r, list) && body_has(&r, org), "/account lists both");
	resp_free(&r);
	snprintf(fields, sizeof fields, "kind=organisation&ref=%s&action=remove", org);
	ok(post(&v, "/account/favourites", fields) == 303, "unstarring");
	visitor_get(&v, "/account", &r);
	ok(!body_has(&r, org), "it leaves the list");
	resp_free(&r);
	ok(post(&v, "/account/favourites", "kind=list&ref=ORG-100000001&action=add") == 400,
	   "a reference of the wrong kind: 400");
	ok(post(&v, "/account/favourites", "kind=organisation&ref=ORG-999999998&action=add") == 404,
	   "an unknown organisation: 404");
	ok(post(&v, "/account/favourites", "kind=planet&ref=x&action=add") == 400, "an unknown kind: 400");
	ok(post(&v, "/account/favourites", "kind=list&ref=%27%20OR%201%3D1%20--&action=add") == 400,
	   "SQL in the reference: 400");
	snprintf(fields, sizeof fields, "kind=list&ref=%s&action=add&next=https://evil.example/", list);
	ok(post(&v, "/account/favourites", fields) == 400, "a return to another site: 400");
	page(&anon, "/login");
	snprintf(fields, sizeof fields, "kind=list&ref=%s&action=remove", list);
	ok(post(&anon, "/account/favourites", fields) == 403, "anonymous: 403");
}

static void test_delete(const char *mail)
{
	struct visitor v = {0};
	visitor_login(&v, mail, "changed+passphrase");
	const char *id = value("SELECT id FROM accounts WHERE email = '%s'", mail);
	char account[32];
	snprintf(account, sizeof account, "%s", id);
	page(&v, "/account/delete");
	ok(post(&v, "/account/delete", "current_password=wrong+passphrase") == 400, "a wrong password: 400");
	ok(strcmp(value("SELECT status FROM accounts WHERE id = %s", account), "active") == 0, "nothing deleted");
	struct resp r;
	ok(visitor_post(&v, "/account/delete", "current_password=changed+passphrase", true, &r) == 200 &&
		   body_has(&r, "Account deleted") && !body_has(&r, "Signed in as"),
	   "the right password deletes it and signs out");
	resp_free(&r);
	ok(!*v.session, "the cookie is deleted");
	ok(strcmp(value("SELECT CONCAT_WS('|', status, email, name, password_hash) FROM accounts WHERE id = %s", account),
		  value("SELECT CONCAT('deleted|deleted-', %s, '@invalid|#', %s, '|')", account, account)) == 0,
	   "email, name and password are gone; the row stays under a pseudonym");
	ok(strcmp(value("SELECT (SELECT COUNT(*) FROM sessions WHERE account_id = %s) + (SELECT COUNT(*) FROM favourites "
			"WHERE account_id = %s) + (SELECT COUNT(*) FROM account_tokens WHERE account_id = %s)",
			account, account, account),
		  "0") == 0,
	   "its sessions, favourites and links are gone");
	ok(strcmp(value("SELECT COUNT(*) FROM audit_log WHERE account_id = %s AND subject IS NOT NULL", account), "0") == 0,
	   "the audit log keeps its events, without the email");
	ok(*value("SELECT 1 FROM audit_log WHERE account_id = %s AND event = 'account.deleted'", account),
	   "the deletion is recorded");
	ok(visitor_login(&v, mail, "changed+passphrase") == 401, "signing in no longer works");
	ok(visitor_new_account("Again", mail, "brand+new+passphrase"), "the email may register again");
}

static void test_create_admin(void)
{
	char out[] = "/tmp/spor-test-admin.XXXXXX";
	int fd = mkstemp(out);
	if (fd >= 0)
		close(fd);
	const char *mail = "root.admin@accounts.test";
	ok(dbtest_sporctl("password1234", "create-admin root.admin@accounts.test", out) == 1,
	   "create-admin refuses a common password");
	ok(dbtest_sporctl(NULL, "create-admin not-an-email", out) == 2, "and an argument that is no email");
	ok(dbtest_sporctl("admin passphrase 1", "create-admin root.admin@accounts.test", out) == 0,
	   "create-admin makes an administrator");
	ok(strcmp(value("SELECT CONCAT(a.status, ' ', r.role_code) FROM accounts a JOIN account_roles r ON r.account_id "
			"= a.id WHERE a.email = '%s'",
			mail),
		  "active ADMINISTRATOR") == 0,
	   "an active account with the Administrator role");
	ok(dbtest_sporctl("admin passphrase 2", "create-admin root.admin@accounts.test", out) == 0 &&
		   strcmp(value("SELECT COUNT(*) FROM account_roles r JOIN accounts a ON a.id = r.account_id WHERE a.email "
				"= '%s'",
				mail),
			  "1") == 0,
	   "running it again sets the password and keeps one role");
	struct visitor v = {0};
	ok(visitor_login(&v, mail, "admin+passphrase+2") == 303, "the administrator signs in");
	ok(dbtest_sporctl(NULL, "user list", out) == 0, "user list runs");
	char *listing = slurp(out);
	ok(listing && strstr(listing, "root.admin@accounts.test") && strstr(listing, "ADMINISTRATOR"),
	   "and shows the role");
	free(listing);
	unlink(out);
}

static void test_public_user(void)
{
	MYSQL *pub = dbtest_connect("public");
	if (!pub) {
		ok(0, "spor-public's user connects");
		return;
	}
	static const char *const denied[] = {"SELECT * FROM favourites",	"SELECT * FROM account_tokens",
					     "SELECT * FROM auth_throttle",	"SELECT * FROM audit_log",
					     "SELECT * FROM account_roles",	"SELECT password_hash FROM accounts",
					     "INSERT INTO favourites VALUES (1, 'list', 'x', NOW())"};
	int refused = 0;
	for (size_t i = 0; i < sizeof denied / sizeof denied[0]; i++) {
		if (mysql_query(pub, denied[i]))
			refused++;
		else
			mysql_free_result(mysql_store_result(pub));
	}
	ok(refused == (int)(sizeof denied / sizeof denied[0]),
	   "spor-public's user reads no secret and no other table of accounts (%d refused)", refused);
	ok(mysql_query(pub, "CALL spor_request(UNHEX(SHA2('no such token', 256)), 60)") == 0,
	   "only favourites found through a session's hash");
	mysql_free_result(mysql_store_result(pub));
	mysql_close(pub);
}

int main(void)
{
	owner = users_start(NULL);
	char mail[128];
	snprintf(mail, sizeof mail, "linus.%ld%d@accounts.test", (long)time(NULL) % 1000000, getpid() % 100);
	ok(visitor_new_account("Linus", mail, "first+passphrase"), "an account: registered and verified");
	test_reset(mail);
	test_change(mail);
	test_preferences(mail);
	test_favourites(mail);
	test_delete(mail);
	test_create_admin();
	test_public_user();
	users_done(owner);
	return done_testing();
}
