/* sporctl gen-data --terms N: a synthetic but realistic RMS dataset for
 * scale tests, generated inside MariaDB from its sequence engine: lists of
 * a few terms up to 200,000, names in English, French and German (accents
 * included), short names, descriptions, a hierarchy in every third list,
 * every status, replacements, domains, mappings and a version each.  The
 * generated IDs (lists 8000..., terms 81...) never meet real ones; running
 * it again replaces what it generated before.  The terms are written by
 * one connection per core at once (--jobs). */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <sys/wait.h>
#include <unistd.h>

#include "core/db.h"
#include "core/mem.h"
#include "ctl/ctl.h"
#include "rms/rms_store.h"

enum { BIGGEST = 200000, MAX_TERMS = 5000000, MAX_ORGS = 2000000, GEN_JOBS_MAX = 8 };

/* Word lists: a dose form, a qualifier and a made-up name of three
 * syllables (13,824 of them) per language.  Arguments: first, last (seq). */
#define FORM_EN                                                                                                    \
	"ELT(1 + MOD(seq, 20), 'Tablet', 'Capsule', 'Solution', 'Suspension', 'Emulsion', 'Powder', 'Granules',"    \
	" 'Cream', 'Ointment', 'Gel', 'Syrup', 'Lyophilisate', 'Concentrate', 'Spray', 'Drops', 'Patch',"           \
	" 'Implant', 'Pessary', 'Suppository', 'Foam')"
#define FORM_FR                                                                                                    \
	"ELT(1 + MOD(seq, 20), 'Comprimé', 'Gélule', 'Solution', 'Suspension', 'Émulsion', 'Poudre', 'Granulés',"   \
	" 'Crème', 'Pommade', 'Gel', 'Sirop', 'Lyophilisat', 'Solution à diluer', 'Pulvérisation', 'Gouttes',"      \
	" 'Dispositif transdermique', 'Implant', 'Ovule', 'Suppositoire', 'Mousse')"
#define FORM_DE                                                                                                    \
	"ELT(1 + MOD(seq, 20), 'Tablette', 'Kapsel', 'Lösung', 'Suspension', 'Emulsion', 'Pulver', 'Granulat',"     \
	" 'Creme', 'Salbe', 'Gel', 'Sirup', 'Lyophilisat', 'Konzentrat', 'Spray', 'Tropfen', 'Pflaster',"            \
	" 'Implantat', 'Vaginalzäpfchen', 'Zäpfchen', 'Schaum')"
#define QUAL_EN                                                                                                    \
	"ELT(1 + MOD(seq DIV 20, 12), 'for injection', 'film-coated', 'for oral use', 'prolonged-release',"         \
	" 'gastro-resistant', 'for infusion', 'cutaneous', 'nasal', 'for inhalation', 'orodispersible',"            \
	" 'effervescent', 'for ocular use')"
#define QUAL_FR                                                                                                    \
	"ELT(1 + MOD(seq DIV 20, 12), 'injectable', 'pelliculé', 'buvable', 'à libération prolongée',"               \
	" 'gastrorésistant', 'pour perfusion', 'cutané', 'nasal', 'pour inhalation', 'orodispersible',"             \
	" 'effervescent', 'ophtalmique')"
#define QUAL_DE                                                                                                    \
	"ELT(1 + MOD(seq DIV 20, 12), 'zur Injektion', 'filmüberzogen', 'zum Einnehmen', 'retardiert',"               \
	" 'magensaftresistent', 'zur Infusion', 'zur Anwendung auf der Haut', 'nasal', 'zur Inhalation',"           \
	" 'im Mund zerfallend', 'brausend', 'am Auge')"
