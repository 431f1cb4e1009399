/* A visitor with cookies. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include "authenticator.h"
#include "mailbox.h"
#include "visitor.h"

bool visitor_enrols = true;

void visitor_form_token(const struct resp *r, char out[64])
{
	const char *at = r->body ? strstr(r->body, "name=\"csrf_token\" value=\"") : NULL;
	if (!at)
		return;
	at += strlen("name=\"csrf_token\" value=\"");
	size_t n = strcspn(at, "\"");
	if (n < 64)
		snprintf(out, 64, "%.*s", (int)n, at);
}

/* Apply every "Set-Cookie: name=value" of the answer. */
static void take_cookies(struct visitor *v, const struct resp *r)
{
	for (const char *line = r->headers; line && *line;) {
		const char *end = strstr(line, "\r\n");
		size_t len = end ? (size_t)(end - line) : strlen(line);
		if (len > 12 && strncasecmp(line, "Set-Cookie: ", 12) == 0) {
			const char *nv = line + 12, *eq = memchr(nv, '=', len - 12);
			size_t vlen = eq ? strcspn(eq + 1, ";\r\n") : 0;
			char *slot = !eq ? NULL
				     : strncmp(nv, "spor_session=", 13) == 0 ? v->session
				     : strncmp(nv, "spor_csrf=", 10) == 0    ? v->pre
				     : strncmp(nv, "spor_2fa=", 9) == 0	     ? v->pending
									     : NULL;
			if (slot && vlen < 64)
				snprintf(slot, 64, "%.*s", (int)vlen, eq + 1);
		}
		line = end ? end + 2 : NULL;
	}
}

static long send_typed(struct visitor *v, const char *method, const char *path, const char *body, size_t len,
		       const char *type, struct resp *r)
{
	char cookie[320];
	snprintf(cookie, sizeof cookie, "Cookie: spor_session=%s; spor_csrf=%s; spor_2fa=%s", v->session, v->pre,
		 v->pending);
	const char *headers[] = {cookie, type ? type : v->extra, type ? v->extra : NULL, NULL};
	if (request(method, path, body, len, headers, r) < 0)
		return -1;
	take_cookies(v, r);
	visitor_form_token(r, v->token);
	return r->status;
}

/* Whether the answer sends the visitor from the console to turn on two-step sign-in. */
static bool sent_to_enrol(const char *path, const struct resp *r)
{
	char *location = r->status == 303 && strncmp(path, "/admin", 6) == 0 ? header(r, "Location") : NULL;
	bool sent = location && strcmp(location, "/account/two-factor") == 0;
	free(location);
	return sent;
}

static long send(struct visitor *v, const char *method, const char *path, const char *body, struct resp *r)
{
	long status = send_typed(v, method, path, body, body ? strlen(body) : 0, NULL, r);
	if (status < 0 || !visitor_enrols || !sent_to_enrol(path, r))
		return status;
	/* Enrolling keeps the session, so the body's CSRF token stays good. */
	resp_free(r);
	authenticator_enrol(v, NULL);
	return send_typed(v, method, path, body, body ? strlen(body) : 0, NULL, r);
}

long visitor_upload(struct visitor *v, const char *path, const char *fields, const char *file_field,
		    const char *filename, const char *data, size_t len, struct resp *r)
{
	static const char boundary[] = "----sporTestBoundary7MA4YWxkTrZu0gW";
	size_t cap = strlen(fields) * 2 + len + 4096;
	char *body = malloc(cap);
	size_t n = 0;
	char *copy = strdup(fields), *save = NULL;
	for (char *pair = strtok_r(copy, "&", &save); pair; pair = strtok_r(NULL, "&", &save)) {
		char *eq = strchr(pair, '=');
		if (eq)
			*eq = '\0';
		n += (size_t)snprintf(body + n, cap - n,
				      "--%s\r\nContent-Disposition: form-data; name=\"%s\"\r\n\r\n%s\r\n", boundary,
				      pair, eq ? eq + 1 : "");
	}
	free(copy);
	n += (size_t)snprintf(body + n, cap - n, "--%s\r\nContent-Disposition: form-data; name=\"csrf_token\"\r\n\r\n%s\r\n",
			      boundary, v->token);
	if (file_field) {
		n += (size_t)snprintf(body + n, cap - n,
				      "--%s\r\nContent-Disposition: form-data; name=\"%s\"; filename=\"%s\"\r\n"
				      "Content-Type: application/octet-stream\r\n\r\n",
				      boundary, file_field, filename);
		memcpy(body + n, data, len);
		n += len;
		n += (size_t)snprintf(body + n, cap - n, "\r\n");
	}
	n += (size_t)snprintf(body + n, cap - n, "--%s--\r\n", boundary);
	char type[128];
	snprintf(type, sizeof type, "Content-Type: multipart/form-data; boundary=%s", boundary);
	long status = send_typed(v, "POST", path, body, n, type, r);
	free(body);
	return status;
}

