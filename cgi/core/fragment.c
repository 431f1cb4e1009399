/* The worker's kept fragments of pages (fragment.h). */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "core/fragment.h"
#include "core/log.h"
#include "core/mem.h"
#include "core/page.h"
#include "core/program.h"
#include "core/session.h"
#include "core/token.h"
#include "core/tpl.h"

/* A worker keeps at most this many fragments and this many bytes of them
 * (a list's table is 10 to 40 KB: 512 KiB keeps 12 to 50 of them, the
 * first pages visitors open most, and leaves the worker under 16 MiB
 * resident at a million terms with the deep pages' anchors of every list
 * and a spreadsheet's library mapped; docs/performance.md).  A new fragment takes the
 * place of the oldest (a ring): a page in demand is rendered again at most
 * once a round of the ring. */
enum { FRAGMENTS_MAX = 128, FRAGMENT_BYTES_MAX = 512 << 10 };

struct fragment {
	char *key;
	unsigned long hash;
	long long gen;
	char *html;
	size_t len;
	char *kept; /* name NUL value NUL ..., nkept pairs */
	size_t kept_len, nkept;
};

static struct fragment kept_fragments[FRAGMENTS_MAX];
static size_t next_slot, kept_bytes;

static unsigned long hash_of(const char *s)
{
	unsigned long h = 1469598103934665603UL; /* FNV-1a */
	for (; *s; s++)
		h = (h ^ (unsigned char)*s) * 1099511628211UL;
	return h;
}

static void forget(struct fragment *f)
{
	kept_bytes -= f->len + f->kept_len;
	free(f->key);
	free(f->html);
	free(f->kept);
	*f = (struct fragment){0};
}

void fragment_clear(void)
{
	for (size_t i = 0; i < FRAGMENTS_MAX; i++)
		if (kept_fragments[i].key)
			forget(&kept_fragments[i]);
	next_slot = 0;
}

static struct fragment *find(const char *key)
{
	unsigned long h = hash_of(key);
	for (size_t i = 0; i < FRAGMENTS_MAX; i++)
		if (kept_fragments[i].key && kept_fragments[i].hash == h && strcmp(kept_fragments[i].key, key) == 0)
			return &kept_fragments[i];
	return NULL;
}

/* What a page puts in its output in place of a marker (fragment_splice). */
struct fragment_out {
	const char *marker, *html;
	size_t len;
	struct fragment_out *next;
};

/* The worker's markers: a random part nobody outside the worker knows, so
 * that no data shown on a page can stand for one. */
static char marker_secret[TOKEN_CHARS + 1];

/* Let `name` hold a marker that page_render replaces with `html` (a copy in
 * the request's arena: kept fragments may go before the page is sent). */
static void put_out(struct req *r, const char *name, const char *html, size_t len)
{
	if (!marker_secret[0] && !token_new(marker_secret))
		log_error("fragments: no random bytes for the markers");
	struct fragment_out *o = arena_alloc(r->arena, sizeof *o);
	size_t n = 0;
	for (const struct fragment_out *p = r->fragments; p; p = p->next)
		n++;
	char *copy = arena_alloc(r->arena, len + 1);
	memcpy(copy, html, len + 1);
	/* The number first: no marker is the beginning of another (the
	 * secret's length is fixed, "-1-" is no prefix of "-10-"). */
	*o = (struct fragment_out){arena_printf(r->arena, "spor-fragment-%zu-%s", n, marker_secret), copy, len,
				   r->fragments};
	r->fragments = o;
	page_set(r, name, o->marker); /* names: literals (the callers') */
}

int fragment_splice(struct req *r, struct buf *out)
{
	for (const struct fragment_out *o = r->fragments; o; o = o->next) {
		const char *at = out->len ? memmem(out->data, out->len, o->marker, strlen(o->marker)) : NULL;
		if (!at)
			continue;
		size_t before = (size_t)(at - out->data), after = out->len - before - strlen(o->marker);
		struct buf whole;
		buf_init(&whole, r->arena);
		buf_append(&whole, out->data, before);
		buf_append(&whole, o->html, o->len);
		buf_append(&whole, at + strlen(o->marker), after);
		*out = whole;
	}
	return 0;
}

const char *fragment_key(struct req *r, const char *what, const char *capture)
{
	const char *date_format = hdf_get_value(r->hdf, "User.date_format", "");
	return arena_printf(r->arena, "%s/%s?%s|%s|%s|%lld|%s", what, capture ? capture : "", r->query ? r->query : "",
			    r->lang ? r->lang : "", r->data_lang ? r->data_lang : "", r->user.page_size, date_format);
}

const char *fragment_key_chosen(struct req *r, const char *what, const char *chosen)
{
	return arena_printf(r->arena, "%s|%s|%s|%s", what, chosen, r->lang ? r->lang : "", r->data_lang ? r->data_lang : "");
}

bool fragment_use(struct req *r, const char *key, const char *name)
{
	struct fragment *f = find(key);
	long long gen = session_data_gen(r);
	if (!f || gen == 0 || f->gen != gen)
		return false;
	put_out(r, name, f->html, f->len);
	const char *p = f->kept;
	for (size_t i = 0; i < f->nkept; i++) {
		const char *value = p + strlen(p) + 1;
		page_set(r, p, value); /* names: literals (the callers' tables) */
		p = value + strlen(value) + 1;
	}
	return true;
}

/* The values named by `kept` as name NUL value NUL ..., in `b`. */
static size_t collect_kept(struct req *r, const char *const *kept, struct buf *b)
{
	size_t n = 0;
	for (; kept && *kept; kept++) {
		const char *value = hdf_get_value(r->hdf, *kept, NULL);
		if (!value)
			continue;
		buf_append(b, *kept, strlen(*kept) + 1);
		buf_append(b, value, strlen(value) + 1);
		n++;
	}
	return n;
}

int fragment_render(struct req *r, const char *key, const char *page, const char *name, const char *const *kept)
{
	struct buf html, values;
	buf_init(&html, r->arena);
	buf_init(&values, r->arena);
	if (tpl_render(r->app->tpl, page, false, &html) < 0)
		return -1;
	put_out(r, name, buf_str(&html), html.len);
	size_t nkept = collect_kept(r, kept, &values);
	long long gen = session_data_gen(r);
	if (gen == 0 || html.len + values.len > FRAGMENT_BYTES_MAX / 4)
		return 0;
	struct fragment *f = find(key);
	if (f)
		forget(f);
	/* The ring's next slot, and those after it until the new one fits. */
	for (;;) {
		if (kept_fragments[next_slot].key)
			forget(&kept_fragments[next_slot]);
		if (kept_bytes + html.len + values.len <= FRAGMENT_BYTES_MAX)
			break;
		next_slot = (next_slot + 1) % FRAGMENTS_MAX;
	}
	f = &kept_fragments[next_slot];
	next_slot = (next_slot + 1) % FRAGMENTS_MAX;
	*f = (struct fragment){.key = xstrdup(key), .hash = hash_of(key), .gen = gen, .len = html.len,
			       .nkept = nkept, .kept_len = values.len};
	f->html = xmalloc(html.len + 1);
	memcpy(f->html, buf_str(&html), html.len + 1);
	f->kept = xmalloc(values.len + 1);
	memcpy(f->kept, values.len ? values.data : "", values.len);
	kept_bytes += f->len + f->kept_len;
	return 0;
}
