/* Shared by the libFuzzer targets (script/fuzz builds them with clang,
 * -fsanitize=fuzzer,address,undefined).  A broken invariant aborts with a
 * message, which libFuzzer reports as a crash and keeps the input for. */
#ifndef SPOR_FUZZ_H
#define SPOR_FUZZ_H

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define fuzz_assert(cond, ...)                                                          \
	do {                                                                            \
		if (!(cond)) {                                                          \
			fprintf(stderr, "%s:%d: invariant broken: ", __FILE__, __LINE__); \
			fprintf(stderr, __VA_ARGS__);                                   \
			fputc('\n', stderr);                                            \
			abort();                                                        \
		}                                                                       \
	} while (0)

/* The input as a NUL-terminated string in a block of exactly its size, so
 * that AddressSanitizer sees a read one byte past the end.  Bytes after an
 * embedded NUL are what a C string would drop. */
static inline char *fuzz_strdup(const uint8_t *data, size_t size)
{
	char *s = malloc(size + 1);
	if (!s)
		abort();
	memcpy(s, data, size);
	s[size] = '\0';
	return s;
}

/* The bytes alone, not NUL-terminated: parsers that take a length must
 * not look past it. */
static inline char *fuzz_copy(const uint8_t *data, size_t size)
{
	char *s = malloc(size ? size : 1);
	if (!s)
		abort();
	memcpy(s, data, size);
	return s;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#endif
