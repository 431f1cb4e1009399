/* The request pipeline and the program start-up shared by every program. */
#include "config.h"

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "core/app.h"
#include "core/collate.h"
#include "core/conf.h"
#include "core/csrf.h"
#include "core/db.h"
#include "core/fragment.h"
#include "core/idempotency.h"
#include "core/lang.h"
#include "core/log.h"
#include "core/page.h"
#include "core/prefork.h"
#include "core/replica.h"
#include "core/session.h"
#include "core/tpl.h"

/* Whether the matched route reads a token (a mail's link), which no other
 * address may carry on. */
static bool reads_token(const struct req *r)
{
	const struct router *rt = r->app->def->router;
	for (size_t i = 0; r->match.route && i < rt->nfields; i++)
		if (rt->fields[i].type == FT_TOKEN && route_reads(rt, r->match.route, i))
			return true;
	return false;
}

/* Where the visitor is, to come back to after signing in (the sign-in's
 * `next`, Req.here): the path, with its query for a GET (a proposal's
 * language, a search) unless it holds a link's token or makes the whole
 * longer than `next` may be. */
static const char *here(struct req *r)
{
	if (!http_reads(r) || !r->query || !*r->query || strlen(r->path) + strlen(r->query) >= NEXT_MAX || reads_token(r))
		return r->path;
	return arena_printf(r->arena, "%s?%s", r->path, r->query);
}

static int access_denied(struct req *r)
{
	if (r->roles & ROLE_ANON) {
		if (http_reads(r)) {
			const char *next = http_url_escape(r->arena, here(r));
			return http_redirect(r, 303, arena_printf(r->arena, "/login?next=%s", next));
		}
	}
	return 403;
}

/* The route's fields from the request's parameters, checked: 0, or 400
 * naming the first that fails. */
static int fields_refused(struct req *r, const struct router *rt)
{
	if (route_inputs(rt, r->arena, &r->params, &r->match) == ROUTE_FOUND)
		return 0;
	r->err_param = r->match.bad_param;
	r->err_reason = field_error_key(r->match.bad_reason);
	return 400;
}

/* A required field left out: 400 naming it, or 0. */
static int missing_refused(struct req *r, const struct router *rt)
{
	int missing = route_missing(&r->match, -1);
	if (missing < 0)
		return 0;
	r->err_param = rt->fields[missing].name;
	r->err_reason = "required";
	return 400;
}

/* The body, within the caps (an anonymous visitor's far below a signed-in
 * upload, unless the route sets its own), of a kind its route takes (the
 * write API's bearer routes JSON, never a form's fields), and the route's
 * fields from the query and the body. */
static int read_inputs(struct req *r, const struct router *rt)
{
	const struct app_def *def = r->app->def;
	const struct route *route = r->match.route;
	bool anonymous = r->roles & ROLE_ANON;
	size_t body_max = anonymous && def->body_max > ANON_BODY_MAX ? ANON_BODY_MAX : def->body_max;
	size_t upload_max = !anonymous && route_has_file(rt, route) ? def->upload_max : 0;
	/* A route's own cap is its uploads' too, unless a signed-in upload may
	 * be larger (the write API's proposal with its PDF). */
	if (route->body_max)
		body_max = route->body_max;
	if (route->body_max && route_has_file(rt, route) && upload_max < route->body_max)
		upload_max = route->body_max;
	enum http_bodies bodies = route->auth == AUTH_COOKIE   ? HTTP_BODY_FORMS
				  : route->auth == AUTH_BEARER ? HTTP_BODY_DOCUMENTS
							       : HTTP_BODY_FORMS_DOCUMENTS;
	int refused = http_read_body(r, body_max, upload_max, bodies);
	if (!refused && r->document && def->read_document && !route->reads_document)
		refused = def->read_document(r);
	return refused ? refused : fields_refused(r, rt);
}

int app_fields_as(struct req *r, const struct route *route)
{
	const struct router *rt = r->app->def->router;
	r->match.route = route;
	memset(r->match.in, 0, r->match.nin * sizeof r->match.in[0]);
	int refused = fields_refused(r, rt);
	return refused ? refused : missing_refused(r, rt);
}

