/* The write API's decisions (spor-admin; a personal access token with the
 * decide scope, of a data steward or administrator with two-step sign-in
 * on): POST /api/v1/change-requests/{id}/transitions with
 *   {"to": "VALID" | "INVALID" | "RETURNED" | "APPROVED" | "APPROVED_WC" |
 *    "REJECTED", "comment": "...", "changes": {field: value, ...}}
 * decided by the console's own code (admin_changes_decide): the same
 * moves, separation of duties (nobody decides their own request), records
 * and mails; "changes" is an approval's corrections, by the web forms'
 * field names.  200 with the request; 400 naming each problem (the
 * comment a decision needs, a correction's fields); 403 the steward's own
 * request; 409 decided or moved meanwhile. */
#include "config.h"

#include <jansson.h>
#include <string.h>

#include "account/cr.h"
#include "account/cr_check.h"
#include "account/cr_record.h"
#include "admin/admin.h"
#include "core/page.h"
#include "core/program.h"
#include "programs/fields_admin.h"
#include "programs/handlers_admin.h"

int admin_api_transitions_submit(struct req *r)
{
	const char *id = in_text(r, DF_REQUEST_ID);
	json_t *form;
	int status = admin_changes_decide(r, id, in_text(r, DF_TO), in_text(r, DF_COMMENT), &form);
	if (status == 400) {
		/* Each problem by the API's name of its field: the console's
		 * "reason" is the comment. */
		json_t *problems = json_object_get(form, "errors");
		HDF *errors = page_node(r, "Page.errors");
		page_put(errors, "comment", json_string_value(json_object_get(problems, "reason")));
		const char *type = hdf_get_value(r->hdf, "Page.cr.type", "");
		for (size_t i = 0; i < cr_nkeys; i++) {
			const char *name = cr_form_name(type, cr_keys[i].key);
			if (name && (cr_keys[i].types & cr_type_of(type)))
				page_put(errors, name, json_string_value(json_object_get(problems, name))); /* names: literals (cr_fields.h) */
		}
	}
	json_decref(form);
	return status == 303 ? cr_api_answer(r, id, true, 200) : status;
}
