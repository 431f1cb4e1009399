/* Storing and sending supporting documents. */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <magic.h>
#include <openssl/evp.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "account/document.h"
#include "core/log.h"
#include "core/program.h"
#include "core/token.h"

static const char *folder(const struct req *r)
{
	return r->app->settings.uploads_dir;
}

/* The content's type, by libmagic (one cookie per worker). */
static const char *content_type(const char *data, size_t len)
{
	static magic_t cookie;
	if (!cookie && (cookie = magic_open(MAGIC_MIME_TYPE)) && magic_load(cookie, NULL) != 0) {
		log_error("libmagic: %s", magic_error(cookie));
		magic_close(cookie);
		cookie = NULL;
	}
	const char *type = cookie ? magic_buffer(cookie, data, len) : NULL;
	return type ? type : "";
}

static void hex_sha256(const char *data, size_t len, char sha[65])
{
	unsigned char md[EVP_MAX_MD_SIZE];
	unsigned int n = 0;
	EVP_Digest(data, len, md, &n, EVP_sha256(), NULL);
	token_hex(md, n < 32 ? n : 32, sha);
}

/* Write the file whole or not at all: a temporary name, then a rename. */
static int write_file(struct req *r, const char *path, const char *data, size_t len)
{
	char *tmp = arena_printf(r->arena, "%s.%d.tmp", path, (int)getpid());
	int fd = open(tmp, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0640);
	if (fd < 0)
		return -1;
	size_t done = 0;
	while (done < len) {
		ssize_t w = write(fd, data + done, len - done);
		if (w < 0 && errno == EINTR)
			continue;
		if (w <= 0)
			break;
		done += (size_t)w;
	}
	int rc = done == len && fsync(fd) == 0 ? 0 : -1;
	close(fd);
	if (rc == 0 && rename(tmp, path) == 0)
		return 0;
	unlink(tmp);
	return -1;
}

const char *document_problem(const struct req *r)
{
	const struct upload *u = &r->upload;
	if (u->len > DOCUMENT_MAX)
		return "document_size";
	if (u->len < 5 || memcmp(u->data, "%PDF-", 5) != 0 || strcmp(content_type(u->data, u->len), "application/pdf") != 0)
		return "document_type";
	return NULL;
}

const char *document_store(struct req *r, char sha[65])
{
	const struct upload *u = &r->upload;
	const char *problem = document_problem(r);
	if (problem)
		return problem;
	hex_sha256(u->data, u->len, sha);
	char *path = arena_printf(r->arena, "%s/%s", folder(r), sha);
	struct stat st;
	if (stat(path, &st) == 0 && (size_t)st.st_size == u->len)
		return NULL; /* the same content, already kept */
	if (write_file(r, path, u->data, u->len) < 0) {
		log_error("uploads: cannot write %s: %s", path, strerror(errno));
		return "store";
	}
	return NULL;
}

const char *document_keep(struct req *r, struct document_kept *k)
{
	*k = (struct document_kept){NULL, NULL, NULL};
	if (!r->upload.field)
		return NULL;
	char *sha = arena_alloc(r->arena, 65);
	const char *problem = document_store(r, sha);
	if (problem)
		return problem;
	*k = (struct document_kept){r->upload.filename, sha, arena_printf(r->arena, "%zu", r->upload.len)};
	return NULL;
}

int document_send(struct req *r, const char *sha, const char *download)
{
	if (!sha || strlen(sha) != 64 || strspn(sha, "0123456789abcdef") != 64)
		return 404;
	FILE *f = fopen(arena_printf(r->arena, "%s/%s", folder(r), sha), "rb");
	if (!f) {
		log_error("uploads: document %s is missing", sha);
		return 404;
	}
	http_stream_begin(r, "application/pdf", download);
	char buf[65536];
	size_t n;
	while ((n = fread(buf, 1, sizeof buf, f)) > 0)
		http_stream_write(r, buf, n);
	fclose(f);
	return 200;
}
