/* Making, reading and hashing recovery codes. */
#include "config.h"

#include <openssl/sha.h>
#include <stdio.h>
#include <string.h>
#include <sys/random.h>

#include "account/recovery.h"

static const char crockford[] = "0123456789abcdefghjkmnpqrstvwxyz";

bool recovery_new(char shown[RECOVERY_SHOWN + 1], char salt[RECOVERY_SALT_CHARS + 1])
{
	unsigned char raw[RECOVERY_CHARS * 5 / 8], salt_bits[RECOVERY_SALT_CHARS / 2];
	if (getrandom(raw, sizeof raw, 0) != (ssize_t)sizeof raw ||
	    getrandom(salt_bits, sizeof salt_bits, 0) != (ssize_t)sizeof salt_bits)
		return false;
	unsigned bits = 0, nbits = 0;
	size_t o = 0, n = 0;
	for (size_t i = 0; i < sizeof raw; i++) {
		bits = (bits << 8) | raw[i];
		nbits += 8;
		while (nbits >= 5) {
			nbits -= 5;
			if (n && n % 4 == 0)
				shown[o++] = '-';
			shown[o++] = crockford[(bits >> nbits) & 31];
			n++;
		}
	}
	shown[o] = '\0';
	for (size_t i = 0; i < sizeof salt_bits; i++)
		snprintf(salt + 2 * i, 3, "%02x", salt_bits[i]);
	return true;
}

bool recovery_normalise(const char *typed, char out[RECOVERY_CHARS + 1])
{
	size_t n = 0;
	for (const char *p = typed ? typed : ""; *p; p++) {
		char c = *p >= 'A' && *p <= 'Z' ? (char)(*p + 32) : *p;
		if (c == '-' || c == ' ')
			continue;
		c = c == 'i' || c == 'l' ? '1' : c == 'o' ? '0' : c;
		if (!c || !strchr(crockford, c) || n == RECOVERY_CHARS)
			return false;
		out[n++] = c;
	}
	out[n] = '\0';
	return n == RECOVERY_CHARS;
}

void recovery_hash(const char *salt, const char *normalised, char hex[RECOVERY_HASH_HEX + 1])
{
	unsigned char digest[SHA256_DIGEST_LENGTH];
	char text[RECOVERY_SALT_CHARS + 1 + RECOVERY_CHARS + 1];
	snprintf(text, sizeof text, "%s:%s", salt, normalised);
	SHA256((const unsigned char *)text, strlen(text), digest);
	for (size_t i = 0; i < sizeof digest; i++)
		snprintf(hex + 2 * i, 3, "%02X", digest[i]);
}
