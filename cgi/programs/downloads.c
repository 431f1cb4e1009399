/* /downloads: the bulk downloads, the archives `sporctl dump` made (the
 * rows of `downloads`, migration 0027), newest first, each with its date,
 * size and SHA-256.  nginx serves the files themselves from the folder the
 * dump writes (downloads.dir); this program reads no folder. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>

#include "core/db.h"
#include "core/http.h"
#include "core/page.h"
#include "core/program.h"
#include "programs/handlers_public.h"

#define DOWNLOAD_COLUMNS(X)                                                                                        \
	X(DL_NAME, "name") X(DL_KIND, "kind") X(DL_MADE, "made") X(DL_SIZE, "size") X(DL_SHA256, "sha256")            \
	X(DL_ENTRIES, "entries")
DB_COLUMNS(DOWNLOAD_COLUMNS, DL__COUNT, download_names);
static struct db_sql q_downloads = DB_SQL_COLS(DL__COUNT,
	"SELECT name, kind, DATE_FORMAT(made_at, '%Y-%m-%dT%H:%i:%sZ'), size, sha256, entries FROM downloads"
	" ORDER BY kind, made_at DESC, name DESC");

/* The size as people read it: whole and tenths of its unit ("mb" or
 * "kb"), which the template joins with the language's decimal mark. */
static void put_size(HDF *item, const char *bytes)
{
	double n = bytes ? strtod(bytes, NULL) : 0;
	int mb = n >= 1024.0 * 1024.0;
	long long tenths = (long long)(n / (mb ? 1024.0 * 1024.0 : 1024.0) * 10.0 + 0.5);
	char text[24];
	snprintf(text, sizeof text, "%lld", tenths / 10);
	page_put(item, "size_whole", text);
	snprintf(text, sizeof text, "%lld", tenths % 10);
	page_put(item, "size_tenth", text);
	page_put(item, "size_unit", mb ? "mb" : "kb");
}

int downloads_show(struct req *r)
{
	struct db_rows rows;
	if (db_query(r->app->db, r->arena, &q_downloads, &rows, "") < 0)
		return 500;
	page_rows(r, "Page.downloads", &rows, download_names, DL__COUNT);
	for (size_t i = 0; i < rows.nrows; i++)
		put_size(page_item(r, "Page.downloads", i), db_get(&rows, i, DL_SIZE));
	page_set(r, "Page.nav", "downloads");
	page_cacheable(r);
	return page_render(r, "downloads.cs");
}
