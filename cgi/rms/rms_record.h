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

struct rms_term_in {
	unsigned long line; /* where the record starts in its file */
	const char *list_id, *id;
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
	/* Texts of one language (lang NULL: none). */
	const char *lang;
	struct rms_text text[RMS_KINDS];
};

/* A list as a source states it (FHIR gives a name; CSV only the ID). */
struct rms_list_in {
	const char *id, *name, *description;
};

/* What an importer hands over, record by record; and rows it refused. */
struct rms_sink {
	void *ctx;
	int (*list)(void *ctx, const struct rms_list_in *list);
	int (*term)(void *ctx, const struct rms_term_in *term);
	void (*reject)(void *ctx, unsigned long line, const char *reason);
	void (*progress)(void *ctx, size_t done, size_t total);
};

/* Value checks shared by the readers. */
bool rms_is_id(const char *s);	       /* 12 digits */
bool rms_is_status(const char *s);     /* PROVISIONAL, CURRENT, NON_CURRENT, NULLIFIED */
bool rms_is_lang(const char *s);       /* en, fr, el-CY ... */
/* Dates: date_normalize (core/date.h). */

#endif
