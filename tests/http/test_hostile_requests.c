/* The hostile user against change and role requests, through nginx: a data
 * steward or an administrator never decides on their own request, at any
 * step (403, nothing changed; the console shows it without the decisions
 * and says why); a request out of its owner's hands is frozen (no edit
 * writes its justification, document or proposal); owners edit their
 * organisation and location drafts; and the account program's database
 * user, with SQL of its own, cannot set a status the owner could not. */
#include "config.h"

#include <mysqld_error.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "../tap.h"
#include "dbtest.h"
#include "users.h"

static MYSQL *owner;
#define value(...) dbtest_valuef(owner, __VA_ARGS__)
#define sql(...) dbtest_execf(owner, __VA_ARGS__)

static char run[USER_RUN_SIZE], term[16];
static char term_name[200], term_plus[200]; /* its English name, and as a form sends it */
static struct user admin, stew, ivy;

static const char pdf_one[] = "%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n";
static const char pdf_two[] = "%PDF-1.4\n% a second letter\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n";

static long page(struct user *u, const char *path, struct resp *keep)
{
	struct resp r;
	long status = visitor_get(&u->v, path, keep ? keep : &r);
	if (!keep)
		resp_free(&r);
	return status;
}

static long post(struct user *u, const char *path, const char *fields)
{
	struct resp r;
	long status = visitor_post(&u->v, path, fields, true, &r);
	resp_free(&r);
	return status;
}

/* Whether answer `r` (freed here) sends the user back to `page`, saying
 * the form was refused for `reason` (http_refused), not an error page that
 * a reload would send again. */
static bool sent_back(struct resp *r, const char *page, const char *reason)
{
	char *l = header(r, "Location"), want[160];
	snprintf(want, sizeof want, "%s?refused=%s", page, reason);
	bool right = r->status == 303 && l && strcmp(l, want) == 0;
	if (!right)
		diag("%ld to %s, not to %s", r->status, l ? l : "nowhere", want);
	free(l);
	resp_free(r);
	return right;
}

/* The request ID a proposal's answer redirects to, or "0". */
static void request_id(struct resp *r, char out[24])
{
	char *l = header(r, "Location");
	snprintf(out, 24, "%s", l && strncmp(l, "/account/requests/", 18) == 0 ? l + 18 : "0");
	out[strspn(out, "0123456789")] = '\0';
	free(l);
	resp_free(r);
}

/* `u` proposes at `path` (its form opened first); the new request's ID. */
static void propose(struct user *u, const char *path, const char *fields, char id[24])
{
	struct resp r;
	page(u, path, NULL);
	visitor_post(&u->v, path, fields, true, &r);
	request_id(&r, id);
}

/* `u` proposes a new description of the term (values as a form sends
 * them), with `why`, at `step`; the request's ID. */
static void propose_term(struct user *u, const char *description, const char *why, const char *step, char id[24])
{
	char path[96], fields[600];
	snprintf(path, sizeof path, "/rms/terms/%s/requests/new", term);
	snprintf(fields, sizeof fields, "term_name=%s&description=%s+%s&justification=%s&step=%s", term_plus, description,
		 run, why, step);
	propose(u, path, fields, id);
}

/* The request's row as one text: what no refused action may change. */
static const char *state(const char *id)
{
	static char s[4096];
	snprintf(s, sizeof s, "%s",
		 value("SELECT CONCAT_WS('|', status, proposed, justification, COALESCE(document_sha256, '-'),"
		       " COALESCE(assigned_to, '-'), COALESCE(base_seq, '-'), (SELECT COUNT(*) FROM change_request_events"
		       " WHERE request_id = c.id), COALESCE((SELECT GROUP_CONCAT(round, kind, record ORDER BY round, kind)"
		       " FROM change_request_records WHERE request_id = c.id), '-')) FROM change_requests c WHERE id = %s",
		       id));
	return s;
}

/* A steward's action on request `id` (`what`: "move", "assign", "comments"),
 * after opening its page as a steward would. */
static long act(struct user *u, const char *id, const char *what, const char *fields)
{
	char path[96];
	snprintf(path, sizeof path, "/admin/change-requests/%s", id);
	page(u, path, NULL);
	snprintf(path, sizeof path, "/admin/change-requests/%s/%s", id, what);
	return post(u, path, fields);
}

