/* Unit tests of two-step sign-in's pure parts: TOTP codes against RFC
 * 6238's SHA-1 test vectors, the window of one step either side, no code
 * accepted again for a step at or before the last one used, the base32 and
 * otpauth:// forms an authenticator app reads, recovery codes (format,
 * reading what users type, salted hashes), and the sealing of secrets
 * (a secret opens only under its key and for its account). */
#include "config.h"

#include <string.h>

#include "../tap.h"
#include "account/recovery.h"
#include "account/seal.h"
#include "account/totp.h"
#include "core/mem.h"

/* RFC 6238, appendix B: the SHA-1 seed "12345678901234567890". */
static const unsigned char rfc_seed[] = "12345678901234567890";

static void test_vectors(void)
{
	static const struct {
		long long time;
		const char *code;
	} vectors[] = {
		{59, "94287082"},	  {1111111109, "07081804"}, {1111111111, "14050471"},
		{1234567890, "89005924"}, {2000000000, "69279037"}, {20000000000, "65353130"},
	};
	for (size_t i = 0; i < sizeof vectors / sizeof vectors[0]; i++) {
		char code[TOTP_CODE_MAX] = "";
		int rc = totp_code(rfc_seed, 20, totp_step((time_t)vectors[i].time), 8, code);
		ok(rc == 0 && strcmp(code, vectors[i].code) == 0, "RFC 6238 SHA-1 at T=%lld: %s (%s)", vectors[i].time,
		   vectors[i].code, code);
	}
	char six[TOTP_CODE_MAX] = "";
	ok(totp_code(rfc_seed, 20, totp_step(59), 6, six) == 0 && strcmp(six, "287082") == 0,
	   "6 digits are the last 6 of the 8 (%s)", six);
	ok(totp_step(59) == 1 && totp_step(60) == 2 && totp_step(1111111109) == 37037036, "30-second steps from 1970");
}

static void test_window(void)
{
	const time_t now = 1700000015; /* inside step 56666667 */
	long long step = totp_step(now);
	char before[TOTP_CODE_MAX], at[TOTP_CODE_MAX], after[TOTP_CODE_MAX], far[TOTP_CODE_MAX], older[TOTP_CODE_MAX];
	totp_code(rfc_seed, 20, step - 1, 6, before);
	totp_code(rfc_seed, 20, step, 6, at);
	totp_code(rfc_seed, 20, step + 1, 6, after);
	totp_code(rfc_seed, 20, step + 2, 6, far);
	totp_code(rfc_seed, 20, step - 2, 6, older);
	ok(totp_match(rfc_seed, 20, now, 0, at) == step, "now's code is accepted for now's step");
	ok(totp_match(rfc_seed, 20, now, 0, before) == step - 1, "the previous step's too (a slow typist)");
	ok(totp_match(rfc_seed, 20, now, 0, after) == step + 1, "and the next step's (a clock ahead)");
	ok(totp_match(rfc_seed, 20, now, 0, far) == TOTP_NONE && totp_match(rfc_seed, 20, now, 0, older) == TOTP_NONE,
	   "two steps away is refused, either side");
	/* No reuse: the newest step used, and every older one, are refused. */
	ok(totp_match(rfc_seed, 20, now, step, at) == TOTP_REUSED, "a code of the last step used is refused, though right, as used");
	ok(totp_match(rfc_seed, 20, now, step, before) == TOTP_REUSED, "and an older one within the window");
	ok(totp_match(rfc_seed, 20, now, step, far) == TOTP_NONE && totp_match(rfc_seed, 20, now, step + 5, at) == TOTP_REUSED,
	   "a code outside the window is no code, not a used one");
	ok(totp_match(rfc_seed, 20, now, step, after) == step + 1, "a newer step within the window is still accepted");
	ok(totp_match(rfc_seed, 20, now, step + 1, after) == TOTP_REUSED, "until it is used in its turn");
	ok(totp_match(rfc_seed, 20, now, step - 1, at) == step && totp_match(rfc_seed, 20, now, step - 1, before) == TOTP_REUSED,
	   "after step-1 was used: now's code passes, step-1's does not");
	/* A right-looking code that is none of the window's three. */
	char wrong[TOTP_CODE_MAX] = "000000";
	for (int n = 0; !strcmp(wrong, before) || !strcmp(wrong, at) || !strcmp(wrong, after); n++)
		snprintf(wrong, sizeof wrong, "%06d", n % 1000000);
	ok(totp_match(rfc_seed, 20, now, 0, wrong) == -1, "a wrong code is refused");
	ok(totp_match(rfc_seed, 20, now, 0, "12345") == -1 && totp_match(rfc_seed, 20, now, 0, "1234567") == -1 &&
		   totp_match(rfc_seed, 20, now, 0, "12a456") == -1 && totp_match(rfc_seed, 20, now, 0, NULL) == -1,
	   "only six digits are a code");
	char typed[TOTP_CODE_MAX];
	ok(totp_digits("123 456", typed) && strcmp(typed, "123456") == 0 && totp_digits(" 123456 ", typed),
	   "a code may be typed with spaces");
	ok(!totp_digits("12345", typed) && !totp_digits("1234567", typed) && !totp_digits("12-456", typed) &&
		   !totp_digits(NULL, typed),
	   "five or seven digits, or a dash, are no code");
}

