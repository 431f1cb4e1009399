/* What sporctl import rms writes, table by table, row by row: generated
 * EMA exports imported into a list of their own, then imported again as a
 * changed file (every term changed, rows of each table removed and added),
 * and the largest real export when ../shared/data is there.  Each table's
 * rows of those terms, in key order, every column but the clock's
 * (recorded_at, the list's created_at and modified_at), are hashed and
 * compared with the hashes of what the importer wrote when it sent each
 * term's rows in statements of their own: a row missing, added or changed
 * in any column fails.  The same for what sporctl gen-data writes, against
 * what it wrote on one connection. */
#include "config.h"

#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "../ema_export.h"
#include "../tap.h"
#include "dbtest.h"

static MYSQL *my;

/* Each table's rows of the terms (or list) WHERE names, as one text: the
 * columns quoted (NULL stays NULL), in the key's order. */
static const struct {
	const char *table, *columns, *key;
} tables[] = {
	{"rms_lists",
	 "id, name, short_name, description, owner, domain_id, status, version, hierarchical, term_count, languages, "
	 "stats",
	 "id"},
	{"rms_terms",
	 "id, list_id, status, domain_id, parent_id, current_term_id, level_short, level_name, name_en, name_sort, seq, "
	 "comments, user_tags, visibility, version, version_date, is_major, status_changed_at, created_at, created_by, "
	 "modified_at, modified_by",
	 "id"},
	{"rms_term_names", "term_id, lang, kind, value, tr_status, modified_at, modified_by", "term_id, lang, kind"},
	{"rms_term_words", "HEX(wkey), term_id", "term_id, wkey"},
	{"rms_term_descriptions", "term_id, lang, value, tr_status, modified_at, modified_by", "term_id, lang"},
	{"rms_term_mappings",
	 "term_id, position, source_id, source_term_id, source_name, is_main, source_version, source_status",
	 "term_id, position"},
	{"rms_term_countries", "term_id, country_id", "term_id, country_id"},
	{"rms_term_attributes", "term_id, position, name, value", "term_id, position"},
	{"rms_term_versions", "term_id, seq, version, version_date, source, request_id, changes, snapshot",
	 "term_id, seq"},
};
enum { TABLES = sizeof tables / sizeof tables[0] };

/* MD5 of the table's rows of the lists `lists` (an SQL condition on a
 * list's ID: their terms' rows, or their own). */
static const char *table_hash(size_t t, const char *lists)
{
	char cols[1024], sql[4096];
	/* CONCAT_WS over QUOTE(col) for each column. */
	char *o = cols;
	const char *c = tables[t].columns;
	o += snprintf(o, sizeof cols, "CONCAT_WS('|'");
	while (*c) {
		size_t n = strcspn(c, ",");
		o += snprintf(o, sizeof cols - (size_t)(o - cols), ", QUOTE(%.*s)", (int)n, c);
		c += n;
		c += strspn(c, ", ");
	}
	snprintf(o, sizeof cols - (size_t)(o - cols), ")");
	char cond[200];
	if (strcmp(tables[t].table, "rms_lists") == 0)
		snprintf(cond, sizeof cond, "id %s", lists);
	else if (strcmp(tables[t].table, "rms_terms") == 0)
		snprintf(cond, sizeof cond, "list_id %s", lists);
	else
		snprintf(cond, sizeof cond, "term_id IN (SELECT id FROM rms_terms WHERE list_id %s)", lists);
	snprintf(sql, sizeof sql,
		 "SELECT CONCAT(COUNT(*), ' ', MD5(GROUP_CONCAT(%s ORDER BY %s SEPARATOR '\\n'))) FROM %s WHERE %s", cols,
		 tables[t].key, tables[t].table, cond);
	return dbtest_value(my, sql);
}

/* Every table of the lists `lists` against `want` (count and hash per
 * table, in the order of `tables`; NULL: not compared). */
static void same_rows(const char *what, const char *lists, const char *const want[TABLES])
{
	for (size_t t = 0; t < TABLES; t++) {
		if (!want[t])
			continue;
		const char *got = table_hash(t, lists);
		if (!ok(strcmp(got, want[t]) == 0, "%s: %s as written before (one statement per table per term, gen-data on one connection)", what, tables[t].table))
			diag("got \"%s\", want \"%s\"", got, want[t]);
	}
}

static bool import_generated(unsigned long long seed)
{
	struct ema_export e;
	ema_export_make(&e, "900000000081", 900000081000ull, 60, seed);
	bool ok = dbtest_import_csv(e.csv);
	ema_export_free(&e);
	return ok;
}

