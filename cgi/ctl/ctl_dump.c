/* sporctl dump: the bulk downloads of /downloads.  Two ZIP archives in
 * downloads.dir, named with the day (UTC): lists-DATE.zip, every list's CSV
 * (csv/<listId>.csv) and FHIR CodeSystem (fhir/<listId>.json), and
 * organisations-DATE.zip, every organisation with its locations
 * (organisations.csv, organisations.json), each file written by the code of
 * the portal's own export, so byte for byte what that export answers.  Each
 * archive is written as the rows come (flat memory at any size) to a
 * temporary file, moved into place whole, then recorded with its size and
 * SHA-256 in `downloads`, which the page lists; the oldest beyond
 * downloads.keep go.  One dump at a time (a lock in the folder).
 * `--if-queued` dumps only when an approval asked for it (dump_queue,
 * migration 0027): a timer runs it every minute; every dump serves the
 * rows queued before it started.  `sporctl import` dumps before it returns
 * (ctl_dump_after). */
#include "config.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <fnmatch.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "core/conf.h"
#include "core/db.h"
#include "core/program.h"
#include "core/zipout.h"
#include "ctl/ctl.h"
#include "oms/oms_export.h"
#include "rms/rms_export.h"

/* The archives' names, as nginx serves them (nginx/spor.conf.in). */
static const char *const kinds[] = {"lists", "organisations"};
#define ARCHIVE_GLOB "-[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9].zip"

struct dump {
	struct req *r;
	struct zipout *z;
	bool tty;
	time_t t0, shown;
	unsigned long long bytes; /* uncompressed, this archive */
	const char *what;
	size_t done, total; /* the progress bar's terms (lists) or files (organisations) */
};

static void progress(struct dump *d, bool last)
{
	time_t now = time(NULL);
	if (!d->tty || (!last && now == d->shown))
		return;
	d->shown = now;
	int pct = d->total ? (int)(d->done * 100 / d->total) : 100, fill = pct * 30 / 100;
	fprintf(stderr, "\r  %-13s [%.*s%*s] %3d%%  %llu MiB  %lld s", d->what, fill, "##############################",
		30 - fill, "", pct, d->bytes >> 20, (long long)(now - d->t0));
	if (last)
		fputc('\n', stderr);
}

static void sink(void *ctx, const char *data, size_t len)
{
	struct dump *d = ctx;
	zipout_write(d->z, data, len); /* a failure fails the archive (zipout_finish) */
	d->bytes += len;
	progress(d, false);
}

enum { LISTS_ID, LISTS_TERMS, LISTS__COUNT };
static struct db_sql q_lists = DB_SQL_COLS(LISTS__COUNT, "SELECT id, term_count FROM rms_lists ORDER BY id");

/* A list's terms, as its row counts them. */
static size_t terms_of(const struct db_rows *lists, size_t i)
{
	const char *n = db_get(lists, i, LISTS_TERMS);
	return n ? (size_t)strtoull(n, NULL, 10) : 0;
}

/* Every list, its CSV and FHIR CodeSystem; the number of files or -1. */
static int lists_write(struct dump *d)
{
	/* The lists in an arena of their own: the request's is reset after
	 * each file, so that memory does not grow with the number of lists. */
	struct arena *a = arena_new();
	struct db_rows lists;
	if (db_query(d->r->app->db, a, &q_lists, &lists, "") < 0) {
		arena_free(a);
		return -1;
	}
	d->total = 0;
	for (size_t i = 0; i < lists.nrows; i++)
		d->total += 2 * (terms_of(&lists, i) + 1);
	int files = 0;
	for (size_t i = 0; i < lists.nrows; i++) {
		const char *id = db_get(&lists, i, LISTS_ID);
		size_t share = terms_of(&lists, i) + 1;
		static const struct {
			const char *folder, *ext;
			enum rms_export_form form;
		} forms[] = {{"csv", "csv", RMS_EXPORT_CSV}, {"fhir", "json", RMS_EXPORT_FHIR}};
		for (size_t f = 0; f < 2; f++) {
			char name[64];
			snprintf(name, sizeof name, "%s/%s.%s", forms[f].folder, id, forms[f].ext);
			if (zipout_entry(d->z, name) < 0 || rms_export_whole(d->r, id, forms[f].form, sink, d) < 0) {
				arena_free(a);
				return -1;
			}
			arena_reset(d->r->arena);
			d->done += share;
			files++;
			progress(d, false);
		}
	}
	arena_free(a);
	return files;
}

/* Every organisation with its locations, as CSV and JSON; the number of
 * files or -1. */
