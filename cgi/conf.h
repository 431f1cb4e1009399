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
 * the installed default. */
const char *conf_default_path(const char *given);

#endif
