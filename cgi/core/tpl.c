/* ClearSilver rendering with html escaping by default. */
#include "config.h"

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/log.h"
#include "core/mem.h"
#include "core/tpl.h"

enum { CACHE_MAX = 64, LANGS_MAX = 16 };

struct cached {
	char *key; /* page plus layout flag */
	CSPARSE *parse;
};

struct tpl {
	HDF *hdf;
	bool cache;
	CSPARSE *library; /* the macro files, parsed once; pages borrow them */
	struct cached pages[CACHE_MAX];
	size_t npages;
	char langs[LANGS_MAX][8];
	size_t nlangs;
};

/* The macro files every HTML template may call, parsed once per worker into
 * one library whose macros each page's parse borrows (ClearSilver's parse
 * is about fifteen times its text, so a copy in every cached page was most
 * of a worker's templates).  In this order: a macro can call only those
 * defined before it. */
static const char *const library_files[] = {"macros.cs", "listing_macros.cs", "history_macros.cs", "cr_macros.cs",
					    NULL};

/* Roots of the tree that live as long as the worker: ClearSilver's own,
 * the interface strings, and Need (the roles each act needs, core/may.h). */
static const char *const persistent[] = {"hdf", "Config", "L", "Lang", "Need", NULL};

static void log_neoerr(const char *what, NEOERR *err)
{
	STRING s;
	string_init(&s);
	nerr_error_string(err, &s);
	log_error("%s: %s", what, s.buf ? s.buf : "unknown error");
	string_clear(&s);
	nerr_ignore(&err);
}

static bool lang_code_ok(const char *s, size_t n)
{
	if (n < 2 || n > 3)
		return false;
	for (size_t i = 0; i < n; i++)
		if (s[i] < 'a' || s[i] > 'z')
			return false;
	return true;
}

static int by_code(const void *a, const void *b)
{
	return strcmp(a, b);
}

static int load_lang(struct tpl *t, const char *dir, const char *code)
{
	char node[32], path[4096];
	snprintf(node, sizeof node, "L.%s", code);
	HDF *h;
	NEOERR *err = hdf_get_node(t->hdf, node, &h);
	if (!err && strcmp(code, "en") != 0) {
		snprintf(path, sizeof path, "%s/lang/en.hdf", dir);
		err = hdf_read_file(h, path);
	}
	if (!err) {
		snprintf(path, sizeof path, "%s/lang/%s.hdf", dir, code);
		err = hdf_read_file(h, path);
	}
	if (err) {
		log_neoerr(path, err);
		return -1;
	}
	snprintf(t->langs[t->nlangs++], sizeof t->langs[0], "%s", code);
	return 0;
}

struct tpl *tpl_open(const char *dir, bool cache)
{
	struct tpl *t = xcalloc(1, sizeof *t);
	t->cache = cache;
	NEOERR *err = hdf_init(&t->hdf);
	if (!err)
		err = hdf_set_value(t->hdf, "hdf.loadpaths.0", dir);
	/* Escape every var: as HTML unless a template says otherwise. */
	if (!err)
		err = hdf_set_value(t->hdf, "Config.VarEscapeMode", "html");
	if (err) {
		log_neoerr("template set-up", err);
		tpl_close(t);
		return NULL;
	}
	char langdir[4096];
	snprintf(langdir, sizeof langdir, "%s/lang", dir);
	DIR *d = opendir(langdir);
	if (!d) {
		log_error("%s: cannot open", langdir);
		tpl_close(t);
		return NULL;
	}
	int rc = load_lang(t, dir, "en");
	struct dirent *e;
	while (rc == 0 && (e = readdir(d))) {
		size_t n = strlen(e->d_name);
		if (n < 5 || strcmp(e->d_name + n - 4, ".hdf") != 0 || !lang_code_ok(e->d_name, n - 4))
			continue;
		char code[8];
		snprintf(code, sizeof code, "%.*s", (int)(n - 4), e->d_name);
		if (strcmp(code, "en") != 0 && t->nlangs < LANGS_MAX)
			rc = load_lang(t, dir, code);
	}
	closedir(d);
	qsort(t->langs, t->nlangs, sizeof t->langs[0], by_code);
	if (rc < 0 || !tpl_set_lang(t, "en")) {
		tpl_close(t);
		return NULL;
	}
	return t;
}

/* A parse with the portal's string functions; `text` escapes nothing
 * (plain-text mail), else every var: is HTML-escaped. */
static NEOERR *new_parse(struct tpl *t, bool text, CSPARSE **cs)
{
	*cs = NULL;
	NEOERR *err = text ? hdf_set_value(t->hdf, "Config.VarEscapeMode", "none") : STATUS_OK;
	if (!err)
		err = cs_init(cs, t->hdf);
	if (text) {
		NEOERR *back = hdf_set_value(t->hdf, "Config.VarEscapeMode", "html");
		if (!err)
			err = back;
		else
			nerr_ignore(&back);
	}
	if (!err)
		err = cgi_register_strfuncs(*cs);
	return err;
}

const char *tpl_library_file(size_t i)
{
	return i < sizeof library_files / sizeof library_files[0] ? library_files[i] : NULL;
}

