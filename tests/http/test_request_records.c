/* The three records of a change request, through nginx (issue 18, items 3
 * to 5 and 8): what the request was about when submitted (and again when
 * decided, if it moved meanwhile), the proposal as the requester sent it,
 * and what was approved, side by side on the requester's page, the
 * stewards' console and the public history, through an approval, an
 * approval with changes, a return and a resubmission; records that no
 * database user can change; requests made before the records recovered by
 * sporctl migrate as far as their data tells.  Approve with changes: the
 * correction fields start from the proposal, a refused correction comes
 * back with everything typed, every form answers with a redirect, a form
 * sent twice is done once.  A new term carries its domain (required where
 * the list's terms have one, one of the Domain list's), parent, short
 * name, description and names in other languages; a new list its owner
 * and domain; a new organisation its size, other names, identifiers and a
 * location's every field. */
#include "config.h"

#include <mysqld_error.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "../tap.h"
#include "dbtest.h"
#include "users.h"

static MYSQL *owner;
#define value(...) dbtest_valuef(owner, __VA_ARGS__)
#define sql(...) dbtest_execf(owner, __VA_ARGS__)

static char run[USER_RUN_SIZE];
static struct user stew, ivy, olga;

/* A list of our own whose terms have a domain (a hierarchy, too). */
#define LIST "930000000001"
#define T1 "930000000011"
#define T2 "930000000012"
#define T3 "930000000013"
#define HUMAN "100000000012"

/* POST `fields` to `path` as `u` after opening `form` (its CSRF token);
 * the status, the Location in `where` (when given). */
static long send_form(struct user *u, const char *form, const char *path, const char *fields, char *where, size_t n,
		      struct resp *keep)
{
	struct resp r;
	user_get(u, form);
	long status = visitor_post(&u->v, path, fields, true, keep ? keep : &r);
	if (where) {
		char *l = header(keep ? keep : &r, "Location");
		snprintf(where, n, "%s", l ? l : "");
		free(l);
	}
	if (!keep)
		resp_free(&r);
	return status;
}

/* The requester's proposal at `path` (submitted): its request's ID in id. */
static long propose(const char *path, const char *fields, char id[24])
{
	char where[256];
	long status = send_form(&ivy, path, path, fields, where, sizeof where, NULL);
	snprintf(id, 24, "%.23s", strncmp(where, "/account/requests/", 18) == 0 ? where + 18 : "0");
	id[strspn(id, "0123456789")] = '\0';
	return status;
}

/* A steward's move of request `id`; the Location in `where`. */
static long move(const char *id, const char *fields, char *where, size_t n)
{
	char form[96], path[96];
	snprintf(form, sizeof form, "/admin/change-requests/%s", id);
	snprintf(path, sizeof path, "/admin/change-requests/%s/move", id);
	return send_form(&stew, form, path, fields, where, n, NULL);
}

static const char *record(const char *id, int round, const char *kind)
{
	return value("SELECT COALESCE((SELECT record FROM change_request_records WHERE request_id = %s AND round = %d"
		     " AND kind = '%s'), '-')",
		     id, round, kind);
}

static const char *status_of(const char *id)
{
	return value("SELECT status FROM change_requests WHERE id = %s", id);
}

/* The list and its terms, imported as a user brings an EMA export. */
static bool import_list(void)
{
	return dbtest_import_csv(
		       "List ID,Term ID,Language,Term Name,Short Name,Term Description,Domain ID,Parent ID,Term Status\n"
		       LIST "," T1 ",en,\"Records tablet\",RT,\"A tablet of the records test\"," HUMAN ",,CURRENT\n"
		       LIST "," T2 ",en,\"Records capsule\",RC,\"A capsule of the records test\"," HUMAN "," T1 ",CURRENT\n"
		       LIST "," T3 ",en,\"Records cream\",,,\"" HUMAN "\",,CURRENT\n") &&
	       *value("SELECT 1 FROM rms_terms WHERE id = " T3 " AND domain_id = " HUMAN);
}

