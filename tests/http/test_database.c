/* Database tests: the privileges of the three program users (spor_ro can
 * never read an account), utf8mb4, and a worker's reconnection after its
 * connection was killed. */
#include "config.h"

#include <mysql.h>
#include <stdlib.h>

#include "../tap.h"
#include "client.h"
#include "core/conf.h"
#include "dbtest.h"

static const struct conf *conf;

struct grant_case {
	const char *role, *sql;
	bool allowed;
};

static const struct grant_case grants[] = {
	{"public", "SELECT * FROM accounts", false},
	{"public", "SELECT password_hash FROM accounts", false},
	{"public", "SELECT * FROM sessions", false},
	{"public", "SELECT token_hash, account_id, name FROM v_session_user", false},
	{"public", "CALL spor_request(UNHEX(SHA2('no such token', 256)), 7200)", true},
	{"public", "DELETE FROM v_session_user", false},
	{"public", "INSERT INTO schema_migrations VALUES (9999, 'x', NOW())", false},
	{"public", "CREATE TABLE evil (id INT)", false},
	{"public", "SELECT * FROM mysql.user", false},
	{"account", "SELECT id, email, password_hash FROM accounts", true},
	{"account", "SELECT * FROM sessions", true},
	{"account", "DROP TABLE accounts", false},
	{"account", "SELECT * FROM mysql.user", false},
	{"admin", "SELECT id, email, status FROM accounts", true},
	{"admin", "DELETE FROM accounts", false},
	{"admin", "GRANT SELECT ON accounts TO spor_ro@localhost", false},
};

static void test_grants(void)
{
	for (size_t i = 0; i < sizeof grants / sizeof grants[0]; i++) {
		const struct grant_case *g = &grants[i];
		MYSQL *my = dbtest_connect(g->role);
		if (!ok(my != NULL, "%s connects", g->role))
			continue;
		unsigned err = dbtest_run(my, g->sql);
		if (!ok(g->allowed ? err == 0 : err != 0, "%s %s: %s", g->role, g->allowed ? "may" : "may not", g->sql))
			diag("error %u: %s", err, mysql_error(my));
		mysql_close(my);
	}
}

static void test_charset(void)
{
	MYSQL *my = dbtest_connect("owner");
	if (!my)
		return;
	bool utf8 = mysql_query(my, "SELECT COUNT(*) FROM information_schema.tables WHERE table_schema = DATABASE()"
				    " AND table_collation NOT LIKE 'utf8mb4%'") == 0;
	MYSQL_RES *res = utf8 ? mysql_store_result(my) : NULL;
	MYSQL_ROW row = res ? mysql_fetch_row(res) : NULL;
	ok(row && strcmp(row[0], "0") == 0, "every table is utf8mb4");
	if (res)
		mysql_free_result(res);
	res = mysql_query(my, "SELECT DEFAULT_CHARACTER_SET_NAME FROM information_schema.schemata WHERE "
			      "schema_name = DATABASE()") == 0 ? mysql_store_result(my) : NULL;
	row = res ? mysql_fetch_row(res) : NULL;
	is_str(row ? row[0] : NULL, "utf8mb4", "the database defaults to utf8mb4");
	if (res)
		mysql_free_result(res);
	mysql_close(my);
}

static unsigned kill_connections(MYSQL *my, const char *user)
{
	unsigned killed = 0;
	char sql[160];
	snprintf(sql, sizeof sql, "SELECT id FROM information_schema.processlist WHERE user = '%s'", user);
	if (mysql_query(my, sql) == 0) {
		MYSQL_RES *res = mysql_store_result(my);
		MYSQL_ROW row;
		while ((row = mysql_fetch_row(res))) {
			snprintf(sql, sizeof sql, "KILL CONNECTION %s", row[0]);
			killed += dbtest_run(my, sql) == 0;
		}
		mysql_free_result(res);
	}
	return killed;
}

/* Kill every connection of spor_ro: each worker must reconnect, re-prepare
 * and answer at once. */
static void test_reconnect(void)
{
	MYSQL *my = dbtest_connect("owner");
	if (!my)
		return;
	struct resp r;
	for (int i = 0; i < 10; i++) {
		get("/healthz", &r);
		resp_free(&r);
	}
	unsigned killed = kill_connections(my, conf_get(conf, "db.public.user", "spor_ro"));
	ok(killed > 0, "killed %u connections of spor-public's workers", killed);
	int good = 0;
	for (int i = 0; i < 20; i++) {
		get("/healthz", &r);
		good += r.status == 200;
		resp_free(&r);
	}
	is_int(good, 20, "every request after the kill succeeds (workers reconnect)");
	mysql_close(my);
}

/* While spor_ro cannot log in, /healthz and the pages say so with a 503;
 * afterwards the workers come back by themselves. */
static void test_health_down(void)
{
	MYSQL *my = dbtest_connect("owner");
	if (!my)
		return;
	const char *user = conf_get(conf, "db.public.user", "spor_ro");
	char sql[200];
	snprintf(sql, sizeof sql, "ALTER USER '%s'@'localhost' ACCOUNT LOCK", user);
	ok(dbtest_run(my, sql) == 0, "spor_ro locked out of the database");
	kill_connections(my, user);
	struct resp r;
	get("/healthz", &r);
	ok(r.status == 503 && body_has(&r, "unavailable"), "/healthz answers 503 when the database refuses");
	resp_free(&r);
	/* A page is an outage too, not a bug: the 503 page asks to come back. */
	get("/rms/lists", &r);
	char *retry = header(&r, "Retry-After");
	ok(r.status == 503 && body_has(&r, "Service temporarily unavailable") && retry,
	   "a page answers the portal's 503 page with Retry-After when the database refuses");
	free(retry);
	resp_free(&r);
	snprintf(sql, sizeof sql, "ALTER USER '%s'@'localhost' ACCOUNT UNLOCK", user);
	dbtest_run(my, sql);
	int good = 0;
	for (int i = 0; i < 10; i++) {
		get("/healthz", &r);
		good += r.status == 200;
		resp_free(&r);
	}
	is_int(good, 10, "/healthz is ok again once the database lets the workers in");
	mysql_close(my);
}

int main(void)
{
	client_init();
	char err[512];
	const char *path = getenv("SPOR_CONFIG");
	if (!path)
		skip_all("SPOR_CONFIG unset");
	conf = conf_load(path, err, sizeof err);
	if (!conf)
		skip_all(err);
	test_grants();
	test_charset();
	test_reconnect();
	test_health_down();
	return done_testing();
}
