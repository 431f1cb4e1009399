/* HTTP tests of personal access tokens (/account/tokens): made with the
 * password, shown once with the prefix secret scanners know, stored as a
 * hash only; names, scopes, days and the number of live tokens checked;
 * a form sent twice makes one; revoked by their owner only (another
 * account's is 404), and all of them when the account is locked, deleted or
 * its password reset; listed, revoked and made by sporctl user tokens (a
 * new one by the page's rules, printed alone on standard output). */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../tap.h"
#include "bearer.h"
#include "client.h"
#include "dbtest.h"
#include "users.h"

static MYSQL *owner;

static int live(const struct user *u)
{
	return atoi(dbtest_valuef(owner, "SELECT COUNT(*) FROM access_tokens WHERE account_id = %s AND revoked_at IS NULL", u->id));
}

static void test_make(struct user *u, struct user *other)
{
	struct resp r = {0};
	ok(user_get(u, "/account/tokens") == 200, "the tokens page opens");
	long st = bearer_make(owner, u, "name=&scope=read&expires_days=9", &r);
	ok(st == 400 && live(u) == 0, "a token without a name is refused (%ld)", st);
	resp_free(&r);
	st = visitor_form(&u->v, "/account/tokens", "/account/tokens",
			  "name=ci&scope=read&expires_days=9&current_password=wrong+password+here", &r);
	ok(st == 400 && body_has(&r, "current_password-error") && live(u) == 0,
	   "a wrong password makes nothing (%ld)", st);
	resp_free(&r);

	st = bearer_make(owner, u, "name=Nightly+sync&scope=read&expires_days=90", &r);
	char secret[64];
	bool got = bearer_shown(&r, secret);
	ok(st == 201 && got, "a token is made and shown: spor_pat_ and 43 characters (%ld)", st);
	char *cache = header(&r, "Cache-Control");
	ok(cache && strstr(cache, "no-store"), "the answer that shows it is never stored");
	free(cache);
	resp_free(&r);
	char sql[512];
	snprintf(sql, sizeof sql,
		 "SELECT COUNT(*) FROM access_tokens WHERE account_id = %s AND token_hash = UNHEX(SHA2('%s', 256))"
		 " AND scope = 'read' AND name = 'Nightly sync'"
		 " AND expires_at BETWEEN UTC_TIMESTAMP() + INTERVAL 89 DAY AND UTC_TIMESTAMP() + INTERVAL 91 DAY",
		 u->id, got ? secret : "-");
	ok(strcmp(dbtest_value(owner, sql), "1") == 0, "stored as its SHA-256, its scope, its name, 90 days by default");
	ok(strcmp(dbtest_valuef(owner, "SELECT COUNT(*) FROM audit_log WHERE account_id = %s AND event = 'token.created'"
			" AND subject = 'Nightly sync'", u->id), "1") == 0,
	   "its making is audit-logged with its name");

	visitor_get(&u->v, "/account/tokens", &r);
	ok(r.status == 200 && body_has(&r, "Nightly sync") && !(got && body_has(&r, secret)) &&
		   body_has(&r, "/revoke\""),
	   "the list names it, never shows it again, and offers to revoke it");
	resp_free(&r);

	st = bearer_make(owner, u, "name=Nightly+sync&scope=write&expires_days=9", &r);
	ok(st == 400 && body_has(&r, "name-error") && live(u) == 1, "a second live token of one name is refused");
	resp_free(&r);
	st = bearer_make(owner, u, "name=Steward+bot&scope=decide&expires_days=9", &r);
	ok(st == 400 && body_has(&r, "scope-error") && live(u) == 1,
	   "a user who is no steward cannot make a token that decides, even by hand (%ld)", st);
	resp_free(&r);
	st = bearer_make(owner, u, "name=Long&scope=read&expires_days=400", &r);
	ok(st == 400 && body_has(&r, "expires_days-error") && live(u) == 1, "more than a year is refused (%ld)", st);
	resp_free(&r);
	st = bearer_make(owner, u, "name=Short&scope=write&expires_days=7", &r);
	ok(st == 201 && live(u) == 2 &&
		   strcmp(dbtest_valuef(owner, "SELECT DATEDIFF(expires_at, UTC_TIMESTAMP()) FROM access_tokens WHERE account_id = %s"
				" AND name = 'Short'", u->id), "7") == 0,
	   "a token of 7 days expires in 7 days");
	resp_free(&r);

	/* The form sent twice (a reload): the second finds its key used. */
	visitor_get(&u->v, "/account/tokens", &r);
	const char *once = strstr(r.body ? r.body : "", "name=\"form_once\" value=\"");
	char key[64] = "";
	if (once)
		sscanf(once + 24, "%63[^\"]", key);
	resp_free(&r);
	bearer_unthrottled(owner);
	char body[256];
	snprintf(body, sizeof body, "name=Twice&scope=read&expires_days=90&current_password=" USER_PASSWORD "&form_once=%s", key);
	long first = visitor_post(&u->v, "/account/tokens", body, true, &r);
	resp_free(&r);
	long second = visitor_post(&u->v, "/account/tokens", body, true, &r);
	char *loc = header(&r, "Location");
	ok(*key && first == 201 && second == 303 && loc && strstr(loc, "saved=token_created") &&
		   strcmp(dbtest_valuef(owner, "SELECT COUNT(*) FROM access_tokens WHERE account_id = %s AND name = 'Twice'", u->id),
			  "1") == 0,
	   "the same form sent twice makes one token (%ld, %ld)", first, second);
	free(loc);
	resp_free(&r);

	/* Revoking: another account's token is not found, one's own is. */
	const char *id = dbtest_valuef(owner, "SELECT id FROM access_tokens WHERE account_id = %s AND name = 'Short'", u->id);
	char path[128];
	snprintf(path, sizeof path, "/account/tokens/%s/revoke", id);
	char keep[32];
	snprintf(keep, sizeof keep, "%s", id);
	st = visitor_form(&other->v, "/account/tokens", path, "", &r);
	resp_free(&r);
	ok(st == 404 && live(u) == 3, "another account revoking it: 404, still live (%ld)", st);
	st = user_post(u, path, "");
	snprintf(path, sizeof path, "SELECT revoked_at IS NOT NULL FROM access_tokens WHERE id = %s", keep);
	ok(st == 303 && strcmp(dbtest_value(owner, path), "1") == 0 && live(u) == 2, "its owner revokes it (%ld)", st);
	ok(strcmp(dbtest_valuef(owner, "SELECT COUNT(*) FROM audit_log WHERE account_id = %s AND event = 'token.revoked'"
			" AND subject = 'Short'", u->id), "1") == 0,
	   "the revocation is audit-logged with its name");
	snprintf(path, sizeof path, "/account/tokens/%s/revoke", keep);
	ok(user_post(u, path, "") == 303 && live(u) == 2, "revoking it again changes nothing");
	ok(user_post(u, "/account/tokens/999999999/revoke", "") == 404, "an unknown token: 404");
	ok(user_post(u, "/account/tokens/x1/revoke", "") == 400, "a malformed token number: 400");
}

