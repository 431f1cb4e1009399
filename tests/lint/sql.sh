#!/bin/sh
# SQL has parameters only: statement text lives in DB_SQL("...") literals,
# and no formatted string reaches the database.  The raw query calls are
# confined to db.c (prepared statements and sporctl's trusted migration
# scripts).
root=${top_srcdir:-.}
. "$root/tests/lint/tap.sh"

raw=$(grep -nE 'mysql_(real_)?query|mysql_stmt_prepare|mysql_send_query' "$root"/cgi/*/*.c | grep -v '^[^:]*/core/db\.c:')
none "raw query calls only in db.c" "$raw"

# The text of DB_SQL( ... ) (and of DB_SQL_FRESH, and of their _COLS forms
# after the count) must begin with a string literal or a macro of literals
# (an upper-case name); lines may break, in a macro too.
nonlit=$(grep -lPz 'DB_SQL(_FRESH)?\([\s\\]*[^\s\\"A-Z]|DB_SQL(_FRESH)?_COLS\(\s*\w+\s*,[\s\\]*[^\s\\"A-Z]' "$root"/cgi/*/*.c)
none "every DB_SQL() holds a string literal" "$nonlit"

# Statements are q_* descriptors (or a `sql` parameter): their text is never assigned.
built=$(grep -nE '\b(q_[a-z_]+|sql)(\[[^]]*\])*(\.|->)text *=' "$root"/cgi/*/*.c)
none "no statement text assigned at run time" "$built"

fmt=$(grep -nE '(s?n?printf|arena_printf|buf_printf)\([^;]*\b(SELECT|INSERT|UPDATE|DELETE|REPLACE|CALL)\b' "$root"/cgi/*/*.c)
none "no SQL keyword in a formatted string" "$fmt"

script=$(grep -n 'db_run_script(' "$root"/cgi/*/*.c | grep -vE '^[^:]*/(core/db|ctl/ctl_migrate)\.c:|db\.h')
none "db_run_script only in db.c and ctl_migrate.c" "$script"

# Columns are read by name (core/db.h): a db_get whose column is a number,
# or a streamed row's cells read by number, is refused; calls may break
# across lines.  db_value reads a statement of one column.
positional() {
    perl -0777 -ne 'while (/\b(db_get\(\s*[^(),;]+,\s*[^(),;]+,\s*\d+\s*\)|cells\[\s*\d+\s*\])/g) {
        my ($line, $read) = (1 + (substr($_, 0, $-[0]) =~ tr/\n//), $1); $read =~ s/\s+/ /g;
        print "$ARGV:$line: $read\n" }' "$@"
}
pos=$(positional "$root"/cgi/*/*.c "$root"/cgi/*/*.h)
none "columns are read by name, never by position" "$pos"
caught=$(positional "$root"/tests/fixtures/lint/positional-columns.c | wc -l)
[ "$caught" = 4 ]; check $? "the check catches reads by position, on one line or across lines ($caught of 4 in the fixture)"

finish