/* 1. An approval: the page keeps the value before after the data changed. */
static void test_approve(void)
{
	char id[24], where[256], path[96];
	struct resp r;
	ok(propose("/rms/terms/" T1 "/requests/new",
		   "term_name=Records+tablet+renamed&short_name=RT&description=A+tablet+of+the+records+test&domain=" HUMAN
		   "&term_status=CURRENT&justification=The+EMA+renamed+it&step=submit",
		   id) == 303 &&
		   strcmp(status_of(id), "SUBMITTED") == 0,
	   "a change to a term is submitted (RRQ-%s)", id);
	ok(strstr(record(id, 1, "before"), "\"name\":\"Records tablet\"") &&
		   strstr(record(id, 1, "before"), "\"domain\":\"" HUMAN "\""),
	   "its record before: the term as it was (%s)", record(id, 1, "before"));
	is_str(record(id, 1, "proposed"), "{\"name\":\"Records tablet renamed\"}", "the proposal as sent");
	ok(move(id, "to=VALID", NULL, 0) == 303 && move(id, "to=APPROVED", where, sizeof where) == 303 &&
		   strcmp(status_of(id), "APPROVED") == 0,
	   "validated and approved");
	is_str(record(id, 1, "approved"), "{\"name\":\"Records tablet renamed\"}", "what was approved: the proposal");
	is_str(record(id, 1, "before_decision"), "-", "nothing moved before the decision: no second record before");
	is_str(value("SELECT name_en FROM rms_terms WHERE id = " T1), "Records tablet renamed", "the term is renamed");

	snprintf(path, sizeof path, "/account/requests/%s", id);
	visitor_get(&ivy.v, path, &r);
	ok(body_has(&r, "<del>Records tablet</del>") && body_has(&r, "<ins>Records tablet renamed</ins>"),
	   "the requester's page shows the name before and as proposed and approved, after the term changed");
	resp_free(&r);
	snprintf(path, sizeof path, "/admin/change-requests/%s", id);
	visitor_get(&stew.v, path, &r);
	ok(body_has(&r, "<del>Records tablet</del>") && body_has(&r, "<ins>Records tablet renamed</ins>"),
	   "so does the stewards' console");
	resp_free(&r);
	visitor_get(&olga.v, "/rms/terms/" T1, &r);
	ok(body_has(&r, "class=\"request-sides\"") && body_has(&r, "<del>Records tablet</del>") && !body_has(&r, ivy.email),
	   "and the public history, without the requester");
	resp_free(&r);

	/* The records never change, whoever tries: the programs' users may
	 * not, and the owner's statements meet the table's triggers. */
	MYSQL *admin = dbtest_connect("admin"), *account = dbtest_connect("account");
	char update[256], delete[256];
	snprintf(update, sizeof update, "UPDATE change_request_records SET record = '{}' WHERE request_id = %s", id);
	snprintf(delete, sizeof delete, "DELETE FROM change_request_records WHERE request_id = %s", id);
	unsigned refusals[] = {admin ? dbtest_run(admin, update) : 0, admin ? dbtest_run(admin, delete) : 0,
			       account ? dbtest_run(account, update) : 0, account ? dbtest_run(account, delete) : 0};
	ok(refusals[0] == ER_TABLEACCESS_DENIED_ERROR && refusals[1] == ER_TABLEACCESS_DENIED_ERROR &&
		   refusals[2] == ER_TABLEACCESS_DENIED_ERROR && refusals[3] == ER_TABLEACCESS_DENIED_ERROR,
	   "spor-admin's and spor-account's users may not change or delete a record (%u %u %u %u)", refusals[0],
	   refusals[1], refusals[2], refusals[3]);
	unsigned by_owner[] = {dbtest_run(owner, update), dbtest_run(owner, delete)};
	ok(by_owner[0] == ER_SIGNAL_EXCEPTION && by_owner[1] == ER_SIGNAL_EXCEPTION &&
		   strcmp(record(id, 1, "before"), "-") != 0,
	   "nor does the owner: the table's triggers refuse it (%u %u)", by_owner[0], by_owner[1]);
	if (admin)
		mysql_close(admin);
	if (account)
		mysql_close(account);
	MYSQL *pub = dbtest_connect("public");
	ok(pub && dbtest_run(pub, "SELECT * FROM change_request_records") != 0 &&
		   dbtest_run(pub, "SELECT * FROM change_request_drafts") != 0 &&
		   dbtest_run(pub, "SELECT request_id, kind, record FROM v_cr_public_records") == 0,
	   "spor-public reads the approved requests' records through their view alone");
	if (pub)
		mysql_close(pub);
}

