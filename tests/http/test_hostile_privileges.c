/* Hostile-user tests of privilege separation beyond SQL (issue 16, item 8),
 * as an attacker who has taken over one program would try: what its
 * configuration file hands them and what its database user lets them do.
 *   - Configuration: each running program was started with its own file
 *     (its -c), which holds its own database account and no other (no
 *     other password even under another key), csrf.secret only for the
 *     three FastCGI programs, mail.smtp_url only for spor-mailer, readable
 *     by its owner alone; a program given the full file (sporctl's, with
 *     every password) refuses to start.
 *   - spor-public's user: no SELECT on sessions, the session views or any
 *     table of accounts; no write anywhere; one session found by its hash
 *     through spor_request(), with what its account follows, nothing
 *     without the hash.
 *   - spor-account's, spor-admin's and spor-mailer's users: what each must
 *     not reach (reference data, others' links, password hashes, minting a
 *     session, the audit trail, everything but the outbox).
 * Every check connects with a program's credentials from the full
 * configuration ($SPOR_CONFIG) and asks the server: a refusal counts only
 * when it is an access-denied error, never a mistyped statement. */
#include "config.h"

#include <fcntl.h>
#include <mysqld_error.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "../tap.h"
#include "core/conf.h"
#include "dbtest.h"
#include "users.h"

static MYSQL *owner;
static struct conf *full;
static char run[24];

static const char *const programs[] = {"spor-public", "spor-account", "spor-admin", "spor-mailer"};
static const char *const roles[] = {"public", "account", "admin", "mailer"};
enum { NPROGRAMS = 4 };

/* Refused for want of a privilege (not for a syntax error or a missing
 * table, which would prove nothing). */
static bool refused(MYSQL *my, const char *sql)
{
	unsigned err = dbtest_run(my, sql);
	bool denied = err == ER_TABLEACCESS_DENIED_ERROR || err == ER_COLUMNACCESS_DENIED_ERROR ||
		      err == ER_DBACCESS_DENIED_ERROR || err == ER_PROCACCESS_DENIED_ERROR ||
		      err == ER_SPECIFIC_ACCESS_DENIED_ERROR || err == ER_ACCESS_DENIED_ERROR;
	if (!denied)
		diag("%s: %s", sql, err ? mysql_error(my) : "allowed");
	return denied;
}

static bool allowed(MYSQL *my, const char *sql)
{
	unsigned err = dbtest_run(my, sql);
	if (err)
		diag("%s: %s", sql, mysql_error(my));
	return err == 0;
}

/* Each statement of `sqls` refused; one line for the lot. */
static void all_refused(MYSQL *my, const char *who, const char *what, const char *const *sqls, size_t n)
{
	size_t k = 0;
	for (size_t i = 0; i < n; i++)
		k += refused(my, sqls[i]);
	ok(k == n, "%s cannot %s (%zu of %zu refused)", who, what, k, n);
}

/* The database's base tables and the first column of each. */
struct table {
	char name[65], column[65];
};
static struct table tables[128];
static size_t ntables;

static void list_tables(void)
{
	if (mysql_query(owner, "SELECT t.table_name, (SELECT c.column_name FROM information_schema.columns c"
			       " WHERE c.table_schema = t.table_schema AND c.table_name = t.table_name"
			       " ORDER BY c.ordinal_position LIMIT 1) FROM information_schema.tables t"
			       " WHERE t.table_schema = DATABASE() AND t.table_type = 'BASE TABLE' ORDER BY 1"))
		return;
	MYSQL_RES *res = mysql_store_result(owner);
	MYSQL_ROW row;
	while (res && (row = mysql_fetch_row(res)) && ntables < sizeof tables / sizeof tables[0]) {
		snprintf(tables[ntables].name, sizeof tables[0].name, "%s", row[0]);
		snprintf(tables[ntables].column, sizeof tables[0].column, "%s", row[1]);
		ntables++;
	}
	if (res)
		mysql_free_result(res);
}

/* No INSERT, UPDATE or DELETE on any table `covered` names (a prefix
 * list: "rms_ oms_"; NULL for every table) but those `except` names
 * ("outbox "); each statement changes no row even where it is allowed. */
