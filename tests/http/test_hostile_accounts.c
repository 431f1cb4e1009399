/* Accounts against a hostile user, end to end through nginx, the programs,
 * MariaDB, the outbox and the SMTP sink:
 *   - look-alikes of a known address (another case, an accented letter, a
 *     Cyrillic letter) never reach its account by reset, sign-in or
 *     registration, and nothing is ever mailed to an address as typed: mail
 *     goes to the address stored;
 *   - registering an address that is still pending changes nothing of its
 *     account, and its first link still verifies it with the first password;
 *   - registration, reset links, resets, password changes and deletions are
 *     throttled per email and per address: 429 with Retry-After, the form
 *     saying when, the audit log; sporctl throttle reset lifts it;
 *   - sporctl migrate brings stored addresses to their normal form, keeps
 *     both accounts of a collision and prints them; sporctl and the admin's
 *     search read addresses by the same rule. */
#include "config.h"

#include <ctype.h>
#include <stdlib.h>
#include <time.h>
#include <unistd.h>

#include "../tap.h"
#include "dbtest.h"
#include "mailbox.h"
#include "users.h"

static MYSQL *owner;
static char run[USER_RUN_SIZE]; /* makes this run's emails unique */

#define value(...) dbtest_valuef(owner, __VA_ARGS__)
#define sql(...) dbtest_execf(owner, __VA_ARGS__)

#define PW "a+long+passphrase"
#define CYR_A "\xd0\xb0" /* CYRILLIC SMALL LETTER A, which looks like "a" */

/* An address of this run: <who>.<run>@<domain>. */
static const char *addr(const char *who, const char *domain)
{
	static char buf[8][256];
	static int i;
	i = (i + 1) % 8;
	snprintf(buf[i], sizeof buf[i], "%s.%s@%s", who, run, domain);
	return buf[i];
}

/* `s` percent-encoded for a form body. */
static const char *enc(const char *s)
{
	static char buf[4][1024];
	static int i;
	i = (i + 1) % 4;
	char *o = buf[i];
	for (; *s && o < buf[i] + sizeof buf[i] - 4; s++) {
		unsigned char c = (unsigned char)*s;
		if (isalnum(c) || strchr("-._~", c))
			*o++ = (char)c;
		else
			o += sprintf(o, "%%%02X", c);
	}
	*o = '\0';
	return buf[i];
}

/* Messages in the outbox to exactly this address (byte for byte), of a kind or any. */
static int outbox(const char *to, const char *kind)
{
	return atoi(value("SELECT COUNT(*) FROM outbox WHERE BINARY recipient = BINARY '%s' AND ('%s' = '' OR kind = '%s')",
			  to, kind ? kind : "", kind ? kind : ""));
}

static long forgot(const char *email)
{
	struct visitor v = {0};
	struct resp r;
	char fields[512];
	snprintf(fields, sizeof fields, "email=%s", enc(email));
	long status = visitor_form(&v, "/password/forgot", "/password/forgot", fields, &r);
	resp_free(&r);
	return status;
}

static long sign_in(const char *email, const char *password)
{
	struct visitor v = {0};
	return visitor_login(&v, enc(email), password);
}

static long register_as(const char *name, const char *email, const char *password, struct resp *r)
{
	struct visitor v = {0};
	return visitor_register(&v, name, enc(email), password, r);
}

static int resets_of(const char *account)
{
	return atoi(value("SELECT COUNT(*) FROM account_tokens WHERE account_id = %s AND purpose = 'reset'", account));
}

/* Look-alikes of a known address reach nothing, and mail goes to the
 * address stored only. */
