/* Unit tests of term snapshots (merge, diff, idempotency) and of the value
 * checks the RMS readers share (dates, languages, IDs, statuses). */
#include "config.h"

#include <stdlib.h>

#include "../tap.h"
#include "core/date.h"
#include "core/mem.h"
#include "rms/rms_record.h"
#include "rms/rms_snapshot.h"

static void test_dates(void)
{
	const struct {
		const char *in, *out;
		bool ok;
	} cases[] = {
		{"05/02/2018 06:13:00", "2018-02-05 06:13:00", true},
		{"2018-02-16T13:37:28.932Z", "2018-02-16 13:37:28", true},
		{"2018-02-16T13:37:28Z", "2018-02-16 13:37:28", true},
		{"2018-02-16", "2018-02-16 00:00:00", true},
		{"31/12/2021", "2021-12-31 00:00:00", true},
		{"", "", true},
		{"32/01/2020 00:00:00", NULL, false},
		{"2020-13-01", NULL, false},
		{"2018-02-16T13:37", NULL, false},
		{"2018-02-16T13:37:28+02:00", NULL, false},
		{"2018-02-16T25:00:00Z", NULL, false},
		{"yesterday", NULL, false},
		{"05/02/2018 6:13:00", NULL, false},
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		char out[20];
		bool good = date_normalize(cases[i].in, out);
		if (!ok(good == cases[i].ok && (!good || strcmp(out, cases[i].out) == 0), "date \"%s\"", cases[i].in))
			diag("got %d \"%s\"", good, out);
	}
	const char *langs_ok[] = {"en", "fr", "fil", "el-CY", "zh-Hans", "pt_BR"};
	const char *langs_bad[] = {"", "e", "english", "EN", "en-", "en-C", "xx1", "en CY", "<b>"};
	for (size_t i = 0; i < sizeof langs_ok / sizeof *langs_ok; i++)
		ok(rms_is_lang(langs_ok[i]), "language %s", langs_ok[i]);
	for (size_t i = 0; i < sizeof langs_bad / sizeof *langs_bad; i++)
		ok(!rms_is_lang(langs_bad[i]), "not a language: \"%s\"", langs_bad[i]);
	ok(rms_is_id("100000000002") && !rms_is_id("10000000000") && !rms_is_id("10000000000a"), "IDs");
	ok(rms_is_status("NULLIFIED") && !rms_is_status("current") && !rms_is_status(NULL), "statuses");
}

static struct rms_term_in csv_row(const char *lang, const char *name, const char *shortname)
{
	struct rms_term_in t = {.list_id = "900000000001", .id = "900000000101", .lang = lang, .has_fields = true};
	t.status = "CURRENT";
	t.domain_id = "100000000012";
	t.version = "3";
	t.is_major = "Y";
	t.text[RMS_NAME] = (struct rms_text){name, "CURRENT", "2018-02-05 06:13:00", NULL};
	t.text[RMS_SHORT] = (struct rms_text){shortname, NULL, NULL, NULL};
	t.text[RMS_DESCRIPTION] = (struct rms_text){"", NULL, NULL, NULL};
	return t;
}

static void test_merge(struct arena *a)
{
	struct rms_term_in en = csv_row("en", "Tablet", "Tab"), fr = csv_row("fr", "Comprimé", "");
	const struct rms_term_in *both[] = {&en, &fr};
	json_t *s1 = rms_snapshot_merge(NULL, both, 2);
	ok(json_is_object(s1), "a new term's snapshot");
	is_str(rms_snapshot_name_en(s1), "Tablet", "English name");
	is_str(rms_snap_str(json_object_get(json_object_get(json_object_get(s1, "texts"), "fr"), "name"), "value"),
	       "Comprimé", "French name");
	ok(!json_object_get(json_object_get(json_object_get(s1, "texts"), "fr"), "short"), "an empty text is absent");
	ok(json_integer_value(json_object_get(s1, "version")) == 3 && json_is_true(json_object_get(s1, "major")),
	   "version as a number, major as a boolean");

	/* The same rows again: the same snapshot. */
	json_t *s2 = rms_snapshot_merge(s1, both, 2);
	ok(json_equal(s1, s2), "merging the same rows again changes nothing");
	struct buf d;
	buf_init(&d, a);
	rms_snapshot_diff(s1, s2, &d);
	is_str(buf_str(&d), "", "and the diff is empty");

	/* FHIR states the English name only, without metadata: still no change. */
	struct rms_term_in fhir = {.list_id = "900000000001", .id = "900000000101", .lang = "en"};
	fhir.text[RMS_NAME].value = "Tablet";
	const struct rms_term_in *f1[] = {&fhir};
	json_t *s3 = rms_snapshot_merge(s1, f1, 1);
	ok(json_equal(s1, s3), "a source that states less keeps what it does not state");

	/* A new name and status. */
	fhir.text[RMS_NAME].value = "Film-coated tablet";
	fhir.status = "NON_CURRENT";
	json_t *s4 = rms_snapshot_merge(s1, f1, 1);
	buf_init(&d, a);
	rms_snapshot_diff(s1, s4, &d);
	is_str(buf_str(&d), "status, name (en)", "the diff names what changed");
	is_str(rms_snap_str(s4, "domain"), "100000000012", "fields a source does not state stay");

	/* A CSV row removes a short name it states empty, and sets every field. */
	struct rms_term_in en2 = csv_row("en", "Tablet", "");
	en2.domain_id = NULL;
	const struct rms_term_in *e2[] = {&en2};
	json_t *s5 = rms_snapshot_merge(s1, e2, 1);
	buf_init(&d, a);
	rms_snapshot_diff(s1, s5, &d);
	is_str(buf_str(&d), "domain, short (en)", "a stated-empty text and field are removed");

	/* Texts only in another language: the first name found is the fallback. */
	struct rms_term_in de = {.list_id = "900000000001", .id = "900000000199", .lang = "de"};
	de.text[RMS_NAME].value = "Tablette";
	const struct rms_term_in *d1[] = {&de};
	json_t *s6 = rms_snapshot_merge(NULL, d1, 1);
	is_str(rms_snapshot_name_en(s6), "Tablette", "no English name: the first name found");
	is_str(rms_snap_str(s6, "status"), "CURRENT", "a new term without a status is CURRENT");
	json_decref(s1);
	json_decref(s2);
	json_decref(s3);
	json_decref(s4);
	json_decref(s5);
	json_decref(s6);
}

int main(void)
{
	struct arena *a = arena_new();
	test_dates();
	test_merge(a);
	arena_free(a);
	return done_testing();
}
