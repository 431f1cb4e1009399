/* A batch of terms' rows, written table by table (rms_rows.h).  Each
 * table's rows are a JSON array of objects written straight into a buffer
 * of its own (no tree of JSON values built and printed again), each row
 * naming its term; a row's absent values are left out of its object, which
 * reads as NULL.  The word index, the most rows by far, takes one object
 * per term holding its words (the term named once), and a version its
 * snapshot as the JSON object it is (not a string of it, escaped here and
 * unescaped by the server). */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/db.h"
#include "core/mem.h"
#include "core/words.h"
#include "rms/rms_rows.h"
#include "rms/rms_snapshot.h"

/* A growing JSON array in memory of its own, kept from batch to batch. */
struct jarr {
	char *p;
	size_t len, cap;
	size_t rows;
};

/* T_FEED: each version's term and seq again, for the change feed (a few
 * bytes a term, where the versions' rows carry their snapshots). */
enum { T_TERMS, T_NAMES, T_DESCS, T_WORDS, T_MAPS, T_COUNTRIES, T_ATTRS, T_VERSIONS, T_FEED, T__COUNT };

/* The words a term's names gave so far, ASCII letters folded to lower
 * case: a word that differs from one of them only so has the same key in
 * the index, and the server need not be sent it to drop it.  Entries of
 * an older generation are free. */
struct word_seen {
	unsigned gen;
	unsigned char len;
	char word[WORDS_LONGEST];
};
struct words_seen {
	struct word_seen *slot;
	size_t cap, n; /* cap a power of two */
	unsigned gen;
};

struct rms_rows {
	struct jarr ids;	  /* the terms written that existed: their rows are replaced */
	struct jarr t[T__COUNT]; /* each table's rows */
	struct words_seen seen;  /* the words of the term being added */
};

static void put(struct jarr *j, const char *s, size_t n)
{
	if (j->cap - j->len <= n) {
		size_t cap = j->cap ? j->cap : 4096;
		while (cap - j->len <= n)
			cap *= 2;
		j->p = xrealloc(j->p, cap);
		j->cap = cap;
	}
	memcpy(j->p + j->len, s, n);
	j->len += n;
	j->p[j->len] = '\0';
}

/* A JSON string: quotes, backslashes and control characters escaped; the
 * rest (UTF-8 included) as it is. */
static void put_string(struct jarr *j, const char *s)
{
	put(j, "\"", 1);
	const char *run = s;
	for (; *s; s++) {
		unsigned char c = (unsigned char)*s;
		if (c >= 0x20 && c != '"' && c != '\\')
			continue;
		put(j, run, (size_t)(s - run));
		char esc[8];
		int n = c == '"' || c == '\\' ? snprintf(esc, sizeof esc, "\\%c", c) : snprintf(esc, sizeof esc, "\\u%04x", c);
		put(j, esc, (size_t)n);
		run = s + 1;
	}
	put(j, run, (size_t)(s - run));
	put(j, "\"", 1);
}

/* A row's object begins: `{"term":"ID"`; each value adds `,"key":value`. */
static void row_begin(struct jarr *j, const char *id)
{
	put(j, j->rows++ ? ",{\"term\":" : "[{\"term\":", 9);
	put_string(j, id);
}

static void row_end(struct jarr *j)
{
	put(j, "}", 1);
}

static void key(struct jarr *j, const char *k)
{
	put(j, ",\"", 2);
	put(j, k, strlen(k));
	put(j, "\":", 2);
}

static void val_str(struct jarr *j, const char *k, const char *v)
{
	if (!v)
		return;
	key(j, k);
	put_string(j, v);
}

/* A value that is JSON text already. */
static void val_json(struct jarr *j, const char *k, const char *v)
{
	key(j, k);
	put(j, v, strlen(v));
}

static void val_int(struct jarr *j, const char *k, long long v)
{
	char n[24];
	key(j, k);
	put(j, n, (size_t)snprintf(n, sizeof n, "%lld", v));
}

/* The array's text, or NULL when it holds no row. */
static const char *text_of(struct jarr *j)
{
	if (!j->rows)
		return NULL;
	put(j, "]", 1);
	return j->p;
}

static void clear(struct jarr *j)
{
	j->len = j->rows = 0;
}

struct rms_rows *rms_rows_new(void)
{
	return xcalloc(1, sizeof(struct rms_rows));
}

