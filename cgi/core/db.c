/* MariaDB connection, statement cache, typed binding and reconnection. */
#include "config.h"

#include <errmsg.h>
#include <mysql.h>
#include <mysqld_error.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/conf.h"
#include "core/db.h"
#include "core/log.h"
#include "core/mem.h"

enum { ARGS_MAX = 32, STMTS_MAX = 512 };

struct db {
	MYSQL *my;
	struct db_conf conf;
	MYSQL_STMT *stmts[STMTS_MAX];
	MYSQL_STMT *unsettled; /* a call whose own status is still to be read (db_call) */
	bool in_tx;
	/* Transactions begun inside the open one (db_begin), each a savepoint
	 * of it: their commit releases it, their rollback goes back to it.
	 * When the server lost the savepoints (a deadlock rolls back the whole
	 * transaction), the outer commit is doomed to roll back. */
	int nested;
	bool doomed;
	bool wrote; /* a statement changed rows during this request */
	unsigned err;
};

static int next_slot = 1;

void db_conf_from(struct db_conf *dc, const struct settings *s, const char *role)
{
	const struct conf_account *account = conf_account(s, role);
	*dc = (struct db_conf){
		.socket = s->db_socket,
		.host = s->db_host,
		.port = (unsigned)s->db_port,
		.name = s->db_name,
		.user = account ? account->user : NULL,
		.password = account ? account->password : "",
	};
}

struct db *db_new(const struct db_conf *dc)
{
	struct db *db = xcalloc(1, sizeof *db);
	db->conf = *dc;
	return db;
}

static void drop_connection(struct db *db)
{
	for (int i = 0; i < STMTS_MAX; i++) {
		if (db->stmts[i])
			mysql_stmt_close(db->stmts[i]);
		db->stmts[i] = NULL;
	}
	if (db->my)
		mysql_close(db->my);
	db->my = NULL;
	db->unsettled = NULL;
	db->in_tx = false;
	db->nested = 0;
	db->doomed = false;
}

void db_free(struct db *db)
{
	if (!db)
		return;
	drop_connection(db);
	free(db);
}

static bool gone(unsigned err)
{
	return err == CR_SERVER_GONE_ERROR || err == CR_SERVER_LOST || err == ER_CONNECTION_KILLED ||
	       err == CR_CONNECTION_ERROR || err == CR_CONN_HOST_ERROR || err == ER_SERVER_SHUTDOWN;
}

/* The status that ends a call's sequence, read before the connection takes
 * any other command (db_call).  A result set more than the call declared
 * is an error of the procedure, logged; a connection lost is dropped. */
static void settle(struct db *db)
{
	MYSQL_STMT *st = db->unsettled;
	db->unsettled = NULL;
	int next = -1;
	while (st && (next = mysql_stmt_next_result(st)) == 0) {
		if (mysql_stmt_field_count(st) > 0)
			log_error("call sent more result sets than it declared");
		mysql_stmt_free_result(st);
	}
	if (st && next > 0) {
		db->err = mysql_stmt_errno(st);
		log_error("call: %s", mysql_stmt_error(st));
		if (gone(db->err))
			drop_connection(db);
	}
}

int db_connect(struct db *db)
{
	settle(db);
	if (db->my)
		return 0;
	MYSQL *my = mysql_init(NULL);
	if (!my)
		return -1;
	/* A statement that answers in no minute is given up, but a migration's:
	 * filling a new table from millions of rows takes minutes (0: none). */
	unsigned timeout = 3, io_timeout = db->conf.multi_statements ? 0 : 60;
	mysql_optionsv(my, MYSQL_OPT_CONNECT_TIMEOUT, &timeout);
	mysql_optionsv(my, MYSQL_OPT_READ_TIMEOUT, &io_timeout);
	mysql_optionsv(my, MYSQL_OPT_WRITE_TIMEOUT, &io_timeout);
	mysql_optionsv(my, MYSQL_SET_CHARSET_NAME, "utf8mb4");
	mysql_optionsv(my, MYSQL_INIT_COMMAND, "SET NAMES utf8mb4 COLLATE utf8mb4_unicode_520_ci, time_zone = '+00:00'");
	/* A stored procedure's result sets (db_call) need the multi-results
	 * flags; several statements in one text, sporctl's migrations alone. */
	unsigned long flags = CLIENT_MULTI_RESULTS | CLIENT_PS_MULTI_RESULTS |
			      (db->conf.multi_statements ? CLIENT_MULTI_STATEMENTS : 0);
	if (!mysql_real_connect(my, db->conf.socket ? NULL : db->conf.host, db->conf.user, db->conf.password,
				db->conf.name, db->conf.port, db->conf.socket, flags)) {
		db->err = mysql_errno(my);
		log_error("database connect as %s: %s", db->conf.user ? db->conf.user : "(none)", mysql_error(my));
		mysql_close(my);
		return -1;
	}
	db->my = my;
	db->err = 0;
	return 0;
}

