/* sporctl import oms FILE|URL: read organisations and locations (the EMA's
 * "Export All Organisations" CSV or the portal's JSON, docs/oms-import.md)
 * and write them, while reading, in one transaction, each organisation that
 * changed with a version naming the file.  Prints progress on a
 * terminal and a summary; exit 0 when every row was imported, 3 when some
 * were rejected, 1 on failure (nothing written). */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "core/db.h"
#include "ctl/ctl.h"
#include "oms/oms_record.h"
#include "oms/oms_store.h"

struct import {
	struct oms_store *store;
	struct ctl_report report;
};

static void on_reject(void *ctx, unsigned long line, const char *where, const char *reason)
{
	struct import *im = ctx;
	ctl_reject(&im->report, line, where, reason);
}

static int on_org(void *ctx, json_t *org)
{
	struct import *im = ctx;
	char why[200];
	int rc = oms_store_org(im->store, org, why, sizeof why);
	if (rc == 1)
		ctl_reject(&im->report, 0, json_string_value(json_object_get(org, "id")), why);
	json_decref(org);
	return rc < 0 ? -1 : 0;
}

static void on_progress(void *ctx, size_t done, size_t total)
{
	struct import *im = ctx;
	ctl_progress(&im->report, "importing", done, total);
}

static int import(struct db *db, const char *source, const char *data, size_t len, struct import *im)
{
	struct oms_sink sink = {im, on_org, on_reject, on_progress};
	struct oms_read_stats st;
	char err[512];
	bool json = ctl_is_json(data, len);
	char name[256];
	ctl_source_name(source, name, sizeof name);
	im->store = oms_store_open(db, "import", name);
	int rc = json ? oms_json_read(data, len, &sink, &st, err, sizeof err)
		      : oms_csv_read(data, len, &sink, &st, err, sizeof err);
	struct oms_store_stats ss;
	if (oms_store_close(im->store, rc == 0, &ss) < 0 || rc < 0) {
		if (rc < 0 && *err)
			fprintf(stderr, "sporctl: %s: %s\n", source, err);
		fprintf(stderr, "sporctl: import failed; nothing was written\n");
		return -1;
	}
	printf("%s: %s: %lu %s, %lu rejected\n", source, json ? "OMS JSON" : "OMS export (CSV)", st.rows,
	       json ? "organisations" : "rows", st.rejected);
	printf("  organisations: %lu read, %lu new, %lu changed, %lu unchanged\n", st.organisations, ss.orgs_new,
	       ss.orgs_changed, ss.orgs_unchanged);
	printf("  locations: %lu read, %lu written\n", st.locations, ss.locations);
	return 0;
}

int ctl_import_oms(const struct settings *s, int argc, char **argv)
{
	if (argc != 2 || argv[1][0] == '-') {
		fprintf(stderr, "usage: sporctl import oms FILE|URL\n"
				"  FILE or URL (http, https, file): the EMA's \"Export All Organisations\" CSV\n"
				"  or the portal's OMS JSON (docs/oms-import.md).\n"
				"Exit status: 0 all imported, 3 some rows rejected (the others imported), 1 failure.\n");
		return 2;
	}
	size_t len;
	char *data = ctl_source_read(s, argv[1], &len);
	if (!data)
		return 1;
	struct import im = {.report = {.tty = isatty(STDERR_FILENO) == 1}};
	struct db_conf dc;
	db_conf_from(&dc, s, "owner");
	struct db *db = db_new(&dc);
	int rc = db_connect(db) < 0 ? -1 : import(db, argv[1], data, len, &im);
	db_free(db);
	free(data);
	ctl_report_end(&im.report);
	if (rc < 0)
		return 1;
	return ctl_dump_after(s, im.report.rejected ? 3 : 0);
}
