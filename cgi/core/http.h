/* One HTTP request as FastCGI hands it over, and its response.  Everything
 * hangs off the request's arena; the response is buffered and written with
 * its length and the security headers every answer carries (http.c). */
#ifndef SPOR_HTTP_H
#define SPOR_HTTP_H

#include "core/clearsilver.h"
#include <fcgiapp.h>
#include <stdbool.h>
#include <stddef.h>

#include "core/http_parse.h"
#include "core/mem.h"
#include "core/route.h"

struct app;
struct fragment_out;

enum {
	HEADERS_MAX = 16,
	USER_AGENT_MAX = 255, /* bytes of the User-Agent kept (what a session records of it) */
};

/* The request headers an answer depends on, for its Vary header: caches
 * must not give it to a request that differs in one of them. */
enum vary {
	VARY_ACCEPT = 1u << 0,		/* the API's JSON or FHIR */
	VARY_ACCEPT_LANGUAGE = 1u << 1, /* the interface language came from it */
	VARY_COOKIE = 1u << 2,		/* an anonymous page, which a session would change */
};

struct req {
	struct app *app;
	struct arena *arena;
	FCGX_Request *fcgi;

	/* Request */
	const char *method; /* GET, HEAD, POST ... */
	const char *path;   /* decoded, valid UTF-8 */
	const char *query;  /* raw query string */
	const char *remote_addr;
	const char *accept_language;
	const char *lang_cookie, *data_lang_cookie; /* as nginx read them (its cache key); "" when absent */
	const char *accept, *if_none_match, *if_modified_since;
	const char *host, *origin, *sec_fetch_site; /* "" when absent */
	const char *authorization; /* the Authorization header, "" when absent */
	const char *user_agent; /* printable ASCII, at most USER_AGENT_MAX bytes; "" when absent */
	bool https;
	struct params params;  /* query, then body */
	struct upload upload;  /* the file of a multipart body, if any */
	/* A JSON body (application/json or application/fhir+json) as sent,
	 * NUL-terminated, on the routes that take one; else NULL. */
	const char *document;
	size_t document_len;
	struct params cookies;
	struct route_match match;
	unsigned roles; /* enum role bits of the visitor */
	struct signed_in {
		const char *id;	     /* the signed-in account's ID, or NULL */
		const char *session; /* the session cookie's token, when live */
		const char *ui_lang, *data_lang; /* preferences, or NULL */
		long long page_size;		 /* preference, or 0 */
		/* The roles held and those asked for and waiting, each a list of
		 * ROLE_CODE:ORG-ID (may.h), or NULL. */
		const char *held_roles, *pending_roles;
		/* What the account follows, kind:ref comma-separated
		 * (spor-public only: favourite.h), or NULL. */
		const char *follows;
		/* A personal access token's (AUTH_BEARER routes): its number
		 * and name (the audit log's), its scope, and whether the
		 * account has two-step sign-in on. */
		const char *token_id, *token_name;
		enum route_scope token_scope;
		bool two_factor;
	} user;
	/* The data generation read with the session (session.h), or 0. */
	long long data_gen;
	/* The fragments this page puts in its output (fragment.h), or NULL. */
	struct fragment_out *fragments;
	const char *csrf; /* the visitor's CSRF token, once computed */
	const char *lang, *data_lang; /* the interface and data languages (lang.h) */
	bool lang_negotiated; /* the interface language was read from Accept-Language */
	HDF *hdf;

	/* Response */
	int status;
	const char *content_type;
	const char *cache_control;
	unsigned vary; /* enum vary bits */
	const char *header_name[HEADERS_MAX], *header_value[HEADERS_MAX];
	size_t nheaders;
	struct buf body;
	size_t bytes_out;
	bool streamed; /* headers and body already written by http_stream_* */
	long long modified; /* the resource's Last-Modified (seconds since 1970), or 0 */
	/* Error pages: the parameter that was refused and why (a Lang key). */
	const char *err_param, *err_reason;
};

