/* Configuration: a file of "key = value" lines (# starts a comment), read
 * once at start-up.  Keys are listed in README.md and docs/operations.md. */
#ifndef SPOR_CONF_H
#define SPOR_CONF_H

struct conf;

/* Load `path`; on failure returns NULL and a message in `err`. */
struct conf *conf_load(const char *path, char *err, int errsize);
void conf_free(struct conf *c);
const char *conf_get(const struct conf *c, const char *key, const char *fallback);
long conf_int(const struct conf *c, const char *key, long fallback, long min, long max);

/* The configuration file a program uses: -c FILE, else $SPOR_CONFIG, else
 * the installed default, $(sysconfdir)/<name>.conf ("spor" for sporctl's
 * full file, "spor-public" and so on for each program's own). */
const char *conf_default_path(const char *given, const char *name);

/* Each program holds only its own secrets: its database account and the
 * keys it uses (csrf.secret for the three FastCGI programs, mail.smtp_url,
 * which may hold the relay's password, for spor-mailer); sporctl, which
 * creates every account, holds them all.  Returns the first key of `c` that
 * `program` ("spor-public", ...) may not hold, or NULL: a program refuses to
 * start with another's secret in its file. */
const char *conf_foreign_secret(const struct conf *c, const char *program);

#endif
