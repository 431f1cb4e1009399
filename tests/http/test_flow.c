/* Where each page leads a user, through nginx with real mail: no link to a
 * proposal the user may not make (the roles it needs and the way to ask
 * for one instead, or their request that waits), and every link offered
 * taken; `next` kept through the sign-in and its second step, the query
 * too, and nowhere but a local path; signing out said on the page it lands
 * on; a verification link used, expired or never sent, each said so; and
 * refused forms: the summary first in the main content, focused, naming
 * and linking each field, each field's own message naming it; the sign-in
 * focused on its email; a translation's form showing what it translates;
 * the requester's role requests with their withdrawal in its own column. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "../tap.h"
#include "authenticator.h"
#include "dbtest.h"
#include "mailbox.h"
#include "users.h"

static MYSQL *owner;
#define value(...) dbtest_valuef(owner, __VA_ARGS__)
#define sql(...) dbtest_execf(owner, __VA_ARGS__)

static char run[USER_RUN_SIZE], list[16], term[16], term_name[1000];
static const char *org = "ORG-100000001", *other_org = "ORG-100000002";
static struct user nora, ivan, pat, admin;

/* GET as the user: the status, the answer in *keep (or dropped). */
static long page(struct visitor *v, const char *path, struct resp *keep)
{
	struct resp r;
	long status = visitor_get(v, path, keep ? keep : &r);
	if (!keep)
		resp_free(&r);
	return status;
}

/* Whether the page links to `path` (href="<path>"). */
static bool links_to(const struct resp *r, const char *path)
{
	char needle[300];
	snprintf(needle, sizeof needle, "href=\"%s\"", path);
	return body_has(r, needle);
}

/* Whether the page (a visitor's GET of it) offers none of the proposals'
 * forms and says which roles one needs and where to ask for one (`ask`). */
static bool dead_ends_closed(struct visitor *v, const char *path, const char *ask)
{
	struct resp r;
	bool closed = page(v, path, &r) == 200 && !body_has(&r, "/requests/new") &&
		      body_has(&r, "needs one of the roles") && body_has(&r, "SPOR Industry User") && links_to(&r, ask);
	resp_free(&r);
	return closed;
}

static void test_no_dead_ends(void)
{
	char path[160], ask[96];
	snprintf(path, sizeof path, "/rms/lists/%s", list);
	ok(dead_ends_closed(&nora.v, "/rms/lists", "/account/roles#new"),
	   "no role: the lists offer no new list, and say which roles it needs and where to ask");
	ok(dead_ends_closed(&nora.v, path, "/account/roles#new"), "no role: the list offers no new term, the same");
	snprintf(path, sizeof path, "/rms/terms/%s", term);
	ok(dead_ends_closed(&nora.v, path, "/account/roles#new"), "no role: the term offers no change nor translation");
	snprintf(path, sizeof path, "/oms/organisations/%s", org);
	snprintf(ask, sizeof ask, "/account/roles?org=%s#new", org);
	ok(dead_ends_closed(&nora.v, path, ask), "no role: the organisation offers no change, and asks for its role");
	struct resp r;
	ok(page(&nora.v, "/oms/organisations", &r) == 200 && links_to(&r, "/oms/requests/new"),
	   "a new organisation is anyone's to propose: offered");
	resp_free(&r);

	/* Ivan holds a role for one organisation: each link offered is taken. */
	char where[4][160], target[4][160];
	snprintf(where[0], sizeof where[0], "/rms/lists");
	snprintf(target[0], sizeof target[0], "/rms/requests/new");
	snprintf(where[1], sizeof where[1], "/rms/lists/%s", list);
	snprintf(target[1], sizeof target[1], "/rms/lists/%s/requests/new", list);
	snprintf(where[2], sizeof where[2], "/rms/terms/%s", term);
	snprintf(target[2], sizeof target[2], "/rms/terms/%s/requests/new", term);
	snprintf(where[3], sizeof where[3], "/oms/organisations/%s", org);
	snprintf(target[3], sizeof target[3], "/oms/organisations/%s/requests/new", org);
	for (size_t i = 0; i < 4; i++) {
		bool offered = page(&ivan.v, where[i], &r) == 200 && links_to(&r, target[i]) && !body_has(&r, "may-not");
		resp_free(&r);
		ok(offered && page(&ivan.v, target[i], NULL) == 200, "with a role: %s offers %s, which opens", where[i],
		   target[i]);
	}
	snprintf(path, sizeof path, "/oms/organisations/%s", other_org);
	snprintf(ask, sizeof ask, "/account/roles?org=%s#new", other_org);
	ok(dead_ends_closed(&ivan.v, path, ask), "a role for one organisation offers no change to another");

	/* Pat's request for a role waits: the page says so and links to it. */
	snprintf(path, sizeof path, "/rms/lists/%s", list);
	ok(page(&pat.v, path, &r) == 200 && !body_has(&r, "/requests/new") && body_has(&r, "waiting for a decision") &&
		   links_to(&r, "/account/roles#requests"),
	   "a role asked for and waiting: the list says so, with the way to the request");
	resp_free(&r);
	snprintf(path, sizeof path, "/oms/organisations/%s", org);
	ok(page(&pat.v, path, &r) == 200 && body_has(&r, "waiting for a decision"),
	   "and so does the organisation it was asked for");
	resp_free(&r);

	/* The proposal's own page, reached by its address: the same words, 403. */
	snprintf(path, sizeof path, "/rms/lists/%s/requests/new", list);
	ok(page(&nora.v, path, &r) == 403 && body_has(&r, "needs one of the roles") &&
		   links_to(&r, "/account/roles#new"),
	   "the form itself, without the role: 403 with the roles it needs and where to ask");
	resp_free(&r);
}

