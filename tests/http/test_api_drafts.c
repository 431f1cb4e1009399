/* HTTP tests of the write API's drafts, batches and documents: a draft
 * made over the API is edited with PATCH (the fields sent over its
 * proposal, as the web's edit form holds it), submitted with .../submit
 * once it has a justification, and frozen once submitted (409); a batch
 * answers item by item (207): a bad item is refused alone, or, atomic,
 * nothing is kept and the good items answer 424; a proposal with its PDF
 * as multipart/form-data is kept as the web form keeps one, and a
 * multipart body without its JSON, with a part beside it or with a
 * document that is no PDF changes nothing. */
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
static char list_id[16];

static int requests_of(const struct user *u)
{
	return atoi(dbtest_valuef(owner, "SELECT COUNT(*) FROM change_requests WHERE account_id = %s", u->id));
}

/* The "id" of a request in an answer, into id ("" when none). */
static void id_of(const struct resp *r, char id[24])
{
	const char *at = r->body ? strstr(r->body, "\"id\":\"") : NULL;
	*id = '\0';
	if (at)
		sscanf(at + 6, "%23[0-9]", id);
}

/* A new term proposed to the list with `rest` (JSON members after the
 * target): the status; its ID in id. */
static long propose(const char *token, const char *rest, char id[24])
{
	char body[1024];
	snprintf(body, sizeof body, "{\"type\": \"ADD-TERM\", \"target\": \"%s\", %s}", list_id, rest);
	struct resp r;
	long st = bearer_post("/api/v1/change-requests", token, body, &r);
	id_of(&r, id);
	resp_free(&r);
	return st;
}

static long patch(const char *id, const char *token, const char *body, struct resp *r)
{
	char path[96];
	snprintf(path, sizeof path, "/api/v1/change-requests/%s", id);
	return bearer_send("PATCH", path, token, "application/json", body, strlen(body), r);
}

static const char *column(const char *id, const char *expr)
{
	return dbtest_valuef(owner, "SELECT %s FROM change_requests WHERE id = %s", expr, id);
}

