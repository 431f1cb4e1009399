/* Unit tests of the router: matching, typed captures, 404/405/400, and the
 * access policy of the three real route tables. */
#include "config.h"

#include "../tap.h"
#include "core/mem.h"
#include "core/route.h"
#include "programs/routes.h"

static int h_a(struct req *r) { (void)r; return 200; }
static int h_b(struct req *r) { (void)r; return 201; }
static int h_c(struct req *r) { (void)r; return 202; }
static int h_d(struct req *r) { (void)r; return 203; }
static int h_e(struct req *r) { (void)r; return 204; }

enum { T_LIST, T_TERM, T_ORG, T_Q, T_PAGE, T_PROP, T__COUNT };
static const struct field t_fields[T__COUNT] = {
	[T_LIST] = {.name = "listId", .type = FT_ID12},
	[T_TERM] = {.name = "termId", .type = FT_ID12},
	[T_ORG] = {.name = "orgId", .type = FT_ORGID},
	[T_Q] = {.name = "q", .type = FT_TEXT, .max = 200},
	[T_PAGE] = {.name = "page", .type = FT_INT, .min = 1, .max = 10000},
	[T_PROP] = {.name = "property", .type = FT_TEXT, .max = 10, .many = 3},
};
static const struct route t_routes[] = {
	{.method = "GET", .path = "/", .handler = h_a, .roles = ROLES_EVERYONE},
	{.method = "GET", .path = "/rms/lists/{listId}", .handler = h_b, .roles = ROLES_EVERYONE,
	 .fields = {F(T_Q), F(T_PAGE), F(T_PROP)}},
	{.method = "GET", .path = "/rms/lists/{listId}/export.csv", .handler = h_c, .roles = ROLES_EVERYONE},
	{.method = "GET", .path = "/oms/organisations/new", .handler = h_d, .roles = ROLE_USER},
	{.method = "GET", .path = "/oms/organisations/{orgId}", .handler = h_e, .roles = ROLES_EVERYONE},
	{.method = "POST", .path = "/oms/organisations/{orgId}", .handler = h_e, .roles = ROLE_USER,
	 .fields = {F(T_Q), F(T_PAGE)}, .required = {F(T_Q), F(T_PAGE)}},
};
static const struct router t_router = {
	.routes = t_routes,
	.nroutes = sizeof t_routes / sizeof t_routes[0],
	.fields = t_fields,
	.nfields = T__COUNT,
};

struct match_case {
	const char *method, *path;
	enum route_status status;
	int route;	       /* index into t_routes when found */
	const char *bad_param; /* when ROUTE_BAD_INPUT */
	const char *allow;     /* when ROUTE_BAD_METHOD */
};

static const struct match_case cases[] = {
	{"GET", "/", ROUTE_FOUND, 0, NULL, NULL},
	{"HEAD", "/", ROUTE_FOUND, 0, NULL, NULL},
	{"POST", "/", ROUTE_BAD_METHOD, -1, NULL, "GET, HEAD"},
	{"DELETE", "/", ROUTE_BAD_METHOD, -1, NULL, "GET, HEAD"},
	{"GET", "/rms/lists/100000000002", ROUTE_FOUND, 1, NULL, NULL},
	{"GET", "/rms/lists/12ab", ROUTE_BAD_INPUT, -1, "listId", NULL},
	{"GET", "/rms/lists/100000000002/export.csv", ROUTE_FOUND, 2, NULL, NULL},
	{"GET", "/rms/lists/100000000002/export.xml", ROUTE_NOT_FOUND, -1, NULL, NULL},
	{"GET", "/rms/lists", ROUTE_NOT_FOUND, -1, NULL, NULL},
	{"GET", "/rms/lists/100000000002/", ROUTE_NOT_FOUND, -1, NULL, NULL},
	{"GET", "/oms/organisations/new", ROUTE_FOUND, 3, NULL, NULL}, /* literal before capture */
	{"GET", "/oms/organisations/ORG-100001968", ROUTE_FOUND, 4, NULL, NULL},
	{"POST", "/oms/organisations/ORG-100001968", ROUTE_FOUND, 5, NULL, NULL},
	{"PUT", "/oms/organisations/ORG-100001968", ROUTE_BAD_METHOD, -1, NULL, "GET, HEAD, POST"},
	{"GET", "/oms/organisations/ORG-12", ROUTE_BAD_INPUT, -1, "orgId", NULL},
	{"GET", "/oms/organisations/../../etc/passwd", ROUTE_NOT_FOUND, -1, NULL, NULL},
	{"GET", "/a/b/c/d/e/f/g/h/i/j/k/l/m/n/o/p/q/r/s", ROUTE_NOT_FOUND, -1, NULL, NULL},
	{"GET", "", ROUTE_NOT_FOUND, -1, NULL, NULL},
	{"GET", "//", ROUTE_NOT_FOUND, -1, NULL, NULL},
};

