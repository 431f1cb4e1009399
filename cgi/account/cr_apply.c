/* An approved change to RMS written in the approval's transaction: a term
 * through the RMS store (its history's version names the request), a list
 * with a version of the list's history.  A new term or list has every
 * field its request proposed: domain, parent, texts and names in other
 * languages. */
#include "config.h"

#include <jansson.h>
#include <stdlib.h>
#include <string.h>

#include "account/cr.h"
#include "core/db.h"
#include "core/page.h"
#include "core/program.h"
#include "rms/rms_record.h"
#include "rms/rms_store.h"

static const char *str(json_t *p, const char *key)
{
	return json_string_value(json_object_get(p, key));
}

/* The records of the term the proposal makes: its own language's with the
 * term's fields, then one per name in another language. */
static size_t term_records(struct req *r, const char *id, const struct cr_target *t, const char *term_id, json_t *p,
			   json_t *others, struct rms_term_in **recs)
{
	unsigned type = cr_type_of(t->type);
	size_t n = 1 + json_object_size(others);
	struct rms_term_in *in = arena_zalloc(r->arena, n * sizeof *in);
	const char *by = arena_printf(r->arena, "request RRQ-%s", id);
	in[0] = (struct rms_term_in){.list_id = t->list, .id = term_id, .lang = t->lang ? t->lang : "en"};
	in[0].status = type == CR_ADD_TERM ? "PROVISIONAL" : str(p, "status");
	in[0].domain_id = str(p, "domain");
	in[0].parent_id = str(p, "parent");
	in[0].current_id = str(p, "replaced_by");
	in[0].text[RMS_NAME].value = str(p, "name");
	in[0].text[RMS_SHORT].value = str(p, "short");
	in[0].text[RMS_DESCRIPTION].value = str(p, "description");
	const char *lang;
	json_t *name;
	size_t i = 1;
	json_object_foreach(others, lang, name)
	{
		in[i] = (struct rms_term_in){.list_id = t->list, .id = term_id, .lang = lang};
		in[i++].text[RMS_NAME].value = json_string_value(name);
	}
	for (i = 0; i < n; i++) {
		for (int k = 0; k < RMS_KINDS; k++)
			if (in[i].text[k].value)
				in[i].text[k].modified_by = by;
		recs[i] = &in[i];
	}
	return n;
}

/* What an applied request names: the record it made or changed (a new
 * record's ID is made from the request's, so approving twice makes one),
 * the record's sequence after the change, and its page for the mail. */
struct made {
	long long new_base;
	struct db_sql *seq, *set;
	const char *page;
};

static const char *made_id(struct req *r, const char *id, const struct made *m, bool fresh, const char *target)
{
	return fresh ? arena_printf(r->arena, "%lld", m->new_base + atoll(id)) : target;
}

/* Records on the request what it made, and returns the record's sequence. */
static long long made_at(struct req *r, const char *id, const struct made *m, const char *target)
{
	struct db_rows seq;
	if (db_query(r->app->db, r->arena, m->seq, &seq, "s", target) < 0 || !seq.nrows ||
	    db_exec(r->app->db, m->set, NULL, "sss", target, db_value(&seq, 0), id) < 0)
		return -1;
	page_set(r, "Mail.path", arena_printf(r->arena, "%s%s", m->page, target));
	return atoll(db_value(&seq, 0));
}

static struct db_sql q_term_seq = DB_SQL("SELECT seq FROM rms_terms WHERE id = ?");
static struct db_sql q_set_term = DB_SQL("UPDATE change_requests SET term_id = ?, applied_seq = ? WHERE id = ?");
static const struct made term_made = {700000000000LL, &q_term_seq, &q_set_term, "/rms/terms/"};

