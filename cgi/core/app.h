/* A FastCGI program of the portal: its definition (name, database role,
 * route table) and the worker state, plus the request pipeline they share:
 * read → route → check fields → language → roles → handler → render → send. */
#ifndef SPOR_APP_H
#define SPOR_APP_H

#include <stdbool.h>
#include <stddef.h>

#include "core/http.h"
#include "core/route.h"
#include "core/token.h"

struct conf;
struct db;
struct replica;
struct tpl;

struct app_def {
	const char *name;    /* "spor-public" */
	const char *db_role; /* configuration keys db.<role>.user / .password */
	const struct router *router;
	size_t body_max; /* bytes in an urlencoded body */
	size_t upload_max; /* bytes in a multipart body, on routes with a file field; 0: none */
	bool writes_sessions; /* may record visits (idle timeout); spor-public may not */
	/* spor-public: reads from the replica of db.replica.* when there is one.
	 * The other programs write, and after a write set the spor_gtid cookie
	 * so that the visitor's next pages read their own change (replica.h). */
	bool reads_replica;
	int (*worker_start)(const struct conf *c); /* run in each new worker, or NULL; 0 or -1 */
	/* Run before every handler, once the session, the CSRF token and the
	 * route's roles are checked: 0 lets the handler run, anything else is
	 * the status of the answer it made instead (spor-admin: its staff's
	 * second factor).  NULL: none. */
	int (*before_handler)(struct req *r);
};

/* The most an anonymous visitor may send in a body, far below a signed-in
 * upload: the largest anonymous form fits (sign-in with a 2,000-character
 * return path, every character four bytes percent-encoded), anything larger
 * is refused with 413 (tests/unit/test_route.c checks the forms;
 * nginx/spor.conf.in caps the anonymous routes' bodies the same). */
enum { ANON_BODY_MAX = 48 * 1024 };

/* The "lang" field every program accepts: the interface language when the
 * portal has it, and on RMS pages the data language too. */
#define FIELD_LANG {"lang", FT_LANG, 0, 0, NULL}

/* What one worker keeps between requests. */
struct app {
	const struct app_def *def;
	const char *conf_path;
	struct conf *conf;
	struct tpl *tpl;
	struct db *db; /* this request's connection: the primary, or the replica */
	struct db *primary;
	struct replica *replica; /* NULL without db.replica.* (or when the program writes) */
	struct arena *arena;
	int lang_field; /* index of the "lang" field, or -1 */
	int public_seconds; /* how long anonymous pages may be cached (cache.public_seconds) */
	const char *csrf_secret; /* csrf.secret: the key of the CSRF tokens */
	char gtid_key[TOKEN_CHARS + 1]; /* the spor_gtid cookie's, derived from it (replica.h) */
};

/* Parse the command line (-s SOCKET -n WORKERS -c CONFIG -p PIDFILE
 * -b BACKLOG) and run the supervisor. */
int app_main(int argc, char **argv, const struct app_def *def);

/* Let shared caches (nginx) keep this anonymous page for the configured
 * time (cache.public_seconds); a page for a signed-in visitor stays private. */
void app_cacheable(struct req *r);

/* The page size to use: ?size= (field `field`), else the visitor's
 * preference, else `fallback`; within the field's bounds. */
long long app_page_size(struct req *r, int field, long long fallback);

/* Render templates/<page> inside the layout as the answer; returns 200. */
int app_page(struct req *r, const char *page);

/* Set an HDF value under the request's tree (values only; names are
 * always the program's own). */
void app_set(struct req *r, const char *name, const char *value);

/* Repeated data: app_item(r, "Page.terms", i) is the node Page.terms.<i>;
 * app_put() sets one of its children.  Names are always the program's own
 * literals, never request data. */
HDF *app_item(struct req *r, const char *list, size_t i);
void app_put(HDF *node, const char *name, const char *value);
/* The node called `name` ("Page.term"), made if need be. */
HDF *app_node(struct req *r, const char *name);
/* The node <list>.<i> under `node`. */
HDF *app_subitem(HDF *node, const char *list, size_t i);
struct db_rows;
/* Row `row` of `rows` as children of `node` ("Page.term"), column c named names[c]. */
void app_row(struct req *r, const char *node, const struct db_rows *rows, size_t row, const char *const *names);
/* One item per row of `rows` under `list`, column c named names[c]. */
void app_rows(struct req *r, const char *list, const struct db_rows *rows, const char *const *names);
/* Set a number. */
void app_set_int(struct req *r, const char *name, long long value);

/* Handle one request (the pipeline).  Exposed for tests. */
void app_handle(struct app *app, FCGX_Request *fr);

#endif
