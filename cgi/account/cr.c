/* The change-request engine: its workflow, its thread, its records.  What
 * the pages show is cr_page.c's, the application of an approval
 * cr_apply.c's and cr_oms.c's. */
#include "config.h"

#include <jansson.h>
#include <stdlib.h>
#include <string.h>

#include "account/audit.h"
#include "account/cr.h"
#include "account/document.h"
#include "core/db.h"
#include "core/fragment.h"
#include "core/mail.h"
#include "core/once.h"
#include "core/page.h"
#include "core/program.h"

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
	LOCK_NAME,
	LOCK_NOTIFY,
	LOCK_ORG,
	LOCK_LOC,
	LOCK__COUNT
};
static struct db_sql q_lock = DB_SQL_COLS(LOCK__COUNT,
	"SELECT c.status, c.account_id, c.type, c.list_id, c.term_id, c.lang, c.proposed, c.base_seq, a.name,"
	" a.notify_requests, c.org_id, c.loc_id FROM change_requests c"
	" JOIN accounts a ON a.id = c.account_id"
	" WHERE c.id = ? FOR UPDATE");
static struct db_sql q_comment = DB_SQL(
	"INSERT INTO change_request_events (request_id, actor_id, comment) VALUES (?, ?, ?)");

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

bool cr_is_list(const char *type)
{
	return strstr(type, "-LIST") != NULL;
}

static bool allowed(const char *from, const char *to, enum cr_actor actor)
{
	for (size_t i = 0; i < sizeof transitions / sizeof transitions[0]; i++)
		if (strcmp(transitions[i].from, from) == 0 && strcmp(transitions[i].to, to) == 0 &&
		    transitions[i].actor == actor)
			return true;
	return false;
}

/* Those who follow the list or organisation, and want to hear of its changes. */
static struct db_sql q_followers = DB_SQL(
	"SELECT a.id FROM favourites f JOIN accounts a ON a.id = f.account_id"
	" WHERE f.kind = ? AND f.ref = ? AND a.status = 'active' AND a.notify_following AND a.id <> ?");

/* Mail the requester (unless they acted) and, once applied, the list's
 * followers. */
static int tell(struct req *r, const struct db_rows *c, const char *id, const char *to, enum cr_actor actor)
{
	page_set(r, "Mail.id", id);
	page_set(r, "Mail.status", to);
	page_set(r, "Mail.name", db_get(c, 0, LOCK_NAME));
	page_set(r, "Mail.list", db_get(c, 0, LOCK_LIST));
	if (actor == CR_STEWARD && strcmp(db_get(c, 0, LOCK_NOTIFY), "1") == 0 &&
	    mail_queue(r, "cr_status", db_get(c, 0, LOCK_ACCOUNT)) < 0)
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
		if (mail_queue(r, "cr_applied", db_value(&followers, i)) < 0)
			return -1;
	return 0;
}

static struct db_sql q_is_steward = DB_SQL(
	"SELECT 1 FROM account_roles WHERE account_id = ? AND org_id = '' AND role_code IN ('DATA_STEWARD',"
	" 'ADMINISTRATOR')");

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

/* A record of the request's latest round, added by a steward's decision. */
static struct db_sql q_round = DB_SQL("SELECT COALESCE(MAX(round), 0) FROM change_request_records WHERE request_id = ?");
static struct db_sql q_round_before = DB_SQL(
	"SELECT record FROM change_request_records WHERE request_id = ? AND round = ? AND kind = 'before'");
static struct db_sql q_record_add = DB_SQL(
	"INSERT INTO change_request_records (request_id, round, kind, record) VALUES (?, ?, ?, ?)");

/* What a decision records: the target again when it moved since the round
 * was submitted, and what an approval approved.  A request whose round
 * was never recorded (made before the records, and not recovered) gets
 * one now, from its proposal as it stands, frozen since it was submitted. */