/* The request's personal access token (AUTH_BEARER routes): 0 when it is
 * live and has the route's scope, else the refusal with its
 * WWW-Authenticate challenge (RFC 6750): 401 without a token or with a bad
 * one, 403 without the scope, or without two-step sign-in for a token that
 * decides. */
static int token_refused(struct req *r)
{
	int status = session_load_bearer(r);
	const char *challenge = "Bearer realm=\"spor\"";
	if (status == -401) {
		challenge = "Bearer realm=\"spor\", error=\"invalid_token\"";
		r->err_reason = "token";
		status = 401;
	} else if (status == 401) {
		r->err_reason = "token_required";
	} else if (status == 0 && r->user.token_scope < r->match.route->scope) {
		challenge = arena_printf(r->arena, "Bearer realm=\"spor\", error=\"insufficient_scope\", scope=\"%s\"",
					 route_scope_names[r->match.route->scope]);
		r->err_reason = "scope";
		status = 403;
	} else if (status == 0 && r->match.route->scope == SCOPE_DECIDE && !r->user.two_factor) {
		r->err_reason = "two_factor";
		status = 403;
	}
	if (status == 401 || status == 403)
		http_header(r, "WWW-Authenticate", challenge);
	return status;
}

static int dispatch(struct req *r)
{
	const struct router *rt = r->app->def->router;
	enum route_status rs = route_match(rt, r->arena, r->method, r->path, &r->match);
	page_set(r, "Req.here", here(r));
	size_t plen = strlen(r->path);
	if (rs == ROUTE_NOT_FOUND && plen > 1 && r->path[plen - 1] == '/') {
		/* "/rms/lists/" → the canonical "/rms/lists". */
		struct route_match m;
		char *bare = arena_strndup(r->arena, r->path, plen - 1);
		if (route_match(rt, r->arena, r->method, bare, &m) == ROUTE_FOUND)
			return http_redirect(r, 308, *r->query ? arena_printf(r->arena, "%s?%s", bare, r->query) : bare);
	}
	switch (rs) {
	case ROUTE_NOT_FOUND:
		return 404;
	case ROUTE_BAD_METHOD:
		http_header(r, "Allow", arena_strdup(r->arena, r->match.allow));
		return 405;
	case ROUTE_BAD_INPUT:
		r->err_param = r->match.bad_param;
		r->err_reason = field_error_key(r->match.bad_reason);
		return 400;
	case ROUTE_FOUND:
		break;
	}
	/* A route that reads no credentials is everyone's, and so its POST
	 * needs no CSRF token: there is nothing a forged request could borrow;
	 * nor does one that reads a token, which no browser sends by itself. */
	bool credentials = r->match.route->auth == AUTH_COOKIE;
	if (credentials)
		session_load(r, r->app->def->writes_sessions);
	else if (r->match.route->auth == AUTH_BEARER) {
		int refused = token_refused(r);
		if (refused) {
			lang_choose(r);
			return refused;
		}
	}
	if (r->user.session)
		csrf_token(r); /* the header's sign-out form */
	/* Who may send this request is known from its headers: a form from
	 * another site, or a visitor the route's roles do not admit, is refused
	 * before a byte of its body is read (nginx passes the bodies of the
	 * signed-in routes on as they come, unstored). */
	bool post = !http_reads(r) && credentials;
	int refused = 0;
	if (post && !csrf_same_origin(r)) {
		r->err_reason = "csrf";
		refused = 403;
	} else if (!(r->match.route->roles & r->roles)) {
		refused = access_denied(r);
	} else {
		refused = read_inputs(r, rt);
	}
	lang_choose(r);
	if (refused)
		return refused;
	if (post && !csrf_valid(r)) {
		r->err_reason = "csrf";
		return 403;
	}
	int before = r->app->def->before_handler ? r->app->def->before_handler(r) : 0;
	if (before)
		return before;
	/* A required field left out is a 400 naming it, unless the route's
	 * handler shows it on its form (page_missing). */
	int missing = r->match.route->form ? 0 : missing_refused(r, rt);
	if (missing)
		return missing;
	/* A token's write may carry an Idempotency-Key (idempotency.h). */
	bool token_writes = r->match.route->auth == AUTH_BEARER && !http_reads(r);
	int status = token_writes ? idempotency_run(r, r->match.route->handler) : r->match.route->handler(r);
	if (r->streamed && status >= 400)
		log_error("%s %s failed after its answer began", r->method, r->path);
	return r->streamed ? 200 : status > 0 ? lang_keep(r, status) : 500;
}