void rms_rows_free(struct rms_rows *r)
{
	if (!r)
		return;
	free(r->ids.p);
	free(r->seen.slot);
	for (int t = 0; t < T__COUNT; t++)
		free(r->t[t].p);
	free(r);
}

/* Every array goes in the one statement's packet: their sum counts. */
size_t rms_rows_bytes(const struct rms_rows *r)
{
	size_t n = r->ids.len * 6;
	for (int t = 0; t < T__COUNT; t++)
		n += r->t[t].len;
	return n;
}

static const char *bool_str(const json_t *v)
{
	return json_is_true(v) ? "1" : json_is_false(v) ? "0" : NULL;
}

static const char *int_str(struct arena *a, const json_t *v)
{
	return json_is_integer(v) ? arena_printf(a, "%lld", (long long)json_integer_value(v)) : NULL;
}

static void add_term(struct rms_rows *r, struct arena *a, const char *id, const json_t *snap, long long seq)
{
	/* The snapshot's own strings, under the same keys. */
	static const char *const plain[] = {"list",	  "status",	  "domain",	    "parent",
					    "replaced_by", "comments",	  "tags",	    "visibility",
					    "version_date", "status_changed_at", NULL};
	const json_t *level = json_object_get(snap, "level"), *created = json_object_get(snap, "created"),
		     *modified = json_object_get(snap, "modified");
	struct jarr *j = &r->t[T_TERMS];
	row_begin(j, id);
	for (size_t i = 0; plain[i]; i++)
		val_str(j, plain[i], rms_snap_str(snap, plain[i]));
	val_str(j, "level_short", rms_snap_str(level, "short"));
	val_str(j, "level_name", rms_snap_str(level, "name"));
	val_str(j, "name_en", rms_snapshot_name_en(snap));
	val_str(j, "version", int_str(a, json_object_get(snap, "version")));
	val_str(j, "major", bool_str(json_object_get(snap, "major")));
	val_str(j, "created_at", rms_snap_str(created, "at"));
	val_str(j, "created_by", rms_snap_str(created, "by"));
	val_str(j, "modified_at", rms_snap_str(modified, "at"));
	val_str(j, "modified_by", rms_snap_str(modified, "by"));
	val_int(j, "seq", seq);
	row_end(j);
}

static size_t seen_hash(const char *w, size_t len)
{
	size_t h = 2166136261u;
	for (size_t i = 0; i < len; i++)
		h = (h ^ (unsigned char)w[i]) * 16777619u;
	return h;
}

/* Whether the term already gave `w` (folded); if not, it is noted. */
static bool seen_before(struct words_seen *s, const char *w, size_t len)
{
	if ((s->n + 1) * 2 > s->cap) {
		struct words_seen bigger = {xcalloc(s->cap ? s->cap * 2 : 256, sizeof *s->slot),
					    s->cap ? s->cap * 2 : 256, 0, 1};
		for (size_t i = 0; i < s->cap; i++)
			if (s->slot[i].gen == s->gen)
				seen_before(&bigger, s->slot[i].word, s->slot[i].len);
		free(s->slot);
		*s = bigger;
	}
	size_t i = seen_hash(w, len) & (s->cap - 1);
	for (; s->slot[i].gen == s->gen; i = (i + 1) & (s->cap - 1))
		if (s->slot[i].len == len && memcmp(s->slot[i].word, w, len) == 0)
			return true;
	s->slot[i].gen = s->gen;
	s->slot[i].len = (unsigned char)len;
	memcpy(s->slot[i].word, w, len);
	s->n++;
	return false;
}

/* A term's words: `{"term":"ID","words":["word",...]}`, begun at its
 * first word. */
struct words_of {
	struct rms_rows *r;
	const char *id;
	bool any;
};

static void add_word(void *ctx, const char *word, size_t len)
{
	struct words_of *w = ctx;
	char copy[WORDS_LONGEST + 1], folded[WORDS_LONGEST];
	for (size_t i = 0; i < len; i++)
		folded[i] = word[i] >= 'A' && word[i] <= 'Z' ? (char)(word[i] - 'A' + 'a') : word[i];
	if (seen_before(&w->r->seen, folded, len))
		return;
	memcpy(copy, word, len);
	copy[len] = '\0';
	struct jarr *j = &w->r->t[T_WORDS];
	if (!w->any) {
		row_begin(j, w->id);
		put(j, ",\"words\":[", 10);
		w->any = true;
	} else {
		put(j, ",", 1);
	}
	put_string(j, copy);
}

