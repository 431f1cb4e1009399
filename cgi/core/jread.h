/* Reading a JSON text in place, one value after another, without building
 * a tree.  jansson's json_loads makes an object of every value and hashes
 * every key: for a term's stored record (6 KB with its 35 languages) that
 * is 0.1 ms, which a page showing the record paid on every request.  This
 * reader walks the text once and hands out what the caller asks for;
 * strings come out decoded (escapes, \u pairs) into the arena, everything
 * else it skips.
 *
 *   struct jread j;
 *   const char *key;
 *   jread_init(&j, arena, text, strlen(text));
 *   if (jread_object(&j))
 *           while (jread_member(&j, &key))
 *                   if (strcmp(key, "id") == 0)
 *                           id = jread_text(&j);
 *                   else
 *                           jread_skip(&j);
 *   if (!jread_end(&j))
 *           ... not JSON, or not of the shape asked for
 *
 * The text must be JSON as RFC 8259 has it, in UTF-8, no deeper than
 * JREAD_DEPTH; as jansson, a string may not hold \u0000 or half of a
 * surrogate pair.  A text that is not, or a value of another kind than the
 * caller asked for, makes the reader `bad`: from then on every call answers
 * as at the end, and jread_end says false. */
#ifndef SPOR_JREAD_H
#define SPOR_JREAD_H

#include <stdbool.h>
#include <stddef.h>

struct arena;

enum { JREAD_DEPTH = 32 };

struct jread {
	const char *p, *end;
	struct arena *arena;
	bool bad;
	unsigned depth;
	char open[JREAD_DEPTH];   /* '{' or '[' at each depth */
	bool first[JREAD_DEPTH];  /* no member or element read yet at that depth */
};

void jread_init(struct jread *j, struct arena *arena, const char *text, size_t len);

/* The next value is an object: entered, true.  null: read, false.
 * Anything else: bad, false. */
bool jread_object(struct jread *j);

/* The open object's next member: its key in *key, the reader at its value
 * (which the caller reads or skips), true.  At the object's end: left,
 * false. */
bool jread_member(struct jread *j, const char **key);

/* As jread_object and jread_member, for an array and its elements. */
bool jread_array(struct jread *j);
bool jread_element(struct jread *j);

/* The next value as text: a string decoded, a number as written, "true" or
 * "false"; NULL for null, and for an object or array (skipped). */
const char *jread_text(struct jread *j);

/* Which of `keys` (NULL-terminated) a member's key is: its index, or -1. */
int jread_which(const char *key, const char *const *keys);

/* Read past the next value, whatever it is. */
void jread_skip(struct jread *j);

/* True when the text has been read to its end, whole and well formed. */
bool jread_end(struct jread *j);

#endif
