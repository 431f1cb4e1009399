/* A small libcurl client for the HTTP tests: requests go through the real
 * nginx started by script/test (SPOR_TEST_URL); responses are kept whole. */
#ifndef SPOR_TEST_CLIENT_H
#define SPOR_TEST_CLIENT_H

#include <stdbool.h>
#include <stddef.h>

struct resp {
	long status;
	char *headers; /* raw header block of the last response */
	char *body;
	size_t body_len;
};

/* Requests carry the cookie of a signed-in visitor, which bypasses nginx's
 * page cache (tests read back what they just changed); test_cache sets
 * client_anonymous to send none. */
extern bool client_anonymous;
/* The local address requests leave from ("127.0.0.2": another client to
 * nginx's per-address limits), or NULL for the default. */
extern const char *client_source;

/* Skip the test file when no portal is running (as under make distcheck). */
void client_init(void);
const char *client_base(void);

/* method: "GET", "HEAD", "POST" ...; body may be NULL; headers is a
 * NULL-terminated list of "Name: value" or NULL.  Redirects are not
 * followed.  Returns 0, or -1 when the connection failed. */
int request(const char *method, const char *path, const char *body, size_t body_len, const char *const *headers,
	    struct resp *out);
int get(const char *path, struct resp *out);
void resp_free(struct resp *r);

/* The value of header `name` (case-insensitive) in a newly allocated string,
 * or NULL. */
char *header(const struct resp *r, const char *name);
/* Every value of header `name` (case-insensitive), joined with ", " as one
 * header would hold them, in a newly allocated string, or NULL. */
char *header_all(const struct resp *r, const char *name);
int body_has(const struct resp *r, const char *needle);
/* How many times `needle` is in the body (not overlapping). */
int body_count(const struct resp *r, const char *needle);

/* The whole text of a file under the instance's folders (NULL if absent). */
char *slurp(const char *path);

/* The configuration file the running `program` ("spor-public", ...) was
 * started with: its -c argument, read from the command line of the process
 * in $SPOR_RUN/<program>.pid (a new string), or NULL. */
char *program_config(const char *program);

#endif
