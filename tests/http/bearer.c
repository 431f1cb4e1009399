/* Personal access tokens for the tests of the write API. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "bearer.h"
#include "dbtest.h"

void bearer_unthrottled(MYSQL *owner)
{
	dbtest_execf(owner, "DELETE FROM auth_throttle WHERE action = '%s'", "tokens");
}

long bearer_make(MYSQL *owner, struct user *u, const char *fields, struct resp *r)
{
	bearer_unthrottled(owner);
	char body[512];
	snprintf(body, sizeof body, "%s&current_password=" USER_PASSWORD, fields);
	return visitor_form(&u->v, "/account/tokens", "/account/tokens", body, r);
}

bool bearer_shown(const struct resp *r, char out[BEARER_SIZE])
{
	const char *p = r->body ? strstr(r->body, "value=\"spor_pat_") : NULL;
	if (!p)
		return false;
	p += 7;
	size_t n = strspn(p, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_-");
	if (n != 9 + 43)
		return false;
	memcpy(out, p, n);
	out[n] = '\0';
	return true;
}

void bearer_of(MYSQL *owner, struct user *u, const char *name, const char *scope, char secret[BEARER_SIZE])
{
	char fields[128];
	struct resp r;
	snprintf(fields, sizeof fields, "name=%s&scope=%s&expires_days=30", name, scope);
	bearer_make(owner, u, fields, &r);
	if (!bearer_shown(&r, secret))
		*secret = '\0';
	resp_free(&r);
}

bool bearer_proposer(MYSQL *owner, struct user *u, const char *who, const char *run)
{
	return user_make(owner, u, who, run, "example.org") &&
	       dbtest_execf(owner,
			    "INSERT INTO account_roles (account_id, role_code, org_id) VALUES (%s, 'INDUSTRY_USER',"
			    " 'ORG-100000001')",
			    u->id) == 0;
}

long bearer_get(const char *path, const char *token, const struct user *cookie_of, struct resp *r)
{
	char auth[128], cookie[128];
	const char *headers[3] = {NULL, NULL, NULL};
	int n = 0;
	if (token) {
		snprintf(auth, sizeof auth, "Authorization: Bearer %s", token);
		headers[n++] = auth;
	}
	if (cookie_of) {
		snprintf(cookie, sizeof cookie, "Cookie: spor_session=%s", cookie_of->v.session);
		headers[n++] = cookie;
	}
	return request("GET", path, NULL, 0, headers, r) == 0 ? r->status : -1;
}

long bearer_send(const char *method, const char *path, const char *token, const char *content_type, const char *body,
	      size_t len, struct resp *r)
{
	char auth[128], type[160];
	snprintf(auth, sizeof auth, "Authorization: Bearer %s", token);
	/* Without a type of its own, libcurl would send a form's. */
	snprintf(type, sizeof type, "Content-Type:%s%s", content_type ? " " : "", content_type ? content_type : "");
	const char *headers[] = {auth, type, NULL};
	return request(method, path, body, len, headers, r) == 0 ? r->status : -1;
}

long bearer_post(const char *path, const char *token, const char *body, struct resp *r)
{
	return bearer_post_keyed(path, token, NULL, body, r);
}

long bearer_post_keyed(const char *path, const char *token, const char *key, const char *body, struct resp *r)
{
	char auth[128], idem[400];
	snprintf(auth, sizeof auth, "Authorization: Bearer %s", token);
	snprintf(idem, sizeof idem, "Idempotency-Key: %s", key ? key : "");
	const char *headers[] = {auth, "Content-Type: application/json", key ? idem : NULL, NULL};
	return request("POST", path, body, strlen(body), headers, r) == 0 ? r->status : -1;
}

bool bearer_replayed(const struct resp *r)
{
	char *v = header(r, "Idempotent-Replayed");
	bool yes = v && strcmp(v, "true") == 0;
	free(v);
	return yes;
}
