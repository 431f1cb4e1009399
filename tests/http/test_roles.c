/* Roles for organisations, through nginx, with real mail: the first Super
 * User request of an organisation goes to the administrators, later ones to
 * its super users (who are told by email); duplicates, withdrawal,
 * decisions with reasons (mailed), two decisions of one request (one wins),
 * a super user of another organisation refused even with a hand-made POST,
 * nobody deciding on their own request, revocation, locking, the audit log;
 * supporting documents (PDF by content, 10 MB, names with folders, who may
 * download); and the authorization matrix: every route of the three route
 * tables walked by eight kinds of users, allowed or refused as the table
 * says, so that a route without a rule fails here. */
#include "config.h"

#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <sys/wait.h>
#include <unistd.h>

#include "../tap.h"
#include "dbtest.h"
#include "mailbox.h"
#include "programs/routes.h"
#include "users.h"

static MYSQL *owner;
#define value(...) dbtest_valuef(owner, __VA_ARGS__)
#define sql(...) dbtest_execf(owner, __VA_ARGS__)

static char run[USER_RUN_SIZE], org_a[16], org_b[16];

static const char pdf[] = "%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n";

/* Ask for `role` for `org` (after opening the form); the POST's status. */
static long ask(struct user *u, const char *role, const char *org, const char *file, size_t len)
{
	char path[64], fields[256];
	snprintf(path, sizeof path, "/account/roles?org=%s", org);
	user_get(u, path);
	snprintf(fields, sizeof fields, "org=%s&role=%s&justification=I keep our organisation's data right.", org, role);
	struct resp r;
	long status = visitor_upload(&u->v, "/account/roles", fields, file ? "document" : NULL, "letter.pdf", file, len, &r);
	resp_free(&r);
	return status;
}

static const char *request_of(const struct user *u, const char *role, const char *org)
{
	return value("SELECT MAX(id) FROM role_requests WHERE account_id = %s AND role_code = '%s' AND org_id = '%s'",
		     u->id, role, org);
}

/* POST as `u`: 303 when done, 409 when sent back to a page that says why it
 * was refused (http_refused: 303 to ?refused=), else the status. */
static long post_refused(struct user *u, const char *path, const char *fields)
{
	struct resp r;
	long status = visitor_post(&u->v, path, fields, true, &r);
	char *l = header(&r, "Location");
	if (status == 303 && l && strstr(l, "?refused="))
		status = 409;
	free(l);
	resp_free(&r);
	return status;
}

static long decide(struct user *u, const char *id, const char *fields)
{
	char path[96];
	snprintf(path, sizeof path, "/admin/role-requests/%s", id);
	user_get(u, path);
	snprintf(path, sizeof path, "/admin/role-requests/%s/decision", id);
	return user_post(u, path, fields);
}

static struct user admin, alice, bob, carol, dave, nina, stew, eve;