static size_t add_texts(struct rms_rows *r, const char *id, const json_t *snap)
{
	size_t texts = 0;
	const char *lang;
	json_t *l;
	struct words_of words = {r, id, false};
	if (++r->seen.gen == 0) { /* a new term: every word is new */
		memset(r->seen.slot, 0, r->seen.cap * sizeof *r->seen.slot);
		r->seen.gen = 1;
	}
	r->seen.n = 0;
	json_object_foreach(json_object_get(snap, "texts"), lang, l)
	{
		for (int k = 0; k < RMS_KINDS; k++) {
			json_t *t = json_object_get(l, rms_kind_names[k]);
			if (!t)
				continue;
			bool desc = k == RMS_DESCRIPTION;
			struct jarr *j = &r->t[desc ? T_DESCS : T_NAMES];
			const char *value = rms_snap_str(t, "value");
			row_begin(j, id);
			val_str(j, "lang", lang);
			val_str(j, "value", value);
			val_str(j, "status", rms_snap_str(t, "status"));
			val_str(j, "modified_at", rms_snap_str(t, "modified_at"));
			val_str(j, "modified_by", rms_snap_str(t, "modified_by"));
			if (!desc)
				val_str(j, "kind", rms_kind_names[k]);
			row_end(j);
			if (!desc && value)
				words_each(value, add_word, &words);
			texts++;
		}
	}
	if (words.any)
		put(&r->t[T_WORDS], "]}", 2);
	return texts;
}

static void add_lists(struct rms_rows *r, const char *id, const json_t *snap)
{
	size_t i;
	json_t *v;
	struct jarr *j = &r->t[T_MAPS];
	json_array_foreach(json_object_get(snap, "mappings"), i, v)
	{
		row_begin(j, id);
		val_int(j, "position", (long long)i);
		val_str(j, "source", rms_snap_str(v, "source"));
		val_str(j, "code", rms_snap_str(v, "code"));
		val_str(j, "name", rms_snap_str(v, "name"));
		val_str(j, "main", bool_str(json_object_get(v, "main")));
		val_str(j, "version", rms_snap_str(v, "version"));
		val_str(j, "status", rms_snap_str(v, "status"));
		row_end(j);
	}
	j = &r->t[T_COUNTRIES];
	json_array_foreach(json_object_get(snap, "countries"), i, v)
	{
		row_begin(j, id);
		val_str(j, "country", json_string_value(v));
		row_end(j);
	}
	j = &r->t[T_ATTRS];
	json_array_foreach(json_object_get(snap, "attributes"), i, v)
	{
		row_begin(j, id);
		val_int(j, "position", (long long)i);
		val_str(j, "name", rms_snap_str(v, "name"));
		val_str(j, "value", rms_snap_str(v, "value"));
		row_end(j);
	}
}

size_t rms_rows_add(struct rms_rows *r, struct arena *a, const char *id, bool existed, const json_t *snap,
		    long long seq, const char *changes, const char *text)
{
	if (existed) {
		put(&r->ids, r->ids.rows++ ? "," : "[", 1);
		put(&r->ids, id, strlen(id));
	}
	add_term(r, a, id, snap, seq);
	size_t texts = add_texts(r, id, snap);
	add_lists(r, id, snap);
	struct jarr *j = &r->t[T_VERSIONS];
	row_begin(j, id);
	val_int(j, "seq", seq);
	val_str(j, "version", int_str(a, json_object_get(snap, "version")));
	val_str(j, "version_date", rms_snap_str(snap, "version_date"));
	val_str(j, "changes", changes);
	val_json(j, "snapshot", text);
	row_end(j);
	row_begin(&r->t[T_FEED], id);
	val_int(&r->t[T_FEED], "seq", seq);
	row_end(&r->t[T_FEED]);
	return texts;
}

/* Values are read as TEXT, so that the table's own column checks a value's
 * length and converts it as it would a bound one. */
#define TEXT_COL(name, key) name " TEXT CHARACTER SET utf8mb4 PATH '$." key "'"
#define ROWS(cols) " FROM JSON_TABLE(?, '$[*]' COLUMNS (" TEXT_COL("term", "term") ", " cols ")) j"
#define TEXT_COLS TEXT_COL("lang", "lang") ", " TEXT_COL("value", "value") ", " TEXT_COL("st", "status") ", " \
	TEXT_COL("on_", "modified_at") ", " TEXT_COL("by_", "modified_by")

