/* HTTP tests of the write API's Idempotency-Key: a proposal, a comment or
 * a batch sent again with the same key answers what the first answered
 * (Idempotent-Replayed: true) and makes nothing more, also when the two
 * arrive at once; the key with another request is 422; a key of the wrong
 * form is 400 naming the header; a refused request leaves its key unused;
 * each token has its own keys; a key older than a day may be used again;
 * a multipart body is the same request whatever its boundary. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "../tap.h"
#include "bearer.h"
#include "client.h"
#include "dbtest.h"
#include "users.h"

static MYSQL *owner;
static char list_id[16];
static const struct user *proposer;

static int requests_made(void)
{
	return atoi(dbtest_valuef(owner, "SELECT COUNT(*) FROM change_requests WHERE account_id = %s", proposer->id));
}

static void proposal(char *out, size_t size, const char *name)
{
	snprintf(out, size,
		 "{\"type\": \"ADD-TERM\", \"target\": \"%s\", \"changes\": {\"term_name\": \"%s\"},"
		 " \"justification\": \"Needed for a submission\", \"submit\": true}",
		 list_id, name);
}

static void test_proposal(const char *writer, const char *other, const char *run)
{
	char body[512], key[64], first_id[24] = "", *first_loc = NULL;
	struct resp r;
	proposal(body, sizeof body, "Idempotent film");
	snprintf(key, sizeof key, "proposal-%s", run);
	int before = requests_made();
	long st = bearer_post_keyed("/api/v1/change-requests", writer, key, body, &r);
	const char *at = r.body ? strstr(r.body, "\"id\":\"") : NULL;
	if (at)
		sscanf(at + 6, "%23[0-9]", first_id);
	first_loc = header(&r, "Location");
	if (!ok(st == 201 && *first_id && first_loc && !bearer_replayed(&r), "a proposal with a new key: 201 (%ld)", st))
		diag("%s", r.body ? r.body : "");
	char *first_body = r.body ? strdup(r.body) : NULL;
	resp_free(&r);

	st = bearer_post_keyed("/api/v1/change-requests", writer, key, body, &r);
	char *loc = header(&r, "Location");
	ok(st == 201 && bearer_replayed(&r) && first_body && r.body && strcmp(r.body, first_body) == 0 && loc && first_loc &&
		   strcmp(loc, first_loc) == 0,
	   "the same proposal with the same key: the first answer again, Idempotent-Replayed (%ld)", st);
	ok(requests_made() == before + 1, "and one request made, not two");
	free(loc);
	resp_free(&r);

	char changed[512];
	proposal(changed, sizeof changed, "Another film");
	st = bearer_post_keyed("/api/v1/change-requests", writer, key, changed, &r);
	ok(st == 422 && body_has(&r, "\"parameter\":\"Idempotency-Key\"") && body_has(&r, "\"reason\":\"reused\""),
	   "the key with another proposal: 422 naming Idempotency-Key (%ld)", st);
	ok(requests_made() == before + 1, "and nothing made");
	resp_free(&r);

	st = bearer_post_keyed("/api/v1/change-requests", other, key, body, &r);
	ok(st == 201 && !bearer_replayed(&r) && requests_made() == before + 2,
	   "another token's same key is its own: a request made (%ld)", st);
	resp_free(&r);

	/* A day later the key is free again. */
	dbtest_execf(owner, "UPDATE api_idempotency SET created_at = created_at - INTERVAL 25 HOUR"
			    " WHERE key_hash = UNHEX(SHA2('%s', 256))", key);
	st = bearer_post_keyed("/api/v1/change-requests", writer, key, changed, &r);
	ok(st == 201 && !bearer_replayed(&r) && requests_made() == before + 3, "a key kept more than a day is free (%ld)", st);
	resp_free(&r);
	free(first_body);
	free(first_loc);

	if (*first_id) {
		char path[96];
		snprintf(path, sizeof path, "/api/v1/change-requests/%s/comments", first_id);
		snprintf(key, sizeof key, "comment-%s", run);
		const char *comment = "{\"comment\": \"Is there news of this film?\"}";
		long a = bearer_post_keyed(path, writer, key, comment, &r);
		resp_free(&r);
		long b = bearer_post_keyed(path, writer, key, comment, &r);
		bool again = bearer_replayed(&r);
		resp_free(&r);
		const char *n = dbtest_valuef(owner,
					      "SELECT COUNT(*) FROM change_request_events WHERE request_id = %s"
					      " AND comment = 'Is there news of this film?'",
					      first_id);
		ok(a == 201 && b == 201 && again && n && strcmp(n, "1") == 0,
		   "a comment sent twice with its key joins the thread once (%ld, %ld, %s)", a, b, n ? n : "?");
	}
}

