/* Template golden tests: render pages with known data through the real
 * templates and compare with tests/fixtures/tpl/<name>.gold.  Run with
 * SPOR_GOLDEN_UPDATE=1 to write the .gold files after a deliberate change
 * (then review the diff). */
#include "config.h"

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

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

enum { REL_MAX = 512 };

/* The templates under `dir` (relative paths below `top`), whole pages and
 * the parts other templates include alike, into names[]. */
static size_t list_templates(const char *top, const char *dir, char names[][REL_MAX], size_t n, size_t max)
{
	char path[4096];
	snprintf(path, sizeof path, "%s/%s", top, dir);
	DIR *d = opendir(path);
	for (struct dirent *e; d && (e = readdir(d));) {
		char rel[REL_MAX];
		size_t len = strlen(e->d_name);
		if (e->d_name[0] == '.' || snprintf(rel, sizeof rel, "%s%s%s", dir, *dir ? "/" : "", e->d_name) >= REL_MAX ||
		    strcmp(rel, "lang") == 0 || strcmp(rel, "mail") == 0)
			continue;
		if (e->d_type == DT_DIR)
			n = list_templates(top, rel, names, n, max);
		else if (len > 3 && strcmp(e->d_name + len - 3, ".cs") == 0 && n < max)
			memcpy(names[n++], rel, sizeof rel);
	}
	if (d)
		closedir(d);
	return n;
}

/* Whether `page` renders, in the layout or alone, with no data. */
static bool parses(struct tpl *t, struct arena *a, const char *page, bool layout)
{
	struct buf out;
	buf_init(&out, a);
	bool rendered = tpl_render(t, page, layout, &out) == 0;
	tpl_reset(t);
	return rendered;
}

static bool in_library(const char *name)
{
	for (size_t i = 0; tpl_library_file(i); i++)
		if (strcmp(tpl_library_file(i), name) == 0)
			return true;
	return false;
}

/* Every template that no other includes parses, in the layout (a page) or
 * alone (a part kept apart, a feed), with the macro files every template
 * may call (tpl_library_file: parsed once apart, they are not pages); and
 * every macro file is one of those. */
static void test_every_template_parses(struct tpl *t, struct arena *a, const char *dir)
{
	enum { MAX = 256 };
	static char names[MAX][REL_MAX];
	size_t n = list_templates(dir, "", names, 0, MAX);
	char *texts[MAX];
	for (size_t i = 0; i < n; i++) {
		char path[4096];
		texts[i] = snprintf(path, sizeof path, "%s/%s", dir, names[i]) < (int)sizeof path ? file_read(path, NULL) : NULL;
	}
	size_t pages = 0, bad = 0, outside = 0;
	for (size_t i = 0; i < n; i++) {
		char quoted[REL_MAX + 16];
		if (snprintf(quoted, sizeof quoted, "include:\"%s\"", names[i]) >= (int)sizeof quoted)
			continue;
		size_t len = strlen(names[i]);
		if (len >= 9 && strcmp(names[i] + len - 9, "macros.cs") == 0 && !in_library(names[i])) {
			outside++;
			diag("%s is not one of the macro files the templates module parses", names[i]);
		}
		bool part = strcmp(names[i], "layout.cs") == 0 || in_library(names[i]);
		for (size_t j = 0; j < n && !part; j++)
			part = texts[j] && strstr(texts[j], quoted);
		if (part)
			continue;
		pages++;
		if (!parses(t, a, names[i], true) && !parses(t, a, names[i], false)) {
			bad++;
			diag("%s does not parse", names[i]);
		}
	}
	ok(pages > 40 && bad == 0, "every one of %zu templates parses (%zu do not)", pages, bad);
	ok(outside == 0, "every macro file is one the templates module parses (%zu is not)", outside);
	for (size_t i = 0; i < n; i++)
		free(texts[i]);
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

	/* Without the cache a page and the macro files are parsed for each
	 * render and freed after it (the page's parse gives the macros back). */
	struct tpl *uncached = tpl_open(dir, false);
	char *again = uncached ? render(uncached, a, &goldens[1]) : NULL;
	char *twice = uncached ? render(uncached, a, &goldens[1]) : NULL;
	ok(again && twice && first && strcmp(again, first) == 0 && strcmp(twice, first) == 0,
	   "without the cache a page renders as with it, every time");
	tpl_close(uncached);

	ok(!tpl_set_lang(t, "zz"), "an unknown language is refused");
	ok(tpl_has_lang(t, "en"), "English is always there");
	struct buf out;
	buf_init(&out, a);
	ok(tpl_render(t, "no-such-page.cs", true, &out) < 0, "a missing template is an error, not a crash");
	test_every_template_parses(t, a, dir);
	tpl_close(t);
	arena_free(a);
	return done_testing();
}
