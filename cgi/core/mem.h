/* Memory: allocation wrappers that abort on exhaustion, and the per-request
 * arena from which everything a request needs is allocated and freed at once. */
#ifndef SPOR_MEM_H
#define SPOR_MEM_H

#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>

void *xmalloc(size_t n);
void *xcalloc(size_t n, size_t size);
void *xrealloc(void *p, size_t n);
char *xstrdup(const char *s);

/* A worker's memory: set malloc up for a long-lived process at its start,
 * and after each request give back to the system what the request freed
 * (true when something was given back). */
void mem_worker_start(void);
bool mem_give_back(void);
/* The request being served is a large one (a streamed export): everything
 * it leaves free is given back after it, not only a large surplus. */
void mem_large_request(void);
/* What the heap may keep free after the request that ends (mem_give_back
 * asks it once a request): 1 MiB, nothing after a large request. */
size_t mem_keep_free(void);

struct arena;

struct arena *arena_new(void);
void arena_free(struct arena *a);
/* Forget every allocation; keeps the first chunk for the next request. */
void arena_reset(struct arena *a);
void *arena_alloc(struct arena *a, size_t n);
void *arena_zalloc(struct arena *a, size_t n);
char *arena_strdup(struct arena *a, const char *s);
char *arena_strndup(struct arena *a, const char *s, size_t n);
char *arena_printf(struct arena *a, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
char *arena_vprintf(struct arena *a, const char *fmt, va_list ap) __attribute__((format(printf, 2, 0)));
/* Bytes handed out since the last reset (for tests and statistics). */
size_t arena_used(const struct arena *a);

/* A growable byte buffer whose storage comes from an arena. */
struct buf {
	struct arena *arena;
	char *data;
	size_t len, cap;
};

void buf_init(struct buf *b, struct arena *a);
void buf_append(struct buf *b, const void *p, size_t n);
void buf_puts(struct buf *b, const char *s);
void buf_putc(struct buf *b, char c);
void buf_printf(struct buf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* The contents as a NUL-terminated string (the buffer keeps it). */
const char *buf_str(struct buf *b);

#endif
