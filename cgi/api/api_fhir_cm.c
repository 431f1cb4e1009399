/* FHIR ConceptMap: the mappings a list's terms carry (rms_term_mappings:
 * a source vocabulary's code, the source named by its own RMS term, to an
 * SPOR term), one ConceptMap per list and source, its id
 * "{listId}-{sourceId}" and its url
 * https://spor.ema.europa.eu/v1/lists/{listId}/conceptmaps/{sourceId}.
 * The source's codes are the system https://spor.ema.europa.eu/v1/sources/{sourceId}.
 * Read (streamed: a list's map is as large as the list), searched (a
 * searchset Bundle of the maps without their groups), and $translate both
 * ways: a source's code to SPOR terms, an SPOR term (reverse) to the
 * sources' codes.  A mapping of the term's main source is "equivalent";
 * any other "relatedto": the source says the concepts match, but not
 * that this code is the one it names the term by. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "api/api.h"
#include "api/api_tx.h"
#include "core/db.h"
#include "core/export.h"
#include "core/listing.h"
#include "core/program.h"
#include "programs/fields_public.h"
#include "programs/handlers_public.h"
#include "rms/rms_fhir.h"
#include "rms/rms_record.h"

#define MAPS "/conceptmaps/"

/* One map: its list (the columns of tx_list) and source. */
struct map {
	struct db_rows list;
	const char *list_id, *source, *source_name;
};

static const char *equivalence(const char *is_main)
{
	return is_main && strcmp(is_main, "1") == 0 ? "equivalent" : "relatedto";
}

/* The list and source of a map's id ("{listId}-{sourceId}") or url. */
static bool map_of_id(struct req *r, const char *id, const char **list, const char **source)
{
	if (!id || strlen(id) != 25 || id[12] != '-')
		return false;
	*list = arena_strndup(r->arena, id, 12);
	*source = arena_strdup(r->arena, id + 13);
	return rms_is_id(*list) && rms_is_id(*source);
}

static bool map_of_url(struct req *r, const char *url, const char **list, const char **source)
{
	const char *at = url ? strstr(url, MAPS) : NULL;
	if (!at)
		return false;
	*list = tx_id_in(r->arena, arena_strndup(r->arena, url, (size_t)(at - url)), TX_SYSTEM, "");
	*source = at + strlen(MAPS);
	return *list && rms_is_id(*source);
}

/* The source's name: its own term's English name, when the portal has it. */
enum { SOURCE_ID, SOURCE_NAME, SOURCE__COUNT };
static struct db_sql q_source_names = DB_SQL_COLS(SOURCE__COUNT, "SELECT t.id, t.name_en FROM " LISTING_ID_TABLE
						  " JOIN rms_terms t ON t.id = j.id");

static const char *source_name(struct req *r, const struct db_rows *names, const char *source)
{
	for (size_t i = 0; i < names->nrows; i++)
		if (strcmp(db_get(names, i, SOURCE_ID), source) == 0)
			return db_get(names, i, SOURCE_NAME);
	return arena_printf(r->arena, "source %s", source);
}

/* Whether the list's stats name the source (the map exists). */
static bool has_source(const struct db_rows *list, size_t i, const char *source)
{
	json_t *sources = json_loads(db_get(list, i, TX_LIST_SOURCES) ? db_get(list, i, TX_LIST_SOURCES) : "{}", 0, NULL);
	bool has = json_integer_value(json_object_get(sources, source)) > 0;
	json_decref(sources);
	return has;
}

/* The map of list `list_id` and source `source`: 0, 404 naming `param`, or 500. */
static int find_map(struct req *r, struct map *m, const char *list_id, const char *source, const char *param)
{
	m->list_id = list_id;
	m->source = source;
	struct db_rows names;
	if (tx_list(r, list_id, &m->list) < 0 ||
	    db_query(r->app->db, r->arena, &q_source_names, &names, "s", arena_printf(r->arena, "[%s]", source)) < 0)
		return 500;
	if (!m->list.nrows || !has_source(&m->list, 0, source))
		return tx_refuse(r, 404, param, "unknown_concept_map");
	m->source_name = source_name(r, &names, source);
	return 0;
}

