/* A minimal TAP producer for the C tests: ok/not ok lines, a plan at the
 * end, and a diagnostic on every failure.  Table-driven tests loop over an
 * array of cases and call ok() once per case. */
#ifndef SPOR_TAP_H
#define SPOR_TAP_H

#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int tap_count, tap_failed;

__attribute__((format(printf, 2, 3), unused)) static bool ok(bool cond, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	printf("%sok %d - ", cond ? "" : "not ", ++tap_count);
	vprintf(fmt, ap);
	printf("\n");
	va_end(ap);
	if (!cond)
		tap_failed++;
	fflush(stdout);
	return cond;
}

__attribute__((format(printf, 1, 2), unused)) static void diag(const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	printf("# ");
	vprintf(fmt, ap);
	printf("\n");
	va_end(ap);
}

__attribute__((unused)) static bool is_str(const char *got, const char *want, const char *name)
{
	bool same = (got == NULL && want == NULL) || (got && want && strcmp(got, want) == 0);
	if (!ok(same, "%s", name))
		diag("got \"%s\", want \"%s\"", got ? got : "(null)", want ? want : "(null)");
	return same;
}

__attribute__((unused)) static bool is_int(long long got, long long want, const char *name)
{
	if (!ok(got == want, "%s", name))
		diag("got %lld, want %lld", got, want);
	return got == want;
}

/* Skip the whole file (TAP "1..0 # SKIP"). */
__attribute__((noreturn, unused)) static void skip_all(const char *why)
{
	printf("1..0 # SKIP %s\n", why);
	exit(0);
}

__attribute__((unused)) static int done_testing(void)
{
	printf("1..%d\n", tap_count);
	return tap_failed ? 1 : 0;
}

#endif
