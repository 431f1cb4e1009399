/* Recording events in the audit log. */
#include "config.h"

#include <string.h>

#include "account/audit.h"
#include "core/db.h"
#include "core/log.h"
#include "core/program.h"

static struct db_sql q_audit = DB_SQL(
	"INSERT INTO audit_log (event, account_id, actor_id, subject, address) VALUES (?, ?, ?, ?, ?)");

int audit_record(struct req *r, const char *event, const char *account_id, const char *subject)
{
	/* The actor, when someone acts on another's account (a decider). */
	const char *actor = r->user.id && (!account_id || strcmp(account_id, r->user.id) != 0) ? r->user.id : NULL;
	int rc = db_exec(r->app->db, &q_audit, NULL, "sssss", event, account_id, actor, subject, r->remote_addr);
	if (rc < 0)
		log_error("audit log: could not record %s", event);
	return rc;
}