static const char *map_url(struct req *r, const char *list, const char *source)
{
	return arena_printf(r->arena, TX_SYSTEM "%s" MAPS "%s", list, source);
}

/* A map without its group: what the search lists, and the head of a read. */
static json_t *concept_map(struct req *r, const struct db_rows *list, size_t i, const char *source,
			   const char *name)
{
	const char *id = db_get(list, i, TX_LIST_ID);
	return json_pack("{s:s, s:s, s:s, s:s, s:s, s:s, s:s, s:s, s:s, s:s}", "resourceType", "ConceptMap", "id",
			 arena_printf(r->arena, "%s-%s", id, source), "url", map_url(r, id, source), "version",
			 db_get(list, i, TX_LIST_VERSION), "name", arena_printf(r->arena, "SPOR_%s_%s", id, source),
			 "title", arena_printf(r->arena, "%s to %s", name, db_get(list, i, TX_LIST_NAME)), "status",
			 rms_fhir_status(db_get(list, i, TX_LIST_STATUS)), "description",
			 arena_printf(r->arena, "The codes of %s that the terms of the SPOR list %s map from", name, id),
			 "sourceUri", arena_printf(r->arena, TX_SOURCE "%s" TX_VALUE_SET, source), "targetUri",
			 arena_printf(r->arena, TX_SYSTEM "%s" TX_VALUE_SET, id));
}

/* A list's mappings from a source, in the order of its terms.  Arguments: list, source. */
enum { ROW_CODE, ROW_NAME, ROW_MAIN, ROW_TERM, ROW_TERM_NAME, ROW__COUNT };
static struct db_sql q_elements = DB_SQL_COLS(ROW__COUNT,
	"SELECT m.source_term_id, m.source_name, m.is_main, t.id, t.name_en FROM rms_terms t FORCE INDEX (rms_terms_list_id)"
	" JOIN rms_term_mappings m ON m.term_id = t.id WHERE t.list_id = ? AND m.source_id = ?"
	" AND m.source_term_id IS NOT NULL ORDER BY t.id, m.position");

/* db_each: one mapping as one element of the group. */
static int element(void *ctx, const char *const *cells, size_t ncols)
{
	(void)ncols;
	struct export_out *o = ctx;
	json_t *e = json_pack("{s:s}", "code", cells[ROW_CODE]);
	if (cells[ROW_NAME])
		json_object_set_new(e, "display", json_string(cells[ROW_NAME]));
	json_object_set_new(e, "target", json_pack("[{s:s, s:s, s:s}]", "code", cells[ROW_TERM], "display",
						   cells[ROW_TERM_NAME], "equivalence", equivalence(cells[ROW_MAIN])));
	char *text = json_dumps(e, JSON_COMPACT | JSON_PRESERVE_ORDER);
	json_decref(e);
	buf_printf(&o->buf, "%s\n%s", o->rows++ ? "," : "", text ? text : "{}");
	free(text);
	export_flush(o, false);
	return 0;
}

