/* A JSON text read in place (jread.h). */
#include "config.h"

#include <stdint.h>
#include <string.h>
#include <unistr.h>

#include "core/jread.h"
#include "core/mem.h"
#include "core/token.h"

void jread_init(struct jread *j, struct arena *arena, const char *text, size_t len)
{
	*j = (struct jread){.p = text, .end = text + len, .arena = arena, .bad = text == NULL};
}

static bool fail(struct jread *j)
{
	j->bad = true;
	j->p = j->end;
	return false;
}

/* The next character after white space, or 0 at the end. */
static char peek(struct jread *j)
{
	while (j->p < j->end && (*j->p == ' ' || *j->p == '\t' || *j->p == '\n' || *j->p == '\r'))
		j->p++;
	return j->p < j->end ? *j->p : 0;
}

static bool literal(struct jread *j, const char *word)
{
	size_t n = strlen(word);
	if ((size_t)(j->end - j->p) < n || memcmp(j->p, word, n) != 0)
		return fail(j);
	j->p += n;
	return true;
}

static bool open_one(struct jread *j, char open)
{
	char c = peek(j);
	if (c == 'n') {
		literal(j, "null");
		return false;
	}
	if (c != open || j->depth == JREAD_DEPTH)
		return fail(j);
	j->p++;
	j->open[j->depth] = open;
	j->first[j->depth++] = true;
	return true;
}

/* Past the separator before the open container's next item; false at its
 * end (left) or on an error. */
static bool next_one(struct jread *j, char open)
{
	if (j->bad)
		return false;
	if (j->depth == 0 || j->open[j->depth - 1] != open)
		return fail(j);
	char c = peek(j);
	if (c == (open == '{' ? '}' : ']')) {
		j->p++;
		j->depth--;
		return false;
	}
	if (!j->first[j->depth - 1]) {
		if (c != ',')
			return fail(j);
		j->p++;
	}
	j->first[j->depth - 1] = false;
	return true;
}

static int hex4(const char *p)
{
	int v = 0;
	for (int i = 0; i < 4; i++) {
		int d = token_hex_digit(p[i]);
		if (d < 0)
			return -1;
		v = v * 16 + d;
	}
	return v;
}

/* \uXXXX (and its pair's second half) at j->p, past the backslash and u,
 * as UTF-8 in `out`. */
static bool escaped_unicode(struct jread *j, struct buf *out)
{
	if (j->end - j->p < 4)
		return fail(j);
	long cp = hex4(j->p);
	j->p += 4;
	if (cp >= 0xDC00 && cp <= 0xDFFF)
		return fail(j);
	if (cp >= 0xD800 && cp <= 0xDBFF) {
		if (j->end - j->p < 6 || j->p[0] != '\\' || j->p[1] != 'u')
			return fail(j);
		long low = hex4(j->p + 2);
		if (low < 0xDC00 || low > 0xDFFF)
			return fail(j);
		j->p += 6;
		cp = 0x10000 + ((cp - 0xD800) << 10) + (low - 0xDC00);
	}
	if (cp <= 0)
		return fail(j);
	uint8_t utf8[6];
	int n = u8_uctomb(utf8, (ucs4_t)cp, sizeof utf8);
	if (n <= 0)
		return fail(j);
	buf_append(out, utf8, (size_t)n);
	return true;
}

/* The string at j->p (its opening quote), decoded. */
static const char *string(struct jread *j)
{
	const char *start = ++j->p, *p = start;
	while (p < j->end && *p != '"' && *p != '\\' && (unsigned char)*p >= 0x20)
		p++;
	if (p < j->end && *p == '"') {
		j->p = p + 1;
		if (u8_check((const uint8_t *)start, (size_t)(p - start)))
			return fail(j), NULL;
		return arena_strndup(j->arena, start, (size_t)(p - start));
	}
	struct buf out;
	buf_init(&out, j->arena);
	buf_append(&out, start, (size_t)(p - start));
	j->p = p;
	while (j->p < j->end && *j->p != '"') {
		unsigned char c = (unsigned char)*j->p++;
		if (c < 0x20)
			return fail(j), NULL;
		if (c != '\\') {
			buf_putc(&out, (char)c);
			continue;
		}
		if (j->p == j->end)
			return fail(j), NULL;
		const char *plain = strchr("\"\\/bfnrt", *j->p);
		if (*j->p == 'u') {
			j->p++;
			if (!escaped_unicode(j, &out))
				return NULL;
		} else if (plain && *j->p) {
			buf_putc(&out, "\"\\/\b\f\n\r\t"[plain - "\"\\/bfnrt"]);
			j->p++;
		} else
			return fail(j), NULL;
	}
	if (j->p == j->end)
		return fail(j), NULL;
	j->p++;
	const char *s = buf_str(&out);
	if (u8_check((const uint8_t *)s, out.len))
		return fail(j), NULL;
	return s;
}

static bool digits(struct jread *j)
{
	const char *start = j->p;
	while (j->p < j->end && *j->p >= '0' && *j->p <= '9')
		j->p++;
	return j->p > start;
}

/* A number as RFC 8259 writes one, as its text. */
static const char *number(struct jread *j)
{
	const char *start = j->p;
	if (*j->p == '-')
		j->p++;
	if (j->p < j->end && *j->p == '0')
		j->p++;
	else if (!digits(j))
		return fail(j), NULL;
	if (j->p < j->end && *j->p == '.') {
		j->p++;
		if (!digits(j))
			return fail(j), NULL;
	}
	if (j->p < j->end && (*j->p == 'e' || *j->p == 'E')) {
		j->p++;
		if (j->p < j->end && (*j->p == '+' || *j->p == '-'))
			j->p++;
		if (!digits(j))
			return fail(j), NULL;
	}
	return arena_strndup(j->arena, start, (size_t)(j->p - start));
}

bool jread_object(struct jread *j)
{
	return open_one(j, '{');
}

bool jread_array(struct jread *j)
{
	return open_one(j, '[');
}

bool jread_member(struct jread *j, const char **key)
{
	*key = NULL;
	if (!next_one(j, '{'))
		return false;
	if (peek(j) != '"' || !(*key = string(j)))
		return fail(j);
	if (peek(j) != ':')
		return fail(j);
	j->p++;
	return true;
}

bool jread_element(struct jread *j)
{
	return next_one(j, '[');
}

const char *jread_text(struct jread *j)
{
	if (j->bad)
		return NULL;
	switch (peek(j)) {
	case '"':
		return string(j);
	case 'n':
		literal(j, "null");
		return NULL;
	case 't':
		return literal(j, "true") ? "true" : NULL;
	case 'f':
		return literal(j, "false") ? "false" : NULL;
	case '{':
	case '[':
		jread_skip(j);
		return NULL;
	default:
		if (j->p < j->end && (*j->p == '-' || (*j->p >= '0' && *j->p <= '9')))
			return number(j);
		return fail(j), NULL;
	}
}

int jread_which(const char *key, const char *const *keys)
{
	for (int i = 0; key && keys[i]; i++)
		if (strcmp(keys[i], key) == 0)
			return i;
	return -1;
}

void jread_skip(struct jread *j)
{
	const char *key;
	switch (peek(j)) {
	case '{':
		jread_object(j);
		while (jread_member(j, &key))
			jread_skip(j);
		break;
	case '[':
		jread_array(j);
		while (jread_element(j))
			jread_skip(j);
		break;
	default:
		jread_text(j);
	}
}

bool jread_end(struct jread *j)
{
	return !j->bad && j->depth == 0 && peek(j) == 0 && j->p == j->end;
}