static void test_chain(void)
{
	char path[96];
	snprintf(path, sizeof path, "/account/roles?org=%s", org_a);
	struct resp r;
	visitor_get(&alice.v, path, &r);
	ok(r.status == 200 && body_has(&r, "has no super user yet") && body_has(&r, "Industry Super User") &&
		   body_has(&r, "enctype=\"multipart/form-data\""),
	   "the form says plainly that the organisation has no super user, and lists the roles");
	resp_free(&r);
	visitor_get(&alice.v, "/account/roles?q=Exemple", &r);
	ok(body_has(&r, org_a), "an organisation is found by the beginning of its name");
	ok(body_has(&r, "(France)") && !body_has(&r, "(FR)"), "the organisations found show their country by name");
	resp_free(&r);

	ok(ask(&alice, "INDUSTRY_SUPER_USER", org_a, pdf, sizeof pdf - 1) == 303, "alice asks to be super user of A");
	const char *id = request_of(&alice, "INDUSTRY_SUPER_USER", org_a);
	char first[24];
	snprintf(first, sizeof first, "%s", id);
	ok(strcmp(value("SELECT status FROM role_requests WHERE id = %s", first), "PENDING") == 0, "it waits");
	ok(dbtest_sporctl(NULL, "notify", NULL) == 0 && user_mailed(admin.email, "/admin/role-requests/"),
	   "the administrators are told by email (sporctl notify: the timer's minute)");
	ok(ask(&alice, "INDUSTRY_SUPER_USER", org_a, NULL, 0) == 409, "asking again while it waits: 409");
	ok(strcmp(value("SELECT COUNT(*) FROM role_requests WHERE account_id = %s", alice.id), "1") == 0,
	   "no second request");

	/* The document. */
	snprintf(path, sizeof path, "/account/roles/%s/document", first);
	visitor_get(&alice.v, path, &r);
	char *type = header(&r, "Content-Type");
	ok(r.status == 200 && type && strstr(type, "application/pdf") && r.body_len == sizeof pdf - 1 &&
		   memcmp(r.body, pdf, r.body_len) == 0,
	   "the requester downloads the document, byte for byte");
	free(type);
	resp_free(&r);
	ok(user_get(&bob, path) == 404, "another user cannot (404)");
	snprintf(path, sizeof path, "/admin/role-requests/%s/document", first);
	ok(user_get(&admin, path) == 200, "an administrator can");
	ok(user_get(&carol, path) == 403, "a super user of another organisation cannot");

	/* Decided by an administrator. */
	ok(user_get(&alice, "/admin") == 403, "before the decision alice has no console");
	ok(decide(&admin, first, "decision=approve") == 303, "the administrator approves");
	ok(user_get(&alice, "/admin") == 200, "the role takes effect on alice's next request");
	ok(user_mailed(alice.email, "Your request was approved"), "alice is told by email");
	char again[96];
	snprintf(again, sizeof again, "/admin/role-requests/%s", first);
	user_get(&admin, again);
	struct resp r2;
	snprintf(path, sizeof path, "/admin/role-requests/%s/decision", first);
	visitor_post(&admin.v, path, "decision=reject&reason=late", true, &r2);
	char *l = header(&r2, "Location");
	ok(r2.status == 303 && l && strstr(l, "?refused=not_pending") && strncmp(l, again, strlen(again)) == 0,
	   "deciding again: back to the request, which says it was decided (%s)", l ? l : "nowhere");
	free(l);
	resp_free(&r2);
	user_get(&admin, again);
	snprintf(path, sizeof path, "/admin/role-requests/%s?refused=not_pending", first);
	struct resp page2;
	visitor_get(&admin.v, path, &page2);
	ok(page2.status == 200 && body_has(&page2, "already been decided or withdrawn meanwhile"), "in words");
	resp_free(&page2);

	/* Later requests go to the organisation's super users, in their language. */
	sql("UPDATE accounts SET ui_lang = 'fr' WHERE id = %s", alice.id);
	ok(ask(&bob, "INDUSTRY_USER", org_a, NULL, 0) == 303, "bob asks to be industry user of A");
	char second[24];
	snprintf(second, sizeof second, "%s", request_of(&bob, "INDUSTRY_USER", org_a));
	ok(dbtest_sporctl(NULL, "notify", NULL) == 0 && user_mailed(alice.email, "demande le rôle"),
	   "alice, A's super user, is told, in French (her preference)");
	sql("UPDATE accounts SET ui_lang = NULL WHERE id = %s", alice.id);
	char cell[40];
	snprintf(cell, sizeof cell, "RR-%s</a>", second);
	visitor_get(&alice.v, "/admin/role-requests", &r);
	ok(body_has(&r, cell), "and finds it in her queue");
	resp_free(&r);
	visitor_get(&carol.v, "/admin/role-requests", &r);
	ok(r.status == 200 && !body_has(&r, cell), "carol, super user of B, does not see it");
	resp_free(&r);
	snprintf(path, sizeof path, "/admin/role-requests/%s", second);
	ok(user_get(&carol, path) == 403, "nor open it");
	struct visitor *cv = &carol.v;
	visitor_get(cv, "/admin", &r);
	resp_free(&r);
	snprintf(path, sizeof path, "/admin/role-requests/%s/decision", second);
	ok(visitor_post(cv, path, "decision=approve", true, &r) == 403, "a hand-made POST by carol: 403");
	resp_free(&r);
	ok(strcmp(value("SELECT status FROM role_requests WHERE id = %s", second), "PENDING") == 0, "nothing changed");
	ok(decide(&alice, second, "decision=reject") == 400, "rejecting without a reason: 400");
	ok(decide(&alice, second, "decision=approve") == 303, "alice approves bob");
	ok(*value("SELECT 1 FROM account_roles WHERE account_id = %s AND role_code = 'INDUSTRY_USER' AND org_id = '%s'",
		  bob.id, org_a),
	   "bob holds the role");

	/* Nobody decides on their own request. */
	ok(ask(&alice, "NCA_USER", org_a, NULL, 0) == 303, "alice asks for another role of A");
	const char *own = request_of(&alice, "NCA_USER", org_a);
	char mine[24];
	snprintf(mine, sizeof mine, "%s", own);
	snprintf(path, sizeof path, "/admin/role-requests/%s/decision", mine);
	user_get(&alice, "/admin");
	ok(user_post(&alice, path, "decision=approve") == 403, "alice cannot decide on her own request");

	/* Rejection with a reason, mailed. */
	ok(decide(&admin, mine, "decision=reject&reason=One+role+is+enough") == 303, "the administrator rejects it");
	ok(user_mailed(alice.email, "One role is enough"), "alice reads the reason by email");

	/* Withdrawal. */
	ok(ask(&dave, "INDUSTRY_USER", org_b, NULL, 0) == 303, "dave asks for a role of B");
	char dv[24];
	snprintf(dv, sizeof dv, "%s", request_of(&dave, "INDUSTRY_USER", org_b));
	snprintf(path, sizeof path, "/account/roles/%s/withdraw", dv);
	user_get(&bob, "/account/roles");
	ok(user_post(&bob, path, "") == 404, "bob cannot withdraw dave's request (404)");
	user_get(&dave, "/account/roles");
	ok(user_post(&dave, path, "") == 303, "dave withdraws it");
	ok(strcmp(value("SELECT status FROM role_requests WHERE id = %s", dv), "WITHDRAWN") == 0, "it is withdrawn");
	ok(post_refused(&dave, path, "") == 409, "withdrawing again: back to the roles, which say why");

	/* Two decisions of one request: one wins. */
	ok(ask(&dave, "INDUSTRY_USER", org_b, NULL, 0) == 303, "dave asks again");
	snprintf(dv, sizeof dv, "%s", request_of(&dave, "INDUSTRY_USER", org_b));
	snprintf(path, sizeof path, "/admin/role-requests/%s", dv);
	user_get(&admin, path);
	snprintf(path, sizeof path, "/admin/role-requests/%s/decision", dv);
	/* At the same moment: one process approves, the other rejects. */
	pid_t child = fork();
	if (child == 0) {
		long st = post_refused(&admin, path, "decision=reject&reason=no");
		_exit(st == 303 ? 0 : st == 409 ? 1 : 2);
	}
	long s1 = post_refused(&admin, path, "decision=approve");
	int wstatus = 0;
	waitpid(child, &wstatus, 0);
	long s2 = WIFEXITED(wstatus) ? (WEXITSTATUS(wstatus) == 0 ? 303 : WEXITSTATUS(wstatus) == 1 ? 409 : 500) : 500;
	ok((s1 == 303 && s2 == 409) || (s1 == 409 && s2 == 303),
	   "two decisions at once: one wins, the other goes back to the request, which says why (%ld, %ld)", s1, s2);
	ok(strcmp(value("SELECT COUNT(*) FROM audit_log WHERE event IN ('role.approved', 'role.rejected') AND account_id "
			"= %s",
			dave.id),
		  "1") == 0,
	   "and one decision is recorded");
}

