/* The check of a list of IDs, for the page /tools/check and for
 * POST /api/v1/check: each token a person pasted or uploaded (or each
 * string of a program's array) is read as a 12-digit list or term ID, an
 * ORG- or a LOC- ID (upper or lower case), or marked as no ID at all; the
 * IDs are then looked up a batch at a time, in one statement of every kind
 * per batch, and the replacements of terms (rms_terms.current_term_id) and
 * the merges of organisations and locations (oms_merged) are followed to
 * the ID in use today, a round of statements per step of the chains, never
 * a statement per ID.  A chain that turns back on itself or goes on for
 * more than CHECK_CHAIN_MAX steps is reported, not followed. */
#ifndef SPOR_CHECK_H
#define SPOR_CHECK_H

#include <stdbool.h>
#include <stddef.h>

struct req;

enum {
	CHECK_MAX_IDS = 10000,	 /* IDs in one check */
	CHECK_MAX_OTHERS = 1000, /* tokens that are no ID, beside them (a page's paste or file) */
	CHECK_CHAIN_MAX = 16,	 /* steps of a chain of replacements or merges */
};

/* What a token names. */
enum check_kind {
	CHECK_NOT_ID,  /* no ID at all */
	CHECK_UNKNOWN, /* an ID the portal does not hold */
	CHECK_TERM,
	CHECK_LIST,
	CHECK_ORG,
	CHECK_LOC,
};

/* Why a chain of replacements or merges has no end to show. */
enum check_problem {
	CHECK_CHAIN_OK,
	CHECK_CHAIN_CYCLE,    /* it comes back to an ID it passed */
	CHECK_CHAIN_TOO_LONG, /* more than CHECK_CHAIN_MAX steps */
	CHECK_CHAIN_MISSING,  /* it leads to an ID the portal does not hold */
};

struct check_row {
	const char *input; /* the token as given */
	const char *id;	   /* its normal form (upper case), NULL when no ID */
	enum check_kind kind;
	bool merged; /* an organisation or location ID merged into another */
	/* The record's status and names (English, and in the language asked);
	 * a merged ID has no status, and the names of the record it leads to.
	 * A location's name is its first address line, city and country. */
	const char *status, *name, *local_name;
	/* A term's list, a location's organisation: ID and name. */
	const char *parent_id, *parent_name;
	/* The IDs it was replaced by or merged into, step by step, and the one
	 * at the end (the ID itself when none; NULL when `problem`). */
	const char **chain;
	size_t nchain;
	const char *current;
	enum check_problem problem;
};

struct check {
	struct check_row *rows;
	size_t nrows, cap;
	size_t ids, others; /* tokens that are IDs, and that are not (kept or not) */
	size_t others_max;  /* of those that are not, the most kept */
};

/* An empty check that keeps at most `others_max` tokens that are no ID
 * (CHECK_MAX_OTHERS for a person's paste; a program's array of at most
 * CHECK_MAX_IDS strings keeps them all). */
void check_init(struct check *c, size_t others_max);

/* Every token of `text` (len bytes of clean UTF-8), split at white space
 * (also no-break and zero-width spaces, a byte order mark), commas and
 * semicolons, a pair of quotes around one removed, in order.  Rows past
 * the caps are counted, not kept. */
void check_tokens(struct req *r, struct check *c, const char *text, size_t len);

/* One string as one token (a program's array element: never split), its
 * white space trimmed; an empty one is a row too. */
void check_add(struct req *r, struct check *c, const char *token);

/* Whether the check is within CHECK_MAX_IDS IDs and its others_max
 * tokens that are not. */
bool check_within(const struct check *c);

/* Look every ID up, names in `lang` (NULL: none), and follow the chains.
 * 0, or -1 when the database failed. */
int check_run(struct req *r, struct check *c, const char *lang);

/* The kind's word in the API and the page ("term", "list", "organisation",
 * "location"), NULL for no ID and an unknown one. */
const char *check_kind_word(enum check_kind k);
/* The problem's word ("cycle", "too_long", "missing"), NULL for none. */
const char *check_problem_word(enum check_problem p);

#endif
