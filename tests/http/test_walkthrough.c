/* The write API's curl walk-through of docs/api.md, run as it is written
 * there: the ```sh block after the line "<!-- walkthrough", run by bash
 * with set -euo pipefail against the test portal, SPOR its address and
 * SPOR_TOKEN a write token that `sporctl user tokens --new` made (and
 * printed alone) for a user who may propose to the demonstration data's
 * lists.  Then what the walk-through did, read from the database and the
 * web: one request of that user's, withdrawn, with the comment in its
 * thread, on its owner's page, its making audit-logged with the token's
 * name.  The same block with a path the portal does not serve, or with a
 * revoked token, fails: a command of the docs that stops working fails
 * this test. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "../tap.h"
#include "client.h"
#include "dbtest.h"
#include "users.h"

static MYSQL *owner;
static char out_path[64], err_path[64], script_path[64];

/* The walk-through's commands in docs/api.md (a new string), or NULL when
 * the marker or its block is missing. */
static char *walkthrough(void)
{
	char path[4096];
	dbtest_source_path("docs/api.md", path, sizeof path);
	char *doc = slurp(path), *block = NULL;
	const char *mark = doc ? strstr(doc, "\n<!-- walkthrough") : NULL;
	const char *open = mark ? strchr(mark + 1, '\n') : NULL;
	if (open && strncmp(open, "\n```sh\n", 7) == 0) {
		const char *start = open + 7, *end = strstr(start, "\n```\n");
		if (end)
			block = strndup(start, (size_t)(end - start) + 1);
	}
	free(doc);
	return block;
}

/* Run `commands` with bash (set -euo pipefail), SPOR the portal and
 * SPOR_TOKEN `token`: its exit status; what it printed in out_path, what
 * it said on standard error in err_path. */
