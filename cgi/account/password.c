/* Hashing and checking passwords with libargon2. */
#include "config.h"

#include <argon2.h>
#include <malloc.h>
#include <string.h>
#include <strings.h>
#include <sys/random.h>

#include "account/password.h"
#include "core/conf.h"
#include "core/log.h"

/* The most common passwords of twelve characters or more (public breach
 * lists: number and keyboard runs, "password" and its variants, words with
 * digits), compared without regard to case. */
static const char *const common[] = {
	"123456789012", "1234567890123", "12345678901234", "123456789123", "123123123123", "111111111111",
	"000000000000", "123412341234", "121212121212", "112233445566", "147258369147", "987654321987",
	"qwertyuiop12", "qwertyuiop123", "qwertyuiopasdf", "1q2w3e4r5t6y", "1qaz2wsx3edc", "zaq12wsxcde3",
	"qazwsxedcrfv", "asdfghjkl123", "1234qwerasdf", "qwer1234asdf", "azertyuiop12",
	"azertyuiop123", "qwertzuiop12", "password1234", "password12345", "passwordpassword", "p@ssw0rd1234",
	"p@ssword1234", "passw0rd1234", "iloveyou1234", "iloveyouiloveyou", "administrator", "administrator1",
	"abcdefghijkl", "abcdefghijklm", "abc123abc123", "abcd1234abcd", "welcome12345", "welcome123456",
	"letmein12345", "changeme1234", "football1234", "baseball1234", "sunshine1234", "princess1234",
	"superman1234", "starwars1234", "trustno1trustno1", "monkey123456", "dragon123456", "motdepasse12",
	"motdepasse123", "passwort1234", "passwort12345", "contraseña123", "ilovemyfamily", "thequickbrownfox",
};

/* Characters, not bytes. */
static size_t chars_of(const char *s)
{
	size_t n = 0;
	for (; *s; s++)
		n += ((unsigned char)*s & 0xc0) != 0x80;
	return n;
}

/* One character (or one multi-byte character) over and over. */
static bool one_character(const char *pw)
{
	size_t len = strlen(pw), unit = 1;
	while (unit < len && ((unsigned char)pw[unit] & 0xc0) == 0x80)
		unit++;
	for (size_t i = unit; i < len; i++)
		if (pw[i] != pw[i % unit])
			return false;
	return true;
}

const char *password_problem(const char *pw)
{
	size_t chars = chars_of(pw);
	if (chars < PASSWORD_MIN)
		return "password_short";
	if (chars > PASSWORD_MAX)
		return "password_long";
	if (one_character(pw))
		return "password_common";
	for (size_t i = 0; i < sizeof common / sizeof common[0]; i++)
		if (strcasecmp(pw, common[i]) == 0)
			return "password_common";
	return NULL;
}

const char *password_problem_text(const char *key)
{
	return strcmp(key, "password_short") == 0  ? "A password needs at least 12 characters."
	       : strcmp(key, "password_long") == 0 ? "A password may have at most 128 characters."
						   : "This password is one of the most common ones; choose another.";
}

/* Each hash takes m KiB (19 MiB by default).  glibc's sliding mmap threshold
 * rises to the size of the first such block once it is freed, so every later
 * one comes from the heap and stays resident in the worker afterwards; a fixed
 * threshold hands each block back to the system when argon2 frees it. */
static void return_hash_memory(void)
{
	static bool done;
	if (!done) {
		mallopt(M_MMAP_THRESHOLD, 1 << 20);
		done = true;
	}
}

int password_hash(const struct settings *s, const char *pw, char out[PASSWORD_HASH_MAX])
{
	unsigned char salt[16];
	if (getrandom(salt, sizeof salt, 0) != (ssize_t)sizeof salt) {
		log_error("getrandom failed");
		return -1;
	}
	return_hash_memory();
	uint32_t m = (uint32_t)s->password_argon2_m_kib, t = (uint32_t)s->password_argon2_t,
		 p = (uint32_t)s->password_argon2_p;
	int rc = argon2id_hash_encoded(t, m, p, pw, strlen(pw), salt, sizeof salt, 32, out, PASSWORD_HASH_MAX);
	if (rc != ARGON2_OK) {
		log_error("argon2id: %s", argon2_error_message(rc));
		return -1;
	}
	return 0;
}

bool password_verify(const char *encoded, const char *pw)
{
	return_hash_memory();
	return strncmp(encoded, "$argon2id$", 10) == 0 && argon2id_verify(encoded, pw, strlen(pw)) == ARGON2_OK;
}
