/* The list of lists that spor-public's workers keep rendered
 * (cgi/rms/rms_lists.c, cgi/core/fragment.h), and the term page read in one
 * call (migration 0021), as a signed-in user sees them (past nginx's page
 * cache), on generated lists:
 *   - the table a worker kept is shown again only while the data is the
 *     same: after generated data replaced the lists (sporctl gen-data, as a
 *     re-import would), every answer shows the new term counts, and after a
 *     run of fewer lists deleted some, none shows a deleted list;
 *   - so are the search's filters: its lists to choose from follow the data,
 *     the list chosen is selected whatever the words;
 *   - a term's page names its parent and the term that replaces it (the
 *     terms its record refers to, found from the record by the database).
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
/* The list of lists, the generated ones first (the most terms first). */
static const char lists_path[] = "/rms/lists?sort=-terms&size=100";

/* How many of SHOWN answers of `path` hold `text` (and, when `missing`,
 * not `missing`). */
static int answers_of(struct user *u, const char *path, const char *text, const char *missing)
{
	int n = 0;
	for (int i = 0; i < SHOWN; i++) {
		struct resp r;
		visitor_get(&u->v, path, &r);
		n += r.status == 200 && r.body && strstr(r.body, text) && !(missing && strstr(r.body, missing));
		resp_free(&r);
	}
	return n;
}

static int answers_with(struct user *u, const char *text, const char *missing)
{
	return answers_of(u, lists_path, text, missing);
}

/* The search's filters, kept by each worker for the same choices whatever
 * the words (rms/search_filters.cs): the list chosen is the one selected,
 * whichever words were searched before with it or without it. */
static void test_search_filters_choose(struct user *u, const char *list)
{
	char path[160], option[80], selected[100];
	snprintf(option, sizeof option, "<option value=\"%s\">", list);
	snprintf(selected, sizeof selected, "<option value=\"%s\" selected>", list);
	snprintf(path, sizeof path, "/rms/search?q=tablet&list=%s", list);
	int n = answers_of(u, path, selected, NULL);
	ok(n == SHOWN, "a search within a list offers every list, that one selected (%d of %d)", n, SHOWN);
	snprintf(path, sizeof path, "/rms/search?q=capsule&list=%s", list);
	n = answers_of(u, path, selected, NULL);
	ok(n == SHOWN, "so does another search within it (%d of %d)", n, SHOWN);
	n = answers_of(u, "/rms/search?q=capsule", option, selected);
	ok(n == SHOWN, "the same search in every list offers it, not selected (%d of %d)", n, SHOWN);
}

/* The cell of the generated list with the most terms: its link and its
 * count, as the table shows them. */
static void largest_row(char *out, size_t size)
{
	const char *id =
		dbtest_value(owner, "SELECT id FROM rms_lists WHERE id BETWEEN 800000000000 AND 800099999999 ORDER BY term_count DESC LIMIT 1");
	char list[24];
	snprintf(list, sizeof list, "%s", id ? id : "");
	const char *count = dbtest_valuef(owner, "SELECT term_count FROM rms_lists WHERE id = '%s'", list);
	snprintf(out, size, "href=\"/rms/lists/%s\">Synthetic list", list);
	char cell[80];
	snprintf(cell, sizeof cell, "class=\"num\">%s</td>", count ? count : "?");
	snprintf(out + strlen(out), size - strlen(out), "|%s", cell);
}

/* Whether the answers hold the largest list's row as `row` says ("link|count"). */
static int answers_with_row(struct user *u, const char *row)
{
	char link[120], count[80];
	snprintf(link, sizeof link, "%.*s", (int)strcspn(row, "|"), row);
	snprintf(count, sizeof count, "%s", strchr(row, '|') ? strchr(row, '|') + 1 : "");
	int n = 0;
	for (int i = 0; i < SHOWN; i++) {
		struct resp r;
		visitor_get(&u->v, lists_path, &r);
		const char *at = r.body ? strstr(r.body, link) : NULL;
		const char *end = at ? strstr(at, "</tr>") : NULL;
		const char *cell = at ? strstr(at, count) : NULL;
		n += r.status == 200 && cell && end && cell < end;
		resp_free(&r);
	}
	return n;
}

