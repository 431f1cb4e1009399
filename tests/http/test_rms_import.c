/* sporctl import rms against the test instance: hostile, generated and
 * real files, FHIR, a ZIP, http URLs (file URLs refused); line, column and
 * reason for each value dropped, every term stored whole and counted;
 * importing twice changes nothing; several sources in one command, one
 * dump after them; and an import that fails half-way writes nothing. */
#include "config.h"

#include <stdlib.h>
#include <sys/wait.h>
#include <unistd.h>
#include <zip.h>

#include "../ema_export.h"
#include "../tap.h"
#include "client.h"
#include "dbtest.h"
#include "core/file.h"

static char output[65536];

/* Run sporctl with `args`; its exit status, its output in `output`. */
static int sporctl(const char *args)
{
	char cmd[20000];
	snprintf(cmd, sizeof cmd, "'%s/cgi/sporctl' -c '%s' %s 2>&1", getenv("SPOR_TEST_BUILD"), getenv("SPOR_CONFIG"),
		 args);
	FILE *p = popen(cmd, "r");
	size_t n = p ? fread(output, 1, sizeof output - 1, p) : 0;
	output[n] = '\0';
	int status = p ? pclose(p) : -1;
	return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

static MYSQL *my;

static long long count(const char *sql)
{
	return atoll(dbtest_value(my, sql));
}

static void test_fixtures(const char *fx)
{
	char args[16384];
	snprintf(args, sizeof args, "import rms --list-name 'Hostile fixture' '%s/hostile.csv'", fx);
	int rc = sporctl(args);
	is_int(rc, 3, "an import with a row without a Term ID exits 3");
	ok(strstr(output, "dropped a value, line 5, column \"Term Status\": is not") &&
		   strstr(output, "dropped a value, line 10, column \"Term Name Modified On\": is not a date") &&
		   strstr(output, "dropped a value, line 15, column \"Term Name\": is not valid UTF-8") &&
		   strstr(output, "rejected line 6: Term ID"),
	   "each unreadable value is reported with its line, column and reason; the row without a Term ID too");
	ok(strstr(output, "12 rows, 2 repaired, 1 rejected, 4 values dropped"),
	   "the summary counts rows, repairs, rejections and values dropped");
	/* Then the dump of the bulk downloads, which the import runs before it returns. */
	const char *end = "term IDs: 10 in the source, 10 stored\ndump: ";
	ok(strstr(output, end) != NULL, "the report ends with the term IDs in the file and the terms stored");
	is_int(count("SELECT COUNT(*) FROM rms_terms WHERE list_id = 900000000001"), 10,
	       "every term is in, those with an unreadable value too (11 rows, 10 terms)");
	is_str(dbtest_value(my, "SELECT status FROM rms_terms WHERE id = 900000000103"), "CURRENT",
	       "a new term whose status could not be read is current");
	is_str(dbtest_value(my, "SELECT name FROM rms_lists WHERE id = 900000000001"), "Hostile fixture",
	       "--list-name names the list");
	is_str(dbtest_value(my, "SELECT value FROM rms_term_names WHERE term_id = 900000000104 AND lang = 'en'"),
	       "<script>alert('x')</script> \"quoted\"", "markup is stored as text");
	is_str(dbtest_value(my, "SELECT term_count FROM rms_lists WHERE id = 900000000001"), "10", "the list counts its terms");
	is_str(dbtest_value(my, "SELECT source_term_id FROM rms_term_mappings WHERE term_id = 900000000102 "
				"AND position = 0"),
	       "Powder and solvent for oral solution, suspension", "the repaired mapping is stored whole");

	rc = sporctl(args);
	ok(rc == 3 && strstr(output, "0 new, 0 changed, 10 unchanged"), "importing the same file again changes nothing");
	is_int(count("SELECT MAX(seq) FROM rms_term_versions WHERE term_id = 900000000101"), 1,
	       "and records no new version");

	snprintf(args, sizeof args, "import rms '%s/codesystem.json'", fx);
	rc = sporctl(args);
	ok(rc == 3 && strstr(output, "3 concepts, 2 rejected"), "a FHIR CodeSystem imports (bad concepts rejected)");
	is_str(dbtest_value(my, "SELECT parent_id FROM rms_terms WHERE id = 900000000302"), "900000000301",
	       "nested concepts keep their parent");
	is_str(dbtest_value(my, "SELECT value FROM rms_term_names WHERE term_id = 900000000301 AND lang = 'de' "
				"AND kind = 'short'"),
	       "Lsg.", "designations are names in their language");

	snprintf(args, sizeof args, "import rms 'file://%s/bundle.json'", fx);
	ok(sporctl(args) == 1 && strstr(output, "only http and https URLs"), "a file:// URL is refused: give its path");
	snprintf(args, sizeof args, "import rms '%s/bundle.json'", fx);
	ok(sporctl(args) == 0 && count("SELECT COUNT(*) FROM rms_lists WHERE id IN (900000000003, 900000000004)") == 2,
	   "a Bundle imports both lists");

	/* Several sources in one command: each in turn and in its own
	 * transaction, a failed one leaving the others stored, one dump after
	 * them all. */
	snprintf(args, sizeof args, "import rms '%s/bundle.json' '%s/does-not-exist.csv' '%s/codesystem.json'", fx, fx,
		 fx);
	rc = sporctl(args);
	const char *third = strstr(output, "import 3 of 3"), *dump = strstr(output, "writing the bulk downloads");
	if (!ok(rc == 1 && strstr(output, "import 1 of 3") && strstr(output, "import 2 of 3: ") &&
			strstr(output, "does-not-exist.csv") && third && strstr(third, "3 concepts, 2 rejected") && dump &&
			dump > third && !strstr(dump + 1, "writing the bulk downloads"),
		"several sources: each imported in turn, a missing one failing alone (exit 1), one dump after them"))
		diag("%s", output);
	ok(sporctl("import rms --list-name Two a.csv b.csv") == 2 && strstr(output, "usage"),
	   "--list-name with several sources is a usage error");

	long long before = count("SELECT COUNT(*) FROM rms_terms");
	const char *bad[] = {"patient.json", "broken.json", "no-header.csv", "does-not-exist.csv"};
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		snprintf(args, sizeof args, "import rms '%s/%s'", fx, bad[i]);
		rc = sporctl(args);
		ok(rc == 1 && strstr(output, bad[i]), "%s: exit 1 with a message naming the file", bad[i]);
	}
	is_int(count("SELECT COUNT(*) FROM rms_terms"), before, "failed imports write nothing");
	ok(sporctl("import rms") == 2 && sporctl("import oms-or-what x") == 2, "usage errors exit 2");
}

