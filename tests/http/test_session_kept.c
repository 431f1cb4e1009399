/* The sessions spor-public's workers keep between pages (session_kept.h,
 * migration 0034).  A session's page is asked many times, so that every
 * worker that answers keeps the session, and then each write that changes
 * what the session shows (its end, its account locked, renamed, deleted,
 * given a role, another language or a star, the session made idle, expired
 * or moved to another account) must show on every page after it, at once;
 * and a session that simply runs out of time ends on time without any
 * write.  The worker must really keep it: its pages call spor_request()
 * once per worker, not once per page. */
#include "config.h"

#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "../tap.h"
#include "client.h"
#include "dbtest.h"
#include "users.h"

static MYSQL *owner;

/* Pages asked each time: more than the workers, several times over. */
enum { PAGES = 12 };

/* 43 characters, as the portal's tokens. */
#define TOKEN(c) c c c c c c c c c c c c c c c c c c c c c c c c c c c c c c c c c c c c c c c c c c c

static const char *account_of(const char *email)
{
	static char id[24];
	snprintf(id, sizeof id, "%s", dbtest_valuef(owner, "SELECT id FROM accounts WHERE email = '%s'", email));
	return id;
}

static void make_account(const char *email, const char *name)
{
	dbtest_execf(owner, "INSERT INTO accounts (email, name, password_hash, status) VALUES ('%s', '%s', 'x', 'active')",
		     email, name);
}

static void make_session(const char *token, const char *email, const char *expires)
{
	dbtest_execf(owner,
		     "INSERT INTO sessions (token_hash, account_id, expires_at)"
		     " SELECT UNHEX(SHA2('%s', 256)), id, %s FROM accounts WHERE email = '%s'",
		     token, expires, email);
}

/* How many of PAGES answers of `path` for `token` hold `needle`. */
static int pages_with(const char *token, const char *path, const char *needle)
{
	char cookie[128];
	snprintf(cookie, sizeof cookie, "Cookie: spor_session=%s", token);
	const char *headers[] = {cookie, NULL};
	int n = 0;
	for (int i = 0; i < PAGES; i++) {
		struct resp r;
		request("GET", path, NULL, 0, headers, &r);
		n += r.status == 200 && body_has(&r, needle);
		resp_free(&r);
	}
	return n;
}

static long calls(void)
{
	return atol(dbtest_value(owner, "SELECT VARIABLE_VALUE FROM information_schema.GLOBAL_STATUS"
					" WHERE VARIABLE_NAME = 'COM_CALL_PROCEDURE'"));
}

static const char *stamp_of(const char *account)
{
	return dbtest_valuef(owner, "SELECT COALESCE((SELECT stamp FROM account_stamps WHERE account_id = %s), 0)",
			     account);
}

#define SIGNED_IN "action=\"/logout\""

/* A write (SQL, as the programs would make it) after which every page of
 * `path` for `token` must hold `after`, when all held `before`. */
static void shows_at_once(const char *token, const char *path, const char *before, const char *write,
			  const char *after, const char *what)
{
	int n = pages_with(token, path, before);
	dbtest_execf(owner, "%s", write);
	int m = pages_with(token, path, after);
	ok(n == PAGES && m == PAGES, "%s: at once on every page (%d of %d before, %d of %d after)", what, n, PAGES, m,
	   PAGES);
}