/* The Location of a POST of `fields` to `path` by the visitor (NULL when
 * there is none): a new string. */
static char *post_location(struct visitor *v, const char *path, const char *fields, long *status)
{
	struct resp r;
	*status = visitor_post(v, path, fields, true, &r);
	char *l = header(&r, "Location");
	resp_free(&r);
	return l;
}

static void test_next(void)
{
	struct visitor v = {0};
	struct resp r;
	char path[200], fields[600], want[200];
	/* A translation asked for while signed out: back to it, language and all. */
	snprintf(path, sizeof path, "/rms/terms/%s/requests/new?text_lang=fr", term);
	page(&v, path, &r);
	char *l = header(&r, "Location");
	snprintf(want, sizeof want, "/login?next=%%2Frms%%2Fterms%%2F%s%%2Frequests%%2Fnew%%3Ftext_lang%%3Dfr", term);
	ok(r.status == 303 && l && strcmp(l, want) == 0, "signed out, a proposal's form sends to the sign-in with all of its address (%s)",
	   l ? l : "none");
	resp_free(&r);
	page(&v, want, &r);
	ok(r.status == 200 && body_has(&r, "name=\"next\""), "the sign-in form keeps it");
	resp_free(&r);
	long status;
	snprintf(fields, sizeof fields, "email=%s&password=%s&next=%s", ivan.email, USER_PASSWORD, want + 12);
	free(l);
	l = post_location(&v, "/login", fields, &status);
	snprintf(want, sizeof want, "/rms/terms/%s/requests/new?text_lang=fr", term);
	ok(status == 303 && l && strcmp(l, want) == 0, "and the sign-in lands on it (%s)", l ? l : "none");
	free(l);

	/* An administrator who came from the console, through the second step. */
	struct visitor a = {0};
	page(&a, "/admin/users?q=x", &r);
	l = header(&r, "Location");
	ok(r.status == 303 && l && strcmp(l, "/login?next=%2Fadmin%2Fusers%3Fq%3Dx") == 0,
	   "signed out, the console sends to the sign-in with its address");
	resp_free(&r);
	free(l);
	page(&a, "/login?next=%2Fadmin%2Fusers%3Fq%3Dx", NULL);
	snprintf(fields, sizeof fields, "email=%s&password=%s&next=%%2Fadmin%%2Fusers%%3Fq%%3Dx", admin.email,
		 USER_PASSWORD);
	l = post_location(&a, "/login", fields, &status);
	ok(status == 303 && l && strcmp(l, "/login/two-factor?next=%2Fadmin%2Fusers%3Fq%3Dx") == 0,
	   "the password leads to the second step, still going back (%s)", l ? l : "none");
	page(&a, l ? l : "/login/two-factor", &r);
	ok(r.status == 200 && body_has(&r, "name=\"next\" value=\"/admin/users?q=x\""), "whose form keeps it");
	resp_free(&r);
	free(l);
	char code[7];
	ok(authenticator_code(admin.email, code), "a code of the app");
	snprintf(fields, sizeof fields, "code=%s&next=%%2Fadmin%%2Fusers%%3Fq%%3Dx", code);
	l = post_location(&a, "/login/two-factor", fields, &status);
	ok(status == 303 && l && strcmp(l, "/admin/users?q=x") == 0, "and the code lands back in the console (%s)",
	   l ? l : "none");
	free(l);
	ok(page(&a, "/admin/users?q=x", NULL) == 200, "which opens");

	/* Nowhere but a local path, however it is written. */
	const char *hostile[] = {"%2F%2Fevil.example",	   "%2F%5Cevil.example", "https%3A%2F%2Fevil.example",
				 "https%3Aevil.example",   "%252F%252Fevil.example", "%2F%09%2Fevil.example",
				 "%20%2F%2Fevil.example",  "%5C%5Cevil.example", "%2F%5C%2Fevil.example",
				 "javascript%3Aalert(1)",  "%2F%0D%0ALocation%3A%20%2F%2Fevil", "%E2%81%84%2Fevil.example"};
	for (size_t i = 0; i < sizeof hostile / sizeof hostile[0]; i++) {
		struct visitor h = {0};
		snprintf(path, sizeof path, "/login?next=%s", hostile[i]);
		long shown = page(&h, path, NULL);
		page(&h, "/login", NULL);
		snprintf(fields, sizeof fields, "email=%s&password=%s&next=%s", ivan.email, USER_PASSWORD, hostile[i]);
		l = post_location(&h, "/login", fields, &status);
		bool local = l && l[0] == '/' && l[1] != '/' && l[1] != '\\' && !strchr(l, '\\') && !strstr(l, "evil");
		ok(shown == 400 && (!l || local), "next=%s: refused (%ld), and no sign-in leads off the portal (%ld, %s)",
		   hostile[i], shown, status, l ? l : "no Location");
		free(l);
	}
	/* Encoded once more, a slash is only a path's character: the portal's own. */
	struct visitor e = {0};
	page(&e, "/login", NULL);
	snprintf(fields, sizeof fields, "email=%s&password=%s&next=%%2F%%252F%%252Fevil.example", ivan.email, USER_PASSWORD);
	l = post_location(&e, "/login", fields, &status);
	ok(status == 303 && l && strcmp(l, "/%2F%2Fevil.example") == 0, "next=/%%2F%%2Fevil.example: a path of the portal (%s)",
	   l ? l : "none");
	free(l);
}

