/* The write API's Idempotency-Key header: a token's write sent again with
 * the same key gets the first answer again, made once.  Around the
 * handler of every route that a token writes through (app.c's dispatch).
 *
 *   key absent                   the handler, as without this
 *   key not 1-255 printable
 *   ASCII characters             400 naming Idempotency-Key
 *   key new                      the handler in a transaction with the
 *                                key's row; a 2xx answer is kept with it,
 *                                anything else rolls both back (the key
 *                                stays unused: a corrected request may
 *                                use it)
 *   key kept, same request       the kept answer, with
 *                                Idempotent-Replayed: true; nothing runs
 *   key kept, other request      422 naming Idempotency-Key
 *
 * A second request with a key whose first is still running waits for it
 * (the key's row is locked until its transaction ends).  Keys are the
 * token's own and kept a day. */
#ifndef SPOR_IDEMPOTENCY_H
#define SPOR_IDEMPOTENCY_H

#include "core/http.h"

int idempotency_run(struct req *r, int (*handler)(struct req *r));

#endif
