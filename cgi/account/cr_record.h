/* The records of a change request (db/migrations/0013_request_records.sql):
 * what a request is about, as a flat JSON object of the fields its type can
 * change, each a string ("before": all of them, as they are; a proposal or
 * an approval: those it changes).  One table says which fields each type
 * has, how each is checked (cr_check.c) and which form field sends it
 * (cr_fields.h); the builders read a field the same way from the live data
 * and from a version of the history, so that a record made when a request
 * is submitted and one recovered by sporctl migrate compare as equals. */
#ifndef SPOR_CR_RECORD_H
#define SPOR_CR_RECORD_H

#include <jansson.h>
#include <stdbool.h>
#include <stddef.h>

#include "account/cr_fields.h"

struct arena;
struct db;

/* The request types, as bits of a mask. */
enum cr_type {
	CR_ADD_TERM = 1 << 0,
	CR_UPD_TERM = 1 << 1,
	CR_TRANSLATION = 1 << 2,
	CR_ADD_LIST = 1 << 3,
	CR_UPD_LIST = 1 << 4,
	CR_ADD_ORG = 1 << 5,
	CR_UPD_ORG = 1 << 6,
	CR_ADD_LOC = 1 << 7,
	CR_UPD_LOC = 1 << 8,
};
#define CR_TERMS (CR_ADD_TERM | CR_UPD_TERM | CR_TRANSLATION)
#define CR_LISTS (CR_ADD_LIST | CR_UPD_LIST)
#define CR_ORGS (CR_ADD_ORG | CR_UPD_ORG)
#define CR_LOCATIONS (CR_ADD_ORG | CR_ADD_LOC | CR_UPD_LOC)
#define CR_NEW (CR_ADD_TERM | CR_ADD_LIST | CR_ADD_ORG | CR_ADD_LOC)

/* "ADD-TERM" ... as its bit; 0 for no type of request. */
unsigned cr_type_of(const char *type);

/* Whether a proposal of this type is made against a version of what it
 * changes (a term's, a list's, an organisation's record: base_seq), which
 * must still be the current one when it is approved; not so for a new
 * term, list or organisation. */
bool cr_has_base(unsigned type);

/* How a field's value is checked and written. */
enum cr_kind {
	CK_TEXT,	/* one line of text */
	CK_LINES,	/* text of several lines */
	CK_TERM_STATUS, /* PROVISIONAL, CURRENT, NON_CURRENT, NULLIFIED */
	CK_OMS_STATUS,	/* PROVISIONAL, ACTIVE, INACTIVE, DELETED */
	CK_DOMAIN,	/* a term of the Domain list */
	CK_TERM,	/* another term of the same list */
	CK_NAMES,	/* names in other languages: "fr: Comprimé", a line each */
	CK_SIZE,	/* Micro, Small, Medium, Large */
	CK_ALT_NAMES,	/* an organisation's other names: "name" or "de: name", a line each */
	CK_IDENTIFIERS, /* identifiers in other systems: "system: code [from..to]", a line each */
	CK_ADDRESS,	/* address lines: one to four */
	CK_COUNTRY,	/* an ISO country code */
	CK_LANG,	/* a language code */
	CK_LATITUDE,	/* degrees */
	CK_LONGITUDE,
	CK_EMAIL, /* a contact address */
};

/* A field of a record: its key, the types that have it, its check, at most
 * so many characters (a line of CK_NAMES, CK_ALT_NAMES ...), and the form
 * field that sends it. */
struct cr_key {
	const char *key;
	unsigned types;
	enum cr_kind kind;
	unsigned max;
	enum cr_form_field form;
};
/* In the order the pages show them; a key may stand twice, for types that
 * check it differently (a list's name is shorter than a term's). */
extern const struct cr_key cr_keys[];
extern const size_t cr_nkeys;

/* The entry of cr_keys for `key` in a request of type bit `type`, or NULL. */
const struct cr_key *cr_key_of(unsigned type, const char *key);

/* What a request is about. */
struct cr_target {
	const char *type;	  /* ADD-TERM ... */
	const char *list, *term; /* RMS: the list (of a new term), the term */
	const char *lang;	  /* the language of a term's texts (a translation's) */
	const char *org, *loc;	  /* OMS: the organisation, the location */
};

/* What the target is now. */
struct cr_now {
	bool found;	    /* false: no such term, list, organisation or location */
	json_t *record;	    /* its record (the caller decrefs it); NULL for something new */
	long long seq;	    /* the version a proposal is made against (an organisation's: its record's CRC32) */
	const char *list;   /* a term's list */
	const char *name;   /* the term's English name, the organisation's name: for the pages */
	/* A translation's source, the term's English texts, for its form (or NULL). */
	const char *source_name, *source_description;
};

/* Read the target as it is now.  0, or -1 when the database failed. */
int cr_now_read(struct db *db, struct arena *a, const struct cr_target *t, struct cr_now *now);

/* A list's version as its history keeps it (rms_list_versions.snapshot):
 * the fields a request may change, an SQL expression over rms_lists. */
#define CR_LIST_SNAPSHOT                                                                                            \
	"JSON_OBJECT('name', name, 'short', short_name, 'description', description, 'status', status, 'owner', owner," \
	" 'domain', CAST(domain_id AS CHAR))"

/* The record of a target read from a version of the history: a term's
 * snapshot (rms_term_versions), a list's (rms_list_versions: name, short,
 * description, status, owner, domain), an organisation's record
 * (oms_org_versions; with loc_id, that location's).  NULL when it does not
 * hold the target. */
json_t *cr_record_of_term(unsigned type, const json_t *snapshot, const char *lang);
json_t *cr_record_of_list(unsigned type, const json_t *snapshot);
json_t *cr_record_of_org(unsigned type, const json_t *record, const char *loc_id);

/* Degrees as a record writes them: at most six decimals, no trailing zeros. */
void cr_degrees(double d, char out[32]);

/* A field of lines read for the record: an address (its lines), an
 * organisation's alternative names ({name, lang}), its identifiers
 * ({system, code, valid_from, valid_to}), names in other languages
 * ({lang: name}).  A new reference, or NULL with why (a key of
 * Lang.form.error). */
json_t *cr_lines(enum cr_kind kind, const char *text, const char **why);

/* The fields a record (JSON text) names, as a history says what changed:
 * "name, short". */
const char *cr_record_fields(struct arena *a, const char *record);

/* A record as text, its fields in cr_keys' order (NULL for NULL). */
const char *cr_record_text(struct arena *a, const json_t *record);

#endif
