/* OMS store: each changed organisation is deleted (its names, identifiers,
 * locations, merged IDs and words go with it) and written again from its
 * canonical record, each table in one statement that reads the record with
 * JSON_TABLE; then its history gets a version: the record, what changed
 * against the record it replaced, and what changed in each location. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/db.h"
#include "core/fragment.h"
#include "core/mem.h"
#include "core/words.h"
#include "core/words_near.h"
#include "oms/oms_record.h"
#include "oms/oms_store.h"

struct oms_store {
	struct db *db;
	const char *source, *file, *request_id; /* what each version says of its origin */
	bool failed;
	bool callers_tx; /* the transaction is the caller's to end */
	struct oms_store_stats stats;
};

#define NUM(col) "CAST(SUBSTRING(" col ", 5) AS UNSIGNED)"
#define WHEN(col) "STR_TO_DATE(" col ", '%Y-%m-%dT%H:%i:%sZ')"

static struct db_sql q_current = DB_SQL("SELECT record FROM oms_organisations WHERE id = ?");
enum { FOREIGN_LOC_ID, FOREIGN_ORG_ID, FOREIGN__COUNT };
static struct db_sql q_foreign_location = DB_SQL_COLS(FOREIGN__COUNT,
	"SELECT j.id, CONCAT('ORG-', LPAD(l.org_id, 9, '0')) FROM JSON_TABLE(?, '$.locations[*]' COLUMNS"
	" (id VARCHAR(13) PATH '$.id')) j JOIN oms_locations l ON l.id = " NUM("j.id") " WHERE l.org_id <> ? LIMIT 1");
static struct db_sql q_delete = DB_SQL("DELETE FROM oms_organisations WHERE id = ?");
static struct db_sql q_org = DB_SQL(
	"INSERT INTO oms_organisations (id, name, acronym, type, size, status, version_at, country_code, city,"
	" location_count, record, imported_at)"
	" SELECT ?, j.name, j.acronym, j.type, j.size, j.status, " WHEN("j.version") ", j.cc, j.city, JSON_LENGTH(?, '$.locations'), ?,"
	" UTC_TIMESTAMP() FROM JSON_TABLE(?, '$' COLUMNS (name VARCHAR(500) PATH '$.name',"
	" acronym VARCHAR(100) PATH '$.acronym', type VARCHAR(100) PATH '$.type', size VARCHAR(10) PATH '$.size',"
	" status VARCHAR(20) PATH '$.status', version VARCHAR(20) PATH '$.version',"
	" cc CHAR(2) PATH '$.locations[0].country_code', city VARCHAR(200) PATH '$.locations[0].city')) j");
static struct db_sql q_names = DB_SQL(
	"INSERT INTO oms_org_names (org_id, seq, lang, name) SELECT ?, j.seq, j.lang, j.name"
	" FROM JSON_TABLE(?, '$.alternative_names[*]' COLUMNS (seq FOR ORDINALITY,"
	" name VARCHAR(500) PATH '$.name', lang VARCHAR(10) PATH '$.lang')) j");
static struct db_sql q_identifiers = DB_SQL(
	"INSERT INTO oms_org_identifiers (org_id, seq, system, code, valid_from, valid_to)"
	" SELECT ?, j.seq, j.system, j.code, j.valid_from, j.valid_to"
	" FROM JSON_TABLE(?, '$.identifiers[*]' COLUMNS (seq FOR ORDINALITY, system VARCHAR(100) PATH '$.system',"
	" code VARCHAR(100) PATH '$.code', valid_from DATE PATH '$.valid_from', valid_to DATE PATH '$.valid_to')) j");