static void writes_refused(MYSQL *my, const char *who, const char *what, const char *covered, const char *except)
{
	size_t tried = 0, denied = 0;
	for (size_t i = 0; i < ntables; i++) {
		const struct table *t = &tables[i];
		char word[80];
		snprintf(word, sizeof word, "%.64s ", t->name);
		if (except && strstr(except, word))
			continue;
		bool in = !covered;
		for (const char *p = covered; p && *p && !in; p += strcspn(p, " "), p += *p == ' ')
			in = strncmp(t->name, p, strcspn(p, " ")) == 0;
		if (!in)
			continue;
		char sql[3][400];
		snprintf(sql[0], sizeof sql[0], "INSERT INTO `%.64s` SELECT * FROM `%.64s` WHERE 0", t->name, t->name);
		snprintf(sql[1], sizeof sql[1], "UPDATE `%.64s` SET `%.64s` = `%.64s` WHERE 0", t->name, t->column, t->column);
		snprintf(sql[2], sizeof sql[2], "DELETE FROM `%.64s` WHERE 0", t->name);
		for (int k = 0; k < 3; k++, tried++)
			denied += refused(my, sql[k]);
	}
	ok(tried > 0 && denied == tried, "%s cannot write %s (%zu of %zu statements refused)", who, what, denied,
	   tried);
}

/* 1. The configuration files. */

static bool has_mode_for_owner_only(const char *path)
{
	struct stat st;
	return stat(path, &st) == 0 && (st.st_mode & 077) == 0;
}

static void test_config_file(size_t p)
{
	char *path = program_config(programs[p]);
	if (!ok(path != NULL, "%s runs with a configuration file of its own (-c %s)", programs[p], path ? path : "?")) {
		free(path);
		return;
	}
	ok(strcmp(path, getenv("SPOR_CONFIG")) != 0, "%s's is not the full configuration", programs[p]);
	char err[512], key[64];
	struct conf *c = conf_load(path, err, sizeof err);
	char *text = slurp(path);
	if (!ok(c && text, "%s's configuration reads (%s)", programs[p], c ? path : err))
		goto done;
	/* Its own account, exactly as the full file has it. */
	snprintf(key, sizeof key, "db.%s.user", roles[p]);
	const char *user = conf_get(c, key, NULL);
	bool same = user && strcmp(user, conf_get(full, key, "")) == 0;
	snprintf(key, sizeof key, "db.%s.password", roles[p]);
	const char *password = conf_get(c, key, NULL);
	same = same && password && strcmp(password, conf_get(full, key, "")) == 0;
	ok(same, "%s's holds its own database account (%s)", programs[p], user ? user : "none");
	/* No other account: not its keys, nor its password anywhere in the text. */
	int foreign = 0;
	for (size_t o = 0; o <= NPROGRAMS; o++) {
		const char *role = o < NPROGRAMS ? roles[o] : "owner";
		if (o == p)
			continue;
		snprintf(key, sizeof key, "db.%s.user", role);
		foreign += conf_get(c, key, NULL) != NULL;
		snprintf(key, sizeof key, "db.%s.password", role);
		const char *other = conf_get(full, key, "");
		bool held = conf_get(c, key, NULL) || (*other && strstr(text, other));
		foreign += held;
		if (held)
			diag("%s's configuration holds %s", programs[p], key);
	}
	is_int(foreign, 0, p == 0 ? "spor-public's configuration holds no other program's account or password, nor "
				    "the owner's"
				  : "and no other program's account or password, nor the owner's");
	/* The other secrets: where they are needed only. */
	bool web = p < 3;
	const char *csrf = conf_get(full, "csrf.secret", "");
	ok(web ? conf_get(c, "csrf.secret", NULL) != NULL : !conf_get(c, "csrf.secret", NULL) && !strstr(text, csrf),
	   "%s's %s csrf.secret", programs[p], web ? "holds" : "does not hold");
	const char *smtp = conf_get(full, "mail.smtp_url", "");
	ok(!web ? conf_get(c, "mail.smtp_url", NULL) != NULL : !conf_get(c, "mail.smtp_url", NULL) && !strstr(text, smtp),
	   "%s's %s mail.smtp_url (the relay, with its password if any)", programs[p], web ? "does not hold" : "holds");
	/* The key that seals two-step sign-in's secrets: spor-account's alone. */
	const char *twofactor = conf_get(full, "twofactor.key", "");
	ok(p == 1 ? conf_get(c, "twofactor.key", NULL) != NULL
		  : !conf_get(c, "twofactor.key", NULL) && *twofactor && !strstr(text, twofactor),
	   "%s's %s twofactor.key", programs[p], p == 1 ? "holds" : "does not hold");
	if (p != 0)
		ok(!conf_get(c, "db.replica.socket", NULL) && !conf_get(c, "db.replica.host", NULL),
		   "%s's names no replica (spor-public alone reads from one)", programs[p]);
	ok(has_mode_for_owner_only(path), "%s's configuration is readable by its owner only", programs[p]);
done:
	conf_free(c);
	free(text);
	free(path);
}

