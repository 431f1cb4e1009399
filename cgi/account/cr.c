/* The change-request engine: proposals, workflow, thread, application. */
#include "config.h"

#include <jansson.h>
#include <stdlib.h>
#include <string.h>

#include "account/audit.h"
#include "account/cr.h"
#include "account/document.h"
#include "core/db.h"
#include "core/mail.h"
#include "core/page.h"
#include "core/program.h"
#include "rms/rms_record.h"
#include "rms/rms_snapshot.h"
#include "rms/rms_store.h"

/* Who may move a request from one status to another. */
static const struct {
	const char *from, *to;
	enum cr_actor actor;
} transitions[] = {
	{"SAVED", "SUBMITTED", CR_REQUESTER},	 {"RETURNED", "SUBMITTED", CR_REQUESTER},
	{"SAVED", "WITHDRAWN", CR_REQUESTER},	 {"SUBMITTED", "WITHDRAWN", CR_REQUESTER},
	{"RETURNED", "WITHDRAWN", CR_REQUESTER}, {"SAVED", "SAVED", CR_REQUESTER},
	{"RETURNED", "RETURNED", CR_REQUESTER},	 {"SUBMITTED", "VALID", CR_STEWARD},
	{"SUBMITTED", "INVALID", CR_STEWARD},	 {"SUBMITTED", "RETURNED", CR_STEWARD},
	{"VALID", "RETURNED", CR_STEWARD},	 {"VALID", "APPROVED", CR_STEWARD},
	{"VALID", "APPROVED_WC", CR_STEWARD},	 {"VALID", "REJECTED", CR_STEWARD},
};

/* The texts a proposal may hold, by their JSON and snapshot names. */
static const char *const text_keys[] = {"name", "short", "description"};

enum { ROLES_PROPOSER, ROLES_TRANSLATOR, ROLES__COUNT };
static struct db_sql q_roles = DB_SQL_COLS(ROLES__COUNT,
	"SELECT COALESCE(MAX(role_code IN ('INDUSTRY_USER', 'INDUSTRY_SUPER_USER', 'NCA_USER')), 0),"
	" COALESCE(MAX(role_code = 'TRANSLATOR'), 0) FROM account_roles WHERE account_id = ?");
enum { SNAPSHOT_JSON, SNAPSHOT_SEQ, SNAPSHOT_LIST, SNAPSHOT__COUNT };
static struct db_sql q_snapshot = DB_SQL_COLS(SNAPSHOT__COUNT,
	"SELECT v.snapshot, t.seq, t.list_id FROM rms_terms t JOIN rms_term_versions v ON v.term_id = t.id"
	" AND v.seq = t.seq WHERE t.id = ?");
/* The request, named as its page shows it (Page.cr). */
#define CR_COLUMNS(X)                                                                                              \
	X(CR_ID, "id") X(CR_TYPE, "type") X(CR_STATUS, "status") X(CR_ACCOUNT, "account")                           \
	X(CR_REQUESTER_NAME, "requester") X(CR_LIST, "list") X(CR_LIST_NAME, "list_name") X(CR_TERM, "term")        \
	X(CR_LANG, "lang") X(CR_PROPOSED, "proposed") X(CR_JUSTIFICATION, "justification")                          \
	X(CR_BASE_SEQ, "base_seq") X(CR_ASSIGNEE, "assignee") X(CR_CREATED, "created") X(CR_UPDATED, "updated")     \
	X(CR_APPLIED_SEQ, "applied_seq") X(CR_ORG, "org") X(CR_LOC, "loc") X(CR_DOCUMENT, "document")               \
	X(CR_DOCUMENT_SIZE, "document_size")
