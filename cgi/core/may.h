/* What the signed-in user may propose, by the roles they hold: one policy
 * for the pages that offer a proposal (a link only to those whose proposal
 * would be taken; to the others the roles it needs and the way to ask for
 * one, or their request that waits) and for the handlers that take one.
 * The roles held and asked for come with the session (session.h). */
#ifndef SPOR_MAY_H
#define SPOR_MAY_H

#include <stdbool.h>

struct req;

enum may_act {
	MAY_PROPOSE,	/* a new list or term, a change to either (RMS) */
	MAY_TRANSLATE,	/* a translation of a term's texts */
	MAY_CHANGE_ORG, /* a change to an organisation, a new location, a change to one: for that organisation */
	MAY__COUNT
};

/* Whether the signed-in user may do `act` (for organisation `org` where
 * the act is about one; NULL otherwise).  False for a visitor. */
bool may(const struct req *r, enum may_act act, const char *org);

/* Tell the templates, for a signed-in user: May.<act> = "1" when they may;
 * else "pending" when a request of theirs for one of its roles waits, or
 * "ask"; with either, May.<act>.org the organisation, and Need.<act>.<n>.code
 * the codes of the roles that would let them (Lang.role.<code>; the same
 * for everyone, kept by the worker).  Nothing for a visitor, who is offered
 * the sign-in instead. */
void may_put(struct req *r, enum may_act act, const char *org);

#endif
