/* HTTP tests of the write API against hostile input: with a live write
 * token and the role to propose, POST /api/v1/change-requests gets JSON
 * nested ten thousand deep, strings just under and over the route's body
 * cap, wrong types, duplicate keys, invalid UTF-8, NUL characters,
 * trailing garbage, an empty body, documents that are no object and bodies
 * that are no JSON.  Each answers 4xx with the API's JSON error, naming the
 * parameter where there is one, and writes nothing; the program lives on
 * and takes the good proposal after them.  Then one token hammering the
 * API from many addresses, none of them over its own allowance, is
 * limited by nginx's per-token limit (429 with the JSON error) while
 * another token from one of those addresses is not. */
#include "config.h"

#include <jansson.h>
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
static struct user u;
static char writer[BEARER_SIZE], list_id[16];

/* The route's body cap (routes_account.c). */
enum { BODY_MAX = 256 * 1024 };

/* The account's change requests, as the database counts them, and as the
 * API's own list does ("-1" when it could not tell). */
static long written(void)
{
	return atol(dbtest_valuef(owner, "SELECT COUNT(*) FROM change_requests WHERE account_id = %s", u.id));
}

static long listed(void)
{
	struct resp r;
	long total = -1;
	if (bearer_get("/api/v1/change-requests", writer, NULL, &r) == 200) {
		json_t *doc = json_loads(r.body, 0, NULL);
		json_t *t = json_object_get(json_object_get(doc, "paging"), "total");
		if (json_is_integer(t))
			total = (long)json_integer_value(t);
		json_decref(doc);
	}
	resp_free(&r);
	return total;
}

/* Whether an answer is the API's JSON error of `status`, naming a
 * parameter that holds `param` (any, or none, when NULL); the parameter
 * named into named. */
static bool json_error(const struct resp *r, long status, const char *param, char named[128])
{
	json_t *doc = r->body ? json_loads(r->body, 0, NULL) : NULL;
	json_t *e = json_object_get(doc, "error");
	const char *p = json_string_value(json_object_get(e, "parameter"));
	snprintf(named, 128, "%s", p ? p : "none");
	bool is = json_integer_value(json_object_get(e, "status")) == status &&
		  json_string_value(json_object_get(e, "message")) && (!param || (p && strstr(p, param)));
	json_decref(doc);
	return is;
}

/* `n` copies of `s` between `head` and `tail`, with LIST in them replaced
 * by the list's ID: a new string. */
static char *build(const char *head, const char *s, size_t n, const char *tail)
{
	size_t hl = strlen(head), sl = strlen(s), tl = strlen(tail);
	char *out = malloc(hl + sl * n + tl + 64), *at = out;
	for (const char *h = head; *h;) {
		if (strncmp(h, "LIST", 4) == 0) {
			at += sprintf(at, "%s", list_id);
			h += 4;
		} else {
			*at++ = *h++;
		}
	}
	for (size_t i = 0; i < n; i++, at += sl)
		memcpy(at, s, sl);
	memcpy(at, tail, tl + 1);
	return out;
}

/* `t` with its LIST replaced: a new string. */
static char *text(const char *t)
{
	return build(t, "", 0, "");
}

/* A body of `head`, `n` times `s`, `n` times `close` and `tail`: nesting. */
static char *nested(const char *head, const char *s, const char *close, size_t n, const char *tail)
{
	char *inner = build("", close, n, tail);
	char *out = build(head, s, n, inner);
	free(inner);
	return out;
}

struct hostile {
	const char *why;
	char *body;	   /* a new string, freed after */
	size_t len;	   /* 0: strlen(body) */
	const char *type;  /* the Content-Type; NULL for none */
	long status;	   /* the answer wanted */
	const char *param; /* a parameter it names, or NULL */
};

#define GOOD_HEAD "{\"type\": \"ADD-TERM\", \"target\": \"LIST\", "
#define JSON "application/json"

