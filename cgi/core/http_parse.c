/* Parsing of query strings, urlencoded bodies and cookies, with caps. */
#include "config.h"

#include <string.h>
#include <strings.h>
#include <unistr.h>

#include "core/http_parse.h"
#include "core/mem.h"
#include "core/token.h"

void params_init(struct params *p)
{
	p->v = NULL;
	p->n = p->cap = 0;
}

void params_add(struct arena *a, struct params *p, const char *name, const char *value, size_t len)
{
	if (p->n == p->cap) {
		size_t cap = p->cap ? p->cap * 2 : 16;
		struct param *v = arena_alloc(a, cap * sizeof *v);
		if (p->n)
			memcpy(v, p->v, p->n * sizeof *v);
		p->v = v;
		p->cap = cap;
	}
	p->v[p->n++] = (struct param){name, value, len};
}

const struct param *params_get(const struct params *p, const char *name)
{
	for (size_t i = 0; i < p->n; i++)
		if (strcmp(p->v[i].name, name) == 0)
			return &p->v[i];
	return NULL;
}

const struct param *params_next(const struct params *p, const struct param *prev)
{
	for (const struct param *q = prev + 1; q < p->v + p->n; q++)
		if (strcmp(q->name, prev->name) == 0)
			return q;
	return NULL;
}

bool text_is_clean(const char *s, size_t len)
{
	if (memchr(s, '\0', len))
		return false;
	return u8_check((const uint8_t *)s, len) == NULL;
}

char *http_percent_decode(struct arena *a, const char *s, size_t len, bool plus_is_space, size_t *outlen)
{
	char *out = arena_alloc(a, len + 1);
	size_t o = 0;
	for (size_t i = 0; i < len; i++) {
		char c = s[i];
		if (c == '%') {
			int hi, lo;
			if (i + 2 >= len || (hi = token_hex_digit(s[i + 1])) < 0 || (lo = token_hex_digit(s[i + 2])) < 0)
				return NULL;
			out[o++] = (char)(hi * 16 + lo);
			i += 2;
		} else if (c == '+' && plus_is_space) {
			out[o++] = ' ';
		} else {
			out[o++] = c;
		}
	}
	out[o] = '\0';
	*outlen = o;
	return out;
}

static bool name_is_valid(const char *s, size_t len)
{
	if (len == 0 || len > PARAM_NAME_MAX)
		return false;
	for (size_t i = 0; i < len; i++) {
		char c = s[i];
		if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' ||
		      c == '-' || c == '.'))
			return false;
	}
	return true;
}

static enum parse_error fail(struct parse_result *res, enum parse_error e, const char *name)
{
	res->error = e;
	res->name = name;
	return e;
}

/* A field's name, and one field more than a body may hold. */
static enum parse_error check_name(struct parse_result *res, const char *name, size_t len, size_t *count)
{
	if (!name || !name_is_valid(name, len))
		return fail(res, PARSE_NAME, NULL);
	if (++*count > PARAMS_MAX)
		return fail(res, PARSE_TOO_MANY, name);
	return PARSE_OK;
}

/* A field's decoded value: its length, no NUL, valid UTF-8. */
static enum parse_error check_value(struct parse_result *res, const char *name, const char *value, size_t len)
{
	if (len > PARAM_VALUE_MAX)
		return fail(res, PARSE_TOO_LONG, name);
	if (memchr(value, '\0', len))
		return fail(res, PARSE_NUL, name);
	if (u8_check((const uint8_t *)value, len))
		return fail(res, PARSE_UTF8, name);
	return PARSE_OK;
}

enum parse_error params_add_checked(struct arena *a, struct params *p, const char *name, const char *value,
				    size_t len, size_t *count, struct parse_result *res)
{
	res->error = PARSE_OK;
	res->name = NULL;
	if (check_name(res, name, name ? strlen(name) : 0, count) != PARSE_OK ||
	    check_value(res, name, value, len) != PARSE_OK)
		return res->error;
	/* Copies: the pairs outlive the document they were read from. */
	params_add(a, p, arena_strdup(a, name), arena_strndup(a, value, len), len);
	return PARSE_OK;
}

