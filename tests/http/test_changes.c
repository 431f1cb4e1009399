/* Change requests of RMS terms, through nginx, with real mail: who may
 * propose, the preview that saves nothing, drafts only their author sees,
 * every transition allowed and refused (back to the request's page, which
 * says why: http_refused; nothing changed), the thread,
 * the public data untouched before approval and versioned after it (a new
 * term PROVISIONAL, the history naming the request), two approvals at once
 * (one wins), a request made against an older version (refused until the
 * requester saw the new one), translations, and the mails to the requester
 * and to the list's followers. */
#include "config.h"

#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "../tap.h"
#include "dbtest.h"
#include "mailbox.h"
#include "users.h"

static MYSQL *owner;
#define value(...) dbtest_valuef(owner, __VA_ARGS__)
#define sql(...) dbtest_execf(owner, __VA_ARGS__)

static char run[USER_RUN_SIZE], list[16], term[16];

static struct user admin, stew, ivy, tom, olga, finn;

static long page(struct user *u, const char *path, struct resp *keep)
{
	struct resp r;
	long status = visitor_get(&u->v, path, keep ? keep : &r);
	if (!keep)
		resp_free(&r);
	return status;
}

static long post(struct user *u, const char *path, const char *fields, struct resp *keep)
{
	struct resp r;
	long status = visitor_post(&u->v, path, fields, true, keep ? keep : &r);
	if (!keep)
		resp_free(&r);
	return status;
}

static char *location(struct resp *r)
{
	char *l = header(r, "Location");
	resp_free(r);
	return l;
}

/* Whether a POST as `u` was refused for `reason`: answered with a redirect
 * to the page `page` saying so (?refused=), not an error page a reload
 * would send again. */
static bool refused(struct user *u, const char *path, const char *fields, const char *page, const char *reason)
{
	struct resp r;
	long status = post(u, path, fields, &r);
	char *l = location(&r), want[160];
	snprintf(want, sizeof want, "%s?refused=%s", page, reason);
	bool right = status == 303 && l && strcmp(l, want) == 0;
	if (!right)
		diag("%s: %ld to %s, not to %s", path, status, l ? l : "nowhere", want);
	free(l);
	return right;
}

/* A steward's move of request `id` (after opening it), refused for `reason`. */
static bool move_refused(struct user *u, const char *id, const char *fields, const char *reason)
{
	char path[96], page_path[96];
	snprintf(page_path, sizeof page_path, "/admin/change-requests/%s", id);
	page(u, page_path, NULL);
	snprintf(path, sizeof path, "/admin/change-requests/%s/move", id);
	return refused(u, path, fields, page_path, reason);
}

/* A steward's move of request `id` (after opening it). */
static long move(struct user *u, const char *id, const char *fields)
{
	char path[96];
	snprintf(path, sizeof path, "/admin/change-requests/%s", id);
	page(u, path, NULL);
	snprintf(path, sizeof path, "/admin/change-requests/%s/move", id);
	return post(u, path, fields, NULL);
}

static const char *status_of(const char *id)
{
	return value("SELECT status FROM change_requests WHERE id = %s", id);
}