enum { CR_COLUMNS(DB_COLUMN) CR__COUNT };
static struct db_sql q_load = DB_SQL_COLS(CR__COUNT,
	"SELECT c.id, c.type, c.status, c.account_id, a.name, c.list_id, l.name, c.term_id, c.lang, c.proposed,"
	" c.justification, c.base_seq, s.name, DATE_FORMAT(c.created_at, '%Y-%m-%d %H:%i'),"
	" DATE_FORMAT(c.updated_at, '%Y-%m-%d %H:%i'), c.applied_seq, c.org_id, c.loc_id, c.document_name,"
	" c.document_size FROM change_requests c"
	" JOIN accounts a ON a.id = c.account_id LEFT JOIN rms_lists l ON l.id = c.list_id"
	" LEFT JOIN accounts s ON s.id = c.assigned_to WHERE c.id = ?");
#define EVENT_COLUMNS(X)                                                                                           \
	X(EVENT_AT, "at") X(EVENT_ACTOR, "actor") X(EVENT_FROM, "from") X(EVENT_TO, "to") X(EVENT_COMMENT, "comment") \
	X(EVENT_BY_REQUESTER, "by_requester")
enum { EVENT_COLUMNS(DB_COLUMN) EVENT__COUNT };
static struct db_sql q_events = DB_SQL_COLS(EVENT__COUNT,
	"SELECT DATE_FORMAT(e.at, '%Y-%m-%d %H:%i'), a.name, e.from_status, e.to_status, e.comment,"
	" e.actor_id = c.account_id FROM change_request_events e JOIN change_requests c ON c.id = e.request_id"
	" JOIN accounts a ON a.id = e.actor_id WHERE e.request_id = ? ORDER BY e.id");
/* The request as a move needs it, with its requester. */
enum {
	LOCK_STATUS,
	LOCK_ACCOUNT,
	LOCK_TYPE,
	LOCK_LIST,
	LOCK_TERM,
	LOCK_LANG,
	LOCK_PROPOSED,
	LOCK_BASE_SEQ,
	LOCK_EMAIL,
	LOCK_NAME,
	LOCK_NOTIFY,
	LOCK_UI_LANG,
	LOCK_ORG,
	LOCK_LOC,
	LOCK__COUNT
};
static struct db_sql q_lock = DB_SQL_COLS(LOCK__COUNT,
	"SELECT c.status, c.account_id, c.type, c.list_id, c.term_id, c.lang, c.proposed, c.base_seq, a.email,"
	" a.name, a.notify_requests, a.ui_lang, c.org_id, c.loc_id FROM change_requests c"
	" JOIN accounts a ON a.id = c.account_id"
	" WHERE c.id = ? FOR UPDATE");
/* A steward's move (spor-admin), with the proposal an approval with
 * changes makes. */
static struct db_sql q_set_status = DB_SQL(
	"UPDATE change_requests SET status = ?, proposed = COALESCE(?, proposed), updated_at = UTC_TIMESTAMP()"
	" WHERE id = ?");
static struct db_sql q_event = DB_SQL(
	"INSERT INTO change_request_events (request_id, actor_id, from_status, to_status, comment)"
	" VALUES (?, ?, ?, ?, ?)");
/* The requester's move and edit (spor-account): its database user has no
 * UPDATE on change_requests, and this procedure allows the requester's own
 * transitions alone, the content only while the request is theirs to edit
 * (db/migrations/0009_request_owner_moves.sql); it records the move. */
static struct db_sql q_owner_write = DB_SQL("CALL spor_cr_owner_write(?, ?, ?, ?, ?, ?, ?, ?, ?)");
static struct db_sql q_comment = DB_SQL(
	"INSERT INTO change_request_events (request_id, actor_id, comment) VALUES (?, ?, ?)");
static struct db_sql q_applied = DB_SQL("UPDATE change_requests SET term_id = ?, applied_seq = ? WHERE id = ?");
/* The list, named as Page.current shows it. */
#define LIST_COLUMNS(X)                                                                                            \
	X(LIST_NAME, "name") X(LIST_SHORT, "short") X(LIST_DESCRIPTION, "description") X(LIST_STATUS, "status")     \
	X(LIST_VERSION, NULL)
enum { LIST_COLUMNS(DB_COLUMN) LIST__COUNT };
static struct db_sql q_list_now = DB_SQL_COLS(LIST__COUNT,
	"SELECT name, short_name, description, status, version FROM rms_lists WHERE id = ?");