enum parse_error http_parse_urlencoded(struct arena *a, const char *s, size_t len, struct params *out,
				       struct parse_result *res)
{
	size_t count = 0;
	res->error = PARSE_OK;
	res->name = NULL;
	if (memchr(s, '\0', len))
		return fail(res, PARSE_NUL, NULL);
	const char *end = s + len;
	while (s < end) {
		const char *amp = memchr(s, '&', (size_t)(end - s));
		const char *pair_end = amp ? amp : end;
		if (pair_end > s) {
			const char *eq = memchr(s, '=', (size_t)(pair_end - s));
			const char *name_end = eq ? eq : pair_end;
			size_t nlen = 0;
			char *name = http_percent_decode(a, s, (size_t)(name_end - s), true, &nlen);
			if (check_name(res, name, nlen, &count) != PARSE_OK)
				return res->error;
			const char *v = eq ? eq + 1 : pair_end;
			if ((size_t)(pair_end - v) > PARAM_VALUE_MAX * 3)
				return fail(res, PARSE_TOO_LONG, name);
			size_t vlen;
			char *value = http_percent_decode(a, v, (size_t)(pair_end - v), true, &vlen);
			if (!value)
				return fail(res, PARSE_ESCAPE, name);
			if (check_value(res, name, value, vlen) != PARSE_OK)
				return res->error;
			params_add(a, out, name, value, vlen);
		}
		s = amp ? amp + 1 : end;
	}
	return PARSE_OK;
}

const char *http_multipart_boundary(struct arena *a, const char *content_type)
{
	if (strncasecmp(content_type, "multipart/form-data", 19) != 0)
		return NULL;
	const char *b = strstr(content_type, "boundary=");
	if (!b)
		return NULL;
	b += 9;
	bool quoted = *b == '"';
	b += quoted;
	size_t n = strcspn(b, quoted ? "\"" : "; \t");
	/* RFC 2046: 1 to 70 characters of a small set. */
	if (n < 1 || n > 70 || strspn(b, "0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ'()+_,-./:=? ") < n)
		return NULL;
	return arena_strndup(a, b, n);
}

/* The value of `key="..."` in a Content-Disposition header line, or NULL. */
static char *disposition_value(struct arena *a, const char *line, size_t len, const char *key)
{
	size_t klen = strlen(key);
	for (const char *p = line; p + klen + 2 < line + len; p++) {
		if ((p == line || p[-1] == ' ' || p[-1] == ';') && strncasecmp(p, key, klen) == 0 && p[klen] == '=' &&
		    p[klen + 1] == '"') {
			const char *v = p + klen + 2, *q = memchr(v, '"', (size_t)(line + len - v));
			return q ? arena_strndup(a, v, (size_t)(q - v)) : NULL;
		}
	}
	return NULL;
}

/* A sent file's name without folders ("C:\\x\\a.pdf" → "a.pdf"). */
static const char *base_name(const char *name)
{
	const char *slash = strrchr(name, '/'), *back = strrchr(name, '\\');
	const char *last = slash > back ? slash : back;
	return last ? last + 1 : name;
}

static const char *find_bytes(const char *hay, size_t hlen, const char *needle, size_t nlen)
{
	if (nlen > hlen)
		return NULL;
	for (const char *p = hay; (p = memchr(p, needle[0], hlen - (size_t)(p - hay) - nlen + 1)); p++)
		if (memcmp(p, needle, nlen) == 0)
			return p;
	return NULL;
}