/* A ZIP holding an export, fetched over http from the test's nginx. */
static void test_zip_over_http(const char *fx)
{
	const char *var = getenv("SPOR_VAR");
	char zip_path[8192], csv[8192], args[16384];
	snprintf(zip_path, sizeof zip_path, "%s/bench/export-test.zip", var);
	snprintf(csv, sizeof csv, "%s/crlf.csv", fx);
	int err;
	zip_t *z = zip_open(zip_path, ZIP_CREATE | ZIP_TRUNCATE, &err);
	zip_source_t *src = zip_source_file(z, csv, 0, -1);
	zip_file_add(z, "900000000005.csv", src, ZIP_FL_OVERWRITE);
	zip_dir_add(z, "docs/", 0);
	ok(zip_close(z) == 0, "a ZIP export is made");
	snprintf(args, sizeof args, "import rms '%s/_bench/export-test.zip'", client_base());
	int rc = sporctl(args);
	if (!ok(rc == 0 && strstr(output, "export-test.zip:900000000005.csv") && strstr(output, "2 new"),
		"a ZIP over http imports the CSV it holds"))
		diag("%s", output);
	snprintf(args, sizeof args, "import rms '%s/_bench/no-such.zip'", client_base());
	ok(sporctl(args) == 1 && strstr(output, "404"), "an http error is reported");
	unlink(zip_path);

	snprintf(zip_path, sizeof zip_path, "%s/bench/not-a-zip.zip", var);
	FILE *f = fopen(zip_path, "w");
	fputs("PK\x03\x04 this is not really a zip", f);
	fclose(f);
	snprintf(args, sizeof args, "import rms '%s'", zip_path);
	ok(sporctl(args) == 1 && strstr(output, "not a readable ZIP"), "a broken ZIP is refused");
	unlink(zip_path);
}

