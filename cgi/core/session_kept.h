/* The sessions a worker of spor-public keeps between requests.
 *
 * spor-public reads a session through spor_request() (session.h), the
 * costliest statement of a page it keeps whole.  After reading a live
 * session it keeps the row here under the session's token, with the
 * account's stamp (migration 0034: it moves with every write that changes
 * what spor_request answers for the account's sessions) and the server's
 * clock at which the session would expire or go idle.  The session's next
 * page reads only the data generation, the stamp and the clock: while the
 * stamp is the same and the clock before that moment, the kept row is the
 * answer spor_request would give, so a sign-out, a role taken away, a star
 * or a preference shows on the next page whichever worker serves it.  A row
 * serves only requests that read the server it was read from (spor-public
 * reads a replica, or the primary when the visitor just wrote: replica.h),
 * so that a page says what that server says, as without the kept row.
 *
 * A fixed table of slots, one token each (a token is random: its first
 * characters choose the slot); a token that falls on a taken slot replaces
 * the one there.  A row larger than SESSION_KEPT_BYTES is not kept. */
#ifndef SPOR_SESSION_KEPT_H
#define SPOR_SESSION_KEPT_H

#include <stddef.h>

struct arena;
struct db_rows;

enum { SESSION_KEPT_SLOTS = 128, SESSION_KEPT_BYTES = 8192 };

struct session_kept {
	long long stamp;    /* the account's stamp the row was read with */
	long long deadline; /* the server's clock (seconds since the epoch) when it runs out */
};

/* The session kept under `token` (a token_ok() text) from the server of
 * the connection `source`, or NULL. */
const struct session_kept *session_kept_find(const char *token, const void *source);

/* The kept row's first `ncols` columns as one row of `rows`, its values
 * copied into the arena. */
void session_kept_row(const struct session_kept *k, struct arena *a, struct db_rows *rows, size_t ncols);

/* Keep row 0 of `rows` (its first `ncols` columns), read through the
 * connection `source`, under `token`. */
void session_kept_put(const char *token, const void *source, const struct db_rows *rows, size_t ncols,
		      long long stamp, long long deadline);

/* Forget the session kept under `token`, if any. */
void session_kept_drop(const char *token);

#endif
