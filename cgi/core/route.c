/* Route matching: literal segments and {field} captures, then typed input. */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include "core/mem.h"
#include "core/route.h"

enum { SEGMENTS_MAX = 16 };

int route_field_index(const struct router *rt, const char *name)
{
	for (size_t i = 0; i < rt->nfields; i++)
		if (strcmp(rt->fields[i].name, name) == 0)
			return (int)i;
	return -1;
}

/* Split "/a/b/c" into segments (pointers into a copy).  Returns the count, or
 * -1 when there are too many. */
static int split(struct arena *a, const char *path, const char **seg)
{
	char *p = arena_strdup(a, path[0] == '/' ? path + 1 : path);
	int n = 0;
	if (!*p)
		return 0;
	for (;;) {
		if (n == SEGMENTS_MAX)
			return -1;
		seg[n++] = p;
		char *slash = strchr(p, '/');
		if (!slash)
			break;
		*slash = '\0';
		p = slash + 1;
	}
	return n;
}

static bool is_capture(const char *seg)
{
	size_t n = strlen(seg);
	return n > 2 && seg[0] == '{' && seg[n - 1] == '}';
}

static int capture_field(const struct router *rt, const char *seg)
{
	char name[PARAM_NAME_MAX + 1];
	size_t n = strlen(seg) - 2;
	if (n > PARAM_NAME_MAX)
		return -1;
	memcpy(name, seg + 1, n);
	name[n] = '\0';
	return route_field_index(rt, name);
}

bool route_reads(const struct router *rt, const struct route *route, size_t i)
{
	return route->fields[i] || rt->global_fields[i];
}

/* What is wrong with the fields of route `r`, or NULL. */
static const char *fields_problem(const struct router *rt, const struct route *r)
{
	for (size_t f = rt->nfields; f < FIELDS_MAX; f++)
		if (r->fields[f] || r->required[f])
			return "a field beyond the field table";
	for (size_t f = 0; f < rt->nfields; f++)
		if (r->required[f] && !route_reads(rt, r, f))
			return "a required field it does not read";
	/* Two fields may share a name (an account's email, an organisation's), never on one route. */
	for (size_t f = 0; f < rt->nfields; f++)
		for (size_t g = f + 1; g < rt->nfields; g++)
			if (r->fields[f] && r->fields[g] && strcmp(rt->fields[f].name, rt->fields[g].name) == 0)
				return "two fields of one name";
	return NULL;
}

const char *const route_scope_names[SCOPE__COUNT] = {[SCOPE_READ] = "read", [SCOPE_WRITE] = "write",
						     [SCOPE_DECIDE] = "decide"};

const char *route_table_check(const struct router *rt)
{
	static char msg[256];
	if (rt->nfields > FIELDS_MAX)
		return "more fields than FIELDS_MAX";
	for (size_t f = rt->nfields; f < FIELDS_MAX; f++)
		if (rt->global_fields[f])
			return "a global field beyond the field table";
	for (size_t i = 0; i < rt->nroutes; i++) {
		const struct route *r = &rt->routes[i];
		const char *seg[SEGMENTS_MAX];
		struct arena *a = arena_new();
		int n = r->path && r->path[0] == '/' ? split(a, r->path, seg) : -1;
		const char *bad = NULL;
		bool patch = r->method && strcmp(r->method, "PATCH") == 0;
		if (n < 0 || !r->method || (strcmp(r->method, "GET") != 0 && strcmp(r->method, "POST") != 0 && !patch) ||
		    !r->handler || !r->roles)
			bad = "malformed";
		if (!bad && patch && r->auth != AUTH_BEARER)
			bad = "only a token's route takes a PATCH (a form sends GET or POST)";
		for (int s = 0; !bad && s < n; s++) {
			if (!*seg[s])
				bad = "empty segment";
			else if (is_capture(seg[s]) && capture_field(rt, seg[s]) < 0)
				bad = "capture names no field";
		}
		if (!bad && r->auth == AUTH_NONE && !(r->roles & ROLE_ANON))
			bad = "reads no credentials, so it must admit anonymous visitors";
		if (!bad && (r->auth == AUTH_BEARER) != (r->scope != SCOPE_NONE))
			bad = "a token's route names the scope it needs, and only such a route";
		if (!bad && r->auth == AUTH_BEARER && (r->roles & ROLE_ANON))
			bad = "a token's route cannot admit anonymous visitors";
		if (!bad)
			bad = fields_problem(rt, r);
		arena_free(a);
		if (bad) {
			snprintf(msg, sizeof msg, "route %s %s: %s", r->method ? r->method : "?", r->path ? r->path : "?",
				 bad);
			return msg;
		}
	}
	return NULL;
}

static bool method_matches(const char *route_method, const char *method)
{
	if (strcmp(route_method, method) == 0)
		return true;
	return strcmp(route_method, "GET") == 0 && strcmp(method, "HEAD") == 0;
}

