/* Mail in its recipient's language, and the notice of requests waiting,
 * through the real outbox, spor-mailer and SMTP sink: a registrant's first
 * mail is in the language they chose to register in; a password reset asked for
 * on a French page is written in the owner's German; every message says
 * its language (Content-Language).  A role request written in French
 * reaches the administrators in English (their language), and several
 * change requests arriving at once reach each data steward as one message
 * in the steward's language, at the next tick of sporctl notify, once:
 * never to a steward who turned the notification off, nor to the requester
 * of their own request. */
#include "config.h"

#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "../tap.h"
#include "dbtest.h"
#include "mailbox.h"
#include "users.h"

static MYSQL *owner;
#define value(...) dbtest_valuef(owner, __VA_ARGS__)
#define sql(...) dbtest_execf(owner, __VA_ARGS__)

static char run[USER_RUN_SIZE];
static struct user admin, ivy, sfr, sde, soff;

/* The messages to `u` and the newest one's text (free it). */
static int mails(const struct user *u, char **text)
{
	char who[160];
	snprintf(who, sizeof who, "To: <%s>", u->email);
	return mailbox_count(who, text);
}

static bool tick(void)
{
	return dbtest_sporctl(NULL, "notify", NULL) == 0;
}

static void test_registration(void)
{
	char email[128];
	snprintf(email, sizeof email, "rene.%s@mail-language.test", run);
	struct visitor v = {0};
	char fields[400];
	snprintf(fields, sizeof fields, "lang=fr&name=Rene&email=%s&password=%s&password_confirm=%s", email,
		 USER_PASSWORD, USER_PASSWORD);
	struct resp r;
	ok(visitor_form(&v, "/register?lang=fr", "/register", fields, &r) == 200 && body_has(&r, "lang=\"fr\""),
	   "Rene registers on a French page (he chose French)");
	resp_free(&r);
	ok(strcmp(value("SELECT COALESCE(ui_lang, '') FROM accounts WHERE email = '%s'", email), "fr") == 0,
	   "French is his preference from then on");
	ok(user_mailed(email, "Content-Language: fr") && user_mailed(email, "Bonjour"),
	   "his verification mail is French and says so (Content-Language: fr)");
}

static void test_reset(void)
{
	sql("UPDATE accounts SET ui_lang = 'de' WHERE id = %s", ivy.id);
	struct visitor v = {.extra = "Accept-Language: fr"};
	char fields[200];
	snprintf(fields, sizeof fields, "email=%s", ivy.email);
	struct resp r;
	ok(visitor_form(&v, "/password/forgot", "/password/forgot", fields, &r) == 200 && body_has(&r, "lang=\"fr\""),
	   "a password reset is asked for ivy on a French page");
	resp_free(&r);
	ok(user_mailed(ivy.email, "/password/reset?token=") && user_mailed(ivy.email, "Content-Language: de") &&
		   user_mailed(ivy.email, "Guten Tag"),
	   "the reset mail is in ivy's German, with Content-Language: de");
}

static void test_role_request(void)
{
	char org[16], path[64], fields[200];
	snprintf(org, sizeof org, "%s", value("SELECT CONCAT('ORG-', MAX(id)) FROM oms_organisations"));
	sql("DELETE FROM account_roles WHERE org_id = '%s'", org);
	sql("UPDATE accounts SET ui_lang = 'fr' WHERE id = %s", ivy.id);
	snprintf(path, sizeof path, "/account/roles?org=%s&lang=fr", org);
	user_get(&ivy, path);
	snprintf(fields, sizeof fields, "org=%s&role=INDUSTRY_USER&justification=Je tiens nos données à jour.", org);
	struct resp r;
	ok(visitor_upload(&ivy.v, "/account/roles", fields, NULL, NULL, NULL, 0, &r) == 303,
	   "ivy asks for a role of %s, in French", org);
	resp_free(&r);
	const char *id = value("SELECT MAX(id) FROM role_requests WHERE account_id = %s", ivy.id);
	char link[80];
	snprintf(link, sizeof link, "/admin/role-requests/%s\r\n", id);
	ok(tick(), "sporctl notify runs (the timer's minute)");
	char *text = NULL;
	ok(user_mailed(admin.email, link) && mails(&admin, &text) >= 1 && text &&
		   strstr(text, "These requests have arrived in your queue") && strstr(text, "Content-Language: en\r\n") &&
		   !strstr(text, "demande"),
	   "the administrator (no preference) reads of it in English, with Content-Language: en");
	free(text);
}

/* Change requests of `u`: three submitted at once, and one saved, then
 * submitted by the owner's procedure (as the portal does). */
