/* FHIR R4 terminology operations on the lists as CodeSystems (system
 * https://spor.ema.europa.eu/v1/lists/{listId}, http:// read too): $lookup,
 * $validate-code and $subsumes, at type level (/api/v1/fhir/CodeSystem/$op,
 * the list named by system, url or a coding's system) and instance level
 * (/api/v1/fhir/CodeSystem/{listId}/$op), by GET (the query) or POST (a
 * Parameters body, which api_read_document reads into the same fields).
 * Each answers a Parameters resource.  Errors are OperationOutcomes
 * (api_error): 400 naming a missing or malformed parameter, 404 for a code
 * system (or version) the portal does not have and for an unknown code in
 * $lookup and $subsumes, 422 for $subsumes on a list without a hierarchy
 * (docs/api.md, "FHIR terminology: CodeSystem operations").  Each operation
 * costs one or two reads by primary key, so that it stays cheap at a
 * million terms. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "api/api.h"
#include "core/db.h"
#include "core/program.h"
#include "programs/fields_public.h"
#include "programs/handlers_public.h"
#include "rms/rms_fhir.h"
#include "rms/rms_record.h"
#include "rms/rms_term_view.h"

/* The most children $lookup names (a list's hierarchy is shallow and
 * narrow; a client wanting more reads the list). */
enum { CHILDREN_MAX = 1000, ANCESTORS_MAX = 64 };

static int refuse(struct req *r, int status, const char *param, const char *reason)
{
	r->err_param = param;
	r->err_reason = reason;
	return status;
}

/* A code and the system it was given in: from `code` and `system`, or from
 * a coding ("system|code", or a code alone).  0, or 400 naming the
 * parameter: both a code and a coding, or a coding whose system is not the
 * one given. */
struct coded {
	const char *system, *code;
};

static int coded_of(struct req *r, const char *system, const char *code, const char *coding, const char *coding_name,
		    struct coded *out)
{
	out->system = system;
	out->code = code;
	if (!coding)
		return 0;
	if (code)
		return refuse(r, 400, coding_name, "ambiguous"); /* a code twice: which one? */
	const char *bar = strchr(coding, '|');
	out->code = bar ? bar + 1 : coding;
	const char *csys = bar ? arena_strndup(r->arena, coding, (size_t)(bar - coding)) : NULL;
	if (csys && *csys && system && strcmp(csys, system) != 0)
		return refuse(r, 400, coding_name, "mismatch");
	if (csys && *csys)
		out->system = csys;
	if (!*out->code)
		out->code = NULL;
	return 0;
}

/* The list the request is about: the path's, else the one its system URL
 * names.  0, 400 (none named, or a system that is not the path's list) or
 * 404 (a system the portal does not have). */
static int list_of(struct req *r, const char *system, const char *param, const char **list)
{
	const char *path = in_text(r, PF_LIST_ID);
	const char *named = system ? rms_fhir_list_id(r->arena, system) : NULL;
	if (system && !named)
		return refuse(r, 404, param, "unknown");
	if (path && named && strcmp(path, named) != 0)
		return refuse(r, 400, param, "mismatch");
	*list = path ? path : named;
	return *list ? 0 : refuse(r, 400, param, "required");
}

/* The list and, when the code is one of its terms, the term with its
 * current snapshot: one read by primary keys.  No row: no such list; a row
 * with no term ID: no such term in it. */
#define CONCEPT_COLUMNS(X)                                                                                          \
	X(C_LIST_NAME, NULL) X(C_LIST_VERSION, NULL) X(C_HIERARCHICAL, NULL) X(C_ID, NULL) X(C_STATUS, NULL)        \
	X(C_DOMAIN, NULL) X(C_PARENT, NULL) X(C_REPLACED_BY, NULL) X(C_CREATED, NULL) X(C_MODIFIED, NULL)            \
	X(C_SNAPSHOT, NULL)
