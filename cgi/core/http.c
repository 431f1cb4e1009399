/* Request reading and response writing over FastCGI. */
#include "config.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include "core/http.h"
#include "core/log.h"

static const char *const security_headers =
	"Content-Security-Policy: default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
	"font-src 'self'; connect-src 'self'; form-action 'self'; object-src 'none'; base-uri 'none'; "
	"frame-ancestors 'none'\r\n"
	"X-Content-Type-Options: nosniff\r\n"
	"Referrer-Policy: same-origin\r\n"
	"X-Frame-Options: DENY\r\n"
	"Cross-Origin-Opener-Policy: same-origin\r\n"
	"Permissions-Policy: camera=(), microphone=(), geolocation=()\r\n";

/* The input of field `i`, or NULL before the route is known. */
static const struct input *input(const struct req *r, int i)
{
	if (!r->match.in)
		return NULL;
	if (i < 0 || (size_t)i >= r->match.nin) {
		log_error("%s %s: field %d is not one of the program's %zu", r->method, r->path, i, r->match.nin);
		abort();
	}
	return &r->match.in[i];
}

const char *(in_text)(const struct req *r, int i)
{
	const struct input *in = input(r, i);
	return in && in->set ? in->text : NULL;
}

const char *(in_typed)(const struct req *r, int i)
{
	const struct input *in = input(r, i);
	return in ? in->text : NULL;
}

const char *const *(in_all)(const struct req *r, int i, size_t *n)
{
	const struct input *in = input(r, i);
	*n = in && in->set ? in->nall : 0;
	return *n ? in->all : NULL;
}

long long (in_int)(const struct req *r, int i, long long fallback)
{
	const struct input *in = input(r, i);
	return in && in->set ? in->num : fallback;
}

const char *http_param(const struct req *r, const char *name)
{
	const char *v = FCGX_GetParam(name, r->fcgi->envp);
	return v ? v : "";
}

static int refuse(struct req *r, int status, const char *name, const char *reason)
{
	r->err_param = name;
	r->err_reason = reason;
	return status;
}

const char *http_parse_error_key(enum parse_error e)
{
	switch (e) {
	case PARSE_OK:
		return "ok";
	case PARSE_TOO_MANY:
		return "too_many";
	case PARSE_TOO_LONG:
		return "too_long";
	case PARSE_NUL:
		return "nul";
	case PARSE_UTF8:
		return "utf8";
	case PARSE_ESCAPE:
		return "escape";
	case PARSE_NAME:
		return "name";
	case PARSE_FORMAT:
		return "format";
	}
	return "format";
}

static int read_params(struct req *r, const char *s, size_t len)
{
	struct parse_result res;
	if (http_parse_urlencoded(r->arena, s, len, &r->params, &res) == PARSE_OK)
		return 0;
	return refuse(r, 400, res.name, http_parse_error_key(res.error));
}

/* Whether a Content-Type is JSON: application/json or application/fhir+json,
 * with parameters (charset) or none. */
static bool json_type(const char *type)
{
	static const char *const json[] = {"application/json", "application/fhir+json"};
	for (size_t i = 0; i < sizeof json / sizeof json[0]; i++) {
		size_t n = strlen(json[i]);
		if (strncasecmp(type, json[i], n) == 0 && (!type[n] || type[n] == ';' || type[n] == ' '))
			return true;
	}
	return false;
}

/* A multipart body's part named "request", on a route that takes JSON
 * documents only, is that document (the write API's proposal with its PDF):
 * taken out of the parameters into r->document.  0, or 400 without one,
 * 413 for one over the body's cap. */
static int part_document(struct req *r, size_t body_max)
{
	for (size_t i = 0; i < r->params.n; i++) {
		if (strcmp(r->params.v[i].name, "request") != 0)
			continue;
		if (r->params.v[i].len > body_max)
			return refuse(r, 413, "request", "too_long");
		r->document = r->params.v[i].value;
		r->document_len = r->params.v[i].len;
		memmove(&r->params.v[i], &r->params.v[i + 1], (r->params.n - i - 1) * sizeof r->params.v[0]);
		r->params.n--;
		/* The document says everything else: a part beside it and the
		 * file would be a second source of the same fields. */
		for (size_t j = 0; j < r->params.n; j++)
			if (!r->upload.field || strcmp(r->params.v[j].name, r->upload.field) != 0)
				return refuse(r, 400, r->params.v[j].name, "unknown");
		return 0;
	}
	return refuse(r, 400, "request", "required");
}

