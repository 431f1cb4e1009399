/* The write API's Idempotency-Key (idempotency.h). */
#include "config.h"

#include <openssl/evp.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "core/db.h"
#include "core/idempotency.h"
#include "core/program.h"
#include "core/token.h"

enum { KEY_MAX = 255 };

static struct db_sql q_expired =
	DB_SQL("DELETE FROM api_idempotency WHERE token_id = ? AND created_at < UTC_TIMESTAMP() - INTERVAL 1 DAY");
static struct db_sql q_claim = DB_SQL("INSERT IGNORE INTO api_idempotency (token_id, key_hash, fingerprint)"
				      " VALUES (?, UNHEX(SHA2(?, 256)), UNHEX(?))");
static struct db_sql q_keep = DB_SQL("UPDATE api_idempotency SET status = ?, content_type = ?, location = ?, body = ?"
				     " WHERE token_id = ? AND key_hash = UNHEX(SHA2(?, 256))");
enum { KEPT_FINGERPRINT, KEPT_STATUS, KEPT_TYPE, KEPT_LOCATION, KEPT_BODY, KEPT__COUNT };
static struct db_sql q_kept = DB_SQL_COLS(KEPT__COUNT,
	"SELECT LOWER(HEX(fingerprint)), status, content_type, location, body FROM api_idempotency"
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
 * path and query and of what its body says (its JSON document, and the
 * file of a multipart body with its name: not the multipart's own bytes,
 * whose boundary a client draws anew for each sending), in hexadecimal. */
static void fingerprint(const struct req *r, char out[65])
{
	const struct upload *u = &r->upload;
	const struct {
		const char *data;
		size_t len;
	} parts[] = {
		{r->method, strlen(r->method)},
		{r->path, strlen(r->path)},
		{r->query, strlen(r->query)},
		{r->document ? r->document : "", r->document ? r->document_len : 0},
		{u->filename ? u->filename : "", u->filename ? strlen(u->filename) : 0},
		{u->data ? u->data : "", u->data ? u->len : 0},
	};
	unsigned char md[EVP_MAX_MD_SIZE];
	unsigned n = 0;
	EVP_MD_CTX *c = EVP_MD_CTX_new();
	bool ok = c && EVP_DigestInit_ex(c, EVP_sha256(), NULL) == 1;
	for (size_t i = 0; ok && i < sizeof parts / sizeof parts[0]; i++) {
		unsigned long long len = parts[i].len; /* each part's length first: parts stay apart */
		ok = EVP_DigestUpdate(c, &len, sizeof len) == 1 && EVP_DigestUpdate(c, parts[i].data, parts[i].len) == 1;
	}
	ok = ok && EVP_DigestFinal_ex(c, md, &n) == 1;
	EVP_MD_CTX_free(c);
	if (!ok)
		abort(); /* OpenSSL's SHA-256 does not fail on memory it was given */
	token_hex(md, n < 32 ? n : 32, out);
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
	const char *type = db_get(kept, 0, KEPT_TYPE);
	r->content_type = type ? arena_strdup(r->arena, type) : NULL;
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
	const char *key = http_param(r, "HTTP_IDEMPOTENCY_KEY");
	if (!*key)
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
