/* JSON answers of the read API. */
#include "config.h"

#include <openssl/evp.h>
#include <stdio.h>
#include <time.h>
#include <stdlib.h>
#include <string.h>

#include "api/api.h"
#include "core/listing.h"
#include "core/page.h"
#include "core/program.h"
#include "programs/handlers_public.h"

/* Whether the request is one of the API's resources (its errors are JSON). */
static bool api_path(const struct req *r)
{
	return r->path && (strncmp(r->path, "/api/v1/", 8) == 0 || strncmp(r->path, "/v1/", 4) == 0);
}

/* A strong ETag: the first 128 bits of the body's SHA-256, in hex. */
static const char *etag_of(struct req *r, const char *body, size_t len)
{
	unsigned char md[EVP_MAX_MD_SIZE];
	unsigned int n = 0;
	EVP_Digest(body, len, md, &n, EVP_sha256(), NULL);
	char hex[40];
	for (unsigned i = 0; i < 16; i++)
		snprintf(hex + 2 * i, 3, "%02x", md[i]);
	return arena_printf(r->arena, "\"%s\"", hex);
}

/* Whether If-None-Match names `etag` (or is *). */
static bool matches(const char *header, const char *etag)
{
	if (!header || !*header)
		return false;
	if (strcmp(header, "*") == 0)
		return true;
	const char *weak = strncmp(header, "W/", 2) == 0 ? header + 2 : header;
	return strstr(header, etag) != NULL || strcmp(weak, etag) == 0;
}

enum api_format api_format(const struct req *r)
{
	const char *a = r->accept;
	if (strncmp(r->path, "/api/v1/fhir/", 13) == 0)
		return API_FHIR;
	if (!a || !*a)
		return API_JSON;
	const char *fhir = strstr(a, "application/fhir+json"), *json = strstr(a, "application/json");
	if (fhir && (!json || fhir < json))
		return API_FHIR;
	if (json || strstr(a, "*/*") || strstr(a, "application/*"))
		return API_JSON;
	return API_NONE;
}

/* Seconds since 1970 of "2026-01-31T10:00:00Z" (or a space for the T), or -1. */
static long long iso_time(const char *iso)
{
	struct tm tm = {0};
	if (!iso || sscanf(iso, "%4d-%2d-%2d%*c%2d:%2d:%2d", &tm.tm_year, &tm.tm_mon, &tm.tm_mday, &tm.tm_hour,
			   &tm.tm_min, &tm.tm_sec) != 6)
		return -1;
	tm.tm_year -= 1900;
	tm.tm_mon -= 1;
	return (long long)timegm(&tm);
}

void api_modified(struct req *r, const char *iso)
{
	long long t = iso_time(iso);
	if (t < 0)
		return;
	time_t when = (time_t)t;
	struct tm tm;
	gmtime_r(&when, &tm);
	char date[64];
	strftime(date, sizeof date, "%a, %d %b %Y %H:%M:%S GMT", &tm);
	http_header(r, "Last-Modified", arena_strdup(r->arena, date));
	r->modified = t;
}

/* Whether If-Modified-Since says the client has the resource as it is. */
static bool not_modified_since(const struct req *r)
{
	struct tm tm = {0};
	if (!r->modified || !r->if_modified_since || !*r->if_modified_since ||
	    !strptime(r->if_modified_since, "%a, %d %b %Y %H:%M:%S GMT", &tm))
		return false;
	return r->modified <= (long long)timegm(&tm);
}

static int send_as(struct req *r, json_t *doc, const char *type);

int api_send(struct req *r, json_t *doc)
{
	if (api_format(r) == API_NONE) {
		json_decref(doc);
		r->err_param = "Accept";
		r->err_reason = "format";
		return 406;
	}
	return send_as(r, doc, "application/json");
}

int api_send_fhir(struct req *r, json_t *doc)
{
	return send_as(r, doc, "application/fhir+json");
}

static int send_as(struct req *r, json_t *doc, const char *type)
{
	char *text = json_dumps(doc, JSON_COMPACT | JSON_PRESERVE_ORDER | JSON_REAL_PRECISION(10));
	json_decref(doc);
	if (!text)
		return 500;
	r->vary |= VARY_ACCEPT;
	/* An operation's POST answers its body alone: nothing to keep; a
	 * token's owner's own data (the write API) is theirs alone. */
	bool post = !http_reads(r);
	r->cache_control = r->user.token_id ? "private, no-store"
			   : post	     ? "no-store"
					     : arena_printf(r->arena, "public, max-age=%ld", r->app->settings.api_max_age);
	r->body.len = 0;
	buf_puts(&r->body, text);
	free(text);
	return api_send_body(r, type);
}

int api_send_body(struct req *r, const char *type)
{
	const char *etag = etag_of(r, r->body.data ? r->body.data : "", r->body.len);
	http_header(r, "ETag", etag);
	r->content_type = type;
	bool tagged = r->if_none_match && *r->if_none_match;
	/* A write's answer is news, whatever the client holds. */
	if (http_reads(r) && (tagged ? matches(r->if_none_match, etag) : not_modified_since(r))) {
		r->body.len = 0;
		return 304;
	}
	return 200;
}

