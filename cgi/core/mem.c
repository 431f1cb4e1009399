/* Memory: abort-on-failure wrappers and a chunked bump allocator (the arena). */
#include "config.h"

#include <malloc.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/mem.h"

/* Under AddressSanitizer what a chunk has not handed out stays poisoned and
 * every allocation is followed by a red zone: reading or writing past an
 * arena allocation is then reported like a heap overflow, not lost inside
 * the chunk. */
#include "core/asan.h"
#ifdef SPOR_ASAN
#include <sanitizer/asan_interface.h>
enum { REDZONE = 16 };
#else
#define ASAN_POISON_MEMORY_REGION(p, n) ((void)(p), (void)(n))
#define ASAN_UNPOISON_MEMORY_REGION(p, n) ((void)(p), (void)(n))
enum { REDZONE = 0 };
#endif

enum { CHUNK_SIZE = 64 * 1024, ALIGN = 16 };

struct chunk {
	struct chunk *next;
	size_t size, used;
	_Alignas(16) unsigned char data[];
};

struct arena {
	struct chunk *head; /* current chunk; the first chunk is last in the list */
	size_t used;
};

static void out_of_memory(size_t n)
{
	fprintf(stderr, "out of memory allocating %zu bytes\n", n);
	abort();
}

void *xmalloc(size_t n)
{
	void *p = malloc(n ? n : 1);
	if (!p)
		out_of_memory(n);
	return p;
}

void *xcalloc(size_t n, size_t size)
{
	void *p = calloc(n ? n : 1, size ? size : 1);
	if (!p)
		out_of_memory(n * size);
	return p;
}

void *xrealloc(void *p, size_t n)
{
	void *q = realloc(p, n ? n : 1);
	if (!q)
		out_of_memory(n);
	return q;
}

char *xstrdup(const char *s)
{
	size_t n = strlen(s) + 1;
	return memcpy(xmalloc(n), s, n);
}

static struct chunk *chunk_new(size_t size, struct chunk *next)
{
	struct chunk *c = xmalloc(sizeof *c + size);
	c->next = next;
	c->size = size;
	c->used = 0;
	ASAN_POISON_MEMORY_REGION(c->data, size);
	return c;
}

static void chunk_free(struct chunk *c)
{
	ASAN_UNPOISON_MEMORY_REGION(c->data, c->size);
	free(c);
}

/* A worker lives for thousands of requests, and one large request (an
 * export, a long result) must not leave it large.  glibc would raise its
 * mapping threshold after the first large block freed, so that the next
 * ones come from the heap, where a small block left above them keeps the
 * whole span resident: the threshold is fixed instead, and what the heap
 * holds free beyond GIVE_BACK_AT after a request is returned at once.
 * After a large request, whatever it left free is returned: its libraries'
 * many small blocks (a spreadsheet's) stay under GIVE_BACK_AT together, and
 * trimming costs little beside such a request. */
enum { MMAP_FROM = 128 * 1024, GIVE_BACK_AT = 1024 * 1024 };

static bool large_request;

void mem_worker_start(void)
{
	mallopt(M_MMAP_THRESHOLD, MMAP_FROM);
	mallopt(M_TRIM_THRESHOLD, GIVE_BACK_AT);
}

void mem_large_request(void)
{
	large_request = true;
}

size_t mem_keep_free(void)
{
	size_t keep = large_request ? 0 : GIVE_BACK_AT;
	large_request = false;
	return keep;
}

bool mem_give_back(void)
{
	size_t keep = mem_keep_free();
	return mallinfo2().fordblks > keep && malloc_trim(0);
}

struct arena *arena_new(void)
{
	struct arena *a = xmalloc(sizeof *a);
	a->head = chunk_new(CHUNK_SIZE, NULL);
	a->used = 0;
	return a;
}