static int organisations_write(struct dump *d)
{
	d->total = 2;
	if (zipout_entry(d->z, "organisations.csv") < 0 || oms_export_whole(d->r, OMS_EXPORT_CSV, sink, d) < 0)
		return -1;
	arena_reset(d->r->arena);
	d->done = 1;
	if (zipout_entry(d->z, "organisations.json") < 0 || oms_export_whole(d->r, OMS_EXPORT_JSON, sink, d) < 0)
		return -1;
	d->done = 2;
	return 2;
}

static struct db_sql q_record = DB_SQL(
	"INSERT INTO downloads (name, kind, made_at, size, sha256, entries) VALUES (?, ?, ?, ?, ?, ?)"
	" ON DUPLICATE KEY UPDATE made_at = VALUES(made_at), size = VALUES(size), sha256 = VALUES(sha256),"
	" entries = VALUES(entries)");

/* One archive: written, moved into place, recorded.  0 or -1. */
static int archive(struct dump *d, const struct settings *s, size_t kind, time_t when)
{
	char date[16], made[24], name[64], sha[65];
	struct tm tm;
	gmtime_r(&when, &tm);
	strftime(date, sizeof date, "%Y-%m-%d", &tm);
	strftime(made, sizeof made, "%Y-%m-%d %H:%M:%S", &tm);
	snprintf(name, sizeof name, "%s-%s.zip", kinds[kind], date);
	*d = (struct dump){.r = d->r, .tty = d->tty, .t0 = time(NULL), .what = kinds[kind]};
	d->z = zipout_open(s->downloads_dir, name, (long long)when);
	if (!d->z)
		return -1;
	int files = kind == 0 ? lists_write(d) : organisations_write(d);
	progress(d, true);
	arena_reset(d->r->arena);
	long long size = 0;
	if (files < 0) {
		zipout_abort(d->z);
		return -1;
	}
	if (zipout_finish(d->z, &size, sha) < 0 ||
	    db_exec(d->r->app->db, &q_record, NULL, "sssisi", name, kinds[kind], made, size, sha, (long long)files) < 0)
		return -1;
	printf("dump: %s/%s, %d files, %lld bytes, %.1f MiB uncompressed, %lld s, SHA-256 %s\n", s->downloads_dir, name,
	       files, size, (double)d->bytes / (1 << 20), (long long)(time(NULL) - d->t0), sha);
	return 0;
}

/* The archives kept: the newest downloads.keep of each kind. */
static struct db_sql q_kept = DB_SQL(
	"SELECT name FROM (SELECT name, ROW_NUMBER() OVER (PARTITION BY kind ORDER BY made_at DESC, name DESC) AS n"
	" FROM downloads) k WHERE n <= ?");
static struct db_sql q_forget = DB_SQL(
	"DELETE d FROM downloads d LEFT JOIN (SELECT name FROM (SELECT name, ROW_NUMBER() OVER (PARTITION BY kind"
	" ORDER BY made_at DESC, name DESC) AS n FROM downloads) k WHERE n <= ?) kept ON kept.name = d.name"
	" WHERE kept.name IS NULL");

static bool kept(const struct db_rows *rows, const char *name)
{
	for (size_t i = 0; i < rows->nrows; i++)
		if (strcmp(db_value(rows, i), name) == 0)
			return true;
	return false;
}

/* Forget the older archives, then remove from the folder every archive
 * no row names (the page never lists a file that is gone) and what a dump
 * that died left half written (under the lock, no other dump is writing).
 * 0 or -1. */
static int prune(struct req *r, const struct settings *s)
{
	struct db_rows rows;
	long long keep = s->downloads_keep;
	if (db_exec(r->app->db, &q_forget, NULL, "i", keep) < 0 ||
	    db_query(r->app->db, r->arena, &q_kept, &rows, "i", keep) < 0)
		return -1;
	DIR *dir = opendir(s->downloads_dir);
	if (!dir)
		return -1;
	int removed = 0;
	for (struct dirent *e; (e = readdir(dir));) {
		bool archive_name = fnmatch("lists" ARCHIVE_GLOB, e->d_name, 0) == 0 ||
				    fnmatch("organisations" ARCHIVE_GLOB, e->d_name, 0) == 0;
		bool leftover = fnmatch(".*.zip.??????", e->d_name, FNM_PERIOD) == 0;
		if ((archive_name && !kept(&rows, e->d_name)) || leftover) {
			if (unlinkat(dirfd(dir), e->d_name, 0) == 0)
				removed++;
		}
	}
	closedir(dir);
	if (removed)
		printf("dump: removed %d older file%s\n", removed, removed == 1 ? "" : "s");
	return 0;
}