/* The term's own row, written over when it exists. */
#define SQL_TERMS                                                                                                  \
	"INSERT INTO rms_terms (id, list_id, status, domain_id, parent_id, current_term_id, level_short,"            \
	" level_name, name_en, comments, user_tags, visibility, version, version_date, is_major,"                    \
	" status_changed_at, created_at, created_by, modified_at, modified_by, seq)"                                 \
	" SELECT j.term, j.list, j.status, j.domain, j.parent, j.replaced_by, j.level_short, j.level_name, j.name_en," \
	" j.comments, j.tags, j.visibility, j.version, j.version_date, j.major, j.status_changed_at, j.created_at,"   \
	" j.created_by, j.modified_at, j.modified_by, j.seq" ROWS(                                                    \
		TEXT_COL("list", "list") ", " TEXT_COL("status", "status") ", " TEXT_COL("domain", "domain") ", "     \
		TEXT_COL("parent", "parent") ", " TEXT_COL("replaced_by", "replaced_by") ", "                       \
		TEXT_COL("level_short", "level_short") ", " TEXT_COL("level_name", "level_name") ", "               \
		TEXT_COL("name_en", "name_en") ", " TEXT_COL("comments", "comments") ", " TEXT_COL("tags", "tags") ", " \
		TEXT_COL("visibility", "visibility") ", " TEXT_COL("version", "version") ", "                       \
		TEXT_COL("version_date", "version_date") ", " TEXT_COL("major", "major") ", "                       \
		TEXT_COL("status_changed_at", "status_changed_at") ", " TEXT_COL("created_at", "created_at") ", "   \
		TEXT_COL("created_by", "created_by") ", " TEXT_COL("modified_at", "modified_at") ", "               \
		TEXT_COL("modified_by", "modified_by") ", seq BIGINT PATH '$.seq'")                                   \
	" ON DUPLICATE KEY UPDATE list_id = VALUE(list_id), status = VALUE(status), domain_id = VALUE(domain_id),"    \
	" parent_id = VALUE(parent_id), current_term_id = VALUE(current_term_id),"                                   \
	" level_short = VALUE(level_short), level_name = VALUE(level_name), name_en = VALUE(name_en),"              \
	" comments = VALUE(comments), user_tags = VALUE(user_tags), visibility = VALUE(visibility),"                \
	" version = VALUE(version), version_date = VALUE(version_date), is_major = VALUE(is_major),"                \
	" status_changed_at = VALUE(status_changed_at), created_at = VALUE(created_at),"                             \
	" created_by = VALUE(created_by), modified_at = VALUE(modified_at), modified_by = VALUE(modified_by),"      \
	" seq = VALUE(seq);"

/* The rows of the terms that existed, removed from a table. */
#define SQL_CLEAR(table)                                                                                           \
	" DELETE t FROM " table " t JOIN JSON_TABLE(?, '$[*]' COLUMNS (id BIGINT UNSIGNED PATH '$')) j"             \
	" ON t.term_id = j.id;"
#define SQL_NAMES                                                                                                  \
	" INSERT INTO rms_term_names (term_id, lang, kind, value, tr_status, modified_at, modified_by)"              \
	" SELECT j.term, j.lang, j.kind, j.value, j.st, j.on_, j.by_" ROWS(TEXT_COLS ", " TEXT_COL("kind", "kind")) ";"
#define SQL_DESCS                                                                                                  \
	" INSERT INTO rms_term_descriptions (term_id, lang, value, tr_status, modified_at, modified_by)"             \
	" SELECT j.term, j.lang, j.value, j.st, j.on_, j.by_" ROWS(TEXT_COLS) ";"
/* Every word of the names, by its collation weight (once per term). */
#define SQL_WORDS                                                                                                  \
	" INSERT IGNORE INTO rms_term_words (wkey, term_id)"                                                         \
	" SELECT WEIGHT_STRING(j.word COLLATE utf8mb4_unicode_520_ci), j.term" ROWS(                                  \
		"NESTED PATH '$.words[*]' COLUMNS (word VARCHAR(64) CHARACTER SET utf8mb4 PATH '$')") ";"
