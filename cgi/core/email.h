/* An account's email address in its one normal form, so that two spellings
 * of one mailbox are one account and a look-alike is another:
 *
 *   - spaces and tabs around it are dropped; it is valid UTF-8 with exactly
 *     one '@';
 *   - the local part (before '@') is NFC, lower-case, and made of ASCII
 *     letters, digits and !#$%&'*+-/=?^_`{|}~ with single dots between
 *     them (not first or last), or of letters and marks of other scripts;
 *     compatibility characters (full-width letters, ligatures, superscripts),
 *     digits other than 0-9, spaces, symbols and invisible characters are
 *     refused, and so are letters of several scripts, except the
 *     combinations Unicode's "highly restrictive" level (UTS #39) allows:
 *     Latin with Han, Hiragana and Katakana; with Han and Bopomofo; with Han
 *     and Hangul;
 *   - the domain is made of letters, digits, hyphens and dots (no spaces,
 *     underscores, IP addresses or invisible characters) and is kept in its
 *     IDNA ASCII form (libidn2: UTS #46 non-transitional, STD3 rules):
 *     lower-case, Unicode labels as punycode "xn--"; at least two labels,
 *     the last with a letter;
 *   - at most 64 bytes before '@' and 254 in all.
 *
 * Accounts store the normal form and are compared with it byte for byte
 * (the column's collation is binary). */
#ifndef SPOR_EMAIL_H
#define SPOR_EMAIL_H

enum { EMAIL_MAX = 254 };

enum email_error {
	EMAIL_OK = 0,
	EMAIL_EMPTY,	 /* nothing but spaces */
	EMAIL_TOO_LONG,	 /* over 64 bytes before '@' or 254 in all (normalised) */
	EMAIL_SYNTAX,	 /* not one '@' with something on each side, or not UTF-8 */
	EMAIL_LOCAL,	 /* a character or dot the local part may not hold */
	EMAIL_SCRIPTS,	 /* letters of scripts that may not be mixed */
	EMAIL_DOMAIN,	 /* not a domain name */
};

/* The normal form of `in` into `out`; EMAIL_OK, or why not (out is then ""). */
enum email_error email_normalize(const char *in, char out[EMAIL_MAX + 1]);

struct arena;
/* What a search for `q` (a whole address or a part of one) looks for among
 * stored addresses: q's normal form when it is a whole address, else q in
 * lower case (NFC). */
const char *email_search_form(struct arena *a, const char *q);

/* The English sentence for an error (the command line). */
const char *email_error_text(enum email_error e);

#endif
