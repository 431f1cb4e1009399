/* sporctl user list | lock | unlock | reset-password | set-email |
 * reset-2fa (ctl_twofactor.c) | tokens, and sporctl create-admin EMAIL: the
 * operator's view of the portal's accounts.  An account is named by its
 * email, read by the portal's one rule (email.h), or by its number (#ID).
 * Locking and a new password end the account's sessions; the new password
 * is read from standard input (asked twice, unechoed, on a terminal).
 * tokens lists, revokes and makes an account's personal access tokens, a
 * new one as its owner makes one at /account/tokens (access_token.h). */
#include "config.h"

#include <stdio.h>
#include <string.h>
#include <termios.h>
#include <unistd.h>
#include <unistr.h>

#include "account/access_token.h"
#include "account/password.h"
#include "admin/admin.h"
#include "core/bearer.h"
#include "core/conf.h"
#include "core/db.h"
#include "core/email.h"
#include "core/field.h"
#include "core/mem.h"
#include "core/program.h"
#include "core/session.h"
#include "ctl/ctl.h"

enum { LIST_ID, LIST_STATUS, LIST_CREATED, LIST_EMAIL, LIST_NAME, LIST_ROLES, LIST__COUNT };
static struct db_sql q_list = DB_SQL_COLS(LIST__COUNT,
	"SELECT a.id, a.status, DATE_FORMAT(a.created_at, '%Y-%m-%d'), a.email, a.name,"
	" COALESCE((SELECT GROUP_CONCAT(CONCAT(r.role_code, IF(r.org_id = '', '', CONCAT(' ', r.org_id)))"
	" ORDER BY r.role_code SEPARATOR ', ') FROM account_roles r WHERE r.account_id = a.id), '')"
	" FROM accounts a ORDER BY a.id");
/* An account named by its number or its email (normalised). */
enum { FIND_ID, FIND_EMAIL, FIND_STATUS, FIND__COUNT };
static struct db_sql q_find =
	DB_SQL_COLS(FIND__COUNT, "SELECT id, email, status FROM accounts WHERE id = ? OR email = ?");

/* An email argument in its normal form (email.h) into out; false after
 * saying why. */
static bool normal_email(const char *arg, char out[EMAIL_MAX + 1])
{
	enum email_error e = email_normalize(arg, out);
	if (e != EMAIL_OK)
		fprintf(stderr, "sporctl: %s: %s\n", arg, email_error_text(e));
	return e == EMAIL_OK;
}

/* The account an argument names, "#ID" or an email: its row (id, email,
 * status), or false after saying why. */
static bool find_account(struct db *db, struct arena *a, const char *arg, struct db_rows *row)
{
	char email[EMAIL_MAX + 1] = "";
	const char *id = arg[0] == '#' ? arg + 1 : NULL;
	if (id && (!*id || strspn(id, "0123456789") != strlen(id) || strlen(id) > 19)) {
		fprintf(stderr, "sporctl: %s: an account is #NUMBER (sporctl user list) or an email\n", arg);
		return false;
	}
	if (!id && !normal_email(arg, email))
		return false;
	if (db_query(db, a, &q_find, row, "ss", id, id ? NULL : email) < 0)
		return false;
	if (!row->nrows)
		fprintf(stderr, "sporctl: no account %s%s\n", id ? "" : "with the email ", id ? arg : email);
	return row->nrows == 1;
}

static int print_row(void *ctx, const char *const *cells, size_t ncols)
{
	(void)ctx;
	(void)ncols;
	printf("%8s  %-8s %s  %s  (%s)%s%s\n", cells[LIST_ID], cells[LIST_STATUS], cells[LIST_CREATED],
	       cells[LIST_EMAIL], cells[LIST_NAME], *cells[LIST_ROLES] ? "  " : "", cells[LIST_ROLES]);
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

/* Read a new password from standard input (twice on a terminal), check it
 * and hash it.  0 or 1 (said why). */
static int ask_password(const struct settings *s, char hash[PASSWORD_HASH_MAX])
{
	char pw[512], again[512];
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
		fprintf(stderr, "sporctl: %s\n", password_problem_text(problem));
		return 1;
	}
	return password_hash(s, pw, hash) < 0;
}