/* The status of the list with the token "Reader" of `u` after `set`. */
static long reader_after(const struct user *u, const char *set, const char *secret)
{
	dbtest_execf(owner, "UPDATE access_tokens SET %s WHERE account_id = %s AND name = 'Reader'", set, u->id);
	struct resp r;
	long st = bearer_get("/api/v1/change-requests", secret, NULL, &r);
	resp_free(&r);
	return st;
}

/* The write API's reads: a live token of the owner's, never a cookie; the
 * owner's requests only. */
static void test_api(struct user *u, struct user *other)
{
	struct resp r;
	char secret[64] = "";
	long st = bearer_make(owner, u, "name=Reader&scope=read&expires_days=30", &r);
	bearer_shown(&r, secret);
	resp_free(&r);
	dbtest_execf(owner,
		     "INSERT INTO change_requests (type, account_id, list_id, proposed, justification)"
		     " VALUES ('ADD-TERM', %s, 100000000002, '{}', 'mine')",
		     u->id);
	char mine_id[24];
	snprintf(mine_id, sizeof mine_id, "%s", dbtest_value(owner, "SELECT MAX(id) FROM change_requests"));
	dbtest_execf(owner,
		     "INSERT INTO change_requests (type, account_id, list_id, proposed, justification)"
		     " VALUES ('ADD-TERM', %s, 100000000002, '{}', 'theirs')",
		     other->id);
	char theirs[24], path[96];
	snprintf(theirs, sizeof theirs, "%s", dbtest_value(owner, "SELECT MAX(id) FROM change_requests"));

	st = bearer_get("/api/v1/change-requests", secret, NULL, &r);
	char *cache = header(&r, "Cache-Control");
	ok(st == 200 && *secret && body_has(&r, "\"reference\":\"RRQ-") && body_has(&r, "\"paging\"") &&
		   body_count(&r, "\"type\":\"ADD-TERM\"") == 1,
	   "a read token lists its owner's requests, only theirs (%ld)", st);
	ok(cache && strstr(cache, "private"), "never kept by a shared cache");
	free(cache);
	resp_free(&r);
	ok(strcmp(dbtest_valuef(owner, "SELECT last_used_at IS NOT NULL FROM access_tokens WHERE account_id = %s"
				" AND name = 'Reader'", u->id), "1") == 0,
	   "its use is recorded");
	snprintf(path, sizeof path, "/api/v1/change-requests/%s", mine_id);
	st = bearer_get(path, secret, NULL, &r);
	ok(st == 200 && body_has(&r, "\"justification\":\"mine\"") && body_has(&r, "\"thread\""),
	   "one of their requests, with its records and thread (%ld)", st);
	resp_free(&r);
	snprintf(path, sizeof path, "/api/v1/change-requests/%s", theirs);
	st = bearer_get(path, secret, NULL, &r);
	ok(st == 404 && !body_has(&r, "theirs"), "another account's request: 404 (%ld)", st);
	resp_free(&r);

	st = bearer_get("/api/v1/change-requests", NULL, u, &r);
	char *challenge = header(&r, "WWW-Authenticate");
	ok(st == 401 && challenge && strncmp(challenge, "Bearer", 6) == 0 && body_has(&r, "\"status\":401"),
	   "a session cookie and no token: 401 with a Bearer challenge, as JSON (%ld)", st);
	free(challenge);
	resp_free(&r);
	st = bearer_get("/api/v1/change-requests", "spor_pat_not-a-token", NULL, &r);
	challenge = header(&r, "WWW-Authenticate");
	ok(st == 401 && challenge && strstr(challenge, "invalid_token"), "a malformed token: 401 invalid_token");
	free(challenge);
	resp_free(&r);
	char forged[64];
	snprintf(forged, sizeof forged, "spor_pat_%s", "A0123456789012345678901234567890123456789BC");
	ok(bearer_get("/api/v1/change-requests", forged, NULL, &r) == 401, "a token of the right form never made: 401");
	resp_free(&r);
	ok(reader_after(u, "expires_at = UTC_TIMESTAMP() - INTERVAL 1 SECOND", secret) == 401, "an expired token: 401");
	ok(reader_after(u, "expires_at = UTC_TIMESTAMP() + INTERVAL 1 DAY", secret) == 200,
	   "the same token again in date: 200");
	ok(reader_after(u, "revoked_at = UTC_TIMESTAMP()", secret) == 401, "a revoked token: 401");
}

