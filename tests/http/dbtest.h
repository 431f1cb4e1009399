/* Direct database access for the tests that check what the portal wrote:
 * connections as the configured users, and single values. */
#ifndef SPOR_DBTEST_H
#define SPOR_DBTEST_H

#include <mysql.h>
#include <stdbool.h>
#include <stddef.h>

/* Connect as the configuration's db.<role> user ($SPOR_CONFIG); NULL on error. */
MYSQL *dbtest_connect(const char *role);
/* The first column of the first row of `sql`, in a static buffer ("" when none). */
const char *dbtest_value(MYSQL *my, const char *sql);

/* dbtest_value of a formatted statement. */
const char *dbtest_valuef(MYSQL *my, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* Run `sql` and drop any result: the server's error number, 0 on success
 * (for tests of what a user may and may not do). */
unsigned dbtest_run(MYSQL *my, const char *sql);

/* Run a formatted statement; a failure is reported as a diagnostic.  0 or -1. */
int dbtest_execf(MYSQL *my, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* The same, any length (a new string each call, kept until the next). */
const char *dbtest_value_long(MYSQL *my, const char *sql);

/* Run the test build's sporctl on the test instance with `args` (shell
 * words), `input` (a line, no single quote) on standard input unless NULL,
 * and its standard output and error written to `outfile` unless NULL.
 * Returns its exit status, or -1. */
int dbtest_sporctl(const char *input, const char *args, const char *outfile);
/* The same without input, its standard output alone in `outfile` and its
 * standard error in `errfile` (what a script captures of it, and what it
 * says to the operator). */
int dbtest_sporctl_apart(const char *args, const char *outfile, const char *errfile);

/* The absolute path of `rel` ("tests/fixtures/oms") in the source tree
 * (top_srcdir), into out. */
void dbtest_source_path(const char *rel, char *out, size_t size);

/* Import `csv`, an EMA export's text, with sporctl import rms (through a
 * file of its own).  True when it worked. */
bool dbtest_import_csv(const char *csv);
/* Import the demonstration data (db/demo/rms.json and oms.json) with
 * sporctl; importing them again changes nothing.  True when both worked. */
bool dbtest_import_demo(void);

#endif