static void test_new_term(void)
{
	char path[96], id[24];
	struct resp r;
	snprintf(path, sizeof path, "/rms/lists/%s/requests/new", list);
	ok(page(&olga, path, &r) == 403 && body_has(&r, "needs one of the roles") && body_has(&r, "href=\"/account/roles#new\""),
	   "without a role: 403, and the page says which roles and how to ask for one");
	resp_free(&r);
	ok(page(&ivy, path, &r) == 200 && body_has(&r, "name=\"term_name\""), "with a role: the form");
	resp_free(&r);
	const char *before = value("SELECT COUNT(*) FROM change_requests");
	char count[16];
	snprintf(count, sizeof count, "%s", before);
	char fields[400];
	snprintf(fields, sizeof fields, "term_name=Oromucosal+film+%s&short_name=OMF&step=preview", run);
	ok(post(&ivy, path, fields, &r) == 200 && body_has(&r, "Nothing is saved yet") && body_has(&r, "<ins>OMF</ins>"),
	   "the preview shows the change as a diff");
	resp_free(&r);
	ok(strcmp(value("SELECT COUNT(*) FROM change_requests"), count) == 0, "and saves nothing");
	snprintf(fields, sizeof fields, "term_name=Oromucosal+film+%s&short_name=OMF&step=submit", run);
	ok(post(&ivy, path, fields, &r) == 400 && body_has(&r, "This field is required"),
	   "submitting without a justification: 400");
	resp_free(&r);
	snprintf(fields, sizeof fields, "term_name=Oromucosal+film+%s&short_name=OMF&step=save", run);
	post(&ivy, path, fields, &r);
	char *l = location(&r);
	ok(l && strncmp(l, "/account/requests/", 18) == 0, "saving a draft: to its page (%s)", l ? l : "none");
	snprintf(id, sizeof id, "%s", l ? l + 18 : "0");
	id[strspn(id, "0123456789")] = '\0';
	free(l);
	ok(strcmp(status_of(id), "SAVED") == 0, "a draft (SAVED)");
	snprintf(path, sizeof path, "/admin/change-requests/%s", id);
	ok(page(&stew, path, NULL) == 404, "which the stewards do not see");
	snprintf(path, sizeof path, "/account/requests/%s", id);
	ok(page(&tom, path, NULL) == 404, "nor other users");

	/* Edit and submit. */
	page(&ivy, path, NULL);
	snprintf(fields, sizeof fields,
		 "term_name=Oromucosal+film+%s&short_name=OMF&description=A+film+for+the+mouth&justification=Needed+for+"
		 "new+products&step=submit",
		 run);
	ok(post(&ivy, path, fields, NULL) == 303 && strcmp(status_of(id), "SUBMITTED") == 0, "edited and submitted");
	snprintf(path, sizeof path, "/rms/lists/%s", list);
	page(&olga, path, &r);
	snprintf(fields, sizeof fields, "Oromucosal film %s", run);
	ok(r.status == 200 && !body_has(&r, fields), "the public list does not show it before approval");
	resp_free(&r);

	/* Refused moves change nothing. */
	ok(move_refused(&stew, id, "to=APPROVED", "transition") && strcmp(status_of(id), "SUBMITTED") == 0,
	   "approving before validation: back to the request, which says why; nothing changed");
	snprintf(path, sizeof path, "/admin/change-requests/%s/move", id);
	ok(post(&ivy, path, "to=VALID", NULL) == 403, "the requester is no steward: 403");
	ok(move(&stew, id, "to=RETURNED") == 303 && strcmp(status_of(id), "SUBMITTED") == 0,
	   "returning without a comment: back to the request's page, nothing moved");

	/* Returned with a question, answered, resubmitted. */
	ok(move(&stew, id, "to=RETURNED&reason=Which+source+defines+it%3F") == 303 && strcmp(status_of(id), "RETURNED") == 0,
	   "the steward returns it with a question");
	ok(user_mailed(ivy.email, "Which source") || user_mailed(ivy.email, "/account/requests/"), "the requester is told by email");
	snprintf(path, sizeof path, "/account/requests/%s", id);
	page(&ivy, path, &r);
	ok(body_has(&r, "Which source defines it?") && body_has(&r, "Returned to you"), "she reads it on her request");
	resp_free(&r);
	snprintf(path, sizeof path, "/account/requests/%s/comments", id);
	ok(post(&ivy, path, "comment=", &r) == 400 && body_has(&r, "<code>comment</code>: it is required"),
	   "an empty comment: 400 naming the field its route requires");
	resp_free(&r);
	ok(move(&stew, id, "reason=No+status") == 400, "a move to no status: 400");
	ok(post(&ivy, path, "comment=The+EDQM+standard+terms.", NULL) == 303, "she answers in the thread");
	snprintf(path, sizeof path, "/account/requests/%s", id);
	page(&ivy, path, NULL);
	ok(post(&ivy, path, "term_name=Oromucosal+film&short_name=OMF&justification=EDQM+standard+terms&step=submit",
		NULL) == 303 &&
		   strcmp(status_of(id), "SUBMITTED") == 0,
	   "and resubmits it");
	snprintf(path, sizeof path, "/account/requests/%s/withdraw", id);
	ok(move(&stew, id, "to=VALID") == 303, "the steward validates it");
	char request[96];
	snprintf(request, sizeof request, "/account/requests/%s", id);
	ok(refused(&ivy, path, "", request, "transition") && strcmp(status_of(id), "VALID") == 0,
	   "a valid request can no longer be withdrawn: back to it, which says why");
	snprintf(path, sizeof path, "/account/requests/%s?refused=transition", id);
	page(&ivy, path, &r);
	ok(r.status == 200 && body_has(&r, "Nothing was changed: this request had moved on meanwhile"),
	   "what the page says after the redirect");
	resp_free(&r);

	/* Two approvals at once: one wins. */
	snprintf(path, sizeof path, "/admin/change-requests/%s", id);
	page(&stew, path, NULL);
	snprintf(path, sizeof path, "/admin/change-requests/%s/move", id);
	pid_t child = fork();
	if (child == 0) {
		long st = post(&stew, path, "to=APPROVED", NULL);
		_exit(st == 303 ? 0 : st == 409 ? 1 : 2);
	}
	long s1 = post(&stew, path, "to=APPROVED", NULL);
	int ws = 0;
	waitpid(child, &ws, 0);
	long s2 = WIFEXITED(ws) ? (WEXITSTATUS(ws) == 0 ? 303 : WEXITSTATUS(ws) == 1 ? 409 : 500) : 500;
	ok(s1 == 303 && s2 == 303,
	   "two approvals at once by one steward (a form sent twice): the second finds it made, both go back to the "
	   "request (%ld, %ld)",
	   s1, s2);
	const char *new_id = value("SELECT term_id FROM change_requests WHERE id = %s", id);
	snprintf(term, sizeof term, "%s", new_id);
	ok(strcmp(value("SELECT COUNT(*) FROM rms_term_versions WHERE request_id = %s", id), "1") == 0,
	   "one version made, naming the request");
	ok(strcmp(value("SELECT status FROM rms_terms WHERE id = '%s'", term), "PROVISIONAL") == 0,
	   "the new term is PROVISIONAL (%s)", term);
	snprintf(path, sizeof path, "/rms/terms/%s", term);
	page(&olga, path, &r);
	char rrq[32];
	snprintf(rrq, sizeof rrq, "RRQ-%s", id);
	ok(r.status == 200 && body_has(&r, "Oromucosal film") && body_has(&r, rrq) && !body_has(&r, ivy.email),
	   "its public page shows it, its history names the request, not the requester");
	resp_free(&r);
	snprintf(path, sizeof path, "/rms/lists/%s?status=PROVISIONAL", list);
	page(&olga, path, &r);
	ok(body_has(&r, "Oromucosal film"), "the list shows it as provisional");
	resp_free(&r);
	ok(user_mailed(finn.email, "A list you follow has changed") || user_mailed(finn.email, term), "a follower of the list is told");
	ok(strcmp(value("SELECT COUNT(*) FROM change_request_events WHERE request_id = %s AND to_status IS NOT NULL", id),
		  "6") == 0,
	   "every step is in its history (SAVED, SUBMITTED, RETURNED, SUBMITTED, VALID, APPROVED)");
}