/* `tmpl` with its LIST, if any, replaced by `list`, into out. */
static void with_list(char *out, size_t size, const char *tmpl, const char *list)
{
	const char *at = strstr(tmpl, "LIST");
	if (!at)
		snprintf(out, size, "%s", tmpl);
	else
		snprintf(out, size, "%.*s%s%s", (int)(at - tmpl), tmpl, list, at + 4);
}

/* Proposals over the API: judged as the web form's, kept as its, shown
 * on its pages; refused without the scope, the role, a live target, or
 * with hostile JSON, each naming the field. */
static void test_api_write(struct user *u)
{
	char reader[64], writer[64], path[96], body[1024];
	bearer_of(owner, u, "Read+only", "read", reader);
	bearer_of(owner, u, "Writer", "write", writer);
	const char *list = dbtest_value(owner, "SELECT list_id FROM rms_terms GROUP BY list_id ORDER BY list_id LIMIT 1");
	char list_id[16];
	snprintf(list_id, sizeof list_id, "%s", list ? list : "0");
	struct resp r;
	snprintf(body, sizeof body,
		 "{\"type\": \"ADD-TERM\", \"target\": \"%s\", \"changes\": {\"term_name\": \"Oromucosal film api\","
		 " \"short_name\": \"OMF\"}, \"justification\": \"EDQM standard terms\", \"submit\": true}",
		 list_id);
	long st = bearer_post("/api/v1/change-requests", reader, body, &r);
	char *challenge = header(&r, "WWW-Authenticate");
	ok(st == 403 && challenge && strstr(challenge, "insufficient_scope"), "a read token cannot propose: 403 (%ld)", st);
	free(challenge);
	resp_free(&r);
	st = bearer_post("/api/v1/change-requests", writer, body, &r);
	ok(st == 403 && body_has(&r, "\"reason\":\"role\""), "without a role to propose: 403 (%ld)", st);
	resp_free(&r);
	dbtest_execf(owner, "INSERT INTO account_roles (account_id, role_code, org_id) VALUES (%s, 'INDUSTRY_USER',"
			    " 'ORG-100000001')", u->id);

	const char *before = dbtest_valuef(owner, "SELECT COUNT(*) FROM change_requests WHERE account_id = %s", u->id);
	char count[16];
	snprintf(count, sizeof count, "%s", before);
	st = bearer_post("/api/v1/change-requests", writer, body, &r);
	char *location = header(&r, "Location");
	char id[24] = "";
	const char *at = r.body ? strstr(r.body, "\"id\":\"") : NULL;
	if (at)
		sscanf(at + 6, "%23[0-9]", id);
	ok(st == 201 && location && strstr(location, "/api/v1/change-requests/") && body_has(&r, "\"status\":\"SUBMITTED\""),
	   "a write token proposes a new term: 201 with Location, submitted (%ld)", st);
	free(location);
	resp_free(&r);
	char kept[64];
	snprintf(kept, sizeof kept, "ADD-TERM SUBMITTED %s 1", list_id);
	ok(*id && strcmp(dbtest_valuef(owner, "SELECT CONCAT(c.type, ' ', c.status, ' ', c.list_id, ' ', COUNT(*))"
					      " FROM change_requests c JOIN change_request_records d ON d.request_id = c.id"
					      " AND d.kind = 'proposed' WHERE c.id = %s GROUP BY c.id", id[0] ? id : "0"),
			 kept) == 0,
	   "kept and submitted with its proposed record, as the web form keeps one");
	ok(strcmp(dbtest_valuef(owner, "SELECT COUNT(*) FROM audit_log WHERE about_id = %s AND token_name = 'Writer'",
				id[0] ? id : "0"), "0") != 0,
	   "the audit log names the token that made it");
	snprintf(path, sizeof path, "/account/requests/%s", id);
	struct resp page;
	visitor_get(&u->v, path, &page);
	ok(page.status == 200 && body_has(&page, "Oromucosal film api"), "its page on the web shows it as one made there");
	resp_free(&page);
	(void)count;

	snprintf(path, sizeof path, "/api/v1/change-requests/%s/comments", id);
	ok(bearer_post(path, reader, "{\"comment\": \"Any news?\"}", &r) == 403, "a read token cannot comment");
	resp_free(&r);
	st = bearer_post(path, writer, "{\"comment\": \"Any news?\"}", &r);
	ok(st == 201 && body_has(&r, "\"comment\":\"Any news?\""), "a comment joins the thread: 201 (%ld)", st);
	resp_free(&r);
	ok(bearer_post(path, writer, "{}", &r) == 400 && body_has(&r, "\"comment\""), "a comment without text: 400 naming it");
	resp_free(&r);
	ok(bearer_post(path, writer, "{\"comment\": \"x\", \"changes\": {\"term_name\": \"y\"}}", &r) == 400,
	   "a key the path does not take: 400");
	resp_free(&r);
	snprintf(path, sizeof path, "/api/v1/change-requests/%s/withdraw", id);
	st = bearer_post(path, writer, "{}", &r);
	ok(st == 200 && body_has(&r, "\"status\":\"WITHDRAWN\""), "its owner withdraws it (%ld)", st);
	resp_free(&r);
	st = bearer_post(path, writer, "{}", &r);
	ok(st == 409, "withdrawing it again: 409 (%ld)", st);
	resp_free(&r);
	const char *theirs = dbtest_valuef(owner, "SELECT MAX(id) FROM change_requests WHERE account_id <> %s", u->id);
	snprintf(path, sizeof path, "/api/v1/change-requests/%s/withdraw", theirs ? theirs : "1");
	ok(bearer_post(path, writer, "{}", &r) == 404, "another account's request: 404, untouched");
	resp_free(&r);

	static const struct {
		const char *body, *field, *why;
	} bad[] = {
		{"{\"type\": \"ADD-TERM\", \"target\": \"LIST\", \"changes\": {\"short_name\": \"X\"}, \"submit\": true}",
		 "term_name", "a new term without its name"},
		{"{\"type\": \"ADD-TERM\", \"target\": \"LIST\", \"changes\": {\"term_name\": 7}}", "changes.term_name",
		 "a number for a text"},
		{"{\"type\": \"ADD-TERM\", \"target\": \"LIST\", \"changes\": {\"colour\": \"red\"}}", "changes.colour",
		 "a field no form has"},
		{"{\"type\": \"ADD-TERM\", \"target\": \"LIST\", \"extra\": 1}", "extra", "a key the API does not know"},
		{"{\"type\": \"ADD-TERM\", \"target\": \"LIST\", \"type\": \"UPD-LIST\"}", "body", "a key twice"},
		{"{\"type\": \"ADD-THING\", \"target\": \"LIST\"}", "type", "a type there is not"},
		{"{\"type\": \"ADD-TERM\", \"target\": \"LIST\", \"submit\": \"yes\"}", "submit", "submit not a boolean"},
		{"{\"type\": \"ADD-TERM\", \"target\": \"LIST\", \"changes\": {\"term_name\": \"a\\u0000b\"}}", "body",
		 "a NUL character"},
		{"[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[LIST]]]", "body", "no object"},
	};
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		with_list(body, sizeof body, bad[i].body, list_id);
		st = bearer_post("/api/v1/change-requests", writer, body, &r);
		char want[64];
		snprintf(want, sizeof want, "\"%s\"", bad[i].field);
		ok(st == 400 && body_has(&r, want), "%s: 400 naming %s (%ld)", bad[i].why, bad[i].field, st);
		resp_free(&r);
	}
	snprintf(body, sizeof body, "{\"type\": \"ADD-TERM\", \"target\": \"999999999999\", \"changes\": {}}");
	ok(bearer_post("/api/v1/change-requests", writer, body, &r) == 404, "a list that does not exist: 404");
	resp_free(&r);
	ok(strcmp(dbtest_valuef(owner, "SELECT COUNT(*) FROM change_requests WHERE account_id = %s", u->id), count) != 0 &&
		   atoi(dbtest_valuef(owner, "SELECT COUNT(*) FROM change_requests WHERE account_id = %s", u->id)) ==
			   atoi(count) + 1,
	   "nothing but the one good proposal was kept");
}