/* Does the pattern's shape (segment count and literals) fit the path? */
static bool shape_matches(const char **pseg, int pn, const char **seg, int n)
{
	if (pn != n)
		return false;
	for (int i = 0; i < n; i++)
		if (!is_capture(pseg[i]) && strcmp(pseg[i], seg[i]) != 0)
			return false;
	return true;
}

static void allow_add(char *allow, size_t size, const char *method)
{
	if (strstr(allow, method))
		return;
	size_t len = strlen(allow);
	snprintf(allow + len, size - len, "%s%s", len ? ", " : "", method);
	if (strcmp(method, "GET") == 0)
		allow_add(allow, size, "HEAD");
}

enum route_status route_match(const struct router *rt, struct arena *a, const char *method, const char *path,
			      struct route_match *m)
{
	const char *seg[SEGMENTS_MAX], *pseg[SEGMENTS_MAX];
	memset(m, 0, sizeof *m);
	m->in = arena_zalloc(a, rt->nfields * sizeof *m->in);
	m->nin = rt->nfields;
	int n = path[0] == '/' ? split(a, path, seg) : -1;
	if (n < 0)
		return ROUTE_NOT_FOUND;

	bool path_exists = false;
	const char *bad_param = NULL;
	enum field_error bad_reason = FIELD_OK;
	for (size_t i = 0; i < rt->nroutes; i++) {
		const struct route *r = &rt->routes[i];
		int pn = split(a, r->path, pseg);
		if (!shape_matches(pseg, pn, seg, n))
			continue;
		path_exists = true;
		if (!method_matches(r->method, method)) {
			allow_add(m->allow, sizeof m->allow, r->method);
			continue;
		}
		/* Check the captures; the first route whose captures all pass wins. */
		enum field_error err = FIELD_OK;
		int s;
		for (s = 0; s < n && !err; s++) {
			if (!is_capture(pseg[s]))
				continue;
			int fi = capture_field(rt, pseg[s]);
			err = field_check(a, &rt->fields[fi], seg[s], &m->in[fi]);
			if (!err && !m->in[fi].set)
				err = FIELD_FORMAT;
			if (err && !bad_param) {
				bad_param = rt->fields[fi].name;
				bad_reason = err;
			}
		}
		if (!err) {
			m->route = r;
			return ROUTE_FOUND;
		}
		memset(m->in, 0, rt->nfields * sizeof *m->in);
	}
	if (bad_param) {
		m->bad_param = bad_param;
		m->bad_reason = bad_reason;
		return ROUTE_BAD_INPUT;
	}
	return path_exists ? ROUTE_BAD_METHOD : ROUTE_NOT_FOUND;
}

/* Every value of field i (from its first parameter p), each checked: the
 * first is the input's own value, all of them its `all`. */
static enum field_error each_value(const struct router *rt, struct arena *a, const struct params *params, size_t i,
				   const struct param *p, struct input *in)
{
	const struct field *f = &rt->fields[i];
	const char **all = arena_zalloc(a, f->many * sizeof *all);
	size_t n = 0;
	for (; p; p = params_next(params, p)) {
		struct input one;
		enum field_error err = n == f->many ? FIELD_REPEATED : field_check(a, f, p->value, &one);
		if (err)
			return err;
		if (!one.set)
			continue; /* an empty value, as for a field of one */
		if (!n)
			*in = one;
		all[n++] = one.text;
	}
	in->all = all;
	in->nall = n;
	return FIELD_OK;
}

enum route_status route_inputs(const struct router *rt, struct arena *a, const struct params *params,
			       struct route_match *m)
{
	for (size_t i = 0; i < rt->nfields; i++) {
		if (!route_reads(rt, m->route, i) || m->in[i].set)
			continue; /* not read here, or already a path capture */
		const struct param *p = params_get(params, rt->fields[i].name);
		if (!p)
			continue;
		/* One value per field: which of two a handler would read is a
		 * question an attacker could exploit (parameter pollution).  A
		 * field that says it takes several has each checked and kept. */
		enum field_error err = rt->fields[i].many ? each_value(rt, a, params, i, p, &m->in[i])
				       : params_next(params, p) ? FIELD_REPEATED
								: field_check(a, &rt->fields[i], p->value, &m->in[i]);
		if (err && m->route->form && m->route->required[i]) {
			/* Typed wrong in a form, shown beside its field as one left
			 * out is, and kept as typed to be shown again (in_typed),
			 * never read as a checked value. */
			m->in[i] = (struct input){.bad = err, .text = p->value};
			continue;
		}
		if (err) {
			m->bad_param = rt->fields[i].name;
			m->bad_reason = err;
			return ROUTE_BAD_INPUT;
		}
	}
	return ROUTE_FOUND;
}

int route_missing(const struct route_match *m, int after)
{
	for (size_t i = after < 0 ? 0 : (size_t)after + 1; i < m->nin; i++)
		if (m->route->required[i] && !m->in[i].set)
			return (int)i;
	return -1;
}

bool route_has_file(const struct router *rt, const struct route *route)
{
	for (size_t i = 0; i < rt->nfields; i++)
		if (route->fields[i] && rt->fields[i].type == FT_FILE)
			return true;
	return false;
}