static struct db_sql q_password = DB_SQL("UPDATE accounts SET password_hash = ?, updated_at = UTC_TIMESTAMP()"
					 " WHERE id = ? AND status <> 'deleted'");

static int new_password(const struct settings *s, struct db *db, const struct db_rows *account)
{
	char hash[PASSWORD_HASH_MAX];
	if (ask_password(s, hash))
		return 1;
	const char *id = db_get(account, 0, FIND_ID), *email = db_get(account, 0, FIND_EMAIL);
	unsigned long long changed = 0;
	if (db_begin(db) < 0 || db_exec(db, &q_password, &changed, "ss", hash, id) < 0 ||
	    (changed && session_end_all(db, id) < 0) || db_commit(db) < 0) {
		db_rollback(db);
		return 1;
	}
	if (!changed) {
		fprintf(stderr, "sporctl: %s is deleted\n", email);
		return 1;
	}
	printf("%s: new password set; its sessions ended, its access tokens revoked\n", email);
	return 0;
}

static struct db_sql q_set_email = DB_SQL("UPDATE IGNORE accounts SET email = ?, updated_at = UTC_TIMESTAMP()"
					  " WHERE id = ? AND status <> 'deleted'");

/* Another address for an account: what sporctl migrate asks for when two
 * accounts' addresses became one (docs/operations.md). */
static int set_email(struct db *db, const struct db_rows *account, const char *arg)
{
	char email[EMAIL_MAX + 1];
	if (!normal_email(arg, email))
		return 1;
	const char *id = db_get(account, 0, FIND_ID), *was = db_get(account, 0, FIND_EMAIL);
	if (strcmp(email, was) == 0) {
		printf("#%s: %s already\n", id, email);
		return 0;
	}
	unsigned long long changed = 0;
	if (db_exec(db, &q_set_email, &changed, "ss", email, id) < 0)
		return 1;
	if (!changed) {
		fprintf(stderr, "sporctl: #%s keeps %s: %s is another account's, or the account is deleted\n",
			id, was, email);
		return 1;
	}
	printf("#%s: %s (was %s)\n", id, email, was);
	return 0;
}

/* One row inserted (1) or an existing one updated (2). */
static struct db_sql q_admin_account = DB_SQL(
	"INSERT INTO accounts (email, name, password_hash, status) VALUES (?, SUBSTRING_INDEX(?, '@', 1), ?, 'active')"
	" ON DUPLICATE KEY UPDATE password_hash = VALUES(password_hash), status = 'active', updated_at = UTC_TIMESTAMP()");
static struct db_sql q_admin_role = DB_SQL("INSERT IGNORE INTO account_roles (account_id, role_code)"
					   " SELECT id, 'ADMINISTRATOR' FROM accounts WHERE email = ?");

/* An active administrator with this email and password: a new account, or
 * an existing one given the role (and the password). */
static int create_admin(const struct settings *s, struct db *db, const char *email)
{
	char hash[PASSWORD_HASH_MAX];
	if (ask_password(s, hash))
		return 1;
	unsigned long long made = 0;
	if (db_begin(db) < 0 || db_exec(db, &q_admin_account, &made, "sss", email, email, hash) < 0 ||
	    db_exec(db, &q_admin_role, NULL, "s", email) < 0 || db_commit(db) < 0) {
		db_rollback(db);
		return 1;
	}
	printf("%s: administrator (%s)\n", email, made == 1 ? "new account" : "existing account, new password");
	return 0;
}