/* An error's document (taken) as the whole body of the answer, never cached. */
static void error_body(struct req *r, json_t *doc, const char *type)
{
	char *text = json_dumps(doc, JSON_COMPACT);
	json_decref(doc);
	r->body.len = 0;
	buf_puts(&r->body, text ? text : "{}");
	free(text);
	r->content_type = type;
	r->cache_control = "no-store";
}

/* The problems a form would show beside its fields (Page.errors: each
 * field's name and why), for an API that takes the same fields; NULL when
 * there are none. */
static json_t *fields_json(struct req *r)
{
	HDF *e = hdf_obj_child(hdf_get_obj(r->hdf, "Page.errors"));
	if (!e)
		return NULL;
	json_t *fields = json_object();
	for (; e; e = hdf_obj_next(e))
		json_object_set_new(fields, hdf_obj_name(e), json_string(hdf_obj_value(e)));
	return fields;
}

/* The OperationOutcome's issue type: a reason that is one of FHIR's own
 * (too-costly: an expansion too large to answer unpaged) says itself;
 * else the status's. */
static const char *issue_code(const struct req *r, int status)
{
	static const char *const own[] = {"too-costly", "not-supported", NULL};
	for (const char *const *c = own; r->err_reason && *c; c++)
		if (strcmp(r->err_reason, *c) == 0)
			return *c;
	return status == 404	 ? "not-found"
	       : status == 422 ? "not-supported" /* an operation the resource cannot do */
	       : status >= 500 ? "exception"
			       : "invalid";
}

bool api_error(struct req *r, int status)
{
	if (!api_path(r))
		return false;
	if (api_format(r) == API_FHIR) {
		/* FHIR's OperationOutcome: the problem as one issue. */
		const char *detail = r->err_param ? arena_printf(r->arena, "%s: %s", r->err_param,
								 r->err_reason ? r->err_reason : "invalid")
						  : http_reason(status);
		json_t *oo = json_pack("{s:s, s:[{s:s, s:s, s:{s:s}}]}", "resourceType", "OperationOutcome", "issue",
				       "severity", "error", "code", issue_code(r, status), "details",
				       "text", detail);
		if (r->err_param)
			json_object_set_new(json_array_get(json_object_get(oo, "issue"), 0), "expression",
					    json_pack("[s]", r->err_param));
		error_body(r, oo, "application/fhir+json");
		return true;
	}
	error_body(r, json_pack("{s:o}", "error", api_error_json(r, status)), "application/json");
	return true;
}

json_t *api_error_json(struct req *r, int status)
{
	json_t *e = json_pack("{s:i, s:s}", "status", status, "message", http_reason(status));
	json_t *fields = fields_json(r);
	if (!r->err_param && fields)
		r->err_param = arena_strdup(r->arena, json_object_iter_key(json_object_iter(fields)));
	if (r->err_param)
		json_object_set_new(e, "parameter", json_string(r->err_param));
	if (r->err_reason)
		json_object_set_new(e, "reason", json_string(r->err_reason));
	if (fields)
		json_object_set_new(e, "fields", fields);
	return e;
}

const char *api_link(struct req *r, const char *path, const char *name, long long value)
{
	char n[32];
	snprintf(n, sizeof n, "%lld", value);
	return arena_printf(r->arena, "%s%s", r->app->settings.site_url, listing_href(r, path, name, n));
}

void api_paging(struct req *r, int page_field, int size_field, long long *page, long long *size)
{
	*page = in_int(r, page_field, 1);
	*size = in_int(r, size_field, 100);
	if (*size > API_MAX_SIZE)
		*size = API_MAX_SIZE;
}

json_t *api_pager(struct req *r, const char *path, long long page, long long size, long long total)
{
	long long pages = total ? (total + size - 1) / size : 1;
	json_t *p = json_pack("{s:I, s:I, s:I, s:I}", "page", (json_int_t)page, "size", (json_int_t)size, "total",
			      (json_int_t)total, "pages", (json_int_t)pages);
	json_object_set_new(p, "next", page < pages ? json_string(api_link(r, path, "page", page + 1)) : json_null());
	json_object_set_new(p, "prev", page > 1 ? json_string(api_link(r, path, "page", page - 1)) : json_null());
	return p;
}

int api_show(struct req *r)
{
	page_set(r, "Page.site", r->app->settings.site_url);
	page_cacheable(r);
	return page_render(r, "api.cs");
}

json_t *api_bundle(struct req *r, long long page, long long size, long long total, json_t *entries)
{
	/* The links keep the request's own path (a FHIR client may send no Accept). */
	json_t *paging = api_pager(r, r->path, page, size, total);
	json_t *links = json_pack("[{s:s, s:s}]", "relation", "self", "url", api_link(r, r->path, "page", page));
	if (json_is_string(json_object_get(paging, "next")))
		json_array_append_new(links, json_pack("{s:s, s:O}", "relation", "next", "url", json_object_get(paging, "next")));
	if (json_is_string(json_object_get(paging, "prev")))
		json_array_append_new(links,
				      json_pack("{s:s, s:O}", "relation", "previous", "url", json_object_get(paging, "prev")));
	json_decref(paging);
	return json_pack("{s:s, s:s, s:I, s:o, s:o}", "resourceType", "Bundle", "type", "searchset", "total",
			 (json_int_t)total, "link", links, "entry", entries);
}

json_t *api_str(const char *s)
{
	return s ? json_string(s) : json_null();
}