int api_fhir_cm_show(struct req *r)
{
	const char *list, *source;
	struct map m;
	if (!map_of_id(r, in_text(r, PF_CM_ID), &list, &source))
		return tx_refuse(r, 404, "conceptMapId", "unknown_concept_map");
	int rc = find_map(r, &m, list, source, "conceptMapId");
	if (rc)
		return rc;
	json_t *cm = concept_map(r, &m.list, 0, source, m.source_name);
	char *head = json_dumps(cm, JSON_COMPACT | JSON_PRESERVE_ORDER);
	json_decref(cm);
	if (!head)
		return 500;
	/* Streamed: the head, then the group's elements as they are read. */
	struct export_out o;
	export_start(&o, r, "application/fhir+json; charset=utf-8", NULL);
	json_t *group = json_pack("{s:s, s:s, s:s}", "source", arena_printf(r->arena, TX_SOURCE "%s", source), "target",
				  arena_printf(r->arena, TX_SYSTEM "%s", list), "targetVersion",
				  db_get(&m.list, 0, TX_LIST_VERSION));
	char *g = json_dumps(group, JSON_COMPACT | JSON_PRESERVE_ORDER);
	json_decref(group);
	buf_printf(&o.buf, "%.*s,\"group\":[%.*s,\"element\":[", (int)(strlen(head) - 1), head,
		   (int)(strlen(g) - 1), g);
	free(head);
	free(g);
	rc = db_each(r->app->db, r->arena, &q_elements, element, &o, "ss", list, source);
	buf_puts(&o.buf, "\n]}]}\n");
	export_end(&o);
	return rc < 0 ? 500 : 200;
}

/* A search parameter's list or source, parsed: NULL when not given, ""
 * when it names none (the search then matches nothing). */
static const char *search_id(struct req *r, int field, const char *prefix, const char *suffix)
{
	const char *v = in_text(r, field), *id = v ? tx_id_in(r->arena, v, prefix, suffix) : NULL;
	return v && !id ? "" : id;
}

/* Two constraints on one ID: the one given, "" when they differ. */
static const char *both(const char *a, const char *b)
{
	return !a ? b : !b ? a : strcmp(a, b) == 0 ? a : "";
}

int api_fhir_cm_search_show(struct req *r)
{
	const char *list = both(search_id(r, PF_CM_TARGET_SYSTEM, TX_SYSTEM, ""),
				search_id(r, PF_CM_TARGET_URI, TX_SYSTEM, TX_VALUE_SET));
	const char *source = both(search_id(r, PF_CM_SOURCE_SYSTEM, TX_SOURCE, ""),
				  search_id(r, PF_CM_SOURCE_URI, TX_SOURCE, TX_VALUE_SET));
	const char *url = in_text(r, PF_TX_URL), *ul, *us;
	if (url && !map_of_url(r, url, &ul, &us))
		ul = us = "";
	if (url) {
		list = both(list, ul);
		source = both(source, us);
	}
	struct db_rows lists = {0}, names = {0};
	bool none = (list && !*list) || (source && !*source);
	if (!none && tx_lists_mapped(r, list, &lists) < 0)
		return 500;
	/* The maps found, [list's row, source] each, and their sources named at once. */
	json_t *maps = json_array(), *ids = json_array();
	for (size_t i = 0; i < lists.nrows; i++) {
		json_t *sources = json_loads(db_get(&lists, i, TX_LIST_SOURCES), 0, NULL), *v;
		const char *s;
		json_object_foreach(sources, s, v) if (!source || strcmp(source, s) == 0)
		{
			json_array_append_new(maps, json_pack("[I, s]", (json_int_t)i, s));
			json_array_append_new(ids, json_integer(atoll(s)));
		}
		json_decref(sources);
	}
	char *text = json_dumps(ids, JSON_COMPACT);
	json_decref(ids);
	int rc = db_query(r->app->db, r->arena, &q_source_names, &names, "s", text ? text : "[]");
	free(text);
	if (rc < 0) {
		json_decref(maps);
		return 500;
	}
	json_t *entries = json_array(), *m;
	size_t k;
	json_array_foreach(maps, k, m)
	{
		const char *s = json_string_value(json_array_get(m, 1));
		json_t *cm = concept_map(r, &lists, (size_t)json_integer_value(json_array_get(m, 0)), s,
					 source_name(r, &names, s));
		/* Its elements are read at its own URL: a search answers the maps' heads. */
		json_object_set_new(cm, "meta", json_pack("{s:[{s:s, s:s}]}", "tag", "system",
							  "http://terminology.hl7.org/CodeSystem/v3-ObservationValue", "code",
							  "SUBSETTED"));
		json_array_append_new(entries,
				      json_pack("{s:s, s:o, s:{s:s}}", "fullUrl",
						arena_printf(r->arena, "%s/api/v1/fhir/ConceptMap/%s", r->app->settings.site_url,
							     json_string_value(json_object_get(cm, "id"))),
						"resource", cm, "search", "mode", "match"));
	}
	json_decref(maps);
	long long total = (long long)json_array_size(entries);
	return api_send_fhir(r, api_bundle(r, 1, total ? total : 1, total, entries));
}

