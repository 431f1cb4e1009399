/* The normal form of an account's email address (email.h): libunistring for
 * the local part (NFC, lower case, scripts), libidn2 for the domain. */
#include "config.h"

#include <idn2.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <unicase.h>
#include <unictype.h>
#include <uninorm.h>
#include <unistr.h>

#include "core/email.h"
#include "core/mem.h"

enum {
	INPUT_MAX = 1024, /* bytes looked at; anything longer is too long anyway */
	LOCAL_MAX = 64,
	DOMAIN_MAX = 253,
	LABEL_MAX = 63,
	SCRIPTS_MAX = 4,
};

static bool is_atext(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
	       (c && strchr("!#$%&'*+-/=?^_`{|}~", c));
}

/* Characters that must never be part of an address: controls, format and
 * private-use characters, unassigned code points, spaces, and what Unicode
 * lets renderers skip (variation selectors, zero-width joiners, ...). */
static bool is_invisible_or_odd(ucs4_t c)
{
	return uc_is_general_category(c, UC_CATEGORY_C) || uc_is_general_category(c, UC_CATEGORY_Z) ||
	       uc_is_property_default_ignorable_code_point(c);
}

/* Scripts of the letters seen, at most SCRIPTS_MAX different ones. */
struct scripts {
	const uc_script_t *seen[SCRIPTS_MAX];
	size_t n;
};

static bool scripts_add(struct scripts *s, const uc_script_t *script)
{
	for (size_t i = 0; i < s->n; i++)
		if (s->seen[i] == script)
			return true;
	if (s->n == SCRIPTS_MAX)
		return false;
	s->seen[s->n++] = script;
	return true;
}

/* Whether every script seen is one of `names` (NULL-terminated). */
static bool scripts_within(const struct scripts *s, const char *const *names)
{
	for (size_t i = 0; i < s->n; i++) {
		bool found = false;
		for (const char *const *name = names; *name && !found; name++)
			found = s->seen[i] == uc_script_byname(*name);
		if (!found)
			return false;
	}
	return true;
}

/* One script, or a mix UTS #39's "highly restrictive" level allows. */
static bool scripts_ok(const struct scripts *s)
{
	static const char *const japanese[] = {"Latin", "Han", "Hiragana", "Katakana", NULL};
	static const char *const chinese[] = {"Latin", "Han", "Bopomofo", NULL};
	static const char *const korean[] = {"Latin", "Han", "Hangul", NULL};
	return s->n <= 1 || scripts_within(s, japanese) || scripts_within(s, chinese) || scripts_within(s, korean);
}

/* The characters of a local part, already NFC and lower case. */
static enum email_error local_chars(const uint8_t *s, size_t n)
{
	const uc_script_t *common = uc_script_byname("Common"), *inherited = uc_script_byname("Inherited");
	struct scripts scripts = {.n = 0};
	bool after_letter = false; /* a mark must follow a letter (or another mark) */
	for (size_t i = 0; i < n;) {
		ucs4_t c;
		int len = u8_mbtouc(&c, s + i, n - i);
		bool first = i == 0;
		i += (size_t)len;
		if (c < 0x80) {
			char a = (char)c;
			if (a == '.' ? first || i == n || s[i] == '.' : !is_atext(a))
				return EMAIL_LOCAL;
			after_letter = (a >= 'a' && a <= 'z') || (a >= 'A' && a <= 'Z');
			if (after_letter && !scripts_add(&scripts, uc_script_byname("Latin")))
				return EMAIL_SCRIPTS;
			continue;
		}
		/* Letters of no one script (the Japanese long vowel mark "ー")
		 * and marks count for none. */
		const uc_script_t *script = uc_script(c);
		bool letter = uc_is_general_category(c, UC_CATEGORY_L), mark = uc_is_general_category(c, UC_CATEGORY_M);
		if (is_invisible_or_odd(c) || !(letter || (mark && after_letter)) || !script)
			return EMAIL_LOCAL;
		if (script != common && script != inherited && !scripts_add(&scripts, script))
			return EMAIL_SCRIPTS;
		after_letter = true;
	}
	return scripts_ok(&scripts) ? EMAIL_OK : EMAIL_SCRIPTS;
}

/* The local part `s` (n bytes of UTF-8) in NFC and lower case into out. */
static enum email_error normal_local(const char *s, size_t n, char out[LOCAL_MAX + 1])
{
	size_t nfc_len = 0, nfkc_len = 0, lower_len = 0;
	uint8_t *nfc = u8_normalize(UNINORM_NFC, (const uint8_t *)s, n, NULL, &nfc_len);
	uint8_t *nfkc = nfc ? u8_normalize(UNINORM_NFKC, nfc, nfc_len, NULL, &nfkc_len) : NULL;
	uint8_t *lower = nfc ? u8_tolower(nfc, nfc_len, NULL, UNINORM_NFC, NULL, &lower_len) : NULL;
	enum email_error e = !nfc || !nfkc || !lower ? EMAIL_SYNTAX
			     /* a compatibility character: it stands for another one */
			     : nfkc_len != nfc_len || memcmp(nfkc, nfc, nfc_len) != 0 ? EMAIL_LOCAL
			     : lower_len > LOCAL_MAX ? EMAIL_TOO_LONG
						     : local_chars(lower, lower_len);
	if (e == EMAIL_OK) {
		memcpy(out, lower, lower_len);
		out[lower_len] = '\0';
	}
	free(nfc);
	free(nfkc);
	free(lower);
	return e;
}