static struct db_sql q_locations = DB_SQL(
	"INSERT INTO oms_locations (id, org_id, seq, line1, line2, line3, line4, po_box, postal_code, city, county,"
	" region, country_code, country_name, latitude, longitude, lang, email, phone, status, version_at)"
	" SELECT " NUM("j.id") ", ?, j.seq, j.line1, j.line2, j.line3, j.line4, j.po_box, j.postal_code, j.city,"
	" j.county, j.region, j.cc, j.country, j.lat, j.lon, j.lang, j.email, j.phone, j.status, " WHEN("j.version")
	" FROM JSON_TABLE(?, '$.locations[*]' COLUMNS (seq FOR ORDINALITY, id VARCHAR(13) PATH '$.id',"
	" line1 VARCHAR(300) PATH '$.address[0]', line2 VARCHAR(300) PATH '$.address[1]',"
	" line3 VARCHAR(300) PATH '$.address[2]', line4 VARCHAR(300) PATH '$.address[3]',"
	" po_box VARCHAR(100) PATH '$.po_box', postal_code VARCHAR(40) PATH '$.postal_code',"
	" city VARCHAR(200) PATH '$.city', county VARCHAR(200) PATH '$.county', region VARCHAR(200) PATH '$.region',"
	" cc CHAR(2) PATH '$.country_code', country VARCHAR(200) PATH '$.country',"
	" lat DECIMAL(9,6) PATH '$.latitude', lon DECIMAL(9,6) PATH '$.longitude', lang VARCHAR(10) PATH '$.lang',"
	" email VARCHAR(254) PATH '$.email', phone VARCHAR(60) PATH '$.phone', status VARCHAR(20) PATH '$.status',"
	" version VARCHAR(20) PATH '$.version')) j");
/* Old IDs now pointing here; a later record that claims one takes it. */
static struct db_sql q_merged = DB_SQL(
	"INSERT INTO oms_merged (kind, old_id, new_id, org_id)"
	" SELECT 'ORG', " NUM("j.old") ", ?, ? FROM JSON_TABLE(?, '$.merged_ids[*]' COLUMNS (old VARCHAR(13) PATH '$')) j"
	" UNION ALL SELECT 'LOC', " NUM("j.old") ", " NUM("j.id") ", ?"
	" FROM JSON_TABLE(?, '$.locations[*]' COLUMNS (id VARCHAR(13) PATH '$.id',"
	" NESTED PATH '$.merged_ids[*]' COLUMNS (old VARCHAR(13) PATH '$'))) j WHERE j.old IS NOT NULL"
	" ON DUPLICATE KEY UPDATE new_id = VALUES(new_id), org_id = VALUES(org_id)");
static struct db_sql q_words = DB_SQL(
	"INSERT IGNORE INTO oms_org_words (wkey, org_id)"
	" SELECT WEIGHT_STRING(j.word COLLATE utf8mb4_unicode_520_ci), ?"
	" FROM JSON_TABLE(?, '$[*]' COLUMNS (word VARCHAR(64) CHARACTER SET utf8mb4 PATH '$')) j");

static struct db_sql q_stats = DB_SQL(
	"REPLACE INTO oms_stats (id, organisations, countries, types) SELECT 1, (SELECT COUNT(*) FROM oms_organisations),"
	" COALESCE((SELECT JSON_ARRAYAGG(c.country_code ORDER BY c.country_code)"
	"  FROM (SELECT DISTINCT country_code FROM oms_locations) c), '[]'),"
	" COALESCE((SELECT JSON_ARRAYAGG(t.type ORDER BY t.type)"
	"  FROM (SELECT DISTINCT type FROM oms_organisations WHERE type IS NOT NULL) t), '[]')");

struct oms_store *oms_store_open(struct db *db, const char *source, const char *file)
{
	struct oms_store *s = xcalloc(1, sizeof *s);
	s->db = db;
	s->source = source;
	s->file = file;
	s->failed = db_begin(db) < 0;
	return s;
}

struct oms_store *oms_store_for_request(struct db *db, const char *request_id)
{
	struct oms_store *s = xcalloc(1, sizeof *s);
	s->db = db;
	s->source = "request";
	s->request_id = request_id;
	s->callers_tx = true;
	return s;
}

/* Two values of a record are the same when equal, a missing one being null. */
static bool same_value(const json_t *a, const json_t *b)
{
	bool a_null = !a || json_is_null(a), b_null = !b || json_is_null(b);
	return a_null || b_null ? a_null && b_null : json_equal(a, b);
}

static void note(struct buf *out, const char *key)
{
	buf_printf(out, "%s%s", out->len ? ", " : "", key);
}