static int record_decision(struct req *r, const char *id, const struct db_rows *c, const json_t *now,
			   const char *approved)
{
	struct db *db = r->app->db;
	struct db_rows round, before;
	if (db_query(db, r->arena, &q_round, &round, "s", id) < 0)
		return -1;
	const char *n = db_value(&round, 0);
	if (strcmp(n, "0") == 0) {
		n = "1";
		if (db_exec(db, &q_record_add, NULL, "ssss", id, n, "proposed", db_get(c, 0, LOCK_PROPOSED)) < 0)
			return -1;
	}
	if (db_query(db, r->arena, &q_round_before, &before, "ss", id, n) < 0)
		return -1;
	json_t *then = before.nrows ? json_loads(db_value(&before, 0), 0, NULL) : NULL;
	bool moved = now && !json_equal(then, (json_t *)now);
	json_decref(then);
	if (moved && db_exec(db, &q_record_add, NULL, "ssss", id, n, "before_decision", cr_record_text(r->arena, now)) < 0)
		return -1;
	return approved ? db_exec(db, &q_record_add, NULL, "ssss", id, n, "approved", approved) : 0;
}

/* The same steward's move again (a decision form sent twice): the last
 * move of the thread is theirs, to this status. */
enum { LAST_ACTOR, LAST_TO, LAST__COUNT };
static struct db_sql q_last_move = DB_SQL_COLS(LAST__COUNT,
	"SELECT actor_id, to_status FROM change_request_events WHERE request_id = ? AND to_status IS NOT NULL"
	" ORDER BY id DESC LIMIT 1");

static bool made_already(struct req *r, const char *id, const char *from, const char *to)
{
	struct db_rows last;
	return strcmp(from, to) == 0 && db_query(r->app->db, r->arena, &q_last_move, &last, "s", id) == 0 &&
	       last.nrows && strcmp(db_get(&last, 0, LAST_ACTOR), r->user.id) == 0 &&
	       strcmp(db_get(&last, 0, LAST_TO), to) == 0;
}

/* The requester's move and edit (spor-account): its database user has no
 * UPDATE on change_requests, and this procedure allows the requester's own
 * transitions alone, the content only while the request is theirs to edit
 * (db/migrations/0009_request_owner_moves.sql); it records the move, and a
 * submission's records (0013_request_records.sql). */
static struct db_sql q_owner_write = DB_SQL("CALL spor_cr_owner_write(?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");

/* The requester's move with their edit, through the procedure that allows
 * nothing else; the uploaded document is stored only now that the request
 * is known to be theirs to edit.  0, or an HTTP status. */
static int owner_write(struct req *r, const char *id, const char *to, const struct cr_edit *edit, const char *new_base,
		       const char *before)
{
	struct document_kept doc = {NULL, NULL, NULL};
	if (edit && edit->document && document_keep(r, &doc))
		return 500; /* its type and size were checked with the form */
	return db_exec(r->app->db, &q_owner_write, NULL, "ssssssssss", id, r->user.id, to, edit ? edit->proposed : NULL,
		       edit ? edit->justification : NULL, new_base, doc.name, doc.sha256, doc.size, before) < 0
		       ? 500
		       : 0;
}

/* A steward's move (spor-admin): the request is theirs from then on, so
 * that the queue's "taken by" names who last acted on it. */
static struct db_sql q_set_status = DB_SQL(
	"UPDATE change_requests SET status = ?, assigned_to = ?, updated_at = UTC_TIMESTAMP() WHERE id = ?");
static struct db_sql q_event = DB_SQL(
	"INSERT INTO change_request_events (request_id, actor_id, from_status, to_status, comment)"
	" VALUES (?, ?, ?, ?, ?)");

static int steward_write(struct req *r, const char *id, const char *from, const char *to, const char *comment)
{
	bool moves = strcmp(from, to) != 0;
	return db_exec(r->app->db, &q_set_status, NULL, "sss", to, r->user.id, id) < 0 ||
			       ((moves || comment) && db_exec(r->app->db, &q_event, NULL, "sssss", id, r->user.id,
							      moves ? from : NULL, moves ? to : NULL, comment) < 0)
		       ? 500
		       : 0;
}

static bool decides(const char *to)
{
	return strcmp(to, "APPROVED") == 0 || strcmp(to, "APPROVED_WC") == 0 || strcmp(to, "REJECTED") == 0 ||
	       strcmp(to, "INVALID") == 0;
}

/* The workers' kept pages are rendered again (fragment.h). */
static struct db_sql q_data_changed = DB_SQL(FRAGMENT_DATA_CHANGED);

