/* sporctl gen-data --orgs N: synthetic but realistic organisations for
 * scale tests: invented names in several languages (accents included),
 * every type, size and status, 1 to 6 locations (2.5 on average) in the EU's countries,
 * alternative names, identifiers, and one organisation in fifty carrying a
 * merged ID.  Written through the OMS store, as an import would.  Generated
 * IDs (ORG-8..., LOC-8...) never meet real ones; running it again replaces
 * what it generated before. */
#include "config.h"

#include <jansson.h>
#include <stdio.h>

#include "core/db.h"
#include "ctl/ctl.h"
#include "oms/oms_store.h"

static const char *const syllables[] = {"Ar", "Be", "Cor", "Da", "El", "Fa", "Gen", "Hy", "Is", "Ka", "Lu", "Mé",
					"No", "Or", "Pa", "Qui", "Ro", "Sé", "Tor", "Ul", "Va", "Wi", "Xa", "Zé"};
static const char *const forms[] = {"Pharma GmbH", "Laboratoires SA", "Farmacéutica S.L.", "Pharmaceuticals Ltd",
				    "Farmaceutici S.p.A.", "Pharma B.V.", "Läkemedel AB", "Pharma A/S"};
static const struct {
	const char *code, *city, *postal, *lang;
	double lat, lon;
} places[] = {
	{"DE", "München", "80331", "de", 48.137, 11.575}, {"FR", "Lyon", "69007", "fr", 45.75, 4.85},
	{"ES", "Sevilla", "41001", "es", 37.389, -5.984}, {"IT", "Milano", "20121", "it", 45.464, 9.19},
	{"NL", "Leiden", "2311", "nl", 52.16, 4.49},	  {"SE", "Göteborg", "41101", "sv", 57.708, 11.974},
	{"PL", "Łódź", "90-001", "pl", 51.759, 19.456},	  {"AT", "Wien", "1010", "de", 48.208, 16.373},
	{"DK", "København", "1050", "da", 55.676, 12.568}, {"GR", "Αθήνα", "105 57", "el", 37.984, 23.728},
	{"PT", "Lisboa", "1100-148", "pt", 38.722, -9.139}, {"IE", "Dublin", "D02", "en", 53.35, -6.26},
};
static const char *const types[] = {"Industry", "Industry", "Industry", "Regulatory Authority",
				    "Educational Institution", "Healthcare Institution"};
static const char *const sizes[] = {"Micro", "Small", "Medium", "Large"};
static const char *const statuses[] = {"ACTIVE", "ACTIVE", "ACTIVE", "ACTIVE", "ACTIVE", "ACTIVE",
				       "INACTIVE", "PROVISIONAL", "DELETED"};

#define PICK(a, n) a[(n) % (sizeof a / sizeof a[0])]

static json_t *location(long long org, long long k, long long seq)
{
	long long p = (org + k) % (long long)(sizeof places / sizeof places[0]);
	char id[32], street[64];
	snprintf(id, sizeof id, "LOC-%09lld", 800000000 + seq);
	snprintf(street, sizeof street, "%lld Industriestraße", 1 + (org * 7 + k) % 180);
	return json_pack("{s:s, s:[s], s:n, s:s, s:s, s:n, s:n, s:s, s:n, s:f, s:f, s:s, s:n, s:n, s:s, s:s, s:[]}",
			 "id", id, "address", street, "po_box", "postal_code", places[p].postal, "city",
			 places[p].city, "county", "region", "country_code", places[p].code, "country", "latitude",
			 places[p].lat + (double)(org % 100) / 1000, "longitude", places[p].lon, "lang", places[p].lang,
			 "email", "phone", "status", k == 0 ? "ACTIVE" : PICK(statuses, org + k), "version",
			 "2024-05-01T09:00:00Z", "merged_ids");
}

/* Organisation n (from 1) and its locations, from location number *seq on. */
static json_t *organisation(long long n, long long *seq)
{
	char id[32], name[128], alt[128];
	snprintf(id, sizeof id, "ORG-%09lld", 800000000 + n);
	snprintf(name, sizeof name, "%s%s%s %s", PICK(syllables, n), PICK(syllables, n / 24), PICK(syllables, n / 576),
		 PICK(forms, n / 13824 + n));
	snprintf(alt, sizeof alt, "%s%s%s Pharmazeutika", PICK(syllables, n), PICK(syllables, n / 24),
		 PICK(syllables, n / 576));
	json_t *org = json_pack("{s:s, s:s, s:n, s:s, s:s, s:s, s:s}", "id", id, "name", name, "acronym", "type",
				PICK(types, n), "size", PICK(sizes, n / 3), "status", PICK(statuses, n / 7), "version",
				"2024-05-01T09:00:00Z");
	json_object_set_new(org, "alternative_names",
			    n % 4 ? json_array() : json_pack("[{s:s, s:s}]", "name", alt, "lang", "de"));
	json_object_set_new(org, "identifiers",
			    n % 3 ? json_array()
				  : json_pack("[{s:s, s:s, s:s, s:n}]", "system", "VAT", "code", id + 4, "valid_from",
					      "2020-01-01", "valid_to"));
	char old[32];
	snprintf(old, sizeof old, "ORG-%09lld", 900000000 + n);
	json_object_set_new(org, "merged_ids", n % 50 ? json_array() : json_pack("[s]", old));
	json_t *locs = json_array();
	long long spread = (n * 5 + n / 7) % 6, nlocs = spread == 5 ? 6 : 1 + spread % 3; /* 1-3, some 6 */
	for (long long k = 0; k < nlocs; k++)
		json_array_append_new(locs, location(n, k, (*seq)++));
	json_object_set_new(org, "locations", locs);
	return org;
}

static struct db_sql q_clear = DB_SQL("DELETE FROM oms_organisations WHERE id BETWEEN 800000000 AND 899999999");
static struct db_sql q_clear_merged = DB_SQL("DELETE FROM oms_merged WHERE old_id BETWEEN 900000000 AND 999999999");
/* Their history goes with them (versions have no foreign key: the store
 * deletes and writes again an organisation's row on each change). */
static struct db_sql q_clear_versions =
	DB_SQL("DELETE FROM oms_org_versions WHERE org_id BETWEEN 800000000 AND 899999999");
static struct db_sql q_clear_loc_versions =
	DB_SQL("DELETE FROM oms_loc_versions WHERE org_id BETWEEN 800000000 AND 899999999");

int ctl_gendata_orgs(struct db *db, long long n, bool tty)
{
	if (db_exec(db, &q_clear, NULL, "") < 0 || db_exec(db, &q_clear_merged, NULL, "") < 0 ||
	    db_exec(db, &q_clear_versions, NULL, "") < 0 || db_exec(db, &q_clear_loc_versions, NULL, "") < 0)
		return -1;
	struct oms_store *s = oms_store_open(db, "generated", NULL);
	long long seq = 1;
	int rc = 0;
	char why[200];
	for (long long i = 1; rc == 0 && i <= n; i++) {
		json_t *org = organisation(i, &seq);
		rc = oms_store_org(s, org, why, sizeof why) == 0 ? 0 : -1;
		json_decref(org);
		if (rc == 0 && i % 500 == 0)
			rc = oms_store_checkpoint(s);
		if (tty && (i % 1000 == 0 || i == n))
			ctl_progress_bar("orgs", (size_t)i, (size_t)n);
	}
	struct oms_store_stats st;
	if (oms_store_close(s, rc == 0, &st) < 0)
		return -1;
	printf("generated %lld organisations with %lld locations\n", n, seq - 1);
	return 0;
}
