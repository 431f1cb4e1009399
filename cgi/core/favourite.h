/* The star on a list's or an organisation's page: for a signed-in visitor,
 * whether they follow it (what the account follows came with its session,
 * session.h), for the favourite_star macro's
 * form, which posts to spor-account's /account/favourites. */
#ifndef SPOR_FAVOURITE_H
#define SPOR_FAVOURITE_H

struct req;

/* Set Page.favourite.{kind,ref,on,next} when the visitor is signed in;
 * `kind` is "list" or "organisation". */
void favourite_mark(struct req *r, const char *kind, const char *ref);

#endif
