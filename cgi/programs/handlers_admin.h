/* spor-admin's page handlers, grouped by the file that holds each: what its
 * route table (routes_admin.c) wires.  Each program's handlers are declared
 * in its own header, and a route table reads only its own
 * (tests/lint/layering.sh), so no table can wire another program's handler.
 * A handler reads only checked fields (in_text/in_int), fills the request's
 * HDF and returns the HTTP status; 4xx/5xx without a body become the
 * portal's error page. */
#ifndef SPOR_HANDLERS_ADMIN_H
#define SPOR_HANDLERS_ADMIN_H

struct req;

/* admin_home.c: what waits for the signed-in decider */
int admin_home(struct req *r);

/* admin_requests.c: the queue of role requests, one request, its decision */
int admin_requests(struct req *r);
int admin_request(struct req *r);
int admin_request_document(struct req *r);
int admin_request_decide(struct req *r);

/* admin_users.c: users, their roles, locking */
int admin_users(struct req *r);
int admin_user(struct req *r);
int admin_user_lock(struct req *r);
int admin_user_unlock(struct req *r);
int admin_user_grant(struct req *r);
int admin_user_revoke(struct req *r);

/* admin_audit.c: the audit log */
int admin_audit(struct req *r);

/* admin_changes.c: the data stewards' evaluation of change requests */
int admin_changes(struct req *r);
int admin_change(struct req *r);
int admin_change_assign(struct req *r);
int admin_change_move(struct req *r);
int admin_change_comment(struct req *r);
int admin_change_document(struct req *r);

#endif
