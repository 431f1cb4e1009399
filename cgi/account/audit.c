/* Recording events in the audit log. */
#include "config.h"

#include <string.h>

#include "account/audit.h"
#include "core/db.h"
#include "core/log.h"
#include "core/program.h"

static struct db_sql q_audit = DB_SQL("INSERT INTO audit_log (event, account_id, actor_id, subject, address,"
				      " about_kind, about_id, token_name) VALUES (?, ?, ?, ?, ?, ?, ?, ?)");

static int record(struct req *r, const char *event, const char *account_id, const char *subject,
		  const char *about_kind, const char *about_id)
{
	/* The actor, when someone acts on another's account (a decider). */
	const char *actor = r->user.id && (!account_id || strcmp(account_id, r->user.id) != 0) ? r->user.id : NULL;
	/* What a program did with a personal access token names the token. */
	int rc = db_exec(r->app->db, &q_audit, NULL, "ssssssss", event, account_id, actor, subject, r->remote_addr,
			 about_kind, about_id, r->user.token_name);
	if (rc < 0)
		log_error("audit log: could not record %s", event);
	return rc;
}

int audit_record(struct req *r, const char *event, const char *account_id, const char *subject)
{
	return record(r, event, account_id, subject, NULL, NULL);
}

int audit_record_about(struct req *r, const char *event, const char *account_id, enum audit_about kind,
		       const char *id)
{
	static const char *const kinds[] = {
		[AUDIT_ROLE_REQUEST] = "role_request",
		[AUDIT_CHANGE_REQUEST] = "change_request",
		[AUDIT_ORGANISATION] = "organisation",
	};
	return record(r, event, account_id, NULL, kinds[kind], id);
}
