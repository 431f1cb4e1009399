/* ISO 3166-1 alpha-2 country codes for the OMS import and pages: reading a
 * code as sources write it and the English name of a code. */
#ifndef SPOR_OMS_COUNTRY_H
#define SPOR_OMS_COUNTRY_H

/* The ISO 3166-1 alpha-2 code for `code` as sources write it: upper-cased,
 * with the EU's EL and UK read as GR and GB; NULL when it names no country. */
const char *oms_country_code(const char *code);

/* The English name of a (canonical) code, or NULL. */
const char *oms_country_name(const char *code);

#endif
