/* /account/roles: the roles a user holds and the requests they made, and
 * a new request: an organisation found by name or ORG-ID, a role with what
 * it allows, a justification and an optional supporting PDF.  One pending
 * request per user, role and organisation; the requester may withdraw it.
 * Whoever decides is told by email within a minute (the request's queue
 * notice, written with it by the database: sporctl notify). */
#include "config.h"

#include <string.h>

#include "account/account.h"
#include "account/audit.h"
#include "account/document.h"
#include "account/roles.h"
#include "core/db.h"
#include "core/field.h"
#include "core/label.h"
#include "core/once.h"
#include "core/page.h"
#include "core/program.h"
#include "programs/fields_account.h"
#include "programs/handlers_account.h"

#define ORG_COLUMNS(X) X(ORG_NAME, "name") X(ORG_CITY, "city") X(ORG_COUNTRY, "country") X(ORG_STATUS, "status")
enum { ORG_COLUMNS(DB_COLUMN) ORG__COUNT };
static struct db_sql q_org = DB_SQL_COLS(ORG__COUNT,
	"SELECT name, city, country_code, status FROM oms_organisations WHERE id = SUBSTRING(?, 5)");

/* The chosen organisation, when it exists: Page.org, and who decides. */
static bool chosen_org(struct req *r, const char *org)
{
	struct db_rows rows;
	if (!org || db_query(r->app->db, r->arena, &q_org, &rows, "s", org) < 0 || !rows.nrows)
		return false;
	static const char *const names[] = {ORG_COLUMNS(DB_COLUMN_NAME)};
	page_row(r, "Page.org", &rows, 0, names, ORG__COUNT);
	page_set(r, "Page.org.id", org);
	int super = roles_org_has_super(r, org);
	page_set(r, "Page.org.has_super", super > 0 ? "1" : "0");
	return true;
}

#define REQUEST_COLUMNS(X)                                                                                         \
	X(REQUEST_ID, "id") X(REQUEST_ROLE, "role") X(REQUEST_ORG, "org") X(REQUEST_ORG_NAME, "org_name")           \
	X(REQUEST_STATUS, "status") X(REQUEST_CREATED, "created") X(REQUEST_DECIDED, "decided")                     \
	X(REQUEST_REASON, "reason") X(REQUEST_DOCUMENT, "document") X(REQUEST_WITHDRAWABLE, "withdrawable")
enum { REQUEST_COLUMNS(DB_COLUMN) REQUEST__COUNT };
static struct db_sql q_requests = DB_SQL_COLS(REQUEST__COUNT,
	"SELECT q.id, q.role_code, q.org_id, o.name, q.status, DATE_FORMAT(q.created_at, '%Y-%m-%d'),"
	" DATE_FORMAT(q.decided_at, '%Y-%m-%d'), q.reason, q.document_name, IF(q.status = 'PENDING', '1', NULL)"
	" FROM role_requests q"
	" LEFT JOIN oms_organisations o ON o.id = SUBSTRING(q.org_id, 5) WHERE q.account_id = ?"
	" ORDER BY q.id DESC LIMIT 100");
/* A name's beginning, accents and case ignored (the collation), by its index. */
#define FOUND_COLUMNS(X) X(FOUND_ID, "id") X(FOUND_NAME, "name") X(FOUND_CITY, "city") X(FOUND_COUNTRY, "country")
enum { FOUND_COLUMNS(DB_COLUMN) FOUND__COUNT };
static struct db_sql q_find = DB_SQL_COLS(FOUND__COUNT,
	"SELECT CONCAT('ORG-', LPAD(id, 9, '0')), name, city, country_code FROM oms_organisations"
	" WHERE name_sort LIKE CONCAT(?, '%')"
	" AND status <> 'DELETED' ORDER BY name_sort, id LIMIT 20");

static int show(struct req *r, int status)
{
	struct db_rows requests;
	if (roles_held_put(r, r->user.id, false, NULL) < 0 ||
	    db_query(r->app->db, r->arena, &q_requests, &requests, "s", r->user.id) < 0)
		return 500;
	static const char *const request_names[] = {REQUEST_COLUMNS(DB_COLUMN_NAME)};
	page_rows(r, "Page.requests", &requests, request_names, REQUEST__COUNT);
	page_shown(r, "Page.requests"); /* the actions' column: only where a request has one */
	const char *q = in_text(r, AF_Q), *org = in_text(r, AF_ORG);
	if (!org && q && field_is_prefixed_id(q, "ORG-"))
		org = q;
	if (org && !chosen_org(r, org) && status == 200) {
		page_set(r, "Page.not_found", org);
	} else if (!org && q) {
		struct db_rows found;
		if (db_query(r->app->db, r->arena, &q_find, &found, "s", q) < 0)
			return 500;
		static const char *const found_names[] = {FOUND_COLUMNS(DB_COLUMN_NAME)};
		page_rows(r, "Page.found", &found, found_names, FOUND__COUNT);
		label_items(r, "Page.found", "country", "country_name", LABEL_COUNTRY);
		page_set_int(r, "Page.found_count", (long long)found.nrows);
	}
	page_set(r, "Page.q", q);
	page_set(r, "Page.saved", in_text(r, AF_SAVED));
	page_set(r, "Page.refused", in_text(r, AF_REFUSED));
	return account_form(r, "roles", status);
}

int account_roles_form(struct req *r)
{
	return show(r, 200);
}

/* The form again, with its values and the error of `field` (NULL: those
 * marked already). */