static struct db_sql q_list_seq = DB_SQL("SELECT version FROM rms_lists WHERE id = ?");
/* The version before the portal's first change of a list, so that it stays readable. */
static struct db_sql q_list_before = DB_SQL(
	"INSERT IGNORE INTO rms_list_versions (list_id, seq, recorded_at, source, snapshot)"
	" SELECT id, version, COALESCE(modified_at, UTC_TIMESTAMP()), 'import', JSON_OBJECT('name', name,"
	" 'short', short_name, 'description', description, 'status', status) FROM rms_lists WHERE id = ?");
static struct db_sql q_list_update = DB_SQL(
	"UPDATE rms_lists SET name = COALESCE(?, name), short_name = COALESCE(?, short_name),"
	" description = COALESCE(?, description), status = COALESCE(?, status), version = version + 1,"
	" modified_at = UTC_TIMESTAMP() WHERE id = ?");
static struct db_sql q_list_insert = DB_SQL(
	"INSERT INTO rms_lists (id, name, short_name, description, status, version, created_at, modified_at)"
	" VALUES (?, ?, ?, ?, 'PROVISIONAL', 1, UTC_TIMESTAMP(), UTC_TIMESTAMP())");
static struct db_sql q_list_version = DB_SQL(
	"INSERT INTO rms_list_versions (list_id, seq, source, request_id, changes, snapshot)"
	" SELECT id, version, 'request', ?, ?, JSON_OBJECT('name', name, 'short', short_name, 'description',"
	" description, 'status', status) FROM rms_lists WHERE id = ?");
static struct db_sql q_set_list = DB_SQL("UPDATE change_requests SET list_id = ?, applied_seq = ? WHERE id = ?");
static struct db_sql q_term_seq = DB_SQL("SELECT seq FROM rms_terms WHERE id = ?");
static struct db_sql q_org_seq = DB_SQL("SELECT CRC32(record) FROM oms_organisations WHERE id = SUBSTRING(?, 5)");
static struct db_sql q_is_steward = DB_SQL(
	"SELECT 1 FROM account_roles WHERE account_id = ? AND org_id = '' AND role_code IN ('DATA_STEWARD',"
	" 'ADMINISTRATOR')");
/* Those who follow the list or organisation, and want to hear of its changes. */
enum { FOLLOWER_EMAIL, FOLLOWER_UI_LANG, FOLLOWER__COUNT };
static struct db_sql q_followers = DB_SQL_COLS(FOLLOWER__COUNT,
	"SELECT a.email, a.ui_lang FROM favourites f JOIN accounts a ON a.id = f.account_id"
	" WHERE f.kind = ? AND f.ref = ? AND a.status = 'active' AND a.notify_following AND a.id <> ?");

static struct db_sql q_document = DB_SQL("SELECT document_sha256 FROM change_requests WHERE id = ?");

int cr_document(struct req *r, const char *id)
{
	struct db_rows rows;
	if (db_query(r->app->db, r->arena, &q_document, &rows, "s", id) < 0)
		return 500;
	if (!rows.nrows || !db_value(&rows, 0))
		return 404;
	return document_send(r, db_value(&rows, 0), arena_printf(r->arena, "change-request-%s.pdf", id));
}

bool cr_editable(const char *status)
{
	return status && (strcmp(status, "SAVED") == 0 || strcmp(status, "RETURNED") == 0);
}

bool cr_own(struct req *r)
{
	return r->user.id && strcmp(hdf_get_value(r->hdf, "Page.cr.account", ""), r->user.id) == 0;
}

static struct db_sql q_org_role = DB_SQL("SELECT 1 FROM account_roles WHERE account_id = ? AND org_id = ?");

bool cr_may_propose_org(struct req *r, const char *org_id)
{
	struct db_rows rows;
	return db_query(r->app->db, r->arena, &q_org_role, &rows, "ss", r->user.id, org_id) == 0 && rows.nrows > 0;
}