static void test_drafts(struct user *u, const char *writer, const char *reader, const char *stranger)
{
	char id[24], path[128];
	struct resp r;
	long st = propose(writer, "\"changes\": {\"term_name\": \"Draft film\", \"short_name\": \"DF\"}", id);
	ok(st == 201 && *id && strcmp(column(id, "status"), "SAVED") == 0, "a proposal without submit is a draft (%ld)",
	   st);
	if (!*id)
		return;

	ok(patch(id, reader, "{\"changes\": {\"short_name\": \"DF2\"}}", &r) == 403, "a read token cannot edit: 403");
	resp_free(&r);
	st = patch(id, stranger, "{\"changes\": {\"short_name\": \"DF2\"}}", &r);
	ok(st == 404 && !body_has(&r, "Draft film"), "another account's draft: 404 (%ld)", st);
	resp_free(&r);
	st = patch(id, writer, "{\"changes\": {\"short_name\": \"DF2\"}}", &r);
	ok(st == 200 && body_has(&r, "\"status\":\"SAVED\""), "PATCH edits the draft: 200, still a draft (%ld)", st);
	resp_free(&r);
	ok(strcmp(column(id, "CONCAT(JSON_VALUE(proposed, '$.name'), '|', JSON_VALUE(proposed, '$.short'))"),
		  "Draft film|DF2") == 0,
	   "the field sent replaces its value, the others stay as they were (%s)",
	   column(id, "proposed"));

	static const struct {
		const char *body, *field, *why;
	} bad[] = {
		{"{\"type\": \"UPD-LIST\"}", "type", "its type"},
		{"{\"target\": \"100000000001\"}", "target", "its target"},
		{"{\"changes\": {\"colour\": \"red\"}}", "changes.colour", "a field no form has"},
		{"{\"changes\": {\"short_name\": 7}}", "changes.short_name", "a number for a text"},
		{"{\"submit\": \"yes\"}", "submit", "submit not a boolean"},
		{"{\"changes\": {\"term_name\": \"\"}, \"submit\": true, \"justification\": \"EDQM standard terms\"}",
		 "term_name", "a name taken away"},
	};
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		char want[64];
		snprintf(want, sizeof want, "\"%s\"", bad[i].field);
		st = patch(id, writer, bad[i].body, &r);
		ok(st == 400 && body_has(&r, want), "editing %s: 400 naming %s (%ld)", bad[i].why, bad[i].field, st);
		resp_free(&r);
	}
	ok(strcmp(column(id, "CONCAT(status, JSON_VALUE(proposed, '$.short'))"), "SAVEDDF2") == 0,
	   "a refused edit changes nothing");

	snprintf(path, sizeof path, "/api/v1/change-requests/%s/submit", id);
	st = bearer_post(path, writer, "{}", &r);
	ok(st == 400 && body_has(&r, "\"justification\""), "submitting it without a justification: 400 naming it (%ld)",
	   st);
	resp_free(&r);
	st = patch(id, writer, "{\"justification\": \"EDQM standard terms 2026\"}", &r);
	ok(st == 200 && strcmp(column(id, "justification"), "EDQM standard terms 2026") == 0,
	   "PATCH gives it its justification (%ld)", st);
	resp_free(&r);
	st = bearer_post(path, writer, "{\"colour\": 1}", &r);
	ok(st == 400 && body_has(&r, "\"colour\""), "submit takes no field: 400 naming it (%ld)", st);
	resp_free(&r);
	st = bearer_post(path, writer, "{}", &r);
	ok(st == 200 && body_has(&r, "\"status\":\"SUBMITTED\"") &&
		   strcmp(dbtest_valuef(owner, "SELECT COUNT(*) FROM change_request_records WHERE request_id = %s"
					       " AND kind = 'proposed'", id), "1") == 0,
	   "then .../submit submits it, its proposal recorded as a form's (%ld)", st);
	resp_free(&r);
	ok(bearer_post(path, writer, "{}", &r) == 409, "submitting it again: 409");
	resp_free(&r);
	snprintf(path, sizeof path, "/api/v1/change-requests/%s/comments", id);
	bearer_post(path, writer, "{\"comment\": \"Any news?\"}", &r);
	ok(strcmp(dbtest_valuef(owner, "SELECT GROUP_CONCAT(event ORDER BY id SEPARATOR ' ') FROM audit_log"
				       " WHERE about_id = %s AND token_name = 'Writer'", id),
		  "change.created change.SAVED change.SAVED change.SUBMITTED change.commented") == 0,
	   "each write is in the audit log with the token's name (%s)",
	   dbtest_valuef(owner, "SELECT GROUP_CONCAT(event ORDER BY id SEPARATOR ' ') FROM audit_log WHERE about_id = %s",
			 id));
	resp_free(&r);
	st = patch(id, writer, "{\"changes\": {\"short_name\": \"DF3\"}}", &r);
	ok(st == 409 && strcmp(column(id, "JSON_VALUE(proposed, '$.short')"), "DF2") == 0,
	   "a submitted request is frozen: PATCH 409, nothing changed (%ld)", st);
	resp_free(&r);

	st = propose(writer, "\"changes\": {\"term_name\": \"Draft gel\"}", id);
	st = patch(id, writer,
		   "{\"changes\": {\"short_name\": \"DG\"}, \"justification\": \"EDQM standard terms\", \"submit\": true}", &r);
	ok(st == 200 && strcmp(column(id, "CONCAT(status, JSON_VALUE(proposed, '$.short'))"), "SUBMITTEDDG") == 0,
	   "one PATCH edits and submits (%ld)", st);
	resp_free(&r);
	snprintf(path, sizeof path, "/api/v1/change-requests/%s", id);
	st = bearer_send("PUT", path, writer, "application/json", "{}", 2, &r);
	char *allow = header(&r, "Allow");
	ok(st == 405 && allow && strstr(allow, "PATCH"), "PUT: 405, Allow names PATCH (%ld, %s)", st, allow ? allow : "");
	free(allow);
	resp_free(&r);
	snprintf(path, sizeof path, "/account/requests/%s", id);
	struct resp page;
	visitor_get(&u->v, path, &page);
	ok(page.status == 200 && body_has(&page, "Draft gel") && body_has(&page, "DG"),
	   "the web page shows the request as edited over the API");
	resp_free(&page);
}