/* The real exports and CodeSystems: the counts each holds. */
static void test_real(const char *data)
{
	const struct {
		const char *file, *list;
		long long terms, langs;
	} real[] = {
		{"rms/200000000009.csv", "200000000009", 52, 4},   {"rms/200000000006.csv", "200000000006", 90, 35},
		{"rms/200000000007.csv", "200000000007", 84, 34},  {"rms/200000000008.csv", "200000000008", 17, 28},
		{"rms/200000000014.csv", "200000000014", 96, 27},  {"fhir/countryEMA.json", "100000000002", 265, 1},
		{"fhir/domain.json", "100000000004", 3, 1},	   {"fhir/languageEMA.json", "100000072057", 186, 1},
	};
	char args[16384], sql[512];
	for (size_t i = 0; i < sizeof real / sizeof real[0]; i++) {
		snprintf(args, sizeof args, "import rms '%s/%s'", data, real[i].file);
		snprintf(sql, sizeof sql, "SELECT COUNT(*) FROM rms_terms WHERE list_id = %s", real[i].list);
		/* A list the demonstration data filled first keeps the
		 * translations a source without them does not replace: then
		 * the source's languages are among the list's, not all of them. */
		bool held = count(sql) > 0;
		int rc = sporctl(args);
		long long terms = count(sql);
		snprintf(sql, sizeof sql,
			 "SELECT COUNT(DISTINCT lang) FROM rms_term_names n JOIN rms_terms t ON t.id = n.term_id "
			 "WHERE t.list_id = %s",
			 real[i].list);
		long long langs = count(sql);
		if (!ok(rc == 0 && terms == real[i].terms && (held ? langs >= real[i].langs : langs == real[i].langs),
			"%s: %lld terms in %lld languages", real[i].file, real[i].terms, real[i].langs))
			diag("exit %d, %lld terms, %lld languages: %s", rc, terms, langs, output);
	}
	snprintf(args, sizeof args, "import rms '%s/rms/200000000006.csv'", data);
	ok(sporctl(args) == 0 && strstr(output, "0 new, 0 changed, 90 unchanged"), "re-importing a real export changes nothing");
	snprintf(args, sizeof args, "import rms '%s/fhir/combinedDoseForm.json'", data);
	ok(sporctl(args) == 0 && strstr(output, "0 changed"), "its FHIR CodeSystem agrees with it: nothing changes");
	is_str(dbtest_value(my, "SELECT value FROM rms_term_names WHERE term_id = 100000073366 AND lang = 'fr' AND kind = 'name'"),
	       "Poudre et solvant pour solution buvable", "a real French name");
}

/* Generated EMA exports (tests/ema_export.c) through sporctl: exit 0, every
 * term stored as its known values say, each unreadable value reported;
 * imported again, nothing changes and nothing is rejected. */
