/* spor-render: render a page template with values given on the command line.
 * The build uses it for nginx's static error pages; operators can use it to
 * preview a template.  Values are set as text (never parsed as HDF). */
#include "config.h"

#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "core/log.h"
#include "core/mem.h"
#include "core/tpl.h"

static void usage(FILE *f)
{
	fprintf(f, "usage: spor-render [-t TEMPLATES] [-l LANG] [-s NAME=VALUE]... [-b] PAGE\n"
		   "Render PAGE (e.g. error.cs) inside layout.cs, or alone with -b, to standard output.\n");
}

int main(int argc, char **argv)
{
	log_init("spor-render");
	const char *dir = SPOR_DATADIR "/templates", *lang = "en";
	bool layout = true;
	enum { SETS_MAX = 32 };
	const char *sets[SETS_MAX];
	int nsets = 0, c;
	while ((c = getopt(argc, argv, "t:l:s:bh")) != -1) {
		switch (c) {
		case 't':
			dir = optarg;
			break;
		case 'l':
			lang = optarg;
			break;
		case 's':
			if (nsets == SETS_MAX || !strchr(optarg, '=')) {
				usage(stderr);
				return 2;
			}
			sets[nsets++] = optarg;
			break;
		case 'b':
			layout = false;
			break;
		case 'h':
			usage(stdout);
			return 0;
		default:
			usage(stderr);
			return 2;
		}
	}
	if (optind != argc - 1) {
		usage(stderr);
		return 2;
	}
	struct tpl *t = tpl_open(dir, false);
	if (!t)
		return 1;
	if (!tpl_set_lang(t, lang)) {
		fprintf(stderr, "spor-render: no language %s\n", lang);
		tpl_close(t);
		return 1;
	}
	HDF *hdf = tpl_hdf(t);
	hdf_set_value(hdf, "Req.lang", lang);
	for (int i = 0; i < nsets; i++) {
		char name[256];
		const char *eq = strchr(sets[i], '=');
		snprintf(name, sizeof name, "%.*s", (int)(eq - sets[i]), sets[i]);
		hdf_set_value(hdf, name, eq + 1);
	}
	struct arena *a = arena_new();
	struct buf out;
	buf_init(&out, a);
	int rc = tpl_render(t, argv[optind], layout, &out);
	if (rc == 0)
		fwrite(out.data, 1, out.len, stdout);
	arena_free(a);
	tpl_close(t);
	return rc == 0 ? 0 : 1;
}
