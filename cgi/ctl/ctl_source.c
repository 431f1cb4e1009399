/* What sporctl's importers share: reading a source (a file, or an http or
 * https URL fetched with libcurl), its name for the history, telling JSON
 * from CSV, and what they tell the operator (rejected rows, the progress
 * bar). */
#include "config.h"

#include <ctype.h>
#include <curl/curl.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistr.h>

#include "core/conf.h"
#include "core/file.h"
#include "core/mem.h"
#include "ctl/ctl.h"

void ctl_progress_bar(const char *what, size_t done, size_t total)
{
	int pct = total ? (int)(done * 100 / total) : 100, width = 30, fill = pct * width / 100;
	fprintf(stderr, "\r  %-8s [%.*s%*s] %3d%%", what, fill, "##############################", width - fill, "",
		pct);
	if (done >= total)
		fputc('\n', stderr);
}

void ctl_reject(struct ctl_report *rep, unsigned long line, const char *where, const char *reason)
{
	if (++rep->rejected > CTL_REJECTS_SHOWN)
		return;
	if (rep->tty)
		fputc('\n', stderr);
	if (line)
		fprintf(stderr, "  rejected line %lu: %s\n", line, reason);
	else if (where)
		fprintf(stderr, "  rejected %s: %s\n", where, reason);
	else
		fprintf(stderr, "  rejected %s\n", reason);
}

void ctl_drop(struct ctl_report *rep, unsigned long line, const char *column, const char *reason)
{
	if (++rep->dropped > CTL_REJECTS_SHOWN)
		return;
	if (rep->tty)
		fputc('\n', stderr);
	fprintf(stderr, "  dropped a value, line %lu, column \"%s\": %s\n", line, column, reason);
}

void ctl_progress(struct ctl_report *rep, const char *what, size_t done, size_t total)
{
	if (rep->tty && (done - rep->last > total / 100 || done == total)) {
		ctl_progress_bar(what, done, total);
		rep->last = done;
	}
}

void ctl_report_end(const struct ctl_report *rep)
{
	if (rep->rejected > CTL_REJECTS_SHOWN)
		fprintf(stderr, "  ... and %lu more rejected\n", rep->rejected - CTL_REJECTS_SHOWN);
	if (rep->dropped > CTL_REJECTS_SHOWN)
		fprintf(stderr, "  ... and %lu more values dropped\n", rep->dropped - CTL_REJECTS_SHOWN);
}

struct fetched {
	char *data;
	size_t len;
};

static size_t fetch_write(char *p, size_t size, size_t n, void *ctx)
{
	struct fetched *f = ctx;
	size_t add = size * n;
	if (f->len + add > CTL_SOURCE_MAX)
		return 0;
	f->data = xrealloc(f->data, f->len + add + 1);
	memcpy(f->data + f->len, p, add);
	f->len += add;
	f->data[f->len] = '\0';
	return add;
}

enum { REDIRECTS_MAX = 5 };

/* Why sporctl will not fetch `url` (reached from a page of `from`, or
 * given by the operator when from is NULL), or NULL: only http and https
 * are fetched, and nothing that came over https goes on over plain http,
 * where anyone on the way could change the data. */
static const char *refused(const char *url, const char *from)
{
	bool https = strncasecmp(url, "https://", 8) == 0;
	if (!https && strncasecmp(url, "http://", 7) != 0)
		return "only http and https URLs are fetched";
	if (!https && from && strncasecmp(from, "https://", 8) == 0)
		return "a redirect from https to http is not followed";
	return NULL;
}

/* GET `url`, following at most REDIRECTS_MAX redirects one by one, each
 * checked by refused().  import.ca_file: the certificates to trust instead
 * of the system's. */