static int again(struct req *r, const char *field, const char *key, int status)
{
	if (field)
		account_error(r, field, key); /* names: literals (the callers' field names) */
	page_set(r, "Page.role", in_text(r, AF_ROLE));
	page_set(r, "Page.justification", in_text(r, AF_JUSTIFICATION));
	return show(r, status);
}

static struct db_sql q_holds = DB_SQL("SELECT 1 FROM account_roles WHERE account_id = ? AND role_code = ? AND org_id = ?");
static struct db_sql q_pending = DB_SQL(
	"SELECT 1 FROM role_requests WHERE pending_key = CONCAT(?, ':', ?, ':', ?)");
static struct db_sql q_create = DB_SQL(
	"INSERT INTO role_requests (account_id, role_code, org_id, justification, document_name, document_sha256,"
	" document_size) VALUES (?, ?, ?, ?, ?, ?, ?)");
static struct db_sql q_new_id = DB_SQL("SELECT LAST_INSERT_ID()");

int account_roles_submit(struct req *r)
{
	const char *org = in_text(r, AF_ORG), *role = in_text(r, AF_ROLE), *why = in_text(r, AF_JUSTIFICATION);
	int done = once_done(r); /* the form sent again: its request is made */
	if (done)
		return done;
	if (!org || !chosen_org(r, org))
		return again(r, "org", org ? "org_unknown" : "required", 400);
	/* Each field's problem at once, not one per try. */
	bool short_why = !why || strlen(why) < 10;
	if (!role)
		account_error(r, "role", "required");
	if (short_why)
		account_error(r, "justification", why ? "justification_short" : "required");
	if (!role || short_why)
		return again(r, NULL, NULL, 400);
	struct db_rows rows;
	if (db_query(r->app->db, r->arena, &q_holds, &rows, "sss", r->user.id, role, org) < 0)
		return 500;
	if (rows.nrows)
		return again(r, "role", "role_held", 409);
	if (db_query(r->app->db, r->arena, &q_pending, &rows, "sss", r->user.id, role, org) < 0)
		return 500;
	if (rows.nrows)
		return again(r, "role", "request_pending", 409);
	struct document_kept doc;
	const char *problem = document_keep(r, &doc);
	if (problem)
		return strcmp(problem, "store") == 0 ? 500 : again(r, "document", problem, 400);
	struct db *db = r->app->db;
	struct db_rows made_id;
	if (db_begin(db) < 0)
		return 500;
	int made = db_exec(db, &q_create, NULL, "sssssss", r->user.id, role, org, why, doc.name, doc.sha256, doc.size);
	if (made < 0 && db_errno(db) == 1062) { /* ER_DUP_ENTRY: role_requests_pending */
		db_rollback(db);
		done = once_done(r); /* its twin post, sent at the same time, made it */
		return done ? done : again(r, "role", "request_pending", 409);
	}
	const char *answer = "/account/roles?saved=requested";
	if (made < 0 || db_query(db, r->arena, &q_new_id, &made_id, "") < 0 ||
	    audit_record_about(r, "role.requested", r->user.id, AUDIT_ROLE_REQUEST, db_value(&made_id, 0)) < 0 ||
	    once_record(r, answer) <= 0 || db_commit(db) < 0)
		goto fail;
	return http_redirect(r, 303, answer);
fail:
	db_rollback(db);
	return 500;
}

/* The account program's database user moves a request only through this
 * procedure, which allows the requester's withdrawal alone. */
static struct db_sql q_withdraw = DB_SQL("CALL spor_role_request_withdraw(?, ?)");
static struct db_sql q_lock = DB_SQL("SELECT status FROM role_requests WHERE id = ? AND account_id = ? FOR UPDATE");

/* Withdraw the user's pending request, its row locked: 303 or a status. */
static int withdraw(struct req *r, const char *id)
{
	struct db *db = r->app->db;
	struct db_rows rows;
	if (db_query(db, r->arena, &q_lock, &rows, "ss", id, r->user.id) < 0)
		return 500;
	if (!rows.nrows)
		return 404; /* someone else's request is no business of this user */
	if (strcmp(db_value(&rows, 0), "PENDING") != 0) {
		r->err_reason = "not_pending";
		return 409;
	}
	if (db_exec(db, &q_withdraw, NULL, "ss", id, r->user.id) < 0 ||
	    audit_record_about(r, "role.withdrawn", r->user.id, AUDIT_ROLE_REQUEST, id) < 0)
		return 500;
	return 303;
}

int account_roles_withdraw_submit(struct req *r)
{
	if (db_begin(r->app->db) < 0)
		return 500;
	int status = withdraw(r, in_text(r, AF_REQUEST_ID));
	if (status != 303 || db_commit(r->app->db) < 0) {
		db_rollback(r->app->db);
		return status == 409 ? http_refused(r, "/account/roles", r->err_reason) : status == 303 ? 500 : status;
	}
	return http_redirect(r, 303, "/account/roles?saved=withdrawn");
}

enum { OWN_STATUS, OWN_DOCUMENT, OWN__COUNT };
static struct db_sql q_own =
	DB_SQL_COLS(OWN__COUNT, "SELECT status, document_sha256 FROM role_requests WHERE id = ? AND account_id = ?");

int account_roles_document_show(struct req *r)
{
	const char *id = in_text(r, AF_REQUEST_ID);
	struct db_rows rows;
	if (db_query(r->app->db, r->arena, &q_own, &rows, "ss", id, r->user.id) < 0)
		return 500;
	if (!rows.nrows || !db_get(&rows, 0, OWN_DOCUMENT))
		return 404;
	return document_send(r, db_get(&rows, 0, OWN_DOCUMENT), arena_printf(r->arena, "role-request-%s.pdf", id));
}