#define SQL_MAPS                                                                                                   \
	" INSERT INTO rms_term_mappings (term_id, position, source_id, source_term_id, source_name, is_main,"         \
	" source_version, source_status) SELECT j.term, j.n, j.source, j.code, j.name, j.main, j.version, j.status"  \
	ROWS("n INT PATH '$.position', " TEXT_COL("source", "source") ", " TEXT_COL("code", "code") ", "              \
	     TEXT_COL("name", "name") ", " TEXT_COL("main", "main") ", " TEXT_COL("version", "version") ", "          \
	     TEXT_COL("status", "status")) ";"
#define SQL_COUNTRIES                                                                                              \
	" INSERT IGNORE INTO rms_term_countries (term_id, country_id) SELECT j.term, j.c" ROWS(                       \
		TEXT_COL("c", "country")) ";"
#define SQL_ATTRS                                                                                                  \
	" INSERT INTO rms_term_attributes (term_id, position, name, value) SELECT j.term, j.n, j.name, j.value"      \
	ROWS("n INT PATH '$.position', " TEXT_COL("name", "name") ", " TEXT_COL("value", "value")) ";"
/* Arguments: source, request, rows.  The snapshot comes as the JSON text
 * it was written in, byte for byte. */
#define SQL_VERSIONS                                                                                               \
	" INSERT INTO rms_term_versions (term_id, seq, version, recorded_at, version_date, source, request_id,"       \
	" changes, snapshot) SELECT j.term, j.seq, j.version, UTC_TIMESTAMP(), j.version_date, ?, ?, j.changes,"    \
	" j.snapshot" ROWS("seq BIGINT PATH '$.seq', " TEXT_COL("version", "version") ", "                            \
			   TEXT_COL("version_date", "version_date") ", " TEXT_COL("changes", "changes") ", "           \
			   "snapshot JSON PATH '$.snapshot'") ";"

/* The versions enter the change feed in one statement, not one trigger
 * call each (migration 0032): the trigger skips them while
 * @spor_feed_batch is set, change_feed_terms copies them in their order
 * (argument: T_FEED's rows).  The handler clears the variable when any
 * statement fails, and passes the error on. */
#define SQL_FEED_HANDLER " DECLARE EXIT HANDLER FOR SQLEXCEPTION BEGIN SET @spor_feed_batch = NULL; RESIGNAL; END;"
#define SQL_VERSIONS_FED                                                                                           \
	" SET @spor_feed_batch = 1;" SQL_VERSIONS " SET @spor_feed_batch = NULL; CALL change_feed_terms(?);"

/* A batch in one statement, one round trip however many tables: its
 * statements in order, each reading its own argument (a table's rows, or
 * the IDs of the terms whose rows are replaced); a NULL array is no rows.
 * An error in any of them is the statement's, and the import's
 * transaction is rolled back whole. */
static struct db_sql q_write = DB_SQL(
	"BEGIN NOT ATOMIC" SQL_FEED_HANDLER SQL_TERMS SQL_CLEAR("rms_term_names") SQL_CLEAR("rms_term_descriptions")
	SQL_CLEAR("rms_term_words") SQL_CLEAR("rms_term_mappings") SQL_CLEAR("rms_term_countries")
	SQL_CLEAR("rms_term_attributes") SQL_NAMES SQL_DESCS SQL_WORDS SQL_MAPS SQL_COUNTRIES SQL_ATTRS
	SQL_VERSIONS_FED " END");

int rms_rows_write(struct rms_rows *r, struct db *db, const char *source, const char *request_id)
{
	const char *terms = text_of(&r->t[T_TERMS]), *ids = text_of(&r->ids);
	int rc = 0;
	if (terms)
		rc = db_exec(db, &q_write, NULL, "sssssssssssssssss", terms, ids, ids, ids, ids, ids, ids,
			     text_of(&r->t[T_NAMES]), text_of(&r->t[T_DESCS]), text_of(&r->t[T_WORDS]),
			     text_of(&r->t[T_MAPS]), text_of(&r->t[T_COUNTRIES]), text_of(&r->t[T_ATTRS]), source,
			     request_id, text_of(&r->t[T_VERSIONS]), text_of(&r->t[T_FEED]));
	clear(&r->ids);
	for (int t = 0; t < T__COUNT; t++)
		clear(&r->t[t]);
	return rc;
}