/* Every steward's action on `u`'s own request in its status: 403, and the
 * request as it was. */
static void own_refused(struct user *u, const char *id, const char *const *actions, size_t n)
{
	char before[4096];
	snprintf(before, sizeof before, "%s", state(id));
	const char *seq = value("SELECT seq FROM rms_terms WHERE id = %s", term);
	char term_seq[24];
	snprintf(term_seq, sizeof term_seq, "%s", seq);
	for (size_t i = 0; i < n; i++) {
		char what[16];
		const char *fields = strchr(actions[i], ' ');
		snprintf(what, sizeof what, "%.*s", (int)(fields ? fields - actions[i] : (long)strlen(actions[i])),
			 actions[i]);
		long status = act(u, id, what, fields ? fields + 1 : "");
		ok(status == 403 && strcmp(state(id), before) == 0, "their own request, %s: 403, nothing changed (%ld)",
		   actions[i], status);
	}
	ok(strcmp(value("SELECT seq FROM rms_terms WHERE id = %s", term), term_seq) == 0, "and the term is as it was");
}

/* The request's page in the console: no decision, and why. */
static void console_shows(struct user *u, const char *id)
{
	char path[96];
	struct resp r;
	snprintf(path, sizeof path, "/admin/change-requests/%s", id);
	char assign[96];
	snprintf(assign, sizeof assign, "/admin/change-requests/%s/assign", id);
	ok(page(u, path, &r) == 200 && body_has(&r, "You made this request") && !body_has(&r, "name=\"to\"") &&
		   !body_has(&r, assign) && !body_has(&r, "/comments\""),
	   "the console shows their own request without its decisions, and says why");
	resp_free(&r);
}

static void test_own_decisions(void)
{
	char fields[400], id[24];
	/* The steward proposes a change to a term, as the holder of an organisation role. */
	propose_term(&stew, "Stewarded", "The+steward%27s+own+wording", "submit", id);
	ok(strcmp(value("SELECT status FROM change_requests WHERE id = %s", id), "SUBMITTED") == 0,
	   "a data steward submits a request of their own (RRQ-%s)", id);
	console_shows(&stew, id);
	static const char *const submitted[] = {
		"move to=VALID",
		"move to=INVALID&reason=Not+mine+to+judge",
		"move to=RETURNED&reason=Please+reword",
		"move to=RETURNED",
		"move to=APPROVED",
		"assign",
		"comments reason=Validated+by+myself",
	};
	own_refused(&stew, id, submitted, sizeof submitted / sizeof submitted[0]);
	ok(act(&admin, id, "move", "to=VALID") == 303, "someone else validates it");
	static const char *const valid[] = {
		"move to=APPROVED",
		"move to=APPROVED_WC&reason=Reworded&description=Reworded+by+myself",
		"move to=APPROVED_WC&reason=Reworded",
		"move to=REJECTED&reason=No",
		"move to=RETURNED&reason=Once+more",
		"assign",
		"comments reason=Approving+it+myself",
	};
	own_refused(&stew, id, valid, sizeof valid / sizeof valid[0]);
	ok(act(&admin, id, "move", "to=APPROVED") == 303 &&
		   strcmp(value("SELECT status FROM change_requests WHERE id = %s", id), "APPROVED") == 0,
	   "and decides on it");

	/* An administrator's own request: a steward decides. */
	snprintf(fields, sizeof fields,
		 "org_name=Admin+Pharma+%s&org_type=Industry&address=1+Rue+Test&city=Lyon&country=FR&justification="
		 "The+administrator%%27s+company&step=submit",
		 run);
	propose(&admin, "/oms/requests/new", fields, id);
	ok(strcmp(value("SELECT status FROM change_requests WHERE id = %s", id), "SUBMITTED") == 0,
	   "an administrator submits a new organisation (RRQ-%s)", id);
	console_shows(&admin, id);
	static const char *const admin_submitted[] = {"move to=VALID", "move to=INVALID&reason=Mine", "assign",
						      "comments reason=Mine"};
	own_refused(&admin, id, admin_submitted, sizeof admin_submitted / sizeof admin_submitted[0]);
	ok(act(&stew, id, "move", "to=VALID") == 303, "a data steward validates it");
	static const char *const admin_valid[] = {"move to=APPROVED", "move to=REJECTED&reason=Mine"};
	own_refused(&admin, id, admin_valid, sizeof admin_valid / sizeof admin_valid[0]);
	ok(act(&stew, id, "move", "to=APPROVED") == 303 &&
		   *value("SELECT org_id FROM change_requests WHERE id = %s AND status = 'APPROVED'", id),
	   "and approves it: the organisation exists");
}

