/* The organisations' export's sheets, written from each record. */
#include "config.h"

#include "core/export.h"
#include "core/mem.h"
#include "core/xlsx.h"
#include "oms/oms_xlsx.h"

#define ID(name) {name, XLSX_TEXT, 16}
#define TEXT(name) {name, XLSX_TEXT, 30}
#define CODE(name) {name, XLSX_TEXT, 12}
#define DATE(name) {name, XLSX_DATE, 20}
#define NCOLS(cols) (sizeof cols / sizeof cols[0])

/* Each sheet's columns with the record's key of each (after the
 * organisation's ID, which leads every sheet). */
static const struct xlsx_column org_cols[] = {
	ID("Organisation ID"), TEXT("Organisation Name"), CODE("Organisation Acronym"), CODE("Organisation Type"),
	CODE("Organisation Size"), CODE("Organisation Status"), DATE("Organisation Version"),
	TEXT("Merged Organisation IDs")};
static const char *const org_keys[] = {"name", "acronym", "type", "size", "status", "version"};
static const struct xlsx_column name_cols[] = {ID("Organisation ID"), TEXT("Alternative Name"),
					       CODE("Alternative Name Language")};
static const char *const name_keys[] = {"name", "lang"};
static const struct xlsx_column identifier_cols[] = {ID("Organisation ID"), CODE("Identifier System"),
						     CODE("Identifier Code"), DATE("Identifier Valid From"),
						     DATE("Identifier Valid To")};
static const char *const identifier_keys[] = {"system", "code", "valid_from", "valid_to"};

enum { L_ORG, L_ID, L_LINE1, L_PO_BOX = L_LINE1 + 4, L_POSTAL, L_MERGED = L_POSTAL + 13, L__COUNT };
static const struct xlsx_column location_cols[L__COUNT] = {
	ID("Organisation ID"), ID("Location ID"), TEXT("Address Line 1"), TEXT("Address Line 2"),
	TEXT("Address Line 3"), TEXT("Address Line 4"), CODE("PO Box"), CODE("Postal Code"), TEXT("City"),
	TEXT("County"), TEXT("Region"), CODE("Country Code"), TEXT("Country"), {"Latitude", XLSX_NUMBER, 11},
	{"Longitude", XLSX_NUMBER, 11}, CODE("Location Language"), TEXT("Email"), CODE("Phone"),
	CODE("Location Status"), DATE("Location Version"), TEXT("Merged Location IDs")};
/* The keys of the columns from Postal Code to Location Version. */
static const char *const location_keys[] = {"postal_code",	"city", "county", "region", "country_code", "country",
					    "latitude",		"longitude", "lang", "email", "phone", "status",
					    "version"};
_Static_assert(NCOLS(location_keys) == L_MERGED - L_POSTAL, "a key per column from Postal Code on");

struct oms_xlsx {
	struct xlsx_sheet *orgs, *names, *identifiers, *locations;
};

struct oms_xlsx *oms_xlsx_begin(struct arena *a, struct xlsx *x)
{
	struct oms_xlsx *w = arena_zalloc(a, sizeof *w);
	w->orgs = xlsx_sheet(x, "Organisations", org_cols, NCOLS(org_cols));
	w->names = xlsx_sheet(x, "Alternative Names", name_cols, NCOLS(name_cols));
	w->identifiers = xlsx_sheet(x, "Identifiers", identifier_cols, NCOLS(identifier_cols));
	w->locations = xlsx_sheet(x, "Locations", location_cols, L__COUNT);
	return w;
}

/* A value as the CSV writes it: a string, or a coordinate to 6 places. */
static const char *value(struct arena *a, const json_t *v)
{
	return json_is_number(v) ? arena_printf(a, "%.6f", json_number_value(v)) : json_string_value(v);
}

/* One row per object of `items`: the organisation's ID, then `keys`. */
static void item_rows(struct xlsx_sheet *s, const char *id, const json_t *items, const char *const *keys, size_t n)
{
	size_t i;
	json_t *item;
	json_array_foreach(items, i, item)
	{
		const char *c[5] = {id};
		for (size_t k = 0; k < n && k < 4; k++)
			c[k + 1] = json_string_value(json_object_get(item, keys[k]));
		xlsx_row(s, c);
	}
}

static void location_row(struct oms_xlsx *w, struct arena *a, const char *id, const json_t *loc)
{
	const char *c[L__COUNT] = {[L_ORG] = id, [L_ID] = json_string_value(json_object_get(loc, "id"))};
	const json_t *address = json_object_get(loc, "address");
	for (size_t k = 0; k < 4; k++)
		c[L_LINE1 + k] = json_string_value(json_array_get(address, k));
	c[L_PO_BOX] = json_string_value(json_object_get(loc, "po_box"));
	for (size_t k = 0; k < NCOLS(location_keys); k++)
		c[L_POSTAL + k] = value(a, json_object_get(loc, location_keys[k]));
	c[L_MERGED] = export_joined(a, json_object_get(loc, "merged_ids"), NULL);
	xlsx_row(w->locations, c);
}

void oms_xlsx_org(struct oms_xlsx *w, struct arena *a, const json_t *org)
{
	const char *id = json_string_value(json_object_get(org, "id"));
	const char *c[NCOLS(org_cols)] = {id};
	for (size_t k = 0; k < NCOLS(org_keys); k++)
		c[k + 1] = json_string_value(json_object_get(org, org_keys[k]));
	c[NCOLS(org_cols) - 1] = export_joined(a, json_object_get(org, "merged_ids"), NULL);
	xlsx_row(w->orgs, c);
	item_rows(w->names, id, json_object_get(org, "alternative_names"), name_keys, NCOLS(name_keys));
	item_rows(w->identifiers, id, json_object_get(org, "identifiers"), identifier_keys, NCOLS(identifier_keys));
	size_t i;
	json_t *loc;
	json_array_foreach(json_object_get(org, "locations"), i, loc) location_row(w, a, id, loc);
}
