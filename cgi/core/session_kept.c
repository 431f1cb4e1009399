/* The sessions a worker of spor-public keeps between requests. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "core/db.h"
#include "core/mem.h"
#include "core/session_kept.h"
#include "core/token.h"

struct slot {
	struct session_kept kept; /* first: a slot's address is its kept session's */
	char token[TOKEN_CHARS + 1];
	const void *source; /* the connection it was read through */
	size_t ncols;
	char **cells; /* ncols values (NULL for SQL NULL) in one block with the array */
};

static struct slot slots[SESSION_KEPT_SLOTS];

/* A token's slot: FNV-1a of its first characters, which are random
 * (getrandom, base64url), so that every slot is as likely. */
static struct slot *slot_of(const char *token)
{
	unsigned h = 2166136261u;
	for (size_t i = 0; i < 8 && token[i]; i++)
		h = (h ^ (unsigned char)token[i]) * 16777619u;
	return &slots[h % SESSION_KEPT_SLOTS];
}

static void slot_clear(struct slot *s)
{
	free(s->cells);
	memset(s, 0, sizeof *s);
}

const struct session_kept *session_kept_find(const char *token, const void *source)
{
	struct slot *s = slot_of(token);
	return s->cells && s->source == source && token_equal(s->token, token) ? &s->kept : NULL;
}

void session_kept_row(const struct session_kept *k, struct arena *a, struct db_rows *rows, size_t ncols)
{
	const struct slot *s = (const struct slot *)k;
	const char **cells = arena_zalloc(a, ncols * sizeof *cells);
	for (size_t i = 0; i < ncols && i < s->ncols; i++)
		cells[i] = s->cells[i] ? arena_strdup(a, s->cells[i]) : NULL;
	*rows = (struct db_rows){.nrows = 1, .ncols = ncols, .cells = cells};
}

void session_kept_put(const char *token, const void *source, const struct db_rows *rows, size_t ncols,
		      long long stamp, long long deadline)
{
	struct slot *s = slot_of(token);
	slot_clear(s);
	if (strlen(token) != TOKEN_CHARS || rows->nrows < 1 || rows->ncols < ncols)
		return;
	size_t size = ncols * sizeof *s->cells;
	for (size_t i = 0; i < ncols; i++) {
		const char *v = db_get(rows, 0, i);
		size += v ? strlen(v) + 1 : 0;
	}
	if (size > SESSION_KEPT_BYTES || !(s->cells = malloc(size)))
		return;
	char *text = (char *)(s->cells + ncols);
	for (size_t i = 0; i < ncols; i++) {
		const char *v = db_get(rows, 0, i);
		size_t n = v ? strlen(v) + 1 : 0;
		s->cells[i] = v ? memcpy(text, v, n) : NULL;
		text += n;
	}
	memcpy(s->token, token, TOKEN_CHARS + 1);
	s->source = source;
	s->ncols = ncols;
	s->kept = (struct session_kept){.stamp = stamp, .deadline = deadline};
}

void session_kept_drop(const char *token)
{
	struct slot *s = slot_of(token);
	if (s->cells && token_equal(s->token, token))
		slot_clear(s);
}
