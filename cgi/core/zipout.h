/* A ZIP archive written as its entries' bytes come (minizip, deflated,
 * ZIP64 where sizes need it), to a temporary file beside its final name,
 * and moved there whole: a reader of the folder (nginx) sees the previous
 * archive or the new one complete, never one half written. */
#ifndef SPOR_ZIPOUT_H
#define SPOR_ZIPOUT_H

#include <stddef.h>

struct zipout;

/* Start dir/name (the temporary file is dir/.name.XXXXXX); the entries'
 * times are `when`.  NULL after logging why. */
struct zipout *zipout_open(const char *dir, const char *name, long long when);
/* Start the next entry (the one before ends).  0 or -1. */
int zipout_entry(struct zipout *z, const char *name);
/* Append to the current entry.  0 or -1 (the archive is then failed:
 * zipout_finish refuses it). */
int zipout_write(struct zipout *z, const char *data, size_t len);
/* End the archive, flush it to disk, make it readable by everyone and
 * rename it into place; its size and SHA-256 in hex.  0, or -1 (nothing
 * replaced, the temporary file removed).  Frees z either way. */
int zipout_finish(struct zipout *z, long long *size, char sha256[65]);
/* Give up: the temporary file is removed, dir/name untouched. */
void zipout_abort(struct zipout *z);

#endif
