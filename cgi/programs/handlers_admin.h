/* spor-admin's page handlers, grouped by the file that holds each: what its
 * route table (routes_admin.c) wires.  Each program's handlers are declared
 * in its own header, and a route table reads only its own
 * (tests/lint/layering.sh), so no table can wire another program's handler.
 * A handler reads only checked fields (in_text/in_int), fills the request's
 * HDF and returns the HTTP status; 4xx/5xx without a body become the
 * portal's error page.  Each is named for its file and what it answers,
 * <file>_<page>_show, _form or _submit (docs/contributing.md, "Handler
 * names"). */
#ifndef SPOR_HANDLERS_ADMIN_H
#define SPOR_HANDLERS_ADMIN_H

struct req;

/* admin_home.c: what waits for the signed-in decider */
int admin_home_show(struct req *r);

/* admin_requests.c: the queue of role requests, one request, its decision */
int admin_requests_show(struct req *r);
int admin_requests_request_show(struct req *r);
int admin_requests_document_show(struct req *r);
int admin_requests_decision_submit(struct req *r);

/* admin_users.c: users, their roles, locking */
int admin_users_show(struct req *r);
int admin_users_user_show(struct req *r);
int admin_users_lock_submit(struct req *r);
int admin_users_unlock_submit(struct req *r);
int admin_users_roles_submit(struct req *r);
int admin_users_roles_revoke_submit(struct req *r);

/* admin_audit.c: the audit log */
int admin_audit_show(struct req *r);

/* admin_changes.c: the data stewards' evaluation of change requests */
int admin_changes_show(struct req *r);
int admin_changes_change_show(struct req *r);
int admin_changes_assign_submit(struct req *r);
int admin_changes_move_submit(struct req *r);
int admin_changes_comments_submit(struct req *r);
int admin_changes_document_show(struct req *r);

/* admin_api.c: the write API's decisions */
int admin_api_transitions_submit(struct req *r);

#endif
