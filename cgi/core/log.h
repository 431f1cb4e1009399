/* Logging to standard error, one line per event, written with one write(2)
 * so that lines from several workers never interleave. */
#ifndef SPOR_LOG_H
#define SPOR_LOG_H

#include <stddef.h>

void log_init(const char *program);
void log_error(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
void log_info(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* One access-log line: method, path, status, bytes, microseconds. */
void log_access(const char *method, const char *path, int status, size_t bytes, long usec);

#endif