/* One case: its answer, the JSON error, nothing written. */
static void refused(struct hostile *h)
{
	long before = written();
	struct resp r;
	size_t len = h->len ? h->len : strlen(h->body);
	long st = bearer_send("POST", "/api/v1/change-requests", writer, h->type, h->body, len, &r);
	char named[128];
	if (!ok(st == h->status && json_error(&r, h->status, h->param, named) && written() == before,
		"%s: %ld naming %s, nothing written (%ld, %s)", h->why, h->status, h->param ? h->param : "what it can",
		st, named))
		diag("answered %.300s", r.body ? r.body : "");
	resp_free(&r);
	free(h->body);
}

static void test_hostile(void)
{
	long before = written(), before_listed = listed();
	ok(before_listed == before, "the API lists the account's requests as the database counts them (%ld)",
	   before_listed);
	char *under = malloc(BODY_MAX), *over = malloc(BODY_MAX + 2);
	memset(under, 'x', BODY_MAX);
	memset(over, 'x', BODY_MAX + 2);
	/* The string that fills the body to its cap but for a few bytes, and
	 * the one that passes it. */
	char head[256];
	snprintf(head, sizeof head, GOOD_HEAD "\"justification\": \"");
	size_t room = BODY_MAX - strlen(head) - strlen(list_id) + 4 - 2 - 16;
	under[room] = '\0';
	over[BODY_MAX + 1] = '\0';
	struct hostile cases[] = {
		{"10,000 arrays nested as the document", nested("", "[", "]", 10000, ""), 0, JSON, 400, "body"},
		{"10,000 objects nested as the document", nested("", "{\"a\": ", "}", 10000, ""), 0, JSON, 400, "body"},
		{"10,000 arrays nested in changes", nested(GOOD_HEAD "\"changes\": ", "[", "]", 10000, "}"), 0, JSON, 400,
		 "body"},
		{"10,000 objects nested in a change",
		 nested(GOOD_HEAD "\"changes\": {\"term_name\": ", "{\"a\": ", "}", 10000, "}}"), 0, JSON, 400, "body"},
		{"1,000 arrays nested in a change (JSON the parser takes)",
		 nested(GOOD_HEAD "\"changes\": {\"term_name\": ", "[", "]", 1000, "}}"), 0, JSON, 400,
		 "changes.term_name"},
		{"a justification just under the body cap", build(head, under, 1, "\"}"), 0, JSON, 400, "justification"},
		{"a term name just under the body cap", build(GOOD_HEAD "\"changes\": {\"term_name\": \"", under, 1, "\"}}"),
		 0, JSON, 400, "term_name"},
		{"a body over the cap", build(head, over, 1, "\"}"), 0, JSON, 413, NULL},
		{"a number for the type", text("{\"type\": 7, \"target\": \"LIST\"}"), 0, JSON, 400, "type"},
		{"null for the target", text("{\"type\": \"ADD-TERM\", \"target\": null}"), 0, JSON, 400, "target"},
		{"a number for the target", text("{\"type\": \"ADD-TERM\", \"target\": 100000000002}"), 0, JSON,
		 400, "target"},
		{"an array for the justification", text(GOOD_HEAD "\"justification\": [\"a\"]}"), 0, JSON, 400,
		 "justification"},
		{"an object for a change", text(GOOD_HEAD "\"changes\": {\"term_name\": {\"en\": \"a\"}}}"), 0,
		 JSON, 400, "changes.term_name"},
		{"null for a change", text(GOOD_HEAD "\"changes\": {\"short_name\": null}}"), 0, JSON, 400,
		 "changes.short_name"},
		{"true for a change", text(GOOD_HEAD "\"changes\": {\"short_name\": true}}"), 0, JSON, 400,
		 "changes.short_name"},
		{"an array for the changes", text(GOOD_HEAD "\"changes\": [\"term_name\", \"a\"]}"), 0, JSON,
		 400, "changes"},
		{"a string for the changes", text(GOOD_HEAD "\"changes\": \"term_name=a\"}"), 0, JSON, 400, "changes"},
		{"\"yes\" for submit", text(GOOD_HEAD "\"changes\": {\"term_name\": \"a\"}, \"submit\": \"yes\"}"),
		 0, JSON, 400, "submit"},
		{"1 for submit", text(GOOD_HEAD "\"submit\": 1}"), 0, JSON, 400, "submit"},
		{"a key twice", text(GOOD_HEAD "\"justification\": \"a\", \"justification\": \"b\"}"), 0, JSON,
		 400, "body"},
		{"a change twice", text(GOOD_HEAD "\"changes\": {\"term_name\": \"a\", \"term_name\": \"b\"}}"), 0,
		 JSON, 400, "body"},
		{"invalid UTF-8 in a key", text(GOOD_HEAD "\"changes\": {\"term_n\xff" "me\": \"a\"}}"), 0, JSON,
		 400, "body"},
		{"invalid UTF-8 in a value", text(GOOD_HEAD "\"changes\": {\"term_name\": \"caf\xc3(\"}}"), 0, JSON, 400,
		 "body"},
		{"an overlong UTF-8 sequence", text(GOOD_HEAD "\"justification\": \"\xc0\xaf\"}"), 0, JSON, 400,
		 "body"},
		{"a lone surrogate escaped", text(GOOD_HEAD "\"justification\": \"a\\ud800b\"}"), 0, JSON, 400, "body"},
		{"\\u0000 in a value", text(GOOD_HEAD "\"changes\": {\"term_name\": \"a\\u0000b\"}}"), 0, JSON,
		 400, "body"},
		{"a NUL byte in the body", text(GOOD_HEAD "\"justification\": \"a~b\"}"), 0, JSON, 400, "body"},
		{"trailing garbage", text(GOOD_HEAD "\"changes\": {\"term_name\": \"a\"}} garbage"), 0, JSON,
		 400, "body"},
		{"two documents", text(GOOD_HEAD "\"changes\": {\"term_name\": \"a\"}}{}"), 0, JSON, 400, "body"},
		{"a document cut short", text(GOOD_HEAD "\"changes\": {\"term_name\": \"a"), 0, JSON, 400, "body"},
		{"an empty body", text(""), 0, JSON, 400, "type"},
		{"an empty object", text("{}"), 0, JSON, 400, "type"},
		{"an array as the body", text("[{\"type\": \"ADD-TERM\", \"target\": \"LIST\"}]"), 0, JSON, 400,
		 "body"},
		{"a string as the body", text("\"ADD-TERM\""), 0, JSON, 400, "body"},
		{"null as the body", text("null"), 0, JSON, 400, "body"},
		{"a number too large for any type", text(GOOD_HEAD "\"submit\": 1e999999}"), 0, JSON, 400, "body"},
		{"text/plain", text(GOOD_HEAD "\"changes\": {\"term_name\": \"a\"}}"), 0, "text/plain", 415,
		 "Content-Type"},
		{"no Content-Type", text(GOOD_HEAD "\"changes\": {\"term_name\": \"a\"}}"), 0, NULL, 415,
		 "Content-Type"},
		{"a type that only starts as JSON's", text(GOOD_HEAD "\"changes\": {\"term_name\": \"a\"}}"), 0,
		 "application/jsonp", 415, "Content-Type"},
		{"the web form's fields instead of JSON",
		 text("type=ADD-TERM&target=LIST&term_name=Form+encoded&justification=x&step=submit"), 0,
		 "application/x-www-form-urlencoded", 415, "Content-Type"},
	};
	/* The NUL byte's case: its ~ made a NUL, the body as long as before. */
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++)
		if (strstr(cases[i].why, "NUL byte")) {
			cases[i].len = strlen(cases[i].body);
			*strchr(cases[i].body, '~') = '\0';
		}
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++)
		refused(&cases[i]);
	free(under);
	free(over);
	ok(written() == before && listed() == before_listed, "after them all, the account has the requests it had (%ld)",
	   written());

	/* The program lived through it: the same route takes a good one. */
	char body[512];
	snprintf(body, sizeof body,
		 "{\"type\": \"ADD-TERM\", \"target\": \"%s\", \"changes\": {\"term_name\": \"Hostile test film %s\"},"
		 " \"justification\": \"After the hostile ones\", \"submit\": false}",
		 list_id, u.id);
	struct resp r;
	long st = bearer_post("/api/v1/change-requests", writer, body, &r);
	ok(st == 201 && written() == before + 1 && listed() == before_listed + 1,
	   "then a good proposal: 201, and one more request (%ld)", st);
	resp_free(&r);
}