int main(void)
{
	if (!getenv("SPOR_TEST_BUILD") || !getenv("SPOR_CONFIG") || !getenv("SPOR_VAR"))
		skip_all("no test instance");
	my = dbtest_connect("owner");
	if (!ok(my != NULL, "the database answers"))
		return done_testing();
	dbtest_execf(my, "SET SESSION group_concat_max_len = 1073741824");

	/* Hashes taken with the importer of one statement per table per term;
	 * rms_lists's since its stats count the mappings' sources too (each
	 * list's FHIR concept maps, migration 0028). */
	static const char *const first[TABLES] = {
		"1 59885e6225eebee770c3cea8a2476410",
		"60 1d2662eee54548f55e291bbce73a9465",
		"313 a5c98a849c6271d44669bc8fb3c3ee1c",
		"815 3c187bcac0021ba159f5f6535a5babe6",
		"70 bbcffc157f9e1604d9044c1d2392023d",
		"117 b96aa328bbea9b9a33ba00adea2fcd23",
		"58 4b4e468d8d4db2d790a84f7c820d9b2d",
		"111 b181dbbe3dd023cc70ea4f996e4da60e",
		"60 71113f47c69b1718da90509e90d92e3b",
	};
	static const char *const second[TABLES] = {
		"1 2f87d435c41e5ded2e7bf077464edaa8",
		"60 5ab7e1d0ed384c2f4e18f312dc67ddb5",
		"505 b647b7b6640c8cb431b2eab03b0225d7",
		"1137 694ae71f419bc49c90bc7bed14dac0ce",
		"122 8f5c37b2eba6f0b3f809cf3a36357476",
		"132 d8763342d4bec7aed832967e9721ecc8",
		"63 e445365551e06bc4b7ec147b1a28c831",
		"84 2bf05f2b2052818515ef281462a72596",
		"120 2d155971b5861178be81927fc49e571b",
	};
	/* Not the list's own row: its name and description are those of the
	 * source imported last (test_rms_import's FHIR CodeSystem of it). */
	static const char *const real[TABLES] = {
		NULL,
		"90 528fed9230911f84ab21c4e86d0cf095",
		"2128 f8d3562a4a16e1989dad6650489b0596",
		"10793 9070107d8fa5b8af2a9c4907e6f8ae1c",
		"81 ecd9dfbaf1f28a36e885947a33280d20",
		"228 756a00c6bb4a2466fc168e4e7e8a15f5",
		"3 b8f768e91fd821ca4b9177c7eaf35b27",
		"237 15eb3882aaeda8333dacf31e4e8992d5",
		"90 8abbfa216e49cca4670b55c66a3feafe",
	};
	ok(import_generated(7), "a generated export of 60 terms imported");
	same_rows("first import", "= 900000000081", first);
	ok(import_generated(8), "another generated export of the same 60 terms imported over it");
	same_rows("changed file", "= 900000000081", second);

	const char *src = getenv("top_srcdir"), *shared = getenv("SPOR_SHARED_DATA");
	char data[4096], args[4200];
	if (shared)
		snprintf(data, sizeof data, "%s/rms/200000000006.csv", shared);
	else
		snprintf(data, sizeof data, "%s/../shared/data/rms/200000000006.csv", src ? src : ".");
	/* The hashes are those of the file imported into a list that held
	 * nothing else (or the same file, which an import leaves as it is): a
	 * list that held other terms of these IDs before, the demonstration
	 * data's when a test before this one loaded it, gets second versions. */
	const char *held = dbtest_value(my, "SELECT COUNT(*) FROM rms_terms WHERE list_id = 200000000006");
	bool held_any = !held || strcmp(held, "0") != 0;
	if (access(data, R_OK) != 0)
		printf("ok %d - the largest real export # SKIP no ../shared/data\n", ++tap_count);
	else {
		snprintf(args, sizeof args, "import rms '%s'", data);
		ok(dbtest_sporctl(NULL, args, NULL) == 0, "the largest real export imported");
		const char *again = dbtest_value(my, "SELECT COUNT(*) FROM rms_term_versions v JOIN rms_terms t "
						     "ON t.id = v.term_id WHERE t.list_id = 200000000006 AND v.seq > 1");
		if (held_any && (!again || strcmp(again, "0") != 0))
			printf("ok %d - 200000000006.csv # SKIP the list held another file's terms\n", ++tap_count);
		else
			same_rows("200000000006.csv", "= 200000000006", real);
	}

	/* gen-data: 3,000 terms on two connections (hashes taken on one), then removed
	 * (the other tests count the lists they see). */
	static const char *const generated[TABLES] = {
		"5 8c33943a60536cf1b208096f7c870087",
		"3000 9ad7cd10dc6b0626765ed57c356bcfb3",
		"10000 07d434754767a832aea1a9234afd27a6",
		"24752 da32ddd90ab4df4262b0d0469cd5bd50",
		"3000 65e556210439284b0128a892bc119bec",
		"1500 4f8ff6b35cfa2a7d6d9649deb12e1212",
		"",
		"",
		"3000 b21a1021ee7b9ddd17a602da7a03ca3f",
	};
	ok(dbtest_sporctl(NULL, "gen-data --terms 3000 --jobs 2", NULL) == 0, "gen-data of 3,000 terms on two connections");
	same_rows("gen-data", "BETWEEN 800000000001 AND 800099999999", generated);
	ok(dbtest_sporctl(NULL, "gen-data --terms 0", NULL) == 0 &&
		   atoll(dbtest_value(my, "SELECT COUNT(*) FROM rms_terms WHERE id BETWEEN 810000000000 AND 819999999999")) == 0,
	   "and removed");
	mysql_close(my);
	return done_testing();
}
