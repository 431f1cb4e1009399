/* Unit tests of the sessions a worker keeps (session_kept.h): a row kept
 * and given back whole, by its token and the server it was read from only;
 * replaced by another token of its slot; forgotten; too large to keep. */
#include "config.h"

#include <string.h>

#include "../tap.h"
#include "core/db.h"
#include "core/mem.h"
#include "core/session_kept.h"
#include "core/token.h"

static struct db_rows row_of(const char **cells, size_t ncols)
{
	return (struct db_rows){.nrows = 1, .ncols = ncols, .cells = cells};
}

int main(void)
{
	int primary, replica; /* two connections: only their addresses matter */
	struct arena *a = arena_new();
	char t1[TOKEN_CHARS + 1], t2[TOKEN_CHARS + 1];
	token_new(t1);
	memcpy(t2, t1, sizeof t2);
	t2[TOKEN_CHARS - 1] = t1[TOKEN_CHARS - 1] == 'A' ? 'B' : 'A'; /* the same slot, another token */
	const char *cells[] = {"7", "42", "Ada", NULL, "fr", "extra"};
	struct db_rows rows = row_of(cells, 6);

	ok(!session_kept_find(t1, &primary), "nothing kept at first");
	session_kept_put(t1, &primary, &rows, 5, 3, 1000);
	const struct session_kept *k = session_kept_find(t1, &primary);
	ok(k && k->stamp == 3 && k->deadline == 1000, "kept with its stamp and deadline");
	struct db_rows got;
	session_kept_row(k, a, &got, 5);
	ok(got.nrows == 1 && got.ncols == 5 && strcmp(db_get(&got, 0, 0), "7") == 0 &&
		   strcmp(db_get(&got, 0, 2), "Ada") == 0 && !db_get(&got, 0, 3) && strcmp(db_get(&got, 0, 4), "fr") == 0,
	   "its row given back: values and NULLs, the columns asked for");
	ok(db_get(&got, 0, 2) != cells[2], "as copies in the request's arena");
	ok(!session_kept_find(t2, &primary), "not for another token, even of its slot");
	ok(!session_kept_find(t1, &replica), "nor for a request that reads another server");

	session_kept_put(t2, &primary, &rows, 5, 4, 2000);
	ok(!session_kept_find(t1, &primary) && session_kept_find(t2, &primary) && session_kept_find(t2, &primary)->stamp == 4,
	   "another token of the slot replaces it");
	session_kept_drop(t1);
	ok(session_kept_find(t2, &primary) != NULL, "dropping a token not kept leaves the slot's");
	session_kept_drop(t2);
	ok(!session_kept_find(t2, &primary), "dropped");

	static char big[SESSION_KEPT_BYTES + 1];
	memset(big, 'x', SESSION_KEPT_BYTES);
	const char *large[] = {"7", "42", big};
	struct db_rows too = row_of(large, 3);
	session_kept_put(t1, &primary, &rows, 5, 3, 1000);
	session_kept_put(t1, &primary, &too, 3, 5, 1000);
	ok(!session_kept_find(t1, &primary), "a row too large is not kept (nor the old one under its token)");
	session_kept_put("short", &primary, &rows, 5, 3, 1000);
	ok(!session_kept_find("short", &primary), "nor under a text that is no token");
	arena_free(a);
	return done_testing();
}
