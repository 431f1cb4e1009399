/* /api/v1/fhir/metadata: what the FHIR side of the API can do.  The
 * CapabilityStatement (FHIR R4, kind instance) is made from one table, a
 * row per thing the server does with a resource (an interaction, a search
 * parameter, an operation), so that each is described once and a new one
 * is one row; ?mode=terminology gives the TerminologyCapabilities instead:
 * every list as a code system, with its version, its languages and the
 * properties $lookup returns.  tests/http/test_fhir_meta.c holds the table
 * to the route table: every route under /api/v1/fhir/ is in it. */
#include "config.h"

#include <string.h>

#include "api/api.h"
#include "core/db.h"
#include "core/program.h"
#include "programs/fields_public.h"
#include "programs/handlers_public.h"

/* When the table below last changed: the CapabilityStatement's date. */
#define CAPABILITIES_DATE "2026-12-02"

enum cap_kind { CAP_INTERACTION, CAP_SEARCH, CAP_OPERATION };

struct cap {
	const char *resource; /* "CodeSystem" */
	enum cap_kind kind;
	/* An interaction's code (read, search-type), a search parameter's
	 * name, an operation's name without its $. */
	const char *name;
	/* A search parameter's type (string, token); an operation's
	 * definition (its OperationDefinition's canonical URL). */
	const char *what;
	const char *doc;
};

#define OPERATION_DEFINITION "http://hl7.org/fhir/OperationDefinition/"

/* In the order of the CapabilityStatement: a resource's rows together. */
static const struct cap caps[] = {
	/* CodeSystem: the lists (rms_export.c, api_rms.c, api_fhir_cs.c). */
	{"CodeSystem", CAP_INTERACTION, "read", NULL,
	 "A list as a CodeSystem, its terms as concepts (?status= keeps the terms of one status): "
	 "/api/v1/fhir/CodeSystem/{listId}."},
	{"CodeSystem", CAP_INTERACTION, "search-type", NULL,
	 "Terms whose names hold the words of q (case and accents aside, prefixes too, every language), best first: "
	 "a Bundle of CodeSystem fragments, one per list, holding its matching terms; paged by page and size."},
	{"CodeSystem", CAP_SEARCH, "q", "string", "The words to find in the terms' names (required)."},
	{"CodeSystem", CAP_SEARCH, "list", "token", "Only the terms of this list (a list ID)."},
	{"CodeSystem", CAP_SEARCH, "status", "token",
	 "Only terms of this status: PROVISIONAL, CURRENT, NON_CURRENT, NULLIFIED (the term's, not the list's)."},
	{"CodeSystem", CAP_SEARCH, "domain", "token", "Only terms of this domain (a term ID of the Domain list)."},
	{"CodeSystem", CAP_OPERATION, "lookup", OPERATION_DEFINITION "CodeSystem-lookup",
	 "A term of a list: name, version, display (in displayLanguage), every text as a designation with its "
	 "language and use, and the properties definition, status, inactive, domain, parent, child, replacedBy, "
	 "created and modified (property= chooses; lang.X: the designations in X).  Type level with system (or "
	 "coding), instance level on /CodeSystem/{listId}/$lookup; GET or POST.  An unknown code: 404."},
	{"CodeSystem", CAP_OPERATION, "validate-code", OPERATION_DEFINITION "CodeSystem-validate-code",
	 "Whether code (or coding) is a term of the list url: result, display, and message with an "
	 "OperationOutcome (issues) for each issue.  A display that is none of the term's names is a warning, a "
	 "term NON_CURRENT or NULLIFIED is valid with a warning, an unknown code is result false."},
	{"CodeSystem", CAP_OPERATION, "subsumes", OPERATION_DEFINITION "CodeSystem-subsumes",
	 "Whether codeA subsumes codeB (or codingA, codingB) in a hierarchical list: equivalent, subsumes, "
	 "subsumed-by or not-subsumed.  A list without a hierarchy: 422."},
	/* ValueSet (branch i21-fhir-vs: read, $expand, $validate-code): its rows here. */
	/* ConceptMap (branch i21-fhir-vs: read, search, $translate): its rows here. */
	/* Organization and Location: OMS (api_oms.c). */
	{"Organization", CAP_INTERACTION, "read", NULL,
	 "An organisation (ORG-ID): identifiers, active, name, type, aliases; a merged ID answers 301."},
	{"Organization", CAP_INTERACTION, "search-type", NULL,
	 "The organisations search: a Bundle paged by page and size, sorted by sort."},
	{"Organization", CAP_SEARCH, "q", "string", "Words of the name, an acronym or an ORG-ID."},
	{"Organization", CAP_SEARCH, "country", "token", "A location's country (ISO 3166-1 alpha-2)."},
	{"Organization", CAP_SEARCH, "city", "string", "A location's city."},
	{"Organization", CAP_SEARCH, "postal_code", "string", "A location's postal code."},
	{"Organization", CAP_SEARCH, "status", "token", "PROVISIONAL, ACTIVE, INACTIVE or DELETED."},
	{"Organization", CAP_SEARCH, "type", "string", "The organisation's type."},
	{"Location", CAP_INTERACTION, "read", NULL,
	 "A location (LOC-ID): status, address, telecom, position, managingOrganization; a merged ID answers 301."},
};

