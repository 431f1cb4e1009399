/* Rows in the order a language sorts their names: ICU's collator for the
 * language (its tailoring where CLDR has one: Swedish å ä ö after z,
 * Spanish ñ after n; the root order otherwise, in which "Écorce" sorts
 * with the E), for pages that show names in another language than the
 * English that the indexes sort by. */
#ifndef SPOR_COLLATE_H
#define SPOR_COLLATE_H

#include <stdbool.h>
#include <stddef.h>

struct db_rows;
struct req;

struct collate_order {
	size_t name;	/* the column of the names */
	size_t id;	/* the column of the IDs (digits): ties go by ID */
	int first;	/* a column of small numbers sorted before the names (a status's rank), or -1 */
	bool desc;	/* names (and ties) from Z to A */
	bool first_desc; /* the first column from the highest */
};

/* Sort `rows` in place as `lang` (a language code: fr, de, el-CY) orders
 * them.  The collators stay open for the worker's life. */
void collate_rows(struct req *r, struct db_rows *rows, const char *lang, const struct collate_order *o);
/* Close the collators (a worker's end). */
void collate_done(void);

#endif
