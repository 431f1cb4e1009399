/* Unit tests of the normal form of an account's email (cgi/core/email.h): case,
 * spaces, IDNA, scripts, compatibility and invisible characters, hostile
 * and invalid UTF-8 input, lengths; and what the admin's search looks for. */
#include "config.h"

#include "../tap.h"
#include "core/email.h"
#include "core/field.h"
#include "core/mem.h"

struct email_case {
	const char *input;
	enum email_error error;
	const char *normal; /* when EMAIL_OK */
};

static const struct email_case cases[] = {
	/* One mailbox, one spelling: case and spaces. */
	{"ada@example.org", EMAIL_OK, "ada@example.org"},
	{"Ada@Example.ORG", EMAIL_OK, "ada@example.org"},
	{"ADA@EXAMPLE.ORG", EMAIL_OK, "ada@example.org"},
	{"  ada@example.org\t ", EMAIL_OK, "ada@example.org"},
	{"a.b+tag@sub.example.org", EMAIL_OK, "a.b+tag@sub.example.org"},
	{"o'brien@example.ie", EMAIL_OK, "o'brien@example.ie"},
	{"!#$%&'*+-/=?^_`{|}~@example.org", EMAIL_OK, "!#$%&'*+-/=?^_`{|}~@example.org"},
	{"a@x.c0m", EMAIL_OK, "a@x.c0m"},
	/* The domain in IDNA ASCII form: a look-alike is another domain. */
	{"ada@exämple.com", EMAIL_OK, "ada@xn--exmple-cua.com"},
	{"ada@EXÄMPLE.COM", EMAIL_OK, "ada@xn--exmple-cua.com"},
	{"ada@xn--exmple-cua.com", EMAIL_OK, "ada@xn--exmple-cua.com"},
	{"ada@XN--EXMPLE-CUA.COM", EMAIL_OK, "ada@xn--exmple-cua.com"},
	{"ada@ex\xd0\xb0mple.com", EMAIL_OK, "ada@xn--exmple-4nf.com"}, /* Cyrillic а */
	{"ada@münchen.de", EMAIL_OK, "ada@xn--mnchen-3ya.de"},
	{"ada@faß.de", EMAIL_OK, "ada@xn--fa-hia.de"},		      /* non-transitional: ß stays */
	{"ada@ｅｘａｍｐｌｅ.com", EMAIL_OK, "ada@example.com"},	      /* full width maps to ASCII in IDNA */
	{"ada@例え.jp", EMAIL_OK, "ada@xn--r8jz45g.jp"},
	{"ada@example\xe3\x80\x82org", EMAIL_OK, "ada@example.org"}, /* ideographic full stop */
	/* Local parts of other scripts: NFC, lower case, one script. */
	{"José@example.org", EMAIL_OK, "josé@example.org"},
	{"Jose\xcc\x81@example.org", EMAIL_OK, "jos\xc3\xa9@example.org"}, /* e + combining acute: NFC */
	{"STRASSE@example.de", EMAIL_OK, "strasse@example.de"},
	{"Straße@example.de", EMAIL_OK, "straße@example.de"},
	{"ΑΛΦΑ@example.gr", EMAIL_OK, "αλφα@example.gr"},
	{"\xd0\xb0\xd0\xb4\xd0\xb0@example.org", EMAIL_OK, "\xd0\xb0\xd0\xb4\xd0\xb0@example.org"}, /* all Cyrillic */
	{"山田@example.jp", EMAIL_OK, "山田@example.jp"},
	{"やまだ太郎@example.jp", EMAIL_OK, "やまだ太郎@example.jp"},     /* Hiragana with Han */
	{"yamadaやまだ@example.jp", EMAIL_OK, "yamadaやまだ@example.jp"}, /* Latin with Japanese */
	{"김철수@example.kr", EMAIL_OK, "김철수@example.kr"},
	{"ユーザー@example.jp", EMAIL_OK, "ユーザー@example.jp"}, /* "ー" belongs to no one script */
	/* Mixed scripts. */
	{"p\xd0\xb0ypal@example.com", EMAIL_SCRIPTS, NULL},	  /* Latin with a Cyrillic а */
	{"\xd0\xb0" "da@example.com", EMAIL_SCRIPTS, NULL},	  /* a Cyrillic а first */
	{"adα@example.com", EMAIL_SCRIPTS, NULL},		  /* Greek alpha */
	{"\xd0\xb0\xce\xb1@example.com", EMAIL_SCRIPTS, NULL},	  /* Cyrillic and Greek */
	{"김やまだ@example.com", EMAIL_SCRIPTS, NULL},		  /* Hangul with Hiragana */
	/* Characters the local part may not hold. */
	{"ｅｘ@example.com", EMAIL_LOCAL, NULL},  /* full width: a compatibility character */
	{"\xef\xac\x81@example.com", EMAIL_LOCAL, NULL}, /* the ligature ﬁ */
	{"a\xc2\xb2@example.com", EMAIL_LOCAL, NULL},    /* superscript two */
	{"١٢@example.com", EMAIL_LOCAL, NULL},		 /* Arabic-Indic digits */
	{"a\xe2\x80\x8b" "b@example.com", EMAIL_LOCAL, NULL}, /* zero-width space */
	{"a\xe2\x80\x8d" "b@example.com", EMAIL_LOCAL, NULL}, /* zero-width joiner */
	{"a\xe2\x80\xae" "b@example.com", EMAIL_LOCAL, NULL}, /* right-to-left override */
	{"a\xef\xb8\x8f" "b@example.com", EMAIL_LOCAL, NULL}, /* variation selector */
	{"a\xc2\xa0" "b@example.com", EMAIL_LOCAL, NULL},     /* no-break space */
	{"\xcc\x81" "a@example.com", EMAIL_LOCAL, NULL},      /* a mark first */
	{"a\xe2\x82\xac@example.com", EMAIL_LOCAL, NULL},     /* € */
	{"a b@example.com", EMAIL_LOCAL, NULL},
	{"\"a\"@example.com", EMAIL_LOCAL, NULL},
	{"<a@example.com>", EMAIL_LOCAL, NULL},
	{"a,b@example.com", EMAIL_LOCAL, NULL},
	{"a(b)@example.com", EMAIL_LOCAL, NULL},
	{"a\\b@example.com", EMAIL_LOCAL, NULL},
	{"a..b@example.com", EMAIL_LOCAL, NULL},
	{".a@example.com", EMAIL_LOCAL, NULL},
	{"a.@example.com", EMAIL_LOCAL, NULL},
	{"a\x01@example.com", EMAIL_LOCAL, NULL},
	{"a\x7f@example.com", EMAIL_LOCAL, NULL},
	/* Domains. */
	{"a@localhost", EMAIL_DOMAIN, NULL},
	{"a@1.2.3.4", EMAIL_DOMAIN, NULL},
	{"a@[1.2.3.4]", EMAIL_DOMAIN, NULL},
	{"a@[IPv6:::1]", EMAIL_DOMAIN, NULL},
	{"a@ex_ample.com", EMAIL_DOMAIN, NULL},		/* IDNA would drop the "_" */
	{"a@ex%ample.com", EMAIL_DOMAIN, NULL},
	{"a@exa mple.com", EMAIL_DOMAIN, NULL},
	{"a@exa\xc2\xad" "mple.com", EMAIL_DOMAIN, NULL},  /* soft hyphen: IDNA would drop it */
	{"a@exa\xe2\x80\x8b" "mple.com", EMAIL_DOMAIN, NULL}, /* zero-width space */
	{"a@exa\xef\xb8\x8f" "mple.com", EMAIL_DOMAIN, NULL}, /* variation selector */
	{"a@example..com", EMAIL_DOMAIN, NULL},
	{"a@.example.com", EMAIL_DOMAIN, NULL},
	{"a@example.com.", EMAIL_DOMAIN, NULL},
	{"a@-example.com", EMAIL_DOMAIN, NULL},
	{"a@example-.com", EMAIL_DOMAIN, NULL},
	{"a@xn--abc.com", EMAIL_DOMAIN, NULL},		/* not valid punycode for IDNA */
	{"a@example.123", EMAIL_DOMAIN, NULL},
	{"a@ex\xe2\x82\xac.com", EMAIL_DOMAIN, NULL},	/* € is no letter of a domain */
	/* Syntax and hostile input. */
	{"", EMAIL_EMPTY, NULL},
	{" \t ", EMAIL_EMPTY, NULL},
	{"no-at-sign", EMAIL_SYNTAX, NULL},
	{"a@b@example.org", EMAIL_SYNTAX, NULL},
	{"@example.org", EMAIL_SYNTAX, NULL},
	{"a@", EMAIL_SYNTAX, NULL},
	{"@", EMAIL_SYNTAX, NULL},
	{"a\xc3\x28@example.com", EMAIL_SYNTAX, NULL},	       /* invalid UTF-8 */
	{"a@example.com\xc0\xaf", EMAIL_SYNTAX, NULL},	       /* an overlong "/" */
	{"a\xed\xa0\x80@example.com", EMAIL_SYNTAX, NULL},     /* a surrogate */
	{"a\xf4\x90\x80\x80@example.com", EMAIL_SYNTAX, NULL}, /* beyond U+10FFFF */
	{"a\xe2\x82@example.com", EMAIL_SYNTAX, NULL},	       /* a truncated sequence */
	{"a\xc0\xc0@example.com", EMAIL_SYNTAX, NULL},
	{"\xff@example.com", EMAIL_SYNTAX, NULL},
	{"a@example.com\xef\xbf", EMAIL_SYNTAX, NULL},
};