/* A batch body of `n` items, each `item` with its LIST replaced. */
static char *batch_of(const char *head, const char *const *items, size_t n)
{
	size_t size = strlen(head) + 16;
	for (size_t i = 0; i < n; i++)
		size += strlen(items[i]) + 16 + strlen(list_id);
	char *b = malloc(size), *w = b;
	w += sprintf(w, "{%s\"requests\": [", head);
	for (size_t i = 0; i < n; i++) {
		const char *at = strstr(items[i], "LIST");
		if (at)
			w += sprintf(w, "%s%.*s%s%s", i ? ", " : "", (int)(at - items[i]), items[i], list_id, at + 4);
		else
			w += sprintf(w, "%s%s", i ? ", " : "", items[i]);
	}
	sprintf(w, "]}");
	return b;
}

static long batch(const char *token, const char *head, const char *const *items, size_t n, struct resp *r)
{
	char *body = batch_of(head, items, n);
	long st = bearer_post("/api/v1/change-requests:batch", token, body, r);
	free(body);
	return st;
}

#define GOOD(name)                                                                                                  \
	"{\"type\": \"ADD-TERM\", \"target\": \"LIST\", \"changes\": {\"term_name\": \"" name "\"},"                \
	" \"justification\": \"EDQM standard terms\", \"submit\": true}"

static void test_batch(struct user *u, const char *writer, const char *reader)
{
	struct resp r;
	const char *mixed[] = {GOOD("Batch film one"),
			       "{\"type\": \"ADD-TERM\", \"target\": \"LIST\", \"changes\": {\"short_name\": \"X\"},"
			       " \"justification\": \"EDQM standard terms\", \"submit\": true}",
			       GOOD("Batch film two"), "7"};
	int before = requests_of(u);
	long st = batch(writer, "", mixed, 4, &r);
	ok(st == 207 && body_has(&r, "\"written\":2") && body_count(&r, "\"status\":201") == 2 &&
		   body_has(&r, "\"index\":1,\"status\":400") && body_has(&r, "\"parameter\":\"term_name\"") &&
		   body_has(&r, "\"index\":3,\"status\":400") && body_count(&r, "\"location\":") == 2,
	   "a batch answers each item on its own: 207, two made, the bad ones refused naming why (%ld)", st);
	resp_free(&r);
	ok(requests_of(u) == before + 2 &&
		   strcmp(dbtest_valuef(owner, "SELECT COUNT(*) FROM change_requests WHERE account_id = %s AND status ="
					       " 'SUBMITTED' AND JSON_VALUE(proposed, '$.name') LIKE 'Batch film%%'", u->id),
			  "2") == 0,
	   "the good items are kept and submitted, the bad one is not");
	ok(strcmp(dbtest_valuef(owner, "SELECT COUNT(*) FROM audit_log WHERE token_name = 'Writer' AND event ="
				       " 'change.created' AND about_id IN (SELECT id FROM change_requests WHERE"
				       " JSON_VALUE(proposed, '$.name') LIKE 'Batch film%%')"), "2") == 0,
	   "each is in the audit log with the token's name");

	before = requests_of(u);
	st = batch(writer, "\"atomic\": true, ", mixed, 4, &r);
	ok(st == 207 && body_has(&r, "\"written\":0") && body_count(&r, "\"reason\":\"failed_dependency\"") == 2 &&
		   !body_has(&r, "\"location\":") && body_has(&r, "\"index\":1,\"status\":400"),
	   "atomic, one bad item: nothing made, the good ones answer 424 (%ld)", st);
	resp_free(&r);
	ok(requests_of(u) == before, "and nothing is kept");
	const char *good[] = {GOOD("Atomic film one"), GOOD("Atomic film two")};
	st = batch(writer, "\"atomic\": true, ", good, 2, &r);
	ok(st == 207 && body_has(&r, "\"written\":2") && requests_of(u) == before + 2 &&
		   strcmp(dbtest_valuef(owner, "SELECT COUNT(*) FROM change_request_records d JOIN change_requests c ON"
					       " c.id = d.request_id WHERE JSON_VALUE(c.proposed, '$.name') LIKE"
					       " 'Atomic film%%' AND c.status = 'SUBMITTED' AND d.kind = 'proposed'"), "2") == 0,
	   "atomic, all good: all made and submitted, in one transaction (%ld)", st);
	resp_free(&r);

	before = requests_of(u);
	static const struct {
		const char *body, *field, *why;
	} bad[] = {
		{"{}", "requests", "no requests"},
		{"{\"requests\": []}", "requests", "an empty batch"},
		{"{\"requests\": \"all\"}", "requests", "requests not a list"},
		{"{\"atomic\": \"yes\", \"requests\": [{}]}", "atomic", "atomic not a boolean"},
		{"{\"requests\": [{}], \"colour\": 1}", "colour", "a key it does not know"},
		{"[1]", "body", "no object"},
		{"{\"requests\": [{\"type\": \"ADD-TERM\", \"type\": \"UPD-LIST\"}]}", "body", "a key twice in an item"},
		{"{\"requests\": [{\"type\": \"ADD-TERM\"}], \"requests\": []}", "body", "requests twice"},
	};
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		char want[64];
		snprintf(want, sizeof want, "\"%s\"", bad[i].field);
		st = bearer_post("/api/v1/change-requests:batch", writer, bad[i].body, &r);
		ok(st == 400 && body_has(&r, want), "a batch with %s: 400 naming %s (%ld)", bad[i].why, bad[i].field, st);
		resp_free(&r);
	}
	/* An item nested deeper than any JSON reader goes: the body is refused whole. */
	size_t depth = 5000;
	char *deep = malloc(depth * 2 + 64), *w = deep;
	w += sprintf(w, "{\"requests\": [");
	for (size_t i = 0; i < depth; i++)
		*w++ = '[';
	for (size_t i = 0; i < depth; i++)
		*w++ = ']';
	sprintf(w, "]}");
	st = bearer_post("/api/v1/change-requests:batch", writer, deep, &r);
	ok(st == 400 && body_has(&r, "\"body\""), "an item nested 5,000 deep: 400 naming the body (%ld)", st);
	resp_free(&r);
	free(deep);
	const char *wrong[] = {"{\"type\": \"ADD-TERM\", \"target\": \"LIST\", \"changes\": {\"term_name\": [\"x\"]}}",
			       "{\"type\": \"ADD-TERM\", \"target\": 100000000002}", "null"};
	st = batch(writer, "", wrong, 3, &r);
	ok(st == 207 && body_has(&r, "\"written\":0") && body_has(&r, "\"parameter\":\"changes.term_name\"") &&
		   body_has(&r, "\"parameter\":\"target\"") && body_has(&r, "\"index\":2,\"status\":400"),
	   "items of the wrong types: each refused naming its field (%ld)", st);
	resp_free(&r);
	const char *many[501];
	for (size_t i = 0; i < 501; i++)
		many[i] = GOOD("One too many");
	st = batch(writer, "", many, 501, &r);
	ok(st == 400 && body_has(&r, "\"too_many\""), "501 requests: 400, too many (%ld)", st);
	resp_free(&r);
	/* 500, the last one bad, all or none: each made in the one transaction, then none kept. */
	many[499] = "{\"type\": \"ADD-TERM\", \"target\": \"LIST\", \"changes\": {\"short_name\": \"X\"}}";
	st = batch(writer, "\"atomic\": true, ", many, 500, &r);
	ok(st == 207 && body_count(&r, "\"reason\":\"failed_dependency\"") == 499 &&
		   body_has(&r, "\"index\":499,\"status\":400"),
	   "500 requests all or none, the last one bad: 499 answer 424 (%ld)", st);
	resp_free(&r);
	st = batch(reader, "", good, 2, &r);
	ok(st == 403, "a read token cannot send a batch: 403 (%ld)", st);
	resp_free(&r);
	ok(requests_of(u) == before, "none of them made anything");
}

