/* TOTP codes, their window, and how the secret is written for the apps. */
#include "config.h"

#include <liboath/oath.h>
#include <stdlib.h>
#include <string.h>
#include <sys/random.h>

#include "account/totp.h"
#include "core/mem.h"
#include "core/token.h"

bool totp_secret_new(unsigned char secret[TOTP_SECRET_BYTES])
{
	return getrandom(secret, TOTP_SECRET_BYTES, 0) == (ssize_t)TOTP_SECRET_BYTES;
}

long long totp_step(time_t now)
{
	return (long long)(now / TOTP_STEP_SECONDS);
}

int totp_code(const unsigned char *secret, size_t len, long long step, unsigned digits, char out[TOTP_CODE_MAX])
{
	static bool ready;
	if (!ready && oath_init() != OATH_OK)
		return -1;
	ready = true;
	if (step < 0 || digits < 6 || digits + 1 > TOTP_CODE_MAX)
		return -1;
	/* liboath counts the steps itself: the first second of `step` is in it. */
	time_t at = (time_t)(step * TOTP_STEP_SECONDS);
	return oath_totp_generate((const char *)secret, len, at, TOTP_STEP_SECONDS, OATH_TOTP_DEFAULT_START_TIME,
				  digits, out) == OATH_OK
		       ? 0
		       : -1;
}

bool totp_digits(const char *typed, char out[TOTP_CODE_MAX])
{
	size_t n = 0;
	for (const char *p = typed ? typed : ""; *p; p++) {
		if (*p == ' ')
			continue;
		if (*p < '0' || *p > '9' || n == TOTP_DIGITS)
			return false;
		out[n++] = *p;
	}
	out[n] = '\0';
	return n == TOTP_DIGITS;
}

long long totp_match(const unsigned char *secret, size_t len, time_t now, long long last_step, const char *code)
{
	if (!code || strlen(code) != TOTP_DIGITS || strspn(code, "0123456789") != TOTP_DIGITS)
		return TOTP_NONE;
	long long now_step = totp_step(now), found = TOTP_NONE;
	bool used = false;
	/* Every step of the window is computed and compared, matched or not,
	 * so that the time taken says nothing about which one matched. */
	for (long long step = now_step - TOTP_WINDOW; step <= now_step + TOTP_WINDOW; step++) {
		char expected[TOTP_CODE_MAX];
		if (totp_code(secret, len, step, TOTP_DIGITS, expected) < 0)
			return TOTP_NONE;
		bool same = token_equal(expected, code);
		if (same && step > last_step && found < 0)
			found = step;
		used |= same && step <= last_step;
	}
	return found >= 0 ? found : used ? TOTP_REUSED : TOTP_NONE;
}

char *totp_base32(struct arena *a, const unsigned char *data, size_t len)
{
	char *padded = NULL;
	size_t n = 0;
	if (oath_base32_encode((const char *)data, len, &padded, &n) != OATH_OK)
		return NULL;
	char *out = arena_strndup(a, padded, n);
	free(padded);
	out[strcspn(out, "=")] = '\0';
	return out;
}

/* Percent-encoding of a label or query value: RFC 3986's unreserved
 * characters and '@' (an email reads as one) stay. */
static char *uri_escape(struct arena *a, const char *s)
{
	static const char hex[] = "0123456789ABCDEF";
	char *out = arena_alloc(a, strlen(s) * 3 + 1), *o = out;
	for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
		if ((*p >= 'A' && *p <= 'Z') || (*p >= 'a' && *p <= 'z') || (*p >= '0' && *p <= '9') ||
		    strchr("-._~@", *p)) {
			*o++ = (char)*p;
		} else {
			*o++ = '%';
			*o++ = hex[*p >> 4];
			*o++ = hex[*p & 15];
		}
	}
	*o = '\0';
	return out;
}

char *totp_uri(struct arena *a, const char *issuer, const char *account, const char *base32)
{
	const char *i = uri_escape(a, issuer);
	return arena_printf(a, "otpauth://totp/%s:%s?secret=%s&issuer=%s&algorithm=SHA1&digits=%d&period=%d", i,
			    uri_escape(a, account), base32, i, TOTP_DIGITS, TOTP_STEP_SECONDS);
}
