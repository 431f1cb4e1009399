/* Change requests of OMS: the record a proposal would make (checked by
 * oms_org_canonical, like an import), and its application through the OMS
 * store, which records the version in the organisation's history. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "account/cr_oms.h"
#include "account/cr_record.h"
#include "core/db.h"
#include "core/log.h"
#include "core/page.h"
#include "core/program.h"
#include "oms/oms_record.h"
#include "oms/oms_store.h"

bool cr_is_oms(const char *type)
{
	return strstr(type, "-ORG") || strstr(type, "-LOC");
}

/* Whether field `k` of a new organisation is its first location's. */
static bool of_location(const struct cr_key *k)
{
	return k->types & (CR_ADD_LOC | CR_UPD_LOC);
}

/* Set the proposal's fields of `type` on `org` and `loc` (either may be
 * NULL), each as the record keeps it: lines as arrays. */
static void set_fields(unsigned type, json_t *org, json_t *loc, json_t *p)
{
	for (size_t i = 0; i < cr_nkeys; i++) {
		const struct cr_key *k = &cr_keys[i];
		const char *value = json_string_value(json_object_get(p, k->key)), *why = NULL;
		json_t *obj = type == CR_UPD_ORG ? org : type != CR_ADD_ORG || of_location(k) ? loc : org;
		if (!(k->types & type) || !value || !obj)
			continue;
		bool lines = k->kind == CK_ADDRESS || k->kind == CK_ALT_NAMES || k->kind == CK_IDENTIFIERS;
		json_t *v = lines ? cr_lines(k->kind, value, &why) : json_string(value);
		if (v)
			json_object_set_new(obj, k->key, v);
	}
}

/* The organisation as it is stored, or NULL. */
enum { RECORD_JSON, RECORD__COUNT };
static struct db_sql q_record =
	DB_SQL_COLS(RECORD__COUNT, "SELECT record FROM oms_organisations WHERE id = SUBSTRING(?, 5)");

json_t *cr_org_record(struct db *db, struct arena *a, const struct cr_target *t, long long number,
		      const char *proposed, char *err, size_t n)
{
	json_t *p = json_loads(proposed ? proposed : "{}", 0, NULL), *record = NULL;
	if (!p)
		return NULL;
	unsigned type = cr_type_of(t->type);
	char new_loc[32];
	snprintf(new_loc, sizeof new_loc, "LOC-%09lld", 700000000LL + number);
	if (type == CR_ADD_ORG) {
		char id[32];
		snprintf(id, sizeof id, "ORG-%09lld", 700000000LL + number);
		record = json_pack("{s:s, s:s, s:[]}", "id", id, "status", "PROVISIONAL", "locations");
	} else {
		struct db_rows rows;
		if (!t->org || db_query(db, a, &q_record, &rows, "s", t->org) < 0 || !rows.nrows ||
		    !(record = json_loads(db_get(&rows, 0, RECORD_JSON), 0, NULL))) {
			json_decref(p);
			snprintf(err, n, "there is no organisation %s", t->org ? t->org : "");
			return NULL;
		}
	}
	json_t *loc = NULL;
	if (type == CR_ADD_ORG || type == CR_ADD_LOC) {
		loc = json_pack("{s:s, s:s}", "id", new_loc, "status", "ACTIVE");
		json_array_append_new(json_object_get(record, "locations"), loc);
	} else if (type == CR_UPD_LOC) {
		loc = oms_record_location(record, t->loc);
	}
	set_fields(type, record, loc, p);
	json_decref(p);
	json_t *canonical = oms_org_canonical(record, err, n);
	json_decref(record);
	return canonical;
}

/* The request names what it made (a new organisation's and location's
 * IDs) and the version it made. */
static struct db_sql q_set_ids = DB_SQL(
	"UPDATE change_requests SET org_id = ?, loc_id = ?, applied_seq = (SELECT MAX(seq) FROM oms_org_versions"
	" WHERE org_id = SUBSTRING(?, 5)) WHERE id = ?");

long long cr_apply_org(struct req *r, const char *id, const struct cr_target *t, const char *proposed)
{
	char err[256] = "";
	json_t *record = cr_org_record(r->app->db, r->arena, t, atoll(id), proposed, err, sizeof err);
	if (!record) {
		log_error("change request %s (%s of %s) cannot be applied: %s", id, t->type,
			  t->org ? t->org : "a new organisation", *err ? err : "its proposal is not JSON");
		return -1;
	}
	unsigned type = cr_type_of(t->type);
	const char *org = arena_strdup(r->arena, json_string_value(json_object_get(record, "id")));
	const char *loc = type == CR_UPD_LOC ? t->loc
			  : type == CR_UPD_ORG ? NULL
					       : arena_printf(r->arena, "LOC-%09lld", 700000000LL + atoll(id));
	struct oms_store *s = oms_store_for_request(r->app->db, id);
	char why[256] = "";
	int rc = oms_store_org(s, record, why, sizeof why);
	if (rc > 0)
		log_error("change request %s (%s of %s) cannot be applied: %s", id, t->type, org, why);
	rc = oms_store_close(s, rc == 0, NULL) < 0 ? -1 : rc;
	if (rc == 0 && db_exec(r->app->db, &q_set_ids, NULL, "ssss", org, loc, org, id) < 0)
		rc = -1;
	json_decref(record);
	page_set(r, "Mail.path", arena_printf(r->arena, "/oms/organisations/%s", org));
	page_set(r, "Mail.org", org);
	return rc == 0 ? 1 : -1;
}
