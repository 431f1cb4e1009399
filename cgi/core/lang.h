/* The two languages of a request: the interface language (the strings of
 * templates/lang/) and the data language (the names of RMS terms), and how
 * a choice made with ?lang= lasts: a cookie for a visitor, the preference
 * of a signed-in user. */
#ifndef SPOR_LANG_H
#define SPOR_LANG_H

#include <stdbool.h>

struct req;

/* The cookies that keep a visitor's choice (nginx/spor.conf.in keys its
 * page cache on them and passes them as SPOR_*_COOKIE). */
#define LANG_COOKIE "spor_lang"
#define LANG_DATA_COOKIE "spor_data_lang"
/* Where spor-account records a signed-in user's choice (account_prefs.c). */
#define LANG_KEEP_PATH "/account/language"

/* Choose both languages and set Req.lang, Req.data_lang (r->lang,
 * r->data_lang) and Req.switch (the links of the language switch).
 * Interface: ?lang= when the portal has it, the user's preference, the
 * visitor's cookie, Accept-Language, English.  Data: ?data_lang=, ?lang=,
 * the user's preference, the visitor's cookie, the interface language. */
void lang_choose(struct req *r);

/* What a request's ?lang= and ?data_lang= ask to keep: the interface
 * language (?lang= when the portal has it, else NULL), the data language
 * (?data_lang=, else a ?lang= the interface lacks, else NULL), and whether
 * the data language is to follow the interface language again (an
 * interface language asked alone). */
struct lang_wish {
	const char *ui, *data;
	bool follow;
};
struct lang_wish lang_wish(const struct req *r);

/* After a page was made (status 200, HTML, GET): make its ?lang= and
 * ?data_lang= last.  A
 * visitor gets the cookies; a signed-in user whose preference differs is
 * sent through LANG_KEEP_PATH, which records it and comes back.  Returns
 * the status of the answer. */
int lang_keep(struct req *r, int status);

#endif
