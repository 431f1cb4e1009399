/* Parsing of what a client sends: query strings and urlencoded bodies into
 * name/value pairs, and the Cookie header.  Every value is checked: no NUL
 * byte, valid UTF-8, within the caps.  A failure names the parameter. */
#ifndef SPOR_HTTP_PARSE_H
#define SPOR_HTTP_PARSE_H

#include <stdbool.h>
#include <stddef.h>

struct arena;

enum {
	PARAMS_MAX = 64,	   /* pairs in one query string or body */
	PARAM_NAME_MAX = 64,	   /* bytes in a parameter name */
	/* Bytes in one decoded value: as many as the largest body a route
	 * takes (256 KiB, the 10,000 IDs of /tools/check); every other body is
	 * capped far below it, and every field by its own maximum. */
	PARAM_VALUE_MAX = 256 * 1024,
	QUERY_MAX = 8192,	   /* bytes in a query string */
	COOKIES_MAX = 32,	   /* cookies kept from one header */
};

struct param {
	const char *name;
	const char *value; /* decoded, NUL-terminated, valid UTF-8 */
	size_t len;
};

struct params {
	struct param *v;
	size_t n, cap;
};

/* Why input was refused; maps to a 400 (or 413) page. */
enum parse_error {
	PARSE_OK = 0,
	PARSE_TOO_MANY,	  /* more than PARAMS_MAX pairs */
	PARSE_TOO_LONG,	  /* a value, name or the whole input over its cap */
	PARSE_NUL,	  /* a NUL byte */
	PARSE_UTF8,	  /* invalid UTF-8 */
	PARSE_ESCAPE,	  /* a malformed %XX escape */
	PARSE_NAME,	  /* a name outside [A-Za-z0-9_.-] */
	PARSE_FORMAT,	  /* a malformed multipart body */
};

struct parse_result {
	enum parse_error error;
	const char *name; /* the offending parameter, or NULL when the name itself is bad */
};

void params_init(struct params *p);
void params_add(struct arena *a, struct params *p, const char *name, const char *value, size_t len);
/* The first value of `name`, or NULL. */
const struct param *params_get(const struct params *p, const char *name);
/* The next parameter after `prev` with the same name, or NULL. */
const struct param *params_next(const struct params *p, const struct param *prev);

/* Append a copy of a pair read from another form of body (a JSON
 * document's parameters) under the checks of a form's: its name, one pair
 * more than PARAMS_MAX (counted in *count), its value's length, NUL bytes,
 * UTF-8.  Returns PARSE_OK or the error, with `res` set. */
enum parse_error params_add_checked(struct arena *a, struct params *p, const char *name, const char *value,
				    size_t len, size_t *count, struct parse_result *res);

/* Parse application/x-www-form-urlencoded text (a query string or a body)
 * and append the pairs to `out`.  Returns PARSE_OK or the first error. */
enum parse_error http_parse_urlencoded(struct arena *a, const char *s, size_t len, struct params *out,
				       struct parse_result *res);

/* A file sent in a multipart/form-data body: the bytes stay in the body. */
struct upload {
	const char *field;    /* the form field's name, or NULL when no file came */
	const char *filename; /* as sent, without any folder part; clean UTF-8 */
	const char *data;
	size_t len;
};

/* The boundary of a "multipart/form-data; boundary=..." Content-Type, or
 * NULL when it is not one (or the boundary is malformed). */
const char *http_multipart_boundary(struct arena *a, const char *content_type);

/* Parse a multipart/form-data body: text parts are appended to `out` (with
 * the checks of urlencoded values), at most one file part goes to `file`
 * and its file name is also appended as the field's value.  A second file,
 * a malformed part or a missing final boundary is an error. */
enum parse_error http_parse_multipart(struct arena *a, const char *body, size_t len, const char *boundary,
				      struct params *out, struct upload *file, struct parse_result *res);

/* Parse a Cookie header.  Malformed cookies are skipped, not fatal: a stray
 * cookie set by another site on the same host must not lock users out. */
void http_parse_cookies(struct arena *a, const char *header, struct params *out);

/* A header's value as text that is safe to store and to show: its first
 * `max` bytes, each byte outside printable ASCII (a control character,
 * DEL, any byte of 8 bits) replaced by '?'.  Header values are ASCII (RFC
 * 9110), but a client may send anything.  "" for NULL. */
const char *http_header_text(struct arena *a, const char *value, size_t max);

/* True when s[0..len) is valid UTF-8 without NUL bytes. */
bool text_is_clean(const char *s, size_t len);

/* Percent-decode s[0..len) into a new string; '+' becomes a space when
 * `plus_is_space`.  Returns NULL on a malformed escape. */
char *http_percent_decode(struct arena *a, const char *s, size_t len, bool plus_is_space, size_t *outlen);

/* Escape `s` for a query-string value: unreserved characters stay, every
 * other byte becomes %XX. */
char *http_url_escape(struct arena *a, const char *s);

/* The language an Accept-Language header asks for (RFC 9110, 12.5.4): of
 * the language ranges whose primary subtag (lower-cased) `ok` accepts, the
 * one of the highest weight, the first of equal weights; NULL when none.
 * An item outside the grammar counts for nothing: a range that is not
 * 1*8ALPHA *("-" 1*8alphanum), a weight that is not a qvalue (above 1,
 * "inf", "1e3", more than three decimals) or another parameter; q=0 means
 * "not this one".  So when the first item is an accepted range without a
 * weight it wins, whatever follows: nginx's page cache keys on that
 * (nginx/spor.conf.in). */
const char *http_pick_lang(struct arena *a, const char *header, bool (*ok)(const void *, const char *),
			   const void *ctx);

#endif