/* The checked value of the program's field `i`, or NULL / `fallback`.  An
 * index beyond the program's field table stops the worker (a handler
 * reading another program's field is a bug).  A program's fields header
 * wraps both so that its handlers pass its own enum, and another
 * program's index does not compile; the names are in parentheses so that
 * its macros leave these declarations alone. */
const char *(in_text)(const struct req *r, int i);
long long (in_int)(const struct req *r, int i, long long fallback);
/* What was typed in a form's field, checked or refused, to show it again
 * in the form (never to act on); NULL when nothing was. */
const char *(in_typed)(const struct req *r, int i);
/* Every checked value of a field that takes several (field.h, `many`), in
 * the request's order; *n of them (0: none). */
const char *const *(in_all)(const struct req *r, int i, size_t *n);

/* Read method, path, query and cookies.  Returns 0, or the status to
 * answer with (400, 414), with err_param/err_reason set. */
int http_read(struct req *r);

/* A request header nginx passed on by its parameter's name ("HTTP_" and
 * the name in capitals, '-' as '_'), as sent; "" when absent.  For a
 * header one part reads: the others are read once into struct req. */
const char *http_param(const struct req *r, const char *name);

/* Whether the request only reads (GET, or HEAD): it changes nothing, so
 * its answer may be kept, answered 304, or linked back to. */
bool http_reads(const struct req *r);

/* The bodies a route takes: a web form's fields (urlencoded), JSON
 * documents as well (the read API), or JSON documents only (the write
 * API: JSON in and out, never a form's fields). */
enum http_bodies { HTTP_BODY_FORMS, HTTP_BODY_FORMS_DOCUMENTS, HTTP_BODY_DOCUMENTS };

/* Read a POST's (or PATCH's) body: urlencoded, of at most `body_max`
 * bytes (unless `bodies` takes documents only), or, when `upload_max` is
 * not 0, also multipart/form-data of at most `upload_max` bytes (its file
 * in r->upload), or, when `bodies` takes documents, also JSON of at most
 * `body_max` bytes (kept in r->document as sent; in a multipart body, its
 * part named "request").  0, or the status to answer with (400, 413,
 * 415). */
int http_read_body(struct req *r, size_t body_max, size_t upload_max, enum http_bodies bodies);

/* The Lang key of a parse error's reason ("too_long", "utf8" ...). */
const char *http_parse_error_key(enum parse_error e);

void http_header(struct req *r, const char *name, const char *value);
/* The name of one of the portal's cookies: "__Host-" + base over HTTPS. */
const char *http_cookie_name(const struct req *r, const char *base);
/* Set (or, with value NULL, delete) a cookie: Path=/; HttpOnly;
 * SameSite=Lax, and Secure over HTTPS; a session cookie unless max_age > 0. */
void http_cookie(struct req *r, const char *base, const char *value, long max_age);
/* The request's cookie `base` (under its HTTPS name), or NULL. */
const char *http_cookie_get(const struct req *r, const char *base);
/* Answer a redirect to a local path or absolute URL; returns `status`. */
int http_redirect(struct req *r, int status, const char *location);
/* Answer a POST that the state refused (a request decided meanwhile, an
 * account already locked) with a redirect to the page it was sent from,
 * `page` (a local path without a query), whose ?refused=`reason` says what
 * happened: a reload shows that page, never sends the form again; 303. */
int http_refused(struct req *r, const char *page, const char *reason);
/* Answer plain text; returns `status`. */
int http_text(struct req *r, int status, const char *text);
/* Write the status line, headers and body. */
void http_send(struct req *r);

/* A streamed answer (large exports): 200, the headers now (no length), then
 * the body in pieces.  `filename` names a download.  Returns 200. */
int http_stream_begin(struct req *r, const char *content_type, const char *filename);
void http_stream_write(struct req *r, const char *data, size_t len);

const char *http_reason(int status);

#endif
