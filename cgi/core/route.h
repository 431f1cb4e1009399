/* The route table: method, path pattern with typed captures, handler,
 * allowed roles, and the fields a route accepts.  Each program has one table;
 * the whole access policy is readable there and a test walks it. */
#ifndef SPOR_ROUTE_H
#define SPOR_ROUTE_H

#include <stdbool.h>
#include <stddef.h>

#include "core/field.h"
#include "core/http_parse.h"

struct req;
struct arena;

/* Who may use a route.  A visitor has exactly one of ANON or USER, plus the
 * roles granted to the account. */
enum role {
	ROLE_ANON = 1u << 0,	 /* not signed in */
	ROLE_USER = 1u << 1,	 /* any signed-in account */
	ROLE_STEWARD = 1u << 2, /* data steward */
	ROLE_ADMIN = 1u << 3,	 /* administrator */
	ROLE_SUPER = 1u << 4,	 /* super user of at least one organisation (which ones: the handler checks) */
};
#define ROLES_EVERYONE (ROLE_ANON | ROLE_USER)
#define ROLES_SIGNED_IN ROLE_USER

typedef int route_handler(struct req *r);

/* The most fields one program may declare.  Raise it at will: a route's
 * sets are arrays of this size, written in the tables as lists (F below),
 * so no table changes with it. */
enum { FIELDS_MAX = 128 };

/* A set of a program's fields, member i for field i.  A table writes one
 * as the list of its members, {F(AF_NAME), F(AF_EMAIL)}: F(i) designates
 * member i, a set is as long as it needs, and a field listed twice in one
 * set is a compile error (-Woverride-init). */
typedef bool field_set[FIELDS_MAX];
#define F(i) [i] = true

/* Whose credentials a route reads. */
enum route_auth {
	AUTH_COOKIE = 0, /* the session cookie; a POST must carry the CSRF token */
	/* None at all: no cookie is read, so a forged cross-site request has no
	 * ambient authority to borrow and a POST needs no CSRF token.  For
	 * operations that change nothing and that programs (and browser code of
	 * other origins) call: the API's checks and FHIR operations.  Their POST
	 * may send a JSON document (application/json, application/fhir+json). */
	AUTH_NONE,
	/* A personal access token (Authorization: Bearer, core/bearer.h) and
	 * never a cookie: a browser sends no such header by itself, so a POST
	 * needs no CSRF token either.  No token, or one that is unknown,
	 * revoked or expired: 401 with WWW-Authenticate; one without the
	 * route's scope: 403.  The write API of IT systems. */
	AUTH_BEARER,
};

/* What a personal access token may do, each including the ones before. */
enum route_scope {
	SCOPE_NONE = 0,
	SCOPE_READ,   /* read the account's own requests */
	SCOPE_WRITE,  /* also submit, edit drafts, comment, withdraw */
	SCOPE_DECIDE, /* also a data steward's or administrator's decisions */
	SCOPE__COUNT
};
/* Their names, as access_tokens.scope and WWW-Authenticate's scope say them. */
extern const char *const route_scope_names[SCOPE__COUNT];

struct route {
	const char *method; /* "GET" (also answers HEAD), "POST", or "PATCH" (AUTH_BEARER) */
	const char *path;   /* "/rms/terms/{termId}": each {name} names a field, always read */
	route_handler *handler;
	unsigned roles;	    /* bit set of enum role; any match admits */
	field_set fields;   /* read from the query or the body */
	/* Fields that must be given (and be among `fields`).  One left out is
	 * a 400 naming it, before the handler runs; on a route with `form`,
	 * the handler's form shows it instead (page_missing marks each, at the
	 * point of the handler's own checks). */
	field_set required;
	/* A form that shows a missing required field beside it, and a required
	 * field that fails its check too (left unset, its reason kept). */
	bool form;
	enum route_auth auth;
	enum route_scope scope; /* AUTH_BEARER: what the token must be allowed */
	/* The most a body may hold (a form or a JSON document), in bytes, for
	 * anyone; 0: the program's caps (app_def).  An upload on the route may
	 * hold as much, or the program's signed-in cap when that is larger
	 * (the write API's proposal with its PDF). */
	size_t body_max;
	/* The handler reads the JSON document itself (r->document), which the
	 * program's read_document then leaves (a batch of the write API). */
	bool reads_document;
};

struct router {
	const struct route *routes;
	size_t nroutes;
	const struct field *fields;
	size_t nfields;		 /* at most FIELDS_MAX */
	field_set global_fields; /* read on every route (e.g. lang) */
};

enum route_status {
	ROUTE_FOUND,
	ROUTE_NOT_FOUND,
	ROUTE_BAD_METHOD, /* the path exists for other methods: 405 */
	ROUTE_BAD_INPUT,  /* a capture or parameter failed its field: 400 */
};

struct route_match {
	const struct route *route;
	struct input *in;		 /* router.nfields entries, arena-allocated */
	size_t nin;			 /* router.nfields */
	const char *bad_param;		 /* ROUTE_BAD_INPUT: the field's name */
	enum field_error bad_reason;	 /* ROUTE_BAD_INPUT: why */
	char allow[32];			 /* ROUTE_BAD_METHOD: the Allow header */
};

/* Check a table at start-up: every capture names a field, paths are well
 * formed, at most FIELDS_MAX fields, a route's sets name fields of the
 * table and it reads each field it requires.  Returns NULL or a message. */
const char *route_table_check(const struct router *rt);

/* Match method and path (decoded, starting with '/'), check the captures. */
enum route_status route_match(const struct router *rt, struct arena *a, const char *method, const char *path,
			      struct route_match *m);

/* Check the route's fields from query/body parameters into m->in.  The first
 * value of a name counts.  Returns ROUTE_FOUND or ROUTE_BAD_INPUT. */
enum route_status route_inputs(const struct router *rt, struct arena *a, const struct params *params,
			       struct route_match *m);

/* Whether the route reads field i (its own fields and the global ones). */
bool route_reads(const struct router *rt, const struct route *route, size_t i);

/* The first of the route's required fields after field `after` (-1: from
 * the first) that the request left out, or -1. */
int route_missing(const struct route_match *m, int after);

/* Whether the route accepts a file (a field of type FT_FILE). */
bool route_has_file(const struct router *rt, const struct route *route);

/* Index of the field named `name`, or -1. */
int route_field_index(const struct router *rt, const char *name);

#endif
