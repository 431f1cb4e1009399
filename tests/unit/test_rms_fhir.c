/* Unit tests of the FHIR CodeSystem reader: concepts, designations,
 * properties, nesting, bad concepts, Bundles, and documents that are not
 * what they should be; and the real CodeSystems in ../shared/data/fhir. */
#include "config.h"

#include <dirent.h>
#include <stdlib.h>

#include "../tap.h"
#include "core/file.h"
#include "core/mem.h"
#include "rms/rms_fhir.h"

enum { MAX = 1024 };

struct got {
	struct rms_term_in recs[MAX];
	size_t n;
	struct rms_list_in lists[8];
	size_t nlists;
	size_t nrejects;
};

static int on_list(void *ctx, const struct rms_list_in *l)
{
	struct got *g = ctx;
	if (g->nlists < 8)
		g->lists[g->nlists++] = *l;
	return 0;
}

static int on_term(void *ctx, const struct rms_term_in *t)
{
	struct got *g = ctx;
	if (g->n < MAX)
		g->recs[g->n++] = *t;
	return 0;
}

static void on_reject(void *ctx, unsigned long line, const char *why)
{
	(void)line;
	(void)why;
	((struct got *)ctx)->nrejects++;
}

static int read(struct arena *a, struct got *g, const char *dir, const char *name, struct rms_fhir_stats *st, char *err)
{
	char path[8192];
	snprintf(path, sizeof path, "%s/%s", dir, name);
	memset(g, 0, sizeof *g);
	size_t len;
	char *data = file_read(path, &len);
	if (!data)
		return -2;
	struct rms_sink sink = {.ctx = g, .list = on_list, .term = on_term, .reject = on_reject};
	int rc = rms_fhir_read(a, data, len, &sink, st, err, 512);
	free(data);
	return rc;
}

static const struct rms_term_in *find(const struct got *g, const char *id, const char *lang, enum rms_kind kind)
{
	for (size_t i = 0; i < g->n; i++)
		if (strcmp(g->recs[i].id, id) == 0 && strcmp(g->recs[i].lang, lang) == 0 && g->recs[i].text[kind].value)
			return &g->recs[i];
	return NULL;
}

