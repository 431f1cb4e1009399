/* /admin/users: accounts, searched by name or email and filtered by
 * organisation and role; one account with its roles.  Administrators see
 * everyone, lock and unlock accounts (locking ends their sessions), grant
 * the agency's roles and revoke any role; a super user sees the users
 * holding roles in their organisations and may revoke those roles only.
 * A revocation needs a reason, is recorded and mailed to the user. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "account/audit.h"
#include "account/roles.h"
#include "admin/admin.h"
#include "core/db.h"
#include "core/email.h"
#include "core/listing.h"
#include "core/mail.h"
#include "core/page.h"
#include "core/program.h"
#include "programs/fields_admin.h"
#include "programs/handlers_admin.h"

/* Accounts a user may see (arguments: all?, me). */
#define VISIBLE                                                                                                     \
	" (? = '1' OR EXISTS (SELECT 1 FROM account_roles v JOIN account_roles m ON m.org_id = v.org_id"             \
	" AND m.account_id = ? AND m.role_code = 'INDUSTRY_SUPER_USER' WHERE v.account_id = a.id))"
#define FILTERS                                                                                                     \
	" FROM accounts a WHERE a.status <> 'deleted' AND (? IS NULL OR a.name LIKE ? OR a.email LIKE ?)"           \
	" AND (? IS NULL OR EXISTS (SELECT 1 FROM account_roles f WHERE f.account_id = a.id AND f.org_id = ?))"     \
	" AND (? IS NULL OR EXISTS (SELECT 1 FROM account_roles g WHERE g.account_id = a.id AND g.role_code = ?))"  \
	" AND" VISIBLE

#define ONE_COLUMNS(X)                                                                                             \
	X(ONE_ID, "id") X(ONE_NAME, "name") X(ONE_EMAIL, "email") X(ONE_STATUS, "status") X(ONE_CREATED, "created") \
	X(ONE_LAST_LOGIN, "last_login")
enum { ONE_COLUMNS(DB_COLUMN) ONE__COUNT };
static struct db_sql q_one = DB_SQL_COLS(ONE__COUNT,
	"SELECT a.id, a.name, a.email, a.status, DATE_FORMAT(a.created_at, '%Y-%m-%d'),"
	" DATE_FORMAT(a.last_login_at, '%Y-%m-%d %H:%i') FROM accounts a WHERE a.id = ? AND a.status <> 'deleted'"
	" AND" VISIBLE);

static struct db_sql q_count = DB_SQL("SELECT COUNT(*)" FILTERS);
#define PAGE_COLUMNS(X)                                                                                            \
	X(PAGE_ID, "id") X(PAGE_NAME, "name") X(PAGE_EMAIL, "email") X(PAGE_STATUS, "status")                       \
	X(PAGE_CREATED, "created")
DB_COLUMNS(PAGE_COLUMNS, PAGE__COUNT, page_names);
static struct db_sql q_page = DB_SQL_COLS(PAGE__COUNT,
	"SELECT a.id, a.name, a.email, a.status, DATE_FORMAT(a.created_at, '%Y-%m-%d')" FILTERS
	" ORDER BY a.name, a.id LIMIT ? OFFSET ?");

static const struct admin_listing users = {
	.path = "/admin/users", .list = "Page.users", .count = &q_count, .page = &q_page,
	.names = page_names, .ncols = PAGE__COUNT};

/* The roles of the page's accounts (a JSON array of their IDs), which the
 * page names in its language (Lang.role.<code>.name), each under its
 * account as Page.users.<i>.roles. */
#define HOLDS_COLUMNS(X) X(HOLDS_ACCOUNT, NULL) X(HOLDS_CODE, "code") X(HOLDS_ORG, "org") X(HOLDS_ORG_NAME, "org_name")
DB_COLUMNS(HOLDS_COLUMNS, HOLDS__COUNT, holds_names);
static struct db_sql q_holds = DB_SQL_COLS(HOLDS__COUNT,
	"SELECT r.account_id, r.role_code, r.org_id, o.name FROM " LISTING_ID_TABLE
	" JOIN account_roles r ON r.account_id = j.id JOIN roles c ON c.code = r.role_code"
	" LEFT JOIN oms_organisations o ON r.org_id <> '' AND o.id = SUBSTRING(r.org_id, 5)"
	" ORDER BY r.account_id, c.position, r.org_id");