unsigned db_errno(const struct db *db)
{
	return db->err;
}

bool db_unreachable(const struct db *db)
{
	return db->my == NULL && db->err != 0;
}

static MYSQL_STMT *prepare(struct db *db, struct db_sql *sql)
{
	if (sql->slot == 0) {
		if (next_slot >= STMTS_MAX) {
			log_error("statement cache full");
			return NULL;
		}
		sql->slot = next_slot++;
	}
	if (db_connect(db) < 0)
		return NULL;
	MYSQL_STMT *st = db->stmts[sql->slot];
	if (st && !sql->fresh)
		return st;
	if (st)
		mysql_stmt_close(st);
	db->stmts[sql->slot] = NULL;
	st = mysql_stmt_init(db->my);
	if (!st) {
		db->err = mysql_errno(db->my);
		return NULL;
	}
	if (mysql_stmt_prepare(st, sql->text, strlen(sql->text))) {
		db->err = mysql_stmt_errno(st);
		log_error("prepare: %s: %.200s", mysql_stmt_error(st), sql->text);
		mysql_stmt_close(st);
		return NULL;
	}
	/* Its columns are read by the names it declares (db.h). */
	if (sql->ncols && mysql_stmt_field_count(st) != sql->ncols) {
		log_error("statement has %u columns, declares %u: %.200s", mysql_stmt_field_count(st), sql->ncols,
			  sql->text);
		db->err = 0;
		mysql_stmt_close(st);
		return NULL;
	}
	db->stmts[sql->slot] = st;
	return st;
}

struct args {
	MYSQL_BIND bind[ARGS_MAX];
	long long ints[ARGS_MAX];
	unsigned long lens[ARGS_MAX];
	my_bool nulls[ARGS_MAX];
	size_t n;
};

/* Where a statement's arguments come from: `types` and the variadic values
 * (db_query, db_exec, db_each), or `texts`, then `ints` (db_query_args). */
struct source {
	const char *types;
	va_list *ap;
	const char *const *texts;
	const long long *ints;
	size_t ntexts, nints;
};

static size_t source_count(const struct source *src)
{
	return src->types ? strlen(src->types) : src->ntexts + src->nints;
}

static void bind_text(struct args *args, size_t i, const char *s)
{
	MYSQL_BIND *b = &args->bind[i];
	b->buffer_type = MYSQL_TYPE_STRING;
	args->nulls[i] = s == NULL;
	b->buffer = (void *)(uintptr_t)(s ? s : "");
	args->lens[i] = s ? strlen(s) : 0;
	b->buffer_length = args->lens[i];
	b->length = &args->lens[i];
	b->is_null = &args->nulls[i];
}

static void bind_int(struct args *args, size_t i, long long v)
{
	args->ints[i] = v;
	args->bind[i].buffer_type = MYSQL_TYPE_LONGLONG;
	args->bind[i].buffer = &args->ints[i];
}

static int collect_args(struct args *args, const struct source *src)
{
	memset(args, 0, sizeof *args);
	size_t n = source_count(src);
	if (n > ARGS_MAX)
		return -1;
	for (size_t i = 0; i < n; i++) {
		if (!src->types && i < src->ntexts)
			bind_text(args, i, src->texts[i]);
		else if (!src->types)
			bind_int(args, i, src->ints[i - src->ntexts]);
		else if (src->types[i] == 's')
			bind_text(args, i, va_arg(*src->ap, const char *));
		else if (src->types[i] == 'i')
			bind_int(args, i, va_arg(*src->ap, long long));
		else
			return -1;
	}
	args->n = n;
	return 0;
}