enum { CONCEPT_COLUMNS(DB_COLUMN) C__COUNT };
static struct db_sql q_concept = DB_SQL_COLS(C__COUNT,
	"SELECT l.name, l.version, l.hierarchical, t.id, t.status, t.domain_id, t.parent_id, t.current_term_id,"
	" DATE_FORMAT(t.created_at, '%Y-%m-%dT%H:%i:%sZ'), DATE_FORMAT(t.modified_at, '%Y-%m-%dT%H:%i:%sZ'),"
	" v.snapshot FROM rms_lists l LEFT JOIN rms_terms t ON t.id = ? AND t.list_id = l.id"
	" LEFT JOIN rms_term_versions v ON v.term_id = t.id AND v.seq = t.seq WHERE l.id = ?");

/* What the operations read first: the list (404 when there is none, or
 * when `version` is not its version) and the term `code` in it, if any. */
struct concept {
	struct db_rows row;
	const char *url, *list;
	struct rms_term_view *term; /* its snapshot, NULL when the code is none of the list's */
};

static int concept_read(struct req *r, const char *list, const char *code, const char *version, const char *param,
			struct concept *c)
{
	memset(c, 0, sizeof *c);
	c->list = list;
	c->url = arena_printf(r->arena, "https://spor.ema.europa.eu/v1/lists/%s", list);
	/* Only a term ID is looked up: the database would read "12x" as 12. */
	const char *id = code && rms_is_id(code) ? code : NULL;
	if (db_query(r->app->db, r->arena, &q_concept, &c->row, "ss", id, list) < 0)
		return 500;
	if (!c->row.nrows)
		return refuse(r, 404, in_text(r, PF_LIST_ID) ? "listId" : param, "unknown");
	if (version && strcmp(version, db_get(&c->row, 0, C_LIST_VERSION)) != 0)
		return refuse(r, 404, "version", "unknown");
	const char *snap = db_get(&c->row, 0, C_SNAPSHOT);
	if (db_get(&c->row, 0, C_ID) && snap) {
		c->term = arena_alloc(r->arena, sizeof *c->term);
		if (rms_term_view_read(r->arena, snap, c->term) < 0)
			return 500;
	}
	return 0;
}

/* The term's text of `kind` in `lang`, or NULL. */
static const char *text_of(const struct rms_term_view *term, const char *lang, enum rms_kind kind)
{
	const struct rms_view_text *t = rms_term_view_text(term, lang);
	return t ? t->kind[kind].value : NULL;
}

/* The display in the language asked ("fr", or "fr" for "fr-CH"), else
 * English, else any name. */
static const char *display_of(struct req *r, const struct rms_term_view *term)
{
	const char *lang = in_text(r, PF_CS_DISPLAY_LANGUAGE), *v = NULL;
	if (lang) {
		v = text_of(term, lang, RMS_NAME);
		size_t primary = strcspn(lang, "-_");
		if (!v && lang[primary])
			v = text_of(term, arena_strndup(r->arena, lang, primary), RMS_NAME);
	}
	return v ? v : rms_term_view_name_en(term);
}

/* Parameters' members. */
static json_t *named(const char *name, const char *type, json_t *value)
{
	json_t *p = json_pack("{s:s}", "name", name);
	json_object_set_new(p, type, value);
	return p;
}

static json_t *parameters(void)
{
	return json_pack("{s:s, s:[]}", "resourceType", "Parameters", "parameter");
}

static void add(json_t *params, json_t *p)
{
	json_array_append_new(json_object_get(params, "parameter"), p);
}

/* A property of $lookup: code and value (of type `type`, valueCode ...). */
static void property(json_t *params, const char *code, const char *type, json_t *value)
{
	add(params, json_pack("{s:s, s:[o, o]}", "name", "property", "part", named("code", "valueCode", json_string(code)),
			      named("value", type, value)));
}

/* Which properties the request asks for (every one when it names none):
 * FHIR's property parameter, repeated. */
struct wanted {
	const char *const *names;
	size_t n;
};

static bool wants(const struct wanted *w, const char *name)
{
	if (!w->n)
		return true;
	for (size_t i = 0; i < w->n; i++)
		if (strcmp(w->names[i], name) == 0)
			return true;
	return false;
}

/* Whether designations in `lang` are wanted: "designation" asks for all,
 * "lang.fr" for French's. */
static bool wants_lang(struct req *r, const struct wanted *w, const char *lang)
{
	return wants(w, "designation") || (w->n && wants(w, arena_printf(r->arena, "lang.%s", lang)));
}