static int set_status(struct db *db, const char *verb, const struct db_rows *account)
{
	bool lock = strcmp(verb, "lock") == 0;
	const char *id = db_get(account, 0, FIND_ID), *email = db_get(account, 0, FIND_EMAIL);
	unsigned long long changed = 0;
	if (db_begin(db) < 0 || admin_lock(db, id, lock, &changed) < 0 || db_commit(db) < 0) {
		db_rollback(db);
		return 1;
	}
	if (!changed) {
		fprintf(stderr, "sporctl: %s is %s\n", email, db_get(account, 0, FIND_STATUS));
		return 1;
	}
	printf("%s: %s\n", email, lock ? "locked; its sessions ended, its access tokens revoked" : "unlocked");
	return 0;
}

enum { TOK_ID, TOK_SCOPE, TOK_CREATED, TOK_EXPIRES, TOK_USED, TOK_STATE, TOK_NAME, TOK__COUNT };
static struct db_sql q_tokens = DB_SQL_COLS(
	TOK__COUNT,
	"SELECT id, scope, DATE_FORMAT(created_at, '%Y-%m-%d'), DATE_FORMAT(expires_at, '%Y-%m-%d'),"
	" COALESCE(DATE_FORMAT(last_used_at, '%Y-%m-%d %H:%i'), 'never'), " TOKEN_STATE_SQL ","
	" name FROM access_tokens WHERE account_id = ? ORDER BY id");
static struct db_sql q_revoke_token = DB_SQL("UPDATE access_tokens SET revoked_at = UTC_TIMESTAMP()"
					     " WHERE account_id = ? AND revoked_at IS NULL AND (id = ? OR ? = 'all')");

static int print_token(void *ctx, const char *const *cells, size_t ncols)
{
	(void)ctx;
	(void)ncols;
	printf("%8s  %-6s %-7s made %s  expires %s  last used %s  %s\n", cells[TOK_ID], cells[TOK_SCOPE],
	       cells[TOK_STATE], cells[TOK_CREATED], cells[TOK_EXPIRES], cells[TOK_USED], cells[TOK_NAME]);
	return 0;
}

/* What sporctl user tokens ACCOUNT is asked: the list (none of them),
 * --revoke, or --new with its --scope and --expires-days. */
struct tokens_args {
	const char *revoke, *name, *scope, *days;
};

/* The options after ACCOUNT, each once, in any order: false when they are
 * no command of user tokens (the usage is shown). */
static bool tokens_args(int argc, char **argv, struct tokens_args *t)
{
	*t = (struct tokens_args){0};
	if (argc % 2)
		return false;
	for (int i = 0; i < argc; i += 2) {
		const char **slot = strcmp(argv[i], "--revoke") == 0	   ? &t->revoke
				    : strcmp(argv[i], "--new") == 0	   ? &t->name
				    : strcmp(argv[i], "--scope") == 0	   ? &t->scope
				    : strcmp(argv[i], "--expires-days") == 0 ? &t->days
									   : NULL;
		if (!slot || *slot)
			return false;
		*slot = argv[i + 1];
	}
	if (t->revoke)
		return argc == 2;
	return t->name ? t->scope != NULL : argc == 0;
}

/* sporctl user tokens ACCOUNT [--revoke ID|all]: the account's personal
 * access tokens (never the tokens themselves: the portal has only their
 * hashes), and revoking one or every live one. */
static int user_tokens(struct db *db, struct arena *a, const struct db_rows *account, const char *revoke)
{
	const char *id = db_get(account, 0, FIND_ID), *email = db_get(account, 0, FIND_EMAIL);
	if (!revoke)
		return db_each(db, a, &q_tokens, print_token, NULL, "s", id) < 0;
	bool all = strcmp(revoke, "all") == 0;
	if (!all && (!*revoke || strspn(revoke, "0123456789") != strlen(revoke) || strlen(revoke) > 19)) {
		fprintf(stderr, "sporctl: %s: a token is its number (sporctl user tokens ACCOUNT) or all\n", revoke);
		return 2;
	}
	unsigned long long revoked = 0;
	if (db_exec(db, &q_revoke_token, &revoked, "sss", id, all ? "0" : revoke, revoke) < 0)
		return 1;
	printf("%s: %llu token%s revoked\n", email, revoked, revoked == 1 ? "" : "s");
	return !all && !revoked;
}