/* Start `argv` (a program of the test build) with standard error in `log`;
 * its exit status, or -1 when it was still running after 10 s (then it is
 * stopped: it accepted what it should have refused). */
static int run_program(char *const argv[], const char *log)
{
	pid_t pid = fork();
	if (pid == 0) {
		int fd = open(log, O_WRONLY | O_CREAT | O_TRUNC, 0600);
		dup2(fd, 2);
		int null = open("/dev/null", O_RDWR);
		dup2(null, 0);
		dup2(null, 1);
		execv(argv[0], argv);
		_exit(127);
	}
	int status = 0;
	for (int i = 0; i < 100; i++) {
		if (waitpid(pid, &status, WNOHANG) == pid)
			return WIFEXITED(status) ? WEXITSTATUS(status) : 128;
		usleep(100000);
	}
	kill(pid, SIGTERM);
	waitpid(pid, &status, 0);
	return -1;
}

/* The full configuration (every password) given to a program: refused. */
static void test_full_config_refused(void)
{
	const char *build = getenv("SPOR_TEST_BUILD"), *config = getenv("SPOR_CONFIG");
	char bin[4200], sock[128], log[128];
	snprintf(sock, sizeof sock, "/tmp/spor-hostile-%d.sock", (int)getpid());
	snprintf(log, sizeof log, "/tmp/spor-hostile-%d.log", (int)getpid());
	snprintf(bin, sizeof bin, "%s/cgi/spor-public", build);
	char *public_argv[] = {bin, "-s", sock, "-n", "1", "-c", (char *)config, NULL};
	int rc = run_program(public_argv, log);
	char *said = slurp(log);
	ok(rc > 0 && said && strstr(said, "which is not spor-public's"),
	   "spor-public refuses to start with the full configuration (exit %d: %s)", rc,
	   said ? strtok(said, "\n") : "");
	free(said);
	unlink(sock);
	snprintf(bin, sizeof bin, "%s/cgi/spor-mailer", build);
	char *mailer_argv[] = {bin, "-c", (char *)config, "--once", NULL};
	rc = run_program(mailer_argv, log);
	said = slurp(log);
	ok(rc > 0 && said && strstr(said, "which is not spor-mailer's"),
	   "spor-mailer refuses to start with the full configuration (exit %d: %s)", rc,
	   said ? strtok(said, "\n") : "");
	free(said);
	unlink(log);
}

/* 2. spor-public's database user. */

