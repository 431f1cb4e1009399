/* sporctl import rms FILE|URL...: read an EMA list export (CSV, or the ZIP
 * that holds it) or FHIR CodeSystem JSON (alone or in a Bundle), from a file
 * or an http, https or file URL, and merge it into the database; several
 * one after another, each in its own transaction, then one dump of the bulk
 * downloads.  Prints progress on a terminal, each value it could not read,
 * and a summary that ends with the term IDs in the source and the terms
 * stored; exit 0 when every term was stored (values dropped or not), 3 when
 * a term or a row that may be one was not, 1 on failure (of that source:
 * nothing of it written). */
#include "config.h"

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>
#include <zip.h>

#include "core/db.h"
#include "core/mem.h"
#include "ctl/ctl.h"
#include "rms/rms_csv.h"
#include "rms/rms_fhir.h"
#include "rms/rms_store.h"

enum { LANGS_MAX = 256 };
/* Terms merged and written together: their last versions come in one
 * answer, their rows in one statement per table (rms_store_terms). */
enum { TERMS_BATCH = 1000 };

struct import {
	struct arena *a;
	const char *list_name; /* --list-name, for a CSV of one list */
	struct rms_term_in *recs;
	size_t nrecs, cap;
	struct rms_list_in *lists;
	size_t nlists, lists_cap;
	struct ctl_report report;
	char langs[LANGS_MAX][12];
	size_t nlangs;
	size_t terms, stored; /* distinct term IDs read, and stored */
};

static int on_list(void *ctx, const struct rms_list_in *list)
{
	struct import *im = ctx;
	if (im->nlists == im->lists_cap) {
		im->lists_cap = im->lists_cap ? im->lists_cap * 2 : 8;
		im->lists = xrealloc(im->lists, im->lists_cap * sizeof *im->lists);
	}
	im->lists[im->nlists++] = *list;
	return 0;
}

static void note_lang(struct import *im, const char *lang)
{
	for (size_t i = 0; i < im->nlangs; i++)
		if (strcmp(im->langs[i], lang) == 0)
			return;
	if (im->nlangs < LANGS_MAX)
		snprintf(im->langs[im->nlangs++], sizeof im->langs[0], "%s", lang);
}

static int on_term(void *ctx, const struct rms_term_in *t)
{
	struct import *im = ctx;
	if (im->nrecs == im->cap) {
		im->cap = im->cap ? im->cap * 2 : 1024;
		im->recs = xrealloc(im->recs, im->cap * sizeof *im->recs);
	}
	im->recs[im->nrecs++] = *t;
	if (t->lang)
		note_lang(im, t->lang);
	return 0;
}

static void on_reject(void *ctx, unsigned long line, const char *reason)
{
	struct import *im = ctx;
	ctl_reject(&im->report, line, NULL, reason);
}

static void on_drop(void *ctx, unsigned long line, const char *column, const char *reason)
{
	struct import *im = ctx;
	ctl_drop(&im->report, line, column, reason);
}

static void on_progress(void *ctx, size_t done, size_t total)
{
	struct import *im = ctx;
	ctl_progress(&im->report, "reading", done, total);
}

static int by_term(const void *x, const void *y)
{
	const struct rms_term_in *a = x, *b = y;
	int c = strcmp(a->id, b->id);
	if (c)
		return c;
	return (a->line > b->line) - (a->line < b->line);
}

/* Parse one document (CSV or JSON) into the import's records. */
static int parse(struct import *im, const char *name, const char *data, size_t len)
{
	struct rms_sink sink = {.ctx = im, .list = on_list, .term = on_term, .reject = on_reject,
				.progress = on_progress, .drop = on_drop};
	char err[512];
	if (ctl_is_json(data, len)) {
		struct rms_fhir_stats st;
		if (rms_fhir_read(im->a, data, len, &sink, &st, err, sizeof err) < 0) {
			fprintf(stderr, "sporctl: %s: %s\n", name, err);
			return -1;
		}
		printf("%s: FHIR: %lu CodeSystem%s, %lu concepts, %lu rejected\n", name, st.codesystems,
		       st.codesystems == 1 ? "" : "s", st.concepts, st.rejected);
		return 0;
	}
	struct rms_csv_stats st;
	if (rms_csv_read(im->a, data, len, &sink, &st, err, sizeof err) < 0) {
		fprintf(stderr, "sporctl: %s: %s\n", name, err);
		return -1;
	}
	printf("%s: EMA list export (CSV): %lu rows, %lu repaired, %lu rejected, %lu values dropped\n", name, st.rows,
	       st.repaired, st.rejected, st.dropped);
	return 0;
}

static bool entry_wanted(const char *name)
{
	size_t n = strlen(name);
	return (n > 4 && strcasecmp(name + n - 4, ".csv") == 0) || (n > 5 && strcasecmp(name + n - 5, ".json") == 0);
}