/* What a child hammering the API saw. */
struct tally {
	int sent, limited, json, other;
};

/* POST refused documents (written never) as `token` from `source`, `n`
 * times: the tally, written to fd. */
static void hammer(const char *token, const char *source, int n, int fd)
{
	struct tally t = {0};
	client_source = source;
	for (int i = 0; i < n; i++) {
		struct resp r;
		long st = bearer_post("/api/v1/change-requests", token, "[]", &r);
		t.sent++;
		if (st == 429) {
			char named[128];
			t.limited++;
			char *retry = header(&r, "Retry-After");
			if (json_error(&r, 429, NULL, named) && retry)
				t.json++;
			free(retry);
		} else if (st != 400) {
			t.other++;
		}
		resp_free(&r);
	}
	if (write(fd, &t, sizeof t) != (ssize_t)sizeof t)
		_exit(2);
	_exit(0);
}

/* nginx limits the write API per address and per token, alike (the
 * configuration's API rate and burst: 50 a second and 200 by default).
 * From one address the two limits cannot be told apart, so the token
 * hammers from 20 addresses at once, 50 requests from each: no address
 * comes near its allowance, and only the token's limit can refuse. */
static void test_token_limit(void)
{
	enum { ADDRESSES = 20, EACH = 50 };
	char other[BEARER_SIZE];
	bearer_of(owner, &u, "Quiet+one", "write", other);
	static char sources[ADDRESSES][24];
	int fds[2];
	if (pipe(fds) != 0) {
		ok(false, "a pipe for the children");
		return;
	}
	long before = written();
	for (int i = 0; i < ADDRESSES; i++) {
		snprintf(sources[i], sizeof sources[i], "127.0.0.%d", 120 + i);
		fflush(stdout);
		if (fork() == 0) {
			close(fds[0]);
			hammer(writer, sources[i], EACH, fds[1]);
		}
	}
	close(fds[1]);
	struct tally all = {0}, t;
	while (read(fds[0], &t, sizeof t) == (ssize_t)sizeof t) {
		all.sent += t.sent;
		all.limited += t.limited;
		all.json += t.json;
		all.other += t.other;
	}
	close(fds[0]);
	int ws;
	while (wait(&ws) > 0)
		;
	ok(all.sent == ADDRESSES * EACH && all.limited > 0 && all.json == all.limited && all.other == 0,
	   "one token from %d addresses, %d requests from each: %d of %d refused 429 with Retry-After and the JSON "
	   "error",
	   ADDRESSES, EACH, all.limited, all.sent);
	client_source = sources[0];
	struct resp r;
	long st = bearer_get("/api/v1/change-requests", other, NULL, &r);
	ok(st == 200, "another token from one of those addresses is not limited (%ld)", st);
	resp_free(&r);
	client_source = NULL;
	ok(written() == before, "the refused requests wrote nothing");
	/* The token's allowance refills (at 50 a second) for the tests after. */
	sleep(5);
}

int main(void)
{
	char run[USER_RUN_SIZE];
	owner = users_start(run);
	if (!ok(dbtest_import_demo() && bearer_proposer(owner, &u, "api-hostile", run),
		"the demonstration data, and a user who may propose")) {
		users_done(owner);
		return done_testing();
	}
	snprintf(list_id, sizeof list_id, "%s",
		 dbtest_value(owner, "SELECT list_id FROM rms_terms GROUP BY list_id ORDER BY list_id LIMIT 1"));
	bearer_of(owner, &u, "Hostile", "write", writer);
	if (ok(*writer && *list_id, "a write token and a list to propose a term to")) {
		test_hostile();
		test_token_limit();
	}
	users_done(owner);
	return done_testing();
}