static void test_refusals(const char *writer, const char *run)
{
	char body[512], key[64];
	struct resp r;
	proposal(body, sizeof body, "Form film");
	int before = requests_made();
	char longest[300];
	memset(longest, 'k', 256);
	longest[256] = '\0';
	const char *const bad[] = {"has space", "caf\xc3\xa9", longest};
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		long st = bearer_post_keyed("/api/v1/change-requests", writer, bad[i], body, &r);
		ok(st == 400 && body_has(&r, "\"parameter\":\"Idempotency-Key\""),
		   "a key \"%.12s\" of %zu bytes: 400 naming Idempotency-Key (%ld)", bad[i], strlen(bad[i]), st);
		resp_free(&r);
	}
	ok(requests_made() == before, "and nothing made");

	/* A refusal by the handler (no such list) leaves the key unused. */
	snprintf(key, sizeof key, "refused-%s", run);
	char missing[512];
	snprintf(missing, sizeof missing,
		 "{\"type\": \"ADD-TERM\", \"target\": \"999999999999\", \"changes\": {\"term_name\": \"Lost\"},"
		 " \"justification\": \"x\"}");
	long st = bearer_post_keyed("/api/v1/change-requests", writer, key, missing, &r);
	ok(st == 404, "a proposal to no list with a key: 404 (%ld)", st);
	resp_free(&r);
	st = bearer_post_keyed("/api/v1/change-requests", writer, key, body, &r);
	ok(st == 201 && !bearer_replayed(&r) && requests_made() == before + 1,
	   "the corrected proposal with the same key is made (%ld)", st);
	resp_free(&r);
}

/* The same key from two connections at once: one request made, and both
 * answers name it. */
static void test_at_once(const char *writer, const char *run)
{
	char body[512], key[64];
	proposal(body, sizeof body, "Twin film");
	snprintf(key, sizeof key, "twins-%s", run);
	int before = requests_made();
	int fds[2][2];
	pid_t kids[2];
	for (int i = 0; i < 2; i++) {
		if (pipe(fds[i]) < 0 || (kids[i] = fork()) < 0) {
			ok(false, "fork: two clients");
			return;
		}
		if (kids[i] == 0) {
			struct resp r;
			long st = bearer_post_keyed("/api/v1/change-requests", writer, key, body, &r);
			char id[24] = "";
			const char *at = r.body ? strstr(r.body, "\"id\":\"") : NULL;
			if (at)
				sscanf(at + 6, "%23[0-9]", id);
			dprintf(fds[i][1], "%ld %s", st, id);
			_exit(0);
		}
		close(fds[i][1]);
	}
	char out[2][64] = {"", ""};
	for (int i = 0; i < 2; i++) {
		ssize_t n = read(fds[i][0], out[i], sizeof out[i] - 1);
		out[i][n > 0 ? n : 0] = '\0';
		close(fds[i][0]);
		waitpid(kids[i], NULL, 0);
	}
	char ida[24] = "", idb[24] = "";
	long sa = 0, sb = 0;
	sscanf(out[0], "%ld %23s", &sa, ida);
	sscanf(out[1], "%ld %23s", &sb, idb);
	ok(sa == 201 && sb == 201 && *ida && strcmp(ida, idb) == 0 && requests_made() == before + 1,
	   "two at once with one key: one request, both answers name it (%s / %s)", out[0], out[1]);
}

/* A batch (`atomic`, its second item bad when `bad`) sent twice with one
 * key: 207 both times, the same body, `made` requests made once. */
