/* ZIP archives written as they come, moved into place whole (zipout.h). */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <minizip/zip.h>
#include <openssl/evp.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "core/log.h"
#include "core/mem.h"
#include "core/token.h"
#include "core/zipout.h"

enum {
	/* Deflate's fastest level: the CSV and JSON of a million terms shrink
	 * about as much at 1 as at 6, in a third of the time (docs/operations.md). */
	LEVEL = 1,
	READ_CHUNK = 1 << 16,
	MADE_BY = 3 << 8 | 45, /* Unix (so unzip reads the entries' modes), ZIP 4.5 (ZIP64) */
};

struct zipout {
	zipFile zf;
	char *dir, *path, *tmp;
	zip_fileinfo info;
	bool open_entry, failed;
};

struct zipout *zipout_open(const char *dir, const char *name, long long when)
{
	struct zipout *z = xcalloc(1, sizeof *z);
	z->dir = xstrdup(dir);
	size_t n = strlen(dir) + strlen(name) + 16;
	z->path = xmalloc(n);
	z->tmp = xmalloc(n);
	snprintf(z->path, n, "%s/%s", dir, name);
	snprintf(z->tmp, n, "%s/.%s.XXXXXX", dir, name);
	int fd = mkstemp(z->tmp);
	if (fd < 0) {
		log_error("zip: cannot create a file in %s: %s", dir, strerror(errno));
		free(z->tmp);
		z->tmp = NULL;
		zipout_abort(z);
		return NULL;
	}
	close(fd);
	z->zf = zipOpen64(z->tmp, APPEND_STATUS_CREATE);
	if (!z->zf) {
		log_error("zip: cannot write %s", z->tmp);
		zipout_abort(z);
		return NULL;
	}
	time_t t = (time_t)when;
	struct tm tm;
	gmtime_r(&t, &tm);
	z->info.tmz_date = (tm_zip){(unsigned)tm.tm_sec, (unsigned)tm.tm_min, (unsigned)tm.tm_hour,
				    (unsigned)tm.tm_mday, (unsigned)tm.tm_mon, (unsigned)tm.tm_year + 1900};
	z->info.external_fa = 0644u << 16; /* -rw-r--r-- for unzip */
	return z;
}

static int entry_end(struct zipout *z)
{
	if (!z->open_entry)
		return 0;
	z->open_entry = false;
	if (zipCloseFileInZip(z->zf) != ZIP_OK) {
		log_error("zip: cannot end an entry of %s", z->tmp);
		z->failed = true;
		return -1;
	}
	return 0;
}

int zipout_entry(struct zipout *z, const char *name)
{
	if (z->failed || entry_end(z) < 0)
		return -1;
	/* ZIP64 always: an entry's size is known only at its end, and the
	 * CSV of a large list may pass 4 GiB. */
	if (zipOpenNewFileInZip4_64(z->zf, name, &z->info, NULL, 0, NULL, 0, NULL, Z_DEFLATED, LEVEL, 0, -MAX_WBITS,
				    DEF_MEM_LEVEL, Z_DEFAULT_STRATEGY, NULL, 0, MADE_BY, 0, 1) != ZIP_OK) {
		log_error("zip: cannot start %s in %s", name, z->tmp);
		z->failed = true;
		return -1;
	}
	z->open_entry = true;
	return 0;
}

int zipout_write(struct zipout *z, const char *data, size_t len)
{
	while (!z->failed && len) {
		unsigned n = len > (1u << 30) ? 1u << 30 : (unsigned)len;
		if (!z->open_entry || zipWriteInFileInZip(z->zf, data, n) != ZIP_OK) {
			log_error("zip: cannot write to %s", z->tmp);
			z->failed = true;
		}
		data += n;
		len -= n;
	}
	return z->failed ? -1 : 0;
}

/* The file's size and SHA-256, read back (minizip goes back to each
 * entry's header once its sizes are known, so the bytes are hashed when
 * they are final).  0 or -1. */
static int digest(const char *path, long long *size, char hex[65])
{
	FILE *f = fopen(path, "rb");
	EVP_MD_CTX *md = EVP_MD_CTX_new();
	unsigned char *chunk = xmalloc(READ_CHUNK), sum[EVP_MAX_MD_SIZE];
	unsigned sumlen = 0;
	long long total = 0;
	int rc = f && md && EVP_DigestInit_ex(md, EVP_sha256(), NULL) == 1 ? 0 : -1;
	for (size_t n; rc == 0 && (n = fread(chunk, 1, READ_CHUNK, f)) > 0; total += (long long)n)
		rc = EVP_DigestUpdate(md, chunk, n) == 1 ? 0 : -1;
	if (rc == 0 && (ferror(f) || EVP_DigestFinal_ex(md, sum, &sumlen) != 1 || sumlen != 32))
		rc = -1;
	if (rc == 0)
		token_hex(sum, sumlen, hex);
	*size = total;
	free(chunk);
	EVP_MD_CTX_free(md);
	if (f)
		fclose(f);
	return rc;
}

/* Make the file's bytes and its new name durable, so that a crash after
 * the rename never leaves a named but empty archive. */
static int sync_path(const char *path, int flags)
{
	int fd = open(path, flags | O_CLOEXEC);
	int rc = fd >= 0 && fsync(fd) == 0 ? 0 : -1;
	if (fd >= 0)
		close(fd);
	return rc;
}

int zipout_finish(struct zipout *z, long long *size, char sha256[65])
{
	int rc = entry_end(z);
	if (zipClose(z->zf, NULL) != ZIP_OK)
		rc = -1;
	z->zf = NULL;
	if (rc < 0 || z->failed) {
		log_error("zip: %s could not be written", z->tmp);
		rc = -1;
	} else if (sync_path(z->tmp, O_RDONLY) < 0 || chmod(z->tmp, 0644) < 0 || digest(z->tmp, size, sha256) < 0) {
		log_error("zip: %s: %s", z->tmp, strerror(errno));
		rc = -1;
	} else if (rename(z->tmp, z->path) < 0) {
		log_error("zip: cannot rename %s to %s: %s", z->tmp, z->path, strerror(errno));
		rc = -1;
	} else {
		free(z->tmp);
		z->tmp = NULL; /* in place: nothing to remove */
		sync_path(z->dir, O_RDONLY | O_DIRECTORY);
	}
	zipout_abort(z);
	return rc;
}

void zipout_abort(struct zipout *z)
{
	if (!z)
		return;
	if (z->zf)
		zipClose(z->zf, NULL);
	if (z->tmp)
		unlink(z->tmp);
	free(z->tmp);
	free(z->path);
	free(z->dir);
	free(z);
}