/* 2. A new term, approved with changes. */
static void test_approve_with_changes(void)
{
	char id[24], where[256], path[96], fields[800];
	struct resp r;
	const char *add = "/rms/lists/" LIST "/requests/new";
	send_form(&ivy, add, add, "term_name=Records+film&justification=Needed+for+our+products&step=submit", NULL, 0, &r);
	ok(r.status == 400 && body_has(&r, "id=\"domain-error\""), "a new term of a list whose terms have a domain needs one");
	resp_free(&r);
	send_form(&ivy, add, add,
		  "term_name=Records+film&domain=" T2 "&parent=100000000012&other_names=Film&justification=Needed+for+our"
		  "+products&step=submit",
		  NULL, 0, &r);
	ok(r.status == 400 && body_has(&r, "Choose one of the domains of the list") &&
		   body_has(&r, "There is no term with this ID in this list") && body_has(&r, "language code: name"),
	   "its domain is one of the Domain list's, its parent a term of the list, its other names one per language");
	ok(body_has(&r, ">Film</textarea>") && body_has(&r, "value=\"Records film\""), "and the form keeps what was typed");
	resp_free(&r);
	ok(propose(add,
		   "term_name=Records+film&short_name=RF&description=A+film+of+the+records+test&domain=" HUMAN "&parent=" T1
		   "&other_names=fr%3A+Film+des+essais%0D%0Ade%3A+Testfilm&justification=Needed+for+our+products"
		   "&step=submit",
		   id) == 303,
	   "a new term with its domain, parent, texts and names in French and German (RRQ-%s)", id);
	is_str(record(id, 1, "proposed"),
	       "{\"name\":\"Records film\",\"short\":\"RF\",\"description\":\"A film of the records test\",\"domain\":\"" HUMAN
	       "\",\"parent\":\"" T1 "\",\"other_names\":\"fr: Film des essais\\nde: Testfilm\"}",
	       "the proposal as sent, every field");
	is_str(record(id, 1, "before"), "-", "nothing before a new term");
	ok(move(id, "to=VALID", NULL, 0) == 303, "validated");

	/* The correction fields start from the proposal. */
	snprintf(path, sizeof path, "/admin/change-requests/%s", id);
	visitor_get(&stew.v, path, &r);
	ok(body_has(&r, "name=\"term_name\" type=\"text\" maxlength=\"1000\" value=\"Records film\"") &&
		   body_has(&r, "id=\"short_name\" name=\"short_name\" type=\"text\" maxlength=\"200\" value=\"RF\"") &&
		   body_has(&r, ">fr: Film des essais\nde: Testfilm</textarea>") &&
		   body_has(&r, "value=\"" HUMAN "\" selected"),
	   "approve with changes opens with the proposal filled in");
	resp_free(&r);

	/* Refused corrections come back with everything typed, by a redirect. */
	ok(move(id, "to=APPROVED_WC&term_name=Records+film&short_name=RFT&parent=" T1, where, sizeof where) == 303 &&
		   strstr(where, "?draft=1") && strcmp(status_of(id), "VALID") == 0,
	   "a correction without a comment: a redirect to the request's page (%s), nothing moved", where);
	visitor_get(&stew.v, where, &r);
	ok(r.status == 200 && body_has(&r, "Say why in a comment") && body_has(&r, "value=\"RFT\"") &&
		   body_has(&r, "<details id=\"with-changes\" open>"),
	   "which shows the error and the correction as typed");
	resp_free(&r);
	ok(move(id, "to=APPROVED_WC&reason=Shorter+short+name&term_name=Records+film&short_name=RFT&parent=100000000012"
		    "&domain=" HUMAN,
		    where, sizeof where) == 303 &&
		   strstr(where, "?draft=1") && strcmp(status_of(id), "VALID") == 0,
	   "a correction that does not check (a parent of another list): back to the page, nothing moved");
	visitor_get(&stew.v, where, &r);
	ok(body_has(&r, ">Shorter short name</textarea>") && body_has(&r, "id=\"parent-error\"") &&
		   body_has(&r, "value=\"100000000012\""),
	   "with the comment and the correction as typed, the problem on its field");
	resp_free(&r);
	ok(move(id, "to=APPROVED_WC&reason=Same&term_name=Records+film&short_name=RF&description=A+film+of+the+records"
		    "+test&domain=" HUMAN "&parent=" T1 "&other_names=fr%3A+Film+des+essais%0D%0Ade%3A+Testfilm",
		    where, sizeof where) == 303 &&
		   strstr(where, "?draft=1") && strcmp(status_of(id), "VALID") == 0,
	   "the very values proposed are no approval with changes");
	visitor_get(&stew.v, where, &r);
	ok(body_has(&r, "These are the values proposed") && body_has(&r, ">Same</textarea>"), "and the page says so");
	resp_free(&r);

	/* The steward's version. */
	snprintf(fields, sizeof fields,
		 "to=APPROVED_WC&reason=The+EDQM+short+name&term_name=Records+film&short_name=RFT&description=A+film+of+"
		 "the+records+test&domain=" HUMAN "&parent=" T1 "&other_names=fr%%3A+Film+des+essais%%0D%%0Ade%%3A+Testfilm");
	ok(move(id, fields, where, sizeof where) == 303 && strstr(where, "saved=moved") &&
		   strcmp(status_of(id), "APPROVED_WC") == 0,
	   "approved with changes: a redirect to the request's page (%s)", where);
	ok(user_get(&stew, where) == 200, "which a reload reads again (no form sent, no 405)");
	ok(move(id, fields, where, sizeof where) == 303 && strstr(where, "saved=moved") &&
		   strcmp(value("SELECT COUNT(*) FROM change_request_events WHERE request_id = %s AND to_status ="
				" 'APPROVED_WC'", id), "1") == 0,
	   "the same form sent twice: done once");
	const char *term = value("SELECT term_id FROM change_requests WHERE id = %s", id);
	char made[16];
	snprintf(made, sizeof made, "%s", term);
	ok(*made && strcmp(value("SELECT CONCAT_WS('|', status, domain_id, parent_id) FROM rms_terms WHERE id = %s", made),
			   "PROVISIONAL|" HUMAN "|" T1) == 0,
	   "the new term (%s) is provisional, with its domain and parent", made);
	is_str(value("SELECT GROUP_CONCAT(lang, ':', kind, '=', value ORDER BY lang, kind) FROM rms_term_names"
		     " WHERE term_id = '%s'", made),
	       "de:name=Testfilm,en:name=Records film,en:short=RFT,fr:name=Film des essais",
	       "with its short name as approved and its names in other languages");
	ok(*value("SELECT 1 FROM rms_term_descriptions WHERE term_id = '%s' AND value = 'A film of the records test'", made),
	   "and its description");
	ok(strstr(record(id, 1, "approved"), "\"short\":\"RFT\"") && strstr(record(id, 1, "proposed"), "\"short\":\"RF\"") &&
		   strstr(value("SELECT proposed FROM change_requests WHERE id = %s", id), "\"short\":\"RF\""),
	   "the proposal as sent stays beside what was approved");
	snprintf(path, sizeof path, "/account/requests/%s", id);
	visitor_get(&ivy.v, path, &r);
	ok(body_has(&r, "<ins>RF</ins>") && body_has(&r, "<ins>RFT</ins>") && body_has(&r, "changed by the data steward"),
	   "the requester sees her proposal beside the steward's version");
	resp_free(&r);
	snprintf(path, sizeof path, "/rms/terms/%s", made);
	visitor_get(&olga.v, path, &r);
	ok(body_has(&r, "<ins>RF</ins>") && body_has(&r, "<ins>RFT</ins>"), "and so does the public history");
	resp_free(&r);
}

