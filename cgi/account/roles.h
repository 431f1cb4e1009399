/* Roles for organisations and the approval chain, shared by spor-account
 * (requesting) and spor-admin (deciding): the first Super User request of an
 * organisation goes to the agency's administrators; every later request for
 * that organisation goes to its super users.  Administrators may always
 * decide; nobody decides on their own request. */
#ifndef SPOR_ROLES_H
#define SPOR_ROLES_H

#include <stdbool.h>

struct req;

/* Whether the organisation has an active super user (0/1), or -1. */
int roles_org_has_super(struct req *r, const char *org_id);

/* The roles `account` holds into Page.roles, in the roles' order: code, org,
 * org_name, since, and revocable (whether `viewer` may revoke it: all of
 * them when `all`, else those of the organisations `viewer` is a super user
 * of; none when `viewer` is NULL).  0 or -1. */
int roles_held_put(struct req *r, const char *account, bool all, const char *viewer);

/* Whether the signed-in user may decide on a request of `requester` for
 * `org_id`: an administrator, or a super user of that organisation, and
 * never on their own request. */
bool roles_may_decide(struct req *r, const char *org_id, const char *requester);

#endif
