/* RMS records as the importers read them: one term as a source states it,
 * with the texts of one language.  The EMA's CSV gives one record per row
 * (term × language, with every term-level field); a FHIR CodeSystem gives
 * one per concept and designation (texts only).  rms_snapshot.c merges the
 * records of a term into its canonical JSON form. */
#ifndef SPOR_RMS_RECORD_H
#define SPOR_RMS_RECORD_H

#include <stdbool.h>
#include <stddef.h>

enum rms_kind { RMS_NAME, RMS_SHORT, RMS_OTHER, RMS_SYMBOL, RMS_DESCRIPTION, RMS_KINDS };

/* The JSON and database names of the kinds: name, short, other, symbol, description. */
extern const char *const rms_kind_names[RMS_KINDS];

struct rms_text {
	const char *value; /* NULL: the source says nothing of this text */
	const char *status, *modified_at, *modified_by;
};

struct rms_mapping {
	const char *source_id, *code, *name, *is_main, *version, *status;
};

struct rms_attribute {
	const char *name, *value;
};

/* The term-level fields a record may have found unreadable: one bit each
 * in rms_term_in.dropped.  Such a field comes from another record of the
 * term that read it, else stays as the stored term has it. */
enum rms_field {
	RMS_F_STATUS, RMS_F_STATUS_ON, RMS_F_DOMAIN, RMS_F_PARENT, RMS_F_CURRENT, RMS_F_LEVEL_SHORT,
	RMS_F_LEVEL_NAME, RMS_F_COMMENTS, RMS_F_TAGS, RMS_F_VISIBILITY, RMS_F_VERSION, RMS_F_VERSION_DATE,
	RMS_F_MAJOR, RMS_F_CREATED_ON, RMS_F_CREATED_BY, RMS_F_MODIFIED_ON, RMS_F_MODIFIED_BY, RMS_F_MAPPINGS,
	RMS_F_COUNTRIES, RMS_F_ATTRIBUTES, RMS_F__COUNT
};
#define RMS_DROPPED(f) (1u << (f))

struct rms_term_in {
	unsigned long line; /* where the record starts in its file */
	const char *list_id, *id; /* list_id NULL: unreadable, the term's other records say */
	/* Term-level fields, when the source states them (has_fields). */
	bool has_fields;
	const char *status, *status_changed_at, *domain_id, *parent_id, *current_id;
	const char *level_short, *level_name, *comments, *user_tags, *visibility;
	const char *version, *version_date, *is_major;
	const char *created_at, *created_by, *modified_at, *modified_by;
	struct rms_mapping *mappings;
	size_t nmappings;
	const char **countries;
	size_t ncountries;
	struct rms_attribute *attributes;
	size_t nattributes;
	unsigned dropped; /* RMS_DROPPED(rms_field) of each unreadable field */
	/* Texts of one language (lang NULL: none). */
	const char *lang;
	struct rms_text text[RMS_KINDS];
};

/* A list as a source states it (FHIR gives a name; CSV only the ID). */
struct rms_list_in {
	const char *id, *name, *description;
};

/* What an importer hands over, record by record; rows it refused; and
 * values it could not read (`column` names it), whose rows it kept. */
struct rms_sink {
	void *ctx;
	int (*list)(void *ctx, const struct rms_list_in *list);
	int (*term)(void *ctx, const struct rms_term_in *term);
	void (*reject)(void *ctx, unsigned long line, const char *reason);
	void (*progress)(void *ctx, size_t done, size_t total);
	void (*drop)(void *ctx, unsigned long line, const char *column, const char *reason);
};

/* Value checks shared by the readers. */
bool rms_is_id(const char *s);	       /* 12 digits */
bool rms_is_status(const char *s);     /* PROVISIONAL, CURRENT, NON_CURRENT, NULLIFIED */
bool rms_is_lang(const char *s);       /* en, fr, el-CY ... */
/* Dates: date_normalize (core/date.h). */

#endif
