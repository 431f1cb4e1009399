/* Part of sporctl migrate: the records of change requests submitted before
 * the portal kept them (db/migrations/0013_request_records.sql), made from
 * what their data still tells, marked 'migrated'.  Run after the
 * migrations on every migrate; a request that has records is never
 * touched again, so it costs one read when there is nothing to do.
 *
 * What the data tells, for the last round only (the number of
 * submissions in the thread is its number; earlier rounds' proposals were
 * overwritten by the edits that followed):
 *   - the proposal as sent: the request's proposal, unless an approval
 *     with changes overwrote it with the steward's version, or the request
 *     was returned after it was submitted (its requester may have edited
 *     it since);
 *   - the record before: the version the proposal was made against
 *     (base_seq): a term's version, a list's (kept once the portal changed
 *     the list), an organisation's record whose CRC32 it is (kept once the
 *     portal changed the organisation, or still the current one);
 *   - what was approved: the request's proposal, the steward's version
 *     after an approval with changes;
 *   - the record when it was refused (rejected, marked invalid), when it
 *     had moved since: its latest version recorded by then.  An approval
 *     needed the record at the proposal's version, so it had not moved.
 * What it cannot tell stays missing, and the pages say so. */
#include "config.h"

#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "account/cr_record.h"
#include "core/db.h"
#include "ctl/ctl.h"

enum {
	C_ID,
	C_TYPE,
	C_STATUS,
	C_LIST,
	C_TERM,
	C_LANG,
	C_ORG,
	C_LOC,
	C_PROPOSED,
	C_BASE,
	C_ROUND,
	C_SUBMITTED,
	C_RETURNED_AFTER,
	C_DECIDED,
	C__COUNT
};
/* Submitted requests without records. */
static struct db_sql q_candidates = DB_SQL_COLS(C__COUNT,
	"SELECT c.id, c.type, c.status, c.list_id, c.term_id, c.lang, c.org_id, c.loc_id, c.proposed, c.base_seq,"
	" s.rounds, s.submitted_at, EXISTS (SELECT 1 FROM change_request_events e WHERE e.request_id = c.id"
	"  AND e.to_status = 'RETURNED' AND e.id > s.last_id),"
	" (SELECT MAX(e.at) FROM change_request_events e WHERE e.request_id = c.id"
	"  AND e.to_status IN ('APPROVED', 'APPROVED_WC', 'REJECTED', 'INVALID'))"
	" FROM change_requests c JOIN (SELECT request_id, COUNT(*) rounds, MAX(id) last_id, MAX(at) submitted_at"
	"  FROM change_request_events WHERE to_status = 'SUBMITTED' GROUP BY request_id) s ON s.request_id = c.id"
	" WHERE NOT EXISTS (SELECT 1 FROM change_request_records r WHERE r.request_id = c.id) ORDER BY c.id");
static struct db_sql q_add = DB_SQL(
	"INSERT INTO change_request_records (request_id, round, kind, recorded_at, source, record)"
	" VALUES (?, ?, ?, ?, 'migrated', ?)");

/* The versions a record is read from: at the proposal's version (a CRC32
 * of an organisation's record), or the latest recorded by a time. */
static struct db_sql q_term_seq =
	DB_SQL("SELECT snapshot FROM rms_term_versions WHERE term_id = ? AND seq = ?");
static struct db_sql q_term_at = DB_SQL(
	"SELECT snapshot FROM rms_term_versions WHERE term_id = ? AND recorded_at <= ? ORDER BY seq DESC LIMIT 1");
static struct db_sql q_list_seq = DB_SQL(
	"(SELECT snapshot FROM rms_list_versions WHERE list_id = ? AND seq = ?) UNION ALL"
	" (SELECT " CR_LIST_SNAPSHOT " FROM rms_lists WHERE id = ? AND version = ?) LIMIT 1");
static struct db_sql q_list_at = DB_SQL(
	"SELECT snapshot FROM rms_list_versions WHERE list_id = ? AND recorded_at <= ? ORDER BY seq DESC LIMIT 1");
static struct db_sql q_org_seq = DB_SQL(
	"(SELECT record FROM oms_organisations WHERE id = SUBSTRING(?, 5) AND CRC32(record) = ?) UNION ALL"
	" (SELECT record FROM oms_org_versions WHERE org_id = SUBSTRING(?, 5) AND CRC32(record) = ?) LIMIT 1");
static struct db_sql q_org_at = DB_SQL(
	"SELECT record FROM oms_org_versions WHERE org_id = SUBSTRING(?, 5) AND recorded_at <= ?"
	" ORDER BY seq DESC LIMIT 1");