static void test_uploads(void)
{
	struct resp r;
	char path[64];
	snprintf(path, sizeof path, "/account/roles?org=%s", org_b);
	user_get(&nina, path);
	const char *fields = "role=NCA_USER&justification=Our authority needs it.";
	char with_org[160];
	snprintf(with_org, sizeof with_org, "org=%s&%s", org_b, fields);
	static const char text[] = "just text, named .pdf";
	ok(visitor_upload(&nina.v, "/account/roles", with_org, "document", "letter.pdf", text, sizeof text - 1, &r) == 400 &&
		   body_has(&r, "must be a PDF"),
	   "a text file named .pdf: 400, must be a PDF");
	resp_free(&r);
	static const char html[] = "<html><script>alert(1)</script>%PDF-";
	ok(visitor_upload(&nina.v, "/account/roles", with_org, "document", "x.pdf", html, sizeof html - 1, &r) == 400,
	   "HTML with a late PDF signature: 400");
	resp_free(&r);
	size_t big = 10 * 1024 * 1024 + 1;
	char *huge = malloc(big);
	memset(huge, ' ', big);
	memcpy(huge, pdf, sizeof pdf - 1);
	ok(visitor_upload(&nina.v, "/account/roles", with_org, "document", "big.pdf", huge, big, &r) == 400 &&
		   body_has(&r, "at most 10 MB"),
	   "a PDF over 10 MB: 400");
	resp_free(&r);
	free(huge);
	ok(!*value("SELECT 1 FROM role_requests WHERE account_id = %s", nina.id), "none of them made a request");
	ok(visitor_upload(&nina.v, "/account/roles", with_org, "document", "../../../etc/evil.pdf", pdf, sizeof pdf - 1,
			  &r) == 303,
	   "a name with folders is accepted as its last part");
	resp_free(&r);
	ok(strcmp(value("SELECT document_name FROM role_requests WHERE account_id = %s", nina.id), "evil.pdf") == 0,
	   "kept as evil.pdf");
	ok(access("/etc/evil.pdf", F_OK) != 0, "and nothing was written outside the uploads folder");
	ok(strlen(value("SELECT document_sha256 FROM role_requests WHERE account_id = %s", nina.id)) == 64,
	   "the file is kept under its SHA-256");
	ok(decide(&admin, request_of(&nina, "NCA_USER", org_b), "decision=approve") == 303, "nina becomes NCA user of B");
}