/* A new token's three options checked as the form's fields are (field.h),
 * into in[]: false after saying what each takes. */
static bool new_token_checked(struct arena *a, const struct tokens_args *t, struct input in[3])
{
	static const struct field fields[3] = {ACCESS_TOKEN_NAME_FIELD, ACCESS_TOKEN_SCOPE_FIELD,
					       ACCESS_TOKEN_DAYS_FIELD};
	static const char *const options[3] = {"--new", "--scope", "--expires-days"};
	char days[24];
	snprintf(days, sizeof days, "%d", TOKEN_DAYS_DEFAULT);
	const char *given[3] = {t->name, t->scope, t->days ? t->days : days};
	char takes[3][80];
	snprintf(takes[0], sizeof takes[0], "a token's name is 1 to %d characters on one line", TOKEN_NAME_MAX);
	snprintf(takes[1], sizeof takes[1], "a token's scope is read, write or decide");
	snprintf(takes[2], sizeof takes[2], "a token lives 1 to %d days", TOKEN_DAYS_MAX);
	for (int i = 0; i < 3; i++)
		if (u8_check((const uint8_t *)given[i], strlen(given[i])) ||
		    field_check(a, &fields[i], given[i], &in[i]) != FIELD_OK || !in[i].set) {
			fprintf(stderr, "sporctl: %s %s: %s\n", options[i], given[i], takes[i]);
			return false;
		}
	return true;
}

/* sporctl user tokens ACCOUNT --new NAME --scope SCOPE [--expires-days N]:
 * a token made as its owner makes one at /account/tokens, by the same
 * rules (a token that decides only for a data steward or administrator
 * with two-step sign-in on; at most TOKENS_LIVE_MAX live, one of a name),
 * audit-logged as the page's is, with no actor (the operator's changes
 * name none).  The token alone on standard output, for a script to
 * capture: the one time it is shown. */
static int new_token(struct db *db, struct arena *a, const struct db_rows *account, const struct tokens_args *t)
{
	const char *id = db_get(account, 0, FIND_ID), *email = db_get(account, 0, FIND_EMAIL);
	struct input in[3];
	if (!new_token_checked(a, t, in))
		return 2;
	const char *name = in[0].text, *scope = in[1].text;
	if (strcmp(db_get(account, 0, FIND_STATUS), "active") != 0) {
		fprintf(stderr, "sporctl: %s is %s: only an active account holds tokens\n", email,
			db_get(account, 0, FIND_STATUS));
		return 1;
	}
	struct app app = {.db = db, .primary = db, .arena = a};
	struct req r = {.app = &app, .arena = a, .roles = ROLE_ANON};
	int decide = strcmp(scope, "decide") == 0 ? access_token_may_decide(&r, id) : 1;
	if (decide <= 0) {
		if (decide == 0)
			fprintf(stderr, "sporctl: %s: only a data steward or administrator with two-step sign-in on"
					" holds a token that decides\n", email);
		return 1;
	}
	char secret[BEARER_CHARS + 1];
	enum access_token_made made = TOKEN_FAILED;
	if (db_begin(db) < 0 || (made = access_token_make(&r, id, name, scope, in[2].num, secret)) != TOKEN_MADE ||
	    db_commit(db) < 0) {
		db_rollback(db);
		if (made == TOKEN_NAME_USED)
			fprintf(stderr, "sporctl: %s has a live token named %s already\n", email, name);
		else if (made == TOKEN_TOO_MANY)
			fprintf(stderr, "sporctl: %s has %d live tokens, the most an account holds: revoke one first\n",
				email, TOKENS_LIVE_MAX);
		else
			fprintf(stderr, "sporctl: could not make a token for %s\n", email);
		return 1;
	}
	printf("%s\n", secret);
	fprintf(stderr, "%s: token \"%s\" (%s) made, for %lld days; it is shown this once\n", email, name, scope,
		in[2].num);
	return 0;
}

