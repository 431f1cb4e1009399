/* Unit tests of the name an import's history shows for its source
 * (ctl_source_name, cgi/ctl/ctl.h): the last part of a path or URL, never a
 * URL's query (which may hold a key), never half a character, no control
 * characters, and something for an empty name. */
#include "config.h"

#include <string.h>

#include "../tap.h"
#include "ctl/ctl.h"

struct name_case {
	const char *source;
	size_t size;
	const char *name;
};

static const struct name_case cases[] = {
	{"organisations.csv", 256, "organisations.csv"},
	{"/home/op/Downloads/organisations.csv", 256, "organisations.csv"},
	{"../exports/2024/", 256, "2024"},
	{"https://example.org/oms/export.json", 256, "export.json"},
	{"https://example.org/oms/export.json?key=secret#part", 256, "export.json"},
	{"https://user:pass@example.org/a/b.csv?token=x", 256, "b.csv"},
	{"https://example.org", 256, "example.org"},
	{"https://example.org/", 256, "example.org"},
	/* A file's name may hold ? and #: only a URL has a query. */
	{"/tmp/what?.csv", 256, "what?.csv"},
	{"/tmp/Übersicht é.csv", 256, "Übersicht é.csv"},
	/* Cut to the size, on a character's edge. */
	{"/tmp/abcdef", 4, "abc"},
	{"/tmp/ab\xc3\xa9", 4, "ab"},
	{"/tmp/a\xe2\x82\xac" "b", 4, "a"},
	{"/tmp/a\xe2\x82\xac" "b", 5, "a\xe2\x82\xac"},
	/* Neither control characters nor bytes that are no UTF-8. */
	{"/tmp/a\tb\nc\x7f.csv", 256, "a?b?c?.csv"},
	{"/tmp/caf\xe9.csv", 256, "caf?.csv"},
	{"/tmp/\xc3\xa9\xff.csv", 256, "???.csv"},
	/* Nothing left. */
	{"", 256, "-"},
	{"/", 256, "-"},
	{"https://example.org/?q=1", 256, "example.org"},
};

int main(void)
{
	char out[256];
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		memset(out, 'x', sizeof out);
		ctl_source_name(cases[i].source, out, cases[i].size);
		is_str(out, cases[i].name, cases[i].source);
	}
	return done_testing();
}
