/* Tests of cgi/core/db.c against the instance's real MariaDB: typed binding,
 * NULLs, 4-byte UTF-8 and hostile strings round-trip; transactions commit
 * and roll back; a statement is retried on a fresh connection after the
 * server killed the old one; misuse is an error, not a crash. */
#include "config.h"

#include <mysql.h>
#include <stdlib.h>

#include "../tap.h"
#include "core/conf.h"
#include "core/db.h"
#include "core/mem.h"

static struct db_sql q_create = DB_SQL("CREATE TEMPORARY TABLE t (id INT PRIMARY KEY, s VARCHAR(200), n BIGINT)"
				       " DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_520_ci");
static struct db_sql q_insert = DB_SQL("INSERT INTO t (id, s, n) VALUES (?, ?, ?)");
static struct db_sql q_select = DB_SQL("SELECT s, n FROM t WHERE id = ?");
static struct db_sql q_count = DB_SQL("SELECT COUNT(*) FROM t");
static struct db_sql q_connection = DB_SQL("SELECT CONNECTION_ID()");
static struct db_sql q_echo = DB_SQL("SELECT ?, ?");
static struct db_sql q_bad = DB_SQL("SELECT no_such_column FROM t");
static struct db_sql q_huge = DB_SQL("SELECT ROUND(1e300, 2), REPEAT('x', 70000)");
/* A large result (2,000 rows of 200 characters) and a small one; how many
 * statements this connection has prepared. */
static struct db_sql q_many = DB_SQL("SELECT seq, REPEAT('x', 200) FROM seq_1_to_2000");
static struct db_sql q_few = DB_SQL("SELECT seq, REPEAT('x', 200) FROM seq_1_to_20");
static struct db_sql q_prepared =
	DB_SQL("SELECT VARIABLE_VALUE FROM information_schema.SESSION_STATUS WHERE VARIABLE_NAME = 'COM_STMT_PREPARE'");
/* Columns declared (db.h): as many as the statement has, or one too few. */
enum { ECHO_FIRST, ECHO_SECOND, ECHO__COUNT };
static struct db_sql q_echo_declared = DB_SQL_COLS(ECHO__COUNT, "SELECT ?, ?");
static struct db_sql q_echo_miscounted = DB_SQL_COLS(ECHO__COUNT - 1, "SELECT ?, ?");

static const char *const strings[] = {
	"plain", "", "émulsion pour perfusion", "\xf0\x9f\x92\x8a pill", "O'Brien \"quoted\" \\ back",
	"'; DROP TABLE t; --", "<script>alert(1)</script>", "a¦b¦c", "line\nbreak\ttab",
};

static long long prepared(struct db *db, struct arena *a)
{
	struct db_rows rows;
	return db_query(db, a, &q_prepared, &rows, "") == 0 && db_value(&rows, 0) ? atoll(db_value(&rows, 0)) : -1;
}

/* The client library keeps a stored result's memory until its statement is
 * closed: a statement that stored a large result is closed after it (and
 * prepared again when next used); a small one stays prepared. */
static void test_large_results(struct db *db, struct arena *a)
{
	struct db_rows rows;
	prepared(db, a);
	long long before = prepared(db, a);
	bool whole = true;
	for (int i = 0; i < 3; i++)
		whole = whole && db_query(db, a, &q_many, &rows, "") == 0 && rows.nrows == 2000 &&
			strcmp(db_get(&rows, 1999, 0), "2000") == 0 && strlen(db_get(&rows, 1999, 1)) == 200;
	long long between = prepared(db, a);
	ok(whole, "a large result comes back whole, three times");
	is_int(between - before, 3, "its statement is prepared again each time (its stored result given back)");
	for (int i = 0; i < 3; i++)
		whole = whole && db_query(db, a, &q_few, &rows, "") == 0 && rows.nrows == 20;
	ok(whole, "a small result comes back whole, three times");
	is_int(prepared(db, a) - between, 1, "its statement is prepared once");
}

