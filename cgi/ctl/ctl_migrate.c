/* sporctl migrate: create the database, apply the numbered migrations in
 * db/migrations/ that are not yet recorded in schema_migrations, then apply
 * db/grants.sql and give each program's database user its role, bring
 * every account's email to its normal form (ctl_emails.c), and give the
 * change requests submitted before their records were kept what their
 * data tells of them (ctl_records.c). */
#include "config.h"

#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/conf.h"
#include "core/db.h"
#include "core/file.h"
#include "core/mem.h"
#include "ctl/ctl.h"

static const char create_database[] =
	"EXECUTE IMMEDIATE CONCAT('CREATE DATABASE IF NOT EXISTS `', REPLACE(@spor_db, '`', '``'), "
	"'` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_520_ci')";

static const char create_migrations_table[] =
	"CREATE TABLE IF NOT EXISTS schema_migrations ("
	" version INT UNSIGNED NOT NULL PRIMARY KEY,"
	" name VARCHAR(200) NOT NULL,"
	" applied_at DATETIME NOT NULL"
	") ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_520_ci";

/* The program roles: configuration prefix and the database role granted. */
static const struct {
	const char *conf_role, *db_role;
} program_roles[] = {
	{"public", "spor_public"},
	{"account", "spor_account"},
	{"admin", "spor_admin"},
	{"mailer", "spor_mailer"},
};

struct migration {
	unsigned version;
	char *file;
};

static int by_version(const void *a, const void *b)
{
	const struct migration *x = a, *y = b;
	return (x->version > y->version) - (x->version < y->version);
}

/* Files named NNNN_words.sql, sorted by number. */
static struct migration *list_migrations(const char *dir, size_t *count)
{
	DIR *d = opendir(dir);
	if (!d)
		return NULL;
	struct migration *m = NULL;
	size_t n = 0;
	struct dirent *e;
	while ((e = readdir(d))) {
		const char *name = e->d_name;
		size_t len = strlen(name);
		unsigned v;
		int used = 0;
		if (len < 10 || strcmp(name + len - 4, ".sql") != 0 || sscanf(name, "%4u_%n", &v, &used) != 1 ||
		    used != 5)
			continue;
		m = xrealloc(m, (n + 1) * sizeof *m);
		m[n++] = (struct migration){v, xstrdup(name)};
	}
	closedir(d);
	qsort(m, n, sizeof *m, by_version);
	*count = n;
	return m ? m : xcalloc(1, sizeof *m);
}

static int run_file(struct db *db, const char *path)
{
	size_t len;
	char *sql = file_read(path, &len);
	if (!sql) {
		fprintf(stderr, "sporctl: %s: %s\n", path, strerror(errno));
		return -1;
	}
	int rc = db_run_script(db, sql, len);
	free(sql);
	return rc;
}

static bool applied(const struct db_rows *rows, unsigned version)
{
	for (size_t i = 0; i < rows->nrows; i++)
		if (strtoul(db_value(rows, i), NULL, 10) == version)
			return true;
	return false;
}

static struct db_sql q_applied = DB_SQL("SELECT version FROM schema_migrations ORDER BY version");
static struct db_sql q_record =
	DB_SQL("INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, UTC_TIMESTAMP())");

static int apply_migrations(struct db *db, struct arena *a, const char *dir)
{
	char path[4096];
	snprintf(path, sizeof path, "%s/migrations", dir);
	size_t n;
	struct migration *m = list_migrations(path, &n);
	if (!m) {
		fprintf(stderr, "sporctl: %s: %s\n", path, strerror(errno));
		return -1;
	}
	struct db_rows done;
	int rc = db_query(db, a, &q_applied, &done, "");
	size_t fresh = 0;
	for (size_t i = 0; rc == 0 && i < n; i++) {
		if (applied(&done, m[i].version))
			continue;
		printf("applying %s ... ", m[i].file);
		fflush(stdout);
		snprintf(path, sizeof path, "%s/migrations/%s", dir, m[i].file);
		rc = run_file(db, path);
		if (rc == 0)
			rc = db_exec(db, &q_record, NULL, "is", (long long)m[i].version, m[i].file);
		printf("%s\n", rc == 0 ? "ok" : "FAILED");
		fresh += rc == 0;
	}
	if (rc == 0)
		printf("migrations: %zu applied now, %zu already present, %zu in all\n", fresh, n - fresh, n);
	for (size_t i = 0; i < n; i++)
		free(m[i].file);
	free(m);
	return rc;
}

static struct db_sql q_grant_user = DB_SQL("CALL spor_grant_user(?, ?, ?, ?)");

static int apply_grants(struct db *db, const struct settings *s, const char *dir)
{
	char path[4096];
	snprintf(path, sizeof path, "%s/grants.sql", dir);
	if (run_file(db, path) < 0)
		return -1;
	const char *host = s->db_grant_host;
	for (size_t i = 0; i < sizeof program_roles / sizeof program_roles[0]; i++) {
		const struct conf_account *account = conf_account(s, program_roles[i].conf_role);
		const char *user = account->user, *password = account->password;
		if (!user || !*password) {
			fprintf(stderr, "sporctl: set db.%s.user and db.%s.password in the configuration\n",
				program_roles[i].conf_role, program_roles[i].conf_role);
			return -1;
		}
		if (db_exec(db, &q_grant_user, NULL, "ssss", program_roles[i].db_role, user, host, password) < 0)
			return -1;
		printf("grants: %s@%s has role %s\n", user, host, program_roles[i].db_role);
	}
	return 0;
}

static struct db_sql q_set_db = DB_SQL("SET @spor_db = ?");

int ctl_migrate(const struct settings *s, int argc, char **argv)
{
	(void)argv;
	if (argc != 0) {
		fprintf(stderr, "usage: sporctl migrate\n");
		return 2;
	}
	struct db_conf dc;
	db_conf_from(&dc, s, "owner");
	const char *name = dc.name;
	dc.name = NULL; /* the database may not exist yet */
	dc.multi_statements = true;
	struct db *db = db_new(&dc);
	struct arena *a = arena_new();
	const char *dir = s->db_scripts;
	int rc = db_connect(db);
	if (rc == 0)
		rc = db_exec(db, &q_set_db, NULL, "s", name);
	if (rc == 0)
		rc = db_run_script(db, create_database, sizeof create_database - 1);
	if (rc == 0)
		rc = db_use(db, name);
	if (rc == 0)
		rc = db_run_script(db, create_migrations_table, sizeof create_migrations_table - 1);
	if (rc == 0)
		rc = apply_migrations(db, a, dir);
	if (rc == 0)
		rc = apply_grants(db, s, dir);
	if (rc == 0)
		rc = ctl_emails_normalise(db, a);
	if (rc == 0)
		rc = ctl_records_recover(db, a);
	db_free(db);
	arena_free(a);
	if (rc != 0) {
		fprintf(stderr, "sporctl: migrate failed\n");
		return 1;
	}
	printf("database %s is up to date\n", name);
	return 0;
}
