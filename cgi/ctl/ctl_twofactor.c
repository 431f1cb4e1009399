/* sporctl user reset-2fa ACCOUNT: turn two-step sign-in off for an account
 * whose owner lost both the authenticator and the recovery codes (once the
 * operator is sure who asks).  Its secret, recovery codes and pending
 * sign-ins go, in one transaction with the audit log's twofactor.reset (no
 * actor: the operator) and the mail that tells the owner, in their
 * language; the owner signs in with the password alone and may turn it on
 * again (administrators and data stewards must, before the console). */
#include "config.h"

#include <stdio.h>

#include "account/audit.h"
#include "account/twofactor.h"
#include "core/conf.h"
#include "core/db.h"
#include "core/mail.h"
#include "core/page.h"
#include "core/program.h"
#include "core/tpl.h"
#include "ctl/ctl.h"

enum { ACCOUNT_ID, ACCOUNT_EMAIL, ACCOUNT_NAME, ACCOUNT_TWO_FACTOR, ACCOUNT__COUNT };
static struct db_sql q_account = DB_SQL_COLS(ACCOUNT__COUNT,
	"SELECT a.id, a.email, a.name, t.enabled_at IS NOT NULL FROM accounts a"
	" LEFT JOIN account_totp t ON t.account_id = a.id WHERE a.id = ? AND a.status <> 'deleted' FOR UPDATE");

/* Mail is rendered from a request's template data (mail.h): sporctl makes
 * one for the message, with the operator's connection. */
static int reset(struct req *r, const char *id)
{
	struct db *db = r->app->db;
	struct db_rows rows;
	if (db_begin(db) < 0 || db_query(db, r->arena, &q_account, &rows, "s", id) < 0)
		goto fail;
	if (!rows.nrows || *db_get(&rows, 0, ACCOUNT_TWO_FACTOR) != '1') {
		db_rollback(db);
		if (rows.nrows)
			fprintf(stderr, "sporctl: %s does not have two-step sign-in on\n", db_get(&rows, 0, ACCOUNT_EMAIL));
		else
			fprintf(stderr, "sporctl: #%s is deleted\n", id);
		return 1;
	}
	const char *email = db_get(&rows, 0, ACCOUNT_EMAIL);
	page_set(r, "Mail.name", db_get(&rows, 0, ACCOUNT_NAME));
	page_set(r, "Mail.operator", "1");
	if (twofactor_forget(r, id) < 0 || audit_record(r, "twofactor.reset", id, NULL) < 0 ||
	    mail_queue(r, "two_factor_off", id) < 0 || db_commit(db) < 0)
		goto fail;
	printf("%s: two-step sign-in turned off; the owner is told by email\n", email);
	return 0;
fail:
	db_rollback(db);
	fprintf(stderr, "sporctl: could not turn two-step sign-in off for #%s\n", id);
	return 1;
}

int ctl_reset_2fa(const struct settings *s, struct db *db, const char *account)
{
	struct tpl *t = tpl_open(s->templates_dir, false);
	if (!t)
		return 1;
	struct app app = {.settings = *s, .tpl = t, .db = db, .primary = db, .arena = arena_new()};
	struct req r = {.app = &app, .arena = app.arena, .hdf = tpl_hdf(t), .roles = ROLE_ANON};
	tpl_set_lang(t, "en");
	page_set(&r, "Req.lang", "en");
	int rc = reset(&r, account);
	arena_free(app.arena);
	tpl_close(t);
	return rc;
}
