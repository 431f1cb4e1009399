/* Organisations of similar names in a country, from the name index. */
#include "config.h"

#include <jansson.h>
#include <stdlib.h>
#include <string.h>

#include "core/db.h"
#include "core/highlight.h"
#include "core/page.h"
#include "core/program.h"
#include "core/words_near.h"
#include "oms/oms_similar.h"

/* A name's words looked at, the keys near each, and how many
 * organisations may share a word before it says nothing of a name. */
enum { SIMILAR_WORDS = 8, SIMILAR_KEYS = 24, SIMILAR_COMMON = 200 };

/* A suggestion's word is read back from the names, acronyms and
 * alternative names of the organisations holding it. */
struct words_near oms_near = WORDS_NEAR("oms_org_words",
	"SELECT CONCAT_WS(' ', o.name, o.acronym, (SELECT GROUP_CONCAT(n.name SEPARATOR ' ') FROM oms_org_names n"
	" WHERE n.org_id = o.id)) FROM oms_org_words w JOIN oms_organisations o ON o.id = w.org_id"
	" WHERE w.wkey = UNHEX(?) LIMIT 20");

struct name_words {
	struct req *r;
	const char *word[SIMILAR_WORDS];
	size_t n;
};

static void add_word(void *ctx, const char *word, size_t len)
{
	struct name_words *w = ctx;
	if (len >= 2 && len <= 64 && w->n < SIMILAR_WORDS)
		w->word[w->n++] = arena_strndup(w->r->arena, word, len);
}

/* The keys of word `g` (itself first) as {"g": g, "k": key} into `groups`;
 * false, and none, when the word is a common one and `common` is false. */
static bool add_keys(struct req *r, const char *word, int g, json_t *groups, bool common)
{
	const char *keys[SIMILAR_KEYS];
	size_t n = words_near_keys(r, &oms_near, word, keys, SIMILAR_KEYS);
	struct db_rows rows;
	if (!n || (!common && db_query(r->app->db, r->arena, &oms_near.count, &rows, "s", keys[0]) == 0 &&
		   atoll(db_value(&rows, 0)) >= SIMILAR_COMMON))
		return false;
	for (size_t i = 0; i < n; i++)
		json_array_append_new(groups, json_pack("{s:i,s:s}", "g", g, "k", keys[i]));
	return true;
}

/* The organisations having a word of at least half the groups (a word of
 * the name and those near it), in the country, those of most first. */
#define SIMILAR_COLUMNS(X) X(SIMILAR_ID, "id") X(SIMILAR_NAME, "name") X(SIMILAR_CITY, "city")
enum { SIMILAR_COLUMNS(DB_COLUMN) SIMILAR__COUNT };
static struct db_sql q_similar = DB_SQL_COLS(SIMILAR__COUNT,
	"SELECT CONCAT('ORG-', LPAD(o.id, 9, '0')), o.name, o.city FROM (SELECT w.org_id, COUNT(DISTINCT j.g) hits"
	" FROM JSON_TABLE(?, '$[*]' COLUMNS (g INT PATH '$.g', k VARCHAR(600) CHARACTER SET ascii PATH '$.k')) j"
	" JOIN oms_org_words w ON w.wkey = UNHEX(j.k) GROUP BY w.org_id HAVING COUNT(DISTINCT j.g) * 2 >= ?) m"
	" JOIN oms_organisations o ON o.id = m.org_id"
	" WHERE EXISTS (SELECT 1 FROM oms_locations l WHERE l.org_id = o.id AND l.country_code = ?)"
	" ORDER BY m.hits DESC, o.name_sort, o.id LIMIT 10");

int oms_similar(struct req *r, const char *name, const char *country)
{
	struct name_words w = {.r = r};
	if (!name || !country)
		return 0;
	hl_each_word(name, add_word, &w);
	json_t *groups = json_array();
	size_t used = 0;
	for (size_t i = 0; i < w.n; i++)
		used += add_keys(r, w.word[i], (int)i, groups, false);
	/* A name of common words only: those words, then. */
	for (size_t i = 0; !used && i < w.n; i++)
		used += add_keys(r, w.word[i], (int)i, groups, true);
	char *json = json_dumps(groups, JSON_COMPACT);
	json_decref(groups);
	struct db_rows rows;
	int rc = json ? db_query(r->app->db, r->arena, &q_similar, &rows, "sis", json, (long long)used, country) : -1;
	free(json);
	if (rc < 0)
		return -1;
	static const char *const names[] = {SIMILAR_COLUMNS(DB_COLUMN_NAME)};
	page_rows(r, "Page.similar", &rows, names, SIMILAR__COUNT);
	return (int)rows.nrows;
}
