/* RMS writes: lists, terms from snapshots, their texts, mappings,
 * countries, attributes and versions. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/db.h"
#include "core/fragment.h"
#include "core/log.h"
#include "core/mem.h"
#include "core/words_near.h"
#include "rms/rms_rows.h"
#include "rms/rms_snapshot.h"
#include "rms/rms_store.h"

/* An import is one transaction, whatever its size: killed or failed half-way
 * it leaves every list as it was, never half of a list's terms (InnoDB keeps
 * the undo of a real export's few thousand terms easily). */
enum { LISTS_MAX = 256 };

struct rms_store {
	struct db *db;
	const char *source;
	const char *request_id; /* the change request applied, or NULL */
	bool in_tx, callers_tx; /* callers_tx: the transaction is the caller's to end */
	struct rms_store_stats stats;
	struct rms_rows *rows; /* the terms of a batch being written */
	char lists[LISTS_MAX][13];
	size_t nlists;
};

struct rms_store *rms_store_open(struct db *db, const char *source)
{
	struct rms_store *s = xcalloc(1, sizeof *s);
	s->db = db;
	s->source = source;
	s->rows = rms_rows_new();
	return s;
}

struct rms_store *rms_store_for_request(struct db *db, const char *request_id)
{
	struct rms_store *s = rms_store_open(db, "request");
	s->request_id = request_id;
	s->in_tx = s->callers_tx = true;
	return s;
}

static int begin(struct rms_store *s)
{
	if (s->in_tx)
		return 0;
	if (db_begin(s->db) < 0)
		return -1;
	s->in_tx = true;
	return 0;
}

static void touch_list(struct rms_store *s, const char *id)
{
	for (size_t i = 0; i < s->nlists; i++)
		if (strcmp(s->lists[i], id) == 0)
			return;
	if (s->nlists < LISTS_MAX)
		snprintf(s->lists[s->nlists++], sizeof s->lists[0], "%s", id);
}

enum { LIST_NAME, LIST_DESCRIPTION, LIST__COUNT };
static struct db_sql q_list_get = DB_SQL_COLS(LIST__COUNT, "SELECT name, description FROM rms_lists WHERE id = ?");
static struct db_sql q_list_insert =
	DB_SQL("INSERT INTO rms_lists (id, name, description, created_at, modified_at) "
	       "VALUES (?, COALESCE(?, CONCAT('List ', ?)), ?, UTC_TIMESTAMP(), UTC_TIMESTAMP())");
static struct db_sql q_list_rename =
	DB_SQL("UPDATE rms_lists SET name = ?, description = COALESCE(?, description) WHERE id = ?");

int rms_store_list(struct rms_store *s, struct arena *a, const struct rms_list_in *list)
{
	struct db_rows rows;
	if (begin(s) < 0 || db_query(s->db, a, &q_list_get, &rows, "s", list->id) < 0)
		return -1;
	touch_list(s, list->id);
	if (rows.nrows == 0) {
		s->stats.lists_new++;
		return db_exec(s->db, &q_list_insert, NULL, "ssss", list->id, list->name, list->id, list->description);
	}
	const char *name = db_get(&rows, 0, LIST_NAME), *desc = db_get(&rows, 0, LIST_DESCRIPTION);
	bool rename = list->name && *list->name && strcmp(name, list->name) != 0;
	bool redescribe = list->description && (!desc || strcmp(desc, list->description) != 0);
	if (!rename && !redescribe)
		return 0;
	s->stats.lists_updated++;
	return db_exec(s->db, &q_list_rename, NULL, "sss", rename ? list->name : name, list->description, list->id);
}

/* The terms of a batch that exist, in the batch's order (the IDs'
 * positions, 1 on), with their last version (NULL when none was recorded):
 * a term not named is new, and has no rows of its own to replace. */
enum { LAST_N, LAST_SEQ, LAST_SNAPSHOT, LAST__COUNT };
static struct db_sql q_last_versions = DB_SQL_COLS(
	LAST__COUNT,
	"SELECT j.n, v.seq, v.snapshot FROM JSON_TABLE(?, '$[*]' COLUMNS (n FOR ORDINALITY, id BIGINT UNSIGNED PATH '$'))"
	" j JOIN rms_terms t ON t.id = j.id LEFT JOIN rms_term_versions v ON v.term_id = j.id"
	" AND v.seq = (SELECT MAX(x.seq) FROM rms_term_versions x WHERE x.term_id = j.id) ORDER BY j.n");

/* A batch's rows are written before their statement nears the server's
 * packet limit (16 MiB by default): all of its arrays go in one packet. */
enum { BATCH_BYTES = 4 << 20 };

/* Merge one term's records onto its last version; a term that changed is
 * added to the batch's rows (`existed`: it has a row already). */
