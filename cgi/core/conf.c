/* Configuration: the file read, and typed into struct settings. */
#include "config.h"

#include <errno.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/conf.h"
#include "core/mem.h"

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

/* A whole number within [min, max], else the default. */
static long number(const struct conf *c, const char *key, long fallback, long min, long max)
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

void conf_settings(struct settings *s, const struct conf *c)
{
	*s = (struct settings){0};
#define TEXT_KEY(field, key, fallback) s->field = conf_get(c, key, fallback);
#define NUMBER_KEY(field, key, fallback, min, max) s->field = number(c, key, fallback, min, max);
#define ROLE(role)                                                                                             \
	s->db_##role = (struct conf_account){conf_get(c, "db." #role ".user", NULL),                               \
					     conf_get(c, "db." #role ".password", "")};
	CONF_KEYS(TEXT_KEY, NUMBER_KEY)
	CONF_ROLES(ROLE)
#undef TEXT_KEY
#undef NUMBER_KEY
#undef ROLE
}

const struct conf_account *conf_account(const struct settings *s, const char *role)
{
#define ROLE(name)                                                                                             \
	if (strcmp(role, #name) == 0)                                                                          \
		return &s->db_##name;
	CONF_ROLES(ROLE)
#undef ROLE
	return NULL;
}

int conf_open(struct settings *s, const char *path, const char *program, char *err, int errsize)
{
	*s = (struct settings){0};
	struct conf *c = conf_load(path, err, errsize);
	if (!c)
		return -1;
	const char *foreign = program ? conf_foreign_secret(c, program) : NULL;
	if (foreign) {
		snprintf(err, (size_t)errsize,
			 "%s holds %s, which is not %s's: each program reads its own configuration"
			 " (docs/operations.md)",
			 path, foreign, program);
		conf_free(c);
		return -1;
	}
	conf_settings(s, c);
	s->file = c;
	return 0;
}

void conf_close(struct settings *s)
{
	conf_free(s->file);
	*s = (struct settings){0};
}

const char *conf_default_path(const char *given, const char *name)
{
	static char path[4096];
	if (given)
		return given;
	const char *env = getenv("SPOR_CONFIG");
	if (env && *env)
		return env;
	snprintf(path, sizeof path, "%s/%s.conf", SPOR_SYSCONFDIR, name);
	return path;
}

/* The secrets and who holds them (docs/operations.md says which file holds
 * which key).  Database user names are no secrets, but a program's file
 * names no other account either. */
static const struct {
	const char *key;
	const char *holders; /* programs, each followed by a space */
} secrets[] = {
	{"db.owner.user", ""},
	{"db.owner.password", ""},
	{"db.public.user", "spor-public "},
	{"db.public.password", "spor-public "},
	{"db.account.user", "spor-account "},
	{"db.account.password", "spor-account "},
	{"db.admin.user", "spor-admin "},
	{"db.admin.password", "spor-admin "},
	{"db.mailer.user", "spor-mailer "},
	{"db.mailer.password", "spor-mailer "},
	{"csrf.secret", "spor-public spor-account spor-admin "},
	{"twofactor.key", "spor-account "},
	{"mail.smtp_url", "spor-mailer "},
};

const char *conf_foreign_secret(const struct conf *c, const char *program)
{
	char word[64];
	snprintf(word, sizeof word, "%s ", program);
	for (size_t i = 0; i < sizeof secrets / sizeof secrets[0]; i++) {
		const char *h = secrets[i].holders;
		bool holder = false;
		for (const char *at = strstr(h, word); at && !holder; at = strstr(at + 1, word))
			holder = at == h || at[-1] == ' ';
		if (!holder && conf_get(c, secrets[i].key, NULL))
			return secrets[i].key;
	}
	return NULL;
}