bool cr_may_propose(struct req *r, const char *type)
{
	struct db_rows rows;
	if (db_query(r->app->db, r->arena, &q_roles, &rows, "s", r->user.id) < 0 || !rows.nrows)
		return false;
	bool translator = strcmp(type, "TRANSLATION") == 0;
	return strcmp(db_get(&rows, 0, translator ? ROLES_TRANSLATOR : ROLES_PROPOSER), "1") == 0 ||
	       (translator && strcmp(db_get(&rows, 0, ROLES_PROPOSER), "1") == 0);
}

static const char *text_of(json_t *snap, const char *lang, const char *kind)
{
	json_t *t = json_object_get(json_object_get(json_object_get(snap, "texts"), lang), kind);
	return json_string_value(json_object_get(t, "value"));
}

bool cr_current(struct req *r, const char *term_id, const char *lang, long long *seq)
{
	struct db_rows rows;
	if (db_query(r->app->db, r->arena, &q_snapshot, &rows, "s", term_id) < 0 || !rows.nrows)
		return false;
	json_t *snap = json_loads(db_get(&rows, 0, SNAPSHOT_JSON), 0, NULL);
	if (!snap)
		return false;
	HDF *cur = page_node(r, "Page.current");
	page_put(cur, "id", term_id);
	page_put(cur, "list", db_get(&rows, 0, SNAPSHOT_LIST));
	page_put(cur, "status", rms_snap_str(snap, "status"));
	page_put(cur, "parent", rms_snap_str(snap, "parent"));
	page_put(cur, "replaced_by", rms_snap_str(snap, "replaced_by"));
	page_put(cur, "name_en", text_of(snap, "en", "name"));
	for (size_t k = 0; k < sizeof text_keys / sizeof text_keys[0]; k++)
		page_put(cur, text_keys[k], text_of(snap, lang, text_keys[k])); /* names: literals (text_keys) */
	json_decref(snap);
	*seq = atoll(db_get(&rows, 0, SNAPSHOT_SEQ));
	return true;
}

bool cr_current_list(struct req *r, const char *list_id, long long *seq)
{
	struct db_rows rows;
	if (db_query(r->app->db, r->arena, &q_list_now, &rows, "s", list_id) < 0 || !rows.nrows)
		return false;
	static const char *const names[] = {LIST_COLUMNS(DB_COLUMN_NAME)};
	page_row(r, "Page.current", &rows, 0, names, LIST__COUNT);
	page_set(r, "Page.current.list", list_id);
	*seq = atoll(db_get(&rows, 0, LIST_VERSION));
	return true;
}

bool cr_is_list(const char *type)
{
	return strstr(type, "-LIST") != NULL;
}

/* Put `value` under `key` when it differs from the current one (or always
 * for a new term). */
static void propose(json_t *p, struct req *r, bool fresh, const char *key, const char *value)
{
	if (!value)
		return;
	char node[64];
	snprintf(node, sizeof node, "Page.current.%s", key);
	const char *now = hdf_get_value(r->hdf, node, "");
	if (fresh || strcmp(now, value) != 0)
		json_object_set_new(p, key, json_string(value));
}

/* An organisation's or a location's fields, into the proposal. */
static void propose_oms(json_t *p, struct req *r, const char *type, const struct cr_fields *f)
{
	bool fresh = strcmp(type, "ADD-ORG") == 0, org = fresh || strcmp(type, "UPD-ORG") == 0;
	if (org) {
		propose(p, r, fresh, "name", f->name);
		propose(p, r, fresh, "acronym", f->acronym);
		propose(p, r, fresh, "type", f->org_type);
	}
	if (strcmp(type, "UPD-ORG") != 0) {
		const char *const keys[] = {"address", "postal_code", "city", "region", "country_code", "email", "phone"};
		const char *const values[] = {f->address, f->postal_code,  f->city, f->region,
					      f->country_code, f->email, f->phone};
		bool new_loc = strcmp(type, "UPD-LOC") != 0;
		for (size_t k = 0; k < sizeof keys / sizeof keys[0]; k++)
			propose(p, r, new_loc, keys[k], values[k]); /* keys: literals */
	}
	if (strcmp(type, "UPD-ORG") == 0 || strcmp(type, "UPD-LOC") == 0)
		propose(p, r, false, "status", f->status);
}

