/* HTTP tests of the write API's requests on the web: a proposal made over
 * the API and the same proposal made through the web form show alike, but
 * for their numbers and one-time form keys, on the owner's list of
 * requests (/account/requests), on each request's page
 * (/account/requests/{id}) and on the steward's console
 * (/admin/change-requests/{id}): the same type, status, target and values.
 * Then the steward decides the API's one over the API and the web shows
 * the decision as it shows one made on the console.  And what the write
 * API answers (a request, the list, a batch's results, its errors) is what
 * its OpenAPI description's schemas say (schema.h). */
#include "config.h"

#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../tap.h"
#include "bearer.h"
#include "client.h"
#include "dbtest.h"
#include "schema.h"
#include "users.h"

static MYSQL *owner;
static struct user u, steward;
static char list_id[16], domain[16], run[USER_RUN_SIZE];

/* `text` with request `id`'s number written {id} wherever `prefix` leads
 * to it ("RRQ-", "requests/"): a new string; `text` is freed. */
static char *numbered(char *text, const char *prefix, const char *id)
{
	size_t pl = strlen(prefix), il = strlen(id), n = 0;
	char *out = malloc(strlen(text) * 2 + 1);
	for (const char *at = text; *at;) {
		if (strncmp(at, prefix, pl) == 0 && strncmp(at + pl, id, il) == 0 &&
		    !strchr("0123456789", at[pl + il] ? at[pl + il] : 'x')) {
			n += (size_t)sprintf(out + n, "%s{id}", prefix);
			at += pl + il;
		} else {
			out[n++] = *at++;
		}
	}
	out[n] = '\0';
	free(text);
	return out;
}

/* Whether `s` starts with digits and separators as `form` has them ('9' a
 * digit, any other character itself). */
static bool shaped(const char *s, const char *form)
{
	for (; *form; form++, s++)
		if (*form == '9' ? !strchr("0123456789", *s ? *s : 'x') : *s != *form)
			return false;
	return true;
}

/* Every date and time ("2026-01-31 23:59:59", the seconds or the time
 * left out) written {time}, in place: the two requests were made and
 * decided moments apart. */
static void untimed(char *text)
{
	char *out = text;
	for (const char *at = text; *at;) {
		if (!shaped(at, "9999-99-99")) {
			*out++ = *at++;
			continue;
		}
		at += 10;
		if (shaped(at, " 99:99"))
			at += 6;
		if (shaped(at, ":99"))
			at += 3;
		memcpy(out, "{time}", 6);
		out += 6;
	}
	*out = '\0';
}

/* The value="..." after each `attr` blanked, in place. */
static void blank_values(char *text, const char *attr)
{
	for (char *at = strstr(text, attr); at; at = strstr(at + 1, attr)) {
		char *v = strstr(at, "value=\"");
		if (!v)
			break;
		v += 7;
		char *end = strchr(v, '"');
		if (end)
			memmove(v, end, strlen(end) + 1);
	}
}

/* The page's main content as `u` sees it, with request `id`'s number
 * written {id} and the one-time keys of its forms blanked (a new string;
 * NULL unless the page answered 200), its dates and times {time}. */
static char *page_of(struct user *who, const char *path, const char *id)
{
	struct resp r;
	visitor_get(&who->v, path, &r);
	char *main = NULL;
	const char *from = r.status == 200 && r.body ? strstr(r.body, "<main") : NULL;
	const char *to = from ? strstr(from, "</main>") : NULL;
	if (to) {
		main = strndup(from, (size_t)(to - from));
		main = numbered(numbered(main, "RRQ-", id), "requests/", id);
		blank_values(main, "name=\"csrf_token\"");
		blank_values(main, "name=\"form_once\"");
		untimed(main);
	}
	resp_free(&r);
	return main;
}

/* Whether two pages are alike; the first difference as a diagnostic. */
static bool alike(const char *a, const char *b)
{
	if (!a || !b)
		return false;
	size_t i = 0;
	while (a[i] && a[i] == b[i])
		i++;
	if (!a[i] && !b[i])
		return true;
	size_t from = i > 80 ? i - 80 : 0;
	diag("the web's: ...%.200s", a + from);
	diag("the API's: ...%.200s", b + from);
	return false;
}

