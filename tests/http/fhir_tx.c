/* The FHIR terminology tests' requests and fixture (fhir_tx.h). */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "dbtest.h"
#include "fhir_tx.h"

#define HEAD                                                                                                       \
	"List ID,Term ID,Language,Term Name,Term Name Modified On,Short Name,Term Description,Domain ID,Parent ID,"    \
	"Term Status,Term Status Modified On,Current Term ID,Mapping Source ID,Mapping Source Term ID,"               \
	"Source Provided Name,Is Main Term Source,Applicable to Country ID,Term Created On,Version Number,"           \
	"Is Major Version,Term Visibility\r\n"
/* One row: list, term, language, name, status, replaced by, mapping columns. */
#define ROW(list, term, lang, name, status, by, src, code, sname, main)                                           \
	list "," term "," lang ",\"" name "\",,,,,," status ",," by "," src "," code "," sname "," main               \
	     ",,05/02/2018 07:12:31,1,Y,PUBLIC\r\n"

static const char fixed[] =
	HEAD ROW(TX_SOURCE_LIST, TX_EDQM, "en", "EDQM Standard Terms", "CURRENT", "", "", "", "", "")
	ROW(TX_SOURCE_LIST, TX_OTHER, "en", "Short codes", "CURRENT", "", "", "", "", "")
	ROW(TX_LIST, "900000002101", "en", "Film-coated tablet", "CURRENT", "", TX_EDQM "¦" TX_OTHER, "10221000¦FCT",
	    "Film-coated tablet¦FC tablet", "Y¦N")
	ROW(TX_LIST, "900000002101", "fr", "Comprimé pelliculé", "CURRENT", "", TX_EDQM "¦" TX_OTHER, "10221000¦FCT",
	    "Film-coated tablet¦FC tablet", "Y¦N")
	ROW(TX_LIST, "900000002101", "de", "Filmtablette", "CURRENT", "", TX_EDQM "¦" TX_OTHER, "10221000¦FCT",
	    "Film-coated tablet¦FC tablet", "Y¦N")
	ROW(TX_LIST, "900000002102", "en", "Effervescent tablet", "CURRENT", "", TX_EDQM, "10222000", "", "Y")
	ROW(TX_LIST, "900000002102", "fr", "Comprimé effervescent", "CURRENT", "", TX_EDQM, "10222000", "", "Y")
	ROW(TX_LIST, "900000002102", "de", "Brausetablette", "CURRENT", "", TX_EDQM, "10222000", "", "Y")
	ROW(TX_LIST, "900000002103", "en", "Oral solution", "NON_CURRENT", "900000002104", TX_EDQM, "10111000", "", "Y")
	ROW(TX_LIST, "900000002103", "fr", "Solution buvable", "NON_CURRENT", "900000002104", TX_EDQM, "10111000", "", "Y")
	ROW(TX_LIST, "900000002103", "de", "Lösung zum Einnehmen", "NON_CURRENT", "900000002104", TX_EDQM, "10111000",
	    "", "Y")
	ROW(TX_LIST, "900000002104", "en", "Oral liquid", "CURRENT", "", "", "", "", "")
	ROW(TX_LIST, "900000002104", "fr", "Liquide oral", "CURRENT", "", "", "", "", "");

bool fhir_tx_fixture(void)
{
	size_t size = sizeof fixed + TX_PAGING * 200;
	char *csv = malloc(size);
	size_t n = (size_t)snprintf(csv, size, "%s", fixed);
	for (int i = 1; i <= TX_PAGING; i++)
		n += (size_t)snprintf(csv + n, size - n,
				      TX_LIST ",%lld,en,\"Paging form %04d\",,,,,,CURRENT,,,,,,,,05/02/2018 07:12:31,1,Y,PUBLIC\r\n",
				      900000210000LL + i, i);
	bool done = dbtest_import_csv(csv);
	free(csv);
	return done;
}

json_t *fhir_get(const char *path, struct resp *r)
{
	const char *headers[] = {"Accept: application/fhir+json", NULL};
	request("GET", path, NULL, 0, headers, r);
	return r->body ? json_loads(r->body, 0, NULL) : NULL;
}

json_t *fhir_post(const char *path, const char *body, struct resp *r)
{
	const char *headers[] = {"Accept: application/fhir+json", "Content-Type: application/fhir+json", NULL};
	request("POST", path, body, strlen(body), headers, r);
	return r->body ? json_loads(r->body, 0, NULL) : NULL;
}

json_t *fhir_param(json_t *params, const char *name, const char *type)
{
	size_t i;
	json_t *p;
	json_array_foreach(json_object_get(params, "parameter"), i, p)
	{
		if (strcmp(json_string_value(json_object_get(p, "name")) ? json_string_value(json_object_get(p, "name")) : "",
			   name) == 0)
			return json_object_get(p, type);
	}
	return NULL;
}

static json_t *issue(json_t *oo)
{
	return json_array_get(json_object_get(oo, "issue"), 0);
}

const char *fhir_issue_expression(json_t *oo)
{
	return json_string_value(json_array_get(json_object_get(issue(oo), "expression"), 0));
}

const char *fhir_issue_code(json_t *oo)
{
	return json_string_value(json_object_get(issue(oo), "code"));
}
