/* Part of sporctl migrate: every account's email in its normal form
 * (email.h), so that the exact comparison the portal now makes finds each
 * account by the address its owner types.  Run after the migrations on
 * every migrate; it changes only what is not yet normal, so it costs one
 * read when there is nothing to do.
 *
 * No account is lost: two accounts whose addresses become one are a
 * collision.  The account already holding the normal form keeps it; else
 * the first in this order takes it: active, locked, pending, then the most
 * recent sign-in, then the oldest.  The other keeps its old address
 * unchanged (it stays unique), can no longer sign in with it, and is
 * printed on every run until the operator gives it another address
 * (sporctl user set-email '#ID' EMAIL) or locks it.  An address the rule
 * refuses is likewise kept as it is and printed. */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include "core/db.h"
#include "core/email.h"
#include "ctl/ctl.h"

enum { ACCOUNT_ID, ACCOUNT_EMAIL, ACCOUNT_STATUS, ACCOUNT__COUNT };
static struct db_sql q_accounts = DB_SQL_COLS(ACCOUNT__COUNT,
	"SELECT id, email, status FROM accounts WHERE status <> 'deleted'"
	" ORDER BY FIELD(status, 'active', 'locked', 'pending'), last_login_at IS NULL, last_login_at DESC, id");
/* A duplicate key (the normal form is another account's) changes nothing. */
static struct db_sql q_normalise = DB_SQL("UPDATE IGNORE accounts SET email = ? WHERE id = ? AND email = ?");
static struct db_sql q_holder = DB_SQL("SELECT id FROM accounts WHERE email = ?");

int ctl_emails_normalise(struct db *db, struct arena *a)
{
	struct db_rows rows;
	if (db_query(db, a, &q_accounts, &rows, "") < 0)
		return -1;
	size_t changed = 0, kept = 0;
	for (size_t i = 0; i < rows.nrows; i++) {
		const char *id = db_get(&rows, i, ACCOUNT_ID), *email = db_get(&rows, i, ACCOUNT_EMAIL);
		char normal[EMAIL_MAX + 1];
		enum email_error e = email_normalize(email, normal);
		if (e == EMAIL_OK && strcmp(normal, email) == 0)
			continue;
		if (e != EMAIL_OK) {
			printf("emails: account #%s keeps \"%s\" (%s): it cannot sign in until it has another address\n", id,
			       email, email_error_text(e));
			kept++;
			continue;
		}
		unsigned long long done = 0;
		if (db_exec(db, &q_normalise, &done, "sss", normal, id, email) < 0)
			return -1;
		if (done) {
			changed++;
			continue;
		}
		struct db_rows holder;
		if (db_query(db, a, &q_holder, &holder, "s", normal) < 0)
			return -1;
		printf("emails: collision: account #%s \"%s\" and account #%s are both %s; #%s keeps it, #%s keeps \"%s\" "
		       "and cannot sign in until it has another address\n",
		       id, email, holder.nrows ? db_value(&holder, 0) : "?", normal,
		       holder.nrows ? db_value(&holder, 0) : "?", id, email);
		kept++;
	}
	printf("emails: %zu of %zu accounts normalised now", changed, rows.nrows);
	if (kept)
		printf("; %zu kept as they were: give each another address (sporctl user set-email '#ID' EMAIL)"
		       " or lock it",
		       kept);
	printf("\n");
	return 0;
}
