/* Supporting documents of requests: one PDF of at most 10 MB, its type
 * checked by its content (libmagic and the "%PDF-" signature, never by its
 * name), stored outside the web root in uploads.dir under its SHA-256, and
 * sent back only through the handlers that checked who may read it. */
#ifndef SPOR_DOCUMENT_H
#define SPOR_DOCUMENT_H

#include <stddef.h>

struct req;

enum { DOCUMENT_MAX = 10 * 1024 * 1024 };

/* Why the request's uploaded file cannot be kept (document_type,
 * document_size), or NULL. */
const char *document_problem(const struct req *r);

/* Check and store the request's uploaded file (r->upload).  NULL and its
 * SHA-256 in hex into sha, or why not: the key of a form error
 * (document_type, document_size) or "store" when it could not be written. */
const char *document_store(struct req *r, char sha[65]);

/* A kept document as a request's row names it: the name given, the
 * SHA-256 and the size in bytes (all NULL when no file came). */
struct document_kept {
	const char *name, *sha256, *size;
};

/* Store the request's uploaded file if one came (document_store) and fill
 * *k; NULL, or the problem as document_store says it. */
const char *document_keep(struct req *r, struct document_kept *k);

/* Answer the stored document `sha` as a PDF download named `download`. */
int document_send(struct req *r, const char *sha, const char *download);

#endif
