/* Streamed exports. */
#include "config.h"

#include <string.h>

#include "core/csv_read.h"
#include "core/db.h"
#include "core/export.h"
#include "core/http.h"

enum { FLUSH_AT = 64 * 1024 };

void export_init(struct export_out *o, struct req *r)
{
	*o = (struct export_out){.r = r, .scratch = arena_new()};
	buf_init(&o->buf, r->arena);
}

void export_init_sink(struct export_out *o, struct req *r, void (*sink)(void *ctx, const char *data, size_t len),
		      void *ctx)
{
	export_init(o, r);
	o->sink = sink;
	o->sink_ctx = ctx;
}

void export_start(struct export_out *o, struct req *r, const char *content_type, const char *filename)
{
	export_init(o, r);
	r->cache_control = "no-store"; /* large: never kept by nginx's cache */
	http_stream_begin(r, content_type, filename);
}

void export_flush(struct export_out *o, bool force)
{
	if (o->buf.len >= FLUSH_AT || (force && o->buf.len)) {
		if (o->sink)
			o->sink(o->sink_ctx, o->buf.data, o->buf.len);
		else
			http_stream_write(o->r, o->buf.data, o->buf.len);
		o->buf.len = 0;
	}
}

void export_end(struct export_out *o)
{
	export_flush(o, true);
	arena_free(o->scratch);
	o->scratch = NULL;
}

void export_csv_field(struct buf *b, const char *s, bool first)
{
	if (!first)
		buf_putc(b, ',');
	if (!s || !*s)
		return;
	bool quote = strpbrk(s, ",\"\r\n") != NULL || strspn(s, "0123456789") != strlen(s);
	if (!quote) {
		buf_puts(b, s);
		return;
	}
	buf_putc(b, '"');
	if (csv_needs_guard(s))
		buf_putc(b, '\''); /* text to a spreadsheet, not a formula (csv_read.h) */
	for (const char *p = s;;) { /* runs up to each quote, the quote doubled */
		const char *q = strchr(p, '"');
		size_t n = q ? (size_t)(q - p) + 1 : strlen(p);
		buf_append(b, p, n);
		if (!q)
			break;
		buf_putc(b, '"');
		p = q + 1;
	}
	buf_putc(b, '"');
}

const char *export_joined(struct arena *a, const json_t *items, const char *key)
{
	struct buf b;
	buf_init(&b, a);
	size_t i;
	json_t *v;
	bool any = false;
	json_array_foreach(items, i, v)
	{
		const char *s = json_string_value(key ? json_object_get(v, key) : v);
		buf_puts(&b, i ? CSV_MULTI_SEP : "");
		buf_puts(&b, s ? s : "");
		any |= s != NULL;
	}
	return any ? buf_str(&b) : NULL;
}

int export_record(void *ctx, const char *const *cells, size_t ncols)
{
	(void)ncols;
	struct export_out *o = ctx;
	json_t *doc = json_loads(cells[DB_VALUE] ? cells[DB_VALUE] : "", 0, NULL);
	if (!doc)
		return -1;
	arena_reset(o->scratch);
	o->record(o, doc);
	json_decref(doc);
	export_flush(o, false);
	return 0;
}

int export_json_row(void *ctx, const char *const *cells, size_t ncols)
{
	(void)ncols;
	struct export_out *o = ctx;
	if (o->rows++)
		buf_putc(&o->buf, ',');
	buf_puts(&o->buf, "\n");
	buf_puts(&o->buf, cells[DB_VALUE] ? cells[DB_VALUE] : "null");
	export_flush(o, false);
	return 0;
}