/* Decisions over the API: a steward's decide token, with two-step sign-in
 * on, through the console's own code; never on their own request. */
static void test_api_decide(struct user *u, struct user *steward)
{
	char writer[64], decider[64], steward_writer[64], path[128], body[512];
	bearer_of(owner, u, "Proposer", "write", writer);
	bearer_of(owner, steward, "Steward+bot", "decide", decider);
	bearer_of(owner, steward, "Steward+writer", "write", steward_writer);
	ok(*decider != '\0', "a steward with two-step sign-in makes a token that decides");
	const char *list = dbtest_value(owner, "SELECT list_id FROM rms_terms GROUP BY list_id ORDER BY list_id LIMIT 1");
	char target[16];
	snprintf(target, sizeof target, "%s", list ? list : "0");
	snprintf(body, sizeof body,
		 "{\"type\": \"ADD-TERM\", \"target\": \"%s\", \"changes\": {\"term_name\": \"Buccal film api\","
		 " \"short_name\": \"BF\"}, \"justification\": \"EDQM standard terms\", \"submit\": true}",
		 list ? list : "0");
	struct resp r;
	bearer_post("/api/v1/change-requests", writer, body, &r);
	char id[24] = "";
	const char *at = r.body ? strstr(r.body, "\"id\":\"") : NULL;
	if (at)
		sscanf(at + 6, "%23[0-9]", id);
	resp_free(&r);
	/* The console's own form, refused (no comment): back to the request's
	 * page with its draft, by one redirect (two Locations make browsers
	 * refuse the answer). */
	char page_path[96];
	snprintf(page_path, sizeof page_path, "/admin/change-requests/%s", id);
	snprintf(path, sizeof path, "/admin/change-requests/%s/move", id);
	visitor_form(&steward->v, page_path, path, "to=REJECTED", &r);
	char *locations = header_all(&r, "Location");
	ok(r.status == 303 && locations && strstr(locations, "draft=1") && !strchr(locations, ','),
	   "a refused decision on the console: one redirect to its draft (%s)", locations ? locations : "none");
	free(locations);
	resp_free(&r);
	snprintf(path, sizeof path, "/api/v1/change-requests/%s/transitions", id);
	long st = bearer_post(path, steward_writer, "{\"to\": \"VALID\"}", &r);
	ok(st == 403, "a steward's write token cannot decide: 403 (%ld)", st);
	resp_free(&r);
	st = bearer_post(path, decider, "{\"to\": \"REJECTED\"}", &r);
	ok(st == 400 && body_has(&r, "\"comment\""), "a rejection without a comment: 400 naming it (%ld)", st);
	resp_free(&r);
	st = bearer_post_keyed(path, decider, "validate-once", "{\"to\": \"VALID\"}", &r);
	ok(st == 200 && body_has(&r, "\"status\":\"VALID\""), "the steward validates it over the API (%ld)", st);
	resp_free(&r);
	st = bearer_post_keyed(path, decider, "validate-once", "{\"to\": \"VALID\"}", &r);
	ok(st == 200 && bearer_replayed(&r) && body_has(&r, "\"status\":\"VALID\""),
	   "the same decision sent again with its key: the first answer again (%ld)", st);
	resp_free(&r);
	ok(strcmp(dbtest_valuef(owner, "SELECT COUNT(*) FROM change_request_events WHERE request_id = %s AND to_status = 'VALID'",
				id[0] ? id : "0"),
		  "1") == 0,
	   "and the request validated once");
	st = bearer_post(path, decider, "{\"to\": \"APPROVED\"}", &r);
	ok(st == 200 && body_has(&r, "\"status\":\"APPROVED\""), "and approves it (%ld)", st);
	resp_free(&r);
	st = bearer_post(path, decider, "{\"to\": \"REJECTED\", \"comment\": \"Too late\"}", &r);
	ok(st == 409, "a decided request cannot be decided again: 409 (%ld)", st);
	resp_free(&r);
	ok(strcmp(dbtest_valuef(owner, "SELECT COUNT(*) FROM audit_log WHERE about_id = %s AND token_name = 'Steward bot'"
				" AND event = 'change.APPROVED'", id[0] ? id : "0"), "1") == 0,
	   "the approval is audit-logged with the steward's token");
	ok(strcmp(dbtest_valuef(owner, "SELECT COUNT(*) FROM rms_terms WHERE name_en = '%s'", "Buccal film api"), "1") == 0,
	   "the approved term is in the list");

	/* The steward's own request: nobody decides their own. */
	bearer_post("/api/v1/change-requests", steward_writer, body, &r);
	ok(r.status == 201 || r.status == 403, "the steward proposes too, if a role lets them (%ld)", r.status);
	char own[24] = "";
	at = r.body ? strstr(r.body, "\"id\":\"") : NULL;
	if (at)
		sscanf(at + 6, "%23[0-9]", own);
	resp_free(&r);
	if (*own) {
		snprintf(path, sizeof path, "/api/v1/change-requests/%s/transitions", own);
		ok(bearer_post(path, decider, "{\"to\": \"VALID\"}", &r) == 403, "their own request: 403");
		resp_free(&r);
	}
	/* Two-step sign-in turned off: the token stops deciding, and decides
	 * nothing; no new token that decides is made; turned on again, the
	 * same token decides. */
	snprintf(body, sizeof body,
		 "{\"type\": \"ADD-TERM\", \"target\": \"%s\", \"changes\": {\"term_name\": \"Gingival film api\"},"
		 " \"justification\": \"EDQM standard terms\", \"submit\": true}",
		 target);
	ok(bearer_post("/api/v1/change-requests", writer, body, &r) == 201, "another new term proposed");
	if (r.status != 201)
		diag("answered %.300s", r.body);
	char pending[24] = "";
	at = r.body ? strstr(r.body, "\"id\":\"") : NULL;
	if (at)
		sscanf(at + 6, "%23[0-9]", pending);
	resp_free(&r);
	dbtest_execf(owner, "UPDATE account_totp SET enabled_at = NULL WHERE account_id = %s", steward->id);
	snprintf(path, sizeof path, "/api/v1/change-requests/%s/transitions", pending[0] ? pending : "0");
	char was[48];
	snprintf(was, sizeof was, "SUBMITTED %s",
		 dbtest_valuef(owner, "SELECT COUNT(*) FROM change_request_events WHERE request_id = %s",
			       pending[0] ? pending : "0"));
	st = bearer_post(path, decider, "{\"to\": \"VALID\"}", &r);
	ok(st == 403 && body_has(&r, "two_factor"), "without two-step sign-in a decide token is refused: 403 (%ld)", st);
	resp_free(&r);
	ok(*pending && strcmp(dbtest_valuef(owner, "SELECT CONCAT(status, ' ', (SELECT COUNT(*) FROM change_request_events"
						     " WHERE request_id = c.id)) FROM change_requests c WHERE id = %s",
						     pending),
				 was) == 0,
	   "and the request is as it was: submitted, its thread unchanged");
	snprintf(path, sizeof path, "/api/v1/change-requests/%s/transitions", id);
	st = bearer_post(path, decider, "{\"to\": \"REJECTED\", \"comment\": \"Too late\"}", &r);
	ok(st == 403, "nor is a decided request's state told to it: 403 before 409 (%ld)", st);
	resp_free(&r);
	int tokens = atoi(dbtest_valuef(owner, "SELECT COUNT(*) FROM access_tokens WHERE account_id = %s", steward->id));
	st = bearer_make(owner, steward, "name=Steward+bot+2&scope=decide&expires_days=9", &r);
	ok(st == 400 && body_has(&r, "scope-error") &&
		   atoi(dbtest_valuef(owner, "SELECT COUNT(*) FROM access_tokens WHERE account_id = %s", steward->id)) ==
			   tokens,
	   "a steward without two-step sign-in cannot make a token that decides (%ld)", st);
	resp_free(&r);
	dbtest_execf(owner, "UPDATE account_totp SET enabled_at = UTC_TIMESTAMP() WHERE account_id = %s", steward->id);
	snprintf(path, sizeof path, "/api/v1/change-requests/%s/transitions", pending[0] ? pending : "0");
	st = bearer_post(path, decider, "{\"to\": \"VALID\"}", &r);
	ok(st == 200 && body_has(&r, "\"status\":\"VALID\""), "two-step sign-in on again: the same token decides (%ld)",
	   st);
	resp_free(&r);
}

