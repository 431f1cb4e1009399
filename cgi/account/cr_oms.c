/* Change requests of OMS: an organisation's or a location's current
 * values, the record a proposal would make (checked by oms_org_canonical,
 * like an import), and its application through the OMS store, which
 * records the version in the organisation's history. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "account/cr.h"
#include "core/db.h"
#include "core/log.h"
#include "core/page.h"
#include "core/program.h"
#include "oms/oms_record.h"
#include "oms/oms_store.h"

enum { RECORD_JSON, RECORD_CRC, RECORD__COUNT };
static struct db_sql q_record =
	DB_SQL_COLS(RECORD__COUNT, "SELECT record, CRC32(record) FROM oms_organisations WHERE id = SUBSTRING(?, 5)");
static struct db_sql q_set_ids = DB_SQL(
	"UPDATE change_requests SET org_id = ?, loc_id = ?, applied_seq = (SELECT MAX(seq) FROM oms_org_versions"
	" WHERE org_id = SUBSTRING(?, 5)) WHERE id = ?");

/* The organisation's fields and a location's, as proposals name them. */
static const char *const org_keys[] = {"name", "acronym", "type", "status"};
static const char *const loc_keys[] = {"postal_code", "city", "region", "country_code", "email", "phone", "status"};

bool cr_is_oms(const char *type)
{
	return strstr(type, "-ORG") || strstr(type, "-LOC");
}

static bool about_location(const char *type)
{
	return strstr(type, "-LOC") != NULL;
}

/* A location's address lines as one text, a line each. */
static const char *address_text(struct req *r, json_t *loc)
{
	struct buf b;
	buf_init(&b, r->arena);
	size_t i;
	json_t *line;
	json_array_foreach(json_object_get(loc, "address"), i, line)
		buf_printf(&b, "%s%s", i ? "\n" : "", json_string_value(line) ? json_string_value(line) : "");
	return buf_str(&b);
}

static void put_fields(struct req *r, json_t *obj, const char *const *keys, size_t n)
{
	HDF *cur = page_node(r, "Page.current");
	for (size_t k = 0; k < n; k++) {
		json_t *v = json_object_get(obj, keys[k]);
		page_put(cur, keys[k], json_string_value(v)); /* names: literals (org_keys, loc_keys) */
	}
}

bool cr_current_org(struct req *r, const char *org_id, const char *loc_id, long long *crc)
{
	struct db_rows rows;
	if (db_query(r->app->db, r->arena, &q_record, &rows, "s", org_id) < 0 || !rows.nrows)
		return false;
	json_t *record = json_loads(db_get(&rows, 0, RECORD_JSON), 0, NULL);
	if (!record)
		return false;
	json_t *loc = oms_record_location(record, loc_id);
	bool found = !loc_id || loc;
	page_set(r, "Page.org.id", org_id);
	page_set(r, "Page.org.name", json_string_value(json_object_get(record, "name")));
	if (loc) {
		put_fields(r, loc, loc_keys, sizeof loc_keys / sizeof loc_keys[0]);
		page_set(r, "Page.current.address", address_text(r, loc));
		page_set(r, "Page.loc.id", loc_id);
	} else if (!loc_id) {
		put_fields(r, record, org_keys, sizeof org_keys / sizeof org_keys[0]);
	}
	json_decref(record);
	*crc = atoll(db_get(&rows, 0, RECORD_CRC));
	return found;
}

/* Set the proposal's fields on `obj` (the address as lines). */
static void set_fields(json_t *obj, json_t *p, const char *const *keys, size_t n, bool location)
{
	for (size_t k = 0; k < n; k++) {
		json_t *v = json_object_get(p, keys[k]);
		if (v)
			json_object_set(obj, keys[k], v);
	}
	const char *address = json_string_value(json_object_get(p, "address"));
	if (location && address) {
		json_t *lines = json_array();
		for (const char *s = address; *s;) {
			size_t len = strcspn(s, "\r\n");
			if (len)
				json_array_append_new(lines, json_stringn(s, len));
			s += len;
			s += strspn(s, "\r\n");
		}
		json_object_set_new(obj, "address", lines);
	}
}

