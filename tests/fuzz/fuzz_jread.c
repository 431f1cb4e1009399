/* libFuzzer target: the in-place JSON reader (core/jread.h) against
 * jansson.  Every text jansson reads, the reader reads to the same values
 * (unless nested deeper than it allows); every text the reader reads,
 * jansson reads too, but for numbers out of jansson's range (the reader
 * hands numbers out as their text); a text with a NUL byte, which jansson
 * takes for the text's end after a whole value, it refuses.  The term page's reading of a
 * snapshot (rms_term_view_read) runs on the same bytes. */
#include "config.h"

#include <jansson.h>

#include "fuzz.h"
#include "../jread_tree.h"
#include "core/jread.h"
#include "core/mem.h"
#include "rms/rms_term_view.h"

static size_t depth_of(const json_t *v)
{
	size_t deepest = 0, i;
	const char *key;
	json_t *item;
	if (json_is_object(v))
		json_object_foreach((json_t *)v, key, item)
		{
			size_t d = depth_of(item);
			deepest = d > deepest ? d : deepest;
		}
	else if (json_is_array(v))
		json_array_foreach(v, i, item)
		{
			size_t d = depth_of(item);
			deepest = d > deepest ? d : deepest;
		}
	else
		return 0;
	return deepest + 1;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *text = fuzz_copy(data, size);
	struct arena *a = arena_new();
	json_error_t error;
	json_t *want = json_loadb(text, size, JSON_DECODE_ANY, &error);
	struct jread j;
	jread_init(&j, a, text, size);
	json_t *got = jread_tree(&j);
	bool read = jread_end(&j);
	/* jansson takes a NUL byte after a whole value for the end of the
	 * text; JSON has no place for one, and the reader refuses it. */
	if (memchr(text, 0, size))
		fuzz_assert(!read, "the reader reads a text with a NUL byte");
	else if (want && depth_of(want) <= JREAD_DEPTH)
		fuzz_assert(read && got && json_equal(want, got), "jansson reads a text the reader does not, or otherwise");
	if (!want && read)
		fuzz_assert(strstr(error.text, "too big") || strstr(error.text, "overflow"),
			    "the reader reads a text jansson refuses (%s)", error.text);
	json_decref(want);
	json_decref(got);

	char *snapshot = fuzz_strdup(data, size);
	struct rms_term_view v;
	if (rms_term_view_read(a, snapshot, &v) == 0) {
		for (size_t i = 0; i < v.ntexts; i++)
			fuzz_assert(v.texts[i].lang, "a language without its code");
		fuzz_assert(rms_term_view_name_en(&v) != NULL, "no English name, not even empty");
	}
	free(snapshot);
	arena_free(a);
	free(text);
	return 0;
}
