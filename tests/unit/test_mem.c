/* Unit tests of the arena, the buffer and what a worker gives back. */
#include "config.h"

#include <malloc.h>
#include <stdint.h>
#include <stdlib.h>

#include "../tap.h"
#include "core/mem.h"

/* Many small blocks, as a library makes them, freed: a few hundred KiB
 * left free in the heap, under what a worker gives back after any request. */
static size_t small_blocks_freed(void)
{
	enum { N = 4000 };
	static void *p[N];
	for (size_t i = 0; i < N; i++)
		p[i] = xmalloc(100);
	for (size_t i = 0; i < N; i++)
		free(p[i]);
	return mallinfo2().fordblks;
}

static void test_give_back(void)
{
	ok(mem_keep_free() == 1024 * 1024, "after an ordinary request, the heap may keep 1 MiB free");
	mem_large_request();
	ok(mem_keep_free() == 0, "after a large request, nothing");
	ok(mem_keep_free() == 1024 * 1024, "and after the next ordinary one, 1 MiB again");
	/* The effect, where malloc is glibc's (not under the sanitizers'
	 * or valgrind's allocators, whose heaps mallinfo does not see). */
	mem_worker_start();
	size_t left = small_blocks_freed();
	if (mallinfo2().arena == 0) {
		diag("malloc is not glibc's here: the heap's own figures are not checked");
		return;
	}
	ok(left > 300 * 1024 && !mem_give_back(), "%zu bytes free are kept after an ordinary request", left);
	mem_large_request();
	bool given = mem_give_back();
	size_t after = mallinfo2().fordblks;
	ok(given && after < left / 2, "and given back after a large one (%zu left free)", after);
}

int main(void)
{
	test_give_back();
	struct arena *a = arena_new();
	for (size_t n = 1; n < 200; n += 7) {
		void *p = arena_alloc(a, n);
		if (((uintptr_t)p & 15) != 0) {
			ok(false, "allocation of %zu bytes is 16-byte aligned", n);
			break;
		}
	}
	ok(true, "small allocations are aligned");
	char *big = arena_alloc(a, 1 << 20);
	memset(big, 'x', 1 << 20);
	ok(big[(1 << 20) - 1] == 'x', "an allocation larger than a chunk works");
	is_str(arena_printf(a, "%s-%d", "id", 42), "id-42", "arena_printf formats");
	is_str(arena_strndup(a, "abcdef", 3), "abc", "arena_strndup cuts");
	ok(arena_used(a) > (1 << 20), "arena counts what it handed out");
	arena_reset(a);
	is_int((long long)arena_used(a), 0, "reset forgets everything");
	char *z = arena_zalloc(a, 64);
	int zero = 1;
	for (int i = 0; i < 64; i++)
		zero &= z[i] == 0;
	ok(zero, "zalloc zeroes");

	struct buf b;
	buf_init(&b, a);
	is_str(buf_str(&b), "", "an empty buffer is an empty string");
	for (int i = 0; i < 5000; i++)
		buf_putc(&b, (char)('a' + i % 26));
	is_int((long long)b.len, 5000, "buffer grows past its first block");
	ok(b.data[4999] == 'a' + 4999 % 26 && b.data[5000] == '\0', "buffer keeps bytes and a terminator");
	buf_printf(&b, "%05d", 7);
	ok(strcmp(b.data + 5000, "00007") == 0, "buf_printf appends");
	buf_append(&b, "\0x", 2);
	is_int((long long)b.len, 5007, "buf_append takes NUL bytes");

	/* A buffer emptied and written again, as an export's is once flushed,
	 * costs its arena nothing more however many lines go through it. */
	arena_reset(a);
	buf_init(&b, a);
	buf_printf(&b, "%s", "first");
	size_t used = arena_used(a);
	for (int i = 0; i < 10000; i++) {
		b.len = 0;
		buf_printf(&b, "%d,\"a line of an export\",%s\r\n", i, "flushed");
	}
	is_int((long long)arena_used(a), (long long)used, "buf_printf into a buffer with room takes nothing from the arena");
	is_str(buf_str(&b), "9999,\"a line of an export\",flushed\r\n", "buf_printf wrote the last line whole");
	b.len = 0;
	buf_printf(&b, "%0*d", 3000, 1);
	ok(b.len == 3000 && b.data[2999] == '1' && b.data[3000] == '\0', "buf_printf grows the buffer for a long line");
	arena_free(a);
	return done_testing();
}