/* A code's mappings, either way (the columns of both). */
enum { TR_SOURCE, TR_LIST, TR_CODE, TR_DISPLAY, TR_MAIN, TR__COUNT };
/* A source's code to terms.  Arguments: code, source, list, list. */
static struct db_sql q_forward = DB_SQL_COLS(TR__COUNT,
	"SELECT m.source_id, t.list_id, t.id, t.name_en, m.is_main FROM rms_term_mappings m"
	" JOIN rms_terms t ON t.id = m.term_id WHERE m.source_term_id = ? AND m.source_id = ?"
	" AND (? IS NULL OR t.list_id = ?) ORDER BY t.list_id, t.id, m.position LIMIT 100");
/* A term to the sources' codes.  Arguments: term, source, source, list, list. */
static struct db_sql q_reverse = DB_SQL_COLS(TR__COUNT,
	"SELECT m.source_id, t.list_id, m.source_term_id, m.source_name, m.is_main FROM rms_term_mappings m"
	" JOIN rms_terms t ON t.id = m.term_id WHERE m.term_id = ? AND m.source_id IS NOT NULL"
	" AND m.source_term_id IS NOT NULL AND (? IS NULL OR m.source_id = ?) AND (? IS NULL OR t.list_id = ?)"
	" ORDER BY m.position LIMIT 100");

/* What a translation is asked: which way, the list and source it keeps
 * to (NULL: any), the code. */
struct ask {
	bool reverse;
	const char *list, *source, *code;
};

/* Narrow `*id` to `to` (a parameter's list or source); false when they
 * differ (nothing can match). */
static bool narrow(const char **id, const char *to)
{
	if (!to)
		return true;
	if (*id && strcmp(*id, to) != 0)
		return false;
	*id = to;
	return true;
}

/* A parameter naming a list's or a source's system or value set: its
 * ID, NULL when not given; 404 naming it when it names neither. */
static int id_param(struct req *r, int field, const char *name, const char *prefix, const char *suffix,
		    const char **id)
{
	const char *v = in_text(r, field);
	*id = v ? tx_id_in(r->arena, v, prefix, suffix) : NULL;
	return v && !*id ? tx_refuse(r, 404, name, "unknown_system") : 0;
}

/* The map, the way and the code a request asks for: 0, 1 (nothing can
 * match), or an error status. */
