/* libFuzzer target: multipart/form-data bodies.  The input's first line is
 * the Content-Type header (http_multipart_boundary), the rest the body
 * (http_parse_multipart).  Checks the boundary's RFC 2046 form, and of an
 * accepted body: valid names, text values that are clean UTF-8 within the
 * cap and are bytes of the body, and at most one file whose bytes lie in
 * the body and whose name has no folder part. */
#include "config.h"

#include <stdbool.h>

#include "fuzz.h"
#include "core/http_parse.h"
#include "core/mem.h"

static bool valid_name(const char *s)
{
	size_t n = strlen(s);
	return n >= 1 && n <= PARAM_NAME_MAX && strspn(s, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_.-") == n;
}

static bool in_body(const char *body, size_t len, const char *p, size_t n)
{
	return p >= body && n <= len && (size_t)(p - body) <= len - n;
}

static void check_accepted(const char *body, size_t len, const struct params *p, const struct upload *file)
{
	fuzz_assert(p->n <= PARAMS_MAX, "%zu parts accepted", p->n);
	for (size_t i = 0; i < p->n; i++) {
		const struct param *v = &p->v[i];
		fuzz_assert(valid_name(v->name), "part %zu has an invalid name", i);
		fuzz_assert(strlen(v->value) == v->len, "part %zu: value length disagrees (NUL inside?)", i);
		fuzz_assert(v->len <= PARAM_VALUE_MAX, "part %zu: value over the cap", i);
		fuzz_assert(text_is_clean(v->value, v->len), "part %zu: value is not clean UTF-8", i);
		fuzz_assert(v->len == 0 || memmem(body, len, v->value, v->len), "part %zu: a value the body does not hold", i);
	}
	if (!file->field)
		return;
	fuzz_assert(valid_name(file->field), "the file's field name is invalid");
	fuzz_assert(in_body(body, len, file->data, file->len), "the file's bytes are outside the body");
	fuzz_assert(text_is_clean(file->filename, strlen(file->filename)), "the file name is not clean UTF-8");
	fuzz_assert(!strpbrk(file->filename, "/\\"), "the file name keeps a folder: %s", file->filename);
	const struct param *v = params_get(p, file->field);
	fuzz_assert(v != NULL, "the file's field is not among the values");
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const uint8_t *nl = memchr(data, '\n', size);
	if (!nl)
		return 0;
	char *type = fuzz_strdup(data, (size_t)(nl - data));
	size_t len = size - (size_t)(nl + 1 - data);
	char *body = fuzz_copy(nl + 1, len);
	struct arena *a = arena_new();
	const char *boundary = http_multipart_boundary(a, type);
	if (boundary) {
		size_t n = strlen(boundary);
		fuzz_assert(n >= 1 && n <= 70, "a boundary of %zu bytes", n);
		fuzz_assert(strspn(boundary, "0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ'()+_,-./:=? ") == n,
			    "a boundary with a character RFC 2046 does not allow");
		struct params p;
		struct upload file;
		struct parse_result res;
		params_init(&p);
		enum parse_error e = http_parse_multipart(a, body, len, boundary, &p, &file, &res);
		fuzz_assert(res.error == e, "returned %d, result says %d", e, res.error);
		if (e == PARSE_OK)
			check_accepted(body, len, &p, &file);
		else
			fuzz_assert(!res.name || valid_name(res.name), "an error names an invalid parameter");
	}
	arena_free(a);
	free(body);
	free(type);
	return 0;
}