static char *repeat(char *at, char c, size_t n)
{
	memset(at, c, n);
	at[n] = '\0';
	return at + n;
}

/* Lengths: 64 bytes before '@' and 254 in all, counted on the normal form. */
static void test_lengths(void)
{
	char in[2048], out[EMAIL_MAX + 1];
	strcpy(repeat(in, 'a', 64), "@example.org");
	ok(email_normalize(in, out) == EMAIL_OK && strlen(out) == 64 + 12, "64 bytes before '@': accepted");
	strcpy(repeat(in, 'a', 65), "@example.org");
	is_int(email_normalize(in, out), EMAIL_TOO_LONG, "65 bytes before '@': too long");
	char *p = in;
	for (int i = 0; i < 33; i++) /* 33 two-byte letters: 66 bytes */
		p += sprintf(p, "é");
	strcpy(p, "@example.org");
	is_int(email_normalize(in, out), EMAIL_TOO_LONG, "the limit counts bytes (33 letters é)");
	/* a@ and labels of 63, 63, 63, 56 and org: 254 bytes. */
	p = in + 2;
	strcpy(in, "a@");
	for (int i = 0; i < 3; i++) {
		p = repeat(p, 'b', 63);
		*p++ = '.';
	}
	strcpy(repeat(p, 'c', 56), ".org");
	ok(email_normalize(in, out) == EMAIL_OK && strlen(out) == 254, "254 bytes in all: accepted (%zu)", strlen(in));
	memmove(in + 1, in, strlen(in) + 1); /* one more byte before '@' */
	ok(email_normalize(in, out) == EMAIL_TOO_LONG && !*out, "255 bytes: too long, and nothing is written");
	/* The domain grows in punycode: each "ä" label is "xn--4ca". */
	strcpy(in, "a@");
	for (int i = 0; i < 40; i++)
		strcat(in, "ä.");
	strcat(in, "org");
	ok(strlen(in) < 254 && email_normalize(in, out) == EMAIL_TOO_LONG,
	   "a domain under 254 bytes as typed but longer in punycode: too long");
	repeat(in, 'a', sizeof in - 1);
	in[100] = '@';
	is_int(email_normalize(in, out), EMAIL_TOO_LONG, "2 KB of input: too long, not looked at");
	strcpy(repeat(repeat(in, 'b', 63) + 1, 'c', 64), ".org");
	in[63] = '@';
	is_int(email_normalize(in, out), EMAIL_DOMAIN, "a label of 64 characters is no domain");
}