static long long apply_term(struct req *r, const char *id, const struct cr_target *t, json_t *p)
{
	const char *why = NULL;
	json_t *others = str(p, "other_names") ? cr_lines(CK_NAMES, str(p, "other_names"), &why) : json_object();
	const char *term_id = made_id(r, id, &term_made, cr_type_of(t->type) == CR_ADD_TERM, t->term);
	int rc = -1;
	if (others) {
		struct rms_term_in **recs = arena_alloc(r->arena, (1 + json_object_size(others)) * sizeof *recs);
		size_t n = term_records(r, id, t, term_id, p, others, (struct rms_term_in **)recs);
		struct rms_store *s = rms_store_for_request(r->app->db, id);
		rc = rms_store_term(s, r->arena, (const struct rms_term_in *const *)recs, n);
		rc = rms_store_close(s, rc == 0, NULL) < 0 ? -1 : rc;
	}
	json_decref(others);
	return rc < 0 ? -1 : made_at(r, id, &term_made, term_id);
}

/* The version before the portal's first change of a list, so that it stays readable. */
static struct db_sql q_list_before = DB_SQL(
	"INSERT IGNORE INTO rms_list_versions (list_id, seq, recorded_at, source, snapshot)"
	" SELECT id, version, COALESCE(modified_at, UTC_TIMESTAMP()), 'import', " CR_LIST_SNAPSHOT
	" FROM rms_lists WHERE id = ?");
static struct db_sql q_list_update = DB_SQL(
	"UPDATE rms_lists SET name = COALESCE(?, name), short_name = COALESCE(?, short_name),"
	" description = COALESCE(?, description), status = COALESCE(?, status), owner = COALESCE(?, owner),"
	" domain_id = COALESCE(?, domain_id), version = version + 1, modified_at = UTC_TIMESTAMP() WHERE id = ?");
static struct db_sql q_list_insert = DB_SQL(
	"INSERT INTO rms_lists (id, name, short_name, description, owner, domain_id, status, version, created_at,"
	" modified_at) VALUES (?, ?, ?, ?, ?, ?, 'PROVISIONAL', 1, UTC_TIMESTAMP(), UTC_TIMESTAMP())");
static struct db_sql q_list_version = DB_SQL(
	"INSERT INTO rms_list_versions (list_id, seq, source, request_id, changes, snapshot)"
	" SELECT id, version, 'request', ?, ?, " CR_LIST_SNAPSHOT " FROM rms_lists WHERE id = ?");
static struct db_sql q_list_seq = DB_SQL("SELECT version FROM rms_lists WHERE id = ?");
static struct db_sql q_set_list = DB_SQL("UPDATE change_requests SET list_id = ?, applied_seq = ? WHERE id = ?");
static const struct made list_made = {790000000000LL, &q_list_seq, &q_set_list, "/rms/lists/"};

static long long apply_list(struct req *r, const char *id, const struct cr_target *t, json_t *p,
			    const char *proposed)
{
	bool fresh = cr_type_of(t->type) == CR_ADD_LIST;
	const char *list_id = made_id(r, id, &list_made, fresh, t->list);
	const char *name = str(p, "name"), *shorter = str(p, "short"), *desc = str(p, "description");
	const char *owner = str(p, "owner"), *domain = str(p, "domain");
	int rc = fresh ? db_exec(r->app->db, &q_list_insert, NULL, "ssssss", list_id, name, shorter, desc, owner, domain)
		       : (db_exec(r->app->db, &q_list_before, NULL, "s", list_id) < 0 ||
			  db_exec(r->app->db, &q_list_update, NULL, "sssssss", name, shorter, desc, str(p, "status"),
				  owner, domain, list_id) < 0)
				 ? -1
				 : 0;
	if (rc < 0 ||
	    db_exec(r->app->db, &q_list_version, NULL, "sss", id, fresh ? "created" : cr_record_fields(r->arena, proposed), list_id) < 0)
		return -1;
	return made_at(r, id, &list_made, list_id);
}

long long cr_apply_rms(struct req *r, const char *id, const struct cr_target *t, const char *proposed)
{
	json_t *p = json_loads(proposed, 0, NULL);
	if (!p)
		return -1;
	long long seq = cr_is_list(t->type) ? apply_list(r, id, t, p, proposed) : apply_term(r, id, t, p);
	json_decref(p);
	return seq;
}
