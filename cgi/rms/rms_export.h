/* A list's exports outside a request's answer: sporctl dump writes each
 * list's CSV and FHIR CodeSystem into its archive with the very code of
 * /rms/lists/{listId}/export.csv and /api/v1/fhir/CodeSystem/{listId}, so
 * that the files are those exports byte for byte. */
#ifndef SPOR_RMS_EXPORT_H
#define SPOR_RMS_EXPORT_H

#include <stddef.h>

struct req;

enum rms_export_form { RMS_EXPORT_CSV, RMS_EXPORT_FHIR };

/* Every term of list `id`, without filters, in `form`, handed to `sink`
 * as it is written.  0, or -1 (no such list, or a database error). */
int rms_export_whole(struct req *r, const char *id, enum rms_export_form form,
		     void (*sink)(void *ctx, const char *data, size_t len), void *ctx);

#endif
