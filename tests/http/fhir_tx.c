/* The FHIR terminology tests' requests and fixture (fhir_tx.h). */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "dbtest.h"
#include "fhir_tx.h"

/* The fixture's terms (tests/fixtures/rms/fhir-tx.csv, which the FHIR
 * layer's tests/fhir/valueset.mjs imports too), then the paging terms. */
bool fhir_tx_fixture(void)
{
	char path[4096];
	dbtest_source_path("tests/fixtures/rms/fhir-tx.csv", path, sizeof path);
	char *fixed = slurp(path);
	if (!fixed)
		return false;
	size_t size = strlen(fixed) + TX_PAGING * 200;
	char *csv = malloc(size);
	size_t n = (size_t)snprintf(csv, size, "%s", fixed);
	free(fixed);
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
