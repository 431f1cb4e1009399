/* Personal access tokens' form (bearer.h). */
#include "config.h"

#include <string.h>

#include "core/bearer.h"

bool bearer_ok(const char *s)
{
	return s && strncmp(s, TOKEN_PREFIX, TOKEN_PREFIX_LEN) == 0 && token_ok(s + TOKEN_PREFIX_LEN);
}
