/* The write API's Idempotency-Key (idempotency.h). */
#include "config.h"

#include <openssl/evp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "core/db.h"
#include "core/idempotency.h"
#include "core/program.h"

enum { KEY_MAX = 255 };

static struct db_sql q_expired =
	DB_SQL("DELETE FROM api_idempotency WHERE token_id = ? AND created_at < UTC_TIMESTAMP() - INTERVAL 1 DAY");
static struct db_sql q_claim = DB_SQL("INSERT IGNORE INTO api_idempotency (token_id, key_hash, fingerprint)"
				      " VALUES (?, UNHEX(SHA2(?, 256)), UNHEX(?))");
static struct db_sql q_keep = DB_SQL("UPDATE api_idempotency SET status = ?, content_type = ?, location = ?, body = ?"
				     " WHERE token_id = ? AND key_hash = UNHEX(SHA2(?, 256))");
enum { KEPT_FINGERPRINT, KEPT_STATUS, KEPT_TYPE, KEPT_LOCATION, KEPT_BODY, KEPT__COUNT };
static struct db_sql q_kept = DB_SQL_COLS(KEPT__COUNT,
	"SELECT HEX(fingerprint), status, content_type, location, body FROM api_idempotency"
	" WHERE token_id = ? AND key_hash = UNHEX(SHA2(?, 256)) LOCK IN SHARE MODE");

static bool key_ok(const char *key)
{
	size_t n = strlen(key);
	if (n < 1 || n > KEY_MAX)
		return false;
	for (size_t i = 0; i < n; i++)
		if (key[i] < 0x21 || key[i] > 0x7e)
			return false;
	return true;
}

/* The request as the key must find it again: the SHA-256 of its method,
 * path, query and body, in hexadecimal (upper case, as HEX() gives it). */
static void fingerprint(const struct req *r, char out[65])
{
	unsigned char md[EVP_MAX_MD_SIZE];
	unsigned n = 0;
	EVP_MD_CTX *c = EVP_MD_CTX_new();
	const char *const parts[] = {r->method, r->path, r->query};
	bool ok = c && EVP_DigestInit_ex(c, EVP_sha256(), NULL) == 1;
	for (size_t i = 0; ok && i < sizeof parts / sizeof parts[0]; i++)
		ok = EVP_DigestUpdate(c, parts[i], strlen(parts[i]) + 1) == 1; /* with its NUL: parts stay apart */
	ok = ok && EVP_DigestUpdate(c, r->body_raw ? r->body_raw : "", r->body_raw_len) == 1 &&
	     EVP_DigestFinal_ex(c, md, &n) == 1;
	EVP_MD_CTX_free(c);
	if (!ok)
		abort(); /* OpenSSL's SHA-256 does not fail on memory it was given */
	for (unsigned i = 0; i < n && i < 32; i++)
		snprintf(out + 2 * i, 3, "%02X", md[i]);
}

static const char *header_of(const struct req *r, const char *name)
{
	for (size_t i = 0; i < r->nheaders; i++)
		if (strcasecmp(r->header_name[i], name) == 0)
			return r->header_value[i];
	return NULL;
}

static int refuse(struct req *r, int status, const char *reason)
{
	r->err_param = "Idempotency-Key";
	r->err_reason = reason;
	return status;
}

/* The first answer, again. */
static int replay(struct req *r, const struct db_rows *kept)
{
	const char *location = db_get(kept, 0, KEPT_LOCATION), *body = db_get(kept, 0, KEPT_BODY);
	r->content_type = arena_strdup(r->arena, db_get(kept, 0, KEPT_TYPE));
	r->cache_control = "private, no-store";
	r->body.len = 0;
	buf_puts(&r->body, body ? body : "");
	if (location)
		http_header(r, "Location", location);
	http_header(r, "Idempotent-Replayed", "true");
	return atoi(db_get(kept, 0, KEPT_STATUS));
}

int idempotency_run(struct req *r, int (*handler)(struct req *r))
{
	const char *key = r->idempotency_key;
	if (!key || !*key)
		return handler(r);
	if (!key_ok(key))
		return refuse(r, 400, "format");
	struct db *db = r->app->db;
	char fp[65];
	fingerprint(r, fp);
	unsigned long long claimed = 0;
	if (db_begin(db) < 0)
		return 500;
	if (db_exec(db, &q_expired, NULL, "s", r->user.token_id) < 0 ||
	    db_exec(db, &q_claim, &claimed, "sss", r->user.token_id, key, fp) < 0) {
		db_rollback(db);
		return 500;
	}
	if (!claimed) { /* kept by an earlier request, which has ended */
		struct db_rows kept;
		int got = db_query(db, r->arena, &q_kept, &kept, "ss", r->user.token_id, key);
		db_rollback(db); /* nothing was written */
		if (got < 0 || kept.nrows != 1 || !db_get(&kept, 0, KEPT_STATUS))
			return 500;
		if (strcmp(db_get(&kept, 0, KEPT_FINGERPRINT), fp) != 0)
			return refuse(r, 422, "reused");
		return replay(r, &kept);
	}
	int status = handler(r);
	if (status < 200 || status > 299 || r->streamed) {
		db_rollback(db);
		return status;
	}
	if (db_exec(db, &q_keep, NULL, "isssss", (long long)status, r->content_type, header_of(r, "Location"),
		    r->body.len ? buf_str(&r->body) : NULL, r->user.token_id, key) < 0 ||
	    db_commit(db) < 0) {
		db_rollback(db);
		return 500;
	}
	return status;
}