/* A term's or a list's fields, into the proposal. */
static void propose_rms(json_t *p, struct req *r, const char *type, const struct cr_fields *f)
{
	bool fresh = strncmp(type, "ADD-", 4) == 0;
	propose(p, r, fresh, "name", f->name);
	propose(p, r, fresh, "short", f->short_name);
	propose(p, r, fresh, "description", f->description);
	if (cr_is_list(type)) {
		if (!fresh)
			propose(p, r, false, "status", f->status);
	} else if (strcmp(type, "TRANSLATION") != 0) {
		propose(p, r, fresh, "parent", f->parent);
		if (!fresh) {
			propose(p, r, false, "status", f->status);
			propose(p, r, false, "replaced_by", f->replaced_by);
		}
	}
}

const char *cr_proposal(struct req *r, const char *type, const struct cr_fields *f)
{
	json_t *p = json_object();
	if (cr_is_oms(type))
		propose_oms(p, r, type, f);
	else
		propose_rms(p, r, type, f);
	const char *out = NULL;
	if (json_object_size(p)) {
		char *text = json_dumps(p, JSON_COMPACT | JSON_SORT_KEYS);
		out = arena_strdup(r->arena, text);
		free(text);
	}
	json_decref(p);
	return out;
}

void cr_diff(struct req *r, const char *proposed)
{
	static const char *const keys[] = {"name",	  "short",	 "description", "status", "parent",
					   "replaced_by", "acronym",	 "type",	"address", "postal_code",
					   "city",	  "region",	 "country_code", "email",  "phone"};
	json_t *p = json_loads(proposed, 0, NULL);
	size_t n = 0;
	for (size_t k = 0; p && k < sizeof keys / sizeof keys[0]; k++) {
		const char *v = json_string_value(json_object_get(p, keys[k]));
		if (!v)
			continue;
		char node[64];
		snprintf(node, sizeof node, "Page.current.%s", keys[k]);
		HDF *row = page_item(r, "Page.diff", n++);
		page_put(row, "field", keys[k]);
		page_put(row, "current", hdf_get_value(r->hdf, node, ""));
		page_put(row, "proposed", v);
	}
	json_decref(p);
}

int cr_load(struct req *r, const char *id)
{
	struct db_rows rows, events;
	if (db_query(r->app->db, r->arena, &q_load, &rows, "s", id) < 0)
		return 500;
	if (!rows.nrows)
		return 404;
	static const char *const names[] = {CR_COLUMNS(DB_COLUMN_NAME)};
	page_row(r, "Page.cr", &rows, 0, names, CR__COUNT);
	const char *term = db_get(&rows, 0, CR_TERM), *base = db_get(&rows, 0, CR_BASE_SEQ);
	const char *list = db_get(&rows, 0, CR_LIST), *type = db_get(&rows, 0, CR_TYPE);
	const char *org = db_get(&rows, 0, CR_ORG), *loc = db_get(&rows, 0, CR_LOC);
	long long seq = 0;
	bool known = cr_is_oms(type) ? org && cr_current_org(r, org, strcmp(type, "UPD-LOC") == 0 ? loc : NULL, &seq)
		     : cr_is_list(type) ? list && cr_current_list(r, list, &seq)
					: term && cr_current(r, term, db_get(&rows, 0, CR_LANG), &seq);
	if (known && base && atoll(base) != seq && !db_get(&rows, 0, CR_APPLIED_SEQ)) {
		page_set(r, "Page.stale", "1");
		page_set_int(r, "Page.current_seq", seq);
	}
	cr_diff(r, db_get(&rows, 0, CR_PROPOSED));
	if (db_query(r->app->db, r->arena, &q_events, &events, "s", id) < 0)
		return 500;
	static const char *const event_names[] = {EVENT_COLUMNS(DB_COLUMN_NAME)};
	page_rows(r, "Page.events", &events, event_names, EVENT__COUNT);
	return 200;
}

