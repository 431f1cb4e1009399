/* The EMA list export reader on generated exports (tests/ema_export.c):
 * hundreds of files with the real files' quirks at random, from known
 * terms.  Every term comes back, each with every readable value; each value
 * written unreadable is reported, no row is rejected; reading the file
 * again onto what it gave changes nothing. */
#include "config.h"

#include <stdlib.h>

#include "../ema_export.h"
#include "../tap.h"

enum { FILES = 400, TERMS_MAX = 12 };

/* One generated file: whether every term and value came back. */
static bool check_file(unsigned long long seed, size_t nterms, char *why, size_t size)
{
	struct ema_export e;
	ema_export_make(&e, "900000000060", 900000060000ull, nterms, seed);
	bool good = ema_export_reads_back(&e, true, why, size);
	if (!good && getenv("SPOR_GENERATED_SHOW"))
		diag("seed %llu:\n%s", seed, e.csv);
	ema_export_free(&e);
	return good;
}

int main(void)
{
	const char *env = getenv("SPOR_GENERATED_FILES");
	int files = env ? atoi(env) : FILES, failed = 0;
	unsigned long long base = getenv("SPOR_GENERATED_SEED") ? strtoull(getenv("SPOR_GENERATED_SEED"), NULL, 10) : 1;
	for (int i = 0; i < files && failed < 3; i++) {
		char why[2048] = "";
		unsigned long long seed = base + (unsigned long long)i;
		if (!check_file(seed, 1 + seed % TERMS_MAX, why, sizeof why)) {
			failed++;
			ok(0, "generated export %llu: %s", seed, why);
		}
	}
	ok(failed == 0, "%d generated exports: every term, every readable value back, every unreadable one reported",
	   files);
	return done_testing();
}
