/* The answers of the change requests' forms, through nginx (issue 18's
 * change records): a form the state refused (a decision made meanwhile by
 * someone else, a request no longer pending) answers with a redirect to
 * the request's page, which says what happened in the user's language (a
 * role revoked meanwhile: the account's page); a
 * form that creates something (a change request of every type, a role
 * request, a comment) sent twice with its one-time key creates one thing,
 * also when the two posts race, and two forms create two; the records side
 * by side name the terms and countries they refer to, in the data
 * language, the ID beside; the public history shows a proposal's contact
 * email and phone only as they were approved. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "../tap.h"
#include "dbtest.h"
#include "users.h"

static MYSQL *owner;
#define value(...) dbtest_valuef(owner, __VA_ARGS__)
#define sql(...) dbtest_execf(owner, __VA_ARGS__)

static char run[USER_RUN_SIZE], loc[24];
static struct user admin, stew, vera, ivy, olga;

/* A list of our own, its terms with a domain. */
#define LIST "931000000001"
#define T1 "931000000011"
#define T2 "931000000012"
#define HUMAN "100000000012"
#define BOTH "100000000014"
#define ORG "ORG-100000001"

static bool import_list(void)
{
	return dbtest_import_csv(
		       "List ID,Term ID,Language,Term Name,Short Name,Term Description,Domain ID,Parent ID,Term Status\n"
		       LIST "," T1 ",en,\"Forms tablet\",FT,\"A tablet of the forms test\"," HUMAN ",,CURRENT\n"
		       LIST "," T2 ",en,\"Forms capsule\",FC,\"A capsule of the forms test\"," HUMAN ",,CURRENT\n") &&
	       *value("SELECT 1 FROM rms_terms WHERE id = " T2) &&
	       sql("INSERT IGNORE INTO rms_term_names (term_id, lang, kind, value) VALUES (" T1
		   ", 'fr', 'name', 'Comprimé des formulaires')") == 0;
}

/* POST `fields` to `path` as `u` (the token of the last form it saw):
 * the status, the Location in `where`. */
static long post(struct user *u, const char *path, const char *fields, char where[256])
{
	struct resp r;
	long status = visitor_post(&u->v, path, fields, true, &r);
	char *l = header(&r, "Location");
	snprintf(where, 256, "%s", l ? l : "");
	free(l);
	resp_free(&r);
	return status;
}

/* The one-time key of the forms of `page` as `u` sees it, into key. */
static void form_key(struct user *u, const char *page, char key[64])
{
	struct resp r;
	key[0] = '\0';
	visitor_get(&u->v, page, &r);
	const char *at = r.body ? strstr(r.body, "name=\"form_once\" value=\"") : NULL;
	if (at) {
		at += strlen("name=\"form_once\" value=\"");
		snprintf(key, 64, "%.*s", (int)strcspn(at, "\""), at);
	}
	resp_free(&r);
}

static const char *count_of(const char *table, const char *who)
{
	return value("SELECT COUNT(*) FROM %s WHERE %s", table, who);
}

/* The request a proposal's answer names, from its Location. */
static void request_of(const char *where, char id[24])
{
	snprintf(id, 24, "%.23s", strncmp(where, "/account/requests/", 18) == 0 ? where + 18 : "0");
	id[strspn(id, "0123456789")] = '\0';
}

static long move(struct user *u, const char *id, const char *fields, char where[256])
{
	char page[96], path[96];
	snprintf(page, sizeof page, "/admin/change-requests/%s", id);
	snprintf(path, sizeof path, "/admin/change-requests/%s/move", id);
	user_get(u, page);
	return post(u, path, fields, where);
}