/* The resource's entry of rest.resource, made and appended when new. */
static json_t *resource_entry(struct req *r, json_t *resources, const char *type)
{
	size_t i;
	json_t *e;
	json_array_foreach(resources, i, e)
	{
		if (strcmp(json_string_value(json_object_get(e, "type")), type) == 0)
			return e;
	}
	e = json_pack("{s:s, s:s}", "type", type, "profile",
		      arena_printf(r->arena, "http://hl7.org/fhir/StructureDefinition/%s", type));
	json_array_append_new(resources, e);
	return e;
}

/* The member `key` of `o`, an array made when new. */
static json_t *array_of(json_t *o, const char *key)
{
	json_t *a = json_object_get(o, key);
	if (!a) {
		a = json_array();
		json_object_set_new(o, key, a);
	}
	return a;
}

/* What the statements say of the server, CapabilityStatement and
 * TerminologyCapabilities alike. */
static json_t *statement(struct req *r, const char *type, const char *name, const char *date)
{
	const char *base = arena_printf(r->arena, "%s/api/v1/fhir", r->app->settings.site_url);
	return json_pack("{s:s, s:s, s:s, s:s, s:s, s:b, s:s, s:s, s:s, s:s, s:{s:s, s:s}, s:{s:s, s:s}}",
			 "resourceType", type, "url",
			 arena_printf(r->arena, "%s/metadata%s", base,
				      strcmp(type, "TerminologyCapabilities") == 0 ? "?mode=terminology" : ""),
			 "name", name, "title", "SPOR portal: FHIR R4 terminology server of the SPOR lists", "status",
			 "active", "experimental", 0, "date", date, "publisher", "SPOR portal", "description",
			 "The SPOR referentials (RMS lists, each a CodeSystem) and organisations (OMS), read-only and "
			 "anonymous.",
			 "kind", "instance", "software", "name", "SPOR portal", "version", PACKAGE_VERSION,
			 "implementation", "description", "SPOR portal FHIR API", "url", base);
}

static int capabilities(struct req *r)
{
	json_t *cs = statement(r, "CapabilityStatement", "SPORPortalCapabilities", CAPABILITIES_DATE);
	json_object_set_new(cs, "instantiates", json_pack("[s]", "http://hl7.org/fhir/CapabilityStatement/terminology-server"));
	json_object_set_new(cs, "fhirVersion", json_string("4.0.1"));
	json_object_set_new(cs, "format", json_pack("[s, s]", "json", "application/fhir+json"));
	json_t *resources = json_array();
	for (size_t i = 0; i < sizeof caps / sizeof caps[0]; i++) {
		const struct cap *c = &caps[i];
		json_t *e = resource_entry(r, resources, c->resource);
		switch (c->kind) {
		case CAP_INTERACTION:
			json_array_append_new(array_of(e, "interaction"),
					      json_pack("{s:s, s:s}", "code", c->name, "documentation", c->doc));
			break;
		case CAP_SEARCH:
			json_array_append_new(array_of(e, "searchParam"), json_pack("{s:s, s:s, s:s}", "name", c->name,
										   "type", c->what, "documentation", c->doc));
			break;
		case CAP_OPERATION:
			json_array_append_new(array_of(e, "operation"),
					      json_pack("{s:s, s:s, s:s}", "name", c->name, "definition", c->what,
							"documentation", c->doc));
			break;
		}
	}
	json_object_set_new(cs, "rest",
			    json_pack("[{s:s, s:s, s:o}]", "mode", "server", "documentation",
				      "Anonymous and read-only; the operations take GET (parameters in the query) and POST "
				      "(a Parameters resource, at most 256 KB).  Errors are OperationOutcomes.",
				      "resource", resources));
	return api_send_fhir(r, cs);
}

