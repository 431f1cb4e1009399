/* A FastCGI program of the portal: its definition (name, database role,
 * route table) and the worker state, plus the request pipeline they share:
 * read → route → check fields → language → roles → handler → render → send. */
#ifndef SPOR_APP_H
#define SPOR_APP_H

#include <stddef.h>

#include "http.h"
#include "route.h"

struct conf;
struct db;
struct tpl;

struct app_def {
	const char *name;    /* "spor-public" */
	const char *db_role; /* configuration keys db.<role>.user / .password */
	const struct router *router;
	size_t body_max; /* bytes in an urlencoded body */
};

/* The interface languages, and the "lang" field every program accepts. */
extern const char *const ui_langs[];
#define FIELD_LANG {"lang", FT_ENUM, 0, 0, ui_langs}

/* What one worker keeps between requests. */
struct app {
	const struct app_def *def;
	const char *conf_path;
	struct conf *conf;
	struct tpl *tpl;
	struct db *db;
	struct arena *arena;
	int lang_field; /* index of the "lang" field, or -1 */
};

/* Parse the command line (-s SOCKET -n WORKERS -c CONFIG -p PIDFILE
 * -b BACKLOG) and run the supervisor. */
int app_main(int argc, char **argv, const struct app_def *def);

/* Render templates/<page> inside the layout as the answer; returns 200. */
int app_page(struct req *r, const char *page);

/* Set an HDF value under the request's tree (values only; names are
 * always the program's own). */
void app_set(struct req *r, const char *name, const char *value);

/* Handle one request (the pipeline).  Exposed for tests. */
void app_handle(struct app *app, FCGX_Request *fr);

#endif