static void test_update_and_translation(void)
{
	char path[96], upd[24], tr[24];
	struct resp r;
	/* ivy: promote the term to CURRENT; tom: translate it into French. */
	snprintf(path, sizeof path, "/rms/terms/%s/requests/new", term);
	page(&ivy, path, &r);
	ok(r.status == 200 && body_has(&r, "value=\"Oromucosal film\""), "the change form starts from the current values");
	resp_free(&r);
	ok(post(&ivy, path, "term_name=Oromucosal+film&short_name=OMF&term_status=PROVISIONAL&justification=x&step=preview",
		&r) == 400 &&
		   body_has(&r, "Nothing would change"),
	   "a proposal that changes nothing: 400");
	resp_free(&r);
	post(&ivy, path, "term_name=Oromucosal+film&short_name=OMF&term_status=CURRENT&justification=In+use+now&step=submit",
	     &r);
	char *l = location(&r);
	snprintf(upd, sizeof upd, "%s", l ? l + 18 : "0");
	upd[strspn(upd, "0123456789")] = '\0';
	free(l);
	ok(strcmp(status_of(upd), "SUBMITTED") == 0 &&
		   strcmp(value("SELECT proposed FROM change_requests WHERE id = %s", upd), "{\"status\":\"CURRENT\"}") == 0,
	   "only what changes is proposed");

	snprintf(path, sizeof path, "/rms/terms/%s/requests/new?text_lang=fr", term);
	ok(page(&tom, path, &r) == 200 && body_has(&r, "lang=\"fr\""), "a translator gets the translation form");
	resp_free(&r);
	snprintf(path, sizeof path, "/rms/terms/%s/requests/new", term);
	post(&tom, path, "text_lang=fr&term_name=Film+orodispersible&justification=Terme+EDQM&step=submit", &r);
	l = location(&r);
	snprintf(tr, sizeof tr, "%s", l ? l + 18 : "0");
	tr[strspn(tr, "0123456789")] = '\0';
	free(l);
	ok(strcmp(status_of(tr), "SUBMITTED") == 0 &&
		   strcmp(value("SELECT CONCAT(type, ' ', lang) FROM change_requests WHERE id = %s", tr), "TRANSLATION fr") == 0,
	   "a translation request in French");
	ok(move(&stew, tr, "to=VALID") == 303 && move(&stew, tr, "to=APPROVED") == 303, "the translation is approved");
	snprintf(path, sizeof path, "/rms/terms/%s", term);
	page(&olga, path, &r);
	ok(body_has(&r, "Film orodispersible"), "the term page shows the French name");
	resp_free(&r);

	/* ivy's request was made against the version before the translation. */
	ok(move(&stew, upd, "to=VALID") == 303, "the status change is valid");
	snprintf(path, sizeof path, "/admin/change-requests/%s", upd);
	page(&stew, path, &r);
	ok(body_has(&r, "cannot be approved as it is"), "but flagged: the term changed since");
	resp_free(&r);
	ok(move_refused(&stew, upd, "to=APPROVED", "stale") &&
		   strcmp(value("SELECT status FROM rms_terms WHERE id = %s", term), "PROVISIONAL") == 0,
	   "approving it blindly: back to the request, which says why; the term unchanged");
	ok(move(&stew, upd, "to=RETURNED&reason=Please+check+the+current+version") == 303, "returned to the requester");
	snprintf(path, sizeof path, "/account/requests/%s", upd);
	page(&ivy, path, NULL);
	ok(post(&ivy, path, "term_name=Oromucosal+film&short_name=OMF&term_status=CURRENT&justification=Checked+the+new+version&step=submit",
		NULL) == 303,
	   "who checks and resubmits");
	ok(move(&stew, upd, "to=VALID") == 303 && move(&stew, upd, "to=APPROVED") == 303 &&
		   strcmp(value("SELECT status FROM rms_terms WHERE id = %s", term), "CURRENT") == 0,
	   "now it is approved: the term is CURRENT");
	ok(strcmp(value("SELECT COUNT(*) FROM rms_term_versions WHERE term_id = %s", term), "3") == 0,
	   "three versions: created, translated, promoted");

	/* Approved with changes, and rejected. */
	snprintf(path, sizeof path, "/rms/terms/%s/requests/new", term);
	page(&ivy, path, NULL);
	post(&ivy, path, "term_name=Oromucosal+film&short_name=OMF&description=Thin+film&justification=Clearer+wording+for+users&step=submit",
	     &r);
	l = location(&r);
	snprintf(upd, sizeof upd, "%s", l ? l + 18 : "0");
	upd[strspn(upd, "0123456789")] = '\0';
	free(l);
	move(&stew, upd, "to=VALID");
	ok(move(&stew, upd, "to=APPROVED_WC&reason=Worded+as+EDQM&description=A+thin+film+placed+in+the+mouth") == 303,
	   "approved with changes");
	snprintf(path, sizeof path, "/rms/terms/%s", term);
	page(&olga, path, &r);
	ok(body_has(&r, "class=\"description\">A thin film placed in the mouth</td>"), "the steward's wording is applied");
	ok(body_has(&r, "<ins>Thin film</ins>") && body_has(&r, "<ins>A thin film placed in the mouth</ins>"),
	   "and its history keeps the requester's wording beside it");
	resp_free(&r);
	ok(strcmp(status_of(upd), "APPROVED_WC") == 0, "the request says approved with changes");
	ok(*value("SELECT 1 FROM audit_log WHERE event = 'change.APPROVED_WC' AND actor_id = %s", stew.id),
	   "the audit log records the decisions");
}

