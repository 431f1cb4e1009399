/* Parsing of query strings, urlencoded bodies and cookies, with caps. */
#include "config.h"

#include <string.h>
#include <unistr.h>

#include "http_parse.h"
#include "mem.h"

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

bool text_is_clean(const char *s, size_t len)
{
	if (memchr(s, '\0', len))
		return false;
	return u8_check((const uint8_t *)s, len) == NULL;
}

static int hexval(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

char *http_percent_decode(struct arena *a, const char *s, size_t len, bool plus_is_space, size_t *outlen)
{
	char *out = arena_alloc(a, len + 1);
	size_t o = 0;
	for (size_t i = 0; i < len; i++) {
		char c = s[i];
		if (c == '%') {
			int hi, lo;
			if (i + 2 >= len || (hi = hexval(s[i + 1])) < 0 || (lo = hexval(s[i + 2])) < 0)
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
			size_t nlen;
			char *name = http_percent_decode(a, s, (size_t)(name_end - s), true, &nlen);
			if (!name || !name_is_valid(name, nlen))
				return fail(res, PARSE_NAME, NULL);
			if (++count > PARAMS_MAX)
				return fail(res, PARSE_TOO_MANY, name);
			const char *v = eq ? eq + 1 : pair_end;
			if ((size_t)(pair_end - v) > PARAM_VALUE_MAX * 3)
				return fail(res, PARSE_TOO_LONG, name);
			size_t vlen;
			char *value = http_percent_decode(a, v, (size_t)(pair_end - v), true, &vlen);
			if (!value)
				return fail(res, PARSE_ESCAPE, name);
			if (vlen > PARAM_VALUE_MAX)
				return fail(res, PARSE_TOO_LONG, name);
			if (memchr(value, '\0', vlen))
				return fail(res, PARSE_NUL, name);
			if (u8_check((const uint8_t *)value, vlen))
				return fail(res, PARSE_UTF8, name);
			params_add(a, out, name, value, vlen);
		}
		s = amp ? amp + 1 : end;
	}
	return PARSE_OK;
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
