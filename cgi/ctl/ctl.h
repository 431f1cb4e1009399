/* sporctl's commands, one file each (ctl_<command>.c). */
#ifndef SPOR_CTL_H
#define SPOR_CTL_H

#include <stdbool.h>
#include <stddef.h>

struct settings;

/* Each returns the process exit status: 0 success, 1 failure, 2 usage. */
int ctl_migrate(const struct settings *s, int argc, char **argv);
int ctl_import(const struct settings *s, int argc, char **argv);
int ctl_import_oms(const struct settings *s, int argc, char **argv);
int ctl_gendata(const struct settings *s, int argc, char **argv);
int ctl_user(const struct settings *s, int argc, char **argv);
int ctl_create_admin(const struct settings *s, int argc, char **argv);
int ctl_throttle(const struct settings *s, int argc, char **argv);
int ctl_notify(const struct settings *s, int argc, char **argv);
int ctl_dump(const struct settings *s, int argc, char **argv);
/* The end of an import that stored its data (ctl_dump.c): the dump; the
 * import's `status`, or the dump's failure when the import had none. */
int ctl_dump_after(const struct settings *s, int status);
/* Part of migrate: every account's email in its normal form, collisions
 * printed (ctl_emails.c).  0 or -1. */
struct arena;
struct db;
int ctl_emails_normalise(struct db *db, struct arena *a);
/* Part of migrate: the records of change requests submitted before they
 * were kept, as far as their data tells (ctl_records.c).  0 or -1. */
int ctl_records_recover(struct db *db, struct arena *a);
/* sporctl user reset-2fa ACCOUNT (ctl_twofactor.c): the account's ID, on
 * the operator's connection. */
int ctl_reset_2fa(const struct settings *s, struct db *db, const char *account);
/* gen-data's organisations (ctl_gendata_oms.c). */
int ctl_gendata_orgs(struct db *db, long long n, bool tty);

/* Shared by the importers (ctl_source.c). */
enum { CTL_SOURCE_MAX = 512u << 20 };
/* A file, or an http or https URL (redirects followed to http or https
 * only, never from https to http; import.ca_file for the certificates),
 * read whole (NUL-terminated; free() it); NULL after saying why on stderr.
 * Any other URL is refused. */
char *ctl_source_read(const struct settings *s, const char *source, size_t *len);
/* The name of `source` that a history shows: its last segment (a URL's
 * without its query, which may hold a key), in at most n - 1 bytes of
 * UTF-8 without control characters ('?' stands for what is not). */
void ctl_source_name(const char *source, char *out, size_t n);
/* JSON rather than CSV: the first non-blank byte is '{'. */
bool ctl_is_json(const char *data, size_t len);
void ctl_progress_bar(const char *what, size_t done, size_t total);

/* What an import tells its operator as it reads: each rejected row (the
 * first CTL_REJECTS_SHOWN, by line, or by `where` when it has none), each
 * value dropped from a row it kept (as many, by line and column), the
 * progress bar on a terminal, and at the end how many more there were. */
enum { CTL_REJECTS_SHOWN = 50 };
struct ctl_report {
	bool tty;
	unsigned long rejected, dropped;
	size_t last; /* where the bar was last drawn */
};
void ctl_reject(struct ctl_report *rep, unsigned long line, const char *where, const char *reason);
void ctl_drop(struct ctl_report *rep, unsigned long line, const char *column, const char *reason);
void ctl_progress(struct ctl_report *rep, const char *what, size_t done, size_t total);
void ctl_report_end(const struct ctl_report *rep);

#endif