static void render_error(struct req *r, int status)
{
	/* A path no route knows is refused before the languages are chosen;
	 * its page speaks the visitor's language all the same. */
	if (!r->lang)
		lang_choose(r);
	if (r->app->def->render_error && r->app->def->render_error(r, status))
		return;
	char code[16];
	snprintf(code, sizeof code, "%d", status);
	page_set(r, "Error.code", code);
	if (r->err_param)
		page_set(r, "Error.param", r->err_param);
	if (r->err_reason)
		page_set(r, "Error.reason", r->err_reason);
	r->cache_control = "no-store";
	if (page_render(r, "error.cs") != 200)
		http_text(r, status, http_reason(status));
}

static long elapsed_us(const struct timespec *t0)
{
	struct timespec t1;
	clock_gettime(CLOCK_MONOTONIC, &t1);
	return (t1.tv_sec - t0->tv_sec) * 1000000L + (t1.tv_nsec - t0->tv_nsec) / 1000L;
}

/* Forget all a first attempt at the request put in its answer and in the
 * template data, so that it can be answered again. */
static void response_reset(struct req *r)
{
	tpl_reset(r->app->tpl);
	r->hdf = tpl_hdf(r->app->tpl);
	tpl_set_lang(r->app->tpl, "en");
	r->roles = ROLE_ANON;
	r->user = (struct signed_in){0};
	r->csrf = NULL;
	r->fragments = NULL;
	r->data_gen = 0; /* read again, from the primary */
	r->lang = r->data_lang = NULL;
	r->lang_negotiated = false;
	r->status = 0;
	r->content_type = r->cache_control = NULL;
	r->vary = 0;
	r->nheaders = 0;
	buf_init(&r->body, r->arena);
	r->modified = 0;
	r->err_param = r->err_reason = NULL;
}

/* One request through the pipeline (app.h), answered and logged. */
static void app_handle(struct app *app, FCGX_Request *fr)
{
	struct timespec t0;
	clock_gettime(CLOCK_MONOTONIC, &t0);
	arena_reset(app->arena);
	struct req r = {.app = app, .arena = app->arena, .fcgi = fr, .roles = ROLE_ANON};
	buf_init(&r.body, r.arena);
	r.hdf = tpl_hdf(app->tpl);
	tpl_set_lang(app->tpl, "en");

	int status = http_read(&r);
	/* The one place a request's connection is chosen.  Statements are
	 * cached per connection (db.c), so whichever it is prepares its own. */
	app->db = app->primary;
	if (!status && app->def->reads_replica)
		app->db = replica_choose(app->replica, app->primary, r.arena, http_cookie_get(&r, GTID_COOKIE));
	if (!status) {
		page_set(&r, "Req.path", r.path);
		status = dispatch(&r);
	}
	/* The replica went away in the middle of a read: nothing was sent yet,
	 * so the request is answered again, from the primary. */
	if (!r.streamed && app->db != app->primary && db_unreachable(app->db)) {
		replica_lost(app->replica);
		app->db = app->primary;
		response_reset(&r);
		page_set(&r, "Req.path", r.path);
		status = dispatch(&r);
	}
	/* Without its database the portal can only ask the visitor to come
	 * back: 503 with the error page, as during a restart of MariaDB. */
	if (status == 500 && r.body.len == 0 && db_unreachable(app->db)) {
		status = 503;
		http_header(&r, "Retry-After", "10");
	}
	r.status = status;
	if (status >= 400 && r.body.len == 0)
		render_error(&r, status);
	if (!app->def->reads_replica)
		replica_after_write(&r);
	/* The kept parts of the page in place of their markers (fragment.h). */
	if (r.fragments && !r.streamed)
		fragment_splice(&r, &r.body);
	http_send(&r);
	if (db_end_request(app->db))
		log_error("%s %s left a transaction open; rolled back", r.method, r.path);
	log_access(r.method && *r.method ? r.method : "-", r.path ? r.path : "-", r.status, r.bytes_out,
		   elapsed_us(&t0));
	tpl_reset(app->tpl);
}

/* Worker life cycle for the supervisor. */

static void worker_done(void *w);