static int asked(struct req *r, struct ask *a)
{
	const char *system, *id = in_text(r, PF_CM_ID), *url = in_text(r, PF_TX_URL), *ml = NULL, *ms = NULL;
	int rc = tx_coding(r, &system, &a->code);
	if (rc)
		return rc;
	struct map m;
	if ((id && !map_of_id(r, id, &ml, &ms)) || (url && !map_of_url(r, url, &ml, &ms)))
		return tx_refuse(r, 404, id ? "conceptMapId" : "url", "unknown_concept_map");
	if (ml && (rc = find_map(r, &m, ml, ms, id ? "conceptMapId" : "url")))
		return rc;
	a->list = ml;
	a->source = ms;
	a->reverse = tx_bool(r, PF_TX_REVERSE, false);
	/* The system says which way: a list's (an SPOR term) or a source's. */
	const char *sys_list = system ? tx_id_in(r->arena, system, TX_SYSTEM, "") : NULL;
	const char *sys_source = system ? tx_id_in(r->arena, system, TX_SOURCE, "") : NULL;
	if (system && !sys_list && !sys_source)
		return tx_refuse(r, 404, "system", "unknown_system");
	if (sys_source && a->reverse)
		return tx_refuse(r, 400, "reverse", "system_is_a_source");
	a->reverse = a->reverse || sys_list;
	/* source and target are value sets, targetsystem a system, of the
	 * side each names in the translation's direction. */
	const char *vs_source, *vs_target, *t_system;
	const char *src_prefix = a->reverse ? TX_SYSTEM : TX_SOURCE, *dst_prefix = a->reverse ? TX_SOURCE : TX_SYSTEM;
	if ((rc = id_param(r, PF_TX_SOURCE, "source", src_prefix, TX_VALUE_SET, &vs_source)) ||
	    (rc = id_param(r, PF_TX_TARGET, "target", dst_prefix, TX_VALUE_SET, &vs_target)) ||
	    (rc = id_param(r, PF_TX_TARGET_SYSTEM, "targetsystem", dst_prefix, "", &t_system)))
		return rc;
	bool fits = a->reverse ? narrow(&a->list, sys_list) && narrow(&a->list, vs_source) &&
					 narrow(&a->source, vs_target) && narrow(&a->source, t_system)
			       : narrow(&a->source, sys_source) && narrow(&a->source, vs_source) &&
					 narrow(&a->list, vs_target) && narrow(&a->list, t_system);
	if (!a->reverse && !a->source)
		return tx_refuse(r, 400, "system", "missing");
	return fits && (!a->reverse || rms_is_id(a->code)) ? 0 : 1;
}

static int translate(struct req *r)
{
	struct ask a = {0};
	int rc = asked(r, &a);
	if (rc > 1)
		return rc;
	struct db_rows rows = {0};
	if (rc == 0 && (a.reverse ? db_query(r->app->db, r->arena, &q_reverse, &rows, "sssss", a.code, a.source,
					     a.source, a.list, a.list)
				  : db_query(r->app->db, r->arena, &q_forward, &rows, "ssss", a.code, a.source, a.list,
					     a.list)) < 0)
		return 500;
	json_t *out = tx_parameters();
	tx_param(out, "result", "valueBoolean", json_boolean(rows.nrows > 0));
	if (!rows.nrows)
		tx_param(out, "message", "valueString",
			 json_string(arena_printf(r->arena, "No mapping of the code %s%s", a.code,
						  a.reverse ? " to a source" : " to an SPOR term")));
	for (size_t i = 0; i < rows.nrows; i++) {
		const char *list = db_get(&rows, i, TR_LIST), *source = db_get(&rows, i, TR_SOURCE);
		const char *display = db_get(&rows, i, TR_DISPLAY);
		json_t *coding = json_pack("{s:s, s:s}", "system",
					   a.reverse ? arena_printf(r->arena, TX_SOURCE "%s", source)
						     : arena_printf(r->arena, TX_SYSTEM "%s", list),
					   "code", db_get(&rows, i, TR_CODE));
		if (display)
			json_object_set_new(coding, "display", json_string(display));
		json_array_append_new(json_object_get(out, "parameter"),
				      json_pack("{s:s, s:[{s:s, s:s}, {s:s, s:o}, {s:s, s:s}]}", "name", "match", "part",
						"name", "equivalence", "valueCode",
						equivalence(db_get(&rows, i, TR_MAIN)), "name", "concept", "valueCoding",
						coding, "name", "source", "valueUri", map_url(r, list, source)));
	}
	return api_send_fhir(r, out);
}

int api_fhir_cm_translate_show(struct req *r)
{
	return translate(r);
}

int api_fhir_cm_translate_submit(struct req *r)
{
	return translate(r);
}
