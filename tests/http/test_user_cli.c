/* sporctl user: list, lock and unlock, and reset-password (argon2id with
 * the configured parameters, common and short passwords refused, sessions
 * ended), against the test instance's database. */
#include "config.h"

#include <stdlib.h>

#include "../tap.h"
#include "dbtest.h"
#include "account/password.h"

static MYSQL *owner;

/* Run sporctl with `input` on standard input; its exit status. */
static int sporctl(const char *input, const char *args)
{
	return dbtest_sporctl(input, args, "/tmp/spor-user-cli.out");
}

static const char *value(const char *sql)
{
	return dbtest_value(owner, sql);
}

#define HASH "SELECT password_hash FROM accounts WHERE email = 'cli@user.test'"
#define STATUS "SELECT status FROM accounts WHERE email = 'cli@user.test'"
#define SESSIONS                                                                                                   \
	"SELECT COUNT(*) FROM sessions s JOIN accounts a ON a.id = s.account_id WHERE a.email = 'cli@user.test'"

static void add_session(void)
{
	mysql_query(owner, "INSERT INTO sessions (token_hash, account_id, expires_at) SELECT UNHEX(SHA2(UUID(), 256)), id,"
			   " UTC_TIMESTAMP() + INTERVAL 1 HOUR FROM accounts WHERE email = 'cli@user.test'");
}

static void test_password(void)
{
	add_session();
	ok(sporctl("correct horse battery", "user reset-password cli@user.test") == 0, "reset-password sets a password");
	char hash[256];
	snprintf(hash, sizeof hash, "%s", value(HASH));
	static const char prefix[] = "$argon2id$v=19$m=19456,t=2,p=1$";
	ok(strncmp(hash, prefix, sizeof prefix - 1) == 0, "stored as argon2id m=19456 t=2 p=1: %.40s", hash);
	ok(password_verify(hash, "correct horse battery") && !password_verify(hash, "correct horse batterY"),
	   "the hash verifies the password and nothing else");
	ok(strcmp(value(SESSIONS), "0") == 0, "the account's sessions ended");
	ok(sporctl("Password1234", "user reset-password cli@user.test") == 1 && strcmp(value(HASH), hash) == 0,
	   "a common password is refused and nothing changes");
	ok(sporctl("short", "user reset-password cli@user.test") == 1 && strcmp(value(HASH), hash) == 0,
	   "a password under 12 characters is refused");
	ok(sporctl("correct horse battery", "user reset-password nobody@user.test") == 1,
	   "an unknown email is an error");
	ok(password_problem("élan vital éé") == NULL && password_problem("éééééééééé1") != NULL,
	   "lengths count characters, not bytes");
	ok(password_problem("zzzzzzzzzzzzzzzz") && strcmp(password_problem("ÉÉÉÉÉÉÉÉÉÉÉÉ"), "password_common") == 0 &&
		   password_problem("zzzzzzzzzzzzzzzy") == NULL,
	   "one character over and over is as good as a common password");
}

static void test_status(void)
{
	add_session();
	ok(sporctl("", "user lock cli@user.test") == 0 && strcmp(value(STATUS), "locked") == 0, "lock locks");
	ok(strcmp(value(SESSIONS), "0") == 0, "and ends the account's sessions");
	ok(sporctl("", "user lock cli@user.test") == 1, "locking a locked account says so (exit 1)");
	ok(sporctl("", "user unlock cli@user.test") == 0 && strcmp(value(STATUS), "active") == 0, "unlock unlocks");
	ok(sporctl("", "user unlock nobody@user.test") == 1, "unlocking an unknown email is an error");
	ok(sporctl("", "user list") == 0, "list runs");
	FILE *f = fopen("/tmp/spor-user-cli.out", "r");
	char out[65536] = "";
	size_t n = f ? fread(out, 1, sizeof out - 1, f) : 0;
	out[n] = '\0';
	if (f)
		fclose(f);
	ok(strstr(out, "cli@user.test") && strstr(out, "active"), "and shows the account with its status");
	ok(sporctl("", "user frobnicate") == 2, "a wrong verb is a usage error (exit 2)");
}

int main(void)
{
	if (!getenv("SPOR_TEST_BUILD") || !getenv("SPOR_CONFIG"))
		skip_all("no test instance (script/test sets one up)");
	owner = dbtest_connect("owner");
	if (!owner)
		skip_all("no database");
	mysql_query(owner, "DELETE FROM accounts WHERE email LIKE '%@user.test'");
	mysql_query(owner, "INSERT INTO accounts (email, name, password_hash, status) VALUES"
			   " ('cli@user.test', 'Command Line', 'x', 'active')");
	test_password();
	test_status();
	mysql_query(owner, "DELETE FROM accounts WHERE email LIKE '%@user.test'");
	mysql_close(owner);
	return done_testing();
}