/* 3. Returned, edited and submitted again: a round each, the first kept. */
static void test_return_and_resubmit(void)
{
	char id[24], other[24], path[96];
	struct resp r;
	ok(propose("/rms/terms/" T2 "/requests/new",
		   "term_name=Records+capsule&short_name=RC&description=First+wording&domain=" HUMAN "&parent=" T1
		   "&term_status=CURRENT&justification=A+clearer+description&step=submit",
		   id) == 303,
	   "a change of a description (RRQ-%s)", id);
	ok(move(id, "to=RETURNED&reason=Which+source%3F", NULL, 0) == 303 && strcmp(status_of(id), "RETURNED") == 0,
	   "returned to the requester");
	/* The term moves meanwhile. */
	ok(propose("/rms/terms/" T2 "/requests/new",
		   "term_name=Records+capsule&short_name=RCA&domain=" HUMAN "&parent=" T1
		   "&term_status=CURRENT&justification=The+short+name+as+used&step=submit",
		   other) == 303 &&
		   move(other, "to=VALID", NULL, 0) == 303 && move(other, "to=APPROVED", NULL, 0) == 303,
	   "another change of the term is approved meanwhile");
	snprintf(path, sizeof path, "/account/requests/%s", id);
	user_get(&ivy, path);
	ok(send_form(&ivy, path, path,
		     "term_name=Records+capsule&short_name=RCA&description=Second+wording&domain=" HUMAN "&parent=" T1
		     "&term_status=CURRENT&justification=See+the+EDQM+standard+terms&step=submit",
		     NULL, 0, NULL) == 303 &&
		   strcmp(status_of(id), "SUBMITTED") == 0,
	   "edited and submitted again");
	is_str(record(id, 1, "proposed"), "{\"description\":\"First wording\"}", "the first round's proposal is kept");
	is_str(record(id, 2, "proposed"), "{\"description\":\"Second wording\"}", "the second round has its own");
	ok(strstr(record(id, 1, "before"), "\"short\":\"RC\"") && strstr(record(id, 2, "before"), "\"short\":\"RCA\""),
	   "each with the term as it was when it was submitted");
	ok(move(id, "to=VALID", NULL, 0) == 303 && move(id, "to=APPROVED", NULL, 0) == 303, "approved");
	is_str(record(id, 2, "approved"), "{\"description\":\"Second wording\"}", "the second round is what was approved");
	is_str(record(id, 1, "approved"), "-", "the first was never decided");
	visitor_get(&ivy.v, path, &r);
	ok(body_has(&r, "<ins>First wording</ins>") && body_has(&r, "<ins>Second wording</ins>") &&
		   body_has(&r, "An earlier submission"),
	   "the requester's page shows both submissions, the earlier one folded");
	resp_free(&r);
}

