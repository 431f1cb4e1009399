/* spor-account's page handlers, grouped by the file that holds each: what
 * its route table (routes_account.c) wires.  Each program's handlers are
 * declared in its own header, and a route table reads only its own
 * (tests/lint/layering.sh), so no table can wire another program's handler.
 * A handler reads only checked fields (in_text/in_int), fills the request's
 * HDF and returns the HTTP status; 4xx/5xx without a body become the
 * portal's error page. */
#ifndef SPOR_HANDLERS_ACCOUNT_H
#define SPOR_HANDLERS_ACCOUNT_H

struct req;

/* account_login.c: signing in and out */
int login_form(struct req *r);
int login_submit(struct req *r);
int logout_submit(struct req *r);

/* account_login_twofactor.c: the second step of signing in */
int login_code_form(struct req *r);
int login_code_submit(struct req *r);

/* account_twofactor.c: turning two-step sign-in on and off, recovery codes */
int twofactor_page(struct req *r);
int twofactor_enable(struct req *r);
int twofactor_disable(struct req *r);
int twofactor_renew_codes(struct req *r);

/* account_register.c: a new account and its email's verification */
int register_form(struct req *r);
int register_submit(struct req *r);
int verify_form(struct req *r);
int verify_submit(struct req *r);

/* account_password.c: a forgotten password reset by email; a password changed */
int forgot_form(struct req *r);
int forgot_submit(struct req *r);
int reset_form(struct req *r);
int reset_submit(struct req *r);
int password_form(struct req *r);
int password_submit(struct req *r);

/* account_home.c: the account page, and deleting the account */
int account_show(struct req *r);
int delete_form(struct req *r);
int delete_submit(struct req *r);

/* account_sessions.c: the account's sessions, signing out the others */
int sessions_page(struct req *r);
int sessions_end_others(struct req *r);
int session_show(struct req *r);
int session_end_submit(struct req *r);

/* account_prefs.c: preferences and favourites */
int prefs_form(struct req *r);
int prefs_submit(struct req *r);
int favourite_submit(struct req *r);

/* account_roles.c: the user's roles and role requests */
int roles_page(struct req *r);
int role_request_submit(struct req *r);
int role_request_withdraw(struct req *r);
int role_request_document(struct req *r);

/* account_requests.c: proposing changes to the data, and the user's requests */
int cr_new_list_form(struct req *r);
int cr_new_list_post(struct req *r);
int cr_new_term_form(struct req *r);
int cr_new_term_post(struct req *r);
int cr_term_form(struct req *r);
int cr_term_post(struct req *r);
int cr_org_new_form(struct req *r);
int cr_org_new_post(struct req *r);
int cr_org_form(struct req *r);
int cr_org_post(struct req *r);
int my_requests(struct req *r);
int my_request(struct req *r);
int my_request_edit(struct req *r);
int my_request_withdraw(struct req *r);
int my_request_comment(struct req *r);
int my_request_document(struct req *r);

#endif