/* Bind every column as text in buffers of caps[c] bytes, fetch each row and
 * hand it to `each` (values valid during the call).  A value longer than its
 * buffer is fetched again, whole, into a larger one. */
static int fetch_each(struct db *db, MYSQL_STMT *st, struct arena *a, size_t ncols, const unsigned long *caps,
		      db_row_fn *each, void *ctx)
{
	MYSQL_BIND *bind = arena_zalloc(a, (ncols + 1) * sizeof *bind);
	unsigned long *lens = arena_zalloc(a, (ncols + 1) * sizeof *lens), *big_cap = arena_zalloc(a, (ncols + 1) * sizeof *big_cap);
	my_bool *nulls = arena_zalloc(a, (ncols + 1) * sizeof *nulls);
	const char **cells = arena_zalloc(a, (ncols + 1) * sizeof *cells);
	char **big = arena_zalloc(a, (ncols + 1) * sizeof *big);
	for (size_t c = 0; c < ncols; c++) {
		bind[c].buffer_type = MYSQL_TYPE_STRING;
		bind[c].buffer = arena_alloc(a, caps[c]);
		bind[c].buffer_length = caps[c];
		bind[c].length = &lens[c];
		bind[c].is_null = &nulls[c];
	}
	if (ncols && mysql_stmt_bind_result(st, bind))
		return -1;
	int f;
	while ((f = mysql_stmt_fetch(st)) != MYSQL_NO_DATA) {
		if (f == 1) {
			db->err = mysql_stmt_errno(st);
			log_error("fetch: %s", mysql_stmt_error(st));
			return -1;
		}
		for (size_t c = 0; c < ncols; c++) {
			char *buf = bind[c].buffer;
			if (nulls[c]) {
				cells[c] = NULL;
				continue;
			}
			if (lens[c] >= caps[c]) {
				if (big_cap[c] <= lens[c]) {
					big_cap[c] = lens[c] * 2;
					big[c] = arena_alloc(a, big_cap[c]);
				}
				MYSQL_BIND whole = bind[c];
				unsigned long len = lens[c];
				whole.buffer = big[c];
				whole.buffer_length = big_cap[c];
				whole.length = &len;
				if (mysql_stmt_fetch_column(st, &whole, (unsigned)c, 0) != 0) {
					log_error("fetch column: %s", mysql_stmt_error(st));
					return -1;
				}
				buf = big[c];
			}
			buf[lens[c]] = '\0';
			cells[c] = buf;
		}
		if (each(ctx, cells, ncols) != 0)
			break;
	}
	return 0;
}

struct keep {
	struct arena *a;
	struct db_rows *rows;
	size_t cap;
};

/* db_query keeps every row: copies into the arena. */
static int keep_row(void *ctx, const char *const *cells, size_t ncols)
{
	struct keep *k = ctx;
	struct db_rows *rows = k->rows;
	if ((rows->nrows + 1) * ncols > k->cap) {
		size_t cap = k->cap ? k->cap * 2 : ncols * 16;
		const char **v = arena_alloc(k->a, (cap + 1) * sizeof *v);
		if (rows->nrows)
			memcpy(v, rows->cells, rows->nrows * ncols * sizeof *v);
		rows->cells = v;
		k->cap = cap;
	}
	for (size_t c = 0; c < ncols; c++)
		rows->cells[rows->nrows * ncols + c] = cells[c] ? arena_strdup(k->a, cells[c]) : NULL;
	rows->nrows++;
	return 0;
}

/* Hand each row of the executed statement to `each`.  Stored (db_query,
 * `stored` not NULL): the whole result first, so that each column's buffer
 * fits its longest value, and its size (about) in *stored.  Streamed
 * (db_each, `stored` NULL): 4 KiB buffers, a longer value fetched again
 * whole, and the statement reset after, so that the connection can run the
 * next one even when `each` stopped early. */