static CSPARSE *library(struct tpl *t)
{
	if (t->library)
		return t->library;
	NEOERR *err = new_parse(t, false, &t->library);
	const char *const *f = library_files;
	for (; !err && *f; f++)
		err = cs_parse_file(t->library, *f);
	if (err) {
		log_neoerr(*f ? *f : "macros", err);
		cs_destroy(&t->library);
	}
	return t->library;
}

/* A page's parse gives the library's macros back before it is destroyed:
 * its own macros come first in the list, the library's follow. */
static void page_destroy(struct tpl *t, CSPARSE **cs)
{
	if (!*cs)
		return;
	CS_MACRO **m = &(*cs)->macros;
	while (*m && (!t->library || *m != t->library->macros))
		m = &(*m)->next;
	*m = NULL;
	cs_destroy(cs);
}

static void drop_cache(struct tpl *t)
{
	for (size_t i = 0; i < t->npages; i++) {
		page_destroy(t, &t->pages[i].parse);
		free(t->pages[i].key);
	}
	t->npages = 0;
	cs_destroy(&t->library);
}

void tpl_close(struct tpl *t)
{
	if (!t)
		return;
	drop_cache(t);
	hdf_destroy(&t->hdf);
	free(t);
}

HDF *tpl_hdf(struct tpl *t)
{
	return t->hdf;
}

bool tpl_has_lang(const struct tpl *t, const char *code)
{
	for (size_t i = 0; i < t->nlangs; i++)
		if (strcmp(t->langs[i], code) == 0)
			return true;
	return false;
}

const char *tpl_lang(const struct tpl *t, size_t i)
{
	return i < t->nlangs ? t->langs[i] : NULL;
}

bool tpl_set_lang(struct tpl *t, const char *code)
{
	if (!tpl_has_lang(t, code))
		return false;
	char node[32];
	snprintf(node, sizeof node, "L.%s", code);
	NEOERR *err = hdf_set_symlink(t->hdf, "Lang", node);
	if (err) {
		log_neoerr("language", err);
		return false;
	}
	return true;
}

static NEOERR *to_buf(void *ctx, char *s)
{
	buf_puts(ctx, s);
	return STATUS_OK;
}

/* Parse `page` (in the layout, or alone); HTML pages start with the
 * library's macros, plain text (mail) with none. */
static CSPARSE *parse_page(struct tpl *t, const char *page, bool layout, bool text)
{
	CSPARSE *cs = NULL, *lib = text ? NULL : library(t);
	NEOERR *err = !text && !lib ? nerr_raise(NERR_PARSE, "the macros did not parse")
				    : hdf_set_value(t->hdf, "Page.template", page);
	if (!err)
		err = new_parse(t, text, &cs);
	if (!err && lib)
		cs->macros = lib->macros;
	if (!err)
		err = cs_parse_file(cs, layout ? "layout.cs" : page);
	if (err) {
		log_neoerr(page, err);
		page_destroy(t, &cs);
		return NULL;
	}
	return cs;
}

static int render(struct tpl *t, const char *page, bool layout, bool text, struct buf *out)
{
	char key[256];
	snprintf(key, sizeof key, "%c%s", text ? 'T' : layout ? 'L' : '-', page);
	CSPARSE *cs = NULL;
	for (size_t i = 0; t->cache && i < t->npages; i++)
		if (strcmp(t->pages[i].key, key) == 0)
			cs = t->pages[i].parse;
	bool fresh = !cs;
	if (fresh && !(cs = parse_page(t, page, layout, text)))
		return -1;
	NEOERR *err = cs_render(cs, out, to_buf);
	if (fresh) {
		if (t->cache && t->npages < CACHE_MAX)
			t->pages[t->npages++] = (struct cached){xstrdup(key), cs};
		else
			page_destroy(t, &cs);
	}
	/* Without the cache the macro files are read again for each page. */
	if (!t->cache)
		cs_destroy(&t->library);
	if (err) {
		log_neoerr(page, err);
		return -1;
	}
	return 0;
}

int tpl_render(struct tpl *t, const char *page, bool layout, struct buf *out)
{
	return render(t, page, layout, false, out);
}

int tpl_render_text(struct tpl *t, const char *page, struct buf *out)
{
	return render(t, page, false, true, out);
}

void tpl_reset(struct tpl *t)
{
	/* Collect names first (removing while walking would skip siblings), in
	 * rounds until only the persistent roots are left. */
	enum { ROUND = 32 };
	size_t n;
	do {
		char *names[ROUND];
		n = 0;
		for (HDF *c = hdf_obj_child(t->hdf); c && n < ROUND; c = hdf_obj_next(c)) {
			const char *name = hdf_obj_name(c);
			bool keep = false;
			for (const char *const *p = persistent; *p && !keep; p++)
				keep = strcmp(*p, name) == 0;
			if (!keep)
				names[n++] = xstrdup(name);
		}
		for (size_t i = 0; i < n; i++) {
			hdf_remove_tree(t->hdf, names[i]);
			free(names[i]);
		}
	} while (n == ROUND);
}
