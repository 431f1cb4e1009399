/* sporctl notify: mail each decider the requests that arrived in their
 * queues since the last run, one message per person.  The database writes a
 * queue notice in the transaction that puts a request in a queue (migration
 * 0017); a timer runs this every minute, so a steward or administrator
 * hears of a new request within a minute, and of twenty requests that came
 * at once in one message.  Who is told is decided now: a role request's
 * organisation's super users (its administrators when it has none), a
 * change request's data stewards, among the active accounts that keep the
 * "requests waiting for my decision" notification, never the requester;
 * a request decided or withdrawn meanwhile is left out.  One transaction:
 * the messages are in the outbox and the notices marked, or neither. */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include "core/conf.h"
#include "core/db.h"
#include "core/mail.h"
#include "core/page.h"
#include "core/program.h"
#include "core/tpl.h"
#include "ctl/ctl.h"

static struct db_sql q_due = DB_SQL("SELECT MAX(id) FROM queue_notices WHERE mailed_at IS NULL FOR UPDATE");

/* Who hears of which request (arguments: the last notice, twice): ordered
 * by recipient, each item a Mail.requests.<i> of their message. */
#define TOLD_COLUMNS(X)                                                                                           \
	X(TOLD_ACCOUNT, NULL) X(TOLD_KIND, "kind") X(TOLD_ID, "id") X(TOLD_WHAT, "what") X(TOLD_ORG, "org")          \
	X(TOLD_REQUESTER, "requester")
DB_COLUMNS(TOLD_COLUMNS, TOLD__COUNT, told_names);
static struct db_sql q_told = DB_SQL_COLS(TOLD__COUNT,
	"SELECT a.id, n.kind, n.request_id, q.role_code, COALESCE(o.name, q.org_id), p.name FROM queue_notices n"
	" JOIN role_requests q ON q.id = n.request_id AND q.status = 'PENDING'"
	" JOIN accounts p ON p.id = q.account_id"
	" JOIN account_roles d ON (d.role_code = 'INDUSTRY_SUPER_USER' AND d.org_id = q.org_id)"
	"  OR (d.role_code = 'ADMINISTRATOR' AND d.org_id = '' AND NOT EXISTS (SELECT 1 FROM account_roles s"
	"  JOIN accounts b ON b.id = s.account_id WHERE s.org_id = q.org_id AND s.role_code = 'INDUSTRY_SUPER_USER'"
	"  AND b.status = 'active'))"
	" JOIN accounts a ON a.id = d.account_id AND a.status = 'active' AND a.notify_queue AND a.id <> q.account_id"
	" LEFT JOIN oms_organisations o ON o.id = SUBSTRING(q.org_id, 5)"
	" WHERE n.kind = 'role' AND n.mailed_at IS NULL AND n.id <= ?"
	" UNION ALL SELECT a.id, n.kind, n.request_id, REPLACE(c.type, '-', '_'), NULL, p.name FROM queue_notices n"
	" JOIN change_requests c ON c.id = n.request_id AND c.status = 'SUBMITTED'"
	" JOIN accounts p ON p.id = c.account_id"
	" JOIN account_roles d ON d.role_code = 'DATA_STEWARD' AND d.org_id = ''"
	" JOIN accounts a ON a.id = d.account_id AND a.status = 'active' AND a.notify_queue AND a.id <> c.account_id"
	" WHERE n.kind = 'change' AND n.mailed_at IS NULL AND n.id <= ?"
	" ORDER BY 1, 2 DESC, 3");
static struct db_sql q_mailed =
	DB_SQL("UPDATE queue_notices SET mailed_at = UTC_TIMESTAMP() WHERE mailed_at IS NULL AND id <= ?");

/* One message per recipient, listing their rows; the number of messages,
 * or -1. */
static int tell(struct req *r, const struct db_rows *told)
{
	int messages = 0;
	for (size_t i = 0; i < told->nrows;) {
		const char *account = db_get(told, i, TOLD_ACCOUNT);
		hdf_remove_tree(r->hdf, "Mail");
		size_t k = 0;
		for (; i < told->nrows && strcmp(db_get(told, i, TOLD_ACCOUNT), account) == 0; i++, k++) {
			HDF *item = page_item(r, "Mail.requests", k);
			for (size_t c = 0; c < TOLD__COUNT; c++)
				if (told_names[c])
					page_put(item, told_names[c], db_get(told, i, c)); /* names: literals */
		}
		page_set_int(r, "Mail.count", (long long)k);
		if (mail_queue(r, "queue", account) < 0)
			return -1;
		messages++;
	}
	return messages;
}

static int run(struct req *r)
{
	struct db *db = r->app->db;
	struct db_rows due, told;
	if (db_begin(db) < 0 || db_query(db, r->arena, &q_due, &due, "") < 0)
		goto fail;
	const char *last = due.nrows ? db_value(&due, 0) : NULL;
	if (!last) {
		db_rollback(db);
		return 0;
	}
	int messages;
	unsigned long long notices = 0;
	if (db_query(db, r->arena, &q_told, &told, "ss", last, last) < 0 || (messages = tell(r, &told)) < 0 ||
	    db_exec(db, &q_mailed, &notices, "s", last) < 0 || db_commit(db) < 0)
		goto fail;
	printf("notify: %llu new request%s, %d message%s\n", notices, notices == 1 ? "" : "s", messages,
	       messages == 1 ? "" : "s");
	return 0;
fail:
	db_rollback(db);
	fprintf(stderr, "sporctl: could not send the queue notices\n");
	return 1;
}

int ctl_notify(const struct settings *s, int argc, char **argv)
{
	(void)argv;
	if (argc != 0) {
		fputs("usage: sporctl notify\n", stderr);
		return 2;
	}
	struct db_conf dc;
	db_conf_from(&dc, s, "owner");
	struct db *db = db_new(&dc);
	struct tpl *t = db_connect(db) < 0 ? NULL : tpl_open(s->templates_dir, false);
	if (!t) {
		db_free(db);
		return 1;
	}
	struct app app = {.settings = *s, .tpl = t, .db = db, .primary = db, .arena = arena_new()};
	struct req r = {.app = &app, .arena = app.arena, .hdf = tpl_hdf(t), .roles = ROLE_ANON, .lang = "en"};
	int rc = run(&r);
	arena_free(app.arena);
	tpl_close(t);
	db_free(db);
	return rc;
}