/* What $lookup can return of every list's terms (api_fhir_cs.c). */
static const char *const lookup_properties[] = {"definition", "status", "inactive", "domain", "parent",
						"child", "replacedBy", "created", "modified"};

/* Every list: its version, languages, whether it has a hierarchy and when
 * it last changed. */
enum { TC_ID, TC_VERSION, TC_LANGUAGES, TC_HIERARCHICAL, TC_MODIFIED, TC__COUNT };
static struct db_sql q_systems = DB_SQL_COLS(TC__COUNT,
	"SELECT id, version, languages, hierarchical, DATE_FORMAT(modified_at, '%Y-%m-%dT%H:%i:%sZ') FROM rms_lists"
	" ORDER BY id");

static int terminology(struct req *r)
{
	struct db_rows rows;
	if (db_query(r->app->db, r->arena, &q_systems, &rows, "") < 0)
		return 500;
	json_t *systems = json_array(), *properties = json_array();
	for (size_t i = 0; i < sizeof lookup_properties / sizeof lookup_properties[0]; i++)
		json_array_append_new(properties, json_string(lookup_properties[i]));
	const char *date = CAPABILITIES_DATE; /* or the latest change of a list */
	for (size_t i = 0; i < rows.nrows; i++) {
		const char *modified = db_get(&rows, i, TC_MODIFIED);
		if (modified && strcmp(modified, date) > 0)
			date = modified;
		json_t *langs = json_array();
		char *copy = arena_strdup(r->arena, db_get(&rows, i, TC_LANGUAGES)), *save = NULL;
		for (char *l = strtok_r(copy, ",", &save); l; l = strtok_r(NULL, ",", &save))
			json_array_append_new(langs, json_string(l));
		json_t *version = json_pack("{s:s, s:b, s:b}", "code", db_get(&rows, i, TC_VERSION), "isDefault", 1,
					    "compositional", 0);
		if (json_array_size(langs))
			json_object_set_new(version, "language", langs);
		else
			json_decref(langs);
		json_object_set(version, "property", properties);
		json_array_append_new(
			systems,
			json_pack("{s:s, s:[o], s:b}", "uri",
				  arena_printf(r->arena, "https://spor.ema.europa.eu/v1/lists/%s", db_get(&rows, i, TC_ID)),
				  "version", version, "subsumption", strcmp(db_get(&rows, i, TC_HIERARCHICAL), "1") == 0));
	}
	json_decref(properties);
	json_t *tc = statement(r, "TerminologyCapabilities", "SPORPortalTerminology", date);
	json_object_set_new(tc, "lockedDate", json_false());
	json_object_set_new(tc, "codeSystem", systems);
	/* expansion ($expand) and translation ($translate): branch i21-fhir-vs
	 * sets them here. */
	json_object_set_new(tc, "validateCode", json_pack("{s:b}", "translations", 0));
	return api_send_fhir(r, tc);
}

/* ?mode=terminology: the TerminologyCapabilities; else (full, normative,
 * none) the CapabilityStatement. */
int api_fhir_meta_show(struct req *r)
{
	const char *mode = in_text(r, PF_META_MODE);
	return mode && strcmp(mode, "terminology") == 0 ? terminology(r) : capabilities(r);
}