/* Every .csv and .json entry of a ZIP archive. */
static int parse_zip(struct import *im, const char *name, const char *data, size_t len)
{
	zip_error_t ze;
	zip_error_init(&ze);
	zip_source_t *src = zip_source_buffer_create(data, len, 0, &ze);
	zip_t *z = src ? zip_open_from_source(src, ZIP_RDONLY, &ze) : NULL;
	if (!z) {
		fprintf(stderr, "sporctl: %s: not a readable ZIP archive: %s\n", name, zip_error_strerror(&ze));
		if (src)
			zip_source_free(src);
		zip_error_fini(&ze);
		return -1;
	}
	int rc = 0, found = 0;
	zip_int64_t n = zip_get_num_entries(z, 0);
	for (zip_int64_t i = 0; rc == 0 && i < n; i++) {
		zip_stat_t st;
		if (zip_stat_index(z, (zip_uint64_t)i, 0, &st) != 0 || !(st.valid & ZIP_STAT_SIZE) ||
		    !entry_wanted(st.name))
			continue;
		if (st.size > CTL_SOURCE_MAX) {
			fprintf(stderr, "sporctl: %s: %s is larger than %u MiB\n", name, st.name, CTL_SOURCE_MAX >> 20);
			rc = -1;
			break;
		}
		zip_file_t *f = zip_fopen_index(z, (zip_uint64_t)i, 0);
		char *buf = xmalloc(st.size + 1);
		zip_int64_t got = f ? zip_fread(f, buf, st.size) : -1;
		if (f)
			zip_fclose(f);
		if (got < 0 || (zip_uint64_t)got != st.size) {
			fprintf(stderr, "sporctl: %s: cannot read %s\n", name, st.name);
			rc = -1;
		} else {
			char *entry = arena_printf(im->a, "%s:%s", name, st.name);
			/* The readers keep pointers into the text: keep it in the arena. */
			char *text = arena_strndup(im->a, buf, st.size);
			rc = parse(im, entry, text, st.size);
			found++;
		}
		free(buf);
	}
	zip_close(z);
	zip_error_fini(&ze);
	if (rc == 0 && !found) {
		fprintf(stderr, "sporctl: %s: the archive holds no .csv or .json file\n", name);
		rc = -1;
	}
	return rc;
}

/* A record whose list ID could not be read is of the list its term's
 * other records name, else of the file's first list (an export holds one
 * list).  Records sorted by term. */
static void fill_lists(struct import *im)
{
	const char *file_list = NULL;
	for (size_t i = 0; i < im->nrecs && !file_list; i++)
		file_list = im->recs[i].list_id;
	for (size_t i = 0, end; i < im->nrecs; i = end) {
		const char *list = NULL;
		for (end = i; end < im->nrecs && strcmp(im->recs[end].id, im->recs[i].id) == 0; end++)
			if (!list)
				list = im->recs[end].list_id;
		for (size_t k = i; k < end; k++)
			if (!im->recs[k].list_id)
				im->recs[k].list_id = list ? list : file_list;
	}
}

/* The file's name on the connection: the change feed records it with each
 * term's version the import writes (the trigger of migration 0026). */
static struct db_sql q_feed_file = DB_SQL("SET @spor_import_file = ?");

static int feed_file(struct db *db, const char *source)
{
	char name[256];
	ctl_source_name(source, name, sizeof name);
	return db_exec(db, &q_feed_file, NULL, "s", name);
}

static int store_all(struct import *im, struct db *db)
{
	struct rms_store *s = rms_store_open(db, "import");
	int rc = 0;
	/* Lists first: those a FHIR document names, then those CSV rows use. */
	for (size_t i = 0; rc == 0 && i < im->nlists; i++)
		rc = rms_store_list(s, im->a, &im->lists[i]);
	qsort(im->recs, im->nrecs, sizeof *im->recs, by_term);
	fill_lists(im);
	const char *seen_list = NULL;
	for (size_t i = 0; rc == 0 && i < im->nrecs; i++) {
		const char *list = im->recs[i].list_id;
		if (!list || (seen_list && strcmp(seen_list, list) == 0))
			continue;
		bool named = false;
		for (size_t k = 0; k < im->nlists; k++)
			named |= strcmp(im->lists[k].id, list) == 0;
		if (!named) {
			struct rms_list_in l = {list, im->list_name, NULL};
			rc = rms_store_list(s, im->a, &l);
			on_list(im, &l);
		}
		seen_list = list;
	}
	/* Each term's records, then the terms in batches (a bar between). */
	const struct rms_term_in **recs = xmalloc((im->nrecs + 1) * sizeof *recs);
	struct rms_term_group *terms = xmalloc((im->nrecs + 1) * sizeof *terms);
	size_t nterms = 0;
	for (size_t i = 0; i < im->nrecs;) {
		struct rms_term_group g = {&recs[i], 0};
		do
			recs[i] = &im->recs[i];
		while (++i < im->nrecs && strcmp(im->recs[i].id, g.recs[0]->id) == 0);
		g.n = (size_t)(&recs[i] - g.recs);
		im->terms++;
		if (g.recs[0]->list_id) /* else no record of the file had a readable list ID */
			terms[nterms++] = g;
	}
	for (size_t i = 0; rc == 0 && i < nterms; i += TERMS_BATCH) {
		size_t n = nterms - i < TERMS_BATCH ? nterms - i : TERMS_BATCH;
		rc = rms_store_terms(s, im->a, &terms[i], n);
		if (im->report.tty)
			ctl_progress_bar("writing", i + n, nterms);
	}
	im->stored = rc == 0 ? nterms : 0;
	free(terms);
	free(recs);
	struct rms_store_stats st;
	int closed = rms_store_close(s, rc == 0, &st);
	if (rc == 0 && closed == 0) {
		printf("  lists: %lu new, %lu renamed\n", st.lists_new, st.lists_updated);
		printf("  terms: %lu new, %lu changed, %lu unchanged\n", st.terms_new, st.terms_changed,
		       st.terms_unchanged);
		printf("  texts: %lu names and descriptions written; %zu languages in the source\n", st.texts,
		       im->nlangs);
	} else {
		fprintf(stderr, "sporctl: import failed; nothing was written (rolled back)\n");
		im->stored = 0;
		rc = -1;
	}
	return rc;
}