static void test_lookalikes(void)
{
	const char *victim = addr("ada", "example.test");
	char stored[256];
	snprintf(stored, sizeof stored, "%s", victim);
	ok(visitor_new_account("Ada", victim, PW), "the victim's account: %s", stored);
	char id[24];
	snprintf(id, sizeof id, "%s", value("SELECT id FROM accounts WHERE email = '%s'", stored));

	/* Another case: the same mailbox, so the same account; but the link
	 * goes to the address stored, not to the spelling typed. */
	char upper[256];
	snprintf(upper, sizeof upper, "%s", stored);
	for (char *p = upper; *p; p++)
		*p = (char)toupper((unsigned char)*p);
	int to_stored = outbox(stored, "reset");
	ok(forgot(upper) == 200, "a reset asked in upper case: 200");
	ok(outbox(upper, NULL) == 0, "nothing is mailed to the address as typed (%s)", upper);
	ok(outbox(stored, "reset") == to_stored + 1, "the link goes to the address stored");

	/* An accented letter, and a Cyrillic one, in the domain: other domains. */
	const char *accented = addr("ada", "ex\xc3\xa4mple.test"), *cyrillic = addr("ada", "ex" CYR_A "mple.test");
	int links = resets_of(id);
	ok(forgot(accented) == 200 && forgot(cyrillic) == 200, "resets asked for look-alike domains answer the same: 200");
	ok(resets_of(id) == links, "and find no account: no link is made for the victim");
	ok(outbox(accented, NULL) == 0 && outbox(cyrillic, NULL) == 0, "nothing is mailed to the look-alikes");
	ok(strcmp(value("SELECT COUNT(*) FROM audit_log WHERE event = 'password.forgot' AND account_id = %s", id), "1") == 0,
	   "the audit log ties only the request in upper case to the victim");

	/* A Cyrillic letter in the local part: letters of two scripts. */
	const char *mixed = addr(CYR_A "da", "example.test");
	ok(forgot(mixed) == 400, "a local part mixing Cyrillic and Latin is refused: 400");
	struct resp r;
	ok(register_as("Mallory", mixed, PW, &r) == 400 && !*value("SELECT 1 FROM accounts WHERE email LIKE '%%da.%s@%%' "
								    "AND id <> %s",
								    run, id),
	   "and cannot be registered");
	resp_free(&r);

	/* Signing in with a look-alike and the right password. */
	ok(sign_in(accented, PW) == 401 && sign_in(cyrillic, PW) == 401, "look-alike domains do not sign in: 401");
	ok(sign_in(upper, PW) == 303, "another case of the same address does");

	/* Registering a look-alike: a new account of its own (the accented
	 * domain) or a note to the address stored (another case). */
	ok(register_as("Mallory", accented, PW, &r) == 200, "registering the accented look-alike: 200");
	resp_free(&r);
	ok(strcmp(value("SELECT COUNT(*) FROM accounts WHERE email = '%s'", addr("ada", "xn--exmple-cua.test")), "1") == 0,
	   "it is another account, under the domain's IDNA form");
	ok(outbox(accented, NULL) == 0 && outbox(addr("ada", "xn--exmple-cua.test"), "verify") == 1,
	   "mailed at the address stored, not as typed");
	int notes = outbox(stored, "registered");
	ok(register_as("Mallory", upper, PW, &r) == 200, "registering the victim in upper case: 200");
	resp_free(&r);
	ok(outbox(upper, NULL) == 0 && outbox(stored, "registered") == notes + 1,
	   "the note goes to the address stored, none to the spelling typed");
	ok(strcmp(value("SELECT COUNT(*) FROM accounts WHERE LOWER(email) = LOWER('%s')", stored), "1") == 0,
	   "and no second account is made");
}