/* How many of 12 answers of `path` to `u` hold `text`: more answers than
 * spor-public has workers, so that those keeping the list of lists
 * rendered (cgi/rms/rms_lists.c) answer some. */
static int answers_holding(struct user *u, const char *path, const char *text)
{
	int n = 0;
	for (int i = 0; i < 12; i++) {
		struct resp r;
		page(u, path, &r);
		n += r.status == 200 && body_has(&r, text);
		resp_free(&r);
	}
	return n;
}

static void test_lists(void)
{
	char path[96], id[24], upd[24];
	struct resp r;
	/* A change to the list itself. */
	snprintf(path, sizeof path, "/rms/lists/%s/requests/new?change=list", list);
	page(&ivy, path, &r);
	ok(r.status == 200 && body_has(&r, "name=\"change\" value=\"list\""), "the list's change form");
	resp_free(&r);
	const char *name = value("SELECT name FROM rms_lists WHERE id = %s", list);
	char renamed[200];
	snprintf(renamed, sizeof renamed, "%s (renamed %s)", name, run);
	char fields[600];
	snprintf(fields, sizeof fields, "change=list&term_name=%s&justification=The+EMA+renamed+it&step=submit", renamed);
	for (char *c = fields; *c; c++)
		if (*c == ' ')
			*c = '+';
	snprintf(path, sizeof path, "/rms/lists/%s/requests/new", list);
	post(&ivy, path, fields, &r);
	char *l = location(&r);
	snprintf(upd, sizeof upd, "%s", l ? l + 18 : "0");
	upd[strspn(upd, "0123456789")] = '\0';
	free(l);
	ok(strcmp(value("SELECT CONCAT(type, ' ', status) FROM change_requests WHERE id = %s", upd), "UPD-LIST SUBMITTED") ==
		   0,
	   "a change to the list is submitted");
	char lists_path[64], renamed_tail[64];
	snprintf(lists_path, sizeof lists_path, "/rms/lists?q=%s", list);
	snprintf(renamed_tail, sizeof renamed_tail, "(renamed %s)", run);
	ok(answers_holding(&olga, lists_path, renamed_tail) == 0, "the list of lists shows the old name till then");
	/* The list's page, shown often enough before the approval that every
	 * worker keeps its table (cgi/core/fragment.h). */
	snprintf(path, sizeof path, "/rms/lists/%s", list);
	for (int i = 0; i < 9; i++) {
		page(&olga, path, &r);
		resp_free(&r);
	}
	ok(move(&stew, upd, "to=VALID") == 303 && move(&stew, upd, "to=APPROVED") == 303, "and approved");
	ok(answers_holding(&olga, lists_path, renamed_tail) == 12,
	   "then every answer of the list of lists shows the new name");
	ok(strcmp(value("SELECT name FROM rms_lists WHERE id = %s", list), renamed) == 0, "the list has its new name");
	int renamed_pages = 0;
	for (int i = 0; i < 9; i++) {
		page(&olga, path, &r);
		renamed_pages += body_has(&r, renamed);
		resp_free(&r);
	}
	ok(renamed_pages == 9, "every page of the list shows the new name at once (%d of 9)", renamed_pages);
	ok(atoi(value("SELECT COUNT(*) FROM rms_list_versions WHERE list_id = %s", list)) >= 2 &&
		   strcmp(value("SELECT request_id FROM rms_list_versions WHERE list_id = %s ORDER BY seq DESC LIMIT 1", list),
			  upd) == 0,
	   "its history keeps the version before and the new one");
	snprintf(path, sizeof path, "/rms/lists/%s", list);
	page(&olga, path, &r);
	char rrq[32];
	snprintf(rrq, sizeof rrq, "RRQ-%s", upd);
	ok(body_has(&r, rrq), "the public list page's history names the request");
	resp_free(&r);

	/* A new list. */
	page(&ivy, "/rms/requests/new", &r);
	ok(r.status == 200 && body_has(&r, "A new list"), "the new-list form");
	resp_free(&r);
	snprintf(fields, sizeof fields, "term_name=Journey+list+%s&short_name=JL&justification=Needed+for+our+products&step=submit",
		 run);
	post(&ivy, "/rms/requests/new", fields, &r);
	l = location(&r);
	snprintf(id, sizeof id, "%s", l ? l + 18 : "0");
	id[strspn(id, "0123456789")] = '\0';
	free(l);
	char journey[96];
	snprintf(journey, sizeof journey, ">Journey list %s</a>", run);
	ok(answers_holding(&olga, "/rms/lists?q=Journey+list", journey) == 0, "not in the list of lists till then");
	ok(move(&stew, id, "to=VALID") == 303 && move(&stew, id, "to=APPROVED") == 303, "a new list is approved");
	const char *made = value("SELECT list_id FROM change_requests WHERE id = %s", id);
	ok(*made && strcmp(value("SELECT status FROM rms_lists WHERE id = %s", made), "PROVISIONAL") == 0,
	   "it exists, provisional (%s)", made);
	ok(answers_holding(&olga, "/rms/lists?q=Journey+list", journey) == 12,
	   "and every answer of the lists page shows it");
}