static void test_matching(struct arena *a)
{
	ok(route_table_check(&t_router) == NULL, "the test table is well formed");
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		const struct match_case *c = &cases[i];
		struct route_match m;
		enum route_status s = route_match(&t_router, a, c->method, c->path, &m);
		bool good = s == c->status;
		if (good && s == ROUTE_FOUND)
			good = m.route == &t_routes[c->route];
		if (good && s == ROUTE_BAD_INPUT)
			good = m.bad_param && strcmp(m.bad_param, c->bad_param) == 0;
		if (good && s == ROUTE_BAD_METHOD)
			good = strcmp(m.allow, c->allow) == 0;
		if (!ok(good, "%s %s", c->method, c->path))
			diag("status %d (want %d), allow \"%s\"", s, c->status, m.allow);
	}
	struct route_match m;
	route_match(&t_router, a, "GET", "/rms/lists/100000000006", &m);
	is_str(m.in[T_LIST].text, "100000000006", "a capture is a typed input");
}

static void test_inputs(struct arena *a)
{
	struct route_match m;
	struct params p;
	struct parse_result res;
	route_match(&t_router, a, "GET", "/rms/lists/100000000002", &m);
	params_init(&p);
	http_parse_urlencoded(a, "q=%20dose%20&page=3&listId=999999999999&other=x", 47, &p, &res);
	is_int(route_inputs(&t_router, a, &p, &m), ROUTE_FOUND, "accepted fields pass");
	is_str(m.in[T_Q].text, "dose", "text field trimmed");
	is_int(m.in[T_PAGE].num, 3, "int field typed");
	is_str(m.in[T_LIST].text, "100000000002", "a query parameter cannot override a path capture");

	route_match(&t_router, a, "GET", "/rms/lists/100000000002", &m);
	params_init(&p);
	http_parse_urlencoded(a, "page=0", 6, &p, &res);
	is_int(route_inputs(&t_router, a, &p, &m), ROUTE_BAD_INPUT, "out-of-range page is refused");
	is_str(m.bad_param, "page", "and named");

	route_match(&t_router, a, "GET", "/", &m);
	params_init(&p);
	http_parse_urlencoded(a, "page=0", 6, &p, &res);
	is_int(route_inputs(&t_router, a, &p, &m), ROUTE_FOUND, "fields a route does not read are ignored");

	/* Parameter pollution: two values of one field is a 400 naming it,
	 * whichever of the two a handler would have read. */
	route_match(&t_router, a, "GET", "/rms/lists/100000000002", &m);
	params_init(&p);
	http_parse_urlencoded(a, "q=dose&page=2&q=form", 20, &p, &res);
	is_int(route_inputs(&t_router, a, &p, &m), ROUTE_BAD_INPUT, "a field given twice is refused");
	is_str(m.bad_param, "q", "and named");
	is_int(m.bad_reason, FIELD_REPEATED, "as repeated");
	route_match(&t_router, a, "GET", "/rms/lists/100000000002", &m);
	params_init(&p);
	http_parse_urlencoded(a, "page=2&page=2", 13, &p, &res);
	is_int(route_inputs(&t_router, a, &p, &m), ROUTE_BAD_INPUT, "even with the same value twice");
	route_match(&t_router, a, "GET", "/rms/lists/100000000002", &m);
	params_init(&p);
	http_parse_urlencoded(a, "x=1&x=2&page=2", 14, &p, &res);
	is_int(route_inputs(&t_router, a, &p, &m), ROUTE_FOUND, "a parameter the route does not read may repeat");

	/* A field that takes several values (a FHIR operation's repeated
	 * parameter): each checked and kept in order, up to its count. */
	route_match(&t_router, a, "GET", "/rms/lists/100000000002", &m);
	params_init(&p);
	http_parse_urlencoded(a, "property=a&property=&property=%20b", 34, &p, &res);
	is_int(route_inputs(&t_router, a, &p, &m), ROUTE_FOUND, "a field of several values may repeat");
	ok(m.in[T_PROP].nall == 2 && strcmp(m.in[T_PROP].all[0], "a") == 0 && strcmp(m.in[T_PROP].all[1], "b") == 0 &&
		   strcmp(m.in[T_PROP].text, "a") == 0,
	   "each value checked (trimmed, the empty one left out), in order; the first is its text");
	route_match(&t_router, a, "GET", "/rms/lists/100000000002", &m);
	params_init(&p);
	http_parse_urlencoded(a, "property=a&property=b&property=c&property=d", 43, &p, &res);
	is_int(route_inputs(&t_router, a, &p, &m), ROUTE_BAD_INPUT, "more values than it takes are refused");
	is_int(m.bad_reason, FIELD_REPEATED, "as repeated");
	route_match(&t_router, a, "GET", "/rms/lists/100000000002", &m);
	params_init(&p);
	http_parse_urlencoded(a, "property=a&property=eleven-long", 31, &p, &res);
	is_int(route_inputs(&t_router, a, &p, &m), ROUTE_BAD_INPUT, "every value meets the field's checks");
	is_str(m.bad_param, "property", "and the field is named");
}