/* A record's fields but its ID and its locations (which have their own part). */
static bool compared(const char *key)
{
	return strcmp(key, "id") != 0 && strcmp(key, "locations") != 0;
}

/* The fields of `new` that differ from `old`'s ("name, status"), in the
 * record's order. */
static void differ(const json_t *old, const json_t *new, struct buf *out)
{
	const char *key;
	json_t *v;
	json_object_foreach((json_t *)new, key, v)
	{
		if (compared(key) && !same_value(v, json_object_get(old, key)))
			note(out, key);
	}
	json_object_foreach((json_t *)old, key, v)
	{
		if (compared(key) && !json_object_get(new, key) && !same_value(v, NULL))
			note(out, key);
	}
}

static void location_changed(json_t *out, const json_t *loc, const char *changes)
{
	json_array_append_new(out, json_pack("{s:O, s:s}", "id", json_object_get(loc, "id"), "changes", changes));
}

/* What changed in each location from `old` (NULL: a new organisation) to
 * `new`, as [{"id", "changes"}]: "created", "removed" or the fields. */
static json_t *locations_changed(struct arena *a, const json_t *old, const json_t *new)
{
	json_t *out = json_array();
	size_t i;
	json_t *loc;
	json_array_foreach(json_object_get(new, "locations"), i, loc)
	{
		const json_t *was = oms_record_location(old, json_string_value(json_object_get(loc, "id")));
		struct buf fields;
		buf_init(&fields, a);
		if (was)
			differ(was, loc, &fields);
		if (!was || fields.len)
			location_changed(out, loc, was ? buf_str(&fields) : "created");
	}
	json_array_foreach(json_object_get(old, "locations"), i, loc)
	{
		if (!oms_record_location(new, json_string_value(json_object_get(loc, "id"))))
			location_changed(out, loc, "removed");
	}
	return out;
}

/* The organisation's last version (versions outlive a deleted row). */
static struct db_sql q_last_seq = DB_SQL("SELECT COALESCE(MAX(seq), 0) FROM oms_org_versions WHERE org_id = ?");
static struct db_sql q_version = DB_SQL(
	"INSERT INTO oms_org_versions (org_id, seq, source, request_id, file, changes, record)"
	" VALUES (?, ?, ?, ?, ?, ?, ?)");
/* The locations' part of a version: a JSON array of {"id", "changes"}. */
static struct db_sql q_loc_versions = DB_SQL(
	"INSERT INTO oms_loc_versions (loc_id, org_id, seq, changes) SELECT " NUM("j.id") ", ?, ?, j.changes"
	" FROM JSON_TABLE(?, '$[*]' COLUMNS (id VARCHAR(13) PATH '$.id', changes VARCHAR(2000) PATH '$.changes')) j");

/* The version of organisation `id` that writing `record` made: what
 * changed against `old` (the record it replaced, or NULL), the record, and
 * the locations' part. */
static int record_version(struct oms_store *s, struct arena *a, long long id, const char *old_text,
			  const char *record, const json_t *org)
{
	json_t *old = old_text ? json_loads(old_text, 0, NULL) : NULL;
	json_t *locs = locations_changed(a, old, org);
	struct buf changes;
	buf_init(&changes, a);
	if (old)
		differ(old, org, &changes);
	if (old && json_array_size(locs))
		note(&changes, "locations");
	char *locs_text = json_dumps(locs, JSON_COMPACT);
	struct db_rows rows;
	int rc = db_query(s->db, a, &q_last_seq, &rows, "i", id);
	long long seq = rc == 0 && rows.nrows ? atoll(db_value(&rows, 0)) + 1 : 1;
	if (rc == 0 && (db_exec(s->db, &q_version, NULL, "iisssss", id, seq, s->source, s->request_id, s->file,
				old ? buf_str(&changes) : "created", record) < 0 ||
			db_exec(s->db, &q_loc_versions, NULL, "iis", id, seq, locs_text) < 0))
		rc = -1;
	free(locs_text);
	json_decref(locs);
	json_decref(old);
	return rc;
}