/* The row of the owner's list that links to `id`, with its number {id}. */
static char *row_of(const char *list, const char *id)
{
	char link[64];
	snprintf(link, sizeof link, "/account/requests/%s\"", id);
	const char *at = list ? strstr(list, link) : NULL;
	if (!at)
		return NULL;
	const char *from = at, *to = strstr(at, "</tr>");
	while (from > list && strncmp(from, "<tr", 3) != 0)
		from--;
	char *row = to ? strndup(from, (size_t)(to - from)) : NULL;
	if (row)
		untimed(row);
	return row ? numbered(numbered(row, "RRQ-", id), "requests/", id) : NULL;
}

/* The proposal, made through the web form: its number into id. */
static void by_form(char id[24])
{
	char form[96], fields[512];
	snprintf(form, sizeof form, "/rms/lists/%s/requests/new", list_id);
	snprintf(fields, sizeof fields,
		 "term_name=Twin+film+%s&short_name=TF&description=A+film%%0Aon+two+lines&domain=%s"
		 "&justification=Needed+for+our+products&step=submit",
		 run, domain);
	struct resp r;
	long st = visitor_form(&u.v, form, form, fields, &r);
	char *where = header(&r, "Location");
	snprintf(id, 24, "%s", where && strncmp(where, "/account/requests/", 18) == 0 ? where + 18 : "");
	id[strspn(id, "0123456789")] = '\0';
	ok(st == 303 && *id, "a new term proposed through the web form (%ld)", st);
	free(where);
	resp_free(&r);
}

/* The same proposal over the API: its number into id. */
static void by_api(const char *token, char id[24])
{
	char body[512];
	snprintf(body, sizeof body,
		 "{\"type\": \"ADD-TERM\", \"target\": \"%s\", \"changes\": {\"term_name\": \"Twin film %s\","
		 " \"short_name\": \"TF\", \"description\": \"A film\\non two lines\", \"domain\": \"%s\"},"
		 " \"justification\": \"Needed for our products\", \"submit\": true}",
		 list_id, run, domain);
	struct resp r;
	long st = bearer_post("/api/v1/change-requests", token, body, &r);
	const char *at = r.body ? strstr(r.body, "\"id\":\"") : NULL;
	*id = '\0';
	if (at)
		sscanf(at + 6, "%23[0-9]", id);
	ok(st == 201 && *id, "the same proposed over the API (%ld)", st);
	resp_free(&r);
}

static void compare(const char *web, const char *api, const char *when)
{
	char path[96], path2[96];
	snprintf(path, sizeof path, "/account/requests/%s", web);
	snprintf(path2, sizeof path2, "/account/requests/%s", api);
	char *a = page_of(&u, path, web), *b = page_of(&u, path2, api);
	ok(alike(a, b) && strstr(a, "Twin film"), "%s: the owner's page of each shows the same", when);
	free(a);
	free(b);
	snprintf(path, sizeof path, "/admin/change-requests/%s", web);
	snprintf(path2, sizeof path2, "/admin/change-requests/%s", api);
	a = page_of(&steward, path, web);
	b = page_of(&steward, path2, api);
	ok(alike(a, b) && strstr(a, "Needed for our products"), "%s: the steward's console shows the same", when);
	free(a);
	free(b);
	char *list = page_of(&u, "/account/requests", "-");
	char *ra = row_of(list, web), *rb = row_of(list, api);
	ok(alike(ra, rb), "%s: the owner's list shows the same row for each", when);
	free(ra);
	free(rb);
	free(list);
}

/* `method` `body` (or a GET) to `path` with `token`: whether the answer's
 * status is `status` and its JSON the description's schema `name`. */
static bool answers(json_t *spec, const char *method, const char *path, const char *token, const char *body, long status,
		    const char *name)
{
	struct resp r;
	long st = body ? bearer_send(method, path, token, "application/json", body, strlen(body), &r)
		       : bearer_get(path, token, NULL, &r);
	json_t *doc = json_loads(r.body, 0, NULL);
	char why[256];
	bool is = st == status && schema_conforms(spec, name, doc, why, sizeof why);
	if (!is)
		diag("%s %s: %ld, %s", method, path, st, st == status ? why : r.body);
	json_decref(doc);
	resp_free(&r);
	return is;
}