/* An ASCII domain as IDNA leaves it: labels of 1 to 63 lower-case letters,
 * digits and inner hyphens, at least two, the last with a letter (no IP
 * address). */
static bool domain_ascii_ok(const char *d)
{
	size_t labels = 0;
	bool letter = false;
	for (const char *p = d;; p++) {
		size_t len = strspn(p, "abcdefghijklmnopqrstuvwxyz0123456789-");
		if (len == 0 || len > LABEL_MAX || p[0] == '-' || p[len - 1] == '-' || (p[len] && p[len] != '.'))
			return false;
		labels++;
		letter = strcspn(p, "abcdefghijklmnopqrstuvwxyz") < len;
		p += len;
		if (!*p)
			break;
	}
	return labels >= 2 && letter && strlen(d) <= DOMAIN_MAX;
}

/* The domain `s` (n bytes of UTF-8) in its IDNA ASCII form into out. */
static enum email_error normal_domain(const char *s, size_t n, char out[DOMAIN_MAX + 1])
{
	/* IDNA drops some characters silently ("_", spaces, soft hyphens):
	 * refuse them first, so that what is typed is what is looked up. */
	for (size_t i = 0; i < n;) {
		ucs4_t c;
		i += (size_t)u8_mbtouc(&c, (const uint8_t *)s + i, n - i);
		bool ascii_ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' ||
				c == '.';
		if (c < 0x80 ? !ascii_ok : is_invisible_or_odd(c))
			return EMAIL_DOMAIN;
	}
	char copy[INPUT_MAX + 1];
	memcpy(copy, s, n);
	copy[n] = '\0';
	char *ascii = NULL;
	int rc = idn2_to_ascii_8z(copy, &ascii, IDN2_NFC_INPUT | IDN2_NONTRANSITIONAL | IDN2_USE_STD3_ASCII_RULES);
	enum email_error e = rc == IDN2_TOO_BIG_DOMAIN ? EMAIL_TOO_LONG : rc != IDN2_OK || !ascii ? EMAIL_DOMAIN : EMAIL_OK;
	if (e == EMAIL_OK) {
		for (char *p = ascii; *p; p++)
			if (*p >= 'A' && *p <= 'Z')
				*p = (char)(*p + 'a' - 'A');
		if (!domain_ascii_ok(ascii))
			e = strlen(ascii) > DOMAIN_MAX ? EMAIL_TOO_LONG : EMAIL_DOMAIN;
		else
			memcpy(out, ascii, strlen(ascii) + 1);
	}
	idn2_free(ascii);
	return e;
}

enum email_error email_normalize(const char *in, char out[EMAIL_MAX + 1])
{
	out[0] = '\0';
	while (*in == ' ' || *in == '\t')
		in++;
	size_t n = strnlen(in, INPUT_MAX + 1);
	if (n > INPUT_MAX)
		return EMAIL_TOO_LONG;
	while (n && (in[n - 1] == ' ' || in[n - 1] == '\t'))
		n--;
	if (!n)
		return EMAIL_EMPTY;
	if (u8_check((const uint8_t *)in, n))
		return EMAIL_SYNTAX;
	const char *at = memchr(in, '@', n);
	size_t local_len = at ? (size_t)(at - in) : 0, domain_len = n - local_len - 1;
	if (!at || !local_len || !domain_len || memchr(at + 1, '@', domain_len))
		return EMAIL_SYNTAX;
	char local[LOCAL_MAX + 1], domain[DOMAIN_MAX + 1];
	enum email_error e = normal_local(in, local_len, local);
	if (e == EMAIL_OK)
		e = normal_domain(at + 1, domain_len, domain);
	size_t l = e == EMAIL_OK ? strlen(local) : 0, d = e == EMAIL_OK ? strlen(domain) : 0;
	if (e == EMAIL_OK && l + 1 + d > EMAIL_MAX)
		e = EMAIL_TOO_LONG;
	if (e == EMAIL_OK) {
		memcpy(out, local, l);
		out[l] = '@';
		memcpy(out + l + 1, domain, d + 1);
	}
	return e;
}

const char *email_search_form(struct arena *a, const char *q)
{
	char normal[EMAIL_MAX + 1];
	if (email_normalize(q, normal) == EMAIL_OK)
		return arena_strdup(a, normal);
	size_t len = 0;
	uint8_t *lower = u8_tolower((const uint8_t *)q, strlen(q), NULL, UNINORM_NFC, NULL, &len);
	const char *form = lower ? arena_strndup(a, (const char *)lower, len) : q;
	free(lower);
	return form;
}

const char *email_error_text(enum email_error e)
{
	switch (e) {
	case EMAIL_OK:
		return "a valid address";
	case EMAIL_EMPTY:
		return "no address given";
	case EMAIL_TOO_LONG:
		return "longer than 64 bytes before '@' or 254 in all";
	case EMAIL_SYNTAX:
		return "not one '@' between a local part and a domain";
	case EMAIL_LOCAL:
		return "the part before '@' holds a character or a dot an address may not";
	case EMAIL_SCRIPTS:
		return "the part before '@' mixes letters of different scripts";
	case EMAIL_DOMAIN:
		return "the part after '@' is not a domain name";
	}
	return "not a valid address";
}
