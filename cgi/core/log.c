/* Logging: timestamped lines on standard error. */
#include "config.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "core/log.h"

static const char *log_program = "spor";

void log_init(const char *program)
{
	log_program = program;
}

static size_t stamp(char *out, size_t size, const char *level)
{
	struct timespec ts;
	struct tm tm;
	clock_gettime(CLOCK_REALTIME, &ts);
	gmtime_r(&ts.tv_sec, &tm);
	char date[32];
	strftime(date, sizeof date, "%Y-%m-%dT%H:%M:%S", &tm);
	int n = snprintf(out, size, "%s.%03ldZ %s[%ld] %s", date, ts.tv_nsec / 1000000, log_program, (long)getpid(),
			 level);
	return n < 0 ? 0 : (size_t)n < size ? (size_t)n : size - 1;
}

static void emit(char *line, size_t len, size_t size)
{
	if (len >= size - 1)
		len = size - 2;
	line[len++] = '\n';
	ssize_t w = write(STDERR_FILENO, line, len);
	(void)w;
}

static void vlog(const char *level, const char *fmt, va_list ap)
{
	char line[2048];
	size_t n = stamp(line, sizeof line, level);
	int m = vsnprintf(line + n, sizeof line - n, fmt, ap);
	if (m > 0)
		n += (size_t)m < sizeof line - n ? (size_t)m : sizeof line - n - 1;
	/* Log lines must stay lines: neutralise control characters. */
	for (size_t i = 0; i < n; i++)
		if ((unsigned char)line[i] < 0x20)
			line[i] = ' ';
	emit(line, n, sizeof line);
}

void log_error(const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vlog(" error: ", fmt, ap);
	va_end(ap);
}

void log_info(const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vlog(" ", fmt, ap);
	va_end(ap);
}

void log_access(const char *method, const char *path, int status, size_t bytes, long usec)
{
	log_info("%s %.512s %d %zu %ldus", method, path, status, bytes, usec);
}