/* 1. A form refused because the state moved answers with a redirect. */
static void test_refused(void)
{
	char where[256], id[24], page[96], path[96];
	struct resp r;
	user_get(&ivy, "/rms/terms/" T2 "/requests/new");
	ok(post(&ivy, "/rms/terms/" T2 "/requests/new",
		"short_name=FCA&justification=The+short+name+as+used&step=submit", where) == 303,
	   "a change to a term is submitted");
	request_of(where, id);
	ok(move(&stew, id, "to=VALID", where) == 303, "validated");
	/* Both stewards open the request; Vera decides first. */
	snprintf(page, sizeof page, "/admin/change-requests/%s", id);
	user_get(&stew, page);
	ok(move(&vera, id, "to=APPROVED", where) == 303, "another steward approves it");
	snprintf(path, sizeof path, "/admin/change-requests/%s/move", id);
	long status = post(&stew, path, "to=REJECTED&reason=Not+needed", where);
	char want[160];
	snprintf(want, sizeof want, "%s?refused=transition", page);
	ok(status == 303 && strcmp(where, want) == 0,
	   "the first steward's decision, made on the page opened before: a redirect to the request, not a 409 page "
	   "(%ld to %s)",
	   status, where);
	ok(strcmp(value("SELECT status FROM change_requests WHERE id = %s", id), "APPROVED") == 0, "nothing changed");
	visitor_get(&stew.v, where, &r);
	ok(r.status == 200 && body_has(&r, "Nothing was changed: this request had moved on meanwhile") &&
		   body_has(&r, "role=\"alert\""),
	   "which says what happened");
	resp_free(&r);
	sql("UPDATE accounts SET ui_lang = 'fr' WHERE id = %s", stew.id);
	visitor_get(&stew.v, where, &r);
	ok(body_has(&r, "Rien n&#39;a été modifié") || body_has(&r, "Rien n'a été modifié"),
	   "in the steward's language");
	resp_free(&r);
	sql("UPDATE accounts SET ui_lang = 'en' WHERE id = %s", stew.id);
	snprintf(path, sizeof path, "/admin/change-requests/%s/assign", id);
	user_get(&stew, page);
	ok(post(&stew, path, "", where) == 303 && strcmp(where, want) == 0,
	   "taking a request decided meanwhile: back to it too (%s)", where);
}

/* A role revoked meanwhile (by another administrator, or the form sent
 * twice): back to the account's page, which says so. */
static void test_revoked(void)
{
	char page[96], path[96], where[256], want[160];
	struct resp r;
	sql("INSERT INTO account_roles (account_id, role_code, org_id) VALUES (%s, 'NCA_USER', '" ORG "')", olga.id);
	snprintf(page, sizeof page, "/admin/users/%s", olga.id);
	snprintf(path, sizeof path, "/admin/users/%s/roles/revoke", olga.id);
	user_get(&admin, page);
	ok(post(&admin, path, "role=NCA_USER&org=" ORG "&reason=No+longer+needed", where) == 303 &&
		   strstr(where, "saved=revoked"),
	   "an administrator revokes a role (%s)", where);
	snprintf(want, sizeof want, "%s?refused=revoked", page);
	ok(post(&admin, path, "role=NCA_USER&org=" ORG "&reason=No+longer+needed", where) == 303 &&
		   strcmp(where, want) == 0,
	   "revoking it again: back to the account, not a 403 page (%s)", where);
	visitor_get(&admin.v, where, &r);
	ok(r.status == 200 && body_has(&r, "the account no longer held this role"), "which says so");
	resp_free(&r);
}

/* POST `fields` twice to `path` as `u` with the one-time key of `form`:
 * whether the second post answered as the first (303 to the same place)
 * and `table`'s rows matching `who` grew by one. */
static bool twice(struct user *u, const char *form, const char *path, const char *fields, const char *table,
		  const char *who, char first[256])
{
	char key[64], body[1600], again[256], before[24];
	snprintf(before, sizeof before, "%s", count_of(table, who));
	form_key(u, form, key);
	snprintf(body, sizeof body, "%s&form_once=%s", fields, key);
	long s1 = post(u, path, body, first), s2 = post(u, path, body, again);
	long grown = atol(count_of(table, who)) - atol(before);
	bool right = *key && s1 == 303 && s2 == 303 && strcmp(first, again) == 0 && grown == 1;
	if (!right)
		diag("%s: key %s, %ld to %s, then %ld to %s; %ld made", path, *key ? "given" : "missing", s1, first, s2,
		     again, grown);
	return right;
}

