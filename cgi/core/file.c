/* Whole-file reading. */
#include "config.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>

#include "core/file.h"
#include "core/mem.h"

char *file_read(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	if (!f)
		return NULL;
	size_t cap = 65536, n = 0;
	char *data = xmalloc(cap);
	size_t got;
	while ((got = fread(data + n, 1, cap - n - 1, f)) > 0) {
		n += got;
		if (cap - n - 1 == 0)
			data = xrealloc(data, cap *= 2);
	}
	int failed = ferror(f);
	fclose(f);
	if (failed) {
		free(data);
		errno = EIO;
		return NULL;
	}
	data[n] = '\0';
	if (len)
		*len = n;
	return data;
}
