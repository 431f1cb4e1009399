/* The organisations' exports outside a request's answer: sporctl dump
 * writes every organisation with its locations into its archive with the
 * very code of /oms/export.csv and /oms/export.json, so that the files are
 * those exports (with ?sort=id) byte for byte. */
#ifndef SPOR_OMS_EXPORT_H
#define SPOR_OMS_EXPORT_H

#include <stddef.h>

struct req;

enum oms_export_form { OMS_EXPORT_CSV, OMS_EXPORT_JSON };

/* Every organisation, by ID, without filters, in `form`, handed to `sink`
 * as it is written.  0 or -1. */
int oms_export_whole(struct req *r, enum oms_export_form form, void (*sink)(void *ctx, const char *data, size_t len),
		     void *ctx);

#endif