/* 3. Every form that creates something, sent twice, creates it once. */
static void test_twice(void)
{
	char where[256], mine[64], id[24], path[160], fields[800];
	snprintf(mine, sizeof mine, "account_id = %s", ivy.id);
	/* Each proposal's fields: `head`, this run's ID (a value of its own), `tail`. */
	static const struct {
		const char *what, *form, *head, *tail;
	} proposals[] = {
		{"a new term", "/rms/lists/" LIST "/requests/new", "term_name=Forms+film+",
		 "&domain=" HUMAN "&justification=Needed+for+our+products&step=submit"},
		{"a change to a term", "/rms/terms/" T1 "/requests/new", "description=Reworded+",
		 "&justification=A+clearer+description&step=submit"},
		{"a translation", "/rms/terms/" T1 "/requests/new?text_lang=de", "term_name=Formulartablette+",
		 "&justification=The+German+name&step=submit"},
		{"a new list", "/rms/requests/new", "term_name=Forms+list+",
		 "&owner=EDQM&domain=" HUMAN "&justification=Needed+for+our+products&step=submit"},
		{"a change to a list", "/rms/lists/" LIST "/requests/new?change=list", "owner=EDQM+",
		 "&justification=The+owner+moved&step=save"},
		{"a new organisation", "/oms/requests/new", "org_name=Formtest+Labs+",
		 "&address=1+Forms+Road&city=Valletta&country=MT&similar_seen=1&justification=My+company+is+missing&step=submit"},
		{"a change to an organisation", "/oms/organisations/" ORG "/requests/new", "acronym=F",
		 "&justification=Our+acronym&step=submit"},
		{"a new location", "/oms/organisations/" ORG "/requests/new?location=new", "address=2+Forms+Road+",
		 "&city=Ghent&country=BE&justification=Our+new+site&step=submit"},
		{"a change to a location", NULL, "phone=%2B32+9+", "&justification=Our+new+phone&step=submit"},
	};
	for (size_t i = 0; i < sizeof proposals / sizeof proposals[0]; i++) {
		char form[160];
		snprintf(form, sizeof form, "%s", proposals[i].form ? proposals[i].form : "");
		if (!proposals[i].form)
			snprintf(form, sizeof form, "/oms/organisations/" ORG "/requests/new?location=%s", loc);
		snprintf(fields, sizeof fields, "%s%s%s", proposals[i].head, run, proposals[i].tail);
		ok(twice(&ivy, form, form, fields, "change_requests", mine, where) &&
			   strncmp(where, "/account/requests/", 18) == 0,
		   "%s sent twice: one request, the second post sent to it (%s)", proposals[i].what, where);
	}

	/* Two posts racing each other (a double click): one request. */
	char key[64], body[600], before[24];
	snprintf(before, sizeof before, "%s", count_of("change_requests", mine));
	form_key(&ivy, "/rms/lists/" LIST "/requests/new", key);
	snprintf(body, sizeof body,
		 "term_name=Forms+gel+%s&domain=" HUMAN "&justification=Needed+for+our+products&step=submit&form_once=%s", run,
		 key);
	pid_t child = fork();
	if (child == 0) {
		char there[256];
		_exit(post(&ivy, "/rms/lists/" LIST "/requests/new", body, there) == 303 ? 0 : 1);
	}
	long s1 = post(&ivy, "/rms/lists/" LIST "/requests/new", body, where);
	int ws = 0;
	waitpid(child, &ws, 0);
	ok(s1 == 303 && WIFEXITED(ws) && WEXITSTATUS(ws) == 0 &&
		   atol(count_of("change_requests", mine)) - atol(before) == 1,
	   "two posts of one form at the same moment: both answered 303, one request made");

	/* Two forms, the same content: two requests. */
	snprintf(before, sizeof before, "%s", count_of("change_requests", mine));
	for (int k = 0; k < 2; k++) {
		form_key(&ivy, "/rms/lists/" LIST "/requests/new", key);
		snprintf(body, sizeof body,
			 "term_name=Forms+paste+%s&domain=" HUMAN "&justification=Needed+for+our+products&step=save"
			 "&form_once=%s",
			 run, key);
		post(&ivy, "/rms/lists/" LIST "/requests/new", body, where);
	}
	ok(atol(count_of("change_requests", mine)) - atol(before) == 2, "two forms filled alike: two requests");

	/* Comments, the requester's and a steward's. */
	request_of(where, id);
	char thread[64];
	snprintf(thread, sizeof thread, "request_id = %s AND comment IS NOT NULL", id);
	snprintf(path, sizeof path, "/account/requests/%s", id);
	snprintf(fields, sizeof fields, "/account/requests/%s/comments", id);
	ok(twice(&ivy, path, fields, "comment=Is+this+clear%3F", "change_request_events", thread, where) &&
		   strstr(where, "saved=commented"),
	   "the requester's comment sent twice: one comment (%s)", where);
	form_key(&ivy, path, key);
	snprintf(body, sizeof body, "comment=Another+word&form_once=%s", key);
	char before_comments[24];
	snprintf(before_comments, sizeof before_comments, "%s", count_of("change_request_events", thread));
	post(&ivy, fields, body, where);
	ok(atol(count_of("change_request_events", thread)) - atol(before_comments) == 1,
	   "a comment of another form: a comment more");
	user_get(&ivy, path);
	post(&ivy, path, "term_name=Forms+paste&domain=" HUMAN "&justification=Needed+for+our+products&step=submit",
	     where);
	snprintf(path, sizeof path, "/admin/change-requests/%s", id);
	snprintf(fields, sizeof fields, "/admin/change-requests/%s/comments", id);
	ok(twice(&stew, path, fields, "reason=Which+source%3F", "change_request_events", thread, where) &&
		   strstr(where, "saved=commented"),
	   "a steward's comment sent twice: one comment (%s)", where);

	/* A role request. */
	char asked[64];
	snprintf(asked, sizeof asked, "account_id = %s", olga.id);
	ok(twice(&olga, "/account/roles?org=" ORG, "/account/roles",
		 "org=" ORG "&role=INDUSTRY_USER&justification=I+work+for+this+company", "role_requests", asked, where) &&
		   strcmp(where, "/account/roles?saved=requested") == 0,
	   "a role request sent twice: one request, the second post sent to the roles (%s)", where);
}

