/* The term page (cgi/rms/rms_term.c) as a signed-in user sees it, past
 * nginx's page cache, on a fixture list whose terms hold every part a
 * record can have:
 *   - every part is shown when the record has it: its domain, parent,
 *     replacement, children, the terms it replaces, its mapping's source,
 *     its country and its attribute's value by their names (in the data
 *     language when it has them), and its history, whether the page was
 *     read in one statement or in two;
 *   - the names of the terms records refer to, which spor-public's workers
 *     keep (cgi/rms/rms_names.h), and a term's own history follow an
 *     approved change request at once, in every answer of more requests
 *     than there are workers. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../tap.h"
#include "dbtest.h"
#include "users.h"

static MYSQL *owner;
#define value(...) dbtest_valuef(owner, __VA_ARGS__)

/* Requests of one page: more than the workers there are, so that each
 * worker answers some after it kept the names. */
enum { SHOWN = 12 };

#define HEAD                                                                                                       \
	"List ID,Term ID,Language,Term Name,Term Name Modified On,Short Name,Term Description,Domain ID,Parent ID,"   \
	"Term Status,Term Status Modified On,Current Term ID,Mapping Source ID,Mapping Source Term ID,"               \
	"Source Provided Name,Is Main Term Source,Applicable to Country ID,Term Created On,Version Number,"           \
	"Is Major Version,Term Visibility,Attribute 1,Attribute Value 1\n"
/* A term of the fixture list: ID, language, name, domain, parent, status,
 * replacement, mapping source, country, attribute value. */
#define ROW(id, lang, name, domain, parent, status, current, source, country, attr)                                \
	"900000000301," id "," lang ",\"" name "\",05/02/2018 06:13:00,,," domain "," parent "," status              \
	",2018-02-16T13:37:28Z," current "," source "," source "-1,,Y," country ",05/02/2018 07:12:31,1,Y,PUBLIC,"   \
	"STATE_OF_MATTER," attr "\n"
static const char fixture[] =
	HEAD ROW("900000000311", "en", "Parts domain", "", "", "CURRENT", "", "", "", "")
	ROW("900000000312", "en", "Parts source", "", "", "CURRENT", "", "", "", "")
	ROW("900000000312", "fr", "Source des parties", "", "", "CURRENT", "", "", "", "")
	ROW("900000000313", "en", "Partsland", "", "", "CURRENT", "", "", "", "")
	ROW("900000000314", "en", "Parts attribute value", "", "", "CURRENT", "", "", "", "")
	ROW("900000000315", "en", "Parts parent", "", "", "CURRENT", "", "", "", "")
	ROW("900000000316", "en", "Parts replacement", "", "", "CURRENT", "", "", "", "")
	ROW("900000000317", "en", "Parts whole", "900000000311", "900000000315", "NON_CURRENT", "900000000316",
	    "900000000312", "900000000313", "900000000314")
	ROW("900000000318", "en", "Parts child", "", "900000000317", "CURRENT", "", "", "", "")
	ROW("900000000319", "en", "Parts old", "", "", "NON_CURRENT", "900000000317", "", "", "")
	ROW("900000000320", "en", "Parts mapped", "", "", "CURRENT", "", "900000000312", "900000000313", "");

/* A link to term `id` named `name`, as the page writes it. */
static const char *link_to(const char *id, const char *name)
{
	static char out[4][120];
	static int next;
	char *s = out[next++ % 4];
	snprintf(s, sizeof out[0], "href=\"/rms/terms/%s\">%s</a>", id, name);
	return s;
}

static void test_every_part(struct user *u)
{
	struct resp r;
	visitor_get(&u->v, "/rms/terms/900000000317", &r);
	ok(r.status == 200 && body_has(&r, "<h1>Parts whole</h1>"), "the term with every part");
	ok(body_has(&r, "<dd>Parts domain</dd>"), "its domain by name");
	ok(body_has(&r, link_to("900000000315", "Parts parent")), "its parent");
	ok(body_has(&r, "no longer current") && body_has(&r, link_to("900000000316", "Parts replacement")),
	   "the term that replaces it");
	ok(body_has(&r, link_to("900000000318", "Parts child")), "its children");
	ok(body_has(&r, link_to("900000000319", "Parts old")), "the terms it replaces");
	ok(body_has(&r, link_to("900000000312", "Parts source")), "its mapping's source");
	ok(body_has(&r, link_to("900000000313", "Partsland")), "its country");
	ok(body_has(&r, link_to("900000000314", "Parts attribute value")), "its attribute's value");
	ok(body_has(&r, "id=\"history\"") && body_has(&r, "First recorded here"), "its history");
	resp_free(&r);

	/* A term whose page is one statement: no children, one version. */
	visitor_get(&u->v, "/rms/terms/900000000311", &r);
	ok(r.status == 200 && body_has(&r, "<h1>Parts domain</h1>") && body_has(&r, "First recorded here") &&
		   !body_has(&r, "id=\"hierarchy\""),
	   "a term without children: its history, no hierarchy");
	resp_free(&r);
	visitor_get(&u->v, "/rms/terms/900000000318", &r);
	ok(body_has(&r, link_to("900000000317", "Parts whole")), "a child names its parent");
	resp_free(&r);

	/* In French where the data has it, English standing in. */
	dbtest_execf(owner, "UPDATE accounts SET data_lang = 'fr' WHERE id = %s", u->id);
	visitor_get(&u->v, "/rms/terms/900000000317", &r);
	ok(body_has(&r, link_to("900000000312", "Source des parties")) &&
		   body_has(&r, link_to("900000000315", "Parts parent")),
	   "in French: the source's French name, the parent's English one");
	resp_free(&r);
	dbtest_execf(owner, "UPDATE accounts SET data_lang = 'en' WHERE id = %s", u->id);
}

