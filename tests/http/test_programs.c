/* HTTP tests that each part of the portal answers from its own program:
 * /login and /account from spor-account, /admin from spor-admin, the rest
 * from spor-public (seen in each program's own access log). */
#include "config.h"

#include <unistd.h>

#include "../tap.h"
#include "client.h"

static size_t log_size(const char *program)
{
	char path[4096];
	snprintf(path, sizeof path, "%s/%s.log", getenv("SPOR_LOG"), program);
	char *log = slurp(path);
	size_t n = log ? strlen(log) : 0;
	free(log);
	return n;
}

/* Did `program` log "METHOD PATH STATUS" after offset `from`? */
static bool logged(const char *program, size_t from, const char *line)
{
	char path[4096];
	snprintf(path, sizeof path, "%s/%s.log", getenv("SPOR_LOG"), program);
	for (int tries = 0; tries < 20; tries++) {
		char *log = slurp(path);
		bool found = log && strlen(log) > from && strstr(log + from, line);
		free(log);
		if (found)
			return true;
		usleep(50000);
	}
	return false;
}

struct owner_case {
	const char *path, *program;
	long status;
	const char *location; /* for redirects */
	const char *says;
};

static const struct owner_case owners[] = {
	{"/", "spor-public", 200, NULL, "The four SPOR services"},
	{"/sms", "spor-public", 200, NULL, "Substances (SMS)"},
	{"/rms/lists", "spor-public", 200, NULL, "Term lists"},
	{"/oms/organisations", "spor-public", 200, NULL, "Name, acronym or ID"},
	{"/login", "spor-account", 200, NULL, "Log in"},
	{"/register", "spor-account", 200, NULL, "Register"},
	{"/account", "spor-account", 303, "/login?next=%2Faccount", NULL},
	{"/admin", "spor-admin", 303, "/login?next=%2Fadmin", NULL},
};

int main(void)
{
	client_init();
	if (!getenv("SPOR_LOG"))
		skip_all("SPOR_LOG unset");
	for (size_t i = 0; i < sizeof owners / sizeof owners[0]; i++) {
		const struct owner_case *c = &owners[i];
		size_t from = log_size(c->program);
		struct resp r;
		get(c->path, &r);
		char line[256];
		snprintf(line, sizeof line, " GET %s %ld ", c->path, c->status);
		ok(r.status == c->status, "%s answers %ld", c->path, c->status);
		ok(logged(c->program, from, line), "%s is answered by %s", c->path, c->program);
		if (c->location) {
			char *loc = header(&r, "Location");
			is_str(loc, c->location, "anonymous visitors are sent to log in, and back afterwards");
			free(loc);
		}
		if (c->says)
			ok(body_has(&r, c->says), "%s shows %s", c->path, c->says);
		resp_free(&r);
	}
	return done_testing();
}