static void import_usage(void)
{
	fprintf(stderr, "usage: sporctl import rms [--list-name NAME] FILE|URL [FILE|URL ...]\n"
			"       sporctl import oms FILE|URL   (see docs/oms-import.md)\n"
			"  FILE or URL (http, https, file): an EMA list export (.csv, or the .zip holding it)\n"
			"  or FHIR R4 CodeSystem JSON, alone or in a Bundle.  Several are imported one after\n"
			"  another, each in its own transaction, and the bulk downloads written once after them.\n"
			"  --list-name NAME  the list's name, for a CSV export (it holds only the list ID);\n"
			"                    with one FILE or URL only\n"
			"Exit status: 0 every term stored (unreadable values dropped and listed), 3 a term\n"
			"  or a row without a readable Term ID not stored (the others stored), 1 failure\n"
			"  (of one of several: the others stored).\n");
}

/* One file or URL, imported in its own transaction and reported: 0 every
 * term stored, 3 a term or a row not stored (the others stored), -1
 * nothing written. */
static int import_one(const struct settings *s, const char *source, const char *list_name)
{
	struct import im = {.a = arena_new(), .list_name = list_name, .report = {.tty = isatty(STDERR_FILENO) == 1}};
	size_t len = 0;
	char *raw = ctl_source_read(s, source, &len);
	if (!raw) {
		arena_free(im.a);
		return -1;
	}
	/* Records point into the text: it lives as long as the import. */
	char *data = arena_strndup(im.a, raw, len);
	free(raw);
	int rc = len >= 4 && memcmp(data, "PK\x03\x04", 4) == 0 ? parse_zip(&im, source, data, len)
								 : parse(&im, source, data, len);
	if (rc == 0 && im.nrecs == 0 && im.nlists == 0) {
		fprintf(stderr, "sporctl: %s: nothing to import\n", source);
		rc = -1;
	}
	if (rc == 0) {
		struct db_conf dc;
		db_conf_from(&dc, s, "owner");
		struct db *db = db_new(&dc);
		rc = db_connect(db) < 0 || feed_file(db, source) < 0 ? -1 : store_all(&im, db);
		db_free(db);
	}
	ctl_report_end(&im.report);
	if (im.terms || rc == 0)
		printf("  term IDs: %zu in the source, %zu stored\n", im.terms, im.stored);
	int status = rc < 0 ? -1 : im.report.rejected || im.stored < im.terms ? 3 : 0;
	free(im.recs);
	free(im.lists);
	arena_free(im.a);
	return status;
}

int ctl_import(const struct settings *s, int argc, char **argv)
{
	if (argc >= 1 && strcmp(argv[0], "oms") == 0)
		return ctl_import_oms(s, argc, argv);
	if (argc < 1 || strcmp(argv[0], "rms") != 0) {
		import_usage();
		return 2;
	}
	const char *list_name = NULL;
	const char **sources = xcalloc((size_t)argc, sizeof *sources);
	size_t n = 0;
	bool unknown = false;
	for (int i = 1; i < argc && !unknown; i++) {
		if (strcmp(argv[i], "--list-name") == 0 && i + 1 < argc && !list_name)
			list_name = argv[++i];
		else if (argv[i][0] != '-')
			sources[n++] = argv[i];
		else
			unknown = true;
	}
	if (unknown || n == 0 || (list_name && n > 1)) {
		import_usage();
		free(sources);
		return 2;
	}
	/* One dump after them all: at a million terms it takes the machine
	 * half a minute, whatever a file changed (docs/performance.md). */
	bool failed = false, partial = false, stored = false;
	for (size_t i = 0; i < n; i++) {
		if (n > 1) {
			printf("import %zu of %zu: %s\n", i + 1, n, sources[i]);
			fflush(stdout);
		}
		int status = import_one(s, sources[i], list_name);
		failed |= status < 0;
		partial |= status == 3;
		stored |= status >= 0;
	}
	free(sources);
	if (!stored)
		return 1;
	return ctl_dump_after(s, failed ? 1 : partial ? 3 : 0);
}