static int put_roles(struct req *r, const struct db_rows *page)
{
	struct db_rows holds;
	if (!page->nrows)
		return 0;
	if (db_query(r->app->db, r->arena, &q_holds, &holds, "s", listing_ids(r, page, PAGE_ID)) < 0)
		return -1;
	for (size_t i = 0; i < page->nrows; i++) {
		HDF *user = page_item(r, "Page.users", i);
		for (size_t h = 0, k = 0; h < holds.nrows; h++) {
			if (strcmp(db_get(&holds, h, HOLDS_ACCOUNT), db_get(page, i, PAGE_ID)) != 0)
				continue;
			HDF *role = page_subitem(user, "roles", k++);
			for (size_t c = 0; c < HOLDS__COUNT; c++)
				if (holds_names[c])
					page_put(role, holds_names[c], db_get(&holds, h, c)); /* names: literals */
		}
	}
	return 0;
}

int admin_users_show(struct req *r)
{
	const char *q = in_text(r, DF_Q), *org = in_text(r, DF_ORG), *role = in_text(r, DF_ROLE);
	/* Names as the collation compares them; addresses as stored (email.h). */
	const char *like = q ? listing_like(r, q) : NULL;
	const char *like_email = q ? listing_like(r, email_search_form(r->arena, q)) : NULL;
	struct db_rows rows;
	int shown = admin_listing(r, &users,
				  ADMIN_ARGS(q, like, like_email, org, org, role, role, admin_all(r), r->user.id), &rows);
	if (shown != 200)
		return shown;
	if (put_roles(r, &rows) < 0)
		return 500;
	page_shown(r, "Page.users"); /* the roles, put after the listing, count too */
	LISTING_SHOW(r, {"Page.q", q}, {"Page.org", org}, {"Page.role", role});
	return admin_page(r, "users", 200);
}

int admin_users_user_show(struct req *r)
{
	const char *id = in_text(r, DF_ACCOUNT_ID);
	struct db_rows me;
	if (db_query(r->app->db, r->arena, &q_one, &me, "sss", id, admin_all(r), r->user.id) < 0)
		return 500;
	if (!me.nrows)
		return 404;
	if (roles_held_put(r, id, (r->roles & ROLE_ADMIN) != 0, r->user.id) < 0)
		return 500;
	static const char *const names[] = {ONE_COLUMNS(DB_COLUMN_NAME)};
	page_row(r, "Page.user", &me, 0, names, ONE__COUNT);
	page_set(r, "Page.saved", in_text(r, DF_SAVED));
	page_set(r, "Page.refused", in_text(r, DF_REFUSED));
	if (strcmp(id, r->user.id) == 0)
		page_set(r, "Page.self", "1");
	return admin_page(r, "user", 200);
}

static int back(struct req *r, const char *id, const char *saved)
{
	return http_redirect(r, 303, arena_printf(r->arena, "/admin/users/%s?saved=%s", id, saved));
}

static int set_status(struct req *r, bool lock)
{
	const char *id = in_text(r, DF_ACCOUNT_ID), *page = arena_printf(r->arena, "/admin/users/%s", id);
	if (strcmp(id, r->user.id) == 0)
		return http_refused(r, page, "self");
	unsigned long long changed = 0;
	struct db *db = r->app->db;
	if (db_begin(db) < 0 || admin_lock(db, id, lock, &changed) < 0 ||
	    (changed && audit_record(r, lock ? "account.locked" : "account.unlocked", id, NULL) < 0) ||
	    db_commit(db) < 0) {
		db_rollback(db);
		return 500;
	}
	if (!changed) /* another administrator did it meanwhile */
		return http_refused(r, page, lock ? "locked" : "unlocked");
	return back(r, id, lock ? "locked" : "unlocked");
}

int admin_users_lock_submit(struct req *r)
{
	return set_status(r, true);
}

int admin_users_unlock_submit(struct req *r)
{
	return set_status(r, false);
}