static int fetch(struct db *db, MYSQL_STMT *st, struct arena *a, size_t *stored, db_row_fn *each, void *ctx)
{
	if (stored) {
		*stored = 0;
		my_bool update_max = 1;
		mysql_stmt_attr_set(st, STMT_ATTR_UPDATE_MAX_LENGTH, &update_max);
		if (mysql_stmt_store_result(st)) {
			db->err = mysql_stmt_errno(st);
			log_error("store result: %s", mysql_stmt_error(st));
			return -1;
		}
	}
	MYSQL_RES *meta = mysql_stmt_result_metadata(st);
	if (!meta) {
		mysql_stmt_free_result(st);
		return 0;
	}
	size_t ncols = mysql_num_fields(meta);
	MYSQL_FIELD *fields = mysql_fetch_fields(meta);
	unsigned long *caps = arena_alloc(a, (ncols + 1) * sizeof *caps);
	size_t row = 0;
	for (size_t c = 0; c < ncols; c++) {
		caps[c] = stored ? fields[c].max_length + 1 : 4096;
		row += caps[c];
	}
	if (stored)
		*stored = row * (size_t)mysql_stmt_num_rows(st);
	int rc = fetch_each(db, st, a, ncols, caps, each, ctx);
	mysql_free_result(meta);
	mysql_stmt_free_result(st);
	if (!stored)
		mysql_stmt_reset(st);
	return rc;
}

/* Prepare (once: a fresh statement too), bind the arguments of `src` and
 * execute; NULL on error.  Retry once on a new connection when
 * the server went away outside a transaction. */
static MYSQL_STMT *run(struct db *db, struct db_sql *sql, const struct source *src)
{
	struct args args;
	bool collected = false;
	for (int attempt = 0; attempt < 2; attempt++) {
		MYSQL_STMT *st = prepare(db, sql);
		if (!st) {
			if (gone(db->err) && !db->in_tx && attempt == 0) {
				drop_connection(db);
				continue;
			}
			return NULL;
		}
		/* Check the argument count against the statement before reading
		 * any argument: a wrong type string must be an error, never a
		 * crash. */
		if (!collected && mysql_stmt_param_count(st) != source_count(src)) {
			log_error("statement expects %lu arguments, types \"%s\" give %zu: %.200s",
				  mysql_stmt_param_count(st), src->types ? src->types : "(arrays)", source_count(src),
				  sql->text);
			db->err = 0;
			return NULL;
		}
		if (!collected && collect_args(&args, src) < 0) {
			log_error("bad argument types \"%s\"", src->types ? src->types : "(arrays)");
			db->err = 0;
			return NULL;
		}
		collected = true;
		if ((args.n && mysql_stmt_bind_param(st, args.bind)) || mysql_stmt_execute(st)) {
			db->err = mysql_stmt_errno(st);
			if (gone(db->err) && !db->in_tx && attempt == 0) {
				log_info("database connection lost (%s); reconnecting", mysql_stmt_error(st));
				drop_connection(db);
				continue;
			}
			log_error("execute: %s: %.200s", mysql_stmt_error(st), sql->text);
			if (gone(db->err))
				drop_connection(db);
			return NULL;
		}
		db->err = 0;
		return st;
	}
	return NULL;
}

/* The rows of the statement `st` has run (NULL: it failed); the size of
 * the result the client library stored, about, in *stored. */
static int query_rows(struct db *db, struct arena *a, MYSQL_STMT *st, struct db_rows *rows, size_t *stored)
{
	memset(rows, 0, sizeof *rows);
	*stored = 0;
	if (!st)
		return -1;
	rows->ncols = mysql_stmt_field_count(st);
	struct keep k = {a, rows, 0};
	int rc = fetch(db, st, a, stored, keep_row, &k);
	if (!rows->cells)
		rows->cells = arena_zalloc(a, sizeof *rows->cells);
	return rc;
}

/* The client library keeps a stored result's memory with its statement
 * (mysql_stmt_free_result only marks it free for the statement's next
 * result; closing the statement gives it back), and a worker keeps its
 * statements prepared: one large result would stay in the worker for its
 * life.  A statement that stored more than STORED_KEEP_MAX is closed once
 * its rows are copied, and prepared again when next used. */
enum { STORED_KEEP_MAX = 256 * 1024 };