int http_read_body(struct req *r, size_t body_max, size_t upload_max, enum http_bodies bodies)
{
	if (strcmp(r->method, "POST") != 0 && strcmp(r->method, "PATCH") != 0)
		return 0;
	const char *clen = http_param(r, "CONTENT_LENGTH");
	if (!*clen)
		return 0;
	char *end;
	errno = 0;
	unsigned long long n = strtoull(clen, &end, 10);
	if (errno || *end || clen[0] == '-')
		return refuse(r, 400, "Content-Length", "format");
	if (n == 0)
		return 0;
	const char *type = http_param(r, "CONTENT_TYPE");
	const char *boundary = upload_max ? http_multipart_boundary(r->arena, type) : NULL;
	bool document = bodies != HTTP_BODY_FORMS && json_type(type);
	bool form = bodies != HTTP_BODY_DOCUMENTS && strncasecmp(type, "application/x-www-form-urlencoded", 33) == 0;
	if (!boundary && !document && !form)
		return refuse(r, 415, "Content-Type", "format");
	if (n > (boundary ? upload_max : body_max))
		return refuse(r, 413, NULL, "too_long");
	char *body = arena_alloc(r->arena, (size_t)n + 1);
	int got = FCGX_GetStr(body, (int)n, r->fcgi->in);
	if (got < 0 || (unsigned long long)got != n)
		return refuse(r, 400, NULL, "short_body");
	body[n] = '\0';
	if (document) {
		r->document = body;
		r->document_len = (size_t)n;
		return 0;
	}
	if (!boundary)
		return read_params(r, body, (size_t)n);
	struct parse_result res;
	if (http_parse_multipart(r->arena, body, (size_t)n, boundary, &r->params, &r->upload, &res) == PARSE_OK)
		return bodies == HTTP_BODY_DOCUMENTS ? part_document(r, body_max) : 0;
	return refuse(r, 400, res.name, http_parse_error_key(res.error));
}

int http_read(struct req *r)
{
	r->method = http_param(r, "REQUEST_METHOD");
	r->path = http_param(r, "DOCUMENT_URI");
	r->query = http_param(r, "QUERY_STRING");
	r->remote_addr = http_param(r, "REMOTE_ADDR");
	r->accept_language = http_param(r, "HTTP_ACCEPT_LANGUAGE");
	r->lang_cookie = http_param(r, "SPOR_LANG_COOKIE");
	r->data_lang_cookie = http_param(r, "SPOR_DATA_LANG_COOKIE");
	r->accept = http_param(r, "HTTP_ACCEPT");
	r->if_none_match = http_param(r, "HTTP_IF_NONE_MATCH");
	r->if_modified_since = http_param(r, "HTTP_IF_MODIFIED_SINCE");
	r->host = http_param(r, "HTTP_HOST");
	r->origin = http_param(r, "HTTP_ORIGIN");
	r->sec_fetch_site = http_param(r, "HTTP_SEC_FETCH_SITE");
	r->authorization = http_param(r, "HTTP_AUTHORIZATION");
	/* What a new session records of the browser; nginx never passes it to spor-public. */
	r->user_agent = http_header_text(r->arena, http_param(r, "HTTP_USER_AGENT"), USER_AGENT_MAX);
	r->https = strcmp(http_param(r, "HTTPS"), "on") == 0;
	params_init(&r->params);
	params_init(&r->cookies);
	http_parse_cookies(r->arena, http_param(r, "HTTP_COOKIE"), &r->cookies);

	if (r->path[0] != '/')
		return refuse(r, 400, "path", "format");
	if (!text_is_clean(r->path, strlen(r->path)))
		return refuse(r, 400, "path", "utf8");
	size_t qlen = strlen(r->query);
	if (qlen > QUERY_MAX)
		return refuse(r, 414, NULL, "too_long");
	return read_params(r, r->query, qlen);
}

void http_header(struct req *r, const char *name, const char *value)
{
	if (r->nheaders == HEADERS_MAX)
		return;
	r->header_name[r->nheaders] = name;
	r->header_value[r->nheaders] = value;
	r->nheaders++;
}

const char *http_cookie_name(const struct req *r, const char *base)
{
	return r->https ? arena_printf(r->arena, "__Host-%s", base) : base;
}