/* A pending account stays as its first registrant made it. */
static void test_pending(void)
{
	const char *pat = addr("pat", "example.test");
	char mail[256], needle[300];
	snprintf(mail, sizeof mail, "%s", pat);
	snprintf(needle, sizeof needle, "To: <%s>", mail);
	struct resp r;
	ok(register_as("First", mail, "first+pass+phrase", &r) == 200, "a registration, left pending");
	char *first = r.body ? strdup(r.body) : NULL;
	resp_free(&r);
	char hash[256];
	snprintf(hash, sizeof hash, "%s", value("SELECT password_hash FROM accounts WHERE email = '%s'", mail));

	ok(register_as("Second", mail, "second+pass+phrase", &r) == 200, "registering the pending address again: 200");
	ok(first && r.body && labs((long)strlen(first) - (long)strlen(r.body)) < 40,
	   "the same page (%zu and %zu bytes)", first ? strlen(first) : 0, r.body ? strlen(r.body) : 0);
	resp_free(&r);
	free(first);
	char upper[256];
	snprintf(upper, sizeof upper, "PAT.%s@EXAMPLE.TEST", run);
	ok(register_as("Third", upper, "third+pass+phrase", &r) == 200, "and in upper case: 200");
	resp_free(&r);
	ok(strcmp(value("SELECT CONCAT_WS('|', COUNT(*), MAX(name), MAX(status)) FROM accounts WHERE email = '%s'", mail),
		  "1|First|pending") == 0,
	   "one account, its name unchanged, still pending");
	ok(strcmp(value("SELECT password_hash FROM accounts WHERE email = '%s'", mail), hash) == 0,
	   "its password unchanged");
	ok(outbox(mail, "verify") == 1 && outbox(mail, "registered_pending") == 2,
	   "one verification link; each later registration mails its owner a note");
	ok(mailbox_wait(needle, 3, 15), "the three messages reach the address stored");
	char *text = NULL;
	mailbox_count("waits for the address to be confirmed", &text);
	ok(text && strstr(text, needle) && strstr(text, "/password/forgot") && !strstr(text, "?token=") &&
		   !strstr(text, "Second") && !strstr(text, "Third"),
	   "the note holds no link that acts and nothing the registrant typed");
	free(text);

	/* The first link still works, with the first password. */
	char *token = mailbox_token(needle, "/register/verify");
	char path[200], fields[200];
	snprintf(path, sizeof path, "/register/verify?token=%s", token ? token : "");
	snprintf(fields, sizeof fields, "token=%s", token ? token : "");
	struct visitor v = {0};
	ok(token && visitor_form(&v, path, "/register/verify", fields, &r) == 200,
	   "the first link still verifies the account");
	resp_free(&r);
	free(token);
	ok(sign_in(mail, "second+pass+phrase") == 401 && sign_in(mail, "third+pass+phrase") == 401,
	   "the later registrants' passwords do not sign in");
	ok(sign_in(mail, "first+pass+phrase") == 303, "the first one does");
}

/* A throttled answer: 429, Retry-After, the form saying when, the audit log
 * (events <prefix>throttled and <prefix>lockout). */
static void throttled(long status, struct resp *r, const char *what, const char *prefix)
{
	char *retry = header(r, "Retry-After");
	ok(status == 429 && retry && atoi(retry) > 0 && atoi(retry) <= 61, "%s: 429, Retry-After %s", what,
	   retry ? retry : "none");
	ok(body_has(r, "Too many attempts") && body_has(r, "Try again in") && body_has(r, "<title>Error:"),
	   "%s: the form says when to try again", what);
	ok(*value("SELECT 1 FROM audit_log WHERE event = '%sthrottled'", prefix) &&
		   *value("SELECT 1 FROM audit_log WHERE event = '%slockout'", prefix),
	   "%s: the lockout and the refusal are in the audit log (%s...)", what, prefix);
	free(retry);
	resp_free(r);
}

static void test_throttle_register(void)
{
	const char *mail = addr("reg", "example.test");
	struct resp r;
	long status = 0;
	for (int i = 0; i < 5; i++) {
		status = register_as("Reg", mail, PW, &r);
		resp_free(&r);
	}
	ok(status == 200, "five registrations of one email: 200");
	throttled(register_as("Reg", mail, PW, &r), &r, "a sixth registration", "register.");
	ok(outbox(mail, NULL) == 5, "and it mails nothing");
	ok(dbtest_sporctl(NULL, "throttle reset 'a@b@example.test'", NULL) == 2 &&
		   dbtest_sporctl(NULL, "throttle reset 300.1.1.1", NULL) == 2,
	   "sporctl throttle reset refuses a malformed email or address");
	char args[300];
	snprintf(args, sizeof args, "throttle reset '%s'", addr("REG", "EXAMPLE.TEST"));
	ok(dbtest_sporctl(NULL, args, NULL) == 0, "sporctl throttle reset EMAIL (any case)");
	ok(register_as("Reg", mail, PW, &r) == 200, "lifts it: registering answers 200 again");
	resp_free(&r);
}