static void test_public_reads(MYSQL *pub)
{
	static const char *const sessions[] = {
		"SELECT * FROM sessions",
		"SELECT COUNT(*) FROM sessions",
		"SELECT * FROM v_session_user",
		"SELECT token_hash FROM v_session_user",
		"SELECT COUNT(*) FROM v_session_user",
		"SELECT * FROM v_session_favourites",
		"SELECT * FROM account_summary",
		"CALL spor_account_summarise(1)",
	};
	all_refused(pub, "spor-public's user",
		    "list sessions (sessions, v_session_user, v_session_favourites, account_summary)",
		    sessions, sizeof sessions / sizeof sessions[0]);
	static const char *const accounts[] = {
		"SELECT * FROM accounts",	  "SELECT id FROM accounts",	   "SELECT password_hash FROM accounts",
		"SELECT * FROM account_tokens",	  "SELECT * FROM auth_throttle",   "SELECT * FROM audit_log",
		"SELECT * FROM favourites",	  "SELECT * FROM account_roles",   "SELECT * FROM outbox",
		"SELECT * FROM role_requests",	  "SELECT * FROM change_requests", "SELECT * FROM access_tokens",
		"SELECT * FROM api_idempotency",
	};
	all_refused(pub, "spor-public's user",
		    "read accounts, links, the throttle, the audit log, favourites, tokens or their kept answers",
		    accounts, sizeof accounts / sizeof accounts[0]);
	static const char *const other[] = {
		"CREATE TABLE hostile (id INT)",
		"CREATE FUNCTION hostile() RETURNS INT RETURN 1",
		"CREATE VIEW hostile AS SELECT 1",
		"CALL spor_grant_user('spor_admin', 'hostile', 'localhost', 'hostile-password')",
		"GRANT SELECT ON sessions TO CURRENT_USER",
		"CALL spor_account_stamp(1)",
		"INSERT INTO account_stamps (account_id, stamp) VALUES (1, 1)",
		"UPDATE account_stamps SET stamp = 0",
		"DELETE FROM account_stamps",
		"UPDATE data_generation SET gen = 1",
		"SELECT * FROM mysql.user",
		"SELECT * FROM mysql.proc",
	};
	all_refused(pub, "spor-public's user",
		    "create, grant or read the server's own tables, or move an account's stamp or the data generation",
		    other, sizeof other / sizeof other[0]);
	/* What a worker checks a kept session by (migration 0034): numbers, no session. */
	ok(allowed(pub, "SELECT g.gen, t.account_id, t.stamp FROM data_generation g LEFT JOIN account_stamps t ON 1"),
	   "spor-public's user reads the data generation and the accounts' stamps");
	ok(refused(pub, "SELECT t.stamp FROM account_stamps t JOIN sessions s ON s.account_id = t.account_id"),
	   "but joins them to no session");
}

/* What spor_request() gives spor-public for a session hash (`hash`, SQL):
 * "account_id name follows" of its one row, "" when the session's columns
 * are NULL, "error" when the call fails or answers otherwise. */
static const char *request_of(MYSQL *pub, const char *hash, int idle)
{
	static char got[600];
	char sql[600];
	snprintf(sql, sizeof sql, "CALL spor_request(%s, %d)", hash, idle);
	snprintf(got, sizeof got, "error");
	if (mysql_query(pub, sql)) {
		diag("%s: %s", sql, mysql_error(pub));
		return got;
	}
	MYSQL_RES *res = mysql_store_result(pub);
	MYSQL_ROW row = res && mysql_num_rows(res) == 1 && mysql_num_fields(res) == 14 ? mysql_fetch_row(res) : NULL;
	/* The generation is never NULL; the session's columns are, together. */
	if (row && row[0])
		snprintf(got, sizeof got, "%s %s %s", row[1] ? row[1] : "", row[2] ? row[2] : "", row[10] ? row[10] : "");
	if (row && row[0] && !row[1])
		got[0] = '\0';
	if (res)
		mysql_free_result(res);
	while (mysql_next_result(pub) == 0)
		if ((res = mysql_store_result(pub)))
			mysql_free_result(res);
	return got;
}

/* The same for a token. */
static const char *session_of(MYSQL *pub, const char *token, int idle)
{
	char hash[200];
	snprintf(hash, sizeof hash, "UNHEX(SHA2('%s', 256))", token);
	return request_of(pub, hash, idle);
}

