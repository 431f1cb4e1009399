/* What the FHIR ValueSet and ConceptMap operations share (api_tx.h). */
#include "config.h"

#include <string.h>

#include "api/api_tx.h"
#include "core/program.h"
#include "programs/fields_public.h"
#include "rms/rms_record.h"

/* Its current terms and its sources are the list's stats (what the
 * importers count at the end: rms_store_list_stats), never counted here. */
#define LISTS                                                                                                      \
	"SELECT id, name, version, status, DATE_FORMAT(COALESCE(modified_at, created_at), '%Y-%m-%dT%H:%i:%sZ'),"   \
	" term_count, COALESCE(JSON_VALUE(stats, '$.status.CURRENT'), 0), JSON_QUERY(stats, '$.sources')"            \
	" FROM rms_lists"
static struct db_sql q_list = DB_SQL_COLS(TX_LIST__COUNT, LISTS " WHERE id = ?");

int tx_list(struct req *r, const char *id, struct db_rows *list)
{
	return db_query(r->app->db, r->arena, &q_list, list, "s", id);
}

static struct db_sql q_mapped = DB_SQL_COLS(TX_LIST__COUNT,
	LISTS " WHERE JSON_LENGTH(stats, '$.sources') > 0 AND (? IS NULL OR id = ?) ORDER BY id");

int tx_lists_mapped(struct req *r, const char *id, struct db_rows *lists)
{
	return db_query(r->app->db, r->arena, &q_mapped, lists, "ss", id, id);
}

const char *tx_id_in(struct arena *a, const char *url, const char *prefix, const char *suffix)
{
	if (!url || strncmp(prefix, "https://", 8) != 0)
		return NULL;
	/* http:// names the same system: clients copy the URL either way. */
	const char *rest = strncmp(url, "https://", 8) == 0 ? url + 8 : strncmp(url, "http://", 7) == 0 ? url + 7 : NULL;
	size_t n = strlen(prefix + 8);
	if (!rest || strncmp(rest, prefix + 8, n) != 0)
		return NULL;
	rest += n;
	const char *id = arena_strndup(a, rest, strnlen(rest, 12));
	return rms_is_id(id) && strcmp(rest + 12, suffix) == 0 ? id : NULL;
}

const char *tx_value_set_list(struct arena *a, const char *url)
{
	if (!url)
		return NULL;
	/* A version after "|" names the list's version: any is this one. */
	const char *bar = strchr(url, '|');
	const char *plain = bar ? arena_strndup(a, url, (size_t)(bar - url)) : url;
	return tx_id_in(a, plain, TX_SYSTEM, TX_VALUE_SET);
}

int tx_refuse(struct req *r, int status, const char *param, const char *reason)
{
	r->err_param = param;
	r->err_reason = reason;
	return status;
}

json_t *tx_parameters(void)
{
	return json_pack("{s:s, s:[]}", "resourceType", "Parameters", "parameter");
}

void tx_param(json_t *params, const char *name, const char *type, json_t *value)
{
	if (value)
		json_array_append_new(json_object_get(params, "parameter"), json_pack("{s:s, s:o}", "name", name, type, value));
}

bool tx_bool(struct req *r, int field, bool fallback)
{
	return in_text(r, field) ? in_int(r, field, 0) == 1 : fallback;
}

int tx_coding(struct req *r, const char **system, const char **code)
{
	*system = in_text(r, PF_TX_SYSTEM);
	*code = in_text(r, PF_TX_CODE);
	const char *coding = in_text(r, PF_TX_CODING);
	if (coding && *code)
		return tx_refuse(r, 400, "coding", "code_and_coding");
	if (coding) {
		/* A Coding's token: "system|code", or a code alone. */
		const char *bar = strrchr(coding, '|');
		*code = bar ? bar + 1 : coding;
		if (bar)
			*system = arena_strndup(r->arena, coding, (size_t)(bar - coding));
		if (!**code)
			return tx_refuse(r, 400, "coding", "format");
	}
	return *code ? 0 : tx_refuse(r, 400, "code", "missing");
}
