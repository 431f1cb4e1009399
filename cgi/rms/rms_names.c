/* The kept names of referenced terms (rms_names.h). */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/mem.h"
#include "core/program.h"
#include "core/session.h"
#include "rms/rms_names.h"

struct kept_name {
	char id[16], lang[16];
	long long gen;
	char *name, *status; /* NULL: no such term */
};

static struct kept_name kept[RMS_NAMES_MAX];
static size_t next_slot;

static struct kept_name *find(const char *id, const char *lang, long long gen)
{
	for (size_t i = 0; i < RMS_NAMES_MAX; i++)
		if (kept[i].gen == gen && strcmp(kept[i].id, id) == 0 && strcmp(kept[i].lang, lang) == 0)
			return &kept[i];
	return NULL;
}

bool rms_names_get(struct req *r, const char *id, const char *lang, const char **name, const char **status)
{
	long long gen = session_data_gen(r);
	const struct kept_name *k = gen ? find(id, lang, gen) : NULL;
	if (!k)
		return false;
	/* Copies: the entry may be replaced before the page is rendered. */
	*name = k->name ? arena_strdup(r->arena, k->name) : NULL;
	*status = k->status ? arena_strdup(r->arena, k->status) : NULL;
	return true;
}

void rms_names_put(struct req *r, const char *id, const char *lang, const char *name, const char *status)
{
	long long gen = session_data_gen(r);
	if (!gen || strlen(id) >= sizeof kept[0].id || strlen(lang) >= sizeof kept[0].lang || find(id, lang, gen))
		return;
	struct kept_name *k = &kept[next_slot];
	next_slot = (next_slot + 1) % RMS_NAMES_MAX;
	free(k->name);
	free(k->status);
	*k = (struct kept_name){.gen = gen, .name = name ? xstrdup(name) : NULL, .status = status ? xstrdup(status) : NULL};
	snprintf(k->id, sizeof k->id, "%s", id);
	snprintf(k->lang, sizeof k->lang, "%s", lang);
}
