/* Dates as the EMA's sources write them, in the database's form. */
#include "config.h"

#include <string.h>

#include "core/date.h"

static bool two(const char *s, int *v)
{
	if (s[0] < '0' || s[0] > '9' || s[1] < '0' || s[1] > '9')
		return false;
	*v = (s[0] - '0') * 10 + (s[1] - '0');
	return true;
}

bool date_normalize(const char *s, char out[20])
{
	int d, mo, y1, y2, h = 0, mi = 0, se = 0;
	out[0] = '\0';
	if (!*s)
		return true;
	size_t n = strlen(s);
	if (n >= 10 && s[2] == '/' && s[5] == '/') { /* dd/MM/yyyy[ HH:mm:ss] */
		if (!two(s, &d) || !two(s + 3, &mo) || !two(s + 6, &y1) || !two(s + 8, &y2))
			return false;
		bool hm = (n == 16 || n == 19) && s[10] == ' ' && two(s + 11, &h) && s[13] == ':' && two(s + 14, &mi);
		if (n != 10 && !(hm && (n == 16 || (s[16] == ':' && two(s + 17, &se)))))
			return false;
	} else if (n >= 10 && s[4] == '-' && s[7] == '-') { /* yyyy-MM-dd[THH:mm:ss[.fff]Z] */
		if (!two(s, &y1) || !two(s + 2, &y2) || !two(s + 5, &mo) || !two(s + 8, &d))
			return false;
		if (n > 10) {
			if ((s[10] != 'T' && s[10] != ' ') || n < 19 || !two(s + 11, &h) || s[13] != ':' ||
			    !two(s + 14, &mi) || s[16] != ':' || !two(s + 17, &se))
				return false;
			const char *rest = s + 19;
			if (*rest == '.') {
				rest++;
				size_t frac = strspn(rest, "0123456789");
				if (frac == 0 || frac > 9)
					return false;
				rest += frac;
			}
			if (strcmp(rest, "Z") != 0 && strcmp(rest, "") != 0 && strcmp(rest, "+00:00") != 0)
				return false;
		}
	} else {
		return false;
	}
	if (mo < 1 || mo > 12 || d < 1 || d > 31 || h > 23 || mi > 59 || se > 60)
		return false;
	/* Every value is two digits here: write them without printf. */
	const int parts[] = {y1, y2, mo, d, h, mi, se};
	const char seps[] = {0, '-', '-', ' ', ':', ':', 0};
	char *o = out;
	for (int i = 0; i < 7; i++) {
		*o++ = (char)('0' + parts[i] / 10);
		*o++ = (char)('0' + parts[i] % 10);
		if (seps[i])
			*o++ = seps[i];
	}
	*o = '\0';
	return true;
}
