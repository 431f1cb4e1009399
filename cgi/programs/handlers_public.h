/* spor-public's page handlers, grouped by the file that holds each: what its
 * route table (routes_public.c) wires.  Each program's handlers are declared
 * in its own header, and a route table reads only its own
 * (tests/lint/layering.sh), so no table can wire another program's handler.
 * A handler reads only checked fields (in_text/in_int), fills the request's
 * HDF and returns the HTTP status; 4xx/5xx without a body become the
 * portal's error page.  Each is named for its file and what it answers,
 * <file>_<page>_show, _form or _submit (docs/contributing.md, "Handler
 * names"). */
#ifndef SPOR_HANDLERS_PUBLIC_H
#define SPOR_HANDLERS_PUBLIC_H

struct req;

/* home.c: the home page and the services not yet activated */
int home_show(struct req *r);
int home_sms_show(struct req *r);
int home_pms_show(struct req *r);

/* health.c: /healthz for load balancers */
int health_show(struct req *r);

/* rms_lists.c, rms_list.c, rms_term.c, rms_search.c, rms_export.c: the referentials */
int rms_lists_show(struct req *r);
int rms_list_show(struct req *r);
int rms_term_show(struct req *r);
int rms_search_show(struct req *r);
int rms_export_csv_show(struct req *r);
int rms_export_xlsx_show(struct req *r);
int rms_export_json_show(struct req *r);
int rms_export_fhir_show(struct req *r);

/* oms_orgs.c, oms_org.c, oms_location.c, oms_export.c: organisations */
int oms_orgs_show(struct req *r);
int oms_org_show(struct req *r);
int oms_location_show(struct req *r);
int oms_export_csv_show(struct req *r);
int oms_export_xlsx_show(struct req *r);
int oms_export_json_show(struct req *r);

/* api.c, api_rms.c, api_oms.c, api_v1.c, api_v1_detail.c: the read API (its page for people), and the EMA's v1 */
int api_show(struct req *r);
int api_rms_lists_show(struct req *r);
int api_rms_list_show(struct req *r);
int api_rms_list_terms_show(struct req *r);
int api_rms_term_show(struct req *r);
int api_rms_search_terms_show(struct req *r);
int api_oms_orgs_show(struct req *r);
int api_oms_org_show(struct req *r);
int api_oms_location_show(struct req *r);
int api_v1_lists_show(struct req *r);
int api_v1_term_summaries_show(struct req *r);
int api_v1_detail_term_show(struct req *r);
int api_v1_detail_organisation_show(struct req *r);
int api_v1_detail_location_show(struct req *r);

/* api_check.c: the check of a list of IDs, for programs */
int api_check_submit(struct req *r);

/* tools_check.c: the check of a list of IDs, for people */
int tools_check_form(struct req *r);
int tools_check_submit(struct req *r);

#endif