static int query_one(struct db *db, struct arena *a, struct db_sql *sql, MYSQL_STMT *st, struct db_rows *rows)
{
	size_t stored;
	int rc = query_rows(db, a, st, rows, &stored);
	if (st && stored > STORED_KEEP_MAX && db->stmts[sql->slot] == st) {
		mysql_stmt_close(st);
		db->stmts[sql->slot] = NULL;
	}
	return rc;
}

int db_query(struct db *db, struct arena *a, struct db_sql *sql, struct db_rows *rows, const char *types, ...)
{
	va_list ap;
	va_start(ap, types);
	struct source src = {.types = types, .ap = &ap};
	MYSQL_STMT *st = run(db, sql, &src);
	va_end(ap);
	return query_one(db, a, sql, st, rows);
}

int db_query_args(struct db *db, struct arena *a, struct db_sql *sql, struct db_rows *rows, const char *const *texts,
		  size_t ntexts, const long long *ints, size_t nints)
{
	struct source src = {.texts = texts, .ntexts = ntexts, .ints = ints, .nints = nints};
	return query_one(db, a, sql, run(db, sql, &src), rows);
}

int db_call(struct db *db, struct arena *a, struct db_sql *sql, struct db_rows *sets, size_t nsets, const char *types,
	    ...)
{
	va_list ap;
	va_start(ap, types);
	struct source src = {.types = types, .ap = &ap};
	MYSQL_STMT *st = run(db, sql, &src);
	va_end(ap);
	for (size_t i = 0; i < nsets; i++)
		sets[i] = (struct db_rows){.cells = arena_zalloc(a, sizeof *sets[i].cells)};
	if (!st)
		return -1;
	/* Each SELECT of the procedure is a result set with columns; the
	 * CALL's own status ends the sequence, and must be read too before the
	 * connection takes another statement.  The server sends it apart from
	 * the last result set, often a moment later: it is read then (settle),
	 * not waited for here, on the answer's path. */
	int rc = 0;
	size_t n = 0;
	for (;;) {
		if (mysql_stmt_field_count(st) > 0) {
			struct db_rows spare;
			size_t stored;
			if (query_rows(db, a, st, n < nsets ? &sets[n] : &spare, &stored) < 0)
				rc = -1;
			n++;
		} else {
			mysql_stmt_free_result(st);
		}
		if (n == nsets && rc == 0 && mysql_stmt_field_count(st) > 0) {
			db->unsettled = st;
			return 0;
		}
		int next = mysql_stmt_next_result(st);
		if (next > 0) {
			db->err = mysql_stmt_errno(st);
			log_error("call: %s: %.200s", mysql_stmt_error(st), sql->text);
			if (gone(db->err))
				drop_connection(db);
			return -1;
		}
		if (next < 0)
			break;
	}
	if (rc == 0 && n != nsets) {
		log_error("call sent %zu result sets, %zu expected: %.200s", n, nsets, sql->text);
		return -1;
	}
	return rc;
}

int db_exec(struct db *db, struct db_sql *sql, unsigned long long *affected, const char *types, ...)
{
	va_list ap;
	va_start(ap, types);
	struct source src = {.types = types, .ap = &ap};
	MYSQL_STMT *st = run(db, sql, &src);
	va_end(ap);
	if (!st)
		return -1;
	my_ulonglong n = mysql_stmt_affected_rows(st);
	if (affected)
		*affected = (unsigned long long)n;
	if (n > 0 && n != (my_ulonglong)-1)
		db->wrote = true;
	mysql_stmt_free_result(st);
	return 0;
}

int db_each(struct db *db, struct arena *a, struct db_sql *sql, db_row_fn *each, void *ctx, const char *types, ...)
{
	va_list ap;
	va_start(ap, types);
	struct source src = {.types = types, .ap = &ap};
	MYSQL_STMT *st = run(db, sql, &src);
	va_end(ap);
	return st ? fetch(db, st, a, NULL, each, ctx) : -1;
}

const char *db_get(const struct db_rows *rows, size_t row, size_t col)
{
	if (row >= rows->nrows || col >= rows->ncols)
		return NULL;
	return rows->cells[row * rows->ncols + col];
}