static int merge_term(struct rms_store *s, struct arena *a, const struct rms_term_group *g, bool existed,
		      const char *last_seq, const char *last_snapshot)
{
	const char *id = g->recs[0]->id;
	json_t *base = last_snapshot ? json_loads(last_snapshot, 0, NULL) : NULL;
	long long seq = last_seq ? atoll(last_seq) : 0;
	json_t *snap = rms_snapshot_merge(base, g->recs, g->n);
	int rc = 0;
	if (base && json_equal(base, snap)) {
		s->stats.terms_unchanged++;
	} else {
		struct buf changes;
		buf_init(&changes, a);
		if (base)
			rms_snapshot_diff(base, snap, &changes);
		else
			buf_puts(&changes, "created");
		char *text = json_dumps(snap, JSON_COMPACT | JSON_SORT_KEYS);
		s->stats.texts += rms_rows_add(s->rows, a, id, existed, snap, seq + 1, buf_str(&changes), text);
		free(text);
		if (base)
			s->stats.terms_changed++;
		else
			s->stats.terms_new++;
		if (rms_rows_bytes(s->rows) > BATCH_BYTES)
			rc = rms_rows_write(s->rows, s->db, s->source, s->request_id);
	}
	touch_list(s, rms_snap_str(snap, "list"));
	json_decref(base);
	json_decref(snap);
	return rc;
}

int rms_store_terms(struct rms_store *s, struct arena *a, const struct rms_term_group *terms, size_t n)
{
	if (n == 0)
		return 0;
	struct buf ids;
	buf_init(&ids, a);
	for (size_t i = 0; i < n; i++)
		buf_printf(&ids, "%c%s", i ? ',' : '[', terms[i].recs[0]->id);
	buf_putc(&ids, ']');
	struct db_rows last;
	if (begin(s) < 0 || db_query(s->db, a, &q_last_versions, &last, "s", buf_str(&ids)) < 0)
		return -1;
	int rc = 0;
	for (size_t i = 0, k = 0; rc == 0 && i < n; i++) {
		bool found = k < last.nrows && (size_t)atoll(db_get(&last, k, LAST_N)) == i + 1;
		rc = merge_term(s, a, &terms[i], found, found ? db_get(&last, k, LAST_SEQ) : NULL,
				found ? db_get(&last, k, LAST_SNAPSHOT) : NULL);
		k += found;
	}
	return rc == 0 ? rms_rows_write(s->rows, s->db, s->source, s->request_id) : -1;
}

int rms_store_term(struct rms_store *s, struct arena *a, const struct rms_term_in *const *recs, size_t n)
{
	struct rms_term_group g = {recs, n};
	return rms_store_terms(s, a, &g, 1);
}

/* What a list's pages show without counting its terms each time; and, as
 * every writer of a list's terms ends here, the workers' copies of the word
 * index are read again (words_near.h) and the pages they keep rendered
 * again (fragment.h).  One compound statement: one round trip. */
static struct db_sql q_list_done = DB_SQL(
	"BEGIN NOT ATOMIC UPDATE rms_lists SET "
	" term_count = (SELECT COUNT(*) FROM rms_terms WHERE list_id = ?),"
	" hierarchical = EXISTS (SELECT 1 FROM rms_terms WHERE list_id = ? AND parent_id IS NOT NULL),"
	" modified_at = GREATEST(COALESCE(modified_at, '1000-01-01'),"
	"   COALESCE((SELECT MAX(modified_at) FROM rms_terms WHERE list_id = ?), '1000-01-01')),"
	" languages = COALESCE((SELECT GROUP_CONCAT(DISTINCT n.lang ORDER BY n.lang) FROM rms_term_names n"
	"   JOIN rms_terms t ON t.id = n.term_id WHERE t.list_id = ?), ''),"
	" stats = JSON_OBJECT("
	"   'status', COALESCE((SELECT JSON_OBJECTAGG(status, c) FROM"
	"     (SELECT status, COUNT(*) c FROM rms_terms WHERE list_id = ? GROUP BY status) s), JSON_OBJECT()),"
	"   'domain', COALESCE((SELECT JSON_OBJECTAGG(d, c) FROM"
	"     (SELECT COALESCE(domain_id, 0) d, COUNT(*) c FROM rms_terms WHERE list_id = ? GROUP BY domain_id) s),"
	"     JSON_OBJECT()))"
	" WHERE id = ?; " WORDS_NEAR_TOUCH("rms_term_words") "; " FRAGMENT_DATA_CHANGED "; END");

int rms_store_list_stats(struct db *db, const char *id)
{
	return db_exec(db, &q_list_done, NULL, "sssssss", id, id, id, id, id, id, id) < 0 ? -1 : 0;
}

int rms_store_close(struct rms_store *s, bool ok, struct rms_store_stats *stats)
{
	int rc = 0;
	for (size_t i = 0; ok && rc == 0 && i < s->nlists; i++)
		rc = begin(s) < 0 ? -1 : rms_store_list_stats(s->db, s->lists[i]);
	if (s->in_tx && !s->callers_tx) {
		if (ok && rc == 0)
			rc = db_commit(s->db);
		else
			db_rollback(s->db);
	}
	if (stats)
		*stats = s->stats;
	rms_rows_free(s->rows);
	free(s);
	return ok ? rc : -1;
}
