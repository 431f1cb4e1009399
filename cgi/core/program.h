/* A FastCGI program of the portal: its definition (name, database role,
 * route table, limits and hooks), written once in programs/routes_*.c, and
 * what each of its workers keeps between requests.  Every layer reads them
 * (r->app->db, r->app->settings); the pipeline that runs them is app.h. */
#ifndef SPOR_PROGRAM_H
#define SPOR_PROGRAM_H

#include <stdbool.h>
#include <stddef.h>

#include "core/conf.h"
#include "core/http.h"
#include "core/route.h"
#include "core/token.h"

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
	int (*worker_start)(const struct settings *s); /* run in each new worker, or NULL; 0 or -1 */
	/* Run before every handler, once the session, the CSRF token and the
	 * route's roles are checked: 0 lets the handler run, anything else is
	 * the status of the answer it made instead (spor-admin: its staff's
	 * second factor).  NULL: none. */
	int (*before_handler)(struct req *r);
	/* Answer an error (`status`, and r->err_param, r->err_reason) in the
	 * program's own form, and say so (true); false leaves it to the
	 * portal's error page.  spor-public: the API's JSON for /api/v1/ and
	 * /v1/ (api_error).  NULL: always the error page.  The pipeline knows
	 * no domain: what is not a page comes through here. */
	bool (*render_error)(struct req *r, int status);
	/* Read a POST's JSON document (r->document, on an AUTH_NONE route)
	 * before the route's fields are checked: e.g. a FHIR Parameters
	 * resource's parameters into r->params.  0, or the status to answer
	 * with (400, naming the parameter).  NULL: the handler reads it. */
	int (*read_document)(struct req *r);
};

/* The most an anonymous visitor may send in a body, far below a signed-in
 * upload: the largest anonymous form fits (sign-in with a 2,000-character
 * return path, every character four bytes percent-encoded), anything larger
 * is refused with 413 (tests/unit/test_route.c checks the forms;
 * nginx/spor.conf.in caps the anonymous routes' bodies the same). */
enum { ANON_BODY_MAX = 48 * 1024 };

/* The "lang" field every program accepts: the interface language when the
 * portal has it, and on RMS pages the data language too. */
#define FIELD_LANG {.name = "lang", .type = FT_LANG}
/* The "data_lang" field: the data language alone (core/lang.h). */
#define FIELD_DATA_LANG {.name = "data_lang", .type = FT_LANG}

/* Read the request's parameters (r->params) afresh as the fields of
 * `route`, which r->match then is: a batch's handler reads each of its
 * items as the request of the route that makes one.  0, or 400 naming the
 * field (one that fails its check, a required one left out). */
int app_fields_as(struct req *r, const struct route *route);

/* What one worker keeps between requests. */
struct app {
	const struct app_def *def;
	const char *conf_path;
	struct settings settings; /* its configuration, read when the worker started */
	struct tpl *tpl;
	struct db *db; /* this request's connection: the primary, or the replica */
	struct db *primary;
	struct replica *replica; /* NULL without db.replica.* (or when the program writes) */
	struct arena *arena;
	int lang_field; /* index of the "lang" field, or -1 */
	int data_lang_field; /* index of the "data_lang" field, or -1 */
	char gtid_key[TOKEN_CHARS + 1]; /* the spor_gtid cookie's, derived from it (replica.h) */
};

#endif