static void *worker_init(void *ctx)
{
	const struct app *proto = ctx;
	struct app *app = xcalloc(1, sizeof *app);
	*app = *proto;
	char err[512];
	if (conf_open(&app->settings, app->conf_path, app->def->name, err, sizeof err) < 0) {
		log_error("%s", err);
		free(app);
		return NULL;
	}
	const struct settings *s = &app->settings;
	app->tpl = tpl_open(s->templates_dir, s->templates_cache == 1);
	if (!app->tpl) {
		conf_close(&app->settings);
		free(app);
		return NULL;
	}
	struct db_conf dc;
	db_conf_from(&dc, s, app->def->db_role);
	app->primary = app->db = db_new(&dc);
	app->arena = arena_new();
	app->lang_field = route_field_index(app->def->router, "lang");
	app->data_lang_field = route_field_index(app->def->router, "data_lang");
	if (strlen(s->csrf_secret) < 32) {
		log_error("csrf.secret is missing or shorter than 32 characters: see docs/operations.md");
		worker_done(app);
		return NULL;
	}
	replica_cookie_key(s->csrf_secret, app->gtid_key);
	if (app->def->reads_replica && replica_conf(&dc, s, app->def->db_role))
		app->replica = replica_new(&dc, s->db_replica_wait_ms, app->gtid_key);
	if (app->def->worker_start && app->def->worker_start(s) < 0) {
		worker_done(app);
		return NULL;
	}
	return app;
}

static void worker_handle(void *w, FCGX_Request *req)
{
	app_handle(w, req);
}

static void worker_done(void *w)
{
	struct app *app = w;
	replica_free(app->replica);
	db_free(app->primary);
	tpl_close(app->tpl);
	collate_done();
	arena_free(app->arena);
	conf_close(&app->settings);
	free(app);
}

static void usage(const char *name)
{
	fprintf(stderr,
		"usage: %s -s SOCKET [-n WORKERS] [-b BACKLOG] [-c CONFIG] [-p PIDFILE] [-g GROUP]\n"
		"  -s SOCKET   UNIX socket path (or host:port) to listen on\n"
		"  -n WORKERS  worker processes (default 4)\n"
		"  -b BACKLOG  listen backlog (default 1024)\n"
		"  -c CONFIG   this program's own configuration file (default $SPOR_CONFIG or %s/%s.conf)\n"
		"  -p PIDFILE  write the supervisor's process ID here\n"
		"  -g GROUP    give the socket to this group (the web server's)\n"
		"Signals: HUP replaces the workers (reload, once a new worker starts), TERM and INT drain and stop.\n",
		name, SPOR_SYSCONFDIR, name);
}

static int parse_int(const char *s, int min, int max)
{
	char *end;
	long v = strtol(s, &end, 10);
	return *s && !*end && v >= min && v <= max ? (int)v : -1;
}

int app_main(int argc, char **argv, const struct app_def *def)
{
	log_init(def->name);
	struct prefork_conf pc = {.workers = 4, .backlog = 1024, .drain_seconds = 20};
	const char *conf_path = NULL;
	int c;
	while ((c = getopt(argc, argv, "s:n:b:c:p:g:h")) != -1) {
		switch (c) {
		case 's':
			pc.socket_path = optarg;
			break;
		case 'n':
			pc.workers = parse_int(optarg, 1, 128);
			break;
		case 'b':
			pc.backlog = parse_int(optarg, 1, 65535);
			break;
		case 'c':
			conf_path = optarg;
			break;
		case 'p':
			pc.pidfile = optarg;
			break;
		case 'g':
			pc.group = optarg;
			break;
		case 'h':
			usage(def->name);
			return 0;
		default:
			usage(def->name);
			return 2;
		}
	}
	if (!pc.socket_path || pc.workers < 1 || pc.backlog < 1 || optind != argc) {
		usage(def->name);
		return 2;
	}
	const char *bad = route_table_check(def->router);
	if (bad) {
		log_error("%s", bad);
		return 1;
	}
	struct app proto = {.def = def, .conf_path = conf_default_path(conf_path, def->name)};
	/* Fail early on a configuration that every worker would fail on. */
	struct app *probe = worker_init(&proto);
	if (!probe)
		return 1;
	worker_done(probe);
	struct prefork_ops ops = {worker_init, worker_handle, worker_done};
	return prefork_run(&pc, &ops, &proto);
}