static void test_users(void)
{
	char path[96];
	struct resp r;
	visitor_get(&admin.v, "/admin/users?q=roles.test", &r);
	ok(r.status == 200 && body_has(&r, alice.email) && body_has(&r, bob.email), "the administrator finds users");
	resp_free(&r);
	visitor_get(&alice.v, "/admin/users", &r);
	ok(r.status == 200 && body_has(&r, bob.email) && !body_has(&r, dave.email),
	   "a super user sees her organisation's users only");
	resp_free(&r);
	snprintf(path, sizeof path, "/admin/users/%s", dave.id);
	ok(user_get(&alice, path) == 404, "and no other account");

	/* Revocation. */
	snprintf(path, sizeof path, "/admin/users/%s", dave.id);
	user_get(&carol, path);
	snprintf(path, sizeof path, "/admin/users/%s/roles/revoke", bob.id);
	char fields[200];
	snprintf(fields, sizeof fields, "role=INDUSTRY_USER&org=%s&reason=left", org_a);
	ok(user_post(&carol, path, fields) == 403, "carol cannot revoke a role of A");
	snprintf(path, sizeof path, "/admin/users/%s", bob.id);
	user_get(&alice, path);
	snprintf(path, sizeof path, "/admin/users/%s/roles/revoke", bob.id);
	ok(user_post(&alice, path, "role=INDUSTRY_USER&reason=x") == 403, "nor alice an agency-wide one");
	snprintf(fields, sizeof fields, "role=INDUSTRY_USER&org=%s", org_a);
	ok(user_post(&alice, path, fields) == 400, "a revocation needs a reason");
	snprintf(fields, sizeof fields, "role=INDUSTRY_USER&org=%s&reason=Bob+left+the+company", org_a);
	ok(user_post(&alice, path, fields) == 303, "alice revokes bob's role");
	ok(!*value("SELECT 1 FROM account_roles WHERE account_id = %s", bob.id), "bob holds no role");
	ok(user_mailed(bob.email, "Bob left the company"), "bob is told why by email");

	/* Locking and granting. */
	snprintf(path, sizeof path, "/admin/users/%s", eve.id);
	user_get(&admin, path);
	snprintf(path, sizeof path, "/admin/users/%s/lock", eve.id);
	ok(user_post(&admin, path, "") == 303, "the administrator locks eve");
	ok(user_get(&eve, "/account") == 303, "eve's session has ended");
	ok(visitor_login(&eve.v, eve.email, USER_PASSWORD) == 403, "and she cannot sign in");
	snprintf(path, sizeof path, "/admin/users/%s/unlock", eve.id);
	ok(user_post(&admin, path, "") == 303 && visitor_login(&eve.v, eve.email, USER_PASSWORD) == 303,
	   "unlocked, she can");
	snprintf(path, sizeof path, "/admin/users/%s/lock", admin.id);
	ok(post_refused(&admin, path, "") == 409, "an administrator cannot lock themself: back to the account, saying so");
	snprintf(path, sizeof path, "/admin/users/%s/roles", stew.id);
	ok(user_post(&admin, path, "role=INDUSTRY_USER") == 400, "organisation roles are not granted by hand");
	ok(user_post(&admin, path, "role=DATA_STEWARD") == 303, "the agency's roles are");
	ok(user_get(&stew, "/admin") == 200 && user_get(&stew, "/admin/role-requests") == 403,
	   "a data steward opens the console, not the role requests");

	/* The audit log. */
	visitor_get(&admin.v, "/admin/audit?event=role", &r);
	ok(r.status == 200 && body_has(&r, "Role request approved") && body_has(&r, "Role revoked") &&
		   !body_has(&r, "<td>Signed in</td>"),
	   "the audit log shows role decisions, filtered");
	resp_free(&r);
	visitor_get(&admin.v, "/admin/audit?event=login&size=10", &r);
	ok(body_has(&r, "<td>Signed in</td>") && body_has(&r, "class=\"pager\""), "and sign-ins, paginated");
	resp_free(&r);
}

