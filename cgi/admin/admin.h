/* What the console's pages share (spor-admin), and sporctl with them. */
#ifndef SPOR_ADMIN_H
#define SPOR_ADMIN_H

#include <stdbool.h>
#include <stddef.h>

#include <jansson.h>

struct db;
struct req;

/* Render admin/<page>.cs (Csrf.token set, never stored by caches);
 * returns `status`. */
int admin_page(struct req *r, const char *page, int status);

/* "1" when the signed-in user is an administrator, else "0": the argument
 * of the queries that show an administrator everything and a super user
 * only what concerns their organisations. */
const char *admin_all(const struct req *r);

/* A filtered listing of the console: two statements over one FILTERS text,
 * its count and a page of its rows (the same arguments, then LIMIT ?
 * OFFSET ?, from the page and size fields), the rows put under `list` by
 * `names` (their columns' names on the page) and the pager under `path`. */
struct db_sql;
struct db_rows;
struct admin_listing {
	const char *path, *list;
	struct db_sql *count, *page;
	const char *const *names;
	size_t ncols;
};

/* Run listing `l` with `args`, the FILTERS text's arguments in its order,
 * the page's rows in *rows too.  200 or 500. */
int admin_listing(struct req *r, const struct admin_listing *l, const char *const *args, size_t nargs,
		  struct db_rows *rows);
#define ADMIN_ARGS(...) (const char *const[]){__VA_ARGS__}, sizeof((const char *const[]){__VA_ARGS__}) / sizeof(char *)

/* Lock an account (a pending or active one; its sessions end) or unlock a
 * locked one, inside the caller's transaction; *changed says whether it
 * was in a state to be.  0 or -1. */
int admin_lock(struct db *db, const char *account, bool lock, unsigned long long *changed);

/* Administrators and data stewards without two-step sign-in are sent to
 * turn it on (admin_twofactor.c): spor-admin's before_handler.  0, or the
 * status of the answer made instead. */
int admin_two_factor_required(struct req *r);

/* A steward's decision on change request `id`: the move `to` with
 * `comment`, and for an approval with changes the proposal's fields as the
 * route read them (DF_PROPOSAL on, account/cr_fields.h).
 * 303 done; 400 with the problems in *form's "errors" (by field: "reason",
 * the proposal's); 409 decided or moved meanwhile (r->err_reason); 403 the
 * steward's own request; 404; 500.  *form ({to, reason, values, errors,
 * detail}, or NULL) is the caller's to free. */
int admin_changes_decide(struct req *r, const char *id, const char *to, const char *comment, json_t **form);

#endif