#define PSEUDO                                                                                                     \
	"CONCAT(ELT(1 + MOD(seq DIV 240, 24), 'Va', 'Lo', 'Ré', 'Mi', 'Zé', 'Ta', 'No', 'Ké', 'Pa', 'Su', 'Dé', 'Fi',"  \
	" 'Gö', 'Ha', 'Jä', 'Ri', 'Sé', 'Bo', 'Cu', 'Lü', 'Mo', 'Né', 'Po', 'Xa'),"                                  \
	" ELT(1 + MOD(seq DIV 5760, 24), 'ra', 'lè', 'ti', 'no', 'ma', 'fé', 'zu', 'ro', 'lin', 'vé', 'sa', 'dö',"     \
	" 'ke', 'mi', 'tä', 'bu', 'ça', 're', 'pa', 'lo', 'ñe', 'va', 'xi', 'go'),"                                   \
	" ELT(1 + MOD(seq DIV 138240 + seq * 7, 24), 'ne', 'rin', 'tol', 'mab', 'zol', 'cin', 'fen', 'dol', 'vir',"    \
	" 'lam', 'sin', 'mol', 'tin', 'pam', 'rol', 'gen', 'xan', 'bel', 'cor', 'dex', 'fil', 'lux', 'nox', 'pra'))"
/* A term's texts, from its number (seq). */
#define NAME_EN "CONCAT(" FORM_EN ", ' ', " QUAL_EN ", ' ', " PSEUDO ")"
#define NAME_FR "CONCAT(" FORM_FR ", ' ', " QUAL_FR ", ' ', " PSEUDO ")"
#define NAME_DE "CONCAT(" FORM_DE ", ' ', " QUAL_DE ", ' ', " PSEUDO ")"
#define SHORT_EN "CONCAT(UPPER(LEFT(" FORM_EN ", 3)), ' ', " PSEUDO ")"
#define DESC_EN \
	"CONCAT('A synthetic ', LOWER(" FORM_EN "), ' ', " QUAL_EN ", ', generated for scale tests (number ', seq, ').')"
#define RANGE " FROM seq_1_to_10000000 WHERE seq BETWEEN ? AND ?"
#define TERM_ID "810000000000 + seq"

static double now(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* List sizes as in the EMA's RMS: a few big lists (200,000, then halves
 * down to about 100), many of a few thousand, and a tail of small ones. */
static size_t plan(long long total, long long *sizes, size_t max)
{
	size_t n = 0;
	long long left = total, half = total / 5 < BIGGEST ? total / 5 : BIGGEST;
	long long tail = total / 100 < 1000 ? total / 100 : 1000;
	while (left > 0 && n < max) {
		long long s;
		if (left <= tail || half < 5)
			s = 5 + (long long)(n * 37 % 100);
		else if (half >= 100) {
			s = half;
			half /= 2;
		} else
			s = 500 + (long long)(n * 7919 % 9500);
		if (s > left - (left > tail ? tail : 0) && left > tail)
			s = left - tail;
		sizes[n++] = s < left ? s : left;
		left -= sizes[n - 1];
	}
	return n;
}

static void progress(bool tty, long long done, long long total, double t0)
{
	if (!tty)
		return;
	int pct = (int)(done * 100 / total), fill = pct * 30 / 100;
	fprintf(stderr, "\r  generating [%.*s%*s] %3d%%  %lld/%lld terms  %.0f s", fill, "##############################",
		30 - fill, "", pct, done, total, now() - t0);
	if (done == total)
		fputc('\n', stderr);
}

/* What an earlier run generated goes a slice at a time: a million terms
 * and their rows in one statement outlast the connection's 60 s. */
static struct db_sql q_last_generated =
	DB_SQL("SELECT COALESCE(MAX(id), 0) FROM rms_terms WHERE id BETWEEN 810000000000 AND 819999999999");
static struct db_sql q_clear_terms = DB_SQL("DELETE FROM rms_terms WHERE id BETWEEN ? AND ?");
static struct db_sql q_clear_lists = DB_SQL("DELETE FROM rms_lists WHERE id BETWEEN 800000000000 AND 800099999999");
static struct db_sql q_list = DB_SQL(
	"INSERT INTO rms_lists (id, name, short_name, description, owner, domain_id, status, version, created_at,"
	" modified_at) VALUES (800000000000 + ?, CONCAT('Synthetic list ', ?, ': ', ?), CONCAT('SYN', ?),"
	" 'Generated by sporctl gen-data for scale tests.', 'Synthetic data', 100000000014, 'CURRENT', 1,"
	" UTC_TIMESTAMP(), UTC_TIMESTAMP())");