/* The write API's answers, as its description has them. */
static void test_schemas(const char *token, const char *api, const char *web)
{
	json_t *spec = schema_spec();
	char path[96], body[512], why[256];
	snprintf(path, sizeof path, "/api/v1/change-requests/%s", api);
	ok(answers(spec, "GET", path, token, NULL, 200, "ChangeRequest"),
	   "a request, decided, with its records and thread: the ChangeRequest schema");
	/* The checker itself: a request without its thread is none. */
	struct resp r;
	bearer_get(path, token, NULL, &r);
	json_t *doc = json_loads(r.body, 0, NULL);
	json_object_del(doc, "thread");
	ok(!schema_conforms(spec, "ChangeRequest", doc, why, sizeof why) && strstr(why, "thread"),
	   "one without its thread is not (%s)", why);
	json_decref(doc);
	resp_free(&r);
	ok(answers(spec, "GET", "/api/v1/change-requests?size=2", token, NULL, 200, "ChangeRequests"),
	   "the owner's list: the ChangeRequests schema");
	snprintf(body, sizeof body,
		 "{\"requests\": [{\"type\": \"ADD-TERM\", \"target\": \"%s\", \"changes\": {\"term_name\":"
		 " \"Batch film %s\", \"domain\": \"%s\"}}, {\"type\": \"ADD-TERM\"}]}",
		 list_id, run, domain);
	ok(answers(spec, "POST", "/api/v1/change-requests:batch", token, body, 207, "ChangeRequestBatchResult"),
	   "a batch of a good and a bad proposal: the ChangeRequestBatchResult schema");
	ok(answers(spec, "POST", "/api/v1/change-requests", token, "{\"type\": \"ADD-TERM\", \"submit\": true}", 400,
		   "Error"),
	   "a proposal refused: the Error schema");
	snprintf(path, sizeof path, "/api/v1/change-requests/%s", web);
	ok(answers(spec, "PATCH", path, token, "{\"justification\": \"Another reason\"}", 409, "Error"),
	   "an edit its status does not allow: the Error schema");
	ok(answers(spec, "GET", "/api/v1/change-requests", "spor_pat_none", NULL, 401, "Error"),
	   "a token there is not: the Error schema");
	json_decref(spec);
}

static void test_pages(void)
{
	char web[24], api[24], token[BEARER_SIZE], decider[BEARER_SIZE];
	bearer_of(owner, &u, "Pages", "write", token);
	by_form(web);
	by_api(token, api);
	if (!*web || !*api)
		return;
	compare(web, api, "submitted");

	/* Validated: the web's on the console, the API's over the API. */
	char path[128];
	snprintf(path, sizeof path, "/admin/change-requests/%s/move", web);
	char page[96];
	snprintf(page, sizeof page, "/admin/change-requests/%s", web);
	struct resp r;
	long st = visitor_form(&steward.v, page, path, "to=VALID", &r);
	resp_free(&r);
	bearer_of(owner, &steward, "Pages+steward", "decide", decider);
	snprintf(path, sizeof path, "/api/v1/change-requests/%s/transitions", api);
	long st2 = bearer_post(path, decider, "{\"to\": \"VALID\"}", &r);
	resp_free(&r);
	ok(st == 303 && st2 == 200, "each validated, on the console and over the API (%ld, %ld)", st, st2);
	compare(web, api, "validated");
	test_schemas(token, api, web);
}

int main(void)
{
	owner = users_start(run);
	if (!ok(dbtest_import_demo() && bearer_proposer(owner, &u, "api-pages", run) &&
			user_make_admin(owner, &steward, "api-pages-steward", run, "example.org"),
		"the demonstration data, a user who may propose and a steward")) {
		users_done(owner);
		return done_testing();
	}
	/* A list whose terms have a domain, and that domain. */
	snprintf(list_id, sizeof list_id, "%s",
		 dbtest_value(owner, "SELECT list_id FROM rms_terms WHERE domain_id IS NOT NULL ORDER BY list_id LIMIT 1"));
	snprintf(domain, sizeof domain, "%s",
		 dbtest_valuef(owner, "SELECT domain_id FROM rms_terms WHERE list_id = '%s' AND domain_id IS NOT NULL"
				" LIMIT 1", list_id));
	if (ok(*list_id && *domain, "a list with domains (%s, %s)", list_id, domain))
		test_pages();
	users_done(owner);
	return done_testing();
}