/* Making tokens is throttled: the sixth attempt within the hour waits. */
static void test_throttle(struct user *u)
{
	bearer_unthrottled(owner);
	long st = 0;
	for (int i = 0; i < 6; i++) {
		struct resp r = {0};
		st = visitor_form(&u->v, "/account/tokens", "/account/tokens",
				  "name=t&scope=read&expires_days=9&current_password=wrong+password+here", &r);
		resp_free(&r);
	}
	ok(st == 429 && live(u) == 0, "the sixth attempt within the hour is refused: 429 (%ld)", st);
	bearer_unthrottled(owner);
}

/* At most 20 live tokens: a stolen session cannot mint thousands. */
static void test_cap(struct user *u)
{
	dbtest_execf(owner,
		     "INSERT INTO access_tokens (token_hash, account_id, name, scope, expires_at)"
		     " SELECT UNHEX(SHA2(CONCAT('cap', %s, seq), 256)), %s, CONCAT('bulk ', seq), 'read',"
		     " UTC_TIMESTAMP() + INTERVAL 1 DAY FROM seq_1_to_20",
		     u->id, u->id);
	struct resp r = {0};
	long st = bearer_make(owner, u, "name=One+more&scope=read&expires_days=9", &r);
	ok(st == 400 && body_has(&r, "name-error") && live(u) == 20, "a 21st live token is refused (%ld)", st);
	resp_free(&r);
	char args[256];
	snprintf(args, sizeof args, "user tokens %s --new 'One more' --scope read", u->email);
	ok(dbtest_sporctl(NULL, args, NULL) == 1 && live(u) == 20, "sporctl makes no 21st either");
}

