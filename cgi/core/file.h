/* Whole-file reading for the command-line tools. */
#ifndef SPOR_FILE_H
#define SPOR_FILE_H

#include <stddef.h>

/* Read `path` into a new NUL-terminated buffer (free() it); NULL on error
 * with errno set. */
char *file_read(const char *path, size_t *len);

#endif
