/* Typed input: each program declares its fields (name, type, bounds) in one
 * table; values from the path, the query and the body are checked against it
 * before any handler runs, so handlers only read typed, bounded values. */
#ifndef SPOR_FIELD_H
#define SPOR_FIELD_H

#include <stdbool.h>

enum field_type {
	FT_TEXT,  /* single-line UTF-8 text, min..max characters, trimmed */
	FT_LINES, /* multi-line UTF-8 text, min..max characters */
	FT_INT,	  /* decimal integer in min..max */
	FT_ENUM,  /* one of `choices` */
	FT_ID12,  /* RMS list or term identifier: 12 digits */
	FT_ORGID, /* ORG- and 9 digits */
	FT_LOCID, /* LOC- and 9 digits */
	FT_EMAIL, /* an account's email: text is its normal form (email.h), at most max characters as typed */
	FT_CONTACT_EMAIL, /* an organisation's contact email: one '@' and a dotted domain, kept as typed (data, not an identity) */
	FT_PATH,  /* a local path for redirects: starts with one '/', no scheme or host */
	FT_LANG,  /* a language code: en, fil, el-CY, zh-Hans */
	FT_COUNTRY, /* an ISO 3166-1 alpha-2 country code, any case (EL, UK read as GR, GB); text: the code */
	FT_SECRET,  /* a password: as typed (not trimmed), no control characters, at most max characters */
	FT_TOKEN,   /* a one-time link's token, a session's public ID: 43 base64url characters */
	FT_FILE,    /* a file of a multipart body (r->upload); text: its file name, at most max characters */
	FT_DATE,    /* a calendar date, yyyy-mm-dd (an <input type="date">'s value) */
};

/* The most characters of an FT_PATH that says where to go back to (the
 * sign-in's `next`), which the pipeline keeps a path with its query within. */
enum { NEXT_MAX = 2000 };

struct field {
	const char *name;
	enum field_type type;
	long long min, max;	    /* FT_INT: value range; text types: length range in characters */
	const char *const *choices; /* FT_ENUM: NULL-terminated */
	/* The most values the field may be given (a FHIR operation's repeated
	 * parameter, such as $lookup's property); 0: one, a second is refused
	 * (FIELD_REPEATED).  Each value is checked; in_all reads them. */
	unsigned many;
};

enum field_error {
	FIELD_OK = 0,
	FIELD_TOO_SHORT,
	FIELD_TOO_LONG,
	FIELD_NOT_NUMBER,
	FIELD_RANGE,
	FIELD_CHOICE,
	FIELD_FORMAT,
	FIELD_CONTROL, /* a control character */
	FIELD_REPEATED, /* given more than once (the route reads one value) */
};

/* A checked value.  `text` is set for every type; `num` for FT_INT and the
 * index into `choices` for FT_ENUM.  A form's required field that failed
 * its check is not set, says why in `bad` (route.h) and keeps in `text`
 * what was typed, for the form to show it again. */
struct input {
	bool set;
	const char *text;
	long long num;
	enum field_error bad;
	const char *const *all; /* a field with `many`: every value, checked, in the request's order */
	size_t nall;
};


struct arena;

/* Check `value` (clean UTF-8, NUL-terminated) against `f`.  An empty value
 * leaves the input unset and is accepted (which fields a route requires is
 * its table's business: route.h).  On success fills `out`. */
enum field_error field_check(struct arena *a, const struct field *f, const char *value, struct input *out);

/* A language code: 2-3 lower-case letters, optionally "-" or "_" and 2-8
 * letters or digits. */
bool field_is_lang(const char *s);

/* `prefix` ("ORG-") and 9 digits. */
bool field_is_prefixed_id(const char *s, const char *prefix);

/* The interface-string key naming a field error (Lang.error.reason.<key>). */
const char *field_error_key(enum field_error e);

#endif