/* The id at the end of a redirect to /account/requests/{id}. */
static void request_id(struct resp *r, char out[24])
{
	char *l = location(r);
	snprintf(out, 24, "%s", l && strlen(l) > 18 ? l + 18 : "0");
	out[strspn(out, "0123456789")] = '\0';
	free(l);
}

static void test_organisations(void)
{
	char path[128], id[24];
	struct resp r;
	const char *org = "ORG-100000001";
	snprintf(path, sizeof path, "/oms/organisations/%s/requests/new", org);
	ok(page(&olga, path, &r) == 403 && body_has(&r, "for this organisation") &&
	       body_has(&r, "href=\"/account/roles?org=ORG-100000001#new\""),
	   "changing an organisation takes a role for it, which the page says how to ask for");
	resp_free(&r);
	page(&ivy, path, &r);
	ok(r.status == 200 && body_has(&r, "value=\"Exemple Pharma SA\""), "its form starts from the current values");
	resp_free(&r);
	char acronym[32], fields[400], before[64];
	snprintf(acronym, sizeof acronym, "EX%s", run + strlen(run) - 4);
	snprintf(before, sizeof before, "%s", value("SELECT acronym FROM oms_organisations WHERE id = 100000001"));
	snprintf(fields, sizeof fields, "org_name=Exemple+Pharma+SA&acronym=%s&justification=Our+new+acronym&step=submit",
		 acronym);
	post(&ivy, path, fields, &r);
	request_id(&r, id);
	char expect[128];
	snprintf(expect, sizeof expect, "UPD-ORG SUBMITTED {\"acronym\":\"%s\"}", acronym);
	ok(strcmp(value("SELECT CONCAT(type, ' ', status, ' ', proposed) FROM change_requests WHERE id = %s", id), expect) ==
		   0,
	   "an organisation's change: only the acronym");
	ok(strcmp(value("SELECT acronym FROM oms_organisations WHERE id = 100000001"), before) == 0,
	   "nothing changes before approval");
	ok(move(&stew, id, "to=VALID") == 303 && move(&stew, id, "to=APPROVED") == 303, "approved");
	ok(strcmp(value("SELECT acronym FROM oms_organisations WHERE id = 100000001"), acronym) == 0, "the acronym changed");
	page(&olga, "/oms/organisations/ORG-100000001", &r);
	char rrq[32];
	snprintf(rrq, sizeof rrq, "RRQ-%s", id);
	ok(body_has(&r, acronym) && body_has(&r, rrq), "the organisation's page shows it, its history naming the request");
	resp_free(&r);
	ok(atoi(value("SELECT COUNT(*) FROM oms_org_versions WHERE org_id = 100000001")) >= 2 &&
		   strcmp(value("SELECT source FROM oms_org_versions WHERE org_id = 100000001 AND seq = 1"), "import") == 0,
	   "the record before and after are kept");

	/* A location: new, then changed. */
	snprintf(path, sizeof path, "/oms/organisations/%s/requests/new?location=new", org);
	page(&ivy, path, NULL);
	snprintf(path, sizeof path, "/oms/organisations/%s/requests/new", org);
	ok(post(&ivy, path, "location=new&address=1+Example+Road&city=Bordeaux&country=XX&justification=Our+new+site&step=submit",
		&r) == 400 &&
		   body_has(&r, "country"),
	   "an unknown country: 400, naming it");
	resp_free(&r);
	ok(post(&ivy, path, "location=new&address=1+Example+Road&country=FR&justification=Our+new+site&step=submit", &r) ==
			   400 &&
		   body_has(&r, "This field is required"),
	   "a location without a city: 400");
	resp_free(&r);
	post(&ivy, path,
	     "location=new&address=1+Example+Road%0D%0ABuilding+C&postal_code=33000&city=Bordeaux&country=FR&justification=Our+new+site&step=submit",
	     &r);
	request_id(&r, id);
	ok(move(&stew, id, "to=VALID") == 303 && move(&stew, id, "to=APPROVED") == 303, "a new location is approved");
	const char *loc = value("SELECT loc_id FROM change_requests WHERE id = %s", id);
	char loc_id[16];
	snprintf(loc_id, sizeof loc_id, "%s", loc);
	snprintf(path, sizeof path, "/oms/locations/%s", loc_id);
	page(&olga, path, &r);
	ok(r.status == 200 && body_has(&r, "Bordeaux") && body_has(&r, "Building C"), "its page shows it (%s)", loc_id);
	resp_free(&r);
	snprintf(path, sizeof path, "/oms/organisations/%s/requests/new?location=%s", org, loc_id);
	page(&ivy, path, &r);
	ok(body_has(&r, ">1 Example Road\nBuilding C</textarea>"), "the location's form starts from its values");
	resp_free(&r);
	snprintf(path, sizeof path, "/oms/organisations/%s/requests/new", org);
	snprintf(fields, sizeof fields,
		 "location=%s&address=1+Example+Road%%0D%%0ABuilding+C&postal_code=33100&city=Bordeaux&country=FR&phone=%%2B33+5+00&justification=The+post+moved+us&step=submit",
		 loc_id);
	post(&ivy, path, fields, &r);
	request_id(&r, id);
	ok(strcmp(value("SELECT proposed FROM change_requests WHERE id = %s", id),
		  "{\"postal_code\":\"33100\",\"phone\":\"+33 5 00\"}") == 0,
	   "a change to the location: its postal code and phone");
	ok(move(&stew, id, "to=VALID") == 303 && move(&stew, id, "to=APPROVED") == 303 &&
		   strcmp(value("SELECT postal_code FROM oms_locations WHERE id = SUBSTRING('%s', 5)", loc_id), "33100") == 0,
	   "approved and applied");

	/* A supporting document. */
	static const char pdf[] = "%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n";
	snprintf(path, sizeof path, "/oms/organisations/%s/requests/new", org);
	page(&ivy, path, NULL);
	ok(visitor_upload(&ivy.v, path, "org_type=Not a PDF&justification=See the attached letter&step=submit", "document",
			  "letter.pdf", "plain text", 10, &r) == 400 &&
		   body_has(&r, "must be a PDF"),
	   "a supporting document that is no PDF: 400");
	resp_free(&r);
	visitor_upload(&ivy.v, path, "org_type=Industry and research&justification=See the attached letter&step=submit",
		       "document", "letter.pdf", pdf, sizeof pdf - 1, &r);
	request_id(&r, id);
	snprintf(path, sizeof path, "/account/requests/%s/document", id);
	page(&ivy, path, &r);
	ok(r.status == 200 && r.body_len == sizeof pdf - 1 && memcmp(r.body, pdf, r.body_len) == 0,
	   "the requester downloads the document");
	resp_free(&r);
	ok(page(&tom, path, NULL) == 404, "another user cannot");
	snprintf(path, sizeof path, "/admin/change-requests/%s/document", id);
	ok(page(&stew, path, NULL) == 200, "a data steward can");
	ok(move(&stew, id, "to=INVALID&reason=Not+an+organisation+type+of+SPOR") == 303 &&
		   strcmp(status_of(id), "INVALID") == 0,
	   "and marks the request invalid, with a reason");

	/* A new organisation, by anyone signed in. */
	page(&olga, "/oms/requests/new", NULL);
	snprintf(fields, sizeof fields,
		 "org_name=Olga+Pharma+%s&org_type=Industry&address=2+Test+Street&city=Tallinn&country=EE&justification=My+company+is+missing&step=submit",
		 run);
	post(&olga, "/oms/requests/new", fields, &r);
	request_id(&r, id);
	ok(move(&stew, id, "to=VALID") == 303 && move(&stew, id, "to=APPROVED") == 303, "a new organisation is approved");
	char made[16];
	snprintf(made, sizeof made, "%s", value("SELECT org_id FROM change_requests WHERE id = %s", id));
	ok(*made && strcmp(value("SELECT status FROM oms_organisations WHERE id = SUBSTRING('%s', 5)", made), "PROVISIONAL") == 0,
	   "it exists, provisional (%s)", made);
	snprintf(path, sizeof path, "/account/roles?org=%s", made);
	page(&olga, path, &r);
	ok(body_has(&r, "Olga Pharma"), "and its author can request a role for it");
	resp_free(&r);
}

