/* Database access for tests. */
#include "config.h"

#include <stdarg.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "../tap.h"
#include "core/conf.h"
#include "dbtest.h"

MYSQL *dbtest_connect(const char *role)
{
	static struct conf *conf;
	char err[512], key[64];
	if (!conf) {
		const char *path = getenv("SPOR_CONFIG");
		conf = path ? conf_load(path, err, sizeof err) : NULL;
		if (!conf)
			return NULL;
	}
	snprintf(key, sizeof key, "db.%s.user", role);
	const char *user = conf_get(conf, key, NULL);
	snprintf(key, sizeof key, "db.%s.password", role);
	const char *password = conf_get(conf, key, "");
	MYSQL *my = mysql_init(NULL);
	mysql_optionsv(my, MYSQL_SET_CHARSET_NAME, "utf8mb4");
	if (!mysql_real_connect(my, NULL, user, password, conf_get(conf, "db.name", "spor"), 0,
				conf_get(conf, "db.socket", NULL), 0)) {
		diag("connect as %s: %s", user ? user : "?", mysql_error(my));
		mysql_close(my);
		return NULL;
	}
	return my;
}

const char *dbtest_value(MYSQL *my, const char *sql)
{
	static char value[4096];
	value[0] = '\0';
	if (mysql_query(my, sql)) {
		diag("%s: %s", sql, mysql_error(my));
		return value;
	}
	MYSQL_RES *res = mysql_store_result(my);
	MYSQL_ROW row = res ? mysql_fetch_row(res) : NULL;
	if (row && row[0])
		snprintf(value, sizeof value, "%s", row[0]);
	if (res)
		mysql_free_result(res);
	return value;
}

const char *dbtest_valuef(MYSQL *my, const char *fmt, ...)
{
	char sql[2048];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(sql, sizeof sql, fmt, ap);
	va_end(ap);
	return dbtest_value(my, sql);
}

unsigned dbtest_run(MYSQL *my, const char *sql)
{
	if (mysql_query(my, sql))
		return mysql_errno(my);
	MYSQL_RES *res = mysql_store_result(my);
	if (res)
		mysql_free_result(res);
	return 0;
}

int dbtest_execf(MYSQL *my, const char *fmt, ...)
{
	char sql[2048];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(sql, sizeof sql, fmt, ap);
	va_end(ap);
	if (mysql_query(my, sql)) {
		diag("%s: %s", sql, mysql_error(my));
		return -1;
	}
	return 0;
}

const char *dbtest_value_long(MYSQL *my, const char *sql)
{
	static char *value;
	free(value);
	value = strdup("");
	if (mysql_query(my, sql)) {
		diag("%s: %s", sql, mysql_error(my));
		return value;
	}
	MYSQL_RES *res = mysql_store_result(my);
	MYSQL_ROW row = res ? mysql_fetch_row(res) : NULL;
	if (row && row[0]) {
		free(value);
		value = strdup(row[0]);
	}
	if (res)
		mysql_free_result(res);
	return value;
}

/* sporctl with `args`, `input` on standard input unless NULL, and its
 * output sent where `redirect` (shell words) says. */
static int sporctl(const char *input, const char *args, const char *redirect)
{
	char cmd[20000];
	snprintf(cmd, sizeof cmd, "%s%s%s'%s/cgi/sporctl' -c '%s' %s %s", input ? "printf '%s\\n' '" : "",
		 input ? input : "", input ? "' | " : "", getenv("SPOR_TEST_BUILD"), getenv("SPOR_CONFIG"), args,
		 redirect);
	int status = system(cmd);
	return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

int dbtest_sporctl(const char *input, const char *args, const char *outfile)
{
	char redirect[4200];
	snprintf(redirect, sizeof redirect, ">'%s' 2>&1", outfile ? outfile : "/dev/null");
	return sporctl(input, args, redirect);
}

int dbtest_sporctl_apart(const char *args, const char *outfile, const char *errfile)
{
	char redirect[8400];
	snprintf(redirect, sizeof redirect, ">'%s' 2>'%s'", outfile, errfile);
	return sporctl(NULL, args, redirect);
}

void dbtest_source_path(const char *rel, char *out, size_t size)
{
	const char *src = getenv("top_srcdir");
	char path[4096];
	snprintf(path, sizeof path, "%s/%s", src ? src : ".", rel);
	char *abs = realpath(path, NULL);
	snprintf(out, size, "%s", abs ? abs : path);
	free(abs);
}

bool dbtest_import_csv(const char *csv)
{
	char path[64], args[128];
	snprintf(path, sizeof path, "/tmp/spor-test-%d.csv", (int)getpid());
	FILE *f = fopen(path, "w");
	if (!f)
		return false;
	bool written = fputs(csv, f) >= 0;
	written = fclose(f) == 0 && written;
	snprintf(args, sizeof args, "import rms '%s'", path);
	bool done = written && dbtest_sporctl(NULL, args, NULL) == 0;
	unlink(path);
	return done;
}

bool dbtest_import_demo(void)
{
	const char *src = getenv("top_srcdir") ? getenv("top_srcdir") : ".";
	char args[4200];
	snprintf(args, sizeof args, "import rms '%s/db/demo/rms.json'", src);
	bool rms = dbtest_sporctl(NULL, args, NULL) == 0;
	snprintf(args, sizeof args, "import oms '%s/db/demo/oms.json'", src);
	return rms && dbtest_sporctl(NULL, args, NULL) == 0;
}