/* Every 50th term is non-current (replaced by the next), every 97th
 * nullified, every 31st provisional; in hierarchical lists each block of 20
 * terms hangs under its first.  Arguments: list, hierarchical, first, last. */
static struct db_sql q_terms = DB_SQL(
	"INSERT INTO rms_terms (id, list_id, status, domain_id, parent_id, current_term_id, name_en, version,"
	" version_date, is_major, created_at, created_by, modified_at, modified_by, visibility, seq)"
	" SELECT " TERM_ID ", 800000000000 + ?,"
	" CASE WHEN MOD(seq, 50) = 0 THEN 'NON_CURRENT' WHEN MOD(seq, 97) = 0 THEN 'NULLIFIED'"
	"  WHEN MOD(seq, 31) = 0 THEN 'PROVISIONAL' ELSE 'CURRENT' END,"
	" 100000000012 + MOD(seq, 3),"
	" IF(? AND MOD(seq, 20) <> 1, 810000000000 + seq - MOD(seq + 19, 20), NULL),"
	" IF(MOD(seq, 50) = 0, 810000000000 + seq + 1, NULL),"
	" " NAME_EN ","
	" 1 + MOD(seq, 5), '2024-01-15', 1, '2020-03-01', 'gen-data', '2024-01-15', 'gen-data', 'PUBLIC', 1" RANGE);
static struct db_sql q_names = DB_SQL(
	"INSERT INTO rms_term_names (term_id, lang, kind, value, tr_status, modified_at)"
	" SELECT " TERM_ID ", 'en', 'name', " NAME_EN ", 'CURRENT', '2024-01-15'" RANGE
	" UNION ALL SELECT " TERM_ID ", 'fr', 'name', " NAME_FR ", 'CURRENT', '2024-01-15'" RANGE
	" UNION ALL SELECT " TERM_ID ", 'de', 'name', " NAME_DE ", 'CURRENT', '2024-01-15'" RANGE
	" UNION ALL SELECT " TERM_ID ", 'en', 'short', " SHORT_EN ", NULL, '2024-01-15'" RANGE " AND MOD(seq, 3) = 0");
/* The word index: the words of a term's names, made again from its number
 * in one text (its English name, the French and German without the
 * made-up word they share with it, the short name's first letters), split
 * into its runs of letters, digits and marks (a JSON array of them, walked
 * by JSON_TABLE): not reading the names back, nor sending the server each
 * term's made-up word four times for INSERT IGNORE to drop three. */
static struct db_sql q_words = DB_SQL(
	"INSERT IGNORE INTO rms_term_words (wkey, term_id)"
	" SELECT WEIGHT_STRING(LEFT(j.word, 64) COLLATE utf8mb4_unicode_520_ci), n.term_id FROM"
	" (SELECT " TERM_ID " term_id, CONCAT(" NAME_EN ", ' ', " FORM_FR ", ' ', " QUAL_FR ", ' ', " FORM_DE ", ' ',"
	"  " QUAL_DE ", IF(MOD(seq, 3) = 0, CONCAT(' ', UPPER(LEFT(" FORM_EN ", 3))), '')) value" RANGE ") n,"
	" JSON_TABLE(CONCAT('[\"', REPLACE(TRIM(REGEXP_REPLACE(n.value, '[^\\\\p{L}\\\\p{N}\\\\p{M}]+', ' ')), ' ', '\",\"'),"
	"  '\"]'), '$[*]' COLUMNS (word VARCHAR(200) CHARACTER SET utf8mb4 PATH '$')) j"
	" WHERE CHAR_LENGTH(j.word) >= 2");
