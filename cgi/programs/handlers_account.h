/* spor-account's page handlers, grouped by the file that holds each: what
 * its route table (routes_account.c) wires.  Each program's handlers are
 * declared in its own header, and a route table reads only its own
 * (tests/lint/layering.sh), so no table can wire another program's handler.
 * A handler reads only checked fields (in_text/in_int), fills the request's
 * HDF and returns the HTTP status; 4xx/5xx without a body become the
 * portal's error page.  Each is named for its file and what it answers,
 * <file>_<page>_show, _form or _submit (docs/contributing.md, "Handler
 * names"). */
#ifndef SPOR_HANDLERS_ACCOUNT_H
#define SPOR_HANDLERS_ACCOUNT_H

struct req;

/* account_login.c: signing in and out */
int account_login_form(struct req *r);
int account_login_submit(struct req *r);
int account_login_logout_submit(struct req *r);

/* account_login_twofactor.c: the second step of signing in */
int account_login_twofactor_form(struct req *r);
int account_login_twofactor_submit(struct req *r);

/* account_twofactor.c: turning two-step sign-in on and off, recovery codes */
int account_twofactor_form(struct req *r);
int account_twofactor_submit(struct req *r);
int account_twofactor_disable_submit(struct req *r);
int account_twofactor_recovery_codes_submit(struct req *r);

/* account_register.c: a new account and its email's verification */
int account_register_form(struct req *r);
int account_register_submit(struct req *r);
int account_register_verify_form(struct req *r);
int account_register_verify_submit(struct req *r);

/* account_password.c: a forgotten password reset by email; a password changed */
int account_password_forgot_form(struct req *r);
int account_password_forgot_submit(struct req *r);
int account_password_reset_form(struct req *r);
int account_password_reset_submit(struct req *r);
int account_password_form(struct req *r);
int account_password_submit(struct req *r);

/* account_home.c: the account page, and deleting the account */
int account_home_show(struct req *r);
int account_home_delete_form(struct req *r);
int account_home_delete_submit(struct req *r);

/* account_api.c, account_api_write.c, account_api_batch.c: the write API: the token owner's
 * change requests, read and proposed */
int account_api_write_requests_submit(struct req *r);
int account_api_write_withdraw_submit(struct req *r);
int account_api_write_comments_submit(struct req *r);
int account_api_write_request_submit(struct req *r);
int account_api_write_submit_submit(struct req *r);
int account_api_batch_requests_submit(struct req *r);

int account_api_requests_show(struct req *r);
int account_api_request_show(struct req *r);

/* account_tokens.c: personal access tokens: made, listed, revoked */
int account_tokens_form(struct req *r);
int account_tokens_submit(struct req *r);
int account_tokens_revoke_submit(struct req *r);

/* account_sessions.c: the account's sessions, signing out the others */
int account_sessions_form(struct req *r);
int account_sessions_submit(struct req *r);
int account_sessions_session_form(struct req *r);
int account_sessions_session_submit(struct req *r);

/* account_prefs.c: preferences and favourites */
int account_prefs_form(struct req *r);
int account_prefs_submit(struct req *r);
int account_prefs_favourites_submit(struct req *r);
int account_prefs_language_show(struct req *r);

/* account_roles.c: the user's roles and role requests */
int account_roles_form(struct req *r);
int account_roles_submit(struct req *r);
int account_roles_withdraw_submit(struct req *r);
int account_roles_document_show(struct req *r);

/* account_requests.c: proposing changes to the data, and the user's requests */
int account_requests_new_list_form(struct req *r);
int account_requests_new_list_submit(struct req *r);
int account_requests_new_term_form(struct req *r);
int account_requests_new_term_submit(struct req *r);
int account_requests_term_form(struct req *r);
int account_requests_term_submit(struct req *r);
int account_requests_new_org_form(struct req *r);
int account_requests_new_org_submit(struct req *r);
int account_requests_org_form(struct req *r);
int account_requests_org_submit(struct req *r);
int account_requests_show(struct req *r);
int account_requests_request_form(struct req *r);
int account_requests_request_submit(struct req *r);
int account_requests_withdraw_submit(struct req *r);
int account_requests_comments_submit(struct req *r);
int account_requests_document_show(struct req *r);

#endif