void http_cookie(struct req *r, const char *base, const char *value, long max_age)
{
	const char *age = !value ? "; Max-Age=0" : max_age > 0 ? arena_printf(r->arena, "; Max-Age=%ld", max_age) : "";
	http_header(r, "Set-Cookie",
		    arena_printf(r->arena, "%s=%s; Path=/; HttpOnly; SameSite=Lax%s%s", http_cookie_name(r, base),
				 value ? value : "", age, r->https ? "; Secure" : ""));
}

const char *http_cookie_get(const struct req *r, const char *base)
{
	const struct param *p = params_get(&r->cookies, r->https ? arena_printf(r->arena, "__Host-%s", base) : base);
	return p ? p->value : NULL;
}

static bool header_safe(const char *s)
{
	for (; *s; s++)
		if (*s == '\r' || *s == '\n')
			return false;
	return true;
}

int http_redirect(struct req *r, int status, const char *location)
{
	if (!header_safe(location))
		location = "/";
	/* One Location, the last said: two make browsers refuse the answer. */
	for (size_t i = 0; i < r->nheaders; i++)
		if (strcasecmp(r->header_name[i], "Location") == 0) {
			r->header_value[i] = location;
			location = NULL;
		}
	if (location)
		http_header(r, "Location", location);
	r->content_type = "text/plain; charset=utf-8";
	r->body.len = 0;
	return status;
}

int http_refused(struct req *r, const char *page, const char *reason)
{
	return http_redirect(r, 303, arena_printf(r->arena, "%s?refused=%s", page, reason));
}

int http_text(struct req *r, int status, const char *text)
{
	r->content_type = "text/plain; charset=utf-8";
	r->body.len = 0;
	buf_puts(&r->body, text);
	return status;
}

const char *http_reason(int status)
{
	switch (status) {
	case 200: return "OK";
	case 201: return "Created";
	case 204: return "No Content";
	case 207: return "Multi-Status";
	case 301: return "Moved Permanently";
	case 302: return "Found";
	case 303: return "See Other";
	case 304: return "Not Modified";
	case 308: return "Permanent Redirect";
	case 400: return "Bad Request";
	case 401: return "Unauthorized";
	case 403: return "Forbidden";
	case 404: return "Not Found";
	case 405: return "Method Not Allowed";
	case 406: return "Not Acceptable";
	case 409: return "Conflict";
	case 413: return "Content Too Large";
	case 414: return "URI Too Long";
	case 415: return "Unsupported Media Type";
	case 422: return "Unprocessable Content";
	case 424: return "Failed Dependency";
	case 429: return "Too Many Requests";
	case 500: return "Internal Server Error";
	case 502: return "Bad Gateway";
	case 503: return "Service Unavailable";
	default: return "Status";
	}
}

/* The answer's headers, and the blank line after them, into h. */
static void headers(struct req *r, bool with_length, struct buf *h)
{
	/* Headers are formatted here: libfcgi's own printf knows no %zu. */
	buf_printf(h, "Status: %d %s\r\n", r->status, http_reason(r->status));
	buf_puts(h, security_headers);
	if (r->https)
		buf_puts(h, "Strict-Transport-Security: max-age=31536000; includeSubDomains\r\n");
	buf_printf(h, "Content-Type: %s\r\n", r->content_type ? r->content_type : "text/html; charset=utf-8");
	buf_printf(h, "Cache-Control: %s\r\n", r->cache_control ? r->cache_control : "private, no-cache");
	if (r->vary) {
		static const char *const names[] = {"Accept", "Accept-Language", "Cookie"};
		buf_puts(h, "Vary: ");
		for (unsigned i = 0, n = 0; i < sizeof names / sizeof names[0]; i++)
			if (r->vary & (1u << i))
				buf_printf(h, "%s%s", n++ ? ", " : "", names[i]);
		buf_puts(h, "\r\n");
	}
	if (with_length)
		buf_printf(h, "Content-Length: %zu\r\n", r->body.len);
	for (size_t i = 0; i < r->nheaders; i++)
		if (header_safe(r->header_value[i]))
			buf_printf(h, "%s: %s\r\n", r->header_name[i], r->header_value[i]);
	buf_puts(h, "\r\n");
}

static void write_headers(struct req *r, bool with_length)
{
	struct buf h;
	buf_init(&h, r->arena);
	headers(r, with_length, &h);
	FCGX_PutStr(h.data, (int)h.len, r->fcgi->out);
}