static void batch_twice(const char *writer, const char *run, bool atomic, bool bad, int made, const char *what)
{
	char body[1024], key[64];
	snprintf(body, sizeof body,
		 "{\"atomic\": %s, \"requests\": [{\"type\": \"ADD-TERM\", \"target\": \"%s\","
		 " \"changes\": {\"term_name\": \"Batch film %s\"}},"
		 " {\"type\": \"ADD-TERM\", \"target\": \"%s\", \"changes\": {%s}}]}",
		 atomic ? "true" : "false", list_id, what, list_id, bad ? "" : "\"term_name\": \"Batch film two\"");
	snprintf(key, sizeof key, "batch-%s-%d%d", run, atomic, bad);
	int before = requests_made();
	struct resp r;
	long a = bearer_post_keyed("/api/v1/change-requests:batch", writer, key, body, &r);
	char *first = r.body ? strdup(r.body) : NULL;
	resp_free(&r);
	long b = bearer_post_keyed("/api/v1/change-requests:batch", writer, key, body, &r);
	ok(a == 207 && b == 207 && bearer_replayed(&r) && first && r.body && strcmp(first, r.body) == 0 &&
		   requests_made() == before + made,
	   "%s batch%s sent twice with its key: the first 207 again, %d made once (%ld, %ld)", atomic ? "an atomic" : "a",
	   bad ? " with a bad item" : "", made, a, b);
	resp_free(&r);
	free(first);
}

static void test_batch(const char *writer, const char *run)
{
	batch_twice(writer, run, true, false, 2, "all good");
	batch_twice(writer, run, false, true, 1, "one bad"); /* the bad item's work undone alone */
	batch_twice(writer, run, true, true, 0, "all or none");
}

/* A proposal with its PDF as multipart, the parts split by `boundary`,
 * sent with `key`. */
static long with_letter(const char *writer, const char *key, const char *boundary, struct resp *r)
{
	static const char pdf[] = "%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n";
	char body[2048], json[512], auth[128], idem[128], type[128];
	proposal(json, sizeof json, "Film with its letter");
	int n = snprintf(body, sizeof body,
			 "--%s\r\nContent-Disposition: form-data; name=\"request\"\r\nContent-Type: application/json\r\n\r\n"
			 "%s\r\n--%s\r\nContent-Disposition: form-data; name=\"document\"; filename=\"letter.pdf\"\r\n"
			 "Content-Type: application/pdf\r\n\r\n%s\r\n--%s--\r\n",
			 boundary, json, boundary, pdf, boundary);
	snprintf(auth, sizeof auth, "Authorization: Bearer %s", writer);
	snprintf(idem, sizeof idem, "Idempotency-Key: %s", key);
	snprintf(type, sizeof type, "Content-Type: multipart/form-data; boundary=%s", boundary);
	const char *headers[] = {auth, idem, type, NULL};
	return request("POST", "/api/v1/change-requests", body, (size_t)n, headers, r) == 0 ? r->status : -1;
}

/* curl draws a new boundary for each sending: the same parts are the same
 * request. */
static void test_multipart(const char *writer, const char *run)
{
	char key[64];
	snprintf(key, sizeof key, "letter-%s", run);
	int before = requests_made();
	struct resp r;
	long a = with_letter(writer, key, "----first-boundary-1", &r);
	resp_free(&r);
	long b = with_letter(writer, key, "----second-boundary-22", &r);
	ok(a == 201 && b == 201 && bearer_replayed(&r) && requests_made() == before + 1,
	   "a proposal with its PDF sent again with its key and another boundary: made once (%ld, %ld)", a, b);
	resp_free(&r);
}

int main(void)
{
	char run[USER_RUN_SIZE];
	owner = users_start(run);
	struct user u;
	bool made = bearer_proposer(owner, &u, "idempotent", run);
	const char *list = dbtest_value(owner, "SELECT list_id FROM rms_terms GROUP BY list_id ORDER BY list_id LIMIT 1");
	if (!ok(made && list, "a user who may propose, signed in, and a list with terms")) {
		users_done(owner);
		return done_testing();
	}
	proposer = &u;
	snprintf(list_id, sizeof list_id, "%s", list);
	char writer[BEARER_SIZE], other[BEARER_SIZE];
	bearer_of(owner, &u, "Retrying", "write", writer);
	bearer_of(owner, &u, "Second", "write", other);
	if (ok(*writer && *other, "two write tokens")) {
		test_proposal(writer, other, run);
		test_refusals(writer, run);
		test_at_once(writer, run);
		test_batch(writer, run);
		test_multipart(writer, run);
	}
	users_done(owner);
	return done_testing();
}