/* sporctl user tokens: listed (never the secret), revoked. */
static void test_sporctl(struct user *u)
{
	char args[256], out[] = "/tmp/spor-test-tokens.out";
	snprintf(args, sizeof args, "user tokens %s", u->email);
	int rc = dbtest_sporctl(NULL, args, out);
	char *text = slurp(out);
	ok(rc == 0 && text && strstr(text, "Nightly sync") && strstr(text, "revoked") && !strstr(text, "spor_pat_"),
	   "sporctl user tokens lists them, never a secret");
	free(text);
	snprintf(args, sizeof args, "user tokens %s --revoke all", u->email);
	rc = dbtest_sporctl(NULL, args, out);
	ok(rc == 0 && live(u) == 0, "sporctl user tokens --revoke all revokes every live one");
	snprintf(args, sizeof args, "user tokens %s --revoke x", u->email);
	ok(dbtest_sporctl(NULL, args, out) != 0, "a malformed token number is refused");
}

/* sporctl user tokens `u` with `options`: its exit status; its standard
 * output (the token alone, when it makes one) in out, a new string. */
static int sporctl_new(const struct user *u, const char *options, char **out)
{
	char args[512];
	snprintf(args, sizeof args, "user tokens %s %s", u->email, options);
	int rc = dbtest_sporctl_apart(args, "/tmp/spor-test-tokens.out", "/tmp/spor-test-tokens.err");
	*out = slurp("/tmp/spor-test-tokens.out");
	return rc;
}