/* An edit of request `id` as its owner, with a document or without: the
 * status, and whether the request is as it was. */
static void edit_refused(const char *id, const char *when)
{
	char path[96], before[4096];
	struct resp r;
	snprintf(before, sizeof before, "%s", state(id));
	snprintf(path, sizeof path, "/account/requests/%s", id);
	static const char *const steps[] = {"save", "submit", "preview"};
	for (size_t i = 0; i < sizeof steps / sizeof steps[0]; i++) {
		char fields[600];
		snprintf(fields, sizeof fields,
			 "term_name=%s&description=Rewritten after the fact&justification=A justification written "
			 "afterwards&step=%s",
			 term_name, steps[i]);
		page(&ivy, path, NULL);
		visitor_upload(&ivy.v, path, fields, "document", "other.pdf", pdf_two, sizeof pdf_two - 1, &r);
		ok(sent_back(&r, path, "transition") && strcmp(state(id), before) == 0,
		   "%s: an edit with a new document (%s) is refused, back to the request saying why; nothing written",
		   when, steps[i]);
	}
	page(&ivy, path, NULL);
	visitor_post(&ivy.v, path, "description=Rewritten&justification=Rewritten+afterwards&step=save", true, &r);
	ok(sent_back(&r, path, "transition") && strcmp(state(id), before) == 0,
	   "%s: a plain edit is refused, back to the request saying why; nothing written", when);
}

static void test_frozen(void)
{
	char path[128], fields[400], id[24];
	snprintf(path, sizeof path, "/rms/terms/%s/requests/new", term);
	snprintf(fields, sizeof fields,
		 "term_name=%s&description=Frozen %s&justification=The original justification&step=submit", term_name, run);
	struct resp r;
	page(&ivy, path, NULL);
	visitor_upload(&ivy.v, path, fields, "document", "letter.pdf", pdf_one, sizeof pdf_one - 1, &r);
	request_id(&r, id);
	ok(strcmp(value("SELECT CONCAT(status, ' ', justification, ' ', document_name) FROM change_requests WHERE id = %s",
			id),
		  "SUBMITTED The original justification letter.pdf") == 0,
	   "a request submitted with its justification and document (RRQ-%s)", id);
	edit_refused(id, "submitted");
	ok(act(&stew, id, "move", "to=VALID") == 303, "validated");
	edit_refused(id, "valid");
	ok(act(&stew, id, "move", "to=APPROVED") == 303, "approved");
	edit_refused(id, "approved");
	snprintf(path, sizeof path, "/account/requests/%s/document", id);
	ok(page(&ivy, path, &r) == 200 && r.body_len == sizeof pdf_one - 1 && memcmp(r.body, pdf_one, r.body_len) == 0,
	   "the document is still the one submitted");
	resp_free(&r);

	/* Withdrawn: no longer the owner's to edit either. */
	propose_term(&ivy, "Withdrawn", "Soon+withdrawn", "save", id);
	snprintf(path, sizeof path, "/account/requests/%s/withdraw", id);
	page(&ivy, "/account/requests", NULL);
	ok(post(&ivy, path, "") == 303, "a draft withdrawn");
	edit_refused(id, "withdrawn");

	/* A draft is its owner's: the edit with a document is written. */
	propose_term(&ivy, "Draft", "A+draft", "save", id);
	snprintf(path, sizeof path, "/account/requests/%s", id);
	snprintf(fields, sizeof fields, "term_name=%s&description=Draft edited&justification=Edited in its draft&step=save",
		 term_name);
	page(&ivy, path, NULL);
	ok(visitor_upload(&ivy.v, path, fields, "document", "draft.pdf", pdf_two, sizeof pdf_two - 1, &r) == 303 &&
		   strcmp(value("SELECT CONCAT_WS(' ', status, justification, document_name, proposed) FROM change_requests"
				" WHERE id = %s",
				id),
			  "SAVED Edited in its draft draft.pdf {\"description\":\"Draft edited\"}") == 0,
	   "a draft's edit writes its justification, document and proposal");
	resp_free(&r);
}