static bool allowed(const char *from, const char *to, enum cr_actor actor)
{
	for (size_t i = 0; i < sizeof transitions / sizeof transitions[0]; i++)
		if (strcmp(transitions[i].from, from) == 0 && strcmp(transitions[i].to, to) == 0 &&
		    transitions[i].actor == actor)
			return true;
	return false;
}

static const char *str(json_t *p, const char *key)
{
	return json_string_value(json_object_get(p, key));
}

/* Write the approved change through the RMS store, in the open transaction.
 * Returns the term's new version, or -1. */
static long long apply(struct req *r, const char *id, const char *type, const char *list, const char *term,
		       const char *lang, const char *proposed)
{
	json_t *p = json_loads(proposed, 0, NULL);
	if (!p)
		return -1;
	bool fresh = strcmp(type, "ADD-TERM") == 0;
	const char *term_id = fresh ? arena_printf(r->arena, "%lld", 700000000000LL + atoll(id)) : term;
	struct rms_term_in t = {.list_id = list, .id = term_id, .lang = lang};
	t.status = fresh ? "PROVISIONAL" : str(p, "status");
	t.parent_id = str(p, "parent");
	t.current_id = str(p, "replaced_by");
	t.text[RMS_NAME].value = str(p, "name");
	t.text[RMS_SHORT].value = str(p, "short");
	t.text[RMS_DESCRIPTION].value = str(p, "description");
	const char *when = arena_printf(r->arena, "request RRQ-%s", id);
	for (int k = 0; k < RMS_KINDS; k++)
		if (t.text[k].value)
			t.text[k].modified_by = when;
	const struct rms_term_in *recs[] = {&t};
	struct rms_store *s = rms_store_for_request(r->app->db, id);
	int rc = rms_store_term(s, r->arena, recs, 1);
	rc = rms_store_close(s, rc == 0, NULL) < 0 ? -1 : rc;
	json_decref(p);
	struct db_rows rows;
	if (rc < 0 || db_query(r->app->db, r->arena, &q_term_seq, &rows, "s", term_id) < 0 || !rows.nrows ||
	    db_exec(r->app->db, &q_applied, NULL, "sss", term_id, db_value(&rows, 0), id) < 0)
		return -1;
	page_set(r, "Mail.path", arena_printf(r->arena, "/rms/terms/%s", term_id));
	return atoll(db_value(&rows, 0));
}

/* Write an approved list change, in the open transaction; the list's new
 * version, or -1. */
static long long apply_list(struct req *r, const char *id, const char *type, const char *list, const char *proposed)
{
	json_t *p = json_loads(proposed, 0, NULL);
	if (!p)
		return -1;
	bool fresh = strcmp(type, "ADD-LIST") == 0;
	const char *list_id = fresh ? arena_printf(r->arena, "%lld", 790000000000LL + atoll(id)) : list;
	const char *name = str(p, "name"), *shorter = str(p, "short"), *desc = str(p, "description");
	struct buf changes;
	buf_init(&changes, r->arena);
	static const char *const keys[] = {"name", "short", "description", "status"};
	for (size_t k = 0; k < sizeof keys / sizeof keys[0]; k++)
		if (json_object_get(p, keys[k]))
			buf_printf(&changes, "%s%s", changes.len ? ", " : "", keys[k]);
	int rc = fresh ? db_exec(r->app->db, &q_list_insert, NULL, "ssss", list_id, name, shorter, desc)
		       : (db_exec(r->app->db, &q_list_before, NULL, "s", list_id) < 0 ||
			  db_exec(r->app->db, &q_list_update, NULL, "sssss", name, shorter, desc, str(p, "status"),
				  list_id) < 0)
				 ? -1
				 : 0;
	json_decref(p);
	struct db_rows seq;
	if (rc < 0 ||
	    db_exec(r->app->db, &q_list_version, NULL, "sss", id, fresh ? "created" : buf_str(&changes), list_id) < 0 ||
	    db_query(r->app->db, r->arena, &q_list_seq, &seq, "s", list_id) < 0 || !seq.nrows ||
	    db_exec(r->app->db, &q_set_list, NULL, "sss", list_id, db_value(&seq, 0), id) < 0)
		return -1;
	page_set(r, "Mail.path", arena_printf(r->arena, "/rms/lists/%s", list_id));
	return atoll(db_value(&seq, 0));
}