/* Every status against every move, by the steward and by the requester:
 * the allowed ones go through (303), the others go back to the request's
 * page saying why (303 to ?refused=transition) and change nothing. */
static void test_transitions(void)
{
	static const char *const statuses[] = {"SAVED",	 "SUBMITTED",	"VALID",    "INVALID",	 "RETURNED",
					       "APPROVED", "APPROVED_WC", "REJECTED", "WITHDRAWN"};
	static const char *const allowed[] = {
		"steward SUBMITTED VALID",   "steward SUBMITTED INVALID",   "steward SUBMITTED RETURNED",
		"steward VALID RETURNED",    "steward VALID APPROVED",	    "steward VALID APPROVED_WC",
		"steward VALID REJECTED",    "requester SAVED SUBMITTED",   "requester RETURNED SUBMITTED",
		"requester SAVED WITHDRAWN", "requester SUBMITTED WITHDRAWN", "requester RETURNED WITHDRAWN",
	};
	static const char *const moves[] = {"VALID", "INVALID", "RETURNED", "APPROVED", "APPROVED_WC", "REJECTED",
					    "SUBMITTED", "WITHDRAWN"};
	int checked = 0, wrong = 0;
	for (size_t i = 0; i < sizeof statuses / sizeof statuses[0]; i++) {
		for (size_t m = 0; m < sizeof moves / sizeof moves[0]; m++) {
			bool requester = strcmp(moves[m], "SUBMITTED") == 0 || strcmp(moves[m], "WITHDRAWN") == 0;
			char key[64];
			snprintf(key, sizeof key, "%s %s %s", requester ? "requester" : "steward", statuses[i], moves[m]);
			bool ok_move = false;
			for (size_t a = 0; a < sizeof allowed / sizeof allowed[0]; a++)
				ok_move = ok_move || strcmp(allowed[a], key) == 0;
			sql("INSERT INTO change_requests (type, status, account_id, list_id, term_id, lang, proposed,"
			    " justification, base_seq) SELECT 'UPD-TERM', '%s', %s, list_id, id, 'en',"
			    " JSON_OBJECT('description', CONCAT('Matrix ', UUID())), 'A matrix of moves', seq"
			    " FROM rms_terms WHERE id = %s",
			    statuses[i], ivy.id, term);
			char id[24], path[96], fields[200];
			snprintf(id, sizeof id, "%s", value("SELECT MAX(id) FROM change_requests WHERE account_id = %s", ivy.id));
			struct resp r;
			char back[128];
			if (strcmp(moves[m], "WITHDRAWN") == 0) {
				snprintf(path, sizeof path, "/account/requests/%s/withdraw", id);
				snprintf(back, sizeof back, "/account/requests/%s?refused=transition", id);
				user_get(&ivy, "/account/requests");
				post(&ivy, path, "", &r);
			} else if (requester) {
				snprintf(path, sizeof path, "/account/requests/%s", id);
				snprintf(back, sizeof back, "%s?refused=transition", path);
				page(&ivy, path, NULL);
				post(&ivy, path,
				     "term_name=Oromucosal+film&short_name=OMF&description=Matrix+submitted&term_status="
				     "CURRENT&justification=A+matrix+of+moves&step=submit",
				     &r);
			} else {
				snprintf(fields, sizeof fields, "to=%s&reason=A+matrix+of+moves%s", moves[m],
					 strcmp(moves[m], "APPROVED_WC") == 0 ? "&description=Matrix+with+changes" : "");
				snprintf(path, sizeof path, "/admin/change-requests/%s/move", id);
				snprintf(back, sizeof back, "/admin/change-requests/%s?refused=transition", id);
				user_get(&stew, "/admin");
				post(&stew, path, fields, &r);
			}
			long status = r.status;
			char *where = location(&r);
			const char *now = status_of(id);
			bool right = ok_move ? status == 303 && strcmp(now, moves[m]) == 0
					     : status == 303 && where && strcmp(where, back) == 0 && strcmp(now, statuses[i]) == 0;
			free(where);
			if (!right) {
				wrong++;
				diag("%s: %ld, now %s", key, status, now);
			}
			checked++;
		}
	}
	ok(wrong == 0,
	   "every move from every status: allowed ones done, the others back to the request saying why, nothing changed (%d)",
	   checked);
}