/* Match `path` and read the route's fields from `query`. */
static enum route_status read_request(const struct router *rt, struct arena *a, const char *method, const char *path,
				      const char *query, struct route_match *m)
{
	struct params p;
	struct parse_result res;
	if (route_match(rt, a, method, path, m) != ROUTE_FOUND)
		return ROUTE_NOT_FOUND;
	params_init(&p);
	http_parse_urlencoded(a, query, strlen(query), &p, &res);
	return route_inputs(rt, a, &p, m);
}

/* Required fields: the route table names them, route_missing finds each
 * one the request left out, in the table's order. */
static void test_required(struct arena *a)
{
	struct route_match m;
	const char *org = "/oms/organisations/ORG-100001968";
	read_request(&t_router, a, "POST", org, "q=%20%20", &m);
	is_int(route_missing(&m, -1), T_Q, "a required field of blanks is missing");
	is_int(route_missing(&m, T_Q), T_PAGE, "and so is the next one left out");
	is_int(route_missing(&m, T_PAGE), -1, "and no other");
	read_request(&t_router, a, "POST", org, "q=dose&page=2", &m);
	is_int(route_missing(&m, -1), -1, "none is missing when all are given");
	read_request(&t_router, a, "GET", "/rms/lists/100000000002", "", &m);
	is_int(route_missing(&m, -1), -1, "a route that requires nothing misses nothing");
}

static const struct route bad_routes[] = {
	{.method = "GET", .path = "/x/{nosuchfield}", .handler = h_a, .roles = ROLES_EVERYONE},
};
static const struct route bad_method[] = {
	{.method = "PATCH", .path = "/x", .handler = h_a, .roles = ROLES_EVERYONE},
};
static const struct route no_roles[] = {
	{.method = "GET", .path = "/x", .handler = h_a},
};
static const struct route beyond_table[] = {
	{.method = "GET", .path = "/x", .handler = h_a, .roles = ROLES_EVERYONE, .fields = {F(T__COUNT)}},
};
static const struct route required_unread[] = {
	{.method = "POST", .path = "/x", .handler = h_a, .roles = ROLE_USER, .fields = {F(T_Q)},
	 .required = {F(T_PAGE)}},
};
static const struct field same_name_fields[] = {
	{.name = "email", .type = FT_EMAIL, .max = 254},
	{.name = "email", .type = FT_CONTACT_EMAIL, .max = 254},
};
static const struct route same_name[] = {
	{.method = "POST", .path = "/x", .handler = h_a, .roles = ROLE_USER, .fields = {F(0), F(1)}},
};

/* A route that reads no credentials but admits only signed-in users would
 * answer nobody: the table check says so. */
static const struct route credentials_unread[] = {
	{.method = "POST", .path = "/x", .handler = h_a, .roles = ROLE_USER, .auth = AUTH_NONE},
};