/* Mail the requester (unless they acted) and, once applied, the list's
 * followers. */
static int tell(struct req *r, const struct db_rows *c, const char *id, const char *to, enum cr_actor actor)
{
	page_set(r, "Mail.id", id);
	page_set(r, "Mail.status", to);
	page_set(r, "Mail.name", db_get(c, 0, LOCK_NAME));
	page_set(r, "Mail.list", db_get(c, 0, LOCK_LIST));
	if (actor == CR_STEWARD && strcmp(db_get(c, 0, LOCK_NOTIFY), "1") == 0 &&
	    mail_queue_in(r, "cr_status", db_get(c, 0, LOCK_EMAIL), db_get(c, 0, LOCK_UI_LANG)) < 0)
		return -1;
	bool oms = cr_is_oms(db_get(c, 0, LOCK_TYPE));
	const char *followed = db_get(c, 0, oms ? LOCK_ORG : LOCK_LIST);
	if (strncmp(to, "APPROVED", 8) != 0 || !followed)
		return 0;
	struct db_rows followers;
	if (db_query(r->app->db, r->arena, &q_followers, &followers, "sss", oms ? "organisation" : "list", followed,
		     db_get(c, 0, LOCK_ACCOUNT)) < 0)
		return -1;
	for (size_t i = 0; i < followers.nrows; i++)
		if (mail_queue_in(r, "cr_applied", db_get(&followers, i, FOLLOWER_EMAIL),
				  db_get(&followers, i, FOLLOWER_UI_LANG)) < 0)
			return -1;
	return 0;
}

/* Whether `actor` is who they claim, for the locked request `c`: 200, or
 * 404 for someone else's request, 403 for a steward's action by no steward
 * or on their own request (nobody decides on what they submitted). */
static int acts_as(struct req *r, const struct db_rows *c, enum cr_actor actor)
{
	if (!c->nrows)
		return 404;
	bool own = strcmp(db_get(c, 0, LOCK_ACCOUNT), r->user.id) == 0;
	if (actor == CR_REQUESTER)
		return own ? 200 : 404;
	struct db_rows rows;
	if (db_query(r->app->db, r->arena, &q_is_steward, &rows, "s", r->user.id) < 0)
		return 500;
	return rows.nrows && !own ? 200 : 403;
}

/* The requester's move with their edit, through the procedure that allows
 * nothing else; the uploaded document is stored only now that the request
 * is known to be theirs to edit.  0, or an HTTP status. */
static int owner_write(struct req *r, const char *id, const char *to, const struct cr_edit *edit, const char *new_base)
{
	struct document_kept doc = {NULL, NULL, NULL};
	if (edit && edit->document && document_keep(r, &doc))
		return 500; /* its type and size were checked with the form */
	return db_exec(r->app->db, &q_owner_write, NULL, "sssssssss", id, r->user.id, to, edit ? edit->proposed : NULL,
		       edit ? edit->justification : NULL, new_base, doc.name, doc.sha256, doc.size) < 0
		       ? 500
		       : 0;
}