static const char pdf[] = "%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n";

/* `method` to `path` a multipart body of `json` (part "request", when not
 * NULL; its LIST, if any, the list), `file` as the part "document" (when
 * not NULL) and an `extra` text part. */
static long multipart_to(const char *method, const char *path, const char *token, const char *json, const char *file,
			 const char *extra, struct resp *r)
{
	static const char boundary[] = "----spor-test-boundary-7";
	char body[4096], *w = body;
	if (json) {
		char with_list[1024];
		const char *at = strstr(json, "LIST");
		if (at)
			snprintf(with_list, sizeof with_list, "%.*s%s%s", (int)(at - json), json, list_id, at + 4);
		else
			snprintf(with_list, sizeof with_list, "%s", json);
		w += sprintf(w, "--%s\r\nContent-Disposition: form-data; name=\"request\"\r\n"
				"Content-Type: application/json\r\n\r\n%s\r\n", boundary, with_list);
	}
	if (extra)
		w += sprintf(w, "--%s\r\nContent-Disposition: form-data; name=\"%s\"\r\n\r\nsubmit\r\n", boundary, extra);
	if (file)
		w += sprintf(w, "--%s\r\nContent-Disposition: form-data; name=\"document\"; filename=\"letter.pdf\"\r\n"
				"Content-Type: application/pdf\r\n\r\n%s\r\n", boundary, file);
	w += sprintf(w, "--%s--\r\n", boundary);
	char type[96];
	snprintf(type, sizeof type, "multipart/form-data; boundary=%s", boundary);
	return bearer_send(method, path, token, type, body, (size_t)(w - body), r);
}