static void test_table_check(void)
{
	struct router r = t_router;
	r.routes = bad_routes;
	r.nroutes = 1;
	ok(route_table_check(&r) != NULL, "a capture naming no field is caught");
	r.routes = bad_method;
	ok(route_table_check(&r) != NULL, "an unknown method is caught");
	r.routes = no_roles;
	ok(route_table_check(&r) != NULL, "a route nobody may use is caught");
	r.routes = beyond_table;
	ok(route_table_check(&r) != NULL, "a field beyond the field table is caught");
	r.routes = required_unread;
	ok(route_table_check(&r) != NULL, "a required field the route does not read is caught");
	r.routes = credentials_unread;
	ok(route_table_check(&r) != NULL, "a route reading no credentials that admits no visitor is caught");
	r.routes = t_routes;
	r.nfields = FIELDS_MAX + 1;
	ok(route_table_check(&r) != NULL, "more fields than FIELDS_MAX are caught");
	struct router two = {.routes = same_name, .nroutes = 1, .fields = same_name_fields, .nfields = 2};
	ok(route_table_check(&two) != NULL, "two fields of one name on one route are caught");
}

/* A program may have FIELDS_MAX fields, far more than a 64-bit mask held:
 * the last one is read and required like the first. */
static struct field many_fields[FIELDS_MAX];
static const struct route many_routes[] = {
	{.method = "POST", .path = "/x", .handler = h_a, .roles = ROLE_USER, .fields = {F(0), F(FIELDS_MAX - 1)},
	 .required = {F(FIELDS_MAX - 1)}},
};

static void test_many_fields(struct arena *a)
{
	for (size_t i = 0; i < FIELDS_MAX; i++)
		many_fields[i] = (struct field){.name = "other", .type = FT_TEXT, .max = 10};
	many_fields[0].name = "first";
	many_fields[FIELDS_MAX - 1].name = "last";
	struct router rt = {.routes = many_routes, .nroutes = 1, .fields = many_fields, .nfields = FIELDS_MAX};
	ok(route_table_check(&rt) == NULL, "a table of FIELDS_MAX (%d) fields is well formed", FIELDS_MAX);
	struct route_match m;
	is_int(read_request(&rt, a, "POST", "/x", "first=1&other=2&last=3", &m), ROUTE_FOUND, "its fields are read");
	is_str(m.in[FIELDS_MAX - 1].text, "3", "the last one too");
	ok(!m.in[1].set, "and not one the route does not read");
	is_int(route_missing(&m, -1), -1, "the last one is given");
	read_request(&rt, a, "POST", "/x", "first=1", &m);
	is_int(route_missing(&m, -1), FIELDS_MAX - 1, "and missing when left out");
}

/* The access policy, route by route: who may use each program's routes.
 * A route added to a table without a line here fails this test. */
struct policy {
	const struct app_def *app;
	const char *method, *path;
	unsigned roles;
};