/* 2 and 4. The records name what they refer to; the public history shows a
 * proposal's contact data as approved. */
static void test_names_and_contacts(void)
{
	char where[256], id[24], path[96], fields[800];
	struct resp r;
	user_get(&ivy, "/rms/terms/" T2 "/requests/new");
	post(&ivy, "/rms/terms/" T2 "/requests/new",
	     "parent=" T1 "&domain=" BOTH "&justification=Its+place+in+the+list&step=submit", where);
	request_of(where, id);
	ok(move(&stew, id, "to=VALID", where) == 303 && move(&stew, id, "to=APPROVED", where) == 303,
	   "a new parent and domain for a term, approved (RRQ-%s)", id);
	snprintf(path, sizeof path, "/account/requests/%s", id);
	visitor_get(&ivy.v, path, &r);
	ok(body_has(&r, "<ins>Forms tablet <span class=\"id\">" T1 "</span></ins>") &&
		   body_has(&r, "<del>Human use <span class=\"id\">" HUMAN "</span></del>") &&
		   body_has(&r, "<ins>Human and Veterinary use <span class=\"id\">" BOTH "</span></ins>"),
	   "the requester's page names the parent and the domains, their IDs beside");
	resp_free(&r);
	snprintf(path, sizeof path, "/admin/change-requests/%s", id);
	visitor_get(&stew.v, path, &r);
	ok(body_has(&r, "<ins>Forms tablet <span class=\"id\">" T1 "</span></ins>"), "so does the console");
	resp_free(&r);
	sql("UPDATE accounts SET data_lang = 'fr' WHERE id = %s", olga.id);
	visitor_get(&olga.v, "/rms/terms/" T2, &r);
	ok(body_has(&r, "<ins>Comprimé des formulaires <span class=\"id\">" T1 "</span></ins>") &&
		   body_has(&r, "<del>Usage humain <span class=\"id\">" HUMAN "</span></del>"),
	   "and the public history, in the data language");
	resp_free(&r);
	sql("UPDATE accounts SET data_lang = NULL WHERE id = %s", olga.id);

	/* A new organisation whose contact data the steward corrects. */
	snprintf(fields, sizeof fields,
		 "org_name=Contactest+Labs+%s&address=3+Forms+Road&city=Valletta&country=MT&email=ceo.private%%40contacts.example"
		 "&phone=%%2B32+470+000+001&similar_seen=1&justification=My+company+is+missing&step=submit",
		 run);
	user_get(&ivy, "/oms/requests/new");
	post(&ivy, "/oms/requests/new", fields, where);
	request_of(where, id);
	snprintf(fields, sizeof fields,
		 "to=APPROVED_WC&reason=The+company%%27s+own+contacts&org_name=Contactest+Labs+%s&address=3+Forms+Road"
		 "&city=Valletta&country=MT&email=info%%40contacts.example",
		 run);
	ok(move(&stew, id, "to=VALID", where) == 303 && move(&stew, id, fields, where) == 303 &&
		   strcmp(value("SELECT status FROM change_requests WHERE id = %s", id), "APPROVED_WC") == 0,
	   "a new organisation, approved with another email and no phone (RRQ-%s)", id);
	char org[16];
	snprintf(org, sizeof org, "%s", value("SELECT SUBSTRING(org_id, 5) FROM change_requests WHERE id = %s", id));
	snprintf(path, sizeof path, "/oms/organisations/ORG-%s", org);
	visitor_get(&olga.v, path, &r);
	ok(r.status == 200 && body_has(&r, "class=\"request-sides\"") && body_has(&r, "info@contacts.example") &&
		   !body_has(&r, "ceo.private") && !body_has(&r, "470 000 001"),
	   "the public history shows the email as approved, neither the email nor the phone proposed");
	ok(body_has(&r, " <span class=\"id\">MT</span></ins>") && !body_has(&r, "<ins>MT</ins>"),
	   "and the country by its name, its code beside");
	resp_free(&r);
	MYSQL *pub = dbtest_connect("public");
	ok(pub && !strstr(dbtest_valuef(pub, "SELECT GROUP_CONCAT(record) FROM v_cr_public_records WHERE request_id = %s", id),
			  "ceo.private") &&
		   strstr(dbtest_valuef(pub, "SELECT record FROM v_cr_public_records WHERE request_id = %s AND kind ="
					 " 'proposed'", id), "info@contacts.example"),
	   "spor-public cannot read them at all");
	if (pub)
		mysql_close(pub);
	snprintf(path, sizeof path, "/account/requests/%s", id);
	visitor_get(&ivy.v, path, &r);
	ok(body_has(&r, "ceo.private@contacts.example") && body_has(&r, "470 000 001"),
	   "the requester still sees her proposal as she sent it");
	resp_free(&r);
	snprintf(path, sizeof path, "/admin/change-requests/%s", id);
	visitor_get(&stew.v, path, &r);
	ok(body_has(&r, "ceo.private@contacts.example"), "so do the stewards");
	resp_free(&r);
}

int main(void)
{
	owner = users_start(run);
	ok(dbtest_import_demo() && import_list(), "the demonstration data, and a list of our own");
	ok(user_make_admin(owner, &admin, "admin", run, "forms.test") && user_make(owner, &stew, "stew", run, "forms.test") && user_make(owner, &vera, "vera", run, "forms.test") &&
		   user_make(owner, &ivy, "ivy", run, "forms.test") && user_make(owner, &olga, "olga", run, "forms.test"),
	   "users");
	sql("INSERT INTO account_roles (account_id, role_code, org_id) VALUES (%s, 'INDUSTRY_USER', '" ORG "'),"
	    " (%s, 'TRANSLATOR', ''), (%s, 'DATA_STEWARD', ''), (%s, 'DATA_STEWARD', '')",
	    ivy.id, ivy.id, stew.id, vera.id);
	snprintf(loc, sizeof loc, "%s",
		 value("SELECT CONCAT('LOC-', LPAD(MIN(id), 9, '0')) FROM oms_locations WHERE org_id = 100000001"));
	test_refused();
	test_revoked();
	test_twice();
	test_names_and_contacts();
	users_done(owner);
	return done_testing();
}