static long multipart(const char *token, const char *json, const char *file, const char *extra, struct resp *r)
{
	return multipart_to("POST", "/api/v1/change-requests", token, json, file, extra, r);
}

static void test_document(struct user *u, const char *writer)
{
	struct resp r;
	int before = requests_of(u);
	long st = multipart(writer, GOOD("Film with letter"), pdf, NULL, &r);
	char id[24];
	id_of(&r, id);
	char kept[64];
	snprintf(kept, sizeof kept, "SUBMITTED letter.pdf %zu", strlen(pdf));
	ok(st == 201 && *id && strcmp(column(*id ? id : "0", "CONCAT(status, ' ', document_name, ' ', document_size)"),
				      kept) == 0,
	   "a proposal with its PDF as multipart: 201, the document kept with it (%ld)", st);
	resp_free(&r);
	char path[96];
	snprintf(path, sizeof path, "/account/requests/%s/document", id);
	struct resp page;
	visitor_get(&u->v, path, &page);
	ok(page.status == 200 && page.body && page.body_len == strlen(pdf) && memcmp(page.body, pdf, strlen(pdf)) == 0,
	   "its owner reads the document on the web as the one sent");
	resp_free(&page);

	char draft[24];
	propose(writer, "\"changes\": {\"term_name\": \"Film without letter yet\"}", draft);
	snprintf(path, sizeof path, "/api/v1/change-requests/%s", draft);
	st = multipart_to("PATCH", path, writer, "{\"justification\": \"The letter, at last\"}", pdf, NULL, &r);
	snprintf(kept, sizeof kept, "SAVED letter.pdf %zu The letter, at last", strlen(pdf));
	ok(st == 200 && strcmp(column(*draft ? draft : "0", "CONCAT(status, ' ', document_name, ' ', document_size, ' ',"
						      " justification)"), kept) == 0,
	   "a draft's PATCH as multipart adds its PDF (%ld)", st);
	resp_free(&r);

	before = requests_of(u);
	st = multipart(writer, NULL, pdf, NULL, &r);
	ok(st == 400 && body_has(&r, "\"request\""), "a multipart body without its JSON: 400 naming request (%ld)", st);
	resp_free(&r);
	st = multipart(writer, GOOD("Film with step"), pdf, "step", &r);
	ok(st == 400 && body_has(&r, "\"step\""), "a part beside the JSON and the file: 400 naming it (%ld)", st);
	resp_free(&r);
	st = multipart(writer, GOOD("Film with text"), "just some text, no PDF at all", NULL, &r);
	ok(st == 400 && body_has(&r, "\"document\""), "a document that is no PDF: 400 naming it (%ld)", st);
	resp_free(&r);
	ok(requests_of(u) == before, "none of them kept anything");
}

int main(void)
{
	char run[USER_RUN_SIZE];
	owner = users_start(run);
	struct user u, other;
	bool made = bearer_proposer(owner, &u, "drafts", run) && bearer_proposer(owner, &other, "drafts-other", run);
	const char *list = dbtest_value(owner, "SELECT list_id FROM rms_terms GROUP BY list_id ORDER BY list_id LIMIT 1");
	if (!ok(made && list, "two users who may propose, signed in, and a list with terms")) {
		users_done(owner);
		return done_testing();
	}
	snprintf(list_id, sizeof list_id, "%s", list);
	char writer[BEARER_SIZE], reader[BEARER_SIZE], stranger[BEARER_SIZE];
	bearer_of(owner, &u, "Writer", "write", writer);
	bearer_of(owner, &u, "Reader", "read", reader);
	bearer_of(owner, &other, "Stranger", "write", stranger);
	if (ok(*writer && *reader && *stranger, "their tokens")) {
		test_drafts(&u, writer, reader, stranger);
		test_batch(&u, writer, reader);
		test_document(&u, writer);
	}
	users_done(owner);
	return done_testing();
}