/* sporctl user tokens --new: a token made as the page makes one, by its
 * rules, printed alone for a script to capture, and working. */
static void test_sporctl_new(struct user *u, struct user *steward)
{
	char *out;
	int before = live(u);
	int rc = sporctl_new(u, "--new 'Made by sporctl' --scope write --expires-days 7", &out);
	size_t n = out ? strspn(out, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_-") : 0;
	bool alone = rc == 0 && n == 9 + 43 && strncmp(out, "spor_pat_", 9) == 0 && strcmp(out + n, "\n") == 0;
	ok(alone, "sporctl makes a token and prints it alone on its line (%d)", rc);
	char secret[64] = "-";
	if (alone)
		snprintf(secret, sizeof secret, "%.*s", (int)n, out);
	free(out);
	char *err = slurp("/tmp/spor-test-tokens.err");
	ok(err && strstr(err, "Made by sporctl") && !strstr(err, "spor_pat_"),
	   "it tells the operator what it made on standard error, never the token there");
	free(err);
	ok(strcmp(dbtest_valuef(owner,
				"SELECT COUNT(*) FROM access_tokens WHERE account_id = %s AND token_hash = UNHEX(SHA2('%s', 256))"
				" AND scope = 'write' AND name = 'Made by sporctl' AND revoked_at IS NULL"
				" AND DATEDIFF(expires_at, UTC_TIMESTAMP()) = 7",
				u->id, secret),
		  "1") == 0 &&
		   live(u) == before + 1,
	   "stored as its SHA-256 with its name, scope and 7 days");
	ok(strcmp(dbtest_valuef(owner,
				"SELECT COUNT(*) FROM audit_log WHERE account_id = %s AND event = 'token.created'"
				" AND subject = 'Made by sporctl' AND actor_id IS NULL",
				u->id),
		  "1") == 0,
	   "its making is audit-logged with its name, as the page's is");
	struct resp r;
	ok(bearer_get("/api/v1/change-requests", secret, NULL, &r) == 200, "the token opens the write API (%ld)", r.status);
	resp_free(&r);

	rc = sporctl_new(u, "--new 'Made by sporctl' --scope read", &out);
	ok(rc == 1 && out && !*out && live(u) == before + 1, "a second live token of one name is refused (%d)", rc);
	free(out);
	rc = sporctl_new(u, "--new Default --scope read", &out);
	free(out);
	ok(rc == 0 && strcmp(dbtest_valuef(owner, "SELECT DATEDIFF(expires_at, UTC_TIMESTAMP()) FROM access_tokens"
						  " WHERE account_id = %s AND name = 'Default'", u->id), "90") == 0,
	   "without --expires-days it lives 90 days, as the page's default");
	rc = sporctl_new(u, "--new Decider --scope decide", &out);
	ok(rc == 1 && out && !*out && live(u) == before + 2, "a user who is no steward gets no token that decides (%d)", rc);
	free(out);

	static const struct {
		const char *options, *why;
	} bad[] = {
		{"--new Long --scope read --expires-days 367", "more than 366 days"},
		{"--new Long --scope read --expires-days 0", "no days"},
		{"--new Long --scope read --expires-days x", "days that are no number"},
		{"--new Long --scope admin", "a scope there is not"},
		{"--new '' --scope read", "an empty name"},
		{"--new \"$(printf 'a%.0s' $(seq 101))\" --scope read", "a name of 101 characters"},
		{"--new \"$(printf 'a\\tb')\" --scope read", "a control character in the name"},
		{"--new \"$(printf 'a\\377b')\" --scope read", "a name that is no UTF-8"},
		{"--new Long", "no scope"},
		{"--scope read", "a scope and no name"},
		{"--new Long --scope read --revoke all", "making and revoking at once"},
		{"--new Long --scope read --scope write", "an option twice"},
		{"--new Long --scope read --expires-days", "an option without its value"},
	};
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		rc = sporctl_new(u, bad[i].options, &out);
		ok(rc == 2 && out && !*out && live(u) == before + 2, "%s: refused, exit 2, nothing made (%d)", bad[i].why, rc);
		free(out);
	}

	if (steward) {
		rc = sporctl_new(steward, "--new 'Steward by sporctl' --scope decide", &out);
		free(out);
		ok(rc == 0 && strcmp(dbtest_valuef(owner, "SELECT scope FROM access_tokens WHERE account_id = %s"
							  " AND name = 'Steward by sporctl'", steward->id), "decide") == 0,
		   "an administrator with two-step sign-in gets one that decides (%d)", rc);
	}

	char args[256];
	snprintf(args, sizeof args, "user lock %s", u->email);
	dbtest_sporctl(NULL, args, NULL);
	rc = sporctl_new(u, "--new Locked --scope read", &out);
	ok(rc == 1 && out && !*out && live(u) == 0, "a locked account gets none (%d)", rc);
	free(out);
	snprintf(args, sizeof args, "user unlock %s", u->email);
	dbtest_sporctl(NULL, args, NULL);
	ok(visitor_login(&u->v, u->email, USER_PASSWORD) == 303, "unlocked, the user signs in again");
}

