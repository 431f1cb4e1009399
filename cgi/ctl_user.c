/* sporctl user list | lock EMAIL | unlock EMAIL | reset-password EMAIL:
 * the operator's view of the portal's accounts.  Locking and a new password
 * end the account's sessions; the new password is read from standard input
 * (asked twice, unechoed, on a terminal). */
#include "config.h"

#include <stdio.h>
#include <string.h>
#include <termios.h>
#include <unistd.h>

#include "conf.h"
#include "ctl.h"
#include "db.h"
#include "mem.h"
#include "password.h"

static struct db_sql q_list = DB_SQL(
	"SELECT id, status, DATE_FORMAT(created_at, '%Y-%m-%d'), email, name FROM accounts ORDER BY id");
static struct db_sql q_lock = DB_SQL("UPDATE accounts SET status = 'locked', updated_at = UTC_TIMESTAMP()"
				     " WHERE email = ? AND status IN ('pending', 'active')");
static struct db_sql q_unlock = DB_SQL(
	"UPDATE accounts SET status = 'active', updated_at = UTC_TIMESTAMP() WHERE email = ? AND status = 'locked'");
static struct db_sql q_password = DB_SQL("UPDATE accounts SET password_hash = ?, updated_at = UTC_TIMESTAMP()"
					 " WHERE email = ? AND status <> 'deleted'");
static struct db_sql q_end_sessions =
	DB_SQL("DELETE s FROM sessions s JOIN accounts a ON a.id = s.account_id WHERE a.email = ?");
static struct db_sql q_status = DB_SQL("SELECT status FROM accounts WHERE email = ?");

static int print_row(void *ctx, const char *const *cells, size_t ncols)
{
	(void)ctx;
	(void)ncols;
	printf("%8s  %-8s %s  %s  (%s)\n", cells[0], cells[1], cells[2], cells[3], cells[4]);
	return 0;
}

/* One line of standard input, without its line end; unechoed on a terminal. */
static bool read_line(const char *prompt, char *buf, size_t size)
{
	bool tty = isatty(STDIN_FILENO) == 1;
	struct termios old, quiet;
	if (tty) {
		fprintf(stderr, "%s", prompt);
		tcgetattr(STDIN_FILENO, &old);
		quiet = old;
		quiet.c_lflag &= ~(tcflag_t)ECHO;
		tcsetattr(STDIN_FILENO, TCSAFLUSH, &quiet);
	}
	bool got = fgets(buf, (int)size, stdin) != NULL;
	if (tty) {
		tcsetattr(STDIN_FILENO, TCSAFLUSH, &old);
		fputc('\n', stderr);
	}
	buf[strcspn(buf, "\r\n")] = '\0';
	return got;
}

static int new_password(const struct conf *c, struct db *db, const char *email)
{
	char pw[512], again[512], hash[PASSWORD_HASH_MAX];
	if (!read_line("New password: ", pw, sizeof pw)) {
		fprintf(stderr, "sporctl: no password on standard input\n");
		return 1;
	}
	if (isatty(STDIN_FILENO) && (!read_line("Again: ", again, sizeof again) || strcmp(pw, again) != 0)) {
		fprintf(stderr, "sporctl: the two passwords differ\n");
		return 1;
	}
	const char *problem = password_problem(pw);
	if (problem) {
		fprintf(stderr, "sporctl: %s\n", problem);
		return 1;
	}
	unsigned long long changed = 0;
	if (password_hash(c, pw, hash) < 0 || db_begin(db) < 0 ||
	    db_exec(db, &q_password, &changed, "ss", hash, email) < 0 ||
	    (changed && db_exec(db, &q_end_sessions, NULL, "s", email) < 0) || db_commit(db) < 0) {
		db_rollback(db);
		return 1;
	}
	if (!changed) {
		fprintf(stderr, "sporctl: no account with the email %s\n", email);
		return 1;
	}
	printf("%s: new password set; its sessions ended\n", email);
	return 0;
}

static int set_status(struct db *db, const char *verb, const char *email)
{
	bool lock = strcmp(verb, "lock") == 0;
	unsigned long long changed = 0;
	if (db_begin(db) < 0 || db_exec(db, lock ? &q_lock : &q_unlock, &changed, "s", email) < 0 ||
	    (lock && changed && db_exec(db, &q_end_sessions, NULL, "s", email) < 0) || db_commit(db) < 0) {
		db_rollback(db);
		return 1;
	}
	if (!changed) {
		struct arena *a = arena_new();
		struct db_rows rows;
		bool known = db_query(db, a, &q_status, &rows, "s", email) == 0 && rows.nrows;
		fprintf(stderr, "sporctl: %s%s%s\n", known ? email : "no account with the email ",
			known ? " is " : email, known ? db_get(&rows, 0, 0) : "");
		arena_free(a);
		return 1;
	}
	printf("%s: %s\n", email, lock ? "locked; its sessions ended" : "unlocked");
	return 0;
}

int ctl_user(const struct conf *c, int argc, char **argv)
{
	const char *verb = argc ? argv[0] : "";
	bool list = argc == 1 && strcmp(verb, "list") == 0;
	bool one = argc == 2 && (strcmp(verb, "lock") == 0 || strcmp(verb, "unlock") == 0 ||
				 strcmp(verb, "reset-password") == 0);
	if (!list && !one) {
		fprintf(stderr, "usage: sporctl user list | lock EMAIL | unlock EMAIL | reset-password EMAIL\n"
				"  reset-password reads the new password from standard input.\n");
		return 2;
	}
	struct db_conf dc;
	db_conf_from(&dc, c, "owner");
	struct db *db = db_new(&dc);
	struct arena *a = arena_new();
	int rc = db_connect(db) < 0				  ? 1
		 : list						  ? (db_each(db, a, &q_list, print_row, NULL, "") < 0)
		 : strcmp(verb, "reset-password") == 0 ? new_password(c, db, argv[1])
							  : set_status(db, verb, argv[1]);
	arena_free(a);
	db_free(db);
	return rc;
}
