/* Typed input checking from field tables. */
#include "config.h"

#include <ctype.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistr.h>

#include "core/country.h"
#include "core/email.h"
#include "core/field.h"
#include "core/mem.h"
#include "core/token.h"

static bool all_digits(const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (s[i] < '0' || s[i] > '9')
			return false;
	return true;
}

/* yyyy-mm-dd, a day that exists. */
static bool date_ok(const char *s)
{
	if (strlen(s) != 10 || s[4] != '-' || s[7] != '-' || !all_digits(s, 4) || !all_digits(s + 5, 2) ||
	    !all_digits(s + 8, 2))
		return false;
	int y = atoi(s), m = atoi(s + 5), d = atoi(s + 8);
	static const int days[] = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
	bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
	return y >= 1000 && m >= 1 && m <= 12 && d >= 1 && d <= days[m - 1] && (m != 2 || d < 29 || leap);
}

bool field_is_prefixed_id(const char *s, const char *prefix)
{
	size_t p = strlen(prefix);
	return strlen(s) == p + 9 && strncmp(s, prefix, p) == 0 && all_digits(s + p, 9);
}

static bool has_control(const char *s, bool allow_newlines)
{
	for (; *s; s++) {
		unsigned char c = (unsigned char)*s;
		if ((c < 0x20 && !(allow_newlines && (c == '\n' || c == '\r' || c == '\t'))) || c == 0x7f)
			return true;
	}
	return false;
}

/* An organisation's contact address: checked loosely, kept as typed. */
static bool contact_email_ok(const char *s)
{
	const char *at = strrchr(s, '@');
	if (!at || at == s || !at[1] || strchr(s, '@') != at)
		return false;
	const char *dot = strrchr(at, '.');
	if (!dot || dot == at + 1 || !dot[1])
		return false;
	for (const char *p = s; *p; p++)
		if (isspace((unsigned char)*p) || *p == '<' || *p == '>' || *p == '"' || *p == ',')
			return false;
	return true;
}

static bool local_path_ok(const char *s)
{
	/* One leading slash and no "//" or backslash that a browser would read as another host. */
	return s[0] == '/' && s[1] != '/' && !strchr(s, '\\');
}

bool field_is_lang(const char *s)
{
	size_t n = strspn(s, "abcdefghijklmnopqrstuvwxyz");
	if (n < 2 || n > 3)
		return false;
	if (!s[n])
		return true;
	if (s[n] != '-' && s[n] != '_')
		return false;
	size_t m = strspn(s + n + 1, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789");
	return m >= 2 && m <= 8 && !s[n + 1 + m];
}

static const char *trim(struct arena *a, const char *s)
{
	while (*s == ' ' || *s == '\t')
		s++;
	size_t n = strlen(s);
	while (n && (s[n - 1] == ' ' || s[n - 1] == '\t'))
		n--;
	return arena_strndup(a, s, n);
}

enum field_error field_check(struct arena *a, const struct field *f, const char *value, struct input *out)
{
	out->set = false;
	out->text = NULL;
	out->num = 0;
	const char *v = f->type == FT_LINES || f->type == FT_SECRET ? value : trim(a, value);
	if (!*v)
		return FIELD_OK;
	size_t chars = u8_mbsnlen((const uint8_t *)v, strlen(v));

	switch (f->type) {
	case FT_TEXT:
	case FT_LINES:
	case FT_EMAIL:
	case FT_CONTACT_EMAIL:
	case FT_SECRET:
	case FT_FILE:
		if (has_control(v, f->type == FT_LINES))
			return FIELD_CONTROL;
		if (f->max && (long long)chars > f->max)
			return FIELD_TOO_LONG;
		if ((long long)chars < f->min)
			return FIELD_TOO_SHORT;
		if (f->type == FT_CONTACT_EMAIL && !contact_email_ok(v))
			return FIELD_FORMAT;
		if (f->type == FT_EMAIL) {
			/* Handlers only ever see the normal form: one spelling, one account. */
			char normal[EMAIL_MAX + 1];
			enum email_error e = email_normalize(v, normal);
			if (e != EMAIL_OK)
				return e == EMAIL_TOO_LONG ? FIELD_TOO_LONG : FIELD_FORMAT;
			v = arena_strdup(a, normal);
		}
		break;
	case FT_INT: {
		if (strlen(v) > 19 || !all_digits(v + (v[0] == '-'), strlen(v) - (v[0] == '-')) || !v[v[0] == '-'])
			return FIELD_NOT_NUMBER;
		errno = 0;
		long long n = strtoll(v, NULL, 10);
		if (errno || n < f->min || n > f->max)
			return FIELD_RANGE;
		out->num = n;
		break;
	}
	case FT_ENUM: {
		long long i = 0;
		while (f->choices[i] && strcmp(f->choices[i], v) != 0)
			i++;
		if (!f->choices[i])
			return FIELD_CHOICE;
		out->num = i;
		break;
	}
	case FT_ID12:
		if (strlen(v) != 12 || !all_digits(v, 12))
			return FIELD_FORMAT;
		break;
	case FT_ORGID:
		if (!field_is_prefixed_id(v, "ORG-"))
			return FIELD_FORMAT;
		break;
	case FT_LOCID:
		if (!field_is_prefixed_id(v, "LOC-"))
			return FIELD_FORMAT;
		break;
	case FT_LANG:
		if (!field_is_lang(v))
			return FIELD_FORMAT;
		break;
	case FT_COUNTRY:
		if (!(v = country_code(v)))
			return FIELD_FORMAT;
		break;
	case FT_TOKEN:
		if (!token_ok(v))
			return FIELD_FORMAT;
		break;
	case FT_DATE:
		if (!date_ok(v))
			return FIELD_FORMAT;
		break;
	case FT_PATH:
		if (has_control(v, false) || !local_path_ok(v) || (f->max && (long long)chars > f->max))
			return FIELD_FORMAT;
		break;
	}
	out->set = true;
	out->text = v;
	return FIELD_OK;
}

const char *field_error_key(enum field_error e)
{
	switch (e) {
	case FIELD_OK:
		return "ok";
	case FIELD_TOO_SHORT:
		return "too_short";
	case FIELD_TOO_LONG:
		return "too_long";
	case FIELD_NOT_NUMBER:
		return "not_number";
	case FIELD_RANGE:
		return "range";
	case FIELD_CHOICE:
		return "choice";
	case FIELD_FORMAT:
		return "format";
	case FIELD_CONTROL:
		return "control";
	case FIELD_REPEATED:
		return "repeated";
	}
	return "format";
}