/* The matrix: each route of each table with each kind of user. */
static const char *sample(const char *capture)
{
	if (strcmp(capture, "listId") == 0)
		return value("SELECT id FROM rms_lists ORDER BY id LIMIT 1");
	if (strcmp(capture, "termId") == 0)
		return value("SELECT id FROM rms_terms ORDER BY id LIMIT 1");
	if (strcmp(capture, "orgId") == 0)
		return org_a;
	if (strcmp(capture, "locId") == 0)
		return value("SELECT CONCAT('LOC-', id) FROM oms_locations ORDER BY id LIMIT 1");
	if (strcmp(capture, "requestId") == 0) /* bob's request for A: A's super user decides */
		return value("SELECT MIN(id) FROM role_requests WHERE account_id = %s AND org_id = '%s'", bob.id, org_a);
	if (strcmp(capture, "accountId") == 0)
		return eve.id; /* whom the matrix may lock */
	if (strcmp(capture, "sessionId") == 0) /* well formed, nobody's: a user's own would end it */
		return "NoSuchSessionNoSuchSessionNoSuchSession0000";
	return "1";
}

static const char *concrete(const char *pattern)
{
	static char out[256];
	size_t n = 0;
	for (const char *p = pattern; *p && n < sizeof out - 40;) {
		if (*p == '{') {
			const char *end = strchr(p, '}');
			char name[32];
			snprintf(name, sizeof name, "%.*s", (int)(end - p - 1), p + 1);
			n += (size_t)snprintf(out + n, sizeof out - n, "%s", sample(name));
			p = end + 1;
		} else {
			out[n++] = *p++;
		}
	}
	out[n] = '\0';
	return out;
}

/* "= 'ORG-...'": the condition on the organisation the matrix changes. */
static const char *org_condition(const char *org)
{
	static char cond[32];
	snprintf(cond, sizeof cond, "= '%s'", org);
	return cond;
}

struct kind {
	const char *name;
	struct user *user; /* NULL: anonymous */
	unsigned roles;
};