/* 4. The target moved between the submission and the decision. */
static void test_moved(void)
{
	char id[24], other[24], path[96];
	struct resp r;
	ok(propose("/rms/terms/" T3 "/requests/new",
		   "term_name=Records+cream+renamed&domain=" HUMAN "&term_status=CURRENT&justification=A+better+name&step=submit",
		   id) == 303 &&
		   move(id, "to=VALID", NULL, 0) == 303,
	   "a rename is submitted and valid (RRQ-%s)", id);
	ok(propose("/rms/terms/" T3 "/requests/new",
		   "term_name=Records+cream&short_name=RCR&domain=" HUMAN "&term_status=CURRENT&justification=Its+short+name"
		   "&step=submit",
		   other) == 303 &&
		   move(other, "to=VALID", NULL, 0) == 303 && move(other, "to=APPROVED", NULL, 0) == 303,
	   "another change of the term is approved first");
	snprintf(path, sizeof path, "/admin/change-requests/%s", id);
	visitor_get(&stew.v, path, &r);
	ok(body_has(&r, "<th scope=\"col\">Now</th>") && body_has(&r, ">RCR</td>"),
	   "the console shows the term now beside it, as it moved since");
	resp_free(&r);
	ok(move(id, "to=REJECTED&reason=It+changed+meanwhile", NULL, 0) == 303, "rejected");
	ok(strstr(record(id, 1, "before_decision"), "\"short\":\"RCR\"") && !strstr(record(id, 1, "before"), "RCR"),
	   "the record as it was when decided is kept beside the one before");
	snprintf(path, sizeof path, "/account/requests/%s", id);
	visitor_get(&ivy.v, path, &r);
	ok(body_has(&r, "When decided") && body_has(&r, ">RCR</td>"), "the requester's page shows it too");
	resp_free(&r);
}

