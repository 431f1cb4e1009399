/* For the tests of the in-place JSON reader (core/jread.h): the value at
 * the reader as jansson's tree, built from what the reader hands out, to
 * compare with what jansson reads of the same text; NULL when the reader
 * refused the value. */
#ifndef SPOR_TESTS_JREAD_TREE_H
#define SPOR_TESTS_JREAD_TREE_H

#include <jansson.h>
#include <stdlib.h>
#include <string.h>

#include "core/jread.h"

__attribute__((unused)) static json_t *jread_tree(struct jread *j)
{
	const char *key;
	while (j->p < j->end && *j->p && strchr(" \t\r\n", *j->p))
		j->p++;
	char c = j->p < j->end ? *j->p : 0;
	if (c == '{' || c == '[') {
		json_t *t = c == '{' ? json_object() : json_array();
		if (c == '{' ? jread_object(j) : jread_array(j))
			while (c == '{' ? jread_member(j, &key) : jread_element(j)) {
				json_t *v = jread_tree(j);
				if (v && c == '{')
					json_object_set_new(t, key, v);
				else if (v)
					json_array_append_new(t, v);
			}
		return t;
	}
	const char *text = jread_text(j);
	if (j->bad)
		return NULL;
	if (c == '"')
		return json_string(text);
	if (!text)
		return json_null();
	if (strcmp(text, "true") == 0 || strcmp(text, "false") == 0)
		return json_boolean(text[0] == 't');
	if (strpbrk(text, ".eE"))
		return json_real(strtod(text, NULL));
	return json_integer(strtoll(text, NULL, 10));
}

#endif