/* Every text of the term as a designation: its language, its use (the
 * kind: name, short, other, symbol, definition) and its value. */
static void designations(struct req *r, json_t *params, const struct rms_term_view *term, const struct wanted *w)
{
	for (size_t i = 0; i < term->ntexts; i++) {
		const char *lang = term->texts[i].lang;
		if (!wants_lang(r, w, lang))
			continue;
		for (int k = 0; k < RMS_KINDS; k++) {
			const char *v = term->texts[i].kind[k].value;
			if (!v)
				continue;
			const char *use = k == RMS_DESCRIPTION ? "definition" : rms_kind_names[k];
			add(params, json_pack("{s:s, s:[o, o, o]}", "name", "designation", "part",
					      named("language", "valueCode", json_string(lang)),
					      named("use", "valueCoding",
						    json_pack("{s:s, s:s}", "system", RMS_FHIR_USE_SYSTEM, "code", use)),
					      named("value", "valueString", json_string(v))));
		}
	}
}

/* A term's children, by ID. */
static struct db_sql q_children = DB_SQL("SELECT id FROM rms_terms WHERE parent_id = ? ORDER BY id LIMIT ?");

/* $lookup's properties of the term, those wanted: its definition, RMS
 * status, inactive, the fields that name other terms, its dates, and its
 * children (a hierarchical list's).  0 or 500. */
static int lookup_properties(struct req *r, json_t *out, const struct concept *k, const char *code,
			     const struct wanted *w)
{
	const struct db_rows *row = &k->row;
	const char *status = db_get(row, 0, C_STATUS), *definition = text_of(k->term, "en", RMS_DESCRIPTION);
	if (definition && wants(w, "definition"))
		property(out, "definition", "valueString", json_string(definition));
	if (wants(w, "status"))
		property(out, "status", "valueCode", json_string(status));
	if (wants(w, "inactive"))
		property(out, "inactive", "valueBoolean",
			 json_boolean(strcmp(status, "NON_CURRENT") == 0 || strcmp(status, "NULLIFIED") == 0));
	static const struct {
		const char *name;
		size_t column;
		const char *type;
	} fields[] = {
		{"domain", C_DOMAIN, "valueCode"},	   {"parent", C_PARENT, "valueCode"},
		{"replacedBy", C_REPLACED_BY, "valueCode"}, {"created", C_CREATED, "valueDateTime"},
		{"modified", C_MODIFIED, "valueDateTime"},
	};
	for (size_t i = 0; i < sizeof fields / sizeof fields[0]; i++) {
		const char *v = db_get(row, 0, fields[i].column);
		if (v && wants(w, fields[i].name))
			property(out, fields[i].name, fields[i].type, json_string(v));
	}
	struct db_rows children = {0};
	bool hierarchical = strcmp(db_get(row, 0, C_HIERARCHICAL), "1") == 0;
	if (hierarchical && wants(w, "child") &&
	    db_query(r->app->db, r->arena, &q_children, &children, "si", code, (long long)CHILDREN_MAX) < 0)
		return 500;
	for (size_t i = 0; i < children.nrows; i++)
		property(out, "child", "valueCode", json_string(db_value(&children, i)));
	return 0;
}

static int lookup(struct req *r)
{
	struct coded c;
	int rc = coded_of(r, in_text(r, PF_CS_SYSTEM), in_text(r, PF_CS_CODE), in_text(r, PF_CS_CODING), "coding", &c);
	const char *list = NULL;
	if (rc || (rc = list_of(r, c.system, "system", &list)))
		return rc;
	if (!c.code)
		return refuse(r, 400, "code", "required");
	struct concept k;
	if ((rc = concept_read(r, list, c.code, in_text(r, PF_CS_VERSION), "system", &k)))
		return rc;
	if (!k.term)
		return refuse(r, 404, "code", "unknown");
	struct wanted w;
	w.names = in_all(r, PF_CS_PROPERTY, &w.n);
	json_t *out = parameters();
	add(out, named("name", "valueString", json_string(db_get(&k.row, 0, C_LIST_NAME))));
	add(out, named("version", "valueString", json_string(db_get(&k.row, 0, C_LIST_VERSION))));
	add(out, named("display", "valueString", json_string(display_of(r, k.term))));
	designations(r, out, k.term, &w);
	rc = lookup_properties(r, out, &k, c.code, &w);
	if (rc) {
		json_decref(out);
		return rc;
	}
	return api_send_fhir(r, out);
}