static struct db_sql q_descriptions = DB_SQL(
	"INSERT INTO rms_term_descriptions (term_id, lang, value, tr_status, modified_at)"
	" SELECT " TERM_ID ", 'en', " DESC_EN ", 'CURRENT', '2024-01-15'" RANGE);
static struct db_sql q_mappings = DB_SQL(
	"INSERT INTO rms_term_mappings (term_id, position, source_id, source_term_id, is_main)"
	" SELECT " TERM_ID ", 0, 100000073361, CONCAT('SYN', LPAD(seq, 8, '0')), 1" RANGE " AND MOD(seq, 2) = 0");
/* One version per term, its snapshot in the shape rms_snapshot.c writes,
 * its texts made again from the term's number as q_names and
 * q_descriptions make them (reading them back and grouping them per term
 * and language took a third of the whole run); then their entries in the
 * change feed in one statement (migration 0032: the trigger skips them
 * while @spor_feed_batch is set, the handler clears it when a statement
 * fails).  Arguments: first, last, first, last. */
#define TEXT_OBJ(value, status) \
	"JSON_OBJECT('value', " value ", 'status', " status ", 'modified_at', '2024-01-15 00:00:00', 'modified_by', NULL)"
static struct db_sql q_versions = DB_SQL(
	"BEGIN NOT ATOMIC DECLARE EXIT HANDLER FOR SQLEXCEPTION BEGIN SET @spor_feed_batch = NULL; RESIGNAL; END;"
	" SET @spor_feed_batch = 1;"
	" INSERT INTO rms_term_versions (term_id, seq, version, recorded_at, version_date, source, changes, snapshot)"
	" SELECT t.id, 1, t.version, UTC_TIMESTAMP(), t.version_date, 'generated', 'created',"
	" JSON_OBJECT('id', CAST(t.id AS CHAR), 'list', CAST(t.list_id AS CHAR), 'status', t.status,"
	"  'status_changed_at', NULL, 'domain', CAST(t.domain_id AS CHAR), 'parent', CAST(t.parent_id AS CHAR),"
	"  'replaced_by', CAST(t.current_term_id AS CHAR), 'level', NULL, 'comments', NULL, 'tags', NULL,"
	"  'visibility', t.visibility, 'version', t.version, 'version_date', t.version_date, 'major', TRUE,"
	"  'created', JSON_OBJECT('at', t.created_at, 'by', t.created_by),"
	"  'modified', JSON_OBJECT('at', t.modified_at, 'by', t.modified_by),"
	"  'mappings', IF(MOD(t.id, 2) = 0, JSON_ARRAY(JSON_OBJECT('source', '100000073361', 'code',"
	"    CONCAT('SYN', LPAD(t.id - 810000000000, 8, '0')), 'name', NULL, 'main', TRUE, 'version', NULL,"
	"    'status', NULL)), JSON_ARRAY()),"
	"  'countries', JSON_ARRAY(), 'attributes', JSON_ARRAY(), 'texts', JSON_OBJECT("
	"   'de', JSON_OBJECT('name', " TEXT_OBJ(NAME_DE, "'CURRENT'") "),"
	"   'en', IF(MOD(seq, 3) = 0,"
	"    JSON_OBJECT('name', " TEXT_OBJ("t.name_en", "'CURRENT'") ", 'short', " TEXT_OBJ(SHORT_EN, "NULL") ","
	"     'description', " TEXT_OBJ(DESC_EN, "'CURRENT'") "),"
	"    JSON_OBJECT('name', " TEXT_OBJ("t.name_en", "'CURRENT'") ", 'description', " TEXT_OBJ(DESC_EN, "'CURRENT'") ")),"
	"   'fr', JSON_OBJECT('name', " TEXT_OBJ(NAME_FR, "'CURRENT'") ")))"
	" FROM (SELECT id - 810000000000 seq, id, list_id, status, domain_id, parent_id, current_term_id, name_en,"
	"  visibility, version, version_date, created_at, created_by, modified_at, modified_by FROM rms_terms"
	"  WHERE id BETWEEN 810000000000 + ? AND 810000000000 + ?) t;"
	" SET @spor_feed_batch = NULL;"
	" CALL change_feed_generated(810000000000 + ?, 810000000000 + ?); END");