static void test_signed_out(void)
{
	struct visitor v = {0};
	ok(visitor_login(&v, nora.email, USER_PASSWORD) == 303, "nora signs in");
	page(&v, "/account", NULL);
	struct resp r;
	long status;
	char *l = post_location(&v, "/logout", "", &status);
	ok(status == 303 && l && page(&v, l, &r) == 200 && body_has(&r, "You have logged out"),
	   "signing out lands on a page that says so (%s)", l ? l : "none");
	ok(r.body && !body_has(&r, "Log out</button>"), "and it is so");
	resp_free(&r);
	free(l);
}

/* The page a GET of the verification link answers with. */
static long verify_page(const char *token, struct resp *r)
{
	struct visitor v = {0};
	char path[160];
	snprintf(path, sizeof path, "/register/verify?token=%s", token);
	return page(&v, path, r);
}

static void test_verify_links(void)
{
	struct visitor v = {0};
	struct resp r;
	char email[160], needle[200];
	snprintf(email, sizeof email, "vera.%s@flow.test", run);
	snprintf(needle, sizeof needle, "To: <%s>", email);
	ok(visitor_register(&v, "Vera", email, "a+long+passphrase+here", &r) == 200, "vera registers");
	resp_free(&r);
	char *token = mailbox_token(needle, "/register/verify");
	ok(token != NULL, "the verification mail's link");
	if (!token)
		return;
	ok(verify_page(token, &r) == 200 && body_has(&r, "name=\"token\"") && !body_has(&r, "next=%2Fregister%2Fverify%3F"),
	   "the link: the confirmation form, whose sign-in link does not carry the token on");
	char fields[200];
	snprintf(fields, sizeof fields, "token=%s", token);
	struct visitor w = {0};
	char path[160];
	snprintf(path, sizeof path, "/register/verify?token=%s", token);
	page(&w, path, NULL);
	resp_free(&r);
	ok(visitor_post(&w, "/register/verify", fields, true, &r) == 200 && body_has(&r, "Log in with your email address") &&
		   links_to(&r, "/login"),
	   "confirmed: the page says what comes next, and links to the sign-in");
	resp_free(&r);
	ok(verify_page(token, &r) == 400 && body_has(&r, "was used already") && body_has(&r, "confirmed") &&
		   links_to(&r, "/login"),
	   "the link again: it says it was used, the address is confirmed, sign in");
	resp_free(&r);
	ok(visitor_post(&w, "/register/verify", fields, true, &r) == 400 && body_has(&r, "was used already"),
	   "and its form sent again says the same");
	resp_free(&r);
	free(token);

	/* A link left for longer than it lives. */
	snprintf(email, sizeof email, "late.%s@flow.test", run);
	snprintf(needle, sizeof needle, "To: <%s>", email);
	struct visitor l = {0};
	visitor_register(&l, "Late", email, "a+long+passphrase+here", &r);
	resp_free(&r);
	token = mailbox_token(needle, "/register/verify");
	ok(token && sql("UPDATE account_tokens t JOIN accounts a ON a.id = t.account_id SET t.expires_at ="
			" UTC_TIMESTAMP() - INTERVAL 1 MINUTE WHERE a.email = '%s'",
			email) == 0,
	   "another registration's link, expired");
	ok(token && verify_page(token, &r) == 400 && body_has(&r, "has expired") && body_has(&r, "two days") &&
		   links_to(&r, "/password/forgot"),
	   "it says it expired, and leads to a new link (a new password's, which confirms the address too)");
	resp_free(&r);
	free(token);
	ok(verify_page("AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA", &r) == 400 && body_has(&r, "is not valid") &&
		   !body_has(&r, "was used already") && !body_has(&r, "has expired"),
	   "a link the portal never sent: not valid, neither used nor expired");
	resp_free(&r);
}

