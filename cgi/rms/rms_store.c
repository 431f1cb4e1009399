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
#include "core/words.h"
#include "core/words_near.h"
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
	char lists[LISTS_MAX][13];
	size_t nlists;
};

struct rms_store *rms_store_open(struct db *db, const char *source)
{
	struct rms_store *s = xcalloc(1, sizeof *s);
	s->db = db;
	s->source = source;
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

static const char *s_or_null(const json_t *o, const char *key)
{
	return rms_snap_str(o, key);
}

static const char *bool_str(const json_t *v)
{
	return json_is_true(v) ? "1" : json_is_false(v) ? "0" : NULL;
}

static const char *int_str(struct arena *a, const json_t *v)
{
	return json_is_integer(v) ? arena_printf(a, "%lld", (long long)json_integer_value(v)) : NULL;
}

/* Rows (a JSON array) into q's table for term `id`; none, no statement. */
static int insert_rows(struct rms_store *s, struct db_sql *q, const char *id, const json_t *rows)
{
	if (!json_array_size(rows))
		return 0;
	char *text = json_dumps(rows, JSON_COMPACT);
	int rc = text ? db_exec(s->db, q, NULL, "ss", id, text) : -1;
	free(text);
	return rc;
}

/* One row's object: `key` = value for each non-NULL value of `keys`. */
static json_t *row_of(const char *const *keys, const char *const *values, size_t n)
{
	json_t *o = json_object();
	for (size_t i = 0; i < n; i++)
		if (values[i])
			json_object_set_new(o, keys[i], json_string(values[i]));
	return o;
}

/* Each of a term's tables is written in one statement that reads its rows
 * from a JSON array (JSON_TABLE), not one statement a row: a list's first
 * import writes thousands of texts.  A row's absent values are left out of
 * its object, which reads as NULL.  Text columns are read as TEXT, so that
 * the table's own column checks a value's length as it would a bound one. */
#define TEXT_COL(name, key) name " TEXT CHARACTER SET utf8mb4 PATH '$." key "'"
#define TEXT_COLS TEXT_COL("lang", "lang") ", " TEXT_COL("value", "value") ", " TEXT_COL("st", "status") ", " \
	TEXT_COL("on_", "modified_at") ", " TEXT_COL("by_", "modified_by")

static struct db_sql q_names_clear = DB_SQL("DELETE FROM rms_term_names WHERE term_id = ?");
static struct db_sql q_names_insert =
	DB_SQL("INSERT INTO rms_term_names (term_id, lang, kind, value, tr_status, modified_at, modified_by)"
	       " SELECT ?, j.lang, j.kind, j.value, j.st, j.on_, j.by_ FROM JSON_TABLE(?, '$[*]' COLUMNS ("
	       TEXT_COLS ", " TEXT_COL("kind", "kind") ")) j");
static struct db_sql q_words_clear = DB_SQL("DELETE FROM rms_term_words WHERE term_id = ?");
/* All the words of a term's names at once: a JSON array of them. */
static struct db_sql q_words_insert = DB_SQL(
	"INSERT IGNORE INTO rms_term_words (wkey, term_id)"
	" SELECT WEIGHT_STRING(j.word COLLATE utf8mb4_unicode_520_ci), ?"
	" FROM JSON_TABLE(?, '$[*]' COLUMNS (word VARCHAR(64) CHARACTER SET utf8mb4 PATH '$')) j");
static struct db_sql q_descs_clear = DB_SQL("DELETE FROM rms_term_descriptions WHERE term_id = ?");
static struct db_sql q_descs_insert =
	DB_SQL("INSERT INTO rms_term_descriptions (term_id, lang, value, tr_status, modified_at, modified_by)"
	       " SELECT ?, j.lang, j.value, j.st, j.on_, j.by_ FROM JSON_TABLE(?, '$[*]' COLUMNS (" TEXT_COLS ")) j");

static int write_texts(struct rms_store *s, const char *id, const json_t *snap)
{
	if (db_exec(s->db, &q_names_clear, NULL, "s", id) < 0 || db_exec(s->db, &q_descs_clear, NULL, "s", id) < 0 ||
	    db_exec(s->db, &q_words_clear, NULL, "s", id) < 0)
		return -1;
	static const char *const keys[] = {"lang", "value", "status", "modified_at", "modified_by", "kind"};
	json_t *names = json_array(), *descs = json_array(), *words = json_array();
	const char *lang;
	json_t *l;
	json_object_foreach(json_object_get(snap, "texts"), lang, l)
	{
		for (int k = 0; k < RMS_KINDS; k++) {
			json_t *t = json_object_get(l, rms_kind_names[k]);
			if (!t)
				continue;
			const char *values[] = {lang, s_or_null(t, "value"), s_or_null(t, "status"),
						s_or_null(t, "modified_at"), s_or_null(t, "modified_by"), rms_kind_names[k]};
			bool desc = k == RMS_DESCRIPTION;
			json_array_append_new(desc ? descs : names, row_of(keys, values, desc ? 5 : 6));
			if (!desc && values[1])
				words_collect(values[1], words);
			s->stats.texts++;
		}
	}
	int rc = insert_rows(s, &q_names_insert, id, names) < 0 || insert_rows(s, &q_descs_insert, id, descs) < 0 ||
			 insert_rows(s, &q_words_insert, id, words) < 0
		 ? -1
		 : 0;
	json_decref(names);
	json_decref(descs);
	json_decref(words);
	return rc;
}

static struct db_sql q_maps_clear = DB_SQL("DELETE FROM rms_term_mappings WHERE term_id = ?");
static struct db_sql q_maps_insert = DB_SQL(
	"INSERT INTO rms_term_mappings (term_id, position, source_id, source_term_id, source_name, is_main,"
	" source_version, source_status) SELECT ?, j.n - 1, j.source, j.code, j.name, j.main, j.version, j.status"
	" FROM JSON_TABLE(?, '$[*]' COLUMNS (n FOR ORDINALITY, " TEXT_COL("source", "source") ", "
	TEXT_COL("code", "code") ", " TEXT_COL("name", "name") ", " TEXT_COL("main", "main") ", "
	TEXT_COL("version", "version") ", " TEXT_COL("status", "status") ")) j");
static struct db_sql q_countries_clear = DB_SQL("DELETE FROM rms_term_countries WHERE term_id = ?");
static struct db_sql q_countries_insert =
	DB_SQL("INSERT IGNORE INTO rms_term_countries (term_id, country_id)"
	       " SELECT ?, j.c FROM JSON_TABLE(?, '$[*]' COLUMNS (c TEXT CHARACTER SET utf8mb4 PATH '$')) j");
static struct db_sql q_attrs_clear = DB_SQL("DELETE FROM rms_term_attributes WHERE term_id = ?");
static struct db_sql q_attrs_insert = DB_SQL(
	"INSERT INTO rms_term_attributes (term_id, position, name, value) SELECT ?, j.n - 1, j.name, j.value"
	" FROM JSON_TABLE(?, '$[*]' COLUMNS (n FOR ORDINALITY, " TEXT_COL("name", "name") ", "
	TEXT_COL("value", "value") ")) j");

static int write_lists(struct rms_store *s, const char *id, const json_t *snap)
{
	if (db_exec(s->db, &q_maps_clear, NULL, "s", id) < 0 || db_exec(s->db, &q_countries_clear, NULL, "s", id) < 0 ||
	    db_exec(s->db, &q_attrs_clear, NULL, "s", id) < 0)
		return -1;
	static const char *const keys[] = {"source", "code", "name", "main", "version", "status"},
				 *const attr_keys[] = {"name", "value"};
	json_t *maps = json_array(), *attrs = json_array();
	size_t i;
	json_t *v;
	json_array_foreach(json_object_get(snap, "mappings"), i, v)
	{
		const char *values[] = {s_or_null(v, "source"), s_or_null(v, "code"), s_or_null(v, "name"),
					bool_str(json_object_get(v, "main")), s_or_null(v, "version"), s_or_null(v, "status")};
		json_array_append_new(maps, row_of(keys, values, 6));
	}
	json_array_foreach(json_object_get(snap, "attributes"), i, v)
	{
		const char *values[] = {s_or_null(v, "name"), s_or_null(v, "value")};
		json_array_append_new(attrs, row_of(attr_keys, values, 2));
	}
	/* The snapshot's countries are already such rows: strings. */
	int rc = insert_rows(s, &q_maps_insert, id, maps) < 0 ||
			 insert_rows(s, &q_countries_insert, id, json_object_get(snap, "countries")) < 0 ||
			 insert_rows(s, &q_attrs_insert, id, attrs) < 0
		 ? -1
		 : 0;
	json_decref(maps);
	json_decref(attrs);
	return rc;
}

static struct db_sql q_term_upsert = DB_SQL(
	"INSERT INTO rms_terms (id, list_id, status, domain_id, parent_id, current_term_id, level_short,"
	" level_name, name_en, comments, user_tags, visibility, version, version_date, is_major,"
	" status_changed_at, created_at, created_by, modified_at, modified_by, seq)"
	" VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
	" ON DUPLICATE KEY UPDATE list_id = VALUE(list_id), status = VALUE(status), domain_id = VALUE(domain_id),"
	" parent_id = VALUE(parent_id), current_term_id = VALUE(current_term_id),"
	" level_short = VALUE(level_short), level_name = VALUE(level_name), name_en = VALUE(name_en),"
	" comments = VALUE(comments), user_tags = VALUE(user_tags), visibility = VALUE(visibility),"
	" version = VALUE(version), version_date = VALUE(version_date), is_major = VALUE(is_major),"
	" status_changed_at = VALUE(status_changed_at), created_at = VALUE(created_at),"
	" created_by = VALUE(created_by), modified_at = VALUE(modified_at), modified_by = VALUE(modified_by),"
	" seq = VALUE(seq)");

static int write_term(struct rms_store *s, struct arena *a, const char *id, const json_t *snap, long long seq)
{
	json_t *level = json_object_get(snap, "level"), *created = json_object_get(snap, "created"),
	       *modified = json_object_get(snap, "modified");
	if (db_exec(s->db, &q_term_upsert, NULL, "ssssssssssssssssssssi", id, s_or_null(snap, "list"),
		    s_or_null(snap, "status"), s_or_null(snap, "domain"), s_or_null(snap, "parent"),
		    s_or_null(snap, "replaced_by"), s_or_null(level, "short"), s_or_null(level, "name"),
		    rms_snapshot_name_en(snap), s_or_null(snap, "comments"), s_or_null(snap, "tags"),
		    s_or_null(snap, "visibility"), int_str(a, json_object_get(snap, "version")),
		    s_or_null(snap, "version_date"), bool_str(json_object_get(snap, "major")),
		    s_or_null(snap, "status_changed_at"), s_or_null(created, "at"), s_or_null(created, "by"),
		    s_or_null(modified, "at"), s_or_null(modified, "by"), seq) < 0)
		return -1;
	return write_texts(s, id, snap) < 0 || write_lists(s, id, snap) < 0 ? -1 : 0;
}

enum { LAST_SEQ, LAST_SNAPSHOT, LAST__COUNT };
static struct db_sql q_last_version = DB_SQL_COLS(
	LAST__COUNT, "SELECT seq, snapshot FROM rms_term_versions WHERE term_id = ? ORDER BY seq DESC LIMIT 1");
static struct db_sql q_version_insert =
	DB_SQL("INSERT INTO rms_term_versions (term_id, seq, version, recorded_at, version_date, source, request_id,"
	       " changes, snapshot) VALUES (?, ?, ?, UTC_TIMESTAMP(), ?, ?, ?, ?, ?)");

int rms_store_term(struct rms_store *s, struct arena *a, const struct rms_term_in *const *recs, size_t n)
{
	const char *id = recs[0]->id;
	struct db_rows rows;
	if (begin(s) < 0 || db_query(s->db, a, &q_last_version, &rows, "s", id) < 0)
		return -1;
	json_t *base = NULL;
	long long seq = 0;
	if (rows.nrows) {
		seq = atoll(db_get(&rows, 0, LAST_SEQ));
		base = json_loads(db_get(&rows, 0, LAST_SNAPSHOT), 0, NULL);
	}
	json_t *snap = rms_snapshot_merge(base, recs, n);
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
		rc = write_term(s, a, id, snap, seq + 1);
		if (rc == 0)
			rc = db_exec(s->db, &q_version_insert, NULL, "sissssss", id, seq + 1,
				     int_str(a, json_object_get(snap, "version")), s_or_null(snap, "version_date"),
				     s->source, s->request_id, buf_str(&changes), text);
		free(text);
		if (base)
			s->stats.terms_changed++;
		else
			s->stats.terms_new++;
	}
	touch_list(s, rms_snap_str(snap, "list"));
	json_decref(base);
	json_decref(snap);
	return rc;
}

/* What a list's pages show without counting its terms each time. */
static struct db_sql q_list_counts = DB_SQL(
	"UPDATE rms_lists SET "
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
	" WHERE id = ?");

/* Every writer of a list's terms ends here: the workers' copies of the
 * word index are read again (words_near.h). */
static struct db_sql q_words_touch = DB_SQL(WORDS_NEAR_TOUCH("rms_term_words"));
/* And the pages the workers keep are rendered again (fragment.h). */
static struct db_sql q_data_changed = DB_SQL(FRAGMENT_DATA_CHANGED);

int rms_store_list_stats(struct db *db, const char *id)
{
	return db_exec(db, &q_list_counts, NULL, "sssssss", id, id, id, id, id, id, id) < 0 ||
			       db_exec(db, &q_words_touch, NULL, "") < 0 || db_exec(db, &q_data_changed, NULL, "") < 0
		       ? -1
		       : 0;
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
	free(s);
	return ok ? rc : -1;
}