/* A transaction's worth of one list's terms: big lists in slices, so that
 * no transaction grows too large. */
struct slice {
	long long list, from, to;
	bool hierarchical;
};
enum { SLICE = 50000, LISTS_MAX = 1000, SLICES_MAX = LISTS_MAX + 5000000 / SLICE };

static struct db_sql q_read_committed = DB_SQL("SET SESSION TRANSACTION ISOLATION LEVEL READ COMMITTED");

static int gen_slice(struct db *db, const struct slice *sl)
{
	long long from = sl->from, to = sl->to;
	int rc = db_begin(db);
	if (rc == 0)
		rc = db_exec(db, &q_terms, NULL, "iiii", sl->list, (long long)sl->hierarchical, from, to);
	if (rc == 0)
		rc = db_exec(db, &q_names, NULL, "iiiiiiii", from, to, from, to, from, to, from, to);
	if (rc == 0)
		rc = db_exec(db, &q_words, NULL, "ii", from, to);
	if (rc == 0)
		rc = db_exec(db, &q_descriptions, NULL, "ii", from, to);
	if (rc == 0)
		rc = db_exec(db, &q_mappings, NULL, "ii", from, to);
	if (rc == 0)
		rc = db_exec(db, &q_versions, NULL, "iiii", from, to, from, to);
	if (rc == 0)
		rc = db_commit(db);
	else
		db_rollback(db);
	return rc;
}

/* Worker `job` of `jobs`: every jobs-th slice from its own on, on a
 * connection of its own.  Each slice writes only its own terms' rows, read
 * committed (reading its names for the word index locks no range the other
 * workers write).  Its exit status: 0 or 1. */
static void gen_job(const struct db_conf *dc, const struct slice *slices, size_t n, unsigned job, unsigned jobs,
		    bool tty, double t0)
{
	struct db *db = db_new(dc);
	int rc = db_connect(db) < 0 || db_exec(db, &q_read_committed, NULL, "") < 0 ? -1 : 0;
	for (size_t i = job; rc == 0 && i < n; i += jobs) {
		rc = gen_slice(db, &slices[i]);
		if (job == 0) /* the first worker's share stands for all */
			progress(tty, (long long)(i + 1), (long long)n, t0);
	}
	db_free(db);
	fflush(NULL);
	_exit(rc == 0 ? 0 : 1);
}

/* The slices, spread over `jobs` workers (processes: MariaDB runs each
 * connection's statements on one core).  The parent's connection is left
 * alone by the workers. */
static int gen_slices(const struct db_conf *dc, const struct slice *slices, size_t n, unsigned jobs, bool tty,
		      double t0)
{
	pid_t pids[GEN_JOBS_MAX];
	unsigned started = 0;
	fflush(NULL);
	for (; started < jobs; started++) {
		pid_t pid = fork();
		if (pid < 0)
			break;
		if (pid == 0)
			gen_job(dc, slices, n, started, jobs, tty, t0);
		pids[started] = pid;
	}
	int rc = started == jobs ? 0 : -1;
	for (unsigned i = 0; i < started; i++) {
		int status;
		if (waitpid(pids[i], &status, 0) < 0 || !WIFEXITED(status) || WEXITSTATUS(status) != 0)
			rc = -1;
	}
	if (rc == 0)
		progress(tty, (long long)n, (long long)n, t0);
	return rc;
}

