/* libFuzzer target: the FHIR CodeSystem reader (rms_fhir_read), alone or in
 * a Bundle.  Checks that every list has a 12-digit ID and every term a
 * 12-digit ID in a list that was announced, a language code, clean UTF-8
 * texts, a name in English, and valid status and IDs where stated; that a
 * refused document says why; that the counts add up; and, as rms_fhir.h
 * promises, that each term written back as a concept (rms_fhir_concept, as
 * the API does) reads back to the same texts and fields. */
#include "config.h"

#include "fuzz.h"
#include "core/http_parse.h"
#include "core/mem.h"
#include "rms/rms_fhir.h"
#include "rms/rms_snapshot.h"
#include "rms/rms_term_view.h"

struct seen {
	const char *list; /* the last list announced */
	unsigned long lists, records, rejects;
	struct rms_term_in *recs; /* every record, in order (strings in the arena) */
	size_t nrecs, cap;
};

static int on_list(void *ctx, const struct rms_list_in *l)
{
	struct seen *g = ctx;
	fuzz_assert(rms_is_id(l->id), "a list whose ID is not 12 digits");
	fuzz_assert(!l->name || text_is_clean(l->name, strlen(l->name)), "a list name that is not clean UTF-8");
	g->list = l->id;
	g->lists++;
	return 0;
}

static int on_term(void *ctx, const struct rms_term_in *t)
{
	struct seen *g = ctx;
	g->records++;
	fuzz_assert(g->list && strcmp(t->list_id, g->list) == 0, "a term outside the list being read");
	fuzz_assert(rms_is_id(t->id), "a term ID that is not 12 digits");
	fuzz_assert(rms_is_lang(t->lang), "a term with a bad language");
	fuzz_assert(!t->status || rms_is_status(t->status), "a bad status");
	const char *const ids[] = {t->domain_id, t->parent_id, t->current_id};
	for (size_t i = 0; i < 3; i++)
		fuzz_assert(!ids[i] || rms_is_id(ids[i]), "a bad domain, parent or replacement ID");
	size_t texts = 0;
	for (int k = 0; k < RMS_KINDS; k++) {
		const char *v = t->text[k].value;
		if (!v)
			continue;
		texts++;
		fuzz_assert(text_is_clean(v, strlen(v)), "a %s that is not clean UTF-8", rms_kind_names[k]);
		/* A definition may be empty; a name of any kind may not. */
		fuzz_assert(*v || k == RMS_DESCRIPTION, "an empty %s", rms_kind_names[k]);
	}
	fuzz_assert(texts >= 1, "a record without any text");
	if (g->nrecs == g->cap) {
		g->cap = g->cap ? 2 * g->cap : 64;
		g->recs = realloc(g->recs, g->cap * sizeof *g->recs);
		if (!g->recs)
			abort();
	}
	g->recs[g->nrecs++] = *t;
	return 0;
}

static void on_reject(void *ctx, unsigned long line, const char *why)
{
	struct seen *g = ctx;
	(void)line;
	fuzz_assert(why && *why, "a rejection without a reason");
	g->rejects++;
}

/* The term of records [from, to) (one concept and its designations). */
static json_t *snapshot(const struct seen *g, size_t from, size_t to)
{
	const struct rms_term_in **recs = malloc((to - from) * sizeof *recs);
	if (!recs)
		abort();
	for (size_t i = from; i < to; i++)
		recs[i - from] = &g->recs[i];
	json_t *snap = rms_snapshot_merge(NULL, recs, to - from);
	free(recs);
	return snap;
}

/* The term as a concept of a CodeSystem of its list reads back to itself. */
static void check_round_trip(struct arena *a, const json_t *snap)
{
	const char *list = json_string_value(json_object_get(snap, "list"));
	/* As it is stored, and read back as the API reads it. */
	char *stored = json_dumps(snap, JSON_COMPACT | JSON_SORT_KEYS);
	struct rms_term_view term;
	fuzz_assert(stored && rms_term_view_read(a, stored, &term) == 0, "a snapshot reads not: %s", stored);
	free(stored);
	json_t *cs = json_pack("{s:s, s:s, s:[o]}", "resourceType", "CodeSystem", "url",
			       arena_printf(a, "https://spor.ema.europa.eu/v1/lists/%s", list), "concept",
			       rms_fhir_concept(&term));
	char *text = json_dumps(cs, 0);
	struct seen back = {0};
	struct rms_sink sink = {.ctx = &back, .list = on_list, .term = on_term, .reject = on_reject};
	struct rms_fhir_stats st;
	char err[512];
	fuzz_assert(rms_fhir_read(a, text, strlen(text), &sink, &st, err, sizeof err) == 0 && back.nrecs >= 1,
		    "the concept written reads not: %s", err);
	json_t *again = snapshot(&back, 0, back.nrecs);
	fuzz_assert(json_equal(again, snap), "a term changes through rms_fhir_concept and back: %s", text);
	json_decref(again);
	free(back.recs);
	free(text);
	json_decref(cs);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *s = fuzz_copy(data, size);
	struct arena *a = arena_new();
	struct seen g = {0};
	struct rms_sink sink = {.ctx = &g, .list = on_list, .term = on_term, .reject = on_reject};
	struct rms_fhir_stats st;
	char err[512];
	if (rms_fhir_read(a, s, size, &sink, &st, err, sizeof err) == 0) {
		fuzz_assert(st.codesystems == g.lists && g.lists >= 1, "%lu code systems, %lu lists", st.codesystems,
			    g.lists);
		fuzz_assert(st.rejected == g.rejects, "rejections miscounted");
		fuzz_assert(st.concepts <= g.records, "%lu concepts but %lu records", st.concepts, g.records);
		/* A concept's records follow each other: its own, then its designations. */
		for (size_t from = 0, to; from < g.nrecs; from = to) {
			for (to = from + 1; to < g.nrecs && strcmp(g.recs[to].id, g.recs[from].id) == 0; to++)
				;
			json_t *snap = snapshot(&g, from, to);
			check_round_trip(a, snap);
			json_decref(snap);
		}
	} else {
		fuzz_assert(*err, "a refused document without a message");
	}
	free(g.recs);
	arena_free(a);
	free(s);
	return 0;
}