/* A live token, made as the form would. */
static void add_live(const struct user *u)
{
	dbtest_execf(owner,
		     "INSERT INTO access_tokens (token_hash, account_id, name, scope, expires_at)"
		     " VALUES (UNHEX(SHA2(CONCAT('end', %s, RAND()), 256)), %s, 'end', 'write',"
		     " UTC_TIMESTAMP() + INTERVAL 1 DAY)",
		     u->id, u->id);
}

/* Locking, a password reset and deleting the account end its tokens. */
static void test_ends(struct user *u)
{
	char args[256], out[] = "/tmp/spor-test-tokens.out";
	add_live(u);
	snprintf(args, sizeof args, "user lock %s", u->email);
	ok(dbtest_sporctl(NULL, args, out) == 0 && live(u) == 0, "locking the account revokes its tokens");
	snprintf(args, sizeof args, "user unlock %s", u->email);
	dbtest_sporctl(NULL, args, out);
	add_live(u);
	snprintf(args, sizeof args, "user reset-password %s", u->email);
	ok(dbtest_sporctl(USER_PASSWORD_TYPED "\n", args, out) == 0 && live(u) == 0,
	   "a password set by the operator revokes them");
	add_live(u);
	dbtest_execf(owner, "UPDATE accounts SET status = 'locked' WHERE id = %s", u->id);
	ok(live(u) == 0, "any change of the account to locked revokes them, whoever makes it");
	dbtest_execf(owner, "UPDATE accounts SET status = 'active' WHERE id = %s", u->id);
}

int main(void)
{
	char run[USER_RUN_SIZE];
	owner = users_start(run);
	struct user u, other, ender;
	bool made = user_make(owner, &u, "tokens", run, "example.org") &&
		    user_make(owner, &other, "tokens-other", run, "example.org") &&
		    user_make(owner, &ender, "tokens-end", run, "example.org");
	if (!ok(made, "three users, registered and signed in")) {
		users_done(owner);
		return done_testing();
	}
	test_make(&u, &other);
	test_api(&other, &u);
	test_api_write(&ender);
	struct user steward;
	bool admin = ok(user_make_admin(owner, &steward, "tokens-steward", run, "example.org"), "an administrator");
	if (admin)
		test_api_decide(&ender, &steward);
	test_throttle(&other);
	test_sporctl(&u);
	test_sporctl_new(&u, admin ? &steward : NULL);
	test_cap(&u);
	test_ends(&ender);
	users_done(owner);
	return done_testing();
}