static void test_throttle_forgot(void)
{
	const char *mail = addr("forgot", "example.test");
	long status = 0;
	for (int i = 0; i < 5; i++)
		status = forgot(mail);
	ok(status == 200, "five reset links asked for one email: 200");
	struct visitor v = {0};
	struct resp r;
	char fields[300];
	snprintf(fields, sizeof fields, "email=%s", enc(mail));
	throttled(visitor_form(&v, "/password/forgot", "/password/forgot", fields, &r), &r, "a sixth", "password.forgot_");

	/* Per address: many emails from one client. */
	sql("DELETE FROM auth_throttle");
	for (int i = 0; i < 30; i++) {
		char who[32];
		snprintf(who, sizeof who, "spray%d", i);
		status = forgot(addr(who, "example.test"));
		if (status != 200)
			break;
	}
	ok(status == 200, "30 reset links for 30 emails from one address: 200");
	snprintf(fields, sizeof fields, "email=%s", enc(addr("spray-last", "example.test")));
	struct visitor w = {0};
	long last = visitor_form(&w, "/password/forgot", "/password/forgot", fields, &r);
	char *retry = header(&r, "Retry-After");
	ok(last == 429 && retry, "the 31st from that address, for yet another email: 429 (Retry-After %s)",
	   retry ? retry : "none");
	free(retry);
	resp_free(&r);
	ok(dbtest_sporctl(NULL, "throttle reset 127.0.0.1", NULL) == 0, "sporctl throttle reset ADDRESS");
	ok(forgot(addr("spray-after", "example.test")) == 200, "lifts the address's lockout");
}

/* Tokens of reset links made in the database, as the mail would bring them. */
static const char *reset_token(const char *account, int i)
{
	static char token[44];
	char head[64];
	snprintf(head, sizeof head, "Hostile%sReset%d", run, i % 10);
	memset(token, 'x', 43);
	token[43] = '\0';
	memcpy(token, head, strlen(head) < 43 ? strlen(head) : 43);
	sql("INSERT INTO account_tokens (token_hash, account_id, purpose, expires_at) VALUES (UNHEX(SHA2('%s', 256)), %s,"
	    " 'reset', UTC_TIMESTAMP() + INTERVAL 1 HOUR)",
	    token, account);
	return token;
}

static void test_throttle_reset(void)
{
	const char *mail = addr("rose", "example.test");
	ok(visitor_new_account("Rose", mail, PW), "an account for the reset links");
	char id[24];
	snprintf(id, sizeof id, "%s", value("SELECT id FROM accounts WHERE email = '%s'", mail));
	long status = 0;
	struct resp r;
	for (int i = 0; i < 6; i++) {
		const char *token = reset_token(id, i);
		char path[200], fields[300];
		snprintf(path, sizeof path, "/password/reset?token=%s", token);
		snprintf(fields, sizeof fields, "token=%s&password=new+pass+phrase+%d&password_confirm=new+pass+phrase+%d",
			 token, i, i);
		struct visitor v = {0};
		status = visitor_form(&v, path, "/password/reset", fields, &r);
		if (i < 5) {
			resp_free(&r);
			if (status != 200)
				break;
		}
	}
	throttled(status, &r, "a sixth reset through a link", "password.reset_");
	ok(sign_in(mail, "new+pass+phrase+4") == 303, "the refused reset changed no password");
}

