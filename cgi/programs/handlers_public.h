/* Every page handler, grouped by the file that holds it.  A handler reads
 * only checked fields (in_text/in_int), fills the request's HDF and returns
 * the HTTP status; 4xx/5xx without a body become the portal's error page. */
#ifndef SPOR_HANDLERS_H
#define SPOR_HANDLERS_H

struct req;

/* home.c: the home page and the services not yet activated */
int home_show(struct req *r);
int home_sms(struct req *r);
int home_pms(struct req *r);

/* health.c: /healthz for load balancers */
int health_check(struct req *r);

/* rms_lists.c, rms_list.c, rms_term.c, rms_search.c, rms_export.c: the referentials */
int rms_lists_show(struct req *r);
int rms_list_show(struct req *r);
int rms_term_show(struct req *r);
int rms_search_show(struct req *r);
int rms_export_csv(struct req *r);
int rms_export_json(struct req *r);
int rms_export_fhir(struct req *r);

/* oms_orgs.c, oms_org.c, oms_location.c, oms_export.c: organisations */
int oms_orgs_show(struct req *r);
int oms_org_show(struct req *r);
int oms_location_show(struct req *r);
int oms_export_csv(struct req *r);
int oms_export_json(struct req *r);

/* api.c, api_rms.c, api_oms.c, api_v1.c: the read API (its page for people), and the EMA's v1 */
int api_page(struct req *r);
int api_lists(struct req *r);
int api_list(struct req *r);
int api_list_terms(struct req *r);
int api_term(struct req *r);
int api_search_terms(struct req *r);
int api_orgs(struct req *r);
int api_org(struct req *r);
int api_location(struct req *r);
int v1_lists(struct req *r);
int v1_term_summaries(struct req *r);

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
