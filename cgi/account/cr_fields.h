/* The fields of a change request's proposal as the web forms send them,
 * listed once for the two programs that read them: spor-account (the
 * requester's form) and spor-admin (a steward's approval with changes).
 * Each program's field table holds them as one block, in this order, from
 * its AF_PROPOSAL or DF_PROPOSAL on (routes_<program>.c makes the entries
 * and checks that the block is as long as this list); cr_form_values
 * (cr_check.h) reads them into the values of a proposal, which cr_check
 * validates wherever the proposal comes from.
 *
 * X(id, form field name, field type, at most so many characters, choices) */
#ifndef SPOR_CR_FIELDS_H
#define SPOR_CR_FIELDS_H

#define CR_FORM_FIELDS(X)                                                                                          \
	X(TERM_NAME, "term_name", FT_TEXT, 1000, NULL)                                                              \
	X(SHORT_NAME, "short_name", FT_TEXT, 200, NULL)                                                             \
	X(DESCRIPTION, "description", FT_LINES, 4000, NULL)                                                         \
	X(TERM_STATUS, "term_status", FT_ENUM, 0, cr_term_statuses)                                                  \
	X(DOMAIN, "domain", FT_ID12, 0, NULL)                                                                       \
	X(PARENT, "parent", FT_ID12, 0, NULL)                                                                       \
	X(REPLACED_BY, "replaced_by", FT_ID12, 0, NULL)                                                             \
	X(OTHER_NAMES, "other_names", FT_LINES, 10000, NULL)                                                        \
	X(OWNER, "owner", FT_TEXT, 200, NULL)                                                                       \
	X(ORG_NAME, "org_name", FT_TEXT, 500, NULL)                                                                 \
	X(ACRONYM, "acronym", FT_TEXT, 100, NULL)                                                                   \
	X(ORG_TYPE, "org_type", FT_TEXT, 100, NULL)                                                                 \
	X(ORG_SIZE, "org_size", FT_ENUM, 0, cr_org_sizes)                                                           \
	X(ALT_NAMES, "alternative_names", FT_LINES, 5000, NULL)                                                     \
	X(IDENTIFIERS, "identifiers", FT_LINES, 5000, NULL)                                                         \
	X(OMS_STATUS, "oms_status", FT_ENUM, 0, cr_oms_statuses)                                                    \
	X(ADDRESS, "address", FT_LINES, 1000, NULL)                                                                 \
	X(PO_BOX, "po_box", FT_TEXT, 100, NULL)                                                                     \
	X(POSTAL, "postal_code", FT_TEXT, 40, NULL)                                                                 \
	X(CITY, "city", FT_TEXT, 200, NULL)                                                                         \
	X(COUNTY, "county", FT_TEXT, 200, NULL)                                                                     \
	X(REGION, "region", FT_TEXT, 200, NULL)                                                                     \
	X(COUNTRY, "country", FT_COUNTRY, 0, NULL)                                                                  \
	X(LOC_LANG, "loc_lang", FT_LANG, 0, NULL)                                                                   \
	X(LATITUDE, "latitude", FT_TEXT, 20, NULL)                                                                  \
	X(LONGITUDE, "longitude", FT_TEXT, 20, NULL)                                                                \
	X(ORG_EMAIL, "email", FT_CONTACT_EMAIL, 254, NULL)                                                          \
	X(PHONE, "phone", FT_TEXT, 60, NULL)

#define CR_FORM_ENUM(id, name, type, max, choices) CR_F_##id,
enum cr_form_field { CR_FORM_FIELDS(CR_FORM_ENUM) CR_FORM__COUNT };

/* The choices of the fields that have them. */
extern const char *const cr_term_statuses[];
extern const char *const cr_oms_statuses[];
extern const char *const cr_org_sizes[];

/* A program's field table entry for proposal field `id`, the block
 * starting at its index `first`: [first + CR_F_<id>] = {...}. */
#define CR_FORM_FIELD_ENTRY(first, id, field_name, field_type, field_max, field_choices)                           \
	[(first) + CR_F_##id] = {.name = field_name, .type = field_type, .max = field_max, .choices = field_choices},

#endif