/* The lock that keeps dumps one at a time: its descriptor, LOCK_BUSY when
 * `wait` is false and another dump holds it, or -1 on an error (said). */
enum { LOCK_BUSY = -2 };
static int lock(const char *dir, bool wait)
{
	char path[4096];
	snprintf(path, sizeof path, "%s/.dump.lock", dir);
	int fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0600);
	if (fd < 0) {
		fprintf(stderr, "sporctl: cannot open %s: %s\n", path, strerror(errno));
		return -1;
	}
	if (flock(fd, LOCK_EX | (wait ? 0 : LOCK_NB)) < 0) {
		int busy = errno == EWOULDBLOCK;
		if (!busy)
			fprintf(stderr, "sporctl: cannot lock %s: %s\n", path, strerror(errno));
		close(fd);
		return busy ? LOCK_BUSY : -1;
	}
	return fd;
}

static struct db_sql q_queued = DB_SQL("SELECT MAX(id) FROM dump_queue");
static struct db_sql q_served = DB_SQL("DELETE FROM dump_queue WHERE id <= ?");

static int dump_all(struct req *r, const struct settings *s, bool if_queued)
{
	struct db_rows q;
	if (db_query(r->app->db, r->arena, &q_queued, &q, "") < 0)
		return 1;
	char queued[24] = ""; /* kept past the arena's resets between archives */
	snprintf(queued, sizeof queued, "%s", q.nrows && db_value(&q, 0) ? db_value(&q, 0) : "");
	if (if_queued && !*queued) {
		printf("dump: nothing queued\n");
		return 0;
	}
	time_t when = time(NULL);
	struct dump d = {.r = r, .tty = isatty(2)};
	for (size_t k = 0; k < sizeof kinds / sizeof kinds[0]; k++)
		if (archive(&d, s, k, when) < 0) {
			fprintf(stderr, "sporctl: the dump of the %s failed; the archives before it stay\n", kinds[k]);
			return 1;
		}
	if (prune(r, s) < 0 || (*queued && db_exec(r->app->db, &q_served, NULL, "s", queued) < 0)) {
		fprintf(stderr, "sporctl: the dump is written, but older archives or the queue could not be cleared\n");
		return 1;
	}
	return 0;
}

/* The dump in one transaction, for one snapshot (REPEATABLE READ): both
 * archives, and each list in both forms, hold the data of one moment,
 * whatever an import or an approval writes meanwhile (their own dump
 * follows).  Committed whatever happened, so that an archive moved into
 * place keeps its row. */
static int run(struct req *r, const struct settings *s, bool if_queued)
{
	if (db_begin(r->app->db) < 0)
		return 1;
	int rc = dump_all(r, s, if_queued);
	return db_commit(r->app->db) < 0 ? 1 : rc;
}

/* The dump with its own connection and lock; `if_queued` as above. */
static int dump(const struct settings *s, bool if_queued)
{
	if (mkdir(s->downloads_dir, 0755) < 0 && errno != EEXIST) {
		fprintf(stderr, "sporctl: cannot create %s: %s\n", s->downloads_dir, strerror(errno));
		return 1;
	}
	int fd = lock(s->downloads_dir, !if_queued);
	if (fd == LOCK_BUSY)
		printf("dump: another dump is running; what is queued waits for the next run\n");
	if (fd < 0)
		return fd == LOCK_BUSY ? 0 : 1;
	struct db_conf dc;
	db_conf_from(&dc, s, "owner");
	struct db *db = db_new(&dc);
	int rc = 1;
	if (db_connect(db) == 0) {
		struct app app = {.settings = *s, .db = db, .primary = db, .arena = arena_new()};
		struct req r = {.app = &app, .arena = app.arena, .roles = ROLE_ANON, .lang = "en"};
		rc = run(&r, s, if_queued);
		arena_free(app.arena);
	}
	db_free(db);
	close(fd);
	return rc;
}

int ctl_dump(const struct settings *s, int argc, char **argv)
{
	bool if_queued = argc == 1 && strcmp(argv[0], "--if-queued") == 0;
	if (argc > 1 || (argc == 1 && !if_queued)) {
		fputs("usage: sporctl dump [--if-queued]\n", stderr);
		return 2;
	}
	return dump(s, if_queued);
}

int ctl_dump_after(const struct settings *s, int status)
{
	printf("dump: the import is stored; writing the bulk downloads before returning\n");
	fflush(stdout);
	int rc = dump(s, false);
	return rc && !status ? rc : status;
}
