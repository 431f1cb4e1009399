/* What sporctl's importers share: reading a source (a file, or an http,
 * https or file URL fetched with libcurl), telling JSON from CSV, and what
 * they tell the operator (rejected rows, the progress bar). */
#include "config.h"

#include <curl/curl.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "ctl.h"
#include "file.h"
#include "mem.h"

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

static char *fetch_url(const char *url, size_t *len)
{
	struct fetched f = {xcalloc(1, 1), 0};
	CURL *c = curl_easy_init();
	char errbuf[CURL_ERROR_SIZE] = "";
	curl_easy_setopt(c, CURLOPT_URL, url);
	curl_easy_setopt(c, CURLOPT_PROTOCOLS_STR, "http,https,file");
	curl_easy_setopt(c, CURLOPT_REDIR_PROTOCOLS_STR, "http,https");
	curl_easy_setopt(c, CURLOPT_FOLLOWLOCATION, 1L);
	curl_easy_setopt(c, CURLOPT_MAXREDIRS, 5L);
	curl_easy_setopt(c, CURLOPT_FAILONERROR, 1L);
	curl_easy_setopt(c, CURLOPT_CONNECTTIMEOUT, 20L);
	curl_easy_setopt(c, CURLOPT_LOW_SPEED_LIMIT, 1L);
	curl_easy_setopt(c, CURLOPT_LOW_SPEED_TIME, 60L);
	curl_easy_setopt(c, CURLOPT_USERAGENT, "spor-portal-import/" PACKAGE_VERSION);
	curl_easy_setopt(c, CURLOPT_WRITEFUNCTION, fetch_write);
	curl_easy_setopt(c, CURLOPT_WRITEDATA, &f);
	curl_easy_setopt(c, CURLOPT_ERRORBUFFER, errbuf);
	CURLcode rc = curl_easy_perform(c);
	curl_easy_cleanup(c);
	if (rc != CURLE_OK) {
		fprintf(stderr, "sporctl: %s: %s\n", url, *errbuf ? errbuf : curl_easy_strerror(rc));
		free(f.data);
		return NULL;
	}
	*len = f.len;
	return f.data;
}

static bool is_url(const char *s)
{
	return strncasecmp(s, "http://", 7) == 0 || strncasecmp(s, "https://", 8) == 0 ||
	       strncasecmp(s, "file://", 7) == 0;
}

char *ctl_source_read(const char *source, size_t *len)
{
	*len = 0;
	if (is_url(source))
		return fetch_url(source, len);
	char *data = file_read(source, len);
	if (!data)
		fprintf(stderr, "sporctl: %s: %s\n", source, strerror(errno));
	return data;
}

bool ctl_is_json(const char *data, size_t len)
{
	size_t i = len >= 3 && memcmp(data, "\xef\xbb\xbf", 3) == 0 ? 3 : 0;
	while (i < len && (data[i] == ' ' || data[i] == '\t' || data[i] == '\r' || data[i] == '\n'))
		i++;
	return i < len && data[i] == '{';
}