const char *db_value(const struct db_rows *rows, size_t row)
{
	if (rows->ncols > 1) {
		log_error("a value read from rows of %zu columns", rows->ncols);
		return NULL;
	}
	return db_get(rows, row, DB_VALUE);
}

enum tx_step { TX_BEGIN, TX_COMMIT, TX_ROLLBACK };

static int tx(struct db *db, enum tx_step step)
{
	for (int attempt = 0; attempt < 2; attempt++) {
		if (db_connect(db) < 0)
			return -1;
		bool failed;
		if (step == TX_BEGIN)
			failed = mysql_autocommit(db->my, 0);
		else
			failed = (step == TX_COMMIT ? mysql_commit(db->my) : mysql_rollback(db->my)) ||
				 mysql_autocommit(db->my, 1);
		if (!failed) {
			db->in_tx = step == TX_BEGIN;
			db->nested = 0;
			db->doomed = false;
			return 0;
		}
		db->err = mysql_errno(db->my);
		bool lost = gone(db->err);
		if (lost)
			drop_connection(db);
		/* Beginning on a connection the server dropped: begin on a new one. */
		if (lost && step == TX_BEGIN && attempt == 0)
			continue;
		log_error("transaction: %s", lost ? "the database connection was lost" : mysql_error(db->my));
		return -1;
	}
	return -1;
}

bool db_wrote(const struct db *db)
{
	return db->wrote;
}

bool db_end_request(struct db *db)
{
	settle(db);
	db->wrote = false;
	if (!db->in_tx)
		return false;
	tx(db, TX_ROLLBACK); /* the whole, however deep it was begun */
	return true;
}

/* SAVEPOINT, RELEASE SAVEPOINT or ROLLBACK TO SAVEPOINT (`verb`) of the
 * transaction begun at depth `depth`: 0 or -1 (logged). */
static int savepoint(struct db *db, const char *verb, int depth)
{
	char sql[64];
	int n = snprintf(sql, sizeof sql, "%s SAVEPOINT nested%d", verb, depth);
	if (db_connect(db) < 0)
		return -1;
	if (mysql_real_query(db->my, sql, (unsigned long)n)) {
		db->err = mysql_errno(db->my);
		log_error("transaction: %s", mysql_error(db->my));
		if (gone(db->err))
			drop_connection(db);
		return -1;
	}
	return 0;
}

int db_begin(struct db *db)
{
	if (db->in_tx) {
		if (savepoint(db, "", db->nested + 1) < 0)
			return -1;
		db->nested++;
		return 0;
	}
	return tx(db, TX_BEGIN);
}

int db_commit(struct db *db)
{
	if (db->nested) {
		if (savepoint(db, "RELEASE", db->nested) < 0)
			db->doomed = true;
		db->nested--;
		return 0;
	}
	if (db->doomed) {
		log_error("transaction: a part of it was rolled back, so it is rolled back whole");
		tx(db, TX_ROLLBACK);
		return -1;
	}
	return tx(db, TX_COMMIT);
}

int db_rollback(struct db *db)
{
	if (db->nested) {
		if (savepoint(db, "ROLLBACK TO", db->nested) < 0)
			db->doomed = true;
		db->nested--;
		return 0;
	}
	return tx(db, TX_ROLLBACK);
}

int db_use(struct db *db, const char *name)
{
	if (db_connect(db) < 0)
		return -1;
	if (mysql_select_db(db->my, name)) {
		db->err = mysql_errno(db->my);
		log_error("use %s: %s", name, mysql_error(db->my));
		return -1;
	}
	return 0;
}

int db_run_script(struct db *db, const char *script, size_t len)
{
	if (db_connect(db) < 0)
		return -1;
	int status = mysql_real_query(db->my, script, (unsigned long)len);
	for (;;) {
		if (status) {
			db->err = mysql_errno(db->my);
			log_error("%s", mysql_error(db->my));
			return -1; /* the server stops at the first failing statement */
		}
		MYSQL_RES *res = mysql_store_result(db->my);
		if (res)
			mysql_free_result(res);
		int next = mysql_next_result(db->my);
		if (next < 0)
			break;
		status = next;
	}
	return 0;
}