static const struct policy policy[] = {
	{&public_app, "GET", "/", ROLES_EVERYONE},
	{&public_app, "GET", "/healthz", ROLES_EVERYONE},
	{&public_app, "GET", "/sms", ROLES_EVERYONE},
	{&public_app, "GET", "/downloads", ROLES_EVERYONE},
	{&public_app, "GET", "/pms", ROLES_EVERYONE},
	{&public_app, "GET", "/rms/lists", ROLES_EVERYONE},
	{&public_app, "GET", "/rms/lists/{listId}", ROLES_EVERYONE},
	{&public_app, "GET", "/rms/terms/{termId}", ROLES_EVERYONE},
	{&public_app, "GET", "/rms/search", ROLES_EVERYONE},
	{&public_app, "GET", "/rms/lists/{listId}/export.csv", ROLES_EVERYONE},
	{&public_app, "GET", "/rms/lists/{listId}/export.xlsx", ROLES_EVERYONE},
	{&public_app, "GET", "/rms/lists/{listId}/export.json", ROLES_EVERYONE},
	{&public_app, "GET", "/oms/organisations", ROLES_EVERYONE},
	{&public_app, "GET", "/oms/organisations/{orgId}", ROLES_EVERYONE},
	{&public_app, "GET", "/oms/locations/{locId}", ROLES_EVERYONE},
	{&public_app, "GET", "/oms/export.csv", ROLES_EVERYONE},
	{&public_app, "GET", "/oms/export.xlsx", ROLES_EVERYONE},
	{&public_app, "GET", "/oms/export.json", ROLES_EVERYONE},
	{&public_app, "GET", "/api", ROLES_EVERYONE},
	{&public_app, "GET", "/api/v1/changes", ROLES_EVERYONE},
	{&public_app, "GET", "/changes/feed.atom", ROLES_EVERYONE},
	{&public_app, "GET", "/rms/lists/{listId}/feed.atom", ROLES_EVERYONE},
	{&public_app, "GET", "/oms/organisations/{orgId}/feed.atom", ROLES_EVERYONE},
	{&public_app, "GET", "/api/v1/lists", ROLES_EVERYONE},
	{&public_app, "GET", "/api/v1/lists/{listId}", ROLES_EVERYONE},
	{&public_app, "GET", "/api/v1/lists/{listId}/terms", ROLES_EVERYONE},
	{&public_app, "GET", "/api/v1/fhir/CodeSystem", ROLES_EVERYONE},
	{&public_app, "GET", "/api/v1/fhir/CodeSystem/{listId}", ROLES_EVERYONE},
	{&public_app, "GET", "/api/v1/terms/{termId}", ROLES_EVERYONE},
	{&public_app, "GET", "/api/v1/search/terms", ROLES_EVERYONE},
	{&public_app, "GET", "/api/v1/organisations", ROLES_EVERYONE},
	{&public_app, "GET", "/api/v1/organisations/{orgId}", ROLES_EVERYONE},
	{&public_app, "GET", "/api/v1/locations/{locId}", ROLES_EVERYONE},
	{&public_app, "GET", "/api/v1/fhir/Organization", ROLES_EVERYONE},
	{&public_app, "GET", "/api/v1/fhir/Organization/{orgId}", ROLES_EVERYONE},
	{&public_app, "GET", "/api/v1/fhir/Location/{locId}", ROLES_EVERYONE},
	{&public_app, "GET", "/api/v1/fhir/metadata", ROLES_EVERYONE},
	{&public_app, "GET", "/api/v1/fhir/CodeSystem/$lookup", ROLES_EVERYONE},
	{&public_app, "POST", "/api/v1/fhir/CodeSystem/$lookup", ROLES_EVERYONE},
	{&public_app, "GET", "/api/v1/fhir/CodeSystem/{listId}/$lookup", ROLES_EVERYONE},
	{&public_app, "POST", "/api/v1/fhir/CodeSystem/{listId}/$lookup", ROLES_EVERYONE},
	{&public_app, "GET", "/api/v1/fhir/CodeSystem/$validate-code", ROLES_EVERYONE},
	{&public_app, "POST", "/api/v1/fhir/CodeSystem/$validate-code", ROLES_EVERYONE},
	{&public_app, "GET", "/api/v1/fhir/CodeSystem/{listId}/$validate-code", ROLES_EVERYONE},
	{&public_app, "POST", "/api/v1/fhir/CodeSystem/{listId}/$validate-code", ROLES_EVERYONE},
	{&public_app, "GET", "/api/v1/fhir/CodeSystem/$subsumes", ROLES_EVERYONE},
	{&public_app, "POST", "/api/v1/fhir/CodeSystem/$subsumes", ROLES_EVERYONE},
	{&public_app, "GET", "/api/v1/fhir/CodeSystem/{listId}/$subsumes", ROLES_EVERYONE},
	{&public_app, "POST", "/api/v1/fhir/CodeSystem/{listId}/$subsumes", ROLES_EVERYONE},
	{&public_app, "GET", "/api/v1/fhir/ValueSet/{listId}", ROLES_EVERYONE},
	{&public_app, "GET", "/api/v1/fhir/ValueSet/$expand", ROLES_EVERYONE},
	{&public_app, "POST", "/api/v1/fhir/ValueSet/$expand", ROLES_EVERYONE},
	{&public_app, "GET", "/api/v1/fhir/ValueSet/{listId}/$expand", ROLES_EVERYONE},
	{&public_app, "POST", "/api/v1/fhir/ValueSet/{listId}/$expand", ROLES_EVERYONE},
	{&public_app, "GET", "/api/v1/fhir/ValueSet/$validate-code", ROLES_EVERYONE},
	{&public_app, "POST", "/api/v1/fhir/ValueSet/$validate-code", ROLES_EVERYONE},
	{&public_app, "GET", "/api/v1/fhir/ValueSet/{listId}/$validate-code", ROLES_EVERYONE},
	{&public_app, "POST", "/api/v1/fhir/ValueSet/{listId}/$validate-code", ROLES_EVERYONE},
	{&public_app, "GET", "/api/v1/fhir/ConceptMap", ROLES_EVERYONE},
	{&public_app, "GET", "/api/v1/fhir/ConceptMap/$translate", ROLES_EVERYONE},
	{&public_app, "POST", "/api/v1/fhir/ConceptMap/$translate", ROLES_EVERYONE},
	{&public_app, "GET", "/api/v1/fhir/ConceptMap/{conceptMapId}/$translate", ROLES_EVERYONE},
	{&public_app, "POST", "/api/v1/fhir/ConceptMap/{conceptMapId}/$translate", ROLES_EVERYONE},
	{&public_app, "GET", "/api/v1/fhir/ConceptMap/{conceptMapId}", ROLES_EVERYONE},
	{&public_app, "GET", "/v1/lists", ROLES_EVERYONE},
	{&public_app, "GET", "/v1/lists/{listId}/term-summaries", ROLES_EVERYONE},
	{&public_app, "GET", "/v1/lists/{listId}/terms/{termId}", ROLES_EVERYONE},
	{&public_app, "GET", "/v1/organisations/{orgId}", ROLES_EVERYONE},
	{&public_app, "GET", "/v1/locations/{locId}", ROLES_EVERYONE},
	{&public_app, "POST", "/api/v1/check", ROLES_EVERYONE},
	{&public_app, "GET", "/tools/check", ROLES_EVERYONE},
	{&public_app, "POST", "/tools/check", ROLES_EVERYONE},
	{&account_app, "GET", "/login", ROLES_EVERYONE},
	{&account_app, "POST", "/login", ROLES_EVERYONE},
	{&account_app, "GET", "/login/two-factor", ROLES_EVERYONE},
	{&account_app, "POST", "/login/two-factor", ROLES_EVERYONE},
	{&account_app, "POST", "/logout", ROLES_EVERYONE},
	{&account_app, "GET", "/register", ROLES_EVERYONE},
	{&account_app, "POST", "/register", ROLES_EVERYONE},
	{&account_app, "GET", "/register/verify", ROLES_EVERYONE},
	{&account_app, "POST", "/register/verify", ROLES_EVERYONE},
	{&account_app, "GET", "/password/forgot", ROLES_EVERYONE},
	{&account_app, "POST", "/password/forgot", ROLES_EVERYONE},
	{&account_app, "GET", "/password/reset", ROLES_EVERYONE},
	{&account_app, "POST", "/password/reset", ROLES_EVERYONE},
	{&account_app, "GET", "/account", ROLES_SIGNED_IN},
	{&account_app, "GET", "/account/preferences", ROLES_SIGNED_IN},
	{&account_app, "POST", "/account/preferences", ROLES_SIGNED_IN},
	{&account_app, "GET", "/account/language", ROLES_SIGNED_IN},
	{&account_app, "POST", "/account/favourites", ROLES_SIGNED_IN},
	{&account_app, "GET", "/account/password", ROLES_SIGNED_IN},
	{&account_app, "POST", "/account/password", ROLES_SIGNED_IN},
	{&account_app, "GET", "/account/two-factor", ROLES_SIGNED_IN},
	{&account_app, "POST", "/account/two-factor", ROLES_SIGNED_IN},
	{&account_app, "POST", "/account/two-factor/disable", ROLES_SIGNED_IN},
	{&account_app, "POST", "/account/two-factor/recovery-codes", ROLES_SIGNED_IN},
	{&account_app, "GET", "/account/sessions", ROLES_SIGNED_IN},
	{&account_app, "POST", "/account/sessions", ROLES_SIGNED_IN},
	{&account_app, "GET", "/account/sessions/{sessionId}", ROLES_SIGNED_IN},
	{&account_app, "POST", "/account/sessions/{sessionId}", ROLES_SIGNED_IN},
	{&account_app, "GET", "/account/tokens", ROLES_SIGNED_IN},
	{&account_app, "POST", "/account/tokens", ROLES_SIGNED_IN},
	{&account_app, "POST", "/account/tokens/{tokenId}/revoke", ROLES_SIGNED_IN},
	{&account_app, "GET", "/api/v1/change-requests", ROLES_SIGNED_IN},
	{&account_app, "POST", "/api/v1/change-requests", ROLES_SIGNED_IN},
	{&account_app, "POST", "/api/v1/change-requests:batch", ROLES_SIGNED_IN},
	{&account_app, "PATCH", "/api/v1/change-requests/{requestId}", ROLES_SIGNED_IN},
	{&account_app, "POST", "/api/v1/change-requests/{requestId}/submit", ROLES_SIGNED_IN},
	{&account_app, "POST", "/api/v1/change-requests/{requestId}/withdraw", ROLES_SIGNED_IN},
	{&account_app, "POST", "/api/v1/change-requests/{requestId}/comments", ROLES_SIGNED_IN},
	{&admin_app, "POST", "/api/v1/change-requests/{requestId}/transitions", ROLE_ADMIN | ROLE_STEWARD},
	{&account_app, "GET", "/api/v1/change-requests/{requestId}", ROLES_SIGNED_IN},
	{&account_app, "GET", "/account/delete", ROLES_SIGNED_IN},
	{&account_app, "POST", "/account/delete", ROLES_SIGNED_IN},
	{&account_app, "GET", "/account/roles", ROLES_SIGNED_IN},
	{&account_app, "POST", "/account/roles", ROLES_SIGNED_IN},
	{&account_app, "POST", "/account/roles/{requestId}/withdraw", ROLES_SIGNED_IN},
	{&account_app, "GET", "/account/roles/{requestId}/document", ROLES_SIGNED_IN},
	{&admin_app, "GET", "/admin", ROLE_ADMIN | ROLE_STEWARD | ROLE_SUPER},
	{&admin_app, "GET", "/admin/role-requests", ROLE_ADMIN | ROLE_SUPER},
	{&admin_app, "GET", "/admin/role-requests/{requestId}", ROLE_ADMIN | ROLE_SUPER},
	{&admin_app, "GET", "/admin/role-requests/{requestId}/document", ROLE_ADMIN | ROLE_SUPER},
	{&admin_app, "POST", "/admin/role-requests/{requestId}/decision", ROLE_ADMIN | ROLE_SUPER},
	{&admin_app, "GET", "/admin/users", ROLE_ADMIN | ROLE_SUPER},
	{&admin_app, "GET", "/admin/users/{accountId}", ROLE_ADMIN | ROLE_SUPER},
	{&admin_app, "POST", "/admin/users/{accountId}/lock", ROLE_ADMIN},
	{&admin_app, "POST", "/admin/users/{accountId}/unlock", ROLE_ADMIN},
	{&admin_app, "POST", "/admin/users/{accountId}/roles", ROLE_ADMIN},
	{&admin_app, "POST", "/admin/users/{accountId}/roles/revoke", ROLE_ADMIN | ROLE_SUPER},
	{&admin_app, "GET", "/admin/audit", ROLE_ADMIN},
	{&admin_app, "GET", "/admin/change-requests", ROLE_ADMIN | ROLE_STEWARD},
	{&admin_app, "GET", "/admin/change-requests/{requestId}", ROLE_ADMIN | ROLE_STEWARD},
	{&admin_app, "POST", "/admin/change-requests/{requestId}/assign", ROLE_ADMIN | ROLE_STEWARD},
	{&admin_app, "POST", "/admin/change-requests/{requestId}/move", ROLE_ADMIN | ROLE_STEWARD},
	{&admin_app, "POST", "/admin/change-requests/{requestId}/comments", ROLE_ADMIN | ROLE_STEWARD},
	{&account_app, "GET", "/rms/requests/new", ROLES_SIGNED_IN},
	{&account_app, "POST", "/rms/requests/new", ROLES_SIGNED_IN},
	{&account_app, "GET", "/rms/lists/{listId}/requests/new", ROLES_SIGNED_IN},
	{&account_app, "POST", "/rms/lists/{listId}/requests/new", ROLES_SIGNED_IN},
	{&account_app, "GET", "/rms/terms/{termId}/requests/new", ROLES_SIGNED_IN},
	{&account_app, "POST", "/rms/terms/{termId}/requests/new", ROLES_SIGNED_IN},
	{&account_app, "GET", "/oms/requests/new", ROLES_SIGNED_IN},
	{&account_app, "POST", "/oms/requests/new", ROLES_SIGNED_IN},
	{&account_app, "GET", "/oms/organisations/{orgId}/requests/new", ROLES_SIGNED_IN},
	{&account_app, "POST", "/oms/organisations/{orgId}/requests/new", ROLES_SIGNED_IN},
	{&account_app, "GET", "/account/requests", ROLES_SIGNED_IN},
	{&account_app, "GET", "/account/requests/{requestId}", ROLES_SIGNED_IN},
	{&account_app, "POST", "/account/requests/{requestId}", ROLES_SIGNED_IN},
	{&account_app, "POST", "/account/requests/{requestId}/withdraw", ROLES_SIGNED_IN},
	{&account_app, "POST", "/account/requests/{requestId}/comments", ROLES_SIGNED_IN},
	{&account_app, "GET", "/account/requests/{requestId}/document", ROLES_SIGNED_IN},
	{&admin_app, "GET", "/admin/change-requests/{requestId}/document", ROLE_ADMIN | ROLE_STEWARD},
};

