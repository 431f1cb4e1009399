/* The console in words, through nginx: the audit log shows each event by
 * its label (in the page's language), the person it concerns and who acted,
 * each linked to their account, and what it is about (a role request, a
 * change request, an organisation), linked; it filters by kind of event,
 * by person and by a range of dates, paginated.  The users' list names
 * their roles; a steward's decision makes the request theirs in the queue's
 * "taken by"; the buttons say what they do, in English, French and
 * German. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "../tap.h"
#include "dbtest.h"
#include "users.h"

static MYSQL *owner;
#define value(...) dbtest_valuef(owner, __VA_ARGS__)
#define sql(...) dbtest_execf(owner, __VA_ARGS__)

static char run[USER_RUN_SIZE], org[16], role_request[24], change[24];
static struct user admin, stew, ivy;

/* GET `path` as `u`: the answer (resp_free it). */
static struct resp page_of(struct user *u, const char *path)
{
	struct resp r;
	visitor_get(&u->v, path, &r);
	return r;
}

static bool page_has(struct user *u, const char *path, const char *needle)
{
	struct resp r = page_of(u, path);
	bool has = r.status == 200 && body_has(&r, needle);
	resp_free(&r);
	return has;
}

/* A page shown (200) without `needle`. */
static bool page_lacks(struct user *u, const char *path, const char *needle)
{
	struct resp r = page_of(u, path);
	bool lacks = r.status == 200 && !body_has(&r, needle);
	resp_free(&r);
	return lacks;
}

static void make_events(void)
{
	char path[96], fields[200];
	snprintf(path, sizeof path, "/account/roles?org=%s", org);
	user_get(&ivy, path);
	snprintf(fields, sizeof fields, "org=%s&role=INDUSTRY_USER&justification=I keep our data right.", org);
	struct resp r;
	ok(visitor_upload(&ivy.v, "/account/roles", fields, NULL, NULL, NULL, 0, &r) == 303, "ivy asks for a role");
	resp_free(&r);
	snprintf(role_request, sizeof role_request, "%s",
		 value("SELECT MAX(id) FROM role_requests WHERE account_id = %s", ivy.id));
	snprintf(path, sizeof path, "/admin/role-requests/%s", role_request);
	user_get(&admin, path);
	snprintf(path, sizeof path, "/admin/role-requests/%s/decision", role_request);
	ok(user_post(&admin, path, "decision=approve") == 303, "the administrator approves it");

	sql("INSERT INTO change_requests (type, account_id, proposed, justification, status) VALUES"
	    " ('ADD-TERM', %s, '{}', 'console test', 'SUBMITTED')",
	    ivy.id);
	snprintf(change, sizeof change, "%s", value("SELECT LAST_INSERT_ID()"));
	snprintf(path, sizeof path, "/admin/change-requests/%s", change);
	ok(page_has(&stew, path, "Mark valid"), "the steward's button says what it does (Mark valid)");
	snprintf(path, sizeof path, "/admin/change-requests/%s/move", change);
	ok(user_post(&stew, path, "to=VALID") == 303, "the steward marks ivy's change request valid, without taking it");

	snprintf(path, sizeof path, "/admin/users/%s", ivy.id);
	user_get(&admin, path);
	snprintf(path, sizeof path, "/admin/users/%s/roles/revoke", ivy.id);
	snprintf(fields, sizeof fields, "role=INDUSTRY_USER&org=%s&reason=left", org);
	ok(user_post(&admin, path, fields) == 303, "then revokes ivy's role");
}

