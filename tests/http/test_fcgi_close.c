/* A worker is free as soon as its answer is out: a request read to its end
 * is closed at once, without waiting for the web server to close its side
 * first (libfcgi's own close waits up to two seconds for it).  Every worker
 * of spor-public is given a request on a FastCGI connection of the test's
 * own, which the test keeps open after the answer; one more request through
 * nginx must still be answered at once.  A request whose body is refused
 * unread still gets its answer. */
#include "config.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <sys/un.h>
#include <time.h>
#include <unistd.h>

#include "../tap.h"
#include "client.h"

enum { MAXW = 64, BEGIN = 1, END = 3, PARAMS = 4, STDIN = 5, STDOUT = 6 };

static int connect_to(const char *path)
{
	struct sockaddr_un sun = {.sun_family = AF_UNIX};
	if (strlen(path) >= sizeof sun.sun_path)
		return -1;
	memcpy(sun.sun_path, path, strlen(path) + 1);
	int fd = socket(AF_UNIX, SOCK_STREAM, 0);
	struct timeval tv = {.tv_sec = 10};
	if (fd < 0 || setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv) < 0 ||
	    connect(fd, (struct sockaddr *)&sun, sizeof sun) < 0) {
		if (fd >= 0)
			close(fd);
		return -1;
	}
	return fd;
}

/* One FastCGI record of request 1 into out; its length. */
static size_t record(unsigned char *out, int type, const void *content, size_t len)
{
	unsigned char h[8] = {1, (unsigned char)type, 0, 1, (unsigned char)(len >> 8), (unsigned char)len, 0, 0};
	memcpy(out, h, sizeof h);
	memcpy(out + sizeof h, content, len);
	return sizeof h + len;
}

/* A name-value pair (both shorter than 128 bytes) into out; its length. */
static size_t pair(unsigned char *out, const char *name, const char *value)
{
	size_t n = strlen(name), v = strlen(value);
	out[0] = (unsigned char)n;
	out[1] = (unsigned char)v;
	memcpy(out + 2, name, n);
	memcpy(out + 2 + n, value, v);
	return 2 + n + v;
}

/* Sends a request (its parameters, then `body` on STDIN, ended unless
 * `open_body`); reads records until the end of the request.  The answer's
 * first line ("Status: ...") into status; false when no end came. */
static bool ask(int fd, const char *method, const char *length, const char *body, bool open_body, char *status,
		size_t size)
{
	static unsigned char out[4096];
	unsigned char params[1024];
	const unsigned char begin[8] = {0, 1, 0, 0, 0, 0, 0, 0}; /* responder, no kept connection */
	size_t n = record(out, BEGIN, begin, sizeof begin), p = 0;
	p += pair(params + p, "REQUEST_METHOD", method);
	p += pair(params + p, "DOCUMENT_URI", "/healthz");
	p += pair(params + p, "REQUEST_URI", "/healthz");
	p += pair(params + p, "QUERY_STRING", "");
	p += pair(params + p, "CONTENT_LENGTH", length);
	p += pair(params + p, "CONTENT_TYPE", "application/x-www-form-urlencoded");
	p += pair(params + p, "REMOTE_ADDR", "127.0.0.1");
	n += record(out + n, PARAMS, params, p);
	n += record(out + n, PARAMS, "", 0);
	if (*body)
		n += record(out + n, STDIN, body, strlen(body));
	if (!open_body)
		n += record(out + n, STDIN, "", 0);
	if (write(fd, out, n) != (ssize_t)n)
		return false;
	*status = '\0';
	for (;;) {
		unsigned char h[8];
		static unsigned char content[65536 + 256];
		if (recv(fd, h, sizeof h, MSG_WAITALL) != (ssize_t)sizeof h)
			return false;
		size_t len = ((size_t)h[4] << 8 | h[5]) + h[6];
		if (len && recv(fd, content, len, MSG_WAITALL) != (ssize_t)len)
			return false;
		if (h[1] == STDOUT && !*status && len) {
			size_t line = strcspn((const char *)content, "\r\n");
			snprintf(status, size, "%.*s", (int)(line < len ? line : len), content);
		}
		if (h[1] == END)
			return true;
	}
}

static double now(void)
{
	struct timespec t;
	clock_gettime(CLOCK_MONOTONIC, &t);
	return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

int main(void)
{
	client_init();
	const char *run = getenv("SPOR_RUN");
	const char *w = getenv("SPOR_WORKERS");
	if (!run || !w)
		skip_all("SPOR_RUN or SPOR_WORKERS unset");
	int workers = atoi(w);
	if (workers < 1 || workers > MAXW)
		skip_all("SPOR_WORKERS is not a count");
	char sock[4200], status[256];
	snprintf(sock, sizeof sock, "%s/spor-public.sock", run);

	int held[MAXW], answered = 0;
	for (int i = 0; i < workers; i++) {
		held[i] = connect_to(sock);
		answered += held[i] >= 0 && ask(held[i], "GET", "", "", false, status, sizeof status) &&
			    strcmp(status, "Status: 200 OK") == 0;
	}
	is_int(answered, workers, "each worker answers a request on a connection of its own");
	int closed = 0;
	for (int i = 0; i < workers; i++) {
		char c;
		closed += held[i] >= 0 && recv(held[i], &c, 1, 0) == 0;
	}
	is_int(closed, workers, "and ends the connection after its answer");
	/* The connections stay open on this side: a worker that waited for
	 * this side to close would answer nothing for two seconds. */
	double t0 = now();
	struct resp r;
	int got = get("/healthz", &r);
	double took = now() - t0;
	ok(got == 0 && r.status == 200 && took < 1.0,
	   "one more request is answered at once while those connections stay open (%.3f s)", took);
	resp_free(&r);
	for (int i = 0; i < workers; i++)
		if (held[i] >= 0)
			close(held[i]);

	/* A body far over the cap, sent in part: refused before it is read,
	 * and the answer arrives all the same. */
	int fd = connect_to(sock);
	bool ended = fd >= 0 && ask(fd, "POST", "99999999", "q=x", true, status, sizeof status);
	ok(ended && strncmp(status, "Status: 4", 9) == 0, "a body refused unread still gets its answer (%s)", status);
	if (fd >= 0)
		close(fd);
	return done_testing();
}