enum parse_error http_parse_multipart(struct arena *a, const char *body, size_t len, const char *boundary,
				      struct params *out, struct upload *file, struct parse_result *res)
{
	res->error = PARSE_OK;
	res->name = NULL;
	memset(file, 0, sizeof *file);
	char *delim = arena_printf(a, "\r\n--%s", boundary);
	size_t dlen = strlen(delim), count = 0;
	/* The body starts with the first boundary (no preamble is expected). */
	if (len < dlen || memcmp(body, delim + 2, dlen - 2) != 0)
		return fail(res, PARSE_FORMAT, NULL);
	const char *p = body + dlen - 2, *end = body + len;
	for (;;) {
		if (end - p >= 2 && p[0] == '-' && p[1] == '-')
			return PARSE_OK; /* the final boundary */
		if (end - p < 2 || p[0] != '\r' || p[1] != '\n')
			return fail(res, PARSE_FORMAT, NULL);
		p += 2;
		const char *head_end = find_bytes(p, (size_t)(end - p), "\r\n\r\n", 4);
		if (!head_end)
			return fail(res, PARSE_FORMAT, NULL);
		char *name = NULL, *filename = NULL;
		for (const char *line = p; line < head_end;) {
			const char *eol = find_bytes(line, (size_t)(head_end + 2 - line), "\r\n", 2);
			size_t llen = (size_t)(eol - line);
			if (llen > 20 && strncasecmp(line, "Content-Disposition:", 20) == 0) {
				name = disposition_value(a, line, llen, "name");
				filename = disposition_value(a, line, llen, "filename");
			}
			line = eol + 2;
		}
		if (check_name(res, name, name ? strlen(name) : 0, &count) != PARSE_OK)
			return res->error;
		const char *value = head_end + 4;
		const char *next = find_bytes(value, (size_t)(end - value), delim, dlen);
		if (!next)
			return fail(res, PARSE_FORMAT, name);
		size_t vlen = (size_t)(next - value);
		if (filename) {
			const char *base = base_name(filename);
			if (!text_is_clean(base, strlen(base)))
				return fail(res, PARSE_UTF8, name);
			if (*base || vlen) {
				if (file->field)
					return fail(res, PARSE_TOO_MANY, name);
				*file = (struct upload){name, base, value, vlen};
			}
			params_add(a, out, name, base, strlen(base));
		} else {
			if (check_value(res, name, value, vlen) != PARSE_OK)
				return res->error;
			params_add(a, out, name, arena_strndup(a, value, vlen), vlen);
		}
		p = next + dlen;
	}
}

static bool cookie_octets_ok(const char *s, size_t len)
{
	/* RFC 6265 cookie-octet, plus a tolerated space inside values. */
	for (size_t i = 0; i < len; i++) {
		unsigned char c = (unsigned char)s[i];
		if (c < 0x20 || c == 0x7f || c == '"' || c == ',' || c == ';' || c == '\\' || c >= 0x80)
			return false;
	}
	return true;
}

void http_parse_cookies(struct arena *a, const char *header, struct params *out)
{
	size_t kept = 0;
	const char *s = header;
	while (s && *s && kept < COOKIES_MAX) {
		while (*s == ' ' || *s == '\t')
			s++;
		const char *semi = strchr(s, ';');
		size_t plen = semi ? (size_t)(semi - s) : strlen(s);
		const char *eq = memchr(s, '=', plen);
		if (eq) {
			size_t nlen = (size_t)(eq - s);
			size_t vlen = plen - nlen - 1;
			while (vlen && (eq[vlen] == ' ' || eq[vlen] == '\t'))
				vlen--;
			if (name_is_valid(s, nlen) && vlen <= 4096 && cookie_octets_ok(eq + 1, vlen)) {
				params_add(a, out, arena_strndup(a, s, nlen), arena_strndup(a, eq + 1, vlen), vlen);
				kept++;
			}
		}
		s = semi ? semi + 1 : NULL;
	}
}