static int move(struct req *r, const char *id, const char *to, enum cr_actor actor, const char *comment,
		const struct cr_edit *edit)
{
	struct db *db = r->app->db;
	struct db_rows c;
	if (db_query(db, r->arena, &q_lock, &c, "s", id) < 0)
		return 500;
	int who = acts_as(r, &c, actor);
	if (who != 200)
		return who;
	const char *from = db_get(&c, 0, LOCK_STATUS), *type = db_get(&c, 0, LOCK_TYPE), *list = db_get(&c, 0, LOCK_LIST);
	const char *term = db_get(&c, 0, LOCK_TERM), *base = db_get(&c, 0, LOCK_BASE_SEQ);
	const char *org = db_get(&c, 0, LOCK_ORG), *loc = db_get(&c, 0, LOCK_LOC);
	/* What the proposal was made against: the term, the list or the
	 * organisation (none for a new one). */
	bool on_list = cr_is_list(type), on_org = cr_is_oms(type);
	const char *target = on_org ? (strcmp(type, "ADD-ORG") == 0 ? NULL : org)
			     : on_list ? (strcmp(type, "UPD-LIST") == 0 ? list : NULL)
				       : term;
	struct db_sql *q_seq = on_org ? &q_org_seq : on_list ? &q_list_seq : &q_term_seq;
	/* The content changes only while the request is its requester's to
	 * edit; a steward's approval with changes is a move of its own. */
	bool edits = edit && actor == CR_REQUESTER;
	if (!allowed(from, to, actor) || (edits && !cr_editable(from))) {
		r->err_reason = "transition";
		return 409;
	}
	/* A new base when the requester (re)submits or edits: they saw the term as it is. */
	const char *new_base = NULL;
	if (actor == CR_REQUESTER && target && strcmp(to, "WITHDRAWN") != 0) {
		struct db_rows seq;
		if (db_query(db, r->arena, q_seq, &seq, "s", target) < 0)
			return 500;
		new_base = seq.nrows ? db_value(&seq, 0) : NULL;
	}
	bool approve = strncmp(to, "APPROVED", 8) == 0;
	if (approve && target) {
		struct db_rows seq;
		if (db_query(db, r->arena, q_seq, &seq, "s", target) < 0)
			return 500;
		if (!base || !seq.nrows || strcmp(base, db_value(&seq, 0)) != 0) {
			r->err_reason = "stale";
			return 409;
		}
	}
	bool moves = strcmp(from, to) != 0; /* else an edit of the proposal */
	const char *changes = edit ? edit->proposed : NULL;
	if (actor == CR_REQUESTER) {
		int status = owner_write(r, id, to, edit, new_base);
		if (status || (comment && db_exec(db, &q_comment, NULL, "sss", id, r->user.id, comment) < 0))
			return status ? status : 500;
	} else if (db_exec(db, &q_set_status, NULL, "sss", to, changes, id) < 0 ||
		   ((moves || comment) && db_exec(db, &q_event, NULL, "sssss", id, r->user.id, moves ? from : NULL,
						  moves ? to : NULL, comment) < 0)) {
		return 500;
	}
	const char *proposal = changes ? changes : db_get(&c, 0, LOCK_PROPOSED);
	if (approve && (on_org	   ? cr_apply_org(r, id, type, org, loc, proposal)
			: on_list ? apply_list(r, id, type, list, proposal)
				  : apply(r, id, type, list, term, db_get(&c, 0, LOCK_LANG), proposal)) < 0)
		return 500;
	if (moves && tell(r, &c, id, to, actor) < 0)
		return 500;
	return 303;
}

int cr_transition(struct req *r, const char *id, const char *to, enum cr_actor actor, const char *comment,
		  const struct cr_edit *edit)
{
	if (db_begin(r->app->db) < 0)
		return 500;
	int status = move(r, id, to, actor, comment, edit);
	if (status == 303 && db_commit(r->app->db) == 0) {
		audit_record(r, arena_printf(r->arena, "change.%s", to), NULL, NULL);
		return 303;
	}
	db_rollback(r->app->db);
	return status == 303 ? 500 : status;
}

int cr_comment(struct req *r, const char *id, enum cr_actor actor, const char *comment)
{
	struct db *db = r->app->db;
	struct db_rows c;
	if (db_begin(db) < 0 || db_query(db, r->arena, &q_lock, &c, "s", id) < 0) {
		db_rollback(db);
		return 500;
	}
	int who = acts_as(r, &c, actor);
	if (who != 200) {
		db_rollback(db);
		return who;
	}
	if (db_exec(db, &q_comment, NULL, "sss", id, r->user.id, comment) < 0 || db_commit(db) < 0) {
		db_rollback(db);
		return 500;
	}
	return 303;
}