static void test_throttle_signed_in(void)
{
	struct user u;
	ok(user_make(owner, &u, "sam", run, "example.test"), "a signed-in user");
	char hash[256];
	snprintf(hash, sizeof hash, "%s", value("SELECT password_hash FROM accounts WHERE id = %s", u.id));
	struct resp r;
	long status = 0;
	user_get(&u, "/account/password");
	for (int i = 0; i < 5; i++)
		status = user_post(&u, "/account/password",
				   "current_password=wrong+pass+phrase&password=brand+new+phrase&password_confirm=brand+new+phrase");
	ok(status == 400, "five password changes with a wrong current password: 400");
	user_get(&u, "/account/password");
	throttled(visitor_post(&u.v, "/account/password",
			       "current_password=" USER_PASSWORD "&password=brand+new+phrase&password_confirm=brand+new+phrase",
			       true, &r),
		  &r, "a sixth password change, with the right password", "password.change_");
	ok(strcmp(value("SELECT password_hash FROM accounts WHERE id = %s", u.id), hash) == 0, "the password is unchanged");

	user_get(&u, "/account/delete");
	for (int i = 0; i < 5; i++)
		status = user_post(&u, "/account/delete", "current_password=wrong+pass+phrase");
	ok(status == 400, "five deletions with a wrong password: 400");
	user_get(&u, "/account/delete");
	throttled(visitor_post(&u.v, "/account/delete", "current_password=" USER_PASSWORD, true, &r), &r,
		  "a sixth deletion, with the right password", "account.delete_");
	ok(strcmp(value("SELECT status FROM accounts WHERE id = %s", u.id), "active") == 0, "the account is still there");

	char out[] = "/tmp/spor-hostile-throttle.XXXXXX";
	int fd = mkstemp(out);
	if (fd >= 0)
		close(fd);
	ok(dbtest_sporctl(NULL, "throttle --help", out) == 0, "sporctl throttle --help");
	char *help = slurp(out);
	ok(help && strstr(help, "reset [EMAIL|ADDRESS]"), "says how to use it");
	free(help);
	ok(dbtest_sporctl(NULL, "throttle reset", out) == 0 && strcmp(value("SELECT COUNT(*) FROM auth_throttle"), "0") == 0,
	   "sporctl throttle reset without an argument clears everyone's");
	unlink(out);
	user_get(&u, "/account/delete");
	ok(user_post(&u, "/account/delete", "current_password=" USER_PASSWORD) == 200, "then the deletion goes through");
}