static void test_generated(void)
{
	enum { FILES = 4, TERMS = 30 };
	char path[4200], args[4400];
	snprintf(path, sizeof path, "%s/tmp/generated.csv", getenv("SPOR_VAR"));
	snprintf(args, sizeof args, "import rms '%s'", path);
	for (unsigned long long seed = 1; seed <= FILES; seed++) {
		struct ema_export e;
		unsigned long long first = 900000070000ull + seed * 100;
		ema_export_make(&e, "900000000070", first, TERMS, seed);
		FILE *f = fopen(path, "w");
		bool written = f && fwrite(e.csv, 1, e.len, f) == e.len;
		if (f)
			fclose(f);
		int rc = written ? sporctl(args) : -1;
		char summary[80], what[2048] = "";
		snprintf(summary, sizeof summary, "term IDs: %d in the source, %d stored", TERMS, TERMS);
		size_t drops = 0;
		for (const char *p = output; (p = strstr(p, "dropped a value, line")); p++)
			drops++;
		if (!ok(rc == 0 && strstr(output, summary) && drops == e.unreadable,
			"generated export %llu: exit 0, %d terms stored, %zu unreadable values reported", seed, TERMS,
			e.unreadable))
			diag("exit %d, %zu reported: %s", rc, drops, output);
		bool same = true;
		const char *id;
		json_t *want;
		json_object_foreach(e.expected, id, want)
		{
			char sql[200];
			snprintf(sql, sizeof sql,
				 "SELECT snapshot FROM rms_term_versions WHERE term_id = %s ORDER BY seq DESC LIMIT 1", id);
			json_t *got = json_loads(dbtest_value(my, sql), 0, NULL);
			if (same && !ema_export_same(want, got, what, sizeof what)) {
				diag("term %s: %s", id, what);
				same = false;
			}
			json_decref(got);
		}
		ok(same, "generated export %llu: every term stored with every readable value", seed);
		rc = sporctl(args);
		snprintf(summary, sizeof summary, "0 new, 0 changed, %d unchanged", TERMS);
		ok(rc == 0 && strstr(output, summary) && strstr(output, " 0 rejected"),
		   "generated export %llu imported again: nothing changes, nothing rejected", seed);
		ema_export_free(&e);
	}
	unlink(path);
}

/* A CSV of `n` generated terms of list 900000000077 (no fixture's). */
static int write_terms(const char *path, int n)
{
	FILE *f = fopen(path, "w");
	if (!f)
		return -1;
	fputs("List ID,Term ID,Language,Term Name,Term Status\n", f);
	for (int i = 0; i < n; i++)
		fprintf(f, "900000000077,9000000%05d,en,\"Generated term %d\",CURRENT\n", 20000 + i, i);
	return fclose(f);
}

/* An import is one transaction: one that fails after writing 600 terms
 * (another session holds the list's row, so that the final count of its
 * terms gives up waiting) leaves the list exactly as it was, not with the
 * terms of the batches it had committed. */
static void test_all_or_nothing(void)
{
	char path[4200], args[4400];
	snprintf(path, sizeof path, "%s/tmp/all-or-nothing.csv", getenv("SPOR_VAR"));
	snprintf(args, sizeof args, "import rms --list-name 'All or nothing' '%s'", path);
	if (!ok(write_terms(path, 1) == 0 && sporctl(args) == 0, "a list of one term"))
		return;
	write_terms(path, 600);
	dbtest_execf(my, "SET GLOBAL innodb_lock_wait_timeout = 1");
	dbtest_execf(my, "START TRANSACTION");
	dbtest_value(my, "SELECT id FROM rms_lists WHERE id = 900000000077 LOCK IN SHARE MODE");
	int rc = sporctl(args);
	dbtest_execf(my, "COMMIT");
	dbtest_execf(my, "SET GLOBAL innodb_lock_wait_timeout = DEFAULT");
	ok(rc == 1 && strstr(output, "nothing was written"), "an import of 600 terms that fails at its end says so");
	is_int(count("SELECT COUNT(*) FROM rms_terms WHERE list_id = 900000000077"), 1,
	       "and leaves the list as it was: no term of it written");
	ok(sporctl(args) == 0 && count("SELECT COUNT(*) FROM rms_terms WHERE list_id = 900000000077") == 600,
	   "imported again, all 600 terms are in");
	unlink(path);
}

