/* The EMA list export reader on generated exports (tests/ema_export.c):
 * hundreds of files with the real files' quirks at random, from known
 * terms.  Every term comes back, each with every readable value; each value
 * written unreadable is reported, no row is rejected; reading the file
 * again onto what it gave changes nothing. */
#include "config.h"

#include <stdlib.h>

#include "../ema_export.h"
#include "../tap.h"
#include "core/mem.h"
#include "rms/rms_csv.h"
#include "rms/rms_snapshot.h"

enum { FILES = 400, TERMS_MAX = 12 };

struct got {
	struct rms_term_in *recs;
	size_t n, cap;
	unsigned long rejects, drops;
	char first_reject[512], first_drop[512];
};

static int on_term(void *ctx, const struct rms_term_in *t)
{
	struct got *g = ctx;
	if (g->n == g->cap) {
		g->cap = g->cap ? 2 * g->cap : 64;
		g->recs = xrealloc(g->recs, g->cap * sizeof *g->recs);
	}
	g->recs[g->n++] = *t;
	return 0;
}

static void on_reject(void *ctx, unsigned long line, const char *why)
{
	struct got *g = ctx;
	if (!g->rejects++)
		snprintf(g->first_reject, sizeof g->first_reject, "line %lu: %s", line, why);
}

static void on_drop(void *ctx, unsigned long line, const char *column, const char *why)
{
	struct got *g = ctx;
	if (!g->drops++)
		snprintf(g->first_drop, sizeof g->first_drop, "line %lu, %s: %s", line, column, why);
}

/* One generated file: whether every term and value came back. */
static bool check_file(unsigned long long seed, size_t nterms, char *why, size_t size)
{
	struct ema_export e;
	ema_export_make(&e, "900000000060", 900000060000ull, nterms, seed);
	struct arena *a = arena_new();
	struct got g = {0};
	struct rms_sink sink = {.ctx = &g, .term = on_term, .reject = on_reject, .drop = on_drop};
	struct rms_csv_stats st;
	char err[512];
	bool good = rms_csv_read(a, e.csv, e.len, &sink, &st, err, sizeof err) == 0;
	if (!good)
		snprintf(why, size, "not read: %s", err);
	else if (g.rejects || g.n != e.rows)
		snprintf(why, size, "%zu of %zu rows read, %lu rejected (%s)", g.n, e.rows, g.rejects, g.first_reject);
	else if (g.drops != e.unreadable)
		snprintf(why, size, "%lu values reported unreadable, %zu written so (%s)", g.drops, e.unreadable,
			 g.first_drop);
	good = good && !g.rejects && g.n == e.rows && g.drops == e.unreadable;
	size_t terms = 0;
	const char *key;
	json_t *want;
	json_object_foreach(e.expected, key, want)
	{
		if (!good)
			break;
		const struct rms_term_in *recs[8];
		size_t n = 0;
		for (size_t i = 0; i < g.n && n < 8; i++)
			if (strcmp(g.recs[i].id, key) == 0)
				recs[n++] = &g.recs[i];
		terms += n > 0;
		if (!n) {
			snprintf(why, size, "term %s lost", key);
			good = false;
			break;
		}
		json_t *snap = rms_snapshot_merge(NULL, recs, n), *again = rms_snapshot_merge(snap, recs, n);
		char what[1200];
		if (!ema_export_same(want, snap, what, sizeof what)) {
			snprintf(why, size, "term %s: %s", key, what);
			good = false;
		} else if (!json_equal(snap, again)) {
			snprintf(why, size, "term %s changes when read again", key);
			good = false;
		}
		json_decref(snap);
		json_decref(again);
	}
	if (good && terms != nterms) {
		snprintf(why, size, "%zu terms of %zu", terms, nterms);
		good = false;
	}
	if (!good && getenv("SPOR_GENERATED_SHOW"))
		diag("seed %llu:\n%s", seed, e.csv);
	free(g.recs);
	arena_free(a);
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