/* The target's record read from the version `seq` names, or from the one
 * current at `at` (seq NULL); NULL when none was kept.  *failed on a
 * database error. */
static json_t *recovered(struct db *db, struct arena *a, const struct db_rows *c, size_t i, const char *seq, const char *at,
			 bool *failed)
{
	unsigned type = cr_type_of(db_get(c, i, C_TYPE));
	const char *list = db_get(c, i, C_LIST), *term = db_get(c, i, C_TERM), *org = db_get(c, i, C_ORG);
	struct db_rows rows = {0};
	int rc = 0;
	if (type & (CR_UPD_TERM | CR_TRANSLATION))
		rc = seq ? db_query(db, a, &q_term_seq, &rows, "ss", term, seq)
			 : db_query(db, a, &q_term_at, &rows, "ss", term, at);
	else if (type == CR_UPD_LIST)
		rc = seq ? db_query(db, a, &q_list_seq, &rows, "ssss", list, seq, list, seq)
			 : db_query(db, a, &q_list_at, &rows, "ss", list, at);
	else if (type & (CR_UPD_ORG | CR_UPD_LOC))
		rc = seq ? db_query(db, a, &q_org_seq, &rows, "ssss", org, seq, org, seq)
			 : db_query(db, a, &q_org_at, &rows, "ss", org, at);
	if (rc < 0)
		*failed = true;
	json_t *version = rc == 0 && rows.nrows ? json_loads(db_value(&rows, 0), 0, NULL) : NULL;
	json_t *record = !version			     ? NULL
			 : type & (CR_UPD_TERM | CR_TRANSLATION) ? cr_record_of_term(type, version, db_get(c, i, C_LANG))
			 : type == CR_UPD_LIST		     ? cr_record_of_list(type, version)
							     : cr_record_of_org(type, version, db_get(c, i, C_LOC));
	json_decref(version);
	return record;
}

static int add(struct db *db, const struct db_rows *c, size_t i, const char *kind, const char *at, const char *record)
{
	return record ? db_exec(db, &q_add, NULL, "sssss", db_get(c, i, C_ID), db_get(c, i, C_ROUND), kind, at, record)
		      : 0;
}

/* One request's records; how many it got, or -1. */
static int recover(struct db *db, struct arena *a, const struct db_rows *c, size_t i, size_t *lost)
{
	const char *status = db_get(c, i, C_STATUS), *submitted = db_get(c, i, C_SUBMITTED);
	const char *decided = db_get(c, i, C_DECIDED), *base = db_get(c, i, C_BASE);
	unsigned type = cr_type_of(db_get(c, i, C_TYPE));
	bool failed = false, approved = strncmp(status, "APPROVED", 8) == 0;
	bool proposal_kept = strcmp(status, "APPROVED_WC") != 0 && strcmp(db_get(c, i, C_RETURNED_AFTER), "0") == 0;
	json_t *before = cr_has_base(type) && type != CR_ADD_LOC && base ? recovered(db, a, c, i, base, NULL, &failed) : NULL;
	json_t *then = NULL;
	if (decided && !approved && cr_has_base(type) && type != CR_ADD_LOC)
		then = recovered(db, a, c, i, NULL, decided, &failed);
	bool moved = then && !json_equal(before, then);
	int n = 0;
	if (!failed) {
		const char *records[][3] = {
			{"before", submitted, cr_record_text(a, before)},
			{"proposed", submitted, proposal_kept ? db_get(c, i, C_PROPOSED) : NULL},
			{"before_decision", decided, moved ? cr_record_text(a, then) : NULL},
			{"approved", decided, approved ? db_get(c, i, C_PROPOSED) : NULL},
		};
		for (size_t k = 0; k < sizeof records / sizeof records[0] && n >= 0; k++)
			n = add(db, c, i, records[k][0], records[k][1], records[k][2]) < 0 ? -1 : n + (records[k][2] != NULL);
	}
	*lost += !proposal_kept + (cr_has_base(type) && type != CR_ADD_LOC && !before);
	json_decref(before);
	json_decref(then);
	return failed ? -1 : n;
}

int ctl_records_recover(struct db *db, struct arena *a)
{
	struct db_rows rows;
	if (db_query(db, a, &q_candidates, &rows, "") < 0)
		return -1;
	size_t made = 0, lost = 0;
	for (size_t i = 0; i < rows.nrows; i++) {
		int n = recover(db, a, &rows, i, &lost);
		if (n < 0)
			return -1;
		made += (size_t)n;
	}
	if (rows.nrows)
		printf("change requests: %zu records recovered for %zu requests submitted before records were kept;"
		       " %zu could not be (docs/operations.md, \"Change requests' records\")\n",
		       made, rows.nrows, lost);
	return 0;
}
