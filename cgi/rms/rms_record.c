/* Value checks shared by the RMS readers. */
#include "config.h"

#include <string.h>

#include "core/field.h"
#include "rms/rms_record.h"

const char *const rms_kind_names[RMS_KINDS] = {"name", "short", "other", "symbol", "description"};

bool rms_is_id(const char *s)
{
	return s && strlen(s) == 12 && strspn(s, "0123456789") == 12;
}

bool rms_is_status(const char *s)
{
	return s && (strcmp(s, "PROVISIONAL") == 0 || strcmp(s, "CURRENT") == 0 || strcmp(s, "NON_CURRENT") == 0 ||
		     strcmp(s, "NULLIFIED") == 0);
}

bool rms_is_lang(const char *s)
{
	return s && field_is_lang(s);
}
