/* Dates as the EMA's sources write them (the RMS list exports and FHIR
 * CodeSystems, the OMS exports), read into the one form the database
 * stores, for the importers of both services. */
#ifndef SPOR_DATE_H
#define SPOR_DATE_H

#include <stdbool.h>

/* "dd/MM/yyyy HH:mm[:ss]" or ISO 8601 "yyyy-MM-ddTHH:mm:ss[.fff]Z" (or a date
 * alone) into "yyyy-MM-dd HH:mm:ss" in `out` (20 bytes).  Empty input gives
 * an empty string.  False when malformed. */
bool date_normalize(const char *s, char out[20]);

#endif