/* The words of the name, acronym and alternative names, as a JSON array. */
static char *words_of(const json_t *org)
{
	json_t *words = json_array();
	const char *texts[] = {json_string_value(json_object_get(org, "name")),
			       json_string_value(json_object_get(org, "acronym"))};
	for (size_t i = 0; i < 2; i++)
		words_collect(texts[i], words);
	size_t i;
	json_t *alt;
	json_array_foreach(json_object_get(org, "alternative_names"), i, alt)
		words_collect(json_string_value(json_object_get(alt, "name")), words);
	char *out = json_dumps(words, JSON_COMPACT);
	json_decref(words);
	return out;
}

static int write_org(struct oms_store *s, long long id, const char *record, const json_t *org)
{
	char *words = words_of(org);
	int rc = db_exec(s->db, &q_delete, NULL, "i", id) < 0 ||
		 db_exec(s->db, &q_org, NULL, "isss", id, record, record, record) < 0 ||
		 db_exec(s->db, &q_names, NULL, "is", id, record) < 0 ||
		 db_exec(s->db, &q_identifiers, NULL, "is", id, record) < 0 ||
		 db_exec(s->db, &q_locations, NULL, "is", id, record) < 0 ||
		 db_exec(s->db, &q_merged, NULL, "iisis", id, id, record, id, record) < 0 ||
		 db_exec(s->db, &q_words, NULL, "is", id, words) < 0;
	free(words);
	return rc ? -1 : 0;
}

/* Another organisation's location in this record: refused, with why. */
static int foreign_location(struct oms_store *s, struct arena *a, const char *record, long long id, char *why,
			    size_t n)
{
	struct db_rows rows;
	if (db_query(s->db, a, &q_foreign_location, &rows, "si", record, id) < 0)
		return -1;
	if (rows.nrows)
		snprintf(why, n, "location %s belongs to %s", db_get(&rows, 0, FOREIGN_LOC_ID),
			 db_get(&rows, 0, FOREIGN_ORG_ID));
	return rows.nrows ? 1 : 0;
}

int oms_store_org(struct oms_store *s, const json_t *org, char *why, size_t whysize)
{
	if (s->failed)
		return -1;
	long long id = atoll(json_string_value(json_object_get(org, "id")) + 4);
	char *record = json_dumps(org, JSON_COMPACT | JSON_PRESERVE_ORDER | JSON_REAL_PRECISION(10));
	struct arena *a = arena_new();
	struct db_rows rows;
	int rc = db_query(s->db, a, &q_current, &rows, "i", id);
	bool known = rc == 0 && rows.nrows, same = known && strcmp(db_value(&rows, 0), record) == 0;
	if (rc == 0 && same)
		s->stats.orgs_unchanged++;
	else if (rc == 0 && (rc = foreign_location(s, a, record, id, why, whysize)) == 0 &&
		 (rc = write_org(s, id, record, org)) == 0 &&
		 (rc = record_version(s, a, id, known ? db_value(&rows, 0) : NULL, record, org)) == 0) {
		known ? s->stats.orgs_changed++ : s->stats.orgs_new++;
		s->stats.locations += json_array_size(json_object_get(org, "locations"));
	}
	free(record);
	arena_free(a);
	s->failed = rc < 0;
	return rc;
}

int oms_store_checkpoint(struct oms_store *s)
{
	if (s->failed || s->callers_tx || db_commit(s->db) < 0 || db_begin(s->db) < 0)
		return s->failed = true, -1;
	return 0;
}

/* The workers' copies of the word index are read again (words_near.h). */
static struct db_sql q_words_touch = DB_SQL(WORDS_NEAR_TOUCH("oms_org_words"));
/* And the pages the workers keep are rendered again (fragment.h). */
static struct db_sql q_data_changed = DB_SQL(FRAGMENT_DATA_CHANGED);

int oms_store_close(struct oms_store *s, bool ok, struct oms_store_stats *stats)
{
	bool done = ok && !s->failed && db_exec(s->db, &q_stats, NULL, "") == 0 &&
		    db_exec(s->db, &q_words_touch, NULL, "") == 0 && db_exec(s->db, &q_data_changed, NULL, "") == 0;
	int rc = s->callers_tx ? (done ? 0 : -1) : done ? db_commit(s->db) : (db_rollback(s->db), -1);
	if (stats)
		*stats = s->stats;
	free(s);
	return rc;
}
