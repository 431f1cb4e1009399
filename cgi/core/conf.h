/* Configuration: a file of "key = value" lines (# starts a comment), read
 * once when a program or a worker starts into struct settings, where every
 * key is typed; the programs read the structure, never a key.  What each
 * key means, and which program's file holds it, is in docs/operations.md. */
#ifndef SPOR_CONF_H
#define SPOR_CONF_H

/* Every key, declared here once: its field in struct settings, its name,
 * its default and, for a number, its bounds (a value that is no whole
 * number within them counts as missing: the default).  TEXT's default NULL
 * means none (db.socket: TCP; db.replica.*: no replica).  Add a key here,
 * to docs/operations.md's table and to the files that hold it
 * (spor_program_keys in script/lib.sh), and a secret to conf_foreign_secret's
 * table (conf.c); tests/lint/conf.sh checks that they agree. */
#define CONF_KEYS(TEXT, NUMBER)                                                              \
	TEXT(db_socket, "db.socket", NULL)                                                   \
	TEXT(db_host, "db.host", "localhost")                                                \
	NUMBER(db_port, "db.port", 3306, 1, 65535)                                           \
	TEXT(db_name, "db.name", "spor")                                                     \
	TEXT(db_replica_socket, "db.replica.socket", NULL)                                   \
	TEXT(db_replica_host, "db.replica.host", NULL)                                       \
	NUMBER(db_replica_port, "db.replica.port", 3306, 1, 65535)                           \
	NUMBER(db_replica_wait_ms, "db.replica.wait_ms", 500, 0, 10000)                      \
	TEXT(db_grant_host, "db.grant_host", "localhost")                                    \
	TEXT(db_scripts, "db.scripts", SPOR_DATADIR "/db")                                   \
	TEXT(templates_dir, "templates.dir", SPOR_DATADIR "/templates")                      \
	NUMBER(templates_cache, "templates.cache", 1, 0, 1)                                  \
	NUMBER(cache_public_seconds, "cache.public_seconds", 60, 0, 86400)                   \
	NUMBER(api_max_age, "api.max_age", 300, 0, 86400)                                    \
	TEXT(site_url, "site.url", "")                                                       \
	TEXT(csrf_secret, "csrf.secret", "")                                                 \
	NUMBER(session_idle_seconds, "session.idle_seconds", 1800, 60, 86400 * 30)           \
	NUMBER(session_absolute_seconds, "session.absolute_seconds", 43200, 300, 86400 * 90) \
	NUMBER(account_verify_seconds, "account.verify_seconds", 172800, 600, 86400 * 30)    \
	NUMBER(account_reset_seconds, "account.reset_seconds", 3600, 300, 86400)             \
	NUMBER(throttle_account_failures, "throttle.account_failures", 5, 1, 1000)           \
	NUMBER(throttle_address_failures, "throttle.address_failures", 20, 1, 100000)        \
	NUMBER(throttle_email_attempts, "throttle.email_attempts", 5, 1, 1000)               \
	NUMBER(throttle_address_attempts, "throttle.address_attempts", 30, 1, 100000)        \
	NUMBER(password_argon2_m_kib, "password.argon2_m_kib", 19456, 8192, 4194304)         \
	NUMBER(password_argon2_t, "password.argon2_t", 2, 1, 100)                            \
	NUMBER(password_argon2_p, "password.argon2_p", 1, 1, 64)                             \
	TEXT(twofactor_key, "twofactor.key", "")                                             \
	TEXT(twofactor_issuer, "twofactor.issuer", "SPOR portal")                            \
	NUMBER(twofactor_pending_seconds, "twofactor.pending_seconds", 300, 30, 1800)        \
	TEXT(uploads_dir, "uploads.dir", "/var/lib/spor/uploads")                            \
	TEXT(downloads_dir, "downloads.dir", "/var/lib/spor/downloads")                      \
	NUMBER(downloads_keep, "downloads.keep", 3, 1, 100)                                  \
	TEXT(import_ca_file, "import.ca_file", "")                                           \
	TEXT(mail_smtp_url, "mail.smtp_url", "smtp://127.0.0.1:25")                          \
	TEXT(mail_from, "mail.from", "SPOR portal <no-reply@localhost>")                     \
	TEXT(mail_message_id_host, "mail.message_id_host", "spor-portal")                    \
	NUMBER(mail_retry_seconds, "mail.retry_seconds", 30, 1, 3600)                        \
	NUMBER(mail_poll_ms, "mail.poll_ms", 1000, 50, 60000)

/* The database accounts, db.<role>.user (default: none) and
 * db.<role>.password (default: empty): each program's file holds its own,
 * sporctl's every one. */
#define CONF_ROLES(ROLE) ROLE(owner) ROLE(public) ROLE(account) ROLE(admin) ROLE(mailer)

struct conf_account {
	const char *user, *password;
};

struct conf;

/* The configuration, typed.  Its strings belong to the file it was read
 * from, which it keeps until conf_close. */
struct settings {
#define CONF_TEXT_FIELD(field, key, fallback) const char *field;
#define CONF_NUMBER_FIELD(field, key, fallback, min, max) long field;
#define CONF_ROLE_FIELD(role) struct conf_account db_##role;
	CONF_KEYS(CONF_TEXT_FIELD, CONF_NUMBER_FIELD)
	CONF_ROLES(CONF_ROLE_FIELD)
#undef CONF_TEXT_FIELD
#undef CONF_NUMBER_FIELD
#undef CONF_ROLE_FIELD
	struct conf *file;
};

/* Read `program`'s configuration file at `path` into `s`: every key typed,
 * its default where the file has none.  0, or -1 with the reason in `err`
 * naming the file: it cannot be read, a line is no "key = value" (and
 * which), or it holds a secret that is not `program`'s (and which:
 * conf_foreign_secret; `program` NULL is sporctl, which holds them all). */
int conf_open(struct settings *s, const char *path, const char *program, char *err, int errsize);
void conf_close(struct settings *s);

/* The settings of a file already read (`c` keeps their strings). */
void conf_settings(struct settings *s, const struct conf *c);

/* The account of db.<role>.* ("owner", "public", ...), or NULL for a role
 * that is none of CONF_ROLES. */
const struct conf_account *conf_account(const struct settings *s, const char *role);

/* The file itself, as lines: what conf_open reads, and what the tests
 * compare between the full file and a program's.  Load `path`; on failure
 * returns NULL and a message in `err`. */
struct conf *conf_load(const char *path, char *err, int errsize);
void conf_free(struct conf *c);
/* The value of `key` (the last assignment wins), or `fallback`. */
const char *conf_get(const struct conf *c, const char *key, const char *fallback);

/* The configuration file a program uses: -c FILE, else $SPOR_CONFIG, else
 * the installed default, $(sysconfdir)/<name>.conf ("spor" for sporctl's
 * full file, "spor-public" and so on for each program's own). */
const char *conf_default_path(const char *given, const char *name);

/* Each program holds only its own secrets: its database account and the
 * keys it uses (csrf.secret for the three FastCGI programs, twofactor.key
 * for spor-account, mail.smtp_url, which may hold the relay's password, for
 * spor-mailer); sporctl, which creates every account, holds them all.
 * Returns the first key of `c` that `program` ("spor-public", ...) may not
 * hold, or NULL: a program refuses to start with another's secret in its
 * file. */
const char *conf_foreign_secret(const struct conf *c, const char *program);

#endif