long visitor_get(struct visitor *v, const char *path, struct resp *r)
{
	return send(v, "GET", path, NULL, r);
}

long visitor_post(struct visitor *v, const char *path, const char *fields, bool with_token, struct resp *r)
{
	size_t n = strlen(fields) + 128;
	char *body = malloc(n);
	snprintf(body, n, "%s%s%s%s", fields, with_token && *fields ? "&" : "", with_token ? "csrf_token=" : "",
		 with_token ? v->token : "");
	long status = send(v, "POST", path, body, r);
	free(body);
	return status;
}

long visitor_form(struct visitor *v, const char *page, const char *action, const char *fields, struct resp *r)
{
	struct resp shown;
	visitor_get(v, page, &shown);
	resp_free(&shown);
	return visitor_post(v, action, fields, true, r);
}

long visitor_login(struct visitor *v, const char *email, const char *password)
{
	struct resp r;
	visitor_get(v, "/login", &r);
	resp_free(&r);
	char fields[512], code[7];
	snprintf(fields, sizeof fields, "email=%s&password=%s", email, password);
	long status = visitor_post(v, "/login", fields, true, &r);
	char *location = header(&r, "Location");
	bool second = status == 303 && location && strncmp(location, "/login/two-factor", 17) == 0;
	free(location);
	resp_free(&r);
	if (!second || !authenticator_code(email, code))
		return status;
	visitor_get(v, "/login/two-factor", &r);
	resp_free(&r);
	snprintf(fields, sizeof fields, "code=%s", code);
	status = visitor_post(v, "/login/two-factor", fields, true, &r);
	resp_free(&r);
	return status;
}

long visitor_register(struct visitor *v, const char *name, const char *email, const char *password, struct resp *r)
{
	struct resp form;
	visitor_get(v, "/register", &form);
	resp_free(&form);
	char fields[512];
	snprintf(fields, sizeof fields, "name=%s&email=%s&password=%s&password_confirm=%s", name, email, password,
		 password);
	return visitor_post(v, "/register", fields, true, r);
}

bool visitor_new_account(const char *name, const char *email, const char *password)
{
	struct visitor v = {0};
	struct resp r;
	char needle[300];
	snprintf(needle, sizeof needle, "To: <%s>", email);
	/* Wait for this registration's own link: other mail may reach the address meanwhile. */
	int before = mailbox_count_links(needle, "/register/verify");
	visitor_register(&v, name, email, password, &r);
	resp_free(&r);
	for (int i = 0; i < 100 && mailbox_count_links(needle, "/register/verify") <= before; i++)
		usleep(100000);
	char *token = mailbox_count_links(needle, "/register/verify") > before ? mailbox_token(needle, "/register/verify")
									       : NULL;
	if (!token)
		return false;
	char path[200], fields[200];
	snprintf(path, sizeof path, "/register/verify?token=%s", token);
	snprintf(fields, sizeof fields, "token=%s", token);
	free(token);
	long shown = visitor_get(&v, path, &r);
	resp_free(&r);
	long done = visitor_post(&v, "/register/verify", fields, true, &r);
	resp_free(&r);
	return shown == 200 && done == 200;
}
