/* Template golden tests: render pages with known data through the real
 * templates and compare with tests/fixtures/tpl/<name>.gold.  Run with
 * SPOR_GOLDEN_UPDATE=1 to write the .gold files after a deliberate change
 * (then review the diff). */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>

#include "../tap.h"
#include "core/file.h"
#include "core/mem.h"
#include "core/tpl.h"

struct golden {
	const char *name, *page;
	const char *values[8]; /* "Name=value" */
};

static const struct golden goldens[] = {
	{"error-404", "error.cs", {"Error.code=404", "Req.lang=en"}},
	{"error-400-param", "error.cs",
	 {"Error.code=400", "Error.param=<script>alert(\"x\")</script>", "Error.reason=utf8", "Req.lang=en"}},
};

static char *render(struct tpl *t, struct arena *a, const struct golden *g)
{
	HDF *hdf = tpl_hdf(t);
	for (int i = 0; i < 8 && g->values[i]; i++) {
		const char *eq = strchr(g->values[i], '=');
		char name[64];
		snprintf(name, sizeof name, "%.*s", (int)(eq - g->values[i]), g->values[i]);
		hdf_set_value(hdf, name, eq + 1);
	}
	struct buf out;
	buf_init(&out, a);
	int rc = tpl_render(t, g->page, true, &out);
	tpl_reset(t);
	return rc == 0 ? (char *)buf_str(&out) : NULL;
}

static void compare(const char *srcdir, const struct golden *g, const char *got)
{
	char path[4096];
	snprintf(path, sizeof path, "%s/tests/fixtures/tpl/%s.gold", srcdir, g->name);
	if (getenv("SPOR_GOLDEN_UPDATE")) {
		FILE *f = fopen(path, "w");
		fputs(got, f);
		fclose(f);
	}
	char *want = file_read(path, NULL);
	bool same = want && strcmp(want, got) == 0;
	if (!ok(same, "%s renders as %s.gold", g->page, g->name)) {
		if (!want) {
			diag("missing %s", path);
		} else {
			size_t line = 1, i = 0;
			while (want[i] && want[i] == got[i])
				line += want[i++] == '\n';
			diag("first difference on line %zu", line);
		}
	}
	free(want);
}

int main(void)
{
	const char *srcdir = getenv("top_srcdir");
	if (!srcdir)
		srcdir = ".";
	char dir[4096];
	snprintf(dir, sizeof dir, "%s/templates", srcdir);
	struct tpl *t = tpl_open(dir, true);
	if (!ok(t != NULL, "templates open"))
		return done_testing();
	struct arena *a = arena_new();
	for (size_t i = 0; i < sizeof goldens / sizeof goldens[0]; i++) {
		char *got = render(t, a, &goldens[i]);
		if (!ok(got != NULL, "%s renders", goldens[i].name))
			continue;
		compare(srcdir, &goldens[i], got);
	}

	/* The escaping that protects every page. */
	char *bad = render(t, a, &goldens[1]);
	ok(bad && !strstr(bad, "<script>alert") && strstr(bad, "&lt;script&gt;alert(&quot;x&quot;)"),
	   "data is HTML-escaped by default");

	/* A cached page renders the same again, and never shows data of the
	 * request before it. */
	char *first = render(t, a, &goldens[1]);
	char *second = render(t, a, &goldens[0]);
	char *third = render(t, a, &goldens[1]);
	ok(first && third && strcmp(first, third) == 0, "a cached page renders the same twice");
	ok(second && !strstr(second, "alert"), "a request's data does not leak into the next");

	ok(!tpl_set_lang(t, "zz"), "an unknown language is refused");
	ok(tpl_has_lang(t, "en"), "English is always there");
	struct buf out;
	buf_init(&out, a);
	ok(tpl_render(t, "no-such-page.cs", true, &out) < 0, "a missing template is an error, not a crash");
	tpl_close(t);
	arena_free(a);
	return done_testing();
}