/* 5. A new list and a new organisation carry what they have. */
static void test_new_things(void)
{
	char id[24], fields[1200];
	snprintf(fields, sizeof fields,
		 "term_name=Records+list+%s&short_name=RL&description=A+list+of+the+records+test&owner=EDQM&domain=" HUMAN
		 "&justification=Needed+for+our+products&step=submit",
		 run);
	ok(propose("/rms/requests/new", fields, id) == 303 && move(id, "to=VALID", NULL, 0) == 303 &&
		   move(id, "to=APPROVED", NULL, 0) == 303,
	   "a new list with its owner and domain is approved");
	ok(strcmp(value("SELECT CONCAT_WS('|', owner, domain_id, status) FROM rms_lists WHERE id = (SELECT list_id FROM"
			" change_requests WHERE id = %s)",
			id),
		  "EDQM|" HUMAN "|PROVISIONAL") == 0,
	   "it has them");
	snprintf(fields, sizeof fields,
		 "org_name=Records+Pharma+%s&acronym=RP&org_type=Industry&org_size=Small&alternative_names=de%%3A+Records"
		 "+Pharma+GmbH%%0D%%0ARP+Europe&identifiers=DUNS%%3A+123456789+%%5B2020-01-01..%%5D&address=1+Test+Road"
		 "&po_box=BP+12&postal_code=1000&city=Brussels&county=Brabant&region=Brussels-Capital&country=BE"
		 "&loc_lang=fr&latitude=50.8503&longitude=4.3517&email=info%%40records.example&phone=%%2B32+2+000"
		 "&justification=My+company+is+missing&step=submit",
		 run);
	ok(propose("/oms/requests/new", fields, id) == 303 && move(id, "to=VALID", NULL, 0) == 303 &&
		   move(id, "to=APPROVED", NULL, 0) == 303,
	   "a new organisation with every field is approved");
	const char *org = value("SELECT SUBSTRING(org_id, 5) FROM change_requests WHERE id = %s", id);
	char num[16];
	snprintf(num, sizeof num, "%s", org);
	ok(*num && strcmp(value("SELECT CONCAT_WS('|', JSON_VALUE(record, '$.size'),"
				" JSON_VALUE(record, '$.alternative_names[0].lang'), JSON_VALUE(record, '$.alternative_names[1].name'),"
				" JSON_VALUE(record, '$.identifiers[0].code'), JSON_VALUE(record, '$.identifiers[0].valid_from'),"
				" JSON_VALUE(record, '$.locations[0].po_box'), JSON_VALUE(record, '$.locations[0].county'),"
				" JSON_VALUE(record, '$.locations[0].lang'), JSON_VALUE(record, '$.locations[0].latitude'))"
				" FROM oms_organisations WHERE id = %s",
				num),
			  "Small|de|RP Europe|123456789|2020-01-01|BP 12|Brabant|fr|50.8503") == 0,
	   "it has its size, other names, identifiers and its location's every field (%s)",
	   value("SELECT record FROM oms_organisations WHERE id = %s", num));
	struct resp r;
	char path[64];
	snprintf(path, sizeof path, "/oms/organisations/ORG-%s", num);
	visitor_get(&olga.v, path, &r);
	ok(body_has(&r, "class=\"request-sides\"") && body_has(&r, "<ins>de: Records Pharma GmbH\nRP Europe</ins>"),
	   "the organisation's public history shows the request's records");
	resp_free(&r);
	ok(send_form(&ivy, "/oms/requests/new", "/oms/requests/new",
		     "org_name=Bad+Pharma&identifiers=no+system&address=1+Road&city=X&country=BE&latitude=91&justification="
		     "Testing+the+checks&step=submit",
		     NULL, 0, &r) == 400 &&
		   body_has(&r, "id=\"identifiers-error\"") && body_has(&r, "id=\"latitude-error\""),
	   "wrong identifiers and coordinates are named on their fields");
	resp_free(&r);
}