int api_fhir_cs_lookup_show(struct req *r)
{
	return lookup(r);
}

int api_fhir_cs_lookup_submit(struct req *r)
{
	return lookup(r);
}

/* Whether `display` is one of the term's texts (any language, any kind but
 * the description): FHIR leaves which displays are valid to the code
 * system, and a name in French is as much the term's as its English. */
static bool display_known(const struct rms_term_view *term, const char *display)
{
	for (size_t i = 0; i < term->ntexts; i++) {
		for (int k = 0; k < RMS_DESCRIPTION; k++) {
			const char *v = term->texts[i].kind[k].value;
			if (v && strcmp(v, display) == 0)
				return true;
		}
	}
	return false;
}

/* $validate-code's answer: result, the messages (joined) with each as an
 * issue of an OperationOutcome, and the display. */
struct verdict {
	bool result;
	json_t *issues; /* OperationOutcome issues */
	struct buf message;
};

static void issue(struct verdict *v, const char *severity, const char *code, const char *expression, const char *text)
{
	json_t *i = json_pack("{s:s, s:s, s:{s:s}}", "severity", severity, "code", code, "details", "text", text);
	if (expression)
		json_object_set_new(i, "expression", json_pack("[s]", expression));
	json_array_append_new(v->issues, i);
	if (v->message.len)
		buf_puts(&v->message, "; ");
	buf_puts(&v->message, text);
}

static int validate_code(struct req *r)
{
	const char *url = in_text(r, PF_CS_URL), *system = in_text(r, PF_CS_SYSTEM);
	if (url && system && strcmp(url, system) != 0)
		return refuse(r, 400, "system", "mismatch");
	struct coded c;
	int rc = coded_of(r, url ? url : system, in_text(r, PF_CS_CODE), in_text(r, PF_CS_CODING), "coding", &c);
	const char *list = NULL, *param = url || !system ? "url" : "system";
	if (rc || (rc = list_of(r, c.system, param, &list)))
		return rc;
	if (!c.code)
		return refuse(r, 400, "code", "required");
	struct concept k;
	if ((rc = concept_read(r, list, c.code, in_text(r, PF_CS_VERSION), param, &k)))
		return rc;
	struct verdict v = {.result = k.term != NULL, .issues = json_array()};
	buf_init(&v.message, r->arena);
	const char *display = k.term ? display_of(r, k.term) : NULL;
	const char *given = in_text(r, PF_CS_DISPLAY);
	if (!k.term) {
		issue(&v, "error", "code-invalid", "code",
		      arena_printf(r->arena, "Unknown code '%s' in the code system '%s'", c.code, k.url));
	} else {
		const char *status = db_get(&k.row, 0, C_STATUS), *by = db_get(&k.row, 0, C_REPLACED_BY);
		/* A term no longer current is still the term: valid, with a warning. */
		if (strcmp(status, "NON_CURRENT") == 0 || strcmp(status, "NULLIFIED") == 0)
			issue(&v, "warning", "business-rule", "code",
			      arena_printf(r->arena, "The code '%s' is %s%s%s", c.code, status, by ? "; replaced by " : "",
					   by ? by : ""));
		/* A wrong display is an issue, not a failure (FHIR R4). */
		if (given && !display_known(k.term, given))
			issue(&v, "warning", "invalid", "display",
			      arena_printf(r->arena, "The display '%s' is not a display of the code '%s'; it is '%s'", given,
					   c.code, display));
	}
	json_t *out = parameters();
	add(out, named("result", "valueBoolean", json_boolean(v.result)));
	if (v.message.len)
		add(out, named("message", "valueString", json_stringn(v.message.data, v.message.len)));
	if (display)
		add(out, named("display", "valueString", json_string(display)));
	if (json_array_size(v.issues))
		add(out, named("issues", "resource",
			       json_pack("{s:s, s:o}", "resourceType", "OperationOutcome", "issue", v.issues)));
	else
		json_decref(v.issues);
	return api_send_fhir(r, out);
}