/* Apply the approved proposal; -1 when it could not be. */
static long long apply(struct req *r, const char *id, const struct cr_target *t, const char *proposal)
{
	long long made = cr_is_oms(t->type) ? cr_apply_org(r, id, t, proposal) : cr_apply_rms(r, id, t, proposal);
	return made < 0 || db_exec(r->app->db, &q_data_changed, NULL, "") < 0 ? -1 : made;
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
	const char *from = db_get(&c, 0, LOCK_STATUS), *base = db_get(&c, 0, LOCK_BASE_SEQ);
	struct cr_target t = {.type = db_get(&c, 0, LOCK_TYPE), .list = db_get(&c, 0, LOCK_LIST),
			      .term = db_get(&c, 0, LOCK_TERM), .lang = db_get(&c, 0, LOCK_LANG),
			      .org = db_get(&c, 0, LOCK_ORG), .loc = db_get(&c, 0, LOCK_LOC)};
	unsigned type = cr_type_of(t.type);
	/* The content changes only while the request is its requester's to
	 * edit; a steward's approval with changes is a move of its own. */
	bool edits = edit && actor == CR_REQUESTER;
	if (!allowed(from, to, actor) || (edits && !cr_editable(from))) {
		if (actor == CR_STEWARD && made_already(r, id, from, to))
			return 303; /* done once: the page it goes back to shows it */
		r->err_reason = "transition";
		return 409;
	}
	struct cr_now now;
	if (cr_now_read(db, r->arena, &t, &now) < 0)
		return 500;
	const char *seq = cr_has_base(type) && now.found ? arena_printf(r->arena, "%lld", now.seq) : NULL;
	bool approve = strncmp(to, "APPROVED", 8) == 0;
	if (approve && cr_has_base(type) && (!base || !seq || strcmp(base, seq) != 0)) {
		json_decref(now.record);
		r->err_reason = "stale";
		return 409;
	}
	/* The requester's submission records what it is about as it is now;
	 * a new base when they (re)submit or edit: they saw it as it is. */
	int status = 0;
	const char *approved = approve ? (edit && edit->proposed ? edit->proposed : db_get(&c, 0, LOCK_PROPOSED)) : NULL;
	if (actor == CR_REQUESTER) {
		const char *before = strcmp(to, "SUBMITTED") == 0 ? cr_record_text(r->arena, now.record) : NULL;
		status = owner_write(r, id, to, edit, strcmp(to, "WITHDRAWN") != 0 ? seq : NULL, before);
		if (!status && comment && db_exec(db, &q_comment, NULL, "sss", id, r->user.id, comment) < 0)
			status = 500;
	} else {
		status = steward_write(r, id, from, to, comment);
		if (!status && decides(to) && record_decision(r, id, &c, now.record, approved) < 0)
			status = 500;
	}
	json_decref(now.record);
	if (status)
		return status;
	if (approve && apply(r, id, &t, approved) < 0)
		return 500;
	if (strcmp(from, to) != 0 && tell(r, &c, id, to, actor) < 0)
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
		audit_record_about(r, arena_printf(r->arena, "change.%s", to), NULL, AUDIT_CHANGE_REQUEST, id);
		return 303;
	}
	db_rollback(r->app->db);
	return status == 303 ? 500 : status;
}

int cr_comment(struct req *r, const char *id, enum cr_actor actor, const char *comment, const char *made)
{
	struct db *db = r->app->db;
	struct db_rows c;
	int done = once_done(r);
	if (done)
		return done;
	if (db_begin(db) < 0 || db_query(db, r->arena, &q_lock, &c, "s", id) < 0) {
		db_rollback(db);
		return 500;
	}
	int who = acts_as(r, &c, actor);
	if (who != 200) {
		db_rollback(db);
		return who;
	}
	int once = 0;
	if (db_exec(db, &q_comment, NULL, "sss", id, r->user.id, comment) < 0 || (once = once_record(r, made)) <= 0 ||
	    db_commit(db) < 0) {
		db_rollback(db);
		done = once == 0 ? once_done(r) : 0;
		return done ? done : 500;
	}
	audit_record_about(r, "change.commented", NULL, AUDIT_CHANGE_REQUEST, id);
	return http_redirect(r, 303, made);
}
