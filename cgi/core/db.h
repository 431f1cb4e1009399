/* MariaDB access: one connection per worker with its prepared statements
 * (one that stored a large result is closed after it: db.c, query_one).
 * SQL text lives only in static `struct db_sql` descriptors (string
 * literals); values are always bound parameters.  After the server went away
 * the connection is reopened and the statements prepared again. */
#ifndef SPOR_DB_H
#define SPOR_DB_H

#include <stdbool.h>
#include <stddef.h>

struct arena;
struct settings;

struct db_conf {
	const char *socket; /* UNIX socket, or NULL for host:port */
	const char *host;
	unsigned port;
	const char *name;
	const char *user;
	const char *password;
	bool multi_statements; /* sporctl's migrations only */
};

/* A statement: its text, the columns it declares and, per process, its
 * slot in the statement cache. */
struct db_sql {
	const char *text;
	int slot;	/* 0 until first use */
	bool fresh;	/* prepared again for every use */
	unsigned ncols; /* columns of its rows, when declared (0: not declared) */
};
#define DB_SQL(text) {text, 0, false, 0}
/* MariaDB 10.11 executes some statements again without the covering index
 * it chose the first time (ORDER BY ... LIMIT ? OFFSET ? on a secondary
 * index: from 20 ms to 250 ms at a deep offset).  Those are prepared anew
 * for each use, which costs a round trip. */
#define DB_SQL_FRESH(text) {text, 0, true, 0}

/* Columns are read by name, never by position.  A statement of several
 * columns declares them once, beside its text, as an X-macro of (the
 * column's name in C, its name on the page or NULL), and its descriptor
 * says how many there are:
 *
 *   #define LIST_COLUMNS(X) X(LIST_ID, "id") X(LIST_NAME, "name") X(LIST_STATS, NULL)
 *   DB_COLUMNS(LIST_COLUMNS, LIST__COUNT, list_names);
 *   static struct db_sql q_list = DB_SQL_COLS(LIST__COUNT, "SELECT id, name, stats FROM ...");
 *
 * DB_COLUMNS declares the enum (ending in the count) and the page's names
 * together; a statement whose rows go to no page declares the enum alone,
 * enum { LIST_COLUMNS(DB_COLUMN) LIST__COUNT }, and a function may keep
 * the names to itself, static const char *const names[] =
 * {LIST_COLUMNS(DB_COLUMN_NAME)}.
 *
 * then db_get(&rows, i, LIST_NAME), and page_rows(r, "Page.lists", &rows,
 * list_names, LIST__COUNT) for the page.  The statement is refused when it
 * is prepared with another number of columns than it declares, so that a
 * column added to the SQL alone fails at once instead of shifting the
 * names.  (A plain enum of the names will do where none goes to a page.)
 * A statement of one column ("SELECT COUNT(*)", "SELECT id") declares
 * nothing: db_value reads it, and DB_VALUE names its column for a function
 * that takes one (listing_ids). */
#define DB_SQL_COLS(ncols, text) {text, 0, false, ncols}
#define DB_SQL_FRESH_COLS(ncols, text) {text, 0, true, ncols}
#define DB_COLUMN(name, page) name,
#define DB_COLUMN_NAME(name, page) page,
#define DB_COLUMNS(columns, count, names)                                                                         \
	enum { columns(DB_COLUMN) count };                                                                           \
	static const char *const names[] = {columns(DB_COLUMN_NAME)}
enum { DB_VALUE = 0 };

/* Rows read by db_query, every value as text (NULL for SQL NULL). */
struct db_rows {
	size_t nrows, ncols;
	const char **cells; /* nrows * ncols */
};

struct db;

/* Fill `dc` from the configuration: db.socket, db.host ... and the account
 * of db.<role>.*. */
void db_conf_from(struct db_conf *dc, const struct settings *s, const char *role);
struct db *db_new(const struct db_conf *dc);
void db_free(struct db *db);
/* Connect now (it also happens lazily).  0 or -1. */
int db_connect(struct db *db);

/* Bound arguments are described by `types`, one letter each:
 *   s  const char * (NULL binds SQL NULL)
 *   i  long long
 * Returns 0 or -1 (logged; db_errno tells the server's error number). */
int db_query(struct db *db, struct arena *a, struct db_sql *sql, struct db_rows *rows, const char *types, ...);
int db_exec(struct db *db, struct db_sql *sql, unsigned long long *affected, const char *types, ...);
/* A stored procedure that answers with result sets ("CALL p(?, ?)"):
 * exactly `nsets` of them, into sets[0..nsets-1], in one round trip.  Its
 * descriptor declares no columns (a CALL has none until it runs): the
 * caller checks each set's ncols.  0 or -1 (fewer sets too).  The
 * procedure only reads: the call's own status is read after its last set,
 * before the connection's next command or at the request's end
 * (db_end_request), and a set more than `nsets` is logged then. */
int db_call(struct db *db, struct arena *a, struct db_sql *sql, struct db_rows *sets, size_t nsets, const char *types,
	    ...);
/* db_query with its arguments in arrays: `texts` (n of them, as 's'), then
 * `ints` (as 'i'), for a statement whose arguments its caller assembles
 * (the console's filtered listings, admin.h). */
int db_query_args(struct db *db, struct arena *a, struct db_sql *sql, struct db_rows *rows, const char *const *texts,
		  size_t ntexts, const long long *ints, size_t nints);

/* The value in column `col` of row `row` (NULL for SQL NULL, or no such
 * row or column). */
const char *db_get(const struct db_rows *rows, size_t row, size_t col);
/* The value of a one-column statement in row `row` (NULL for SQL NULL, or
 * no such row; NULL and an error logged when the rows have more columns). */
const char *db_value(const struct db_rows *rows, size_t row);

/* Stream the rows of a query one at a time, without keeping them: `each`
 * gets the row's values (NULL for SQL NULL), valid during the call only,
 * and may stop the stream by returning non-zero.  0 or -1. */
typedef int db_row_fn(void *ctx, const char *const *cells, size_t ncols);
int db_each(struct db *db, struct arena *a, struct db_sql *sql, db_row_fn *each, void *ctx, const char *types, ...);

/* A transaction begun while one is open is a savepoint of it (a batch of
 * the write API makes each of its requests in one transaction; a write
 * with an Idempotency-Key is one with its key): the inner commit keeps its
 * work for the outer one's, an inner rollback undoes the inner work alone.
 * Should the server have lost the savepoint (a deadlock rolls back the
 * whole transaction), the outer commit rolls back (-1).  0 or -1. */
int db_begin(struct db *db);
int db_commit(struct db *db);
int db_rollback(struct db *db);

/* True when a db_exec of this request changed rows (a write the primary's
 * binary log records), until db_end_request. */
bool db_wrote(const struct db *db);

/* At the end of a request: roll back a transaction the handler left open.
 * True when there was one (a bug worth logging). */
bool db_end_request(struct db *db);

unsigned db_errno(const struct db *db);
/* True when the last statement failed because the server could not be
 * reached (down, restarting, refusing this user): an outage, not a bug. */
bool db_unreachable(const struct db *db);

/* Make `name` the default database (an API call, not SQL). */
int db_use(struct db *db, const char *name);

/* For sporctl's migrations only: run a trusted script of several statements
 * read from the project's own files (never request data). */
int db_run_script(struct db *db, const char *script, size_t len);

#endif
