/* What spor-public's workers keep of a list's page, and its deep pages
 * (cgi/core/fragment.h, cgi/rms/rms_anchor.h), as a signed-in user sees
 * them (past nginx's page cache), on generated lists of a few thousand terms:
 *   - the table a worker kept is shown again only while the data is the
 *     same: after generated data replaced the lists (sporctl gen-data, as an
 *     import would), the next page shows the new terms and count;
 *   - a deep page (?page=N past the first 1,000 terms, a bare URL), in each
 *     sort an index gives, holds the terms the database's own ORDER BY ...
 *     LIMIT ... OFFSET gives, before and after the data changed (the
 *     anchors were read again);
 *   - the user's own star is on at the next page.
 * The generated lists are removed at the end. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../tap.h"
#include "dbtest.h"
#include "users.h"

static MYSQL *owner;
/* Requests of one page: more than the workers there are, so that the
 * worker that kept it answers some. */
enum { SHOWN = 12 };

/* The IDs of the terms a list page's table shows, in order, as "id id ...". */
static const char *shown_ids(const struct resp *r, char *out, size_t size)
{
	static const char cell[] = "data-label=\"Name\"><a href=\"/rms/terms/";
	size_t n = 0;
	out[0] = '\0';
	for (const char *p = r->body ? strstr(r->body, cell) : NULL; p; p = strstr(p + 1, cell)) {
		const char *id = p + sizeof cell - 1;
		size_t len = strspn(id, "0123456789");
		if (n + len + 2 < size)
			n += (size_t)snprintf(out + n, size - n, "%s%.*s", n ? " " : "", (int)len, id);
	}
	return out;
}

/* The same IDs as the database orders them: `order` of list `list`. */
static const char *expected_ids(const char *list, const char *order, long long offset, char *out, size_t size)
{
	snprintf(out, size, "%s",
		 dbtest_valuef(owner,
			       "SELECT GROUP_CONCAT(t.id ORDER BY %s SEPARATOR ' ') FROM (SELECT id, name_sort FROM"
			       " rms_terms t WHERE list_id = %s ORDER BY %s LIMIT 10 OFFSET %lld) t",
			       order, list, order, offset));
	return out;
}

static const struct {
	const char *word, *order;
} sorts[] = {
	{"name", "t.name_sort, t.id"},
	{"-name", "t.name_sort DESC, t.id DESC"},
	{"id", "t.id"},
	{"-id", "t.id DESC"},
};

/* Page `page` of 10 of `list` in each sort, against the database's order. */
static void deep_pages(struct user *u, const char *list, long long page, const char *when)
{
	for (size_t i = 0; i < sizeof sorts / sizeof sorts[0]; i++) {
		char path[160], got[400], want[400];
		snprintf(path, sizeof path, "/rms/lists/%s?sort=%s&size=10&page=%lld", list, sorts[i].word, page);
		struct resp r;
		visitor_get(&u->v, path, &r);
		shown_ids(&r, got, sizeof got);
		expected_ids(list, sorts[i].order, (page - 1) * 10, want, sizeof want);
		ok(r.status == 200 && got[0] && strcmp(got, want) == 0, "%s: %s holds the terms of the database's order (%s)",
		   when, path, got);
		if (strcmp(got, want) != 0)
			diag("want %s", want);
		resp_free(&r);
	}
}

/* The generated list with the most terms, and their number. */
static void largest(char *list, size_t size, long long *terms)
{
	snprintf(list, size, "%s",
		 dbtest_value(owner, "SELECT id FROM rms_lists WHERE id > 800000000000 ORDER BY term_count DESC LIMIT 1"));
	*terms = atoll(dbtest_valuef(owner, "SELECT COUNT(*) FROM rms_terms WHERE list_id = '%s'", list));
}

int main(void)
{
	char run[USER_RUN_SIZE];
	owner = users_start(run);
	struct user u;
	if (!ok(user_make(owner, &u, "kept", run, "kept.test"), "a signed-in user"))
		return done_testing();
	ok(dbtest_sporctl(NULL, "gen-data --terms 4000", NULL) == 0, "generated lists of 4,000 terms");
	char list[24], path[80], first[400], again[400];
	long long terms;
	largest(list, sizeof list, &terms);
	ok(terms >= 1200, "the largest has %lld terms, more than a deep page needs", terms);

	/* The page of the highest IDs, shown again and again: then from what
	 * the workers kept. */
	snprintf(path, sizeof path, "/rms/lists/%s?sort=-id&size=10", list);
	struct resp r;
	visitor_get(&u.v, path, &r);
	shown_ids(&r, first, sizeof first);
	resp_free(&r);
	int same = 0;
	for (int i = 0; i < SHOWN; i++) {
		visitor_get(&u.v, path, &r);
		same += strcmp(shown_ids(&r, again, sizeof again), first) == 0;
		resp_free(&r);
	}
	ok(same == SHOWN && first[0], "a page shown %d times is the same (%s)", SHOWN, first);
	deep_pages(&u, list, 1 + (terms - 20) / 10, "generated data");

	/* The same list generated anew with another number of terms. */
	ok(dbtest_sporctl(NULL, "gen-data --terms 9000", NULL) == 0, "the lists generated again, with 9,000 terms");
	long long before = terms;
	char now[24];
	largest(now, sizeof now, &terms);
	long long count = atoll(dbtest_valuef(owner, "SELECT COUNT(*) FROM rms_terms WHERE list_id = '%s'", list));
	char want[400];
	expected_ids(list, "t.id DESC", 0, want, sizeof want);
	same = 0;
	for (int i = 0; i < SHOWN; i++) {
		visitor_get(&u.v, path, &r);
		same += strcmp(shown_ids(&r, again, sizeof again), want) == 0;
		resp_free(&r);
	}
	ok(same == SHOWN && strcmp(want, first) != 0,
	   "after the data changed, every page shows the new terms (%d of %d; %lld in the list, %lld before: %s)", same,
	   SHOWN, count, before, want);
	deep_pages(&u, now, 1 + (terms - 20) / 10, "generated again");

	/* The user's own write: a star, on at the next page. */
	snprintf(path, sizeof path, "/rms/lists/%s", now);
	char fields[200];
	snprintf(fields, sizeof fields, "kind=list&ref=%s&action=add&next=%s", now, path);
	user_get(&u, path);
	ok(user_post(&u, "/account/favourites", fields) == 303, "the user stars the list");
	visitor_get(&u.v, path, &r);
	ok(r.body && strstr(r.body, "aria-pressed=\"true\""), "and the next page shows the star on");
	resp_free(&r);

	/* Leave no generated list to the tests after this one. */
	dbtest_execf(owner, "DELETE FROM favourites WHERE ref >= '800000000000' AND kind = 'list'");
	dbtest_execf(owner, "DELETE FROM rms_terms WHERE id BETWEEN 810000000000 AND 819999999999");
	dbtest_execf(owner, "DELETE FROM rms_lists WHERE id BETWEEN 800000000000 AND 800099999999");
	dbtest_execf(owner, "UPDATE data_generation SET gen = gen + 1");
	users_done(owner);
	return done_testing();
}