/* A generated term's page names its parent and the term that replaces it. */
static void test_term_names_its_references(struct user *u)
{
	const char *child = dbtest_value(owner, "SELECT id FROM rms_terms WHERE id > 810000000000 AND parent_id IS NOT NULL"
						" AND current_term_id IS NOT NULL ORDER BY id LIMIT 1");
	if (!ok(child != NULL, "a generated term with a parent and a replacement"))
		return;
	char id[24], path[64];
	snprintf(id, sizeof id, "%s", child);
	snprintf(path, sizeof path, "/rms/terms/%s", id);
	char parent[200], replacement[200];
	snprintf(parent, sizeof parent, "%s",
		 dbtest_valuef(owner, "SELECT p.name_en FROM rms_terms t JOIN rms_terms p ON p.id = t.parent_id"
				      " WHERE t.id = %s", id));
	snprintf(replacement, sizeof replacement, "%s",
		 dbtest_valuef(owner, "SELECT c.name_en FROM rms_terms t JOIN rms_terms c ON c.id = t.current_term_id"
				      " WHERE t.id = %s", id));
	struct resp r;
	visitor_get(&u->v, path, &r);
	ok(r.status == 200 && r.body && strstr(r.body, parent), "the term's page names its parent (%s)", parent);
	ok(r.body && strstr(r.body, replacement), "and the term that replaces it (%s)", replacement);
	resp_free(&r);
}

static void test_lists_follow_the_data(struct user *u)
{
	ok(dbtest_sporctl(NULL, "gen-data --terms 2000", NULL) == 0, "generated lists of 2,000 terms");
	char before[240], after[240];
	largest_row(before, sizeof before);
	ok(answers_with_row(u, before) == SHOWN, "the list of lists shows the largest list's count, %d times (%s)", SHOWN,
	   before);

	ok(dbtest_sporctl(NULL, "gen-data --terms 7000", NULL) == 0, "the lists generated again, with 7,000 terms");
	largest_row(after, sizeof after);
	int n = answers_with_row(u, after);
	ok(n == SHOWN && strcmp(before, after) != 0, "after the data changed, every answer shows the new count (%d of %d: %s)",
	   n, SHOWN, after);

	test_term_names_its_references(u);

	/* Fewer lists: the others are deleted. */
	const char *gone =
		dbtest_value(owner, "SELECT id FROM rms_lists WHERE id BETWEEN 800000000000 AND 800099999999 ORDER BY id DESC LIMIT 1");
	char gone_link[80];
	snprintf(gone_link, sizeof gone_link, "href=\"/rms/lists/%s\"", gone ? gone : "?");
	ok(answers_with(u, gone_link, NULL) == SHOWN, "the list of lists shows the last generated list (%s)", gone_link);
	char gone_option[80];
	snprintf(gone_option, sizeof gone_option, "<option value=\"%s\"", gone ? gone : "?");
	n = answers_of(u, "/rms/search?q=synthetic", gone_option, NULL);
	ok(n == SHOWN, "the search offers it among its lists (%d of %d)", n, SHOWN);
	test_search_filters_choose(u, gone ? gone : "?");
	ok(dbtest_sporctl(NULL, "gen-data --terms 300", NULL) == 0, "generated again, 300 terms in fewer lists");
	ok(atoi(dbtest_valuef(owner, "SELECT COUNT(*) FROM rms_lists WHERE id = '%s'", gone ? gone : "0")) == 0,
	   "that list is deleted");
	n = answers_with(u, "href=\"/rms/lists/800000000001\"", gone_link);
	ok(n == SHOWN, "no answer shows the deleted list any more (%d of %d)", n, SHOWN);
	n = answers_of(u, "/rms/search?q=synthetic", "<option value=\"800000000001\"", gone_option);
	ok(n == SHOWN, "nor offers it in the search's lists (%d of %d)", n, SHOWN);
}

int main(void)
{
	char run[USER_RUN_SIZE];
	owner = users_start(run);
	struct user u;
	if (!ok(user_make(owner, &u, "pages", run, "pages.test"), "a signed-in user"))
		return done_testing();
	/* Some 60 searches: an address of their own for nginx's limit of them. */
	client_source = "127.0.0.7";
	test_lists_follow_the_data(&u);
	client_source = NULL;

	/* Leave no generated list to the tests after this one. */
	dbtest_execf(owner, "DELETE FROM rms_terms WHERE id BETWEEN 810000000000 AND 819999999999");
	dbtest_execf(owner, "DELETE FROM rms_lists WHERE id BETWEEN 800000000000 AND 800099999999");
	dbtest_execf(owner, "UPDATE data_generation SET gen = gen + 1");
	users_done(owner);
	return done_testing();
}