/* An import removes a term's rows of the other tables only when the term
 * has a row already (a first import only writes): judged by the term's
 * row, not by its versions, so a term without a version recorded (one
 * lost, or written by an older importer) still has its names replaced,
 * not doubled into a duplicate key that fails the import. */
static void test_term_without_version(void)
{
	char path[4200], args[4400];
	snprintf(path, sizeof path, "%s/tmp/no-version.csv", getenv("SPOR_VAR"));
	snprintf(args, sizeof args, "import rms --list-name 'No version' '%s'", path);
	FILE *f = fopen(path, "w");
	if (f) {
		fputs("List ID,Term ID,Language,Term Name,Term Status\n"
		      "900000000078,900000078001,en,\"Stray powder\",CURRENT\n"
		      "900000000078,900000078001,fr,\"Poudre errante\",CURRENT\n",
		      f);
		fclose(f);
	}
	if (!ok(f && sporctl(args) == 0, "a term imported"))
		return;
	dbtest_execf(my, "DELETE FROM rms_term_versions WHERE term_id = 900000078001");
	dbtest_execf(my, "INSERT INTO rms_term_names (term_id, lang, kind, value) VALUES (900000078001, 'de', 'name', "
			 "'Verirrtes Pulver')");
	f = fopen(path, "w");
	if (f) {
		fputs("List ID,Term ID,Language,Term Name,Term Status\n"
		      "900000000078,900000078001,en,\"Stray granules\",CURRENT\n",
		      f);
		fclose(f);
	}
	int rc = f ? sporctl(args) : -1;
	if (!ok(rc == 0, "its versions removed, the term is imported again"))
		diag("exit %d: %s", rc, output);
	is_str(dbtest_value(my, "SELECT GROUP_CONCAT(lang, ':', value ORDER BY lang) FROM rms_term_names"
				" WHERE term_id = 900000078001"),
	       "en:Stray granules", "its names are the file's, the ones it had before removed");
	is_int(count("SELECT COUNT(*) FROM rms_term_words WHERE term_id = 900000078001 AND wkey IN"
		     " (WEIGHT_STRING('powder' COLLATE utf8mb4_unicode_520_ci),"
		     " WEIGHT_STRING('poudre' COLLATE utf8mb4_unicode_520_ci))"),
	       0, "and so are its words");
	is_int(count("SELECT COUNT(*) FROM rms_term_versions WHERE term_id = 900000078001"), 1,
	       "a version is recorded");
	unlink(path);
}

int main(void)
{
	client_init();
	if (!getenv("SPOR_TEST_BUILD") || !getenv("SPOR_CONFIG") || !getenv("SPOR_VAR"))
		skip_all("no test instance");
	my = dbtest_connect("owner");
	if (!ok(my != NULL, "the database answers"))
		return done_testing();
	const char *src = getenv("top_srcdir");
	char fx[4096], data[4096];
	snprintf(fx, sizeof fx, "%s/tests/fixtures/rms", src ? src : ".");
	char *abs = realpath(fx, NULL);
	test_fixtures(abs ? abs : fx);
	test_zip_over_http(abs ? abs : fx);
	test_all_or_nothing();
	test_term_without_version();
	test_generated();
	free(abs);
	const char *shared = getenv("SPOR_SHARED_DATA");
	snprintf(data, sizeof data, "%s", shared ? shared : "");
	if (!shared)
		snprintf(data, sizeof data, "%s/../shared/data", src ? src : ".");
	if (access(data, R_OK) == 0)
		test_real(data);
	else
		printf("ok %d - real exports # SKIP no ../shared/data\n", ++tap_count);
	mysql_close(my);
	return done_testing();
}
