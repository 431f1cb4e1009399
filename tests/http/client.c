/* libcurl client for the HTTP tests. */
#include "config.h"

#include <curl/curl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "../tap.h"
#include "client.h"
#include "core/file.h"

static const char *base;
bool client_anonymous;
const char *client_source;

void client_init(void)
{
	base = getenv("SPOR_TEST_URL");
	if (!base || !*base)
		skip_all("no running portal (SPOR_TEST_URL unset)");
	curl_global_init(CURL_GLOBAL_ALL);
}

const char *client_base(void)
{
	return base;
}

struct sink {
	char *data;
	size_t len;
};

static size_t collect(char *p, size_t size, size_t n, void *ctx)
{
	struct sink *s = ctx;
	size_t add = size * n;
	s->data = realloc(s->data, s->len + add + 1);
	memcpy(s->data + s->len, p, add);
	s->len += add;
	s->data[s->len] = '\0';
	return add;
}

static size_t collect_header(char *p, size_t size, size_t n, void *ctx)
{
	struct sink *s = ctx;
	/* Keep only the last response's headers. */
	if (n * size >= 5 && strncmp(p, "HTTP/", 5) == 0)
		s->len = 0;
	return collect(p, size, n, ctx);
}

int request(const char *method, const char *path, const char *body, size_t body_len, const char *const *headers,
	    struct resp *out)
{
	memset(out, 0, sizeof *out);
	CURL *c = curl_easy_init();
	char url[16384];
	snprintf(url, sizeof url, "%s%s", base, path);
	struct sink b = {0}, h = {0};
	struct curl_slist *hl = NULL;
	for (const char *const *p = headers; p && *p; p++)
		hl = curl_slist_append(hl, *p);
	if (!client_anonymous)
		curl_easy_setopt(c, CURLOPT_COOKIE, "spor_session=tests");
	curl_easy_setopt(c, CURLOPT_URL, url);
	if (client_source)
		curl_easy_setopt(c, CURLOPT_INTERFACE, client_source);
	curl_easy_setopt(c, CURLOPT_PATH_AS_IS, 1L);
	curl_easy_setopt(c, CURLOPT_WRITEFUNCTION, collect);
	curl_easy_setopt(c, CURLOPT_WRITEDATA, &b);
	curl_easy_setopt(c, CURLOPT_HEADERFUNCTION, collect_header);
	curl_easy_setopt(c, CURLOPT_HEADERDATA, &h);
	curl_easy_setopt(c, CURLOPT_TIMEOUT, 30L);
	curl_easy_setopt(c, CURLOPT_HTTPHEADER, hl);
	if (strcmp(method, "HEAD") == 0)
		curl_easy_setopt(c, CURLOPT_NOBODY, 1L);
	else if (strcmp(method, "GET") != 0)
		curl_easy_setopt(c, CURLOPT_CUSTOMREQUEST, method);
	if (body) {
		curl_easy_setopt(c, CURLOPT_POSTFIELDS, body);
		curl_easy_setopt(c, CURLOPT_POSTFIELDSIZE, (long)body_len);
	}
	CURLcode rc = curl_easy_perform(c);
	if (rc == CURLE_OK)
		curl_easy_getinfo(c, CURLINFO_RESPONSE_CODE, &out->status);
	else
		diag("%s %s: %s", method, path, curl_easy_strerror(rc));
	curl_slist_free_all(hl);
	curl_easy_cleanup(c);
	out->body = b.data ? b.data : calloc(1, 1);
	out->body_len = b.len;
	out->headers = h.data ? h.data : calloc(1, 1);
	return rc == CURLE_OK ? 0 : -1;
}

int get(const char *path, struct resp *out)
{
	return request("GET", path, NULL, 0, NULL, out);
}

void resp_free(struct resp *r)
{
	free(r->body);
	free(r->headers);
	memset(r, 0, sizeof *r);
}

/* The value of the first header line named `name` from *at on (its length
 * in *len), with *at moved to the line after it; NULL when there is none. */
static const char *next_header(const char **at, const char *name, size_t *len)
{
	size_t n = strlen(name);
	for (const char *line = *at; line && *line; line = *at) {
		const char *end = strstr(line, "\r\n");
		if (!end)
			break;
		*at = end + 2;
		if (strncasecmp(line, name, n) == 0 && line[n] == ':') {
			const char *v = line + n + 1;
			while (*v == ' ')
				v++;
			*len = (size_t)(end - v);
			return v;
		}
	}
	return NULL;
}

char *header(const struct resp *r, const char *name)
{
	const char *at = r->headers;
	size_t len;
	const char *v = next_header(&at, name, &len);
	return v ? strndup(v, len) : NULL;
}

char *header_all(const struct resp *r, const char *name)
{
	const char *at = r->headers, *v;
	size_t len, had = 0;
	char *all = NULL;
	while ((v = next_header(&at, name, &len)) != NULL) {
		all = realloc(all, had + len + 3);
		had += (size_t)snprintf(all + had, len + 3, "%s%.*s", had ? ", " : "", (int)len, v);
	}
	return all;
}

int body_has(const struct resp *r, const char *needle)
{
	return r->body && strstr(r->body, needle) != NULL;
}

int body_count(const struct resp *r, const char *needle)
{
	int n = 0;
	for (const char *p = r->body; p && (p = strstr(p, needle)); p += strlen(needle))
		n++;
	return n;
}

char *slurp(const char *path)
{
	return file_read(path, NULL);
}

char *program_config(const char *program)
{
	const char *run = getenv("SPOR_RUN");
	char path[4200];
	snprintf(path, sizeof path, "%s/%s.pid", run ? run : ".", program);
	char *pid = slurp(path);
	snprintf(path, sizeof path, "/proc/%ld/cmdline", pid ? atol(pid) : 0L);
	free(pid);
	size_t len = 0;
	char *cmdline = file_read(path, &len), *found = NULL;
	/* NUL-separated arguments: the one after "-c". */
	for (size_t at = 0; cmdline && at < len && !found; at += strlen(cmdline + at) + 1)
		if (strcmp(cmdline + at, "-c") == 0 && at + 3 < len)
			found = strdup(cmdline + at + 3);
	free(cmdline);
	return found;
}