static void test_fixtures(struct arena *a, const char *dir)
{
	struct got *g = calloc(1, sizeof *g);
	struct rms_fhir_stats st;
	char err[512];
	is_int(read(a, g, dir, "codesystem.json", &st, err), 0, "a CodeSystem reads");
	ok(g->nlists == 1 && strcmp(g->lists[0].id, "900000000002") == 0, "the list ID comes from the url");
	is_str(g->lists[0].name, "Test dose forms <b>bold</b>", "the list name is the title, as text");
	is_int((long long)st.concepts, 3, "three good concepts (one nested)");
	is_int((long long)st.rejected, 2, "a bad code and a concept without display are rejected");
	const struct rms_term_in *t = find(g, "900000000301", "en", RMS_NAME);
	if (ok(t != NULL, "a concept is a term")) {
		is_str(t->text[RMS_NAME].value, "Solution", "display is the English name");
		is_str(t->text[RMS_DESCRIPTION].value, "A liquid dose form", "definition is the English description");
		is_str(t->status, "CURRENT", "status property");
		is_str(t->domain_id, "100000000012", "domain property");
		ok(!t->has_fields, "FHIR does not state every term field");
	}
	t = find(g, "900000000301", "de", RMS_NAME);
	ok(t && strcmp(t->text[RMS_NAME].value, "Lösung") == 0, "a designation is a name in its language");
	t = find(g, "900000000301", "de", RMS_SHORT);
	ok(t && strcmp(t->text[RMS_SHORT].value, "Lsg.") == 0, "a designation's use picks the kind");
	ok(!find(g, "900000000301", "not a language!", RMS_NAME), "a designation in no language is skipped");
	t = find(g, "900000000302", "en", RMS_NAME);
	ok(t && strcmp(t->parent_id, "900000000301") == 0 && strcmp(t->status, "PROVISIONAL") == 0,
	   "a nested concept is a child of its parent");
	t = find(g, "900000000304", "en", RMS_NAME);
	ok(t && strcmp(t->current_id, "900000000301") == 0 && strcmp(t->text[RMS_NAME].value, "Emulsion 💊") == 0,
	   "replacedBy and a 4-byte character");

	is_int(read(a, g, dir, "bundle.json", &st, err), 0, "a Bundle reads");
	ok(st.codesystems == 2 && st.concepts == 3 && g->nlists == 2, "both CodeSystems of the Bundle");
	ok(g->nlists == 2 && strcmp(g->lists[1].id, "900000000004") == 0 && strcmp(g->lists[1].name, "Second") == 0,
	   "http and a trailing slash in the url; name when no title");

	const struct {
		const char *file, *says;
	} bad[] = {
		{"bad-url.json", "not an SPOR list URL"},
		{"patient.json", "not CodeSystem or Bundle"},
		{"broken.json", "line 2"},
		{"bundle-patient.json", "is not a CodeSystem"},
	};
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		int rc = read(a, g, dir, bad[i].file, &st, err);
		if (!ok(rc == -1 && strstr(err, bad[i].says), "%s is refused: %s", bad[i].file, bad[i].says))
			diag("rc %d: %s", rc, err);
	}
	ok(rms_fhir_list_id(a, "https://spor.ema.europa.eu/v1/lists/100000000002/terms") == NULL,
	   "a term URL is no list URL");
	ok(rms_fhir_list_id(a, "https://spor.ema.europa.eu/v1/lists/1000000000021") == NULL, "13 digits are no list ID");
	/* Found by script/fuzz (rms_fhir): a short URL was read 12 bytes on. */
	ok(rms_fhir_list_id(a, arena_strdup(a, "https://spor.ema.europa.eu/v1/lists/9000000002")) == NULL,
	   "10 digits are no list ID");
	ok(rms_fhir_list_id(a, arena_strdup(a, "http://spor.ema.europa.eu/v1/lists/")) == NULL, "no digits, no list ID");
	is_str(rms_fhir_list_id(a, arena_strdup(a, "http://spor.ema.europa.eu/v1/lists/900000000002/")), "900000000002",
	       "a list URL with a final slash");
	free(g);
}

static void test_real(struct arena *a, const char *dir)
{
	const struct {
		const char *file, *list;
		unsigned long concepts;
	} real[] = {
		{"countryEMA.json", "100000000002", 265},   {"languageEMA.json", "100000072057", 186},
		{"domain.json", "100000000004", 3},	    {"routesAndMethodsOfAdministration.json", "100000073345", 136},
		{"combinedDoseForm.json", "200000000006", 77}, {"unitOfPresentation.json", "200000000014", 53},
	};
	struct got *g = calloc(1, sizeof *g);
	for (size_t i = 0; i < sizeof real / sizeof real[0]; i++) {
		struct rms_fhir_stats st;
		char err[512];
		int rc = read(a, g, dir, real[i].file, &st, err);
		ok(rc == 0 && st.concepts == real[i].concepts && st.rejected == 0 && g->nlists == 1 &&
			   strcmp(g->lists[0].id, real[i].list) == 0,
		   "%s: list %s, %lu concepts", real[i].file, real[i].list, real[i].concepts);
	}
	free(g);
}

int main(void)
{
	const char *src = getenv("top_srcdir");
	char fixtures[4096], shared[4096];
	snprintf(fixtures, sizeof fixtures, "%s/tests/fixtures/rms", src ? src : ".");
	struct arena *a = arena_new();
	test_fixtures(a, fixtures);
	const char *data = getenv("SPOR_SHARED_DATA");
	if (data)
		snprintf(shared, sizeof shared, "%s/fhir", data);
	else
		snprintf(shared, sizeof shared, "%s/../shared/data/fhir", src ? src : ".");
	DIR *d = opendir(shared);
	if (d) {
		closedir(d);
		test_real(a, shared);
	} else {
		printf("ok %d - real CodeSystems # SKIP no ../shared/data\n", ++tap_count);
	}
	arena_free(a);
	return done_testing();
}
