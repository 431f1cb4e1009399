/* Configuration file reading. */
#include "config.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "conf.h"
#include "mem.h"

struct conf_entry {
	char *key, *value;
};

struct conf {
	struct conf_entry *v;
	size_t n;
};

static char *strip(char *s)
{
	while (*s == ' ' || *s == '\t')
		s++;
	size_t n = strlen(s);
	while (n && (s[n - 1] == ' ' || s[n - 1] == '\t' || s[n - 1] == '\n' || s[n - 1] == '\r'))
		s[--n] = '\0';
	return s;
}

struct conf *conf_load(const char *path, char *err, int errsize)
{
	FILE *f = fopen(path, "r");
	if (!f) {
		snprintf(err, (size_t)errsize, "%s: %s", path, strerror(errno));
		return NULL;
	}
	struct conf *c = xcalloc(1, sizeof *c);
	char line[4096];
	int lineno = 0;
	while (fgets(line, sizeof line, f)) {
		lineno++;
		char *s = strip(line);
		if (!*s || *s == '#')
			continue;
		char *eq = strchr(s, '=');
		if (!eq) {
			snprintf(err, (size_t)errsize, "%s:%d: expected key = value", path, lineno);
			fclose(f);
			conf_free(c);
			return NULL;
		}
		*eq = '\0';
		c->v = xrealloc(c->v, (c->n + 1) * sizeof *c->v);
		c->v[c->n].key = xstrdup(strip(s));
		c->v[c->n].value = xstrdup(strip(eq + 1));
		c->n++;
	}
	fclose(f);
	return c;
}

void conf_free(struct conf *c)
{
	if (!c)
		return;
	for (size_t i = 0; i < c->n; i++) {
		free(c->v[i].key);
		free(c->v[i].value);
	}
	free(c->v);
	free(c);
}

const char *conf_get(const struct conf *c, const char *key, const char *fallback)
{
	/* The last assignment wins, as in most configuration files. */
	for (size_t i = c->n; i-- > 0;)
		if (strcmp(c->v[i].key, key) == 0)
			return c->v[i].value;
	return fallback;
}

long conf_int(const struct conf *c, const char *key, long fallback, long min, long max)
{
	const char *v = conf_get(c, key, NULL);
	if (!v || !*v)
		return fallback;
	char *end;
	errno = 0;
	long n = strtol(v, &end, 10);
	if (errno || *end || n < min || n > max)
		return fallback;
	return n;
}

const char *conf_default_path(const char *given)
{
	if (given)
		return given;
	const char *env = getenv("SPOR_CONFIG");
	return env && *env ? env : SPOR_SYSCONFDIR "/spor.conf";
}