static void test_public_by_hash(MYSQL *pub)
{
	struct user a, b;
	if (!ok(user_make(owner, &a, "hashed-a", run, "privileges.test") &&
			user_make(owner, &b, "hashed-b", run, "privileges.test"),
		"two users signed in"))
		return;
	ok(atoi(dbtest_value(owner, "SELECT COUNT(*) FROM sessions")) >= 2, "the server holds several sessions");
	char want[64], hash[200];
	snprintf(want, sizeof want, "%s hashed-a ", a.id);
	is_str(session_of(pub, a.v.session, 7200), want, "spor-public's user finds one session, by its hash: exactly its account");
	snprintf(want, sizeof want, "%s hashed-b ", b.id);
	is_str(session_of(pub, b.v.session, 7200), want, "and another by another hash");
	is_str(session_of(pub, "a token nobody holds", 7200), "", "nothing for a hash that is no session's");
	is_str(request_of(pub, "NULL", 7200), "", "nothing without a hash");
	snprintf(hash, sizeof hash, "LEFT(UNHEX(SHA2('%s', 256)), 8)", a.v.session);
	is_str(request_of(pub, hash, 7200), "", "nothing for a part of the hash");
	/* Longer than a hash: refused by the procedure's parameter, or nothing. */
	snprintf(hash, sizeof hash, "SHA2('%s', 256)", a.v.session);
	ok(!strstr(request_of(pub, hash, 7200), a.id),
	   "nothing for the hash written out in hex (the token's text is no key either)");
	snprintf(hash, sizeof hash, "'%s'", a.v.session);
	ok(!strstr(request_of(pub, hash, 7200), a.id), "nor for the token itself");
	dbtest_execf(owner, "UPDATE sessions SET last_seen_at = UTC_TIMESTAMP() - INTERVAL 2 HOUR WHERE account_id = %s",
		     b.id);
	is_str(session_of(pub, b.v.session, 3600), "", "nothing for an idle session");
	dbtest_execf(owner, "UPDATE sessions SET last_seen_at = UTC_TIMESTAMP() WHERE account_id = %s", b.id);

	/* The pages spor-public serves still know the visitor, through the function. */
	struct resp r;
	visitor_get(&a.v, "/rms/lists", &r);
	ok(body_has(&r, "action=\"/logout\"") && body_has(&r, "hashed-a"),
	   "spor-public's pages say who is signed in (found by the hash)");
	resp_free(&r);

	/* Favourites: the star of one session's account, nothing more.  A list
	 * to star: the demonstration's when no earlier test imported one. */
	char list[16], path[64], fields[200];
	if (atoi(dbtest_value(owner, "SELECT COUNT(*) FROM rms_lists")) == 0) {
		char args[4200];
		snprintf(args, sizeof args, "import rms '%s/db/demo/rms.json'", getenv("top_srcdir"));
		dbtest_sporctl(NULL, args, NULL);
	}
	snprintf(list, sizeof list, "%s", dbtest_value(owner, "SELECT id FROM rms_lists ORDER BY id LIMIT 1"));
	snprintf(path, sizeof path, "/rms/lists/%s", list);
	snprintf(fields, sizeof fields, "kind=list&ref=%s&action=add&next=%s", list, path);
	user_get(&a, path);
	ok(user_post(&a, "/account/favourites", fields) == 303, "a user stars a list");
	char follows[80];
	snprintf(follows, sizeof follows, "%s hashed-a list:%s", a.id, list);
	is_str(session_of(pub, a.v.session, 7200), follows, "spor-public's user finds it by the session's hash");
	snprintf(follows, sizeof follows, "%s hashed-b ", b.id);
	is_str(session_of(pub, b.v.session, 7200), follows, "not by another session's");
	visitor_get(&a.v, path, &r);
	ok(body_has(&r, "aria-pressed=\"true\""), "and the list's page shows the star on");
	resp_free(&r);
	user_post(&a, "/logout", "");
	user_post(&b, "/logout", "");
}

/* 3. The other programs' users: what each must not reach. */

static void test_account_user(MYSQL *acc)
{
	static const char *const denied[] = {
		"INSERT INTO account_roles (account_id, role_code, org_id) SELECT id, 'ADMINISTRATOR', '' FROM accounts"
		" WHERE 0",
		"SELECT * FROM outbox",
		"SELECT subject FROM audit_log",
		"DELETE FROM audit_log WHERE 0",
		"CREATE TABLE hostile (id INT)",
		"DROP TABLE sessions",
		"CALL spor_grant_user('spor_admin', 'hostile', 'localhost', 'hostile-password')",
	};
	all_refused(acc, "spor-account's user", "grant itself a role, read the outbox or the audit trail, or alter the schema",
		    denied, sizeof denied / sizeof denied[0]);
	writes_refused(acc, "spor-account's user", "the reference data (rms_*, oms_*)", "rms_ oms_", NULL);
}