static void submit_changes(const struct user *u, char ids[4][24])
{
	for (int i = 0; i < 4; i++) {
		sql("INSERT INTO change_requests (type, account_id, proposed, justification, status) VALUES"
		    " ('ADD-TERM', %s, '{}', 'mail-language test', '%s')",
		    u->id, i < 3 ? "SUBMITTED" : "SAVED");
		snprintf(ids[i], sizeof ids[i], "%s", value("SELECT LAST_INSERT_ID()"));
	}
	sql("CALL spor_cr_owner_write(%s, %s, 'SUBMITTED', NULL, NULL, NULL, NULL, NULL, NULL, '{}')", ids[3], u->id);
}

static bool lists_all(const char *text, char ids[4][24])
{
	for (int i = 0; i < 4; i++) {
		char link[80];
		snprintf(link, sizeof link, "/admin/change-requests/%s\r\n", ids[i]);
		if (!text || !strstr(text, link))
			return false;
	}
	return true;
}

static void test_queue(void)
{
	int before_fr = mails(&sfr, NULL), before_de = mails(&sde, NULL), before_off = mails(&soff, NULL);
	char ids[4][24];
	submit_changes(&ivy, ids);
	char mine[1][24];
	sql("INSERT INTO change_requests (type, account_id, proposed, justification, status) VALUES"
	    " ('ADD-TERM', %s, '{}', 'mail-language test', 'SUBMITTED')",
	    sfr.id);
	snprintf(mine[0], sizeof mine[0], "%s", value("SELECT LAST_INSERT_ID()"));
	ok(strcmp(value("SELECT COUNT(*) FROM queue_notices WHERE mailed_at IS NULL AND kind = 'change'"
			" AND request_id >= %s", ids[0]), "5") == 0,
	   "each request arriving in the queue leaves a notice, in its own transaction");
	ok(tick(), "sporctl notify runs");
	char *text = NULL;
	char link[80];
	snprintf(link, sizeof link, "/admin/change-requests/%s\r\n", ids[3]);
	ok(user_mailed(sfr.email, link) && mails(&sfr, &text) == before_fr + 1, "one message to the French steward");
	ok(lists_all(text, ids) && strstr(text, "Content-Language: fr\r\n") && strstr(text, "Ces demandes"),
	   "listing the four requests, in French, with Content-Language: fr");
	char line[48];
	snprintf(line, sizeof line, "- RRQ-%s\xc2\xa0: ", ids[0]);
	ok(text && strstr(text, line), "each line's colon as French writes it, after a no-break space");
	snprintf(link, sizeof link, "/admin/change-requests/%s\r\n", mine[0]);
	ok(text && !strstr(text, link), "not her own request");
	free(text);
	text = NULL;
	ok(user_mailed(sde.email, "Content-Language: de") && mails(&sde, &text) == before_de + 1 &&
		   lists_all(text, ids) && strstr(text, "Diese Anträge"),
	   "one message to the German steward, in German, listing all four");
	free(text);
	ok(mails(&soff, NULL) == before_off, "none to the steward who turned the notification off");
	ok(tick() && sleep(2) == 0 && mails(&sfr, NULL) == before_fr + 1 && mails(&sde, NULL) == before_de + 1,
	   "the next tick sends nothing again");
	ok(strcmp(value("SELECT COUNT(*) FROM queue_notices WHERE mailed_at IS NULL AND request_id >= %s", ids[0]), "0") == 0,
	   "every notice is marked mailed");
}

int main(void)
{
	owner = users_start(run);
	ok(dbtest_import_demo(), "the demonstration data (its organisations)");
	ok(user_make_admin(owner, &admin, "admin", run, "mail-language.test") &&
		   user_make(owner, &ivy, "ivy", run, "mail-language.test") &&
		   user_make(owner, &sfr, "sfr", run, "mail-language.test") &&
		   user_make(owner, &sde, "sde", run, "mail-language.test") &&
		   user_make(owner, &soff, "soff", run, "mail-language.test"),
	   "an administrator, a requester and three stewards");
	ok(tick(), "the notices of earlier tests are sent first");
	sql("UPDATE accounts SET ui_lang = 'fr' WHERE id = %s", sfr.id);
	sql("UPDATE accounts SET ui_lang = 'de' WHERE id = %s", sde.id);
	sql("UPDATE accounts SET notify_queue = FALSE WHERE id = %s", soff.id);
	sql("INSERT INTO account_roles (account_id, role_code, org_id) VALUES (%s, 'DATA_STEWARD', ''),"
	    " (%s, 'DATA_STEWARD', ''), (%s, 'DATA_STEWARD', '')",
	    sfr.id, sde.id, soff.id);
	test_registration();
	test_reset();
	test_role_request();
	test_queue();
	users_done(owner);
	return done_testing();
}