/* Whether the refused form's page opens on its summary: first in the main
 * content (before the breadcrumb), focused (autofocus on a block made
 * focusable), linking each of `fields` to its id with a message that
 * names it (`labels`), and each field's own message naming it too. */
static bool summary_ok(const struct resp *r, const char *const *fields, const char *const *labels, size_t n)
{
	const char *main = r->body ? strstr(r->body, "<main") : NULL;
	const char *summary = main ? strstr(main, "id=\"form-errors\"") : NULL;
	const char *crumbs = main ? strstr(main, "class=\"breadcrumb\"") : NULL;
	if (!summary || (crumbs && crumbs < summary) || !strstr(main, "tabindex=\"-1\" id=\"form-errors\" autofocus")) {
		diag("no summary first in the main content, focused");
		return false;
	}
	for (const char *p = main + 5; (p = strstr(p, "tabindex=")) != NULL && p < summary; p++)
		if (strncmp(p, "tabindex=\"-1\"", 13) != 0) {
			diag("a focusable element before the summary");
			return false;
		}
	for (size_t i = 0; i < n; i++) {
		char link[300], id[120], own[300];
		snprintf(link, sizeof link, "<a href=\"#%s\">%s: ", fields[i], labels[i]);
		snprintf(id, sizeof id, "id=\"%s\"", fields[i]);
		snprintf(own, sizeof own, "id=\"%s-error\">%s: ", fields[i], labels[i]);
		if (!body_has(r, link) || !body_has(r, id) || !body_has(r, own)) {
			diag("%s: the summary's link, the field's id or its own message naming it is missing", fields[i]);
			return false;
		}
	}
	return true;
}

