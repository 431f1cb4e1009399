/* The route table: method, path pattern with typed captures, handler,
 * allowed roles, and the fields a route accepts.  Each program has one table;
 * the whole access policy is readable there and a test walks it. */
#ifndef SPOR_ROUTE_H
#define SPOR_ROUTE_H

#include <stddef.h>
#include <stdint.h>

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

struct route {
	const char *method;  /* "GET" (also answers HEAD) or "POST" */
	const char *pattern; /* "/rms/terms/{termId}": each {name} names a field */
	route_handler *handler;
	unsigned roles;	     /* bit set of enum role; any match admits */
	uint64_t fields;     /* bit i: the program's field i is read from the query or body */
};

/* Bit for field index i in route.fields. */
#define F(i) (UINT64_C(1) << (i))

struct router {
	const struct route *routes;
	size_t nroutes;
	const struct field *fields;
	size_t nfields; /* at most 64 */
	uint64_t global_fields; /* accepted on every route (e.g. lang) */
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
	const char *bad_param;		 /* ROUTE_BAD_INPUT: the field's name */
	enum field_error bad_reason;	 /* ROUTE_BAD_INPUT: why */
	char allow[32];			 /* ROUTE_BAD_METHOD: the Allow header */
};

/* Check a table at start-up: every capture names a field, patterns are well
 * formed, at most 64 fields.  Returns NULL or a message. */
const char *route_table_check(const struct router *rt);

/* Match method and path (decoded, starting with '/'), check the captures. */
enum route_status route_match(const struct router *rt, struct arena *a, const char *method, const char *path,
			      struct route_match *m);

/* Check the route's fields from query/body parameters into m->in.  The first
 * value of a name counts.  Returns ROUTE_FOUND or ROUTE_BAD_INPUT. */
enum route_status route_inputs(const struct router *rt, struct arena *a, const struct params *params,
			       struct route_match *m);

/* Whether the route accepts a file (a field of type FT_FILE). */
bool route_has_file(const struct router *rt, const struct route *route);

/* Index of the field named `name`, or -1. */
int route_field_index(const struct router *rt, const char *name);

#endif