const char *http_header_text(struct arena *a, const char *value, size_t max)
{
	size_t n = value ? strnlen(value, max) : 0;
	char *out = arena_strndup(a, value ? value : "", n);
	for (char *o = out; *o; o++)
		if ((unsigned char)*o < 0x20 || (unsigned char)*o > 0x7e)
			*o = '?';
	return out;
}

char *http_url_escape(struct arena *a, const char *s)
{
	static const char hex[] = "0123456789ABCDEF";
	size_t n = strlen(s);
	char *out = arena_alloc(a, 3 * n + 1), *o = out;
	for (; *s; s++) {
		unsigned char c = (unsigned char)*s;
		if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' ||
		    c == '_' || c == '.' || c == '~') {
			*o++ = (char)c;
		} else {
			*o++ = '%';
			*o++ = hex[c >> 4];
			*o++ = hex[c & 15];
		}
	}
	*o = '\0';
	return out;
}

static bool is_ows(char c)
{
	return c == ' ' || c == '\t';
}

/* A qvalue ("0", "0.5", "1", "1.000") in thousandths, or -1. */
static int qvalue(const char *s, size_t n)
{
	if (n == 0 || n > 5 || (s[0] != '0' && s[0] != '1') || (n > 1 && s[1] != '.'))
		return -1;
	int q = (s[0] - '0') * 1000, scale = 100;
	for (size_t i = 2; i < n; i++, scale /= 10) {
		if (s[i] < '0' || s[i] > '9')
			return -1;
		q += (s[i] - '0') * scale;
	}
	return q > 1000 ? -1 : q;
}

static bool is_alpha(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

/* A language range, s[0..n): "*" (tag "") or 1*8ALPHA *("-" 1*8alphanum),
 * its primary subtag lower-cased into tag.  False when it is neither. */
static bool lang_range(const char *s, size_t n, char tag[9])
{
	tag[0] = '\0';
	if (n == 1 && s[0] == '*')
		return true;
	size_t i = 0;
	for (; i < n && s[i] != '-'; i++) {
		if (i == 8 || !is_alpha(s[i]))
			return false;
		tag[i] = (char)(s[i] | 0x20);
	}
	tag[i] = '\0';
	if (i == 0)
		return false;
	while (i < n) { /* s[i] is a '-' */
		size_t len = 0;
		for (i++; i < n && s[i] != '-'; i++, len++)
			if (len == 8 || !(is_alpha(s[i]) || (s[i] >= '0' && s[i] <= '9')))
				return false;
		if (len == 0)
			return false;
	}
	return true;
}

/* One item of the header, s[0..n) between commas: its weight in thousandths
 * (1000 without one) and its range's primary subtag in tag; -1 when the
 * item is not in the grammar. */
static int lang_item(const char *s, size_t n, char tag[9])
{
	while (n && is_ows(*s))
		s++, n--;
	while (n && is_ows(s[n - 1]))
		n--;
	const char *semi = memchr(s, ';', n);
	size_t rlen = semi ? (size_t)(semi - s) : n;
	while (rlen && is_ows(s[rlen - 1]))
		rlen--;
	if (!lang_range(s, rlen, tag))
		return -1;
	if (!semi)
		return 1000;
	const char *w = semi + 1, *end = s + n;
	while (w < end && is_ows(*w))
		w++;
	if (end - w < 2 || (w[0] != 'q' && w[0] != 'Q') || w[1] != '=')
		return -1;
	return qvalue(w + 2, (size_t)(end - w - 2));
}

const char *http_pick_lang(struct arena *a, const char *header, bool (*ok)(const void *, const char *),
			   const void *ctx)
{
	const char *best = NULL;
	int best_q = 0;
	for (const char *s = header ? header : ""; *s;) {
		size_t n = strcspn(s, ",");
		char tag[9];
		int q = lang_item(s, n, tag);
		if (q > best_q && tag[0] && ok(ctx, tag)) {
			best = arena_strdup(a, tag);
			best_q = q;
		}
		s += n + (s[n] == ',');
	}
	return best;
}