static void test_policy(void)
{
	const struct app_def *apps[] = {&public_app, &account_app, &admin_app};
	for (size_t k = 0; k < 3; k++) {
		const struct router *rt = apps[k]->router;
		ok(route_table_check(rt) == NULL, "%s's route table is well formed", apps[k]->name);
		for (size_t i = 0; i < rt->nroutes; i++) {
			const struct route *r = &rt->routes[i];
			const struct policy *p = NULL;
			for (size_t j = 0; j < sizeof policy / sizeof policy[0]; j++)
				if (policy[j].app == apps[k] && strcmp(policy[j].method, r->method) == 0 &&
				    strcmp(policy[j].path, r->path) == 0)
					p = &policy[j];
			if (!ok(p && p->roles == r->roles, "%s %s %s: roles as the policy says", apps[k]->name,
				r->method, r->path))
				diag("policy %s, table 0x%x", p ? "differs" : "has no line", r->roles);
			/* A POST of spor-public reads no credentials: it changes
			 * nothing (its database user cannot) and borrows no one's. */
			if (apps[k] == &public_app)
				ok((strcmp(r->method, "GET") == 0 || r->auth == AUTH_NONE) && (r->roles & ROLE_ANON),
				   "spor-public %s %s is read-only and anonymous", r->method, r->path);
			if (apps[k] == &admin_app)
				ok(!(r->roles & (ROLE_ANON | ROLE_USER)), "spor-admin %s needs a console role",
				   r->path);
		}
	}
}