void arena_reset(struct arena *a)
{
	while (a->head->next) {
		struct chunk *next = a->head->next;
		chunk_free(a->head);
		a->head = next;
	}
	ASAN_POISON_MEMORY_REGION(a->head->data, a->head->size);
	a->head->used = 0;
	a->used = 0;
}

void arena_free(struct arena *a)
{
	if (!a)
		return;
	arena_reset(a);
	chunk_free(a->head);
	free(a);
}

void *arena_alloc(struct arena *a, size_t n)
{
	size_t need = (n + REDZONE + ALIGN - 1) & ~(size_t)(ALIGN - 1);
	if (need < n)
		out_of_memory(n);
	if (a->head->size - a->head->used < need) {
		size_t size = need > CHUNK_SIZE / 4 ? need : CHUNK_SIZE;
		/* Keep the first chunk at the end of the list so reset can keep it. */
		a->head = chunk_new(size, a->head);
	}
	void *p = a->head->data + a->head->used;
	ASAN_UNPOISON_MEMORY_REGION(p, n);
	a->head->used += need;
	a->used += n;
	return p;
}

void *arena_zalloc(struct arena *a, size_t n)
{
	return memset(arena_alloc(a, n), 0, n);
}

char *arena_strndup(struct arena *a, const char *s, size_t n)
{
	char *p = arena_alloc(a, n + 1);
	memcpy(p, s, n);
	p[n] = '\0';
	return p;
}

char *arena_strdup(struct arena *a, const char *s)
{
	return arena_strndup(a, s, strlen(s));
}

char *arena_vprintf(struct arena *a, const char *fmt, va_list ap)
{
	va_list copy;
	va_copy(copy, ap);
	int n = vsnprintf(NULL, 0, fmt, copy);
	va_end(copy);
	if (n < 0)
		return arena_strdup(a, "");
	char *p = arena_alloc(a, (size_t)n + 1);
	vsnprintf(p, (size_t)n + 1, fmt, ap);
	return p;
}

char *arena_printf(struct arena *a, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	char *p = arena_vprintf(a, fmt, ap);
	va_end(ap);
	return p;
}

size_t arena_used(const struct arena *a)
{
	return a->used;
}

void buf_init(struct buf *b, struct arena *a)
{
	b->arena = a;
	b->data = NULL;
	b->len = b->cap = 0;
}

static void buf_reserve(struct buf *b, size_t extra)
{
	if (b->cap - b->len > extra)
		return;
	size_t cap = b->cap ? b->cap : 1024;
	while (cap - b->len <= extra) {
		if (cap > SIZE_MAX / 2)
			out_of_memory(cap);
		cap *= 2;
	}
	char *p = arena_alloc(b->arena, cap);
	if (b->len)
		memcpy(p, b->data, b->len);
	b->data = p;
	b->cap = cap;
}

void buf_append(struct buf *b, const void *p, size_t n)
{
	buf_reserve(b, n);
	memcpy(b->data + b->len, p, n);
	b->len += n;
	b->data[b->len] = '\0';
}

void buf_puts(struct buf *b, const char *s)
{
	buf_append(b, s, strlen(s));
}

void buf_putc(struct buf *b, char c)
{
	buf_append(b, &c, 1);
}

/* Formatted straight into the buffer's free space: a buffer written over
 * and over (an export's, flushed as it fills) would otherwise leave a copy
 * of every line in the arena until the request ends. */
void buf_printf(struct buf *b, const char *fmt, ...)
{
	va_list ap, copy;
	va_start(ap, fmt);
	va_copy(copy, ap);
	int n = vsnprintf(NULL, 0, fmt, copy);
	va_end(copy);
	if (n > 0) {
		buf_reserve(b, (size_t)n);
		vsnprintf(b->data + b->len, b->cap - b->len, fmt, ap);
		b->len += (size_t)n;
	}
	va_end(ap);
}

const char *buf_str(struct buf *b)
{
	buf_reserve(b, 0);
	b->data[b->len] = '\0';
	return b->data;
}
