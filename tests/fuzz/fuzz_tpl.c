/* libFuzzer target: the template layer (tpl.c over ClearSilver) with
 * hostile request data.  The input's first byte picks a real page, its
 * lines are the values of the request's HDF names (some of them are used
 * as keys into the interface strings, e.g. Lang.error[Error.code]).  An
 * HTML page must escape every value: the markers "<fz", "fz\"fz" and
 * "fz'fz" (in the dictionary) never come out as they went in; a quote
 * between two "fz" can only come from inside one value.  Mail text is not
 * escaped; it only has to render.  Between inputs tpl_reset must leave no
 * request data behind. */
#include "config.h"

#include "fuzz.h"
#include "core/mem.h"
#include "core/tpl.h"

#ifndef SPOR_FUZZ_TEMPLATES
#define SPOR_FUZZ_TEMPLATES "templates"
#endif

static struct tpl *t;

static const char *const names[] = {"Req.lang", "Req.path", "Error.code", "Error.reason", "Error.param",
				    "Page.q", "Page.list", "Page.lists.0.id", "Page.lists.0.name", "Page.status",
				    "Mail.name", "Mail.site", "Mail.token", NULL};

static const struct {
	const char *page;
	bool layout, text;
} pages[] = {{"error.cs", true, false}, {"rms/search.cs", true, false}, {"mail/verify.cs", false, true}};

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	const char *dir = getenv("SPOR_FUZZ_TEMPLATES");
	t = tpl_open(dir ? dir : SPOR_FUZZ_TEMPLATES, true);
	if (!t) {
		fprintf(stderr, "cannot open the templates in %s\n", dir ? dir : SPOR_FUZZ_TEMPLATES);
		exit(1);
	}
	return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (size < 1)
		return 0;
	size_t which = data[0] % (sizeof pages / sizeof pages[0]);
	char *s = fuzz_strdup(data + 1, size - 1);
	HDF *hdf = tpl_hdf(t);
	char *line = s;
	for (size_t i = 0; names[i] && line; i++) {
		char *nl = strchr(line, '\n');
		if (nl)
			*nl = '\0';
		if (i == 0)
			tpl_set_lang(t, line); /* refused unless a known language */
		NEOERR *err = hdf_set_value(hdf, names[i], line);
		fuzz_assert(!err, "hdf_set_value %s refused a value", names[i]);
		line = nl ? nl + 1 : NULL;
	}
	struct arena *a = arena_new();
	struct buf out;
	buf_init(&out, a);
	int rc = pages[which].text ? tpl_render_text(t, pages[which].page, &out)
				   : tpl_render(t, pages[which].page, pages[which].layout, &out);
	fuzz_assert(rc == 0, "%s does not render", pages[which].page);
	const char *html = buf_str(&out);
	if (!pages[which].text)
		fuzz_assert(!strstr(html, "<fz") && !strstr(html, "fz\"fz") && !strstr(html, "fz'fz"),
			    "%s lets a value through unescaped", pages[which].page);
	tpl_reset(t);
	tpl_set_lang(t, "en");
	for (size_t i = 0; names[i]; i++)
		fuzz_assert(!hdf_get_value(hdf, names[i], NULL), "%s survives tpl_reset", names[i]);
	arena_free(a);
	free(s);
	return 0;
}
