/* ISO 3166-1 alpha-2 country codes: reading a code as sources and visitors
 * write it (the OMS import and pages, and the country fields of field.c) and
 * the English name of a code. */
#ifndef SPOR_COUNTRY_H
#define SPOR_COUNTRY_H

/* The ISO 3166-1 alpha-2 code for `code` as sources write it: upper-cased,
 * with the EU's EL and UK read as GR and GB; NULL when it names no country. */
const char *country_code(const char *code);

/* The English name of a (canonical) code, or NULL. */
const char *country_name(const char *code);

#endif
