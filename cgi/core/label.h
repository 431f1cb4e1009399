/* The words a page shows for a coded value, in the page's languages: a
 * domain or a country by the names RMS gives its term in the data
 * language, a country RMS does not hold by ICU's name for it, and the
 * portal's own codes (an organisation's type or size) by the interface
 * strings of templates/lang/.  Every enumeration a page prints goes
 * through here, so that no English is left on a French or German page. */
#ifndef SPOR_LABEL_H
#define SPOR_LABEL_H

struct req;

enum label_kind {
	LABEL_TERM,	/* an RMS term ID of the Domain or Country list */
	LABEL_COUNTRY,	/* an ISO 3166-1 alpha-2 code */
	LABEL_ORG_TYPE, /* an OMS organisation type, as the data writes it */
	LABEL_ORG_SIZE	/* an OMS organisation size (Micro, Small ...): Lang.cr.sizes */
};

/* The label of `code` in the request's language; `code` itself when
 * nothing names it; NULL for NULL. */
const char *label(struct req *r, enum label_kind kind, const char *code);

/* The RMS term of the Country list that stands for an ISO code, or NULL. */
const char *label_country_term(struct req *r, const char *code);

/* For each item of the page's list `list` ("Page.orgs"): its child `out`
 * set to the label of its child `key` (items without it are left alone). */
void label_items(struct req *r, const char *list, const char *key, const char *out, enum label_kind kind);

#endif