json_t *cr_org_record(struct req *r, const char *type, const char *org_id, const char *loc_id, long long number,
		      const char *proposed, char *err, size_t n)
{
	json_t *p = json_loads(proposed ? proposed : "{}", 0, NULL), *record = NULL;
	if (!p)
		return NULL;
	bool new_org = strcmp(type, "ADD-ORG") == 0;
	char new_loc[32];
	snprintf(new_loc, sizeof new_loc, "LOC-%09lld", 700000000LL + number);
	if (new_org) {
		char id[32];
		snprintf(id, sizeof id, "ORG-%09lld", 700000000LL + number);
		record = json_pack("{s:s, s:s, s:[]}", "id", id, "status", "PROVISIONAL", "locations");
		set_fields(record, p, org_keys, 3, false);
	} else {
		struct db_rows rows;
		if (db_query(r->app->db, r->arena, &q_record, &rows, "s", org_id) < 0 || !rows.nrows ||
		    !(record = json_loads(db_get(&rows, 0, RECORD_JSON), 0, NULL))) {
			json_decref(p);
			snprintf(err, n, "there is no organisation %s", org_id ? org_id : "");
			return NULL;
		}
	}
	if (strcmp(type, "UPD-ORG") == 0)
		set_fields(record, p, org_keys, sizeof org_keys / sizeof org_keys[0], false);
	if (new_org || strcmp(type, "ADD-LOC") == 0) {
		json_t *loc = json_pack("{s:s, s:s}", "id", new_loc, "status", "ACTIVE");
		set_fields(loc, p, loc_keys, sizeof loc_keys / sizeof loc_keys[0] - 1, true);
		json_array_append_new(json_object_get(record, "locations"), loc);
	} else if (strcmp(type, "UPD-LOC") == 0) {
		json_t *loc = oms_record_location(record, loc_id);
		if (loc)
			set_fields(loc, p, loc_keys, sizeof loc_keys / sizeof loc_keys[0], true);
	}
	json_decref(p);
	json_t *canonical = oms_org_canonical(record, err, n);
	json_decref(record);
	return canonical;
}

long long cr_apply_org(struct req *r, const char *id, const char *type, const char *org_id, const char *loc_id,
		       const char *proposed)
{
	char err[256] = "";
	json_t *record = cr_org_record(r, type, org_id, loc_id, atoll(id), proposed, err, sizeof err);
	if (!record) {
		log_error("change request %s (%s of %s) cannot be applied: %s", id, type,
			  org_id ? org_id : "a new organisation", *err ? err : "its proposal is not JSON");
		return -1;
	}
	const char *org = arena_strdup(r->arena, json_string_value(json_object_get(record, "id")));
	const char *loc = loc_id;
	if (!about_location(type) && strcmp(type, "ADD-ORG") != 0)
		loc = NULL;
	else if (strcmp(type, "UPD-LOC") != 0)
		loc = arena_printf(r->arena, "LOC-%09lld", 700000000LL + atoll(id));
	struct oms_store *s = oms_store_for_request(r->app->db, id);
	char why[256] = "";
	int rc = oms_store_org(s, record, why, sizeof why);
	if (rc > 0)
		log_error("change request %s (%s of %s) cannot be applied: %s", id, type, org, why);
	rc = oms_store_close(s, rc == 0, NULL) < 0 ? -1 : rc;
	if (rc == 0 && db_exec(r->app->db, &q_set_ids, NULL, "ssss", org, loc, org, id) < 0)
		rc = -1;
	json_decref(record);
	page_set(r, "Mail.path", arena_printf(r->arena, "/oms/organisations/%s", org));
	page_set(r, "Mail.org", org);
	return rc == 0 ? 1 : -1;
}
