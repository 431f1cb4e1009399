/* The read API's answers (/api/v1/ and the EMA-compatible /v1/): JSON with
 * an ETag (a digest of the body) and a Cache-Control fit for reference data;
 * a conditional request whose If-None-Match matches gets 304 and no body;
 * errors are JSON too, naming the parameter. */
#ifndef SPOR_API_H
#define SPOR_API_H

#include <jansson.h>
#include <stdbool.h>

struct req;

/* What the request's Accept header takes: API_JSON (also with no header,
 * or * / *), API_FHIR (application/fhir+json first), or API_NONE (406). */
enum api_format { API_JSON, API_FHIR, API_NONE };
enum api_format api_format(const struct req *r);

/* Answer `doc` (the reference is taken) as JSON; 200 or 304. */
int api_send(struct req *r, json_t *doc);

/* The same as application/fhir+json. */
int api_send_fhir(struct req *r, json_t *doc);

/* Answer the body already in r->body (an Atom document) as `type`, with
 * its ETag; 304 without it when If-None-Match names that ETag (or, without
 * one, If-Modified-Since is not older than api_modified's time).  The
 * caller says how long it may be kept (api_send: api.max_age). */
int api_send_body(struct req *r, const char *type);

/* Set the answer's Last-Modified from `iso` ("2026-01-31T10:00:00Z", or
 * NULL for none), before api_send: a request whose If-Modified-Since is not
 * older (and has no If-None-Match) then gets 304. */
void api_modified(struct req *r, const char *iso);

/* spor-public's error renderer (app_def.render_error): the error `status`
 * of a request for one of the API's resources (/api/v1/, /v1/) as JSON
 * into the answer (a FHIR OperationOutcome under /api/v1/fhir/ or when FHIR
 * was asked for), and true; false for any other path, which gets the
 * portal's error page. */
bool api_error(struct req *r, int status);
/* The JSON error's object for `status`: "status", "message", and from
 * the request's refusal "parameter", "reason" and each field's problem
 * under "fields" (Page.errors). */
json_t *api_error_json(struct req *r, int status);

/* A POST's JSON document (r->document), parsed, duplicate keys refused;
 * NULL when there is none or it is not JSON.  The caller owns it. */
json_t *api_document(struct req *r);

/* spor-public's app_def.read_document: a FHIR Parameters resource's
 * parameters into r->params (primitive values as written, a Coding as
 * "system|code"; resources and parts left to the handler), so an
 * operation's POST meets its GET's fields; any other JSON object is left
 * to the handler, except under /api/v1/fhir/, whose operations take only
 * Parameters.  A body that is not a JSON object: 400 naming "body". */
int api_read_document(struct req *r);

/* The absolute URL of `path` with the request's query, `name` set to
 * `value` (for paging links). */
const char *api_link(struct req *r, const char *path, const char *name, long long value);

/* A JSON string, or null for SQL NULL. */
json_t *api_str(const char *s);

/* Page and size from ?page= and ?size= (at most API_MAX_SIZE). */
enum { API_MAX_SIZE = 500 };
void api_paging(struct req *r, int page_field, int size_field, long long *page, long long *size);

/* A FHIR searchset Bundle of `entries` (the reference is taken) with its
 * total and self, next and previous links on the request's own path. */
json_t *api_bundle(struct req *r, long long page, long long size, long long total, json_t *entries);

/* {"page", "size", "total", "next", "prev"} for a listing at `path`. */
json_t *api_pager(struct req *r, const char *path, long long page, long long size, long long total);

#endif