static void test_matrix(void)
{
	struct user anon = {0};
	const struct kind kinds[] = {
		{"anonymous", &anon, ROLE_ANON},
		{"unaffiliated", &dave, ROLE_USER},
		{"industry user", &bob, ROLE_USER},
		{"super user of A", &alice, ROLE_USER | ROLE_SUPER},
		{"super user of B", &carol, ROLE_USER | ROLE_SUPER},
		{"NCA user", &nina, ROLE_USER},
		{"data steward", &stew, ROLE_USER | ROLE_STEWARD},
		{"administrator", &admin, ROLE_USER | ROLE_ADMIN},
	};
	const struct app_def *apps[] = {&public_app, &account_app, &admin_app};
	int checked = 0, wrong = 0;
	for (size_t k = 0; k < sizeof kinds / sizeof kinds[0]; k++) {
		struct user *u = kinds[k].user;
		/* Each kind from an address of its own: the walk asks the API's
		 * paths more often than nginx's limit per address allows. */
		char source[16];
		snprintf(source, sizeof source, "127.0.1.%zu", k + 1);
		client_source = source;
		user_get(u, "/login"); /* a form: the anonymous visitor's token */
		if (u != &anon)
			user_get(u, "/account");
		for (size_t a = 0; a < 3; a++) {
			const struct router *rt = apps[a]->router;
			for (size_t i = 0; i < rt->nroutes; i++) {
				const struct route *route = &rt->routes[i];
				if (strcmp(route->path, "/logout") == 0 || strcmp(route->path, "/account/delete") == 0)
					continue; /* would end the walk's own session; tested elsewhere */
				if (route->auth == AUTH_BEARER) {
					/* The write API: a cookie never opens it, whoever sends
					 * it (tokens: test_tokens). */
					const char *path = concrete(route->path);
					struct resp r = {0};
					char cookie[128];
					snprintf(cookie, sizeof cookie, "Cookie: spor_session=%s", u->v.session);
					const char *headers[] = {cookie, NULL};
					bool get = strcmp(route->method, "GET") == 0;
					long status = request(route->method, path, get ? NULL : "", 0, headers, &r) == 0 ? r.status : -1;
					if (status != 401) {
						wrong++;
						diag("%s %s %s as %s: %ld (a cookie must get 401)", apps[a]->name, route->method,
						     path, kinds[k].name, status);
					}
					resp_free(&r);
					checked++;
					continue;
				}
				bool allowed = (route->roles & kinds[k].roles) != 0;
				/* The object check on top of the route's: a super user of B
				 * opening a request for A. */
				if (u == &carol && apps[a] == &admin_app && strstr(route->path, "{requestId}") &&
				    strncmp(route->path, "/admin/role-requests", 20) == 0 && strcmp(route->method, "GET") == 0)
					allowed = false;
				/* Proposing a change to the data takes an organisation's role
				 * (a new organisation excepted: anyone signed in may propose it). */
				if (strstr(route->path, "/requests/new") && strcmp(route->path, "/oms/requests/new") != 0)
					allowed = allowed && u != &anon &&
						  strcmp(value("SELECT COUNT(*) FROM account_roles WHERE account_id = %s AND "
							       "org_id %s",
							       u->id,
							       strstr(route->path, "{orgId}")
								       ? org_condition(org_a)
								       : "<> ''"),
							 "0") != 0;
				const char *path = concrete(route->path);
				struct resp r;
				long status = strcmp(route->method, "GET") == 0 ? visitor_get(&u->v, path, &r)
										: visitor_post(&u->v, path, "", true, &r);
				char *location = header(&r, "Location");
				bool refused = status == 403 || (status == 303 && location && strncmp(location, "/login", 6) == 0);
				if (refused == allowed) {
					wrong++;
					diag("%s %s %s as %s: %ld (%s)", apps[a]->name, route->method, path, kinds[k].name, status,
					     allowed ? "should be allowed" : "should be refused");
				}
				free(location);
				resp_free(&r);
				checked++;
			}
		}
	}
	client_source = NULL;
	ok(wrong == 0 && checked > 200, "every route with every kind of user: as the route tables say (%d checks)", checked);
}

int main(void)
{
	owner = users_start(run);
	snprintf(org_a, sizeof org_a, "%s", value("SELECT CONCAT('ORG-', id) FROM oms_organisations WHERE name LIKE "
						 "'Exemple Pharma SA' LIMIT 1"));
	snprintf(org_b, sizeof org_b, "%s", value("SELECT CONCAT('ORG-', id) FROM oms_organisations WHERE CONCAT('ORG-', "
						 "id) <> '%s' ORDER BY id LIMIT 1",
						 org_a));
	/* A fresh organisation state: no super user of A or B from earlier runs. */
	sql("DELETE FROM account_roles WHERE org_id IN ('%s', '%s')", org_a, org_b);
	sql("UPDATE role_requests SET status = 'WITHDRAWN' WHERE status = 'PENDING'");
	ok(user_make_admin(owner, &admin, "admin", run, "roles.test"), "an administrator");
	ok(*org_a && *org_b && user_make(owner, &alice, "alice", run, "roles.test") && user_make(owner, &bob, "bob", run, "roles.test") && user_make(owner, &carol, "carol", run, "roles.test") &&
		   user_make(owner, &dave, "dave", run, "roles.test") && user_make(owner, &nina, "nina", run, "roles.test") && user_make(owner, &stew, "stew", run, "roles.test") && user_make(owner, &eve, "eve", run, "roles.test"),
	   "users, organisations A (%s) and B (%s)", org_a, org_b);
	/* carol: super user of B, by an administrator's approval. */
	ok(ask(&carol, "INDUSTRY_SUPER_USER", org_b, NULL, 0) == 303 &&
		   decide(&admin, request_of(&carol, "INDUSTRY_SUPER_USER", org_b), "decision=approve") == 303,
	   "carol becomes super user of B");
	test_chain();
	test_uploads();
	test_users();
	test_matrix();
	users_done(owner);
	return done_testing();
}