static void test_forms(void)
{
	struct arena *a = arena_new();
	/* RFC 4648, section 10, without the padding. */
	is_str(totp_base32(a, (const unsigned char *)"foobar", 6), "MZXW6YTBOI", "base32 as RFC 4648 (foobar)");
	is_str(totp_base32(a, (const unsigned char *)"f", 1), "MY", "base32 of one byte, unpadded");
	const char *b32 = totp_base32(a, rfc_seed, 20);
	is_str(b32, "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ", "the RFC's seed as an app reads it");
	is_str(totp_uri(a, "SPOR portal", "ada@example.org", b32),
	       "otpauth://totp/SPOR%20portal:ada@example.org?secret=GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ"
	       "&issuer=SPOR%20portal&algorithm=SHA1&digits=6&period=30",
	       "the otpauth:// URI: issuer and account in the label, the issuer again");
	is_str(totp_uri(a, "A&B", "x+y:z@example.org", "AB"),
	       "otpauth://totp/A%26B:x%2By%3Az@example.org?secret=AB&issuer=A%26B&algorithm=SHA1&digits=6&period=30",
	       "what would break the URI is escaped");
	unsigned char s1[TOTP_SECRET_BYTES], s2[TOTP_SECRET_BYTES];
	ok(totp_secret_new(s1) && totp_secret_new(s2) && memcmp(s1, s2, sizeof s1) != 0, "new secrets: 160 random bits");
	arena_free(a);
}

static void test_recovery(void)
{
	char shown[RECOVERY_SHOWN + 1], salt[RECOVERY_SALT_CHARS + 1], again[RECOVERY_SHOWN + 1], salt2[9];
	ok(recovery_new(shown, salt) && recovery_new(again, salt2), "new recovery codes");
	ok(strlen(shown) == 19 && shown[4] == '-' && shown[9] == '-' && shown[14] == '-', "four groups of four: %s",
	   shown);
	ok(strspn(shown, "0123456789abcdefghjkmnpqrstvwxyz-") == 19, "Crockford's base32, lower case");
	ok(strcmp(shown, again) != 0 && strlen(salt) == 8 && strspn(salt, "0123456789abcdef") == 8 &&
		   strcmp(salt, salt2) != 0,
	   "different each time, each with its own salt");
	char code[RECOVERY_CHARS + 1], typed[RECOVERY_CHARS + 1];
	ok(recovery_normalise(shown, code) && strlen(code) == 16 && !strchr(code, '-'), "as stored: 16 characters");
	ok(recovery_normalise("7K3M Q9XD-2HFA 06ZE", typed) && strcmp(typed, "7k3mq9xd2hfa06ze") == 0,
	   "typed in upper case, with spaces and dashes");
	ok(recovery_normalise("ILOO-0000-0000-0000", typed) && strcmp(typed, "1100000000000000") == 0,
	   "i and l read as 1, o as 0");
	ok(!recovery_normalise("7k3m-q9xd-2hfa-06z", typed) && !recovery_normalise("7k3m-q9xd-2hfa-06zeq", typed) &&
		   !recovery_normalise("7k3m-q9xd-2hfa-06zu", typed) && !recovery_normalise("123456", typed) &&
		   !recovery_normalise(NULL, typed),
	   "too short, too long, a u, or an app's code: no recovery code");
	char h1[RECOVERY_HASH_HEX + 1], h2[RECOVERY_HASH_HEX + 1], h3[RECOVERY_HASH_HEX + 1];
	recovery_hash("00000000", "7k3mq9xd2hfa06ze", h1);
	recovery_hash("00000001", "7k3mq9xd2hfa06ze", h2);
	recovery_hash("00000000", "7k3mq9xd2hfa06zf", h3);
	/* SHA-256("00000000:7k3mq9xd2hfa06ze"), by sha256sum. */
	is_str(h1, "CE635C5FE2015DB786377EF9D21FEC3C938CE3108B2BAD840B18860BC09F25DA", "the hash: SHA-256 of salt:code");
	ok(strcmp(h1, h2) != 0 && strcmp(h1, h3) != 0, "another salt or another code, another hash");
}

static void test_seal(void)
{
	struct arena *a = arena_new();
	const char *key = "a key of at least thirty-two characters";
	const unsigned char secret[20] = "twenty secret bytes.";
	unsigned char out[64];
	const char *sealed = seal_close(a, key, "account 7", secret, sizeof secret);
	const char *twice = seal_close(a, key, "account 7", secret, sizeof secret);
	ok(sealed && strlen(sealed) == 2 * (20 + SEAL_OVERHEAD), "sealed: nonce, ciphertext and tag, as hex");
	ok(sealed && twice && strcmp(sealed, twice) != 0, "a new nonce each time");
	ok(sealed && !strstr(sealed, "7477656E7479"), "the secret does not show through");
	ok(seal_open(key, "account 7", sealed, out, sizeof out) == 20 && memcmp(out, secret, 20) == 0,
	   "it opens under its key, for its account");
	ok(seal_open("another key of at least thirty-two characters", "account 7", sealed, out, sizeof out) == -1,
	   "not under another key");
	ok(seal_open(key, "account 8", sealed, out, sizeof out) == -1, "nor for another account (a copied row)");
	char *altered = arena_strdup(a, sealed);
	altered[30] = altered[30] == 'A' ? 'B' : 'A';
	ok(seal_open(key, "account 7", altered, out, sizeof out) == -1, "nor once altered");
	ok(seal_open(key, "account 7", "00", out, sizeof out) == -1 && seal_open(key, "account 7", "zz", out, 64) == -1 &&
		   seal_open(key, "account 7", NULL, out, sizeof out) == -1 &&
		   seal_open(key, "account 7", sealed, out, 10) == -1,
	   "too short, not hex, none, or too long for the room given: refused");
	arena_free(a);
}

int main(void)
{
	test_vectors();
	test_window();
	test_forms();
	test_recovery();
	test_seal();
	return done_testing();
}