int main(void)
{
	owner = users_start(NULL);
	dbtest_run(owner, "DELETE FROM accounts WHERE email LIKE '%@kept.test'");
	if (atoi(dbtest_value(owner, "SELECT COUNT(*) FROM rms_lists")) == 0)
		dbtest_import_demo();
	char list[16], path[64];
	snprintf(list, sizeof list, "%s", dbtest_value(owner, "SELECT id FROM rms_lists ORDER BY id LIMIT 1"));
	snprintf(path, sizeof path, "/rms/lists/%s", list);
	make_account("ada@kept.test", "Ada Kept");
	make_account("bob@kept.test", "Bob Kept");
	char ada[24], bob[24];
	snprintf(ada, sizeof ada, "%s", account_of("ada@kept.test"));
	snprintf(bob, sizeof bob, "%s", account_of("bob@kept.test"));
	ok(strcmp(dbtest_valuef(owner, "SELECT GROUP_CONCAT(stamp) FROM account_stamps WHERE account_id = %s", ada), "0") == 0,
	   "a new account has its stamp's row from the start (a move only ever updates it)");

	/* Kept: the pages after the first of each worker call nothing. */
	const char *t1 = TOKEN("k");
	make_session(t1, "ada@kept.test", "UTC_TIMESTAMP() + INTERVAL 1 HOUR");
	long before = calls();
	int n = pages_with(t1, "/rms/lists", "Ada Kept");
	long made = calls() - before;
	const char *workers = getenv("SPOR_WORKERS");
	long most = workers ? atol(workers) : 3;
	ok(n == PAGES && made >= 1 && made <= most,
	   "a session's %d pages call spor_request() once per worker at most (%ld calls, %ld workers)", PAGES, made,
	   most);

	/* Each write that changes what the pages show. */
	shows_at_once(t1, "/rms/lists", "Ada Kept", "UPDATE accounts SET name = 'Ada Renamed' WHERE email = 'ada@kept.test'",
		      "Ada Renamed", "a new name");
	shows_at_once(t1, "/rms/lists", "<html lang=\"en\"",
		      "UPDATE accounts SET ui_lang = 'fr' WHERE email = 'ada@kept.test'", "<html lang=\"fr\"",
		      "another interface language");
	dbtest_execf(owner, "UPDATE accounts SET ui_lang = NULL WHERE id = %s", ada);
	char write[300];
	snprintf(write, sizeof write, "INSERT INTO account_roles (account_id, role_code) VALUES (%s, 'ADMINISTRATOR')", ada);
	shows_at_once(t1, "/rms/lists", SIGNED_IN, write, "href=\"/admin\"", "a role granted");
	snprintf(write, sizeof write, "DELETE FROM account_roles WHERE account_id = %s", ada);
	int had = pages_with(t1, "/rms/lists", "href=\"/admin\"");
	dbtest_execf(owner, "%s", write);
	ok(had == PAGES && pages_with(t1, "/rms/lists", "href=\"/admin\"") == 0 &&
		   pages_with(t1, "/rms/lists", SIGNED_IN) == PAGES,
	   "a role taken away: gone at once, the session still live");
	snprintf(write, sizeof write, "INSERT INTO favourites (account_id, kind, ref) VALUES (%s, 'list', '%s')", ada, list);
	shows_at_once(t1, path, "aria-pressed=\"false\"", write, "aria-pressed=\"true\"", "a star set");

	/* A visit recorded (the writers' pages, once a minute) moves nothing. */
	char stamp[24];
	snprintf(stamp, sizeof stamp, "%s", stamp_of(ada));
	dbtest_execf(owner, "UPDATE sessions SET last_seen_at = UTC_TIMESTAMP() WHERE account_id = %s", ada);
	ok(strcmp(stamp_of(ada), stamp) == 0 && pages_with(t1, "/rms/lists", SIGNED_IN) == PAGES,
	   "a visit recorded does not move the account's stamp (%s)", stamp);

	/* The ends of a session: each write (for the session's row) on a new session of Ada's. */
	static const struct {
		const char *token, *write, *what;
	} ends[] = {
		{TOKEN("l"), "UPDATE sessions SET last_seen_at = UTC_TIMESTAMP() - INTERVAL 31 MINUTE",
		 "a session made idle (its last visit moved back)"},
		{TOKEN("m"), "UPDATE sessions SET expires_at = UTC_TIMESTAMP() - INTERVAL 1 SECOND",
		 "a session expired"},
		{TOKEN("p"), "DELETE FROM sessions", "a session ended (signed out)"},
	};
	for (size_t i = 0; i < sizeof ends / sizeof ends[0]; i++) {
		make_session(ends[i].token, "ada@kept.test", "UTC_TIMESTAMP() + INTERVAL 1 HOUR");
		snprintf(write, sizeof write, "%s WHERE token_hash = UNHEX(SHA2('%s', 256))", ends[i].write, ends[i].token);
		shows_at_once(ends[i].token, "/rms/lists", SIGNED_IN, write, "href=\"/login", ends[i].what);
	}
	const char *t4 = TOKEN("n");
	make_session(t4, "ada@kept.test", "UTC_TIMESTAMP() + INTERVAL 1 HOUR");
	shows_at_once(t4, "/rms/lists", SIGNED_IN, "UPDATE accounts SET status = 'locked' WHERE email = 'ada@kept.test'",
		      "href=\"/login", "its account locked");
	dbtest_run(owner, "UPDATE accounts SET status = 'active' WHERE email = 'ada@kept.test'");
	ok(pages_with(t4, "/rms/lists", SIGNED_IN) == PAGES, "and unlocked: the session is live again");
	snprintf(write, sizeof write,
		 "UPDATE sessions SET account_id = %s WHERE token_hash = UNHEX(SHA2('" TOKEN("n") "', 256))", bob);
	shows_at_once(t4, "/rms/lists", "Ada Renamed", write, "Bob Kept", "a session moved to another account");
	shows_at_once(t4, "/rms/lists", SIGNED_IN, "DELETE FROM accounts WHERE email = 'bob@kept.test'", "href=\"/login",
		      "its account deleted (its sessions go by foreign key, which fires no trigger)");

	/* Time alone: a session that expires in a few seconds, with no write. */
	const char *t5 = TOKEN("o");
	make_session(t5, "ada@kept.test", "UTC_TIMESTAMP() + INTERVAL 3 SECOND");
	n = pages_with(t5, "/rms/lists", SIGNED_IN);
	sleep(4);
	ok(n == PAGES && pages_with(t5, "/rms/lists", "href=\"/login") == PAGES,
	   "a session that runs out of time ends on time, with no write (%d of %d signed in before)", n, PAGES);

	dbtest_run(owner, "DELETE FROM accounts WHERE email LIKE '%@kept.test'");
	users_done(owner);
	return done_testing();
}