static struct db *owner(const struct settings *s)
{
	struct db_conf dc;
	db_conf_from(&dc, s, "owner");
	return db_new(&dc);
}

static const char user_usage[] =
	"usage: sporctl user list | lock ACCOUNT | unlock ACCOUNT | reset-password ACCOUNT | set-email ACCOUNT EMAIL\n"
	"                    | reset-2fa ACCOUNT | tokens ACCOUNT [--revoke ID|all]\n"
	"                    | tokens ACCOUNT --new NAME --scope read|write|decide [--expires-days N]\n"
	"  ACCOUNT is an email or #NUMBER (the first column of user list).\n"
	"  reset-password reads the new password from standard input.\n"
	"  reset-2fa turns two-step sign-in off for one who lost the authenticator and the recovery codes\n"
	"  (the owner is mailed).\n"
	"  tokens lists the account's personal access tokens; --revoke revokes one (by its number) or all;\n"
	"  --new makes one (for 90 days unless --expires-days says, at most 366) as its owner would at\n"
	"  /account/tokens, and prints it alone on standard output, the one time it is shown.\n";

/* One verb on one account (the options of tokens read already). */
static int on_account(const struct settings *s, struct db *db, struct arena *a, char **argv,
		      const struct tokens_args *t)
{
	struct db_rows account;
	if (!find_account(db, a, argv[1], &account))
		return 1;
	if (strcmp(argv[0], "reset-password") == 0)
		return new_password(s, db, &account);
	if (strcmp(argv[0], "set-email") == 0)
		return set_email(db, &account, argv[2]);
	if (strcmp(argv[0], "reset-2fa") == 0)
		return ctl_reset_2fa(s, db, db_get(&account, 0, FIND_ID));
	if (strcmp(argv[0], "tokens") == 0)
		return t->name ? new_token(db, a, &account, t) : user_tokens(db, a, &account, t->revoke);
	return set_status(db, argv[0], &account);
}

int ctl_user(const struct settings *s, int argc, char **argv)
{
	const char *verb = argc ? argv[0] : "";
	bool list = argc == 1 && strcmp(verb, "list") == 0;
	bool one = argc == 2 && (strcmp(verb, "lock") == 0 || strcmp(verb, "unlock") == 0 ||
				 strcmp(verb, "reset-password") == 0 || strcmp(verb, "reset-2fa") == 0);
	bool change = argc == 3 && strcmp(verb, "set-email") == 0;
	struct tokens_args t = {0};
	bool tokens = strcmp(verb, "tokens") == 0 && argc >= 2 && tokens_args(argc - 2, argv + 2, &t);
	if (argc == 1 && (strcmp(verb, "--help") == 0 || strcmp(verb, "-h") == 0)) {
		fputs(user_usage, stdout);
		return 0;
	}
	if (!list && !one && !change && !tokens) {
		fputs(user_usage, stderr);
		return 2;
	}
	struct db *db = owner(s);
	struct arena *a = arena_new();
	int rc = db_connect(db) < 0 ? 1
		 : list		    ? (db_each(db, a, &q_list, print_row, NULL, "") < 0)
				    : on_account(s, db, a, argv, &t);
	arena_free(a);
	db_free(db);
	return rc;
}

int ctl_create_admin(const struct settings *s, int argc, char **argv)
{
	char email[EMAIL_MAX + 1];
	if (argc != 1 || !strchr(argv[0], '@')) {
		fprintf(stderr, "usage: sporctl create-admin EMAIL\n"
				"  The password is read from standard input.\n");
		return 2;
	}
	if (!normal_email(argv[0], email))
		return 2;
	struct db *db = owner(s);
	int rc = db_connect(db) < 0 ? 1 : create_admin(s, db, email);
	db_free(db);
	return rc;
}
