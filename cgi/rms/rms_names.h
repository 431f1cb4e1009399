/* The names of the terms that many records refer to (the sources of
 * their mappings, their countries, the terms their attributes name),
 * kept per worker so that a term page whose record names only such terms
 * asks the database for none of them.  An entry holds a term's name in a
 * data language (English standing in) and its status, or that no such
 * term exists, and is valid at the data generation it was read at (read
 * with the session in the request's first round trip, moved by every
 * import, generated data and approved change request): a page after a
 * change sees the change.  At most RMS_NAMES_MAX entries, the oldest
 * replaced first. */
#ifndef SPOR_RMS_NAMES_H
#define SPOR_RMS_NAMES_H

#include <stdbool.h>

struct req;

enum { RMS_NAMES_MAX = 256 };

/* The kept name and status of term `id` in `lang` at the request's data
 * generation: true (*name and *status NULL when no such term exists);
 * false when none is kept. */
bool rms_names_get(struct req *r, const char *id, const char *lang, const char **name, const char **status);

/* Keep what the database said of term `id` in `lang` (name and status
 * NULL: no such term). */
void rms_names_put(struct req *r, const char *id, const char *lang, const char *name, const char *status);

#endif
