/* The SMTP sink's folder ($SPOR_MAIL, one .eml file per message) as the
 * tests read it. */
#ifndef SPOR_TEST_MAILBOX_H
#define SPOR_TEST_MAILBOX_H

#include <stdbool.h>

/* How many messages hold `needle`; the text of the newest in *text (free
 * it) unless text is NULL. */
int mailbox_count(const char *needle, char **text);

/* How many messages hold `needle` and the link "<path>?token=". */
int mailbox_count_links(const char *needle, const char *path);

/* Wait up to `seconds` until `n` messages hold `needle`. */
bool mailbox_wait(const char *needle, int n, int seconds);

/* The token of the link "<path>?token=..." in the newest message holding
 * `needle` and that link (waiting up to 10 s for one): a new string, or NULL. */
char *mailbox_token(const char *needle, const char *path);

#endif