int api_fhir_cs_validate_code_show(struct req *r)
{
	return validate_code(r);
}

int api_fhir_cs_validate_code_submit(struct req *r)
{
	return validate_code(r);
}

/* A term and its ancestors, nearest first (ANCESTORS_MAX at most: a loop
 * in the data ends there), each with its list. */
enum { UP_ID, UP_LIST, UP__COUNT };
static struct db_sql q_ancestors = DB_SQL_COLS(UP__COUNT,
	"WITH RECURSIVE up (id, parent_id, list_id, depth) AS ("
	" SELECT id, parent_id, list_id, 0 FROM rms_terms WHERE id = ?"
	" UNION ALL SELECT t.id, t.parent_id, t.list_id, up.depth + 1 FROM up JOIN rms_terms t ON t.id = up.parent_id"
	" WHERE up.depth < ?) SELECT id, list_id FROM up ORDER BY depth");

/* The code and its ancestors, when it is a term of `list`; else 404
 * naming `param`. */
static int ancestors(struct req *r, const char *list, const char *code, const char *param, struct db_rows *up)
{
	if (!rms_is_id(code))
		return refuse(r, 404, param, "unknown");
	if (db_query(r->app->db, r->arena, &q_ancestors, up, "si", code, (long long)ANCESTORS_MAX) < 0)
		return 500;
	return up->nrows && strcmp(db_get(up, 0, UP_LIST), list) == 0 ? 0 : refuse(r, 404, param, "unknown");
}

static bool among(const struct db_rows *up, const char *id)
{
	for (size_t i = 0; i < up->nrows; i++)
		if (strcmp(db_get(up, i, UP_ID), id) == 0)
			return true;
	return false;
}

static int subsumes(struct req *r)
{
	const char *system = in_text(r, PF_CS_SYSTEM);
	struct coded a, b;
	int rc = coded_of(r, system, in_text(r, PF_CS_CODE_A), in_text(r, PF_CS_CODING_A), "codingA", &a);
	if (rc || (rc = coded_of(r, system ? system : a.system, in_text(r, PF_CS_CODE_B), in_text(r, PF_CS_CODING_B),
				 "codingB", &b)))
		return rc;
	if (a.system && b.system && strcmp(a.system, b.system) != 0)
		return refuse(r, 400, "codingB", "mismatch");
	const char *list = NULL;
	if ((rc = list_of(r, a.system ? a.system : b.system, "system", &list)))
		return rc;
	if (!a.code)
		return refuse(r, 400, "codeA", "required");
	if (!b.code)
		return refuse(r, 400, "codeB", "required");
	struct concept k;
	if ((rc = concept_read(r, list, NULL, in_text(r, PF_CS_VERSION), "system", &k)))
		return rc;
	/* FHIR: 422 where the code system cannot test subsumption. */
	if (strcmp(db_get(&k.row, 0, C_HIERARCHICAL), "1") != 0)
		return refuse(r, 422, in_text(r, PF_LIST_ID) ? "listId" : "system", "not_hierarchical");
	struct db_rows up_a, up_b;
	if ((rc = ancestors(r, list, a.code, in_text(r, PF_CS_CODING_A) ? "codingA" : "codeA", &up_a)) ||
	    (rc = ancestors(r, list, b.code, in_text(r, PF_CS_CODING_B) ? "codingB" : "codeB", &up_b)))
		return rc;
	const char *outcome = strcmp(a.code, b.code) == 0 ? "equivalent"
			      : among(&up_b, a.code)	   ? "subsumes"
			      : among(&up_a, b.code)	   ? "subsumed-by"
							   : "not-subsumed";
	json_t *out = parameters();
	add(out, named("outcome", "valueCode", json_string(outcome)));
	return api_send_fhir(r, out);
}

int api_fhir_cs_subsumes_show(struct req *r)
{
	return subsumes(r);
}

int api_fhir_cs_subsumes_submit(struct req *r)
{
	return subsumes(r);
}