/* `u`'s draft at `path` with `fields` (step=save), edited on its page with
 * `edit` (step=save, then submit): the proposal each time. */
static void oms_draft(const char *what, const char *path, const char *fields, const char *edit, const char *expect)
{
	char id[24], full[600];
	snprintf(full, sizeof full, "%s&justification=Our+own+draft+first&step=save", fields);
	propose(&ivy, path, full, id);
	ok(strcmp(value("SELECT status FROM change_requests WHERE id = %s", id), "SAVED") == 0, "%s: a draft (RRQ-%s)", what,
	   id);
	char page_path[96];
	struct resp r;
	snprintf(page_path, sizeof page_path, "/account/requests/%s", id);
	ok(page(&ivy, page_path, &r) == 200 && body_has(&r, "name=\"justification\""), "%s: its page has the edit form", what);
	resp_free(&r);
	snprintf(full, sizeof full, "%s&justification=Our+draft%%2C+edited&step=save", edit);
	long status = post(&ivy, page_path, full);
	const char *proposed = value("SELECT proposed FROM change_requests WHERE id = %s", id);
	ok(status == 303 && strcmp(proposed, expect) == 0, "%s: its owner edits it (%ld, %s)", what, status, proposed);
	snprintf(full, sizeof full, "%s&justification=Our+draft%%2C+edited&step=submit", edit);
	page(&ivy, page_path, NULL);
	status = post(&ivy, page_path, full);
	ok(status == 303 && strcmp(value("SELECT status FROM change_requests WHERE id = %s", id), "SUBMITTED") == 0,
	   "%s: and submits it (%ld)", what, status);
}

static void test_oms_drafts(void)
{
	char fields[300], edit[300], expect[300];
	snprintf(fields, sizeof fields, "org_name=Draft+Pharma+%s&org_type=Industry&address=3+Draft+Lane&city=Riga&country=LV",
		 run);
	snprintf(edit, sizeof edit, "org_name=Draft+Pharma+%s+AS&org_type=Industry&address=3+Draft+Lane&city=Riga&country=LV",
		 run);
	snprintf(expect, sizeof expect,
		 "{\"name\":\"Draft Pharma %s AS\",\"type\":\"Industry\",\"address\":\"3 Draft Lane\",\"city\":\"Riga\","
		 "\"country_code\":\"LV\"}",
		 run);
	oms_draft("a new organisation", "/oms/requests/new", fields, edit, expect);

	const char *org = "/oms/organisations/ORG-100000001/requests/new";
	const char *name = value("SELECT REPLACE(name, ' ', '+') FROM oms_organisations WHERE id = 100000001");
	char org_name[200];
	snprintf(org_name, sizeof org_name, "%s", name);
	snprintf(fields, sizeof fields, "org_name=%s&acronym=DR%s", org_name, run + strlen(run) - 3);
	snprintf(edit, sizeof edit, "org_name=%s&acronym=ED%s", org_name, run + strlen(run) - 3);
	snprintf(expect, sizeof expect, "{\"acronym\":\"ED%s\"}", run + strlen(run) - 3);
	oms_draft("a change to an organisation", org, fields, edit, expect);

	oms_draft("a new location", org, "location=new&address=4+Draft+Road&city=Porto&country=PT",
		  "location=new&address=4+Draft+Road&city=Braga&country=PT",
		  "{\"address\":\"4 Draft Road\",\"city\":\"Braga\",\"country_code\":\"PT\"}");

	const char *loc = "LOC-100001001";
	snprintf(fields, sizeof fields, "location=%s&postal_code=D-%s", loc, run + strlen(run) - 4);
	snprintf(edit, sizeof edit, "location=%s&postal_code=E-%s", loc, run + strlen(run) - 4);
	snprintf(expect, sizeof expect, "{\"postal_code\":\"E-%s\"}", run + strlen(run) - 4);
	oms_draft("a change to a location", org, fields, edit, expect);
}