int main(void)
{
	const char *path = getenv("SPOR_CONFIG");
	if (!path || !getenv("SPOR_TEST_URL"))
		skip_all("no running instance (SPOR_TEST_URL, SPOR_CONFIG unset)");
	char err[512];
	struct conf *c = conf_load(path, err, sizeof err);
	if (!c)
		skip_all(err);
	struct settings settings;
	conf_settings(&settings, c);
	struct db_conf dc;
	db_conf_from(&dc, &settings, "owner");
	struct db *db = db_new(&dc);
	struct arena *a = arena_new();
	struct db_rows rows;

	ok(db_connect(db) == 0, "connects as the owner");
	ok(db_exec(db, &q_create, NULL, "") == 0, "creates a temporary table");
	int same = 0;
	for (size_t i = 0; i < sizeof strings / sizeof strings[0]; i++) {
		db_exec(db, &q_insert, NULL, "isi", (long long)i, strings[i], (long long)i * 1000000000000LL);
		db_query(db, a, &q_select, &rows, "i", (long long)i);
		const char *s = db_get(&rows, 0, 0);
		char want[32];
		snprintf(want, sizeof want, "%lld", (long long)i * 1000000000000LL);
		if (s && strcmp(s, strings[i]) == 0 && strcmp(db_get(&rows, 0, 1), want) == 0)
			same++;
		else
			diag("string %zu came back as %s", i, s ? s : "(null)");
	}
	is_int(same, sizeof strings / sizeof strings[0], "hostile and 4-byte UTF-8 strings and big integers round-trip");

	unsigned long long affected = 0;
	ok(db_exec(db, &q_insert, &affected, "iss", 100LL, (const char *)NULL, (const char *)NULL) == 0 && affected == 1,
	   "NULL binds insert one row");
	db_query(db, a, &q_select, &rows, "i", 100LL);
	ok(rows.nrows == 1 && db_get(&rows, 0, 0) == NULL && db_get(&rows, 0, 1) == NULL, "NULL reads back as NULL");
	db_query(db, a, &q_select, &rows, "i", 999LL);
	is_int((long long)rows.nrows, 0, "no row, no result");
	ok(db_get(&rows, 0, 0) == NULL, "reading past the rows is NULL, not a crash");

	db_query(db, a, &q_count, &rows, "");
	long long before = rows.nrows ? atoll(db_get(&rows, 0, 0)) : -1;
	ok(db_begin(db) == 0, "begin");
	db_exec(db, &q_insert, NULL, "isi", 200LL, "rolled back", 0LL);
	ok(db_rollback(db) == 0, "rollback");
	db_query(db, a, &q_count, &rows, "");
	is_int(rows.nrows ? atoll(db_get(&rows, 0, 0)) : -2, before, "a rolled-back insert leaves nothing");
	db_begin(db);
	db_exec(db, &q_insert, NULL, "isi", 201LL, "committed", 0LL);
	ok(db_commit(db) == 0, "commit");
	db_query(db, a, &q_count, &rows, "");
	is_int(rows.nrows ? atoll(db_get(&rows, 0, 0)) : -2, before + 1, "a committed insert stays");
	ok(db_exec(db, &q_insert, NULL, "isi", 201LL, "duplicate", 0LL) < 0 && db_errno(db) == 1062,
	   "a duplicate key is an error with the server's number");

	/* A transaction begun inside another is a savepoint of it: its
	 * rollback undoes its own rows alone, its commit keeps them for the
	 * outer one's. */
	db_begin(db);
	db_exec(db, &q_insert, NULL, "isi", 210LL, "outer", 0LL);
	db_begin(db);
	db_exec(db, &q_insert, NULL, "isi", 211LL, "inner, undone", 0LL);
	ok(db_rollback(db) == 0, "an inner rollback");
	db_begin(db);
	db_exec(db, &q_insert, NULL, "isi", 212LL, "inner, kept", 0LL);
	ok(db_commit(db) == 0, "an inner commit");
	ok(db_commit(db) == 0, "the outer commit, after an inner rollback, commits");
	db_query(db, a, &q_select, &rows, "i", 211LL);
	long long undone = (long long)rows.nrows;
	db_query(db, a, &q_select, &rows, "i", 212LL);
	long long kept = (long long)rows.nrows;
	db_query(db, a, &q_select, &rows, "i", 210LL);
	ok(undone == 0 && kept == 1 && rows.nrows == 1, "the outer's row and the kept inner's stay, the undone inner's does not");

	ok(db_query(db, a, &q_bad, &rows, "") < 0, "an invalid statement is an error");
	ok(db_query(db, a, &q_echo, &rows, "s", "only one") < 0, "too few arguments is an error");
	ok(db_query(db, a, &q_echo, &rows, "sx", "a", "b") < 0, "an unknown argument type is an error");
	ok(db_query(db, a, &q_echo, &rows, "si", "a", 7LL) == 0 && strcmp(db_get(&rows, 0, 1), "7") == 0,
	   "the connection still works after errors");
	ok(db_query(db, a, &q_echo_declared, &rows, "ss", "a", "b") == 0 &&
		   strcmp(db_get(&rows, 0, ECHO_SECOND), "b") == 0,
	   "a statement that declares its columns is read by their names");
	ok(db_value(&rows, 0) == NULL, "db_value reads no value from rows of more than one column");
	ok(db_query(db, a, &q_echo_miscounted, &rows, "ss", "a", "b") < 0,
	   "a statement with other columns than it declares is refused");
	ok(db_query(db, a, &q_count, &rows, "") == 0 && db_value(&rows, 0) && atoll(db_value(&rows, 0)) >= 0,
	   "db_value reads the value of a one-column statement");

	ok(db_query(db, a, &q_huge, &rows, "") == 0 && rows.nrows == 1 && strlen(db_get(&rows, 0, 0)) > 300 &&
		   strlen(db_get(&rows, 0, 1)) == 70000,
	   "values longer than their metadata promised come back whole");

	test_large_results(db, a);

	db_begin(db);
	db_exec(db, &q_insert, NULL, "isi", 300LL, "left open", 0LL);
	ok(db_end_request(db), "a transaction left open at the end of a request is found");
	db_query(db, a, &q_select, &rows, "i", 300LL);
	is_int((long long)rows.nrows, 0, "and rolled back");
	ok(!db_end_request(db), "nothing to roll back afterwards");

	/* Another session kills this connection; the next statement reconnects. */
	for (int round = 0; round < 2; round++) {
		db_query(db, a, &q_connection, &rows, "");
		const char *id = db_get(&rows, 0, 0);
		MYSQL *killer = mysql_init(NULL);
		bool killed = false;
		if (mysql_real_connect(killer, NULL, dc.user, dc.password, dc.name, 0, dc.socket, 0)) {
			char sql[64];
			snprintf(sql, sizeof sql, "KILL CONNECTION %s", id);
			killed = mysql_query(killer, sql) == 0;
		}
		mysql_close(killer);
		ok(killed, "the connection is killed from outside");
		if (round == 0) {
			ok(db_query(db, a, &q_connection, &rows, "") == 0 && strcmp(db_get(&rows, 0, 0), id) != 0,
			   "the next statement runs on a new connection");
			ok(db_query(db, a, &q_echo, &rows, "ss", "x", "y") == 0,
			   "statements are prepared again after reconnecting");
		} else {
			ok(db_begin(db) == 0, "a transaction begins on a new connection after the old one was killed");
			ok(db_query(db, a, &q_echo, &rows, "ss", "x", "y") == 0 && db_commit(db) == 0,
			   "and works");
		}
	}

	db_free(db);
	arena_free(a);
	conf_free(c);
	return done_testing();
}