int main(void)
{
	owner = users_start(run);
	ok(dbtest_import_demo(), "the demonstration data");
	snprintf(list, sizeof list, "%s", value("SELECT list_id FROM rms_terms GROUP BY list_id ORDER BY list_id LIMIT 1"));
	ok(user_make_admin(owner, &admin, "admin", run, "changes.test"), "an administrator");
	ok(*list && user_make(owner, &stew, "stew", run, "changes.test") && user_make(owner, &ivy, "ivy", run, "changes.test") && user_make(owner, &tom, "tom", run, "changes.test") &&
		   user_make(owner, &olga, "olga", run, "changes.test") && user_make(owner, &finn, "finn", run, "changes.test"),
	   "users, and a list (%s)", list);
	/* Roles: ivy an industry user, tom a translator, stew a data steward. */
	sql("INSERT INTO account_roles (account_id, role_code, org_id) VALUES (%s, 'INDUSTRY_USER', 'ORG-100000001'),"
	    " (%s, 'TRANSLATOR', ''), (%s, 'DATA_STEWARD', '')",
	    ivy.id, tom.id, stew.id);
	char fields[64];
	snprintf(fields, sizeof fields, "kind=list&ref=%s&action=add", list);
	page(&finn, "/account", NULL);
	ok(post(&finn, "/account/favourites", fields, NULL) == 303, "finn follows the list");
	test_new_term();
	test_update_and_translation();
	test_lists();
	test_organisations();
	test_transitions();
	users_done(owner);
	return done_testing();
}