static void test_admin_user(MYSQL *adm)
{
	static const char *const denied[] = {
		"SELECT password_hash FROM accounts",
		"SELECT * FROM accounts",
		"UPDATE accounts SET password_hash = password_hash WHERE 0",
		"UPDATE accounts SET email = email WHERE 0",
		"INSERT INTO accounts SELECT * FROM accounts WHERE 0",
		"DELETE FROM accounts WHERE 0",
		"SELECT * FROM account_tokens",
		"INSERT INTO sessions SELECT * FROM sessions WHERE 0",
		"SELECT * FROM outbox",
		"UPDATE audit_log SET subject = subject WHERE 0",
		"DELETE FROM audit_log WHERE 0",
		"CALL spor_grant_user('spor_admin', 'hostile', 'localhost', 'hostile-password')",
	};
	all_refused(adm, "spor-admin's user",
		    "read or set password hashes, read links or the outbox, mint a session or alter the audit trail",
		    denied, sizeof denied / sizeof denied[0]);
	ok(allowed(adm, "SELECT id, email, name, status, last_login_at FROM accounts LIMIT 1") &&
		   allowed(adm, "UPDATE accounts SET status = status, updated_at = updated_at WHERE 0"),
	   "spor-admin's user still reads accounts and locks them");
}

static void test_mailer_user(MYSQL *mail)
{
	static const char *const denied[] = {
		"SELECT * FROM accounts",	  "SELECT * FROM sessions",	 "SELECT * FROM account_tokens",
		"SELECT * FROM v_session_user",	  "SELECT * FROM audit_log",	 "SELECT * FROM rms_terms",
		"INSERT INTO outbox SELECT * FROM outbox WHERE 0", "DELETE FROM outbox WHERE 0",
	};
	all_refused(mail, "spor-mailer's user", "read anything but the outbox, or add or delete its messages", denied,
		    sizeof denied / sizeof denied[0]);
	writes_refused(mail, "spor-mailer's user", "any table but the outbox", NULL, "outbox ");
	ok(allowed(mail, "SELECT id, recipient, body FROM outbox LIMIT 1"), "spor-mailer's user reads the outbox");
}

int main(void)
{
	client_init();
	owner = dbtest_connect("owner");
	if (!owner || !getenv("SPOR_TEST_BUILD") || !getenv("SPOR_RUN") || !getenv("top_srcdir"))
		skip_all("no database or instance");
	char err[512];
	full = conf_load(getenv("SPOR_CONFIG"), err, sizeof err);
	if (!ok(full != NULL, "the full configuration (%s)", full ? "read" : err))
		return done_testing();
	snprintf(run, sizeof run, "%ld%d", (long)time(NULL) % 1000000, getpid() % 100);
	list_tables();
	ok(ntables > 20, "the database's tables (%zu)", ntables);

	for (size_t p = 0; p < NPROGRAMS; p++)
		test_config_file(p);
	ok(has_mode_for_owner_only(getenv("SPOR_CONFIG")), "the full configuration is readable by its owner only");
	test_full_config_refused();

	MYSQL *pub = dbtest_connect("public"), *acc = dbtest_connect("account"), *adm = dbtest_connect("admin"),
	      *mail = dbtest_connect("mailer");
	if (ok(pub && acc && adm && mail, "each program's database user connects")) {
		test_public_reads(pub);
		writes_refused(pub, "spor-public's user", "anything", NULL, NULL);
		test_public_by_hash(pub);
		test_account_user(acc);
		test_admin_user(adm);
		test_mailer_user(mail);
	}
	MYSQL *const users[] = {pub, acc, adm, mail};
	for (size_t i = 0; i < sizeof users / sizeof users[0]; i++)
		if (users[i])
			mysql_close(users[i]);
	conf_free(full);
	mysql_close(owner);
	return done_testing();
}
