/* A form sent twice makes one thing (once.h). */
#include "config.h"

#include "core/db.h"
#include "core/http.h"
#include "core/once.h"
#include "core/page.h"
#include "core/program.h"
#include "core/token.h"

void once_issue(struct req *r)
{
	char key[TOKEN_CHARS + 1];
	if (!hdf_get_value(r->hdf, "Csrf.once", NULL) && token_new(key))
		page_set(r, "Csrf.once", key);
}

/* The post's key, or NULL when it sent none (a client of its own). */
static const char *key_of(struct req *r)
{
	const struct param *p = params_get(&r->params, ONCE_FIELD);
	return r->user.id && p && token_ok(p->value) ? p->value : NULL;
}

static struct db_sql q_made = DB_SQL("SELECT made FROM form_once WHERE account_id = ? AND form_key = ? AND action = ?");

int once_done(struct req *r)
{
	const char *key = key_of(r);
	struct db_rows rows;
	if (!key)
		return 0;
	if (db_query(r->app->db, r->arena, &q_made, &rows, "sss", r->user.id, key, r->path) < 0)
		return 500;
	return rows.nrows ? http_redirect(r, 303, db_value(&rows, 0)) : 0;
}

/* INSERT IGNORE waits for a twin's uncommitted row, then adds nothing. */
static struct db_sql q_record =
	DB_SQL("INSERT IGNORE INTO form_once (account_id, form_key, action, made) VALUES (?, ?, ?, ?)");
/* Keys a day old are forgotten, whoever's. */
static struct db_sql q_old = DB_SQL("DELETE FROM form_once WHERE made_at < UTC_TIMESTAMP() - INTERVAL 1 DAY");

int once_record(struct req *r, const char *made)
{
	const char *key = key_of(r);
	unsigned long long added = 0;
	if (!key)
		return 1;
	if (db_exec(r->app->db, &q_record, &added, "ssss", r->user.id, key, r->path, made) < 0 ||
	    db_exec(r->app->db, &q_old, NULL, "") < 0)
		return -1;
	return added ? 1 : 0;
}
