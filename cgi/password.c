/* Hashing and checking passwords with libargon2. */
#include "config.h"

#include <argon2.h>
#include <malloc.h>
#include <string.h>
#include <strings.h>
#include <sys/random.h>

#include "conf.h"
#include "log.h"
#include "password.h"

/* The most common passwords of eight characters or more (public breach
 * lists), compared without regard to case. */
static const char *const common[] = {
	"12345678", "123456789", "1234567890", "12345678910", "123123123", "11111111", "00000000", "87654321",
	"password", "password1", "password12", "password123", "passw0rd", "p@ssw0rd", "p@ssword", "iloveyou",
	"qwertyuiop", "qwerty123", "qwerty12", "1q2w3e4r", "1q2w3e4r5t", "1qaz2wsx", "zaq12wsx", "asdfghjkl",
	"asdfasdf", "abcd1234", "abc12345", "abcdefgh", "football", "baseball", "princess", "sunshine",
	"superman", "starwars", "whatever", "trustno1", "welcome1", "welcome123", "letmein1", "changeme",
	"administrator", "admin123", "admin1234", "master123", "computer", "internet", "michelle", "jennifer",
	"liverpool", "chelsea1", "12341234", "11223344", "147258369", "159753456", "987654321", "999999999",
	"q1w2e3r4", "q1w2e3r4t5", "iloveyou1", "lovelove", "loveyou1", "monkey123", "dragon123", "shadow123",
	"azertyuiop", "azerty123", "motdepasse", "passwort", "hallo123", "schatz123", "ciao1234", "contraseña",
};

const char *password_problem(const char *pw)
{
	size_t chars = 0;
	for (const char *p = pw; *p; p++)
		chars += ((unsigned char)*p & 0xc0) != 0x80;
	if (chars < 8)
		return "password_short";
	if (chars > 128)
		return "password_long";
	for (size_t i = 0; i < sizeof common / sizeof common[0]; i++)
		if (strcasecmp(pw, common[i]) == 0)
			return "password_common";
	return NULL;
}

const char *password_problem_text(const char *key)
{
	return strcmp(key, "password_short") == 0  ? "A password needs at least 8 characters."
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

int password_hash(const struct conf *c, const char *pw, char out[PASSWORD_HASH_MAX])
{
	unsigned char salt[16];
	if (getrandom(salt, sizeof salt, 0) != (ssize_t)sizeof salt) {
		log_error("getrandom failed");
		return -1;
	}
	return_hash_memory();
	uint32_t m = (uint32_t)conf_int(c, "password.argon2_m_kib", 19456, 8192, 4194304);
	uint32_t t = (uint32_t)conf_int(c, "password.argon2_t", 2, 1, 100);
	uint32_t p = (uint32_t)conf_int(c, "password.argon2_p", 1, 1, 64);
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