static char *fetch_url(const struct settings *s, const char *url, size_t *len)
{
	struct fetched f = {xcalloc(1, 1), 0};
	CURL *c = curl_easy_init();
	char errbuf[CURL_ERROR_SIZE] = "";
	const char *ca = s->import_ca_file;
	curl_easy_setopt(c, CURLOPT_PROTOCOLS_STR, "http,https");
	curl_easy_setopt(c, CURLOPT_FOLLOWLOCATION, 0L);
	curl_easy_setopt(c, CURLOPT_FAILONERROR, 1L);
	curl_easy_setopt(c, CURLOPT_CONNECTTIMEOUT, 20L);
	curl_easy_setopt(c, CURLOPT_LOW_SPEED_LIMIT, 1L);
	curl_easy_setopt(c, CURLOPT_LOW_SPEED_TIME, 60L);
	curl_easy_setopt(c, CURLOPT_USERAGENT, "spor-portal-import/" PACKAGE_VERSION);
	curl_easy_setopt(c, CURLOPT_WRITEFUNCTION, fetch_write);
	curl_easy_setopt(c, CURLOPT_WRITEDATA, &f);
	curl_easy_setopt(c, CURLOPT_ERRORBUFFER, errbuf);
	if (*ca)
		curl_easy_setopt(c, CURLOPT_CAINFO, ca);
	char *at = xstrdup(url), *from = NULL;
	bool fetched = false;
	for (int hops = 0;; hops++) {
		const char *why = refused(at, from);
		if (why) {
			fprintf(stderr, "sporctl: %s: %s%s%s\n", url, why, from ? ": " : "", from ? at : "");
			break;
		}
		f.len = 0;
		curl_easy_setopt(c, CURLOPT_URL, at);
		CURLcode rc = curl_easy_perform(c);
		if (rc != CURLE_OK) {
			fprintf(stderr, "sporctl: %s: %s\n", at, *errbuf ? errbuf : curl_easy_strerror(rc));
			break;
		}
		long status = 0;
		char *location = NULL;
		curl_easy_getinfo(c, CURLINFO_RESPONSE_CODE, &status);
		curl_easy_getinfo(c, CURLINFO_REDIRECT_URL, &location);
		if (status < 300 || status > 399) {
			fetched = true;
			break;
		}
		if (!location || hops == REDIRECTS_MAX) {
			fprintf(stderr, "sporctl: %s: %s\n", at,
				location ? "too many redirects" : "a redirect without a Location");
			break;
		}
		free(from);
		from = at;
		at = xstrdup(location);
	}
	curl_easy_cleanup(c);
	free(at);
	free(from);
	if (!fetched) {
		free(f.data);
		return NULL;
	}
	*len = f.len;
	return f.data;
}

/* Whether `s` starts with a URL's scheme and "://" (RFC 3986). */
static bool is_url(const char *s)
{
	size_t n = strspn(s, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789+.-");
	return n && isalpha((unsigned char)s[0]) && strncmp(s + n, "://", 3) == 0;
}

char *ctl_source_read(const struct settings *s, const char *source, size_t *len)
{
	*len = 0;
	if (is_url(source))
		return fetch_url(s, source, len);
	char *data = file_read(source, len);
	if (!data)
		fprintf(stderr, "sporctl: %s: %s\n", source, strerror(errno));
	return data;
}

void ctl_source_name(const char *source, char *out, size_t n)
{
	size_t end = is_url(source) ? strcspn(source, "?#") : strlen(source);
	while (end > 1 && source[end - 1] == '/')
		end--;
	size_t start = end;
	while (start > 0 && source[start - 1] != '/')
		start--;
	size_t len = end - start < n - 1 ? end - start : n - 1;
	while (len > 0 && len < end - start && ((unsigned char)source[start + len] & 0xC0) == 0x80)
		len--; /* never half a character */
	memcpy(out, source + start, len);
	out[len] = '\0';
	bool utf8 = u8_check((const uint8_t *)out, len) == NULL;
	for (char *c = out; *c; c++)
		if ((unsigned char)*c < 0x20 || *c == 0x7f || (!utf8 && (unsigned char)*c >= 0x80))
			*c = '?';
	if (!len)
		snprintf(out, n, "-");
}

bool ctl_is_json(const char *data, size_t len)
{
	size_t i = len >= 3 && memcmp(data, "\xef\xbb\xbf", 3) == 0 ? 3 : 0;
	while (i < len && (data[i] == ' ' || data[i] == '\t' || data[i] == '\r' || data[i] == '\n'))
		i++;
	return i < len && data[i] == '{';
}
