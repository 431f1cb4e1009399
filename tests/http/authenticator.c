/* The tests' authenticator app. */
#include "config.h"

#include <liboath/oath.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "authenticator.h"
#include "visitor.h"

enum { ACCOUNTS = 64 };

static struct account {
	char email[128], secret[64];
	long long last_step;
} accounts[ACCOUNTS];

static struct account *find(const char *email)
{
	for (size_t i = 0; i < ACCOUNTS; i++)
		if (*accounts[i].email && strcmp(accounts[i].email, email) == 0)
			return &accounts[i];
	return NULL;
}

static bool code_at(const char *secret, long long step, char code[7])
{
	char *key = NULL;
	size_t len = 0;
	if (oath_init() != OATH_OK || oath_base32_decode(secret, strlen(secret), &key, &len) != OATH_OK)
		return false;
	int rc = oath_totp_generate(key, len, (time_t)(step * 30), 30, 0, 6, code);
	free(key);
	return rc == OATH_OK;
}

bool authenticator_code_of(const char *secret, int offset, char code[7])
{
	return code_at(secret, time(NULL) / 30 + offset, code);
}

const char *authenticator_secret(const char *email)
{
	struct account *a = find(email);
	return a ? a->secret : NULL;
}

bool authenticator_code(const char *email, char code[7])
{
	struct account *a = find(email);
	if (!a)
		return false;
	/* Now's step, or the next (within the portal's window), after the last used. */
	for (;;) {
		long long now = time(NULL) / 30, step = a->last_step + 1 > now ? a->last_step + 1 : now;
		if (step <= now + 1) {
			a->last_step = step;
			return code_at(a->secret, step, code);
		}
		sleep(1);
	}
}

void authenticator_forget(const char *email)
{
	struct account *a = find(email);
	if (a)
		*a->email = '\0';
}

bool authenticator_text(const char *html, const char *id, char *out, size_t size)
{
	char needle[64];
	snprintf(needle, sizeof needle, "id=\"%s\"", id);
	const char *at = html ? strstr(html, needle) : NULL;
	at = at ? strchr(at, '>') : NULL;
	size_t n = 0;
	for (const char *p = at ? at + 1 : ""; *p && strncmp(p, "</code", 6) != 0; p++) {
		if (*p == '<') {
			p = strchr(p, '>');
			if (!p)
				break;
		} else if (n + 1 < size) {
			out[n++] = *p;
		}
	}
	out[n] = '\0';
	return at && n > 0;
}

/* The account of the otpauth:// URI ("otpauth://totp/ISSUER:ACCOUNT?..."), percent-decoded. */
static bool uri_account(const char *uri, char *out, size_t size)
{
	const char *label = strstr(uri, "otpauth://totp/"), *colon = label ? strchr(label + 15, ':') : NULL;
	size_t n = 0;
	for (const char *p = colon ? colon + 1 : ""; *p && *p != '?' && n + 1 < size; p++) {
		unsigned byte;
		if (*p == '%' && sscanf(p + 1, "%2x", &byte) == 1) {
			out[n++] = (char)byte;
			p += 2;
		} else {
			out[n++] = *p;
		}
	}
	out[n] = '\0';
	return colon && n > 0;
}

bool authenticator_enrol(struct visitor *v, char codes[256])
{
	struct resp r;
	char secret[64], uri[512], email[128], code[7], fields[32];
	long shown = visitor_get(v, "/account/two-factor", &r);
	bool found = shown == 200 && authenticator_text(r.body, "totp-secret", secret, sizeof secret) &&
		     authenticator_text(r.body, "totp-uri", uri, sizeof uri) && uri_account(uri, email, sizeof email);
	resp_free(&r);
	if (!found)
		return false;
	struct account *a = find(email);
	for (size_t i = 0; !a && i < ACCOUNTS; i++)
		if (!*accounts[i].email)
			a = &accounts[i];
	if (!a)
		return false;
	snprintf(a->email, sizeof a->email, "%s", email);
	snprintf(a->secret, sizeof a->secret, "%s", secret);
	a->last_step = 0;
	authenticator_code(email, code);
	snprintf(fields, sizeof fields, "code=%s", code);
	long done = visitor_post(v, "/account/two-factor", fields, true, &r);
	if (codes) {
		*codes = '\0';
		for (const char *at = r.body ? strstr(r.body, "<li><code>") : NULL; at; at = strstr(at, "<li><code>")) {
			at += strlen("<li><code>");
			size_t n = strcspn(at, "<"), used = strlen(codes);
			if (n < 32 && used + n + 2 < 256)
				snprintf(codes + used, 256 - used, "%.*s ", (int)n, at);
		}
	}
	resp_free(&r);
	return done == 200;
}