/* A statement as the account program's database user: true when the
 * server refuses it, for what it does (a privilege, a procedure's or a
 * trigger's rule, a constraint), never for being mistyped: a wrong number
 * of arguments, a syntax error or a missing table or column proves nothing. */
static bool refused(MYSQL *my, const char *what, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
static bool refused(MYSQL *my, const char *what, const char *fmt, ...)
{
	char text[2048];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(text, sizeof text, fmt, ap);
	va_end(ap);
	bool no = mysql_query(my, text) != 0;
	unsigned err = mysql_errno(my);
	if (no && (err == ER_SP_WRONG_NO_OF_ARGS || err == ER_PARSE_ERROR || err == ER_NO_SUCH_TABLE ||
		   err == ER_BAD_FIELD_ERROR || err == ER_SP_DOES_NOT_EXIST)) {
		diag("%s: %s", what, mysql_error(my));
		no = false;
	}
	if (!no) {
		MYSQL_RES *res = mysql_store_result(my);
		if (res)
			mysql_free_result(res);
		while (mysql_more_results(my) && mysql_next_result(my) == 0) {
			res = mysql_store_result(my);
			if (res)
				mysql_free_result(res);
		}
	}
	ok(no, "the account program's database user: %s is refused%s%s", what, no ? " — " : "", no ? mysql_error(my) : "");
	return no;
}

static void test_database_rule(void)
{
	MYSQL *account = dbtest_connect("account");
	ok(account != NULL, "connected as the account program's database user");
	if (!account)
		return;
	char path[128], id[24];
	propose_term(&ivy, "Database", "Checked+in+the+database", "submit", id);
	char before[4096];
	snprintf(before, sizeof before, "%s", state(id));
	refused(account, "setting APPROVED directly", "UPDATE change_requests SET status = 'APPROVED' WHERE id = %s", id);
	refused(account, "setting VALID directly", "UPDATE change_requests SET status = 'VALID' WHERE id = %s", id);
	refused(account, "rewriting a submitted justification",
		"UPDATE change_requests SET justification = 'Rewritten' WHERE id = %s", id);
	refused(account, "a new request made APPROVED",
		"INSERT INTO change_requests (type, status, account_id, list_id, term_id, lang, proposed, justification)"
		" SELECT 'UPD-TERM', 'APPROVED', %s, list_id, id, 'en', '{}', 'Forged' FROM rms_terms WHERE id = %s",
		ivy.id, term);
	refused(account, "the owner's procedure moving to APPROVED",
		"CALL spor_cr_owner_write(%s, %s, 'APPROVED', NULL, NULL, NULL, NULL, NULL, NULL, NULL)", id, ivy.id);
	refused(account, "the owner's procedure rewriting a submitted request",
		"CALL spor_cr_owner_write(%s, %s, 'WITHDRAWN', '{\"description\":\"Forged\"}', 'Forged', NULL, NULL, NULL,"
		" NULL, NULL)",
		id, ivy.id);
	refused(account, "the owner's procedure for another user's request",
		"CALL spor_cr_owner_write(%s, %s, 'WITHDRAWN', NULL, NULL, NULL, NULL, NULL, NULL, NULL)", id, stew.id);
	refused(account, "the owner's procedure submitting a submitted request again, with a forged record before it",
		"CALL spor_cr_owner_write(%s, %s, 'SUBMITTED', NULL, NULL, NULL, NULL, NULL, NULL, '{\"name\":\"Forged\"}')",
		id, ivy.id);
	refused(account, "a record of its own making",
		"INSERT INTO change_request_records (request_id, round, kind, record) VALUES (%s, 9, 'approved', '{}')", id);
	refused(account, "rewriting a request's record",
		"UPDATE change_request_records SET record = '{\"name\":\"Forged\"}' WHERE request_id = %s", id);
	refused(account, "deleting a request's record", "DELETE FROM change_request_records WHERE request_id = %s", id);
	refused(account, "a forged move in the thread",
		"INSERT INTO change_request_events (request_id, actor_id, from_status, to_status) VALUES (%s, %s,"
		" 'SUBMITTED', 'APPROVED')",
		id, ivy.id);
	refused(account, "a forged status in the thread",
		"INSERT INTO change_request_events (request_id, actor_id, to_status) VALUES (%s, %s, 'APPROVED')", id,
		ivy.id);
	ok(strcmp(state(id), before) == 0, "and the request is as it was");

	/* A role request: the owner only withdraws it. */
	page(&ivy, "/account/roles", NULL);
	ok(post(&ivy, "/account/roles",
		"org=ORG-100000001&role=INDUSTRY_SUPER_USER&justification=I+run+regulatory+affairs+here") == 303,
	   "a role request");
	char rr[24];
	snprintf(rr, sizeof rr, "%s", value("SELECT MAX(id) FROM role_requests WHERE account_id = %s", ivy.id));
	refused(account, "approving a role request directly",
		"UPDATE role_requests SET status = 'APPROVED', decided_by = %s WHERE id = %s", ivy.id, rr);
	refused(account, "a role request made APPROVED",
		"INSERT INTO role_requests (account_id, role_code, org_id, justification, status) VALUES (%s,"
		" 'NCA_USER', 'ORG-100000001', 'Forged', 'APPROVED')",
		ivy.id);
	refused(account, "the withdrawal of another user's role request",
		"CALL spor_role_request_withdraw(%s, %s)", rr, stew.id);
	ok(strcmp(value("SELECT status FROM role_requests WHERE id = %s", rr), "PENDING") == 0 &&
		   !*value("SELECT 1 FROM account_roles WHERE account_id = %s AND role_code = 'INDUSTRY_SUPER_USER'", ivy.id),
	   "the role request is pending, no role granted");

	/* The owner's own moves still work through the portal. */
	snprintf(path, sizeof path, "/account/roles/%s/withdraw", rr);
	page(&ivy, "/account/roles", NULL);
	ok(post(&ivy, path, "") == 303 && strcmp(value("SELECT status FROM role_requests WHERE id = %s", rr), "WITHDRAWN") == 0,
	   "the requester withdraws the role request");
	page(&ivy, "/account/roles", NULL);
	struct resp again;
	visitor_post(&ivy.v, path, "", true, &again);
	ok(sent_back(&again, "/account/roles", "not_pending"), "once: then back to the roles, saying why");
	snprintf(path, sizeof path, "/account/requests/%s/withdraw", id);
	page(&ivy, "/account/requests", NULL);
	ok(post(&ivy, path, "") == 303 && strcmp(value("SELECT status FROM change_requests WHERE id = %s", id), "WITHDRAWN") == 0,
	   "and the submitted change request");
	mysql_close(account);
}

int main(void)
{
	owner = users_start(run);
	ok(dbtest_import_demo(), "the demonstration data");
	snprintf(term, sizeof term, "%s", value("SELECT id FROM rms_terms WHERE status = 'CURRENT'"
						 " AND name_en REGEXP '^[A-Za-z][A-Za-z ]+$' ORDER BY id LIMIT 1"));
	snprintf(term_name, sizeof term_name, "%s", value("SELECT name_en FROM rms_terms WHERE id = '%s'", term));
	snprintf(term_plus, sizeof term_plus, "%s", term_name);
	for (char *c = term_plus; *c; c++)
		*c = *c == ' ' ? '+' : *c;
	ok(user_make_admin(owner, &admin, "admin", run, "hostile-requests.test"), "an administrator");
	ok(*term && user_make(owner, &stew, "stew", run, "hostile-requests.test") &&
		   user_make(owner, &ivy, "ivy", run, "hostile-requests.test"),
	   "users, and a term (%s)", term);
	/* stew: a data steward who also works for an organisation; ivy: its industry user. */
	sql("INSERT INTO account_roles (account_id, role_code, org_id) VALUES (%s, 'DATA_STEWARD', ''),"
	    " (%s, 'INDUSTRY_USER', 'ORG-100000001'), (%s, 'INDUSTRY_USER', 'ORG-100000001')",
	    stew.id, stew.id, ivy.id);
	test_own_decisions();
	test_frozen();
	test_oms_drafts();
	test_database_rule();
	users_done(owner);
	return done_testing();
}
