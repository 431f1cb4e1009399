/* Reading the portal's own OMS JSON (docs/oms-import.md): what export.json
 * writes.  Each organisation is checked on its own. */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include "oms/oms_record.h"

static void reject(const struct oms_sink *sink, struct oms_read_stats *stats, size_t i, const char *id,
		   const char *reason)
{
	char where[64];
	snprintf(where, sizeof where, "organisations[%zu]%s%.13s", i, id ? " " : "", id ? id : "");
	stats->rejected++;
	if (sink->reject)
		sink->reject(sink->ctx, 0, where, reason);
}

int oms_json_read(const char *data, size_t len, const struct oms_sink *sink, struct oms_read_stats *stats,
		  char *err, size_t errsize)
{
	memset(stats, 0, sizeof *stats);
	json_error_t je;
	json_t *doc = json_loadb(data, len, JSON_REJECT_DUPLICATES, &je);
	if (!doc) {
		snprintf(err, errsize, "line %d: %s", je.line, je.text);
		return -1;
	}
	json_t *orgs = json_object_get(doc, "organisations");
	if (!json_is_array(orgs)) {
		snprintf(err, errsize, "no \"organisations\" list: not an OMS document");
		json_decref(doc);
		return -1;
	}
	json_t *seen = json_object();
	int rc = 0;
	size_t i, n = json_array_size(orgs);
	json_t *v;
	json_array_foreach(orgs, i, v)
	{
		stats->rows++;
		char why[200];
		const char *id = json_string_value(json_object_get(v, "id"));
		json_t *org = oms_org_canonical(v, why, sizeof why);
		if (org && json_object_get(seen, id)) {
			snprintf(why, sizeof why, "%s appears twice in the document", id);
			json_decref(org);
			org = NULL;
		}
		if (!org) {
			reject(sink, stats, i, id, why);
			continue;
		}
		json_object_set_new(seen, id, json_true());
		stats->organisations++;
		stats->locations += json_array_size(json_object_get(org, "locations"));
		if ((rc = sink->org(sink->ctx, org)) < 0)
			break;
		if (sink->progress)
			sink->progress(sink->ctx, i + 1, n);
	}
	json_decref(seen);
	json_decref(doc);
	return rc < 0 ? -1 : 0;
}