/* How many of SHOWN answers of `path` hold `text` and not `missing`. */
static int answers_with(struct user *u, const char *path, const char *text, const char *missing)
{
	int n = 0;
	for (int i = 0; i < SHOWN; i++) {
		struct resp r;
		visitor_get(&u->v, path, &r);
		n += r.status == 200 && body_has(&r, text) && !(missing && body_has(&r, missing));
		resp_free(&r);
	}
	return n;
}

/* `who` proposes `fields` for term `id`, `steward` approves it; the
 * request's ID in `out`. */
static bool approved(struct user *who, struct user *steward, const char *id, const char *fields, char out[24])
{
	char path[96], body[300];
	snprintf(path, sizeof path, "/rms/terms/%s/requests/new", id);
	user_get(who, path);
	snprintf(body, sizeof body, "%s&justification=Checked+against+the+source&step=submit", fields);
	struct resp r;
	long status = visitor_post(&who->v, path, body, true, &r);
	const char *why = r.body ? strstr(r.body, "class=\"error") : NULL;
	if (status != 303)
		diag("%s: %ld %.300s", path, status, why ? why : "");
	resp_free(&r);
	if (status != 303)
		return false;
	snprintf(out, 24, "%s", value("SELECT MAX(id) FROM change_requests WHERE term_id = %s", id));
	snprintf(path, sizeof path, "/admin/change-requests/%s", out);
	user_get(steward, path);
	snprintf(path, sizeof path, "/admin/change-requests/%s/move", out);
	return user_post(steward, path, "to=VALID") == 303 && user_post(steward, path, "to=APPROVED") == 303 &&
	       strcmp(value("SELECT status FROM change_requests WHERE id = %s", out), "APPROVED") == 0;
}

static void test_changes_show_at_once(struct user *u, struct user *ivy, struct user *stew)
{
	const char *path = "/rms/terms/900000000320";
	ok(answers_with(u, path, link_to("900000000312", "Parts source"), NULL) == SHOWN,
	   "a term names its mapping's source in every answer (the workers keep the name)");
	char request[24];
	ok(approved(ivy, stew, "900000000312", "term_name=Parts+origin&term_status=CURRENT", request),
	   "the source renamed through an approved request (%s)", request);
	int n = answers_with(u, path, link_to("900000000312", "Parts origin"), "Parts source");
	ok(n == SHOWN, "every answer names the source by its new name at once (%d of %d)", n, SHOWN);

	ok(approved(ivy, stew, "900000000320", "term_name=Parts+mapped&short_name=PM&term_status=CURRENT", request),
	   "the term itself changed through an approved request (%s)", request);
	char rrq[40];
	snprintf(rrq, sizeof rrq, "RRQ-%s", request);
	n = answers_with(u, path, rrq, NULL);
	ok(n == SHOWN, "every answer's history shows the new version (%d of %d)", n, SHOWN);
	n = answers_with(u, path, "First recorded here", NULL);
	ok(n == SHOWN, "and the first one still (%d of %d)", n, SHOWN);
}

int main(void)
{
	char run[USER_RUN_SIZE];
	owner = users_start(run);
	struct user u, ivy, stew;
	ok(dbtest_import_demo() && dbtest_import_csv(fixture), "the demonstration data and the fixture list");
	if (!ok(user_make(owner, &u, "parts", run, "parts.test") && user_make(owner, &ivy, "ivy", run, "parts.test") &&
			user_make(owner, &stew, "stew", run, "parts.test"),
		"a reader, an industry user and a data steward"))
		return done_testing();
	dbtest_execf(owner,
		     "INSERT INTO account_roles (account_id, role_code, org_id) VALUES (%s, 'INDUSTRY_USER', 'ORG-100000001'),"
		     " (%s, 'DATA_STEWARD', '')",
		     ivy.id, stew.id);
	test_every_part(&u);
	test_changes_show_at_once(&u, &ivy, &stew);
	users_done(owner);
	return done_testing();
}
