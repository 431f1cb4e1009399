/* The rows a batch of terms writes, table by table: each table's rows of
 * every term of the batch in one JSON array, read back with JSON_TABLE by
 * one statement per table, all of them sent as one compound statement (one
 * round trip a batch, instead of a dozen statements per term).  A new
 * table of a term's rows is one member of struct rms_rows (rms_rows.c),
 * filled in rms_rows_add, and one statement and argument of q_write. */
#ifndef SPOR_RMS_ROWS_H
#define SPOR_RMS_ROWS_H

#include <jansson.h>
#include <stdbool.h>
#include <stddef.h>

struct arena;
struct db;
struct rms_rows;

struct rms_rows *rms_rows_new(void);
void rms_rows_free(struct rms_rows *r);
/* Term `id`'s rows of every table from its snapshot `snap`, and its version
 * `seq` (`changes`, `text` the snapshot as stored, JSON).  `existed`: the
 * term has a row already, and its rows of the other tables are replaced
 * (a new term's are only written).  Returns the names and descriptions it
 * holds. */
size_t rms_rows_add(struct rms_rows *r, struct arena *a, const char *id, bool existed, const json_t *snap,
		    long long seq, const char *changes, const char *text);
/* About the bytes the batch's statement would send (every array, the IDs
 * six times): a batch is written before it nears the server's largest
 * packet. */
size_t rms_rows_bytes(const struct rms_rows *r);
/* Write the terms added since the last write, in the caller's transaction:
 * the term's row, each table's rows of the terms replaced, a version each
 * (recorded from `source`, naming `request_id` or NULL).  Then empty. */
int rms_rows_write(struct rms_rows *r, struct db *db, const char *source, const char *request_id);

#endif