/* 6. Requests made before the records: recovered by sporctl migrate. */
static void test_migrated(void)
{
	/* As the portal left them: approved with changes (the proposal
	 * overwritten by the steward's version), and returned after it was
	 * submitted (its proposal edited since, perhaps). */
	const char *seq = value("SELECT seq FROM rms_terms WHERE id = " T1);
	char base[16];
	snprintf(base, sizeof base, "%s", seq);
	sql("INSERT INTO change_requests (type, status, account_id, list_id, term_id, lang, proposed, justification,"
	    " base_seq, created_at, updated_at) VALUES ('UPD-TERM', 'APPROVED_WC', %s, " LIST ", " T1 ", 'en',"
	    " '{\"short\":\"Steward\"}', 'Before the records', %s, UTC_TIMESTAMP() - INTERVAL 1 DAY,"
	    " UTC_TIMESTAMP() - INTERVAL 1 DAY)",
	    ivy.id, base);
	char old[24], back[24];
	snprintf(old, sizeof old, "%s", value("SELECT MAX(id) FROM change_requests"));
	sql("INSERT INTO change_request_events (request_id, actor_id, from_status, to_status, at) VALUES"
	    " (%s, %s, NULL, 'SAVED', UTC_TIMESTAMP() - INTERVAL 3 HOUR),"
	    " (%s, %s, 'SAVED', 'SUBMITTED', UTC_TIMESTAMP() - INTERVAL 2 HOUR),"
	    " (%s, %s, 'SUBMITTED', 'VALID', UTC_TIMESTAMP() - INTERVAL 1 HOUR),"
	    " (%s, %s, 'VALID', 'APPROVED_WC', UTC_TIMESTAMP() - INTERVAL 1 HOUR)",
	    old, ivy.id, old, ivy.id, old, stew.id, old, stew.id);
	sql("INSERT INTO change_requests (type, status, account_id, list_id, term_id, lang, proposed, justification,"
	    " base_seq) VALUES ('UPD-TERM', 'RETURNED', %s, " LIST ", " T1 ", 'en', '{\"short\":\"Maybe\"}',"
	    " 'Before the records', %s)",
	    ivy.id, base);
	snprintf(back, sizeof back, "%s", value("SELECT MAX(id) FROM change_requests"));
	sql("INSERT INTO change_request_events (request_id, actor_id, from_status, to_status) VALUES"
	    " (%s, %s, 'SAVED', 'SUBMITTED'), (%s, %s, 'SUBMITTED', 'RETURNED')",
	    back, ivy.id, back, stew.id);
	char out[64];
	snprintf(out, sizeof out, "/tmp/spor-records-migrate-%d.log", (int)getpid());
	ok(dbtest_sporctl(NULL, "migrate", out) == 0, "sporctl migrate");
	char *said = slurp(out);
	ok(said && strstr(said, "change requests:") && strstr(said, "records recovered"), "says what it recovered");
	free(said);
	ok(strstr(record(old, 1, "before"), "\"name\":\"Records tablet renamed\"") &&
		   strcmp(value("SELECT GROUP_CONCAT(DISTINCT source) FROM change_request_records WHERE request_id = %s", old),
			  "migrated") == 0,
	   "the record before: the version it was made against, marked migrated");
	is_str(record(old, 1, "approved"), "{\"short\":\"Steward\"}", "what was approved: the steward's version");
	is_str(record(old, 1, "proposed"), "-", "the proposal as sent was overwritten: not made up");
	is_str(record(back, 1, "proposed"), "-", "nor that of a request returned after it was submitted");
	ok(strstr(record(back, 1, "before"), "Records tablet renamed") != NULL, "whose record before is known");
	char path[96];
	struct resp r;
	snprintf(path, sizeof path, "/account/requests/%s", old);
	visitor_get(&ivy.v, path, &r);
	ok(body_has(&r, "was not kept") && body_has(&r, "<ins>Steward</ins>"),
	   "the requester's page says what could not be recovered");
	resp_free(&r);
	const char *count = value("SELECT COUNT(*) FROM change_request_records");
	char before[16];
	snprintf(before, sizeof before, "%s", count);
	ok(dbtest_sporctl(NULL, "migrate", NULL) == 0 && strcmp(value("SELECT COUNT(*) FROM change_request_records"), before) == 0,
	   "migrating again adds nothing");
	unlink(out);
}

int main(void)
{
	owner = users_start(run);
	ok(dbtest_import_demo() && import_list(), "the demonstration data, and a list whose terms have a domain");
	ok(user_make(owner, &stew, "stew", run, "records.test") && user_make(owner, &ivy, "ivy", run, "records.test") &&
		   user_make(owner, &olga, "olga", run, "records.test"),
	   "users");
	sql("INSERT INTO account_roles (account_id, role_code, org_id) VALUES (%s, 'INDUSTRY_USER', 'ORG-100000001'),"
	    " (%s, 'DATA_STEWARD', '')",
	    ivy.id, stew.id);
	test_approve();
	test_approve_with_changes();
	test_return_and_resubmit();
	test_moved();
	test_new_things();
	test_migrated();
	users_done(owner);
	return done_testing();
}