/* sporctl migrate: every stored address in its normal form, no account lost. */
static void test_migrate(void)
{
	char kept[256], mixed[256], typed[256];
	snprintf(kept, sizeof kept, "Mig.%s@Example.TEST", run);
	snprintf(mixed, sizeof mixed, "p" CYR_A "y.%s@example.test", run);
	snprintf(typed, sizeof typed, "Solo.%s@EX\xc3\x84MPLE.test", run);
	/* As an older portal could have stored them. */
	sql("INSERT INTO accounts (email, name, password_hash, status, last_login_at) VALUES ('%s', 'Mig A', 'x', 'active',"
	    " UTC_TIMESTAMP()), ('%s', 'Mig B', 'x', 'pending', NULL), ('%s', 'Solo', 'x', 'active', NULL),"
	    " ('%s', 'Mixed', 'x', 'active', NULL)",
	    kept, addr("mig", "example.test"), typed, mixed);
	char a[24], b[24];
	snprintf(a, sizeof a, "%s", value("SELECT id FROM accounts WHERE BINARY email = BINARY '%s'", kept));
	snprintf(b, sizeof b, "%s", value("SELECT id FROM accounts WHERE BINARY email = BINARY '%s'", addr("mig", "example.test")));
	ok(*a && *b && strcmp(a, b) != 0, "two accounts whose addresses differ only in case (#%s, #%s)", a, b);

	char out[] = "/tmp/spor-hostile-migrate.XXXXXX";
	int fd = mkstemp(out);
	if (fd >= 0)
		close(fd);
	ok(dbtest_sporctl(NULL, "migrate", out) == 0, "sporctl migrate");
	char *report = slurp(out);
	char collision[200];
	snprintf(collision, sizeof collision, "collision: account #%s", a);
	ok(report && strstr(report, collision) && strstr(report, addr("mig", "example.test")),
	   "prints the collision, naming both accounts");
	ok(report && strstr(report, "p" CYR_A "y.") && strstr(report, "mixes letters"), "and the address it cannot normalise");
	free(report);
	ok(strcmp(value("SELECT COUNT(*) FROM accounts WHERE id IN (%s, %s)", a, b), "2") == 0 &&
		   *value("SELECT 1 FROM accounts WHERE id = %s AND BINARY email = BINARY '%s'", b, addr("mig", "example.test")) &&
		   *value("SELECT 1 FROM accounts WHERE id = %s AND BINARY email = BINARY '%s'", a, kept),
	   "both accounts stay; the one already normal keeps the address, the other keeps its own");
	ok(*value("SELECT 1 FROM accounts WHERE BINARY email = BINARY '%s'", addr("solo", "xn--exmple-cua.test")),
	   "an address without a twin is normalised (case, IDNA)");
	char args[300];
	snprintf(args, sizeof args, "user set-email '#%s' '%s'", a, addr("mig-a", "example.test"));
	ok(dbtest_sporctl(NULL, args, NULL) == 0 && *value("SELECT 1 FROM accounts WHERE id = %s AND email = '%s'", a,
							     addr("mig-a", "example.test")),
	   "sporctl user set-email gives the other one an address of its own");
	snprintf(args, sizeof args, "user set-email '#%s' '%s'", a, addr("MIG", "EXAMPLE.TEST"));
	ok(dbtest_sporctl(NULL, args, NULL) == 1, "but never another account's");
	ok(dbtest_sporctl(NULL, "migrate", out) == 0, "migrate again");
	report = slurp(out);
	ok(report && !strstr(report, collision), "the collision is resolved");
	free(report);
	unlink(out);
	snprintf(args, sizeof args, "user lock '%s'", typed);
	ok(dbtest_sporctl(NULL, args, NULL) == 0 && strcmp(value("SELECT status FROM accounts WHERE email = '%s'",
								 addr("solo", "xn--exmple-cua.test")),
							   "locked") == 0,
	   "sporctl user reads an address by the same rule");
	sql("DELETE FROM accounts WHERE name IN ('Mig A', 'Mig B', 'Solo', 'Mixed') AND email LIKE '%%%s%%'", run);
}

/* The administrators' search reads an address by the same rule. */
static void test_admin_search(void)
{
	struct user admin;
	ok(user_make_admin(owner, &admin, "admin", run, "example.test"), "an administrator");
	char path[300];
	struct resp r;
	snprintf(path, sizeof path, "/admin/users?q=%s", enc(addr("ADA", "EXAMPLE.TEST")));
	visitor_get(&admin.v, path, &r);
	ok(body_has(&r, addr("ada", "example.test")), "a search in upper case finds the address");
	resp_free(&r);
	snprintf(path, sizeof path, "/admin/users?q=%s", enc(addr("ada", "ex\xc3\xa4mple.test")));
	visitor_get(&admin.v, path, &r);
	ok(body_has(&r, addr("ada", "xn--exmple-cua.test")) && !body_has(&r, addr("ada", "example.test")),
	   "a search for the accented look-alike finds the look-alike, not the victim");
	resp_free(&r);
}

int main(void)
{
	if (!getenv("SPOR_TEST_BUILD"))
		skip_all("no test instance (script/test sets one up)");
	owner = users_start(run);
	test_lookalikes();
	test_pending();
	sql("DELETE FROM auth_throttle");
	test_throttle_register();
	test_throttle_forgot();
	sql("DELETE FROM auth_throttle");
	test_throttle_reset();
	sql("DELETE FROM auth_throttle");
	test_throttle_signed_in();
	test_migrate();
	test_admin_search();
	users_done(owner);
	return done_testing();
}