static void test_forms(void)
{
	struct visitor v = {0};
	struct resp r;
	ok(page(&v, "/login", &r) == 200 && body_has(&r, "autocomplete=\"username\" maxlength=\"254\" required autofocus"),
	   "the sign-in opens on its email");
	resp_free(&r);
	page(&v, "/login", NULL);
	visitor_post(&v, "/login", "email=&password=", true, &r);
	const char *login[] = {"email", "password"}, *login_labels[] = {"Email address", "Password"};
	ok(r.status == 400 && summary_ok(&r, login, login_labels, 2) && !body_has(&r, "required autofocus"),
	   "a sign-in without email nor password: the summary names both, and takes the focus");
	resp_free(&r);
	page(&v, "/login", NULL);
	char fields[300];
	snprintf(fields, sizeof fields, "email=%s&password=wrong+wrong+wrong", nora.email);
	ok(visitor_post(&v, "/login", fields, true, &r) == 401 && summary_ok(&r, NULL, NULL, 0) &&
		   body_has(&r, "is not right"),
	   "a wrong password: said in the summary, focused first");
	resp_free(&r);

	ok(visitor_register(&v, "+", "", "short", &r) == 400, "a registration with nothing right");
	const char *reg[] = {"name", "email", "password"}, *reg_labels[] = {"Full name", "Email address", "Password"};
	ok(summary_ok(&r, reg, reg_labels, 3), "its summary names and links each field, and each field says which it is");
	resp_free(&r);

	/* Typed in a form its field's type refuses: the form again, not an error page. */
	ok(visitor_register(&v, "Ada", "not-an-address", "a+long+enough+passphrase", &r) == 400, "an email that is none");
	const char *bad[] = {"email"}, *bad_labels[] = {"Email address"};
	ok(summary_ok(&r, bad, bad_labels, 1) && body_has(&r, "is not written as this field needs") &&
		   body_has(&r, "value=\"Ada\"") && body_has(&r, "value=\"not-an-address\""),
	   "the registration's form again, the email marked, the name and the email as typed kept");
	resp_free(&r);
	page(&v, "/password/forgot", NULL);
	visitor_post(&v, "/password/forgot", "email=%40%40", true, &r);
	ok(r.status == 400 && summary_ok(&r, bad, bad_labels, 1) && body_has(&r, "value=\"@@\""),
	   "the same on the forgotten password's form, the email as typed kept");
	resp_free(&r);

	page(&nora.v, "/account/roles?org=ORG-100000001", NULL);
	visitor_post(&nora.v, "/account/roles", "org=ORG-100000001&justification=short", true, &r);
	const char *role[] = {"role", "justification"}, *role_labels[] = {"Role", "Justification"};
	ok(r.status == 400 && summary_ok(&r, role, role_labels, 2),
	   "a role request without a role: the summary names the role and the justification");
	resp_free(&r);

	char path[160];
	snprintf(path, sizeof path, "/rms/lists/%s/requests/new", list);
	page(&ivan.v, path, NULL);
	visitor_upload(&ivan.v, path, "term_name=&step=submit&justification=", NULL, NULL, NULL, 0, &r);
	const char *term_fields[] = {"term_name", "justification"}, *term_labels[] = {"Name", "Justification"};
	ok(r.status == 400 && summary_ok(&r, term_fields, term_labels, 2),
	   "a proposal without its name nor why: the summary names both");
	resp_free(&r);

	/* A translation's form shows the text it translates. */
	snprintf(path, sizeof path, "/rms/terms/%s/requests/new?text_lang=de", term);
	char want[1100];
	snprintf(want, sizeof want, "<dd lang=\"en\">%s</dd>", term_name);
	ok(page(&ivan.v, path, &r) == 200 && body_has(&r, "Text to translate") && body_has(&r, want),
	   "a translation's form shows the English name it translates (%s)", term_name);
	resp_free(&r);

	/* The requester's role requests: the withdrawal is an action, not a decision. */
	ok(page(&pat.v, "/account/roles", &r) == 200 &&
		   body_has(&r, "<th scope=\"col\">Decision</th><th scope=\"col\">Actions</th>") &&
		   body_has(&r, "Not decided yet</span></td>") && body_has(&r, "Withdraw the request<span class=\"visually-hidden\"> RR-"),
	   "a waiting role request: Decision says not yet, the withdrawal has its own column");
	resp_free(&r);
}

int main(void)
{
	owner = users_start(run);
	ok(dbtest_import_demo(), "the demonstration data");
	snprintf(list, sizeof list, "%s", value("SELECT list_id FROM rms_terms GROUP BY list_id ORDER BY list_id LIMIT 1"));
	snprintf(term, sizeof term, "%s", value("SELECT MIN(id) FROM rms_terms WHERE list_id = %s", list));
	snprintf(term_name, sizeof term_name, "%s", value("SELECT name_en FROM rms_terms WHERE id = %s", term));
	ok(*list && *term && user_make(owner, &nora, "nora", run, "flow.test") &&
		   user_make(owner, &ivan, "ivan", run, "flow.test") && user_make(owner, &pat, "pat", run, "flow.test") &&
		   user_make_admin(owner, &admin, "admin", run, "flow.test"),
	   "users, a list (%s) and a term (%s)", list, term);
	sql("INSERT INTO account_roles (account_id, role_code, org_id) VALUES (%s, 'INDUSTRY_USER', '%s')", ivan.id, org);
	sql("INSERT INTO role_requests (account_id, role_code, org_id, justification) VALUES (%s, 'INDUSTRY_USER', '%s',"
	    " 'I work there, on its data')",
	    pat.id, org);
	test_no_dead_ends();
	test_next();
	test_signed_out();
	test_verify_links();
	test_forms();
	users_done(owner);
	return done_testing();
}