/* A FastCGI record's header (the protocol's section 3.3): version 1, the
 * type, the request, the content's length and the padding's. */
static void record_header(struct buf *out, int type, int request, size_t len, size_t pad)
{
	const unsigned char h[8] = {1, (unsigned char)type, (unsigned char)(request >> 8), (unsigned char)request,
				    (unsigned char)(len >> 8), (unsigned char)len, (unsigned char)pad, 0};
	buf_append(out, (const char *)h, sizeof h);
}

enum { FCGI_STDOUT_TYPE = 6, FCGI_END_REQUEST_TYPE = 3, RECORD_MAX = 65528 };

/* The whole answer (`parts`: the headers, then the body) written at once as
 * the records of the standard output, its end and the request's end.
 * libfcgi's own writer sends its records 8 KiB at a time, each a system
 * call and a wake-up of nginx: three for a list page of 22 KB, where this
 * makes one.  The output stream is then marked closed, as FCGX_FClose
 * marks it, so that FCGX_Finish_r writes nothing more for it (its stderr,
 * closed first and never written to, writes nothing either: the end of
 * the request is written by the last of the two, which is this one).
 * False when libfcgi holds output of this request already (nothing is
 * written then: the caller sends through the stream). */
static bool send_whole(struct req *r, const char *const *parts, const size_t *lens, size_t nparts)
{
	FCGX_Stream *out = r->fcgi->out;
	if (FCGX_FFlush(out) != 0 || out->isClosed || r->fcgi->ipcFd < 0)
		return false;
	struct buf w;
	buf_init(&w, r->arena);
	for (size_t p = 0; p < nparts; p++)
		for (size_t off = 0; off < lens[p]; off += RECORD_MAX) {
			size_t n = lens[p] - off < RECORD_MAX ? lens[p] - off : RECORD_MAX, pad = (8 - n % 8) % 8;
			record_header(&w, FCGI_STDOUT_TYPE, r->fcgi->requestId, n, pad);
			buf_append(&w, parts[p] + off, n);
			buf_append(&w, "\0\0\0\0\0\0\0", pad);
		}
	record_header(&w, FCGI_STDOUT_TYPE, r->fcgi->requestId, 0, 0); /* the stream's end */
	record_header(&w, FCGI_END_REQUEST_TYPE, r->fcgi->requestId, 8, 0);
	buf_append(&w, "\0\0\0\0\0\0\0\0", 8); /* the program's status 0, the request complete */
	for (size_t done = 0; done < w.len;) {
		ssize_t n = write(r->fcgi->ipcFd, w.data + done, w.len - done);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0) {
			log_error("answer: %s", n < 0 ? strerror(errno) : "nothing written");
			break; /* the connection is gone: nothing more to say on it */
		}
		done += (size_t)n;
	}
	out->wasFCloseCalled = out->isClosed = 1;
	return true;
}

static bool is_head(const struct req *r)
{
	return r->method && strcmp(r->method, "HEAD") == 0;
}

bool http_reads(const struct req *r)
{
	return is_head(r) || (r->method && strcmp(r->method, "GET") == 0);
}

void http_send(struct req *r)
{
	if (r->streamed)
		return;
	struct buf h;
	buf_init(&h, r->arena);
	headers(r, true, &h);
	size_t len = is_head(r) ? 0 : r->body.len;
	const char *parts[] = {h.data, r->body.data};
	const size_t lens[] = {h.len, len};
	if (!send_whole(r, parts, lens, len ? 2 : 1)) {
		FCGX_PutStr(h.data, (int)h.len, r->fcgi->out);
		if (len)
			FCGX_PutStr(r->body.data, (int)len, r->fcgi->out);
	}
	r->bytes_out = r->body.len;
}

int http_stream_begin(struct req *r, const char *content_type, const char *filename)
{
	r->status = 200;
	r->content_type = content_type;
	if (filename)
		http_header(r, "Content-Disposition", arena_printf(r->arena, "attachment; filename=\"%s\"", filename));
	/* nginx buffers upstream answers; this one is long: pass it on as it comes. */
	http_header(r, "X-Accel-Buffering", "no");
	write_headers(r, false);
	r->streamed = true;
	mem_large_request();
	return 200;
}

void http_stream_write(struct req *r, const char *data, size_t len)
{
	if (is_head(r) || !len)
		return;
	FCGX_PutStr(data, (int)len, r->fcgi->out);
	r->bytes_out += len;
}