static int run(const char *commands, const char *token)
{
	FILE *f = fopen(script_path, "w");
	if (!f)
		return -1;
	bool written = fprintf(f, "set -euo pipefail\n%s", commands) > 0;
	if (fclose(f) != 0 || !written)
		return -1;
	setenv("SPOR", client_base(), 1);
	setenv("SPOR_TOKEN", token, 1);
	char cmd[512];
	snprintf(cmd, sizeof cmd, "bash '%s' >'%s' 2>'%s'", script_path, out_path, err_path);
	int status = system(cmd);
	return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

/* Show a file a run wrote, line by line, as diagnostics. */
static void show(const char *what, const char *path)
{
	char *text = slurp(path);
	diag("%s:%s", what, text && *text ? "" : " (nothing)");
	for (char *line = text ? strtok(text, "\n") : NULL; line; line = strtok(NULL, "\n"))
		diag("  %s", line);
	free(text);
}

/* Show what a run printed. */
static void said(void)
{
	show("standard output", out_path);
	show("standard error", err_path);
}

/* A write token for `u` made by sporctl, as the walk-through's step 1
 * makes one: what it printed, which must be the token alone on its line. */
static bool token_by_sporctl(const struct user *u, char token[64])
{
	char args[256];
	snprintf(args, sizeof args, "user tokens '%s' --new Walk-through --scope write --expires-days 30", u->email);
	int rc = dbtest_sporctl_apart(args, out_path, err_path);
	char *out = slurp(out_path);
	size_t n = out ? strspn(out, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_-") : 0;
	bool alone = rc == 0 && n == 9 + 43 && strncmp(out, "spor_pat_", 9) == 0 && strcmp(out + n, "\n") == 0;
	snprintf(token, 64, "%.*s", alone ? (int)n : 0, alone ? out : "");
	free(out);
	if (!ok(alone, "sporctl user tokens --new prints the token alone on standard output (%d)", rc))
		said();
	return alone;
}

/* The walk-through as written: exit 0, and its steps' answers printed. */
static void test_as_written(const char *commands, const char *token, struct user *u)
{
	int rc = run(commands, token);
	char *out = slurp(out_path);
	ok(rc == 0, "the walk-through of docs/api.md runs as written (exit %d)", rc);
	said();
	const char *submitted = out ? strstr(out, "\nSUBMITTED\n") : NULL;
	const char *withdrawn = submitted ? strstr(submitted, "\nWITHDRAWN\n") : NULL;
	ok(out && strncmp(out, "request ", 8) == 0 && submitted && withdrawn && strstr(out, "requester SUBMITTED"),
	   "it printed the new request, its status SUBMITTED with its thread, then WITHDRAWN");
	free(out);

	char id[24];
	snprintf(id, sizeof id, "%s",
		 dbtest_valuef(owner, "SELECT MAX(id) FROM change_requests WHERE account_id = %s", u->id));
	ok(*id && strcmp(dbtest_valuef(owner,
				       "SELECT CONCAT(type, ' ', status, ' ', list_id, ' ',"
				       " (SELECT COUNT(*) FROM change_requests WHERE account_id = %s))"
				       " FROM change_requests WHERE id = %s",
				       u->id, *id ? id : "0"),
			 "ADD-TERM WITHDRAWN 100000073345 1") == 0,
	   "the user has one request, the new term for the list of routes, withdrawn");
	ok(strcmp(dbtest_valuef(owner,
				"SELECT COUNT(*) FROM change_request_events WHERE request_id = %s"
				" AND comment = 'Listed in the EDQM database since 2023.'",
				*id ? id : "0"),
		  "1") == 0,
	   "its thread holds the walk-through's comment");
	ok(strcmp(dbtest_valuef(owner,
				"SELECT COUNT(*) FROM audit_log WHERE about_id = %s AND token_name = 'Walk-through'",
				*id ? id : "0"),
		  "0") != 0,
	   "the audit log names the token that made it");

	char path[64];
	struct resp r;
	snprintf(path, sizeof path, "/account/requests/%s", id);
	visitor_get(&u->v, path, &r);
	ok(r.status == 200 && body_has(&r, "Oromucosal use") && body_has(&r, "Listed in the EDQM database since 2023.") &&
		   body_has(&r, "Withdrawn"),
	   "its owner's page shows it withdrawn, with the term and the comment (%ld)", r.status);
	resp_free(&r);
}

/* A broken walk-through fails: a path the portal does not serve, a token
 * that no longer works; nothing is kept. */
static void test_broken(const char *commands, const char *token, const struct user *u)
{
	const char *before = dbtest_valuef(owner, "SELECT COUNT(*) FROM change_requests WHERE account_id = %s", u->id);
	char count[24];
	snprintf(count, sizeof count, "%s", before);
	const char *path = "/api/v1/change-requests\"";
	const char *at = strstr(commands, path);
	if (!ok(at != NULL, "the walk-through proposes at /api/v1/change-requests"))
		return;
	size_t n = strlen(commands) + 8;
	char *broken = malloc(n);
	snprintf(broken, n, "%.*s/api/v1/change-request\"%s", (int)(at - commands), commands, at + strlen(path));
	int rc = run(broken, token);
	free(broken);
	ok(rc != 0, "with a path the portal does not serve, it fails (exit %d)", rc);

	dbtest_execf(owner, "UPDATE access_tokens SET revoked_at = UTC_TIMESTAMP() WHERE account_id = %s", u->id);
	rc = run(commands, token);
	ok(rc != 0, "with a revoked token, it fails (exit %d)", rc);
	ok(strcmp(dbtest_valuef(owner, "SELECT COUNT(*) FROM change_requests WHERE account_id = %s", u->id), count) == 0,
	   "and neither kept a request");
}

int main(void)
{
	char run_id[USER_RUN_SIZE];
	owner = users_start(run_id);
	snprintf(out_path, sizeof out_path, "/tmp/spor-test-walkthrough-%d.out", (int)getpid());
	snprintf(err_path, sizeof err_path, "/tmp/spor-test-walkthrough-%d.err", (int)getpid());
	snprintf(script_path, sizeof script_path, "/tmp/spor-test-walkthrough-%d.sh", (int)getpid());
	char *commands = walkthrough();
	ok(commands != NULL, "docs/api.md has the walk-through: a ```sh block after its marker");
	struct user u;
	bool ready = commands && dbtest_import_demo() && user_make(owner, &u, "walkthrough", run_id, "example.org");
	/* A role that lets the user propose, as an industry user of an organisation. */
	ready = ready && dbtest_execf(owner,
				      "INSERT INTO account_roles (account_id, role_code, org_id)"
				      " VALUES (%s, 'INDUSTRY_USER', 'ORG-100000001')",
				      u.id) == 0;
	char token[64];
	if (ok(ready, "the demonstration data, and a user who may propose") && token_by_sporctl(&u, token)) {
		test_as_written(commands, token, &u);
		test_broken(commands, token, &u);
	}
	free(commands);
	unlink(out_path);
	unlink(err_path);
	unlink(script_path);
	users_done(owner);
	return done_testing();
}