static struct db_sql q_grant = DB_SQL(
	"INSERT IGNORE INTO account_roles (account_id, role_code, org_id, granted_by)"
	" SELECT ?, code, '', ? FROM roles WHERE code = ? AND scope = 'agency'");

int admin_users_roles_submit(struct req *r)
{
	const char *id = in_text(r, DF_ACCOUNT_ID), *role = in_text(r, DF_ROLE);
	unsigned long long granted = 0;
	struct db *db = r->app->db;
	struct db_rows me;
	if (db_query(db, r->arena, &q_one, &me, "sss", id, "1", r->user.id) < 0)
		return 500;
	if (!me.nrows)
		return 404;
	if (db_begin(db) < 0 || db_exec(db, &q_grant, &granted, "sss", id, r->user.id, role) < 0 ||
	    audit_record(r, "role.granted", id, NULL) < 0 || db_commit(db) < 0) {
		db_rollback(db);
		return 500;
	}
	if (!granted) {
		r->err_param = "role";
		r->err_reason = "agency_role";
		return 400;
	}
	return back(r, id, "granted");
}

enum { REVOCABLE_NAME, REVOCABLE_ORG_NAME, REVOCABLE__COUNT };
static struct db_sql q_revocable = DB_SQL_COLS(REVOCABLE__COUNT,
	"SELECT a.name, o.name FROM account_roles r JOIN accounts a ON a.id = r.account_id"
	" LEFT JOIN oms_organisations o ON r.org_id <> '' AND o.id = SUBSTRING(r.org_id, 5)"
	" WHERE r.account_id = ? AND r.role_code = ? AND r.org_id = ? AND (? = '1' OR (r.org_id <> ''"
	" AND r.org_id IN (SELECT org_id FROM account_roles WHERE account_id = ? AND role_code = 'INDUSTRY_SUPER_USER')))"
	" FOR UPDATE");
static struct db_sql q_revoke = DB_SQL("DELETE FROM account_roles WHERE account_id = ? AND role_code = ? AND org_id = ?");
/* Whether the account holds the role at all (someone may have revoked it meanwhile). */
static struct db_sql q_still_held =
	DB_SQL("SELECT 1 FROM account_roles WHERE account_id = ? AND role_code = ? AND org_id = ?");

int admin_users_roles_revoke_submit(struct req *r)
{
	const char *id = in_text(r, DF_ACCOUNT_ID), *role = in_text(r, DF_ROLE), *org = in_text(r, DF_ORG);
	const char *reason = in_text(r, DF_REASON);
	struct db *db = r->app->db;
	struct db_rows rows;
	if (db_begin(db) < 0 || db_query(db, r->arena, &q_revocable, &rows, "sssss", id, role, org ? org : "",
					 admin_all(r), r->user.id) < 0) {
		db_rollback(db);
		return 500;
	}
	if (!rows.nrows) {
		db_rollback(db);
		/* Revoked meanwhile, by someone who could: the account's page
		 * says so; only to whoever may revoke it, who learns nothing. */
		if (!roles_may_decide(r, org ? org : "", id))
			return 403;
		if (db_query(db, r->arena, &q_still_held, &rows, "sss", id, role, org ? org : "") < 0)
			return 500;
		return rows.nrows ? 403 : http_refused(r, arena_printf(r->arena, "/admin/users/%s", id), "revoked");
	}
	page_set(r, "Mail.name", db_get(&rows, 0, REVOCABLE_NAME));
	page_set(r, "Mail.role", role);
	page_set(r, "Mail.org", org);
	page_set(r, "Mail.org_name", db_get(&rows, 0, REVOCABLE_ORG_NAME));
	page_set(r, "Mail.reason", reason);
	if (db_exec(db, &q_revoke, NULL, "sss", id, role, org ? org : "") < 0 ||
	    (org ? audit_record_about(r, "role.revoked", id, AUDIT_ORGANISATION, org)
		 : audit_record(r, "role.revoked", id, NULL)) < 0 ||
	    mail_queue(r, "role_revoked", id) < 0 ||
	    db_commit(db) < 0) {
		db_rollback(db);
		return 500;
	}
	return back(r, id, "revoked");
}
