/* libFuzzer target: the OMS importers, CSV (oms_csv_read) or the portal's
 * JSON (oms_json_read), chosen as sporctl chooses.  Every organisation
 * handed over must be canonical already (oms_org_canonical gives it back
 * unchanged), hold only clean UTF-8 without control characters, have an
 * ORG ID not seen before in the document and LOC IDs for its locations;
 * the counts must agree with what was handed over; and the organisation
 * written as the CSV export writes it (oms_csv_write) must read back to
 * itself.  From JSON, the ID must
 * be one of the document's as written, and no value the canonical form
 * took may hold a NUL byte, which C strings would cut unseen (jansson
 * refuses "\u0000" without JSON_ALLOW_NUL: this guards that choice). */
#include "config.h"

#include "core/export.h"
#include "ctl/ctl.h"
#include "fuzz.h"
#include "core/http_parse.h"
#include "core/mem.h"
#include "oms/oms_record.h"

struct seen {
	json_t *doc; /* the JSON document, parsed apart; NULL for CSV */
	json_t *ids;
	unsigned long orgs, locations, rejects;
};

static void check_strings(const json_t *v)
{
	const char *key;
	size_t i;
	json_t *x;
	switch (json_typeof(v)) {
	case JSON_STRING: {
		const char *s = json_string_value(v);
		size_t n = json_string_length(v);
		fuzz_assert(strlen(s) == n && text_is_clean(s, n), "a value that is not clean UTF-8: %s", s);
		for (size_t k = 0; k < n; k++)
			fuzz_assert((unsigned char)s[k] >= 0x20 && s[k] != 0x7f, "a control character in \"%s\"", s);
		break;
	}
	case JSON_OBJECT:
		json_object_foreach((json_t *)v, key, x) check_strings(x);
		break;
	case JSON_ARRAY:
		json_array_foreach(v, i, x) check_strings(x);
		break;
	default:
		break;
	}
}

/* Walk the input along the canonical form: each input string it took a
 * value from is free of NUL bytes. */
static void check_no_nul(const json_t *in, const json_t *out)
{
	const char *key;
	json_t *v;
	size_t i;
	if (json_is_string(in))
		fuzz_assert(strlen(json_string_value(in)) == json_string_length(in), "a value with a NUL byte is accepted: %s",
			    json_string_value(in));
	else if (json_is_object(in) && json_is_object(out))
		json_object_foreach((json_t *)out, key, v) check_no_nul(json_object_get(in, key), v);
	else if (json_is_array(in) && json_is_array(out))
		json_array_foreach(out, i, v) check_no_nul(json_array_get(in, i), v);
}

/* The input organisation with exactly this ID, or NULL. */
static const json_t *input_org(const struct seen *g, const json_t *id)
{
	size_t i;
	json_t *o;
	json_array_foreach(json_object_get(g->doc, "organisations"), i, o) if (json_equal(json_object_get(o, "id"), id))
		return o;
	return NULL;
}

static int on_reread(void *ctx, json_t *org)
{
	json_t **back = ctx;
	fuzz_assert(!*back, "one organisation exported, several read back");
	*back = org;
	return 0;
}

static void on_reread_reject(void *ctx, unsigned long line, const char *where, const char *why)
{
	(void)ctx;
	(void)where;
	fuzz_assert(0, "the export wrote a row the reader rejects (line %lu: %s)", line, why);
}

/* The organisation as the CSV export writes it reads back to itself. */
static void check_round_trip(const json_t *org)
{
	struct arena *a = arena_new();
	struct buf out;
	buf_init(&out, a);
	for (size_t i = 0; i < oms_csv_ncolumns; i++)
		export_csv_field(&out, oms_csv_columns[i], i == 0);
	buf_puts(&out, "\r\n");
	oms_csv_write(a, &out, org);
	json_t *back = NULL;
	struct oms_sink sink = {&back, on_reread, on_reread_reject, NULL};
	struct oms_read_stats st;
	char err[512];
	fuzz_assert(oms_csv_read(out.data, out.len, &sink, &st, err, sizeof err) == 0, "the export reads not: %s", err);
	fuzz_assert(back && json_equal(back, org), "%s changes through the CSV export: %s",
		    json_string_value(json_object_get(org, "id")), buf_str(&out));
	json_decref(back);
	arena_free(a);
}

static int on_org(void *ctx, json_t *org)
{
	struct seen *g = ctx;
	const char *id = json_string_value(json_object_get(org, "id"));
	fuzz_assert(oms_is_org_id(id), "an organisation without a valid ORG ID");
	fuzz_assert(!json_object_get(g->ids, id), "%s handed over twice", id);
	json_object_set_new(g->ids, id, json_true());
	char err[200];
	json_t *again = oms_org_canonical(org, err, sizeof err);
	fuzz_assert(again, "a canonical organisation is refused: %s", err);
	fuzz_assert(json_equal(again, org), "the canonical form of %s is not stable", id);
	json_decref(again);
	check_strings(org);
	check_round_trip(org);
	if (g->doc) {
		const json_t *in = input_org(g, json_object_get(org, "id"));
		fuzz_assert(in, "%s is not an ID of the document as written", id);
		check_no_nul(in, org);
	}
	size_t i;
	json_t *loc;
	json_array_foreach(json_object_get(org, "locations"), i, loc)
		fuzz_assert(oms_is_loc_id(json_string_value(json_object_get(loc, "id"))), "a location without a LOC ID");
	g->orgs++;
	g->locations += json_array_size(json_object_get(org, "locations"));
	json_decref(org);
	return 0;
}

static void on_reject(void *ctx, unsigned long line, const char *where, const char *why)
{
	struct seen *g = ctx;
	(void)line;
	(void)where;
	fuzz_assert(why && *why, "a rejection without a reason");
	g->rejects++;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *s = fuzz_copy(data, size);
	struct seen g = {.ids = json_object()};
	struct oms_sink sink = {&g, on_org, on_reject, NULL};
	struct oms_read_stats st;
	char err[512];
	bool json = ctl_is_json(s, size);
	if (json)
		g.doc = json_loadb(s, size, JSON_REJECT_DUPLICATES, NULL);
	int rc = json ? oms_json_read(s, size, &sink, &st, err, sizeof err) : oms_csv_read(s, size, &sink, &st, err, sizeof err);
	if (rc == 0) {
		fuzz_assert(st.organisations == g.orgs && st.locations == g.locations, "counts disagree with what was handed over");
		fuzz_assert(st.rejected == g.rejects, "rejections miscounted");
		fuzz_assert(st.rows >= g.orgs, "%lu rows gave %lu organisations", st.rows, g.orgs);
	} else {
		fuzz_assert(*err, "a refused document without a message");
	}
	json_decref(g.ids);
	json_decref(g.doc);
	free(s);
	return 0;
}
