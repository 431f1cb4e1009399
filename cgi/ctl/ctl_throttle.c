/* sporctl throttle reset [EMAIL|ADDRESS]: an operator lifts the throttle
 * (throttle.h) of one email (every action counted for it), of one client
 * address, or, without an argument, of everyone. */
#include "config.h"

#include <arpa/inet.h>
#include <stdio.h>
#include <string.h>

#include "core/db.h"
#include "core/email.h"
#include "ctl/ctl.h"

static const char usage[] = "usage: sporctl throttle reset [EMAIL|ADDRESS]\n"
			    "  Clears the counts and lockouts of sign-ins, registrations, password resets and\n"
			    "  changes and account deletions: of one email, of one client address (IPv4 or IPv6),\n"
			    "  or of everyone without an argument.\n";

/* An IPv4 or IPv6 address in the form nginx's $remote_addr has, into out. */
static bool address(const char *arg, char out[INET6_ADDRSTRLEN])
{
	unsigned char bin[sizeof(struct in6_addr)];
	int family = strchr(arg, ':') ? AF_INET6 : AF_INET;
	return inet_pton(family, arg, bin) == 1 && inet_ntop(family, bin, out, INET6_ADDRSTRLEN) != NULL;
}

/* Subjects are stored as the SHA-256 of the normalised email or of the
 * address as nginx writes it (inet_ntop's form). */
static struct db_sql q_reset_one = DB_SQL("DELETE FROM auth_throttle WHERE scope = ? AND subject_hash = UNHEX(SHA2(?, 256))");
static struct db_sql q_reset_all = DB_SQL("DELETE FROM auth_throttle");

int ctl_throttle(const struct settings *s, int argc, char **argv)
{
	if (argc >= 1 && (strcmp(argv[0], "--help") == 0 || strcmp(argv[0], "-h") == 0)) {
		fputs(usage, stdout);
		return 0;
	}
	if (argc < 1 || argc > 2 || strcmp(argv[0], "reset") != 0) {
		fputs(usage, stderr);
		return 2;
	}
	const char *who = argc == 2 ? argv[1] : NULL;
	char subject[EMAIL_MAX + 1 > INET6_ADDRSTRLEN ? EMAIL_MAX + 1 : INET6_ADDRSTRLEN];
	const char *scope = NULL;
	if (who && strchr(who, '@')) {
		enum email_error e = email_normalize(who, subject);
		if (e != EMAIL_OK) {
			fprintf(stderr, "sporctl: %s: %s\n", who, email_error_text(e));
			return 2;
		}
		scope = "account";
	} else if (who) {
		if (!address(who, subject)) {
			fprintf(stderr, "sporctl: %s is neither an email nor an IP address\n", who);
			return 2;
		}
		scope = "address";
	}
	struct db_conf dc;
	db_conf_from(&dc, s, "owner");
	struct db *db = db_new(&dc);
	unsigned long long removed = 0;
	int rc = db_connect(db) < 0 || (scope ? db_exec(db, &q_reset_one, &removed, "ss", scope, subject)
					      : db_exec(db, &q_reset_all, &removed, "")) < 0;
	db_free(db);
	if (rc)
		return 1;
	printf("throttle: %llu count%s cleared for %s\n", removed, removed == 1 ? "" : "s", who ? subject : "everyone");
	return 0;
}