/* FT_EMAIL hands the normal form to handlers; an organisation's contact
 * address stays as typed. */
static void test_field(void)
{
	struct arena *a = arena_new();
	static const struct field account = {"email", FT_EMAIL, 0, 254, NULL, 0};
	static const struct field contact = {"email", FT_CONTACT_EMAIL, 0, 254, NULL, 0};
	struct input in = {0};
	enum field_error e = field_check(a, &account, " Ada@EXÄMPLE.com ", &in);
	ok(e == FIELD_OK && in.set && strcmp(in.text, "ada@xn--exmple-cua.com") == 0, "FT_EMAIL: the normal form (%s)",
	   in.text ? in.text : "none");
	ok(field_check(a, &account, "p\xd0\xb0ypal@example.com", &in) == FIELD_FORMAT && !in.set,
	   "FT_EMAIL: mixed scripts are a format error");
	ok(field_check(a, &contact, "Info@Example.ORG", &in) == FIELD_OK && strcmp(in.text, "Info@Example.ORG") == 0,
	   "FT_CONTACT_EMAIL: kept as typed");
	ok(field_check(a, &contact, "a@localhost", &in) == FIELD_FORMAT, "FT_CONTACT_EMAIL: still checked");
	arena_free(a);
}

static void test_search(void)
{
	struct arena *a = arena_new();
	is_str(email_search_form(a, "Ada@EXÄMPLE.com"), "ada@xn--exmple-cua.com", "search: a whole address, normalised");
	is_str(email_search_form(a, "ÉLODIE"), "élodie", "search: a part, in lower case");
	is_str(email_search_form(a, "Example.ORG"), "example.org", "search: a domain, in lower case");
	arena_free(a);
}

int main(void)
{
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		const struct email_case *c = &cases[i];
		char out[EMAIL_MAX + 1];
		enum email_error e = email_normalize(c->input, out);
		bool right = e == c->error && (e != EMAIL_OK ? !*out : strcmp(out, c->normal) == 0);
		if (!ok(right, "\"%s\": %s", c->input, c->error == EMAIL_OK ? c->normal : email_error_text(c->error)))
			diag("got %d \"%s\"", e, out);
	}
	/* Normalising the normal form changes nothing. */
	int stable = 0, valid = 0;
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		char out[EMAIL_MAX + 1], again[EMAIL_MAX + 1];
		if (email_normalize(cases[i].input, out) != EMAIL_OK)
			continue;
		valid++;
		stable += email_normalize(out, again) == EMAIL_OK && strcmp(out, again) == 0;
	}
	ok(stable == valid, "the normal form is its own normal form (%d of %d)", stable, valid);
	test_lengths();
	test_field();
	test_search();
	return done_testing();
}