/* The most a field's value can take in a urlencoded form: every character
 * of four UTF-8 bytes, each percent-encoded. */
static size_t value_bound(const struct field *f)
{
	switch (f->type) {
	case FT_TEXT:
	case FT_LINES:
	case FT_EMAIL:
	case FT_PATH:
	case FT_SECRET:
	case FT_FILE:
		return (size_t)f->max * 12;
	case FT_ENUM: {
		size_t longest = 0;
		for (const char *const *c = f->choices; *c; c++)
			longest = strlen(*c) > longest ? strlen(*c) : longest;
		return longest * 3;
	}
	default: /* numbers, IDs, codes, tokens */
		return 64 * 3;
	}
}

/* Anonymous visitors may send ANON_BODY_MAX bytes: every form an anonymous
 * visitor may post fits, at its largest, and none takes a file. */
static void test_anonymous_forms(void)
{
	const struct app_def *apps[] = {&public_app, &account_app, &admin_app};
	for (size_t k = 0; k < 3; k++) {
		const struct router *rt = apps[k]->router;
		for (size_t i = 0; i < rt->nroutes; i++) {
			const struct route *r = &rt->routes[i];
			/* A route with a body cap of its own (body_max: the check
			 * of 10,000 IDs, a paste or a file) is held to that cap. */
			if (strcmp(r->method, "POST") != 0 || !(r->roles & ROLE_ANON) || r->body_max)
				continue;
			size_t bound = strlen("csrf_token=") + 64;
			for (size_t f = 0; f < rt->nfields; f++)
				if (route_reads(rt, r, f))
					bound += strlen(rt->fields[f].name) + 2 + value_bound(&rt->fields[f]);
			ok(bound <= ANON_BODY_MAX && !route_has_file(rt, r),
			   "%s POST %s: its largest form (%zu bytes) fits an anonymous body", apps[k]->name, r->path,
			   bound);
		}
	}
}

int main(void)
{
	struct arena *a = arena_new();
	test_matching(a);
	test_inputs(a);
	test_required(a);
	test_table_check();
	test_many_fields(a);
	test_policy();
	test_anonymous_forms();
	arena_free(a);
	return done_testing();
}