static int gen_terms(struct db *db, const struct db_conf *dc, long long terms, unsigned jobs, bool tty)
{
	double t0 = now();
	/* Remove what an earlier run generated (terms first: lists are referenced). */
	struct arena *a = arena_new();
	struct db_rows newest;
	int rc = db_query(db, a, &q_last_generated, &newest, "");
	long long top = rc == 0 ? atoll(db_value(&newest, 0)) : 0;
	arena_free(a);
	for (long long lo = 810000000000LL; rc == 0 && lo <= top; lo += SLICE)
		rc = db_exec(db, &q_clear_terms, NULL, "ii", lo, lo + SLICE - 1);
	if (rc == 0)
		rc = db_exec(db, &q_clear_lists, NULL, "");
	if (rc != 0 || terms == 0)
		return rc;
	long long sizes[LISTS_MAX];
	size_t nlists = plan(terms, sizes, LISTS_MAX);
	struct slice *slices = xmalloc(SLICES_MAX * sizeof *slices);
	size_t nslices = 0;
	long long first = 1;
	for (size_t i = 0; rc == 0 && i < nlists; i++) {
		long long last = first + sizes[i] - 1, list = (long long)i + 1;
		const char *kind = i % 3 == 1 ? "hierarchical" : "flat";
		rc = db_exec(db, &q_list, NULL, "iisi", list, list, kind, list);
		for (long long from = first; from <= last && nslices < SLICES_MAX; from += SLICE)
			slices[nslices++] = (struct slice){list, from, from + SLICE - 1 < last ? from + SLICE - 1 : last,
							   i % 3 == 1};
		first = last + 1;
	}
	if (rc == 0)
		rc = gen_slices(dc, slices, nslices, jobs, tty, t0);
	free(slices);
	for (size_t i = 0; rc == 0 && i < nlists; i++) {
		char id[32];
		snprintf(id, sizeof id, "%lld", 800000000000LL + (long long)i + 1);
		rc = rms_store_list_stats(db, id);
	}
	if (rc == 0)
		printf("generated %lld terms in %zu lists (largest %lld) in %.1f s, %u connection%s\n", terms, nlists,
		       sizes[0], now() - t0, jobs, jobs == 1 ? "" : "s");
	return rc;
}

/* N after an option, or -1. */
static long long count_arg(const char *s)
{
	char *end;
	long long n = strtoll(s, &end, 10);
	return *end || n < 0 ? -1 : n;
}

int ctl_gendata(const struct settings *s, int argc, char **argv)
{
	long long terms = -1, orgs = -1, jobs = sysconf(_SC_NPROCESSORS_ONLN);
	bool bad = argc == 0;
	for (int i = 0; i < argc && !bad; i++) {
		if (strcmp(argv[i], "--terms") == 0 && i + 1 < argc)
			bad = (terms = count_arg(argv[++i])) < 0 || terms > MAX_TERMS;
		else if (strcmp(argv[i], "--orgs") == 0 && i + 1 < argc)
			bad = (orgs = count_arg(argv[++i])) < 0 || orgs > MAX_ORGS;
		else if (strcmp(argv[i], "--jobs") == 0 && i + 1 < argc)
			bad = (jobs = count_arg(argv[++i])) < 1 || jobs > GEN_JOBS_MAX;
		else
			bad = true;
	}
	if (bad) {
		fprintf(stderr, "usage: sporctl gen-data [--terms N] [--orgs N] [--jobs J]\n"
				"  N = 0 removes what was generated; at most %d terms and %d organisations\n"
				"  J: connections that write terms at once (at most %d; one per core by default)\n",
			MAX_TERMS, MAX_ORGS, GEN_JOBS_MAX);
		return 2;
	}
	struct db_conf dc;
	db_conf_from(&dc, s, "owner");
	struct db *db = db_new(&dc);
	bool tty = isatty(2);
	int rc = db_connect(db);
	if (rc == 0 && terms >= 0)
		rc = gen_terms(db, &dc, terms, jobs < 1 ? 1 : jobs > GEN_JOBS_MAX ? GEN_JOBS_MAX : (unsigned)jobs, tty);
	if (rc == 0 && orgs >= 0)
		rc = ctl_gendata_orgs(db, orgs, tty);
	db_free(db);
	if (rc != 0) {
		fprintf(stderr, "sporctl: gen-data failed\n");
		return 1;
	}
	return 0;
}