static void test_audit(void)
{
	char needle[300], path[300];
	struct resp r = page_of(&admin, "/admin/audit?event=role");
	ok(r.status == 200 && body_has(&r, "<td>Role request approved</td>") && body_has(&r, "<td>Role requested</td>") &&
		   !body_has(&r, "role.approved"),
	   "the audit log names each event by its label, not its code");
	snprintf(needle, sizeof needle, "<a href=\"/admin/role-requests/%s\">RR-%s</a>", role_request, role_request);
	ok(body_has(&r, needle), "and links the role request it is about");
	snprintf(needle, sizeof needle, "<a href=\"/admin/users/%s\">ivy</a> <span class=\"hint\">%s</span>", ivy.id,
		 ivy.email);
	ok(body_has(&r, needle), "the person it concerns: name and email, linked");
	snprintf(needle, sizeof needle, "<a href=\"/admin/users/%s\">admin.%s</a>", admin.id, run);
	ok(body_has(&r, needle), "and who acted, linked");
	snprintf(needle, sizeof needle, "<a href=\"/oms/organisations/%s\">", org);
	ok(body_has(&r, "<td>Role revoked</td>") && body_has(&r, needle), "a revoked role links its organisation");
	resp_free(&r);

	r = page_of(&admin, "/admin/audit?event=change");
	snprintf(needle, sizeof needle, "<a href=\"/admin/change-requests/%s\">RRQ-%s</a>", change, change);
	ok(body_has(&r, "<td>Change request marked valid</td>") && body_has(&r, needle),
	   "a steward's move: its label and the change request, linked");
	resp_free(&r);

	/* Filters: a person, by name or email, whoever they were in the event. */
	snprintf(path, sizeof path, "/admin/audit?q=%s", ivy.email);
	r = page_of(&admin, path);
	ok(body_has(&r, "<td>Role requested</td>") && !body_has(&r, "Change request marked valid"),
	   "filtered by ivy's email: her events only");
	resp_free(&r);
	snprintf(path, sizeof path, "/admin/audit?event=change&q=stew.%s", run);
	ok(page_has(&admin, path, "Change request marked valid"), "by the steward's, the events he acted in");
	/* Dates. */
	char *days[] = {strdup(value("SELECT DATE(UTC_TIMESTAMP())")),
			strdup(value("SELECT DATE(UTC_TIMESTAMP() + INTERVAL 1 DAY)")),
			strdup(value("SELECT DATE(UTC_TIMESTAMP() - INTERVAL 1 DAY)"))};
	snprintf(path, sizeof path, "/admin/audit?event=role&since=%s&until=%s", days[0], days[0]);
	ok(page_has(&admin, path, "<td>Role request approved</td>"), "from today to today: today's events");
	snprintf(path, sizeof path, "/admin/audit?event=role&q=%s&since=%s", ivy.email, days[1]);
	ok(page_lacks(&admin, path, "<td>Role requested</td>"), "from tomorrow: none");
	snprintf(path, sizeof path, "/admin/audit?event=role&q=%s&until=%s", ivy.email, days[2]);
	ok(page_lacks(&admin, path, "<td>Role requested</td>"), "until yesterday: none");
	snprintf(path, sizeof path, "/admin/audit?since=%s", "2026-02-30");
	ok(user_get(&admin, path) == 400, "a day that does not exist: 400");
	for (int i = 0; i < 3; i++)
		free(days[i]);
	ok(page_has(&admin, "/admin/audit?size=10", "class=\"pager\"") &&
		   page_has(&admin, "/admin/audit?size=10", "type=\"date\""),
	   "paginated, and the form asks for dates");

	/* In French. */
	sql("UPDATE accounts SET ui_lang = 'fr' WHERE id = %s", admin.id);
	ok(page_has(&admin, "/admin/audit?event=role", "<td>Demande de rôle approuvée</td>") &&
		   page_has(&admin, "/admin/audit?event=role", "Appliquer les filtres"),
	   "the labels and the buttons in French");
	sql("UPDATE accounts SET ui_lang = NULL WHERE id = %s", admin.id);
}

static void test_users(void)
{
	char path[200];
	snprintf(path, sizeof path, "/admin/users?q=%s", ivy.email);
	sql("INSERT INTO account_roles (account_id, role_code, org_id) VALUES (%s, 'INDUSTRY_USER', '%s')", ivy.id, org);
	struct resp r = page_of(&admin, path);
	char needle[64];
	snprintf(needle, sizeof needle, "<span class=\"id\">%s</span>", org);
	ok(r.status == 200 && body_has(&r, "SPOR Industry User (") && body_has(&r, needle) &&
		   !body_has(&r, "<td>INDUSTRY_USER"),
	   "the users' list names their roles (and organisations), not their codes");
	resp_free(&r);
}

static void test_taken_by(void)
{
	ok(strcmp(value("SELECT COALESCE(assigned_to, '') FROM change_requests WHERE id = %s", change), stew.id) == 0,
	   "the steward who decided has the request");
	char row[80];
	snprintf(row, sizeof row, "RRQ-%s</a>", change);
	struct resp r = page_of(&stew, "/admin/change-requests?status=VALID&mine=1");
	ok(r.status == 200 && body_has(&r, row), "it is among those he took (\"taken by\" names him)");
	resp_free(&r);
}

static void test_buttons(void)
{
	char path[96];
	snprintf(path, sizeof path, "/admin/change-requests/%s", change);
	ok(page_has(&stew, path, "Approve with changes") && page_has(&stew, path, "Return to the requester"),
	   "a valid request's buttons: Approve with changes, Return to the requester ...");
	sql("UPDATE change_requests SET status = 'SUBMITTED' WHERE id = %s", change);
	sql("UPDATE accounts SET ui_lang = 'fr' WHERE id = %s", stew.id);
	ok(page_has(&stew, path, "Marquer comme valide") && page_has(&stew, path, "Renvoyer au demandeur"),
	   "in French: Marquer comme valide, Renvoyer au demandeur");
	sql("UPDATE accounts SET ui_lang = 'de' WHERE id = %s", stew.id);
	ok(page_has(&stew, path, "Als gültig markieren") && page_has(&stew, "/admin/change-requests", "Filter anwenden"),
	   "in German: Als gültig markieren, Filter anwenden");
	sql("UPDATE accounts SET ui_lang = NULL WHERE id = %s", stew.id);
}

int main(void)
{
	owner = users_start(run);
	ok(dbtest_import_demo(), "the demonstration data");
	snprintf(org, sizeof org, "%s", value("SELECT CONCAT('ORG-', MIN(id)) FROM oms_organisations"));
	sql("DELETE FROM account_roles WHERE org_id = '%s' AND role_code = 'INDUSTRY_SUPER_USER'", org);
	ok(user_make_admin(owner, &admin, "admin", run, "console.test") &&
		   user_make(owner, &stew, "stew", run, "console.test") && user_make(owner, &ivy, "ivy", run, "console.test"),
	   "an administrator, a steward and a requester");
	sql("INSERT INTO account_roles (account_id, role_code, org_id) VALUES (%s, 'DATA_STEWARD', '')", stew.id);
	make_events();
	test_audit();
	test_users();
	test_taken_by();
	test_buttons();
	users_done(owner);
	return done_testing();
}
