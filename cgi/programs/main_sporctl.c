/* sporctl: the operator's command line (migrate, import, gen-data, user,
 * create-admin, throttle, notify, dump). */
#include "config.h"

#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "core/conf.h"
#include "core/log.h"
#include "ctl/ctl.h"

struct command {
	const char *name;
	const char *args;
	const char *help;
	int (*run)(const struct settings *s, int argc, char **argv);
};

static const struct command commands[] = {
	{"migrate", "",
	 "create the database if needed, apply pending migrations, then the grants; bring accounts' emails to\n"
	 "      their normal form and print any two that became one",
	 ctl_migrate},
	{"import", "rms [--list-name NAME] FILE|URL [FILE|URL ...]",
	 "import EMA list exports (CSV or ZIP) or FHIR CodeSystem JSON, each in turn, then the bulk downloads once",
	 ctl_import},
	{"import", "oms FILE|URL", "import organisations: the EMA's CSV export or the portal's JSON", ctl_import},
	{"user", "list | lock ACCOUNT | unlock ACCOUNT | reset-password ACCOUNT | set-email ACCOUNT EMAIL | reset-2fa ACCOUNT",
	 "list accounts; lock or unlock one, or set its password (from standard input), which end its sessions,\n"
	 "      or its address, or turn its two-step sign-in off (the owner is mailed);\n"
	 "      ACCOUNT is an email or #NUMBER (the first column of user list)",
	 ctl_user},
	{"create-admin", "EMAIL", "make an administrator: a new active account or an existing one (password from standard input)",
	 ctl_create_admin},
	{"throttle", "reset [EMAIL|ADDRESS]",
	 "lift the throttle of sign-ins, registrations, password resets and changes and deletions:\n"
	 "      of one email, of one client address, or of everyone",
	 ctl_throttle},
	{"notify", "",
	 "mail each data steward and administrator the requests that arrived in their queues since the last\n"
	 "      run, one message each (run it every minute)",
	 ctl_notify},
	{"dump", "[--if-queued]",
	 "write the bulk downloads (every list, every organisation: two ZIP archives in downloads.dir) and prune\n"
	 "      the older ones; --if-queued only when an approval asked for it (run it every minute)",
	 ctl_dump},
	{"gen-data", "[--terms N] [--orgs N]",
	 "generate synthetic terms and organisations for scale tests (0 removes them)", ctl_gendata},
};

static void usage(FILE *f)
{
	fprintf(f, "usage: sporctl [-c CONFIG] COMMAND [ARGS]\n\n"
		   "Operate a SPOR portal instance.\n\nCommands:\n");
	for (size_t i = 0; i < sizeof commands / sizeof commands[0]; i++)
		fprintf(f, "  %s %s\n      %s\n", commands[i].name, commands[i].args, commands[i].help);
	fprintf(f, "\nOptions:\n"
		   "  -c CONFIG   the full configuration file, with every program's secrets\n"
		   "              (default $SPOR_CONFIG or %s/spor.conf)\n"
		   "  -h, --help  this help\n"
		   "\nExit status: 0 success, 1 failure, 2 usage error.\n",
		SPOR_SYSCONFDIR);
}

int main(int argc, char **argv)
{
	log_init("sporctl");
	const char *conf_path = NULL;
	int i = 1;
	for (; i < argc && argv[i][0] == '-'; i++) {
		if (strcmp(argv[i], "-h") == 0 || strcmp(argv[i], "--help") == 0) {
			usage(stdout);
			return 0;
		}
		if (strcmp(argv[i], "-c") == 0 && i + 1 < argc) {
			conf_path = argv[++i];
			continue;
		}
		fprintf(stderr, "sporctl: unknown option %s\n", argv[i]);
		usage(stderr);
		return 2;
	}
	if (i == argc) {
		usage(stderr);
		return 2;
	}
	if (strcmp(argv[i], "help") == 0) {
		usage(stdout);
		return 0;
	}
	for (size_t k = 0; k < sizeof commands / sizeof commands[0]; k++) {
		if (strcmp(argv[i], commands[k].name) != 0)
			continue;
		char err[512];
		struct settings s;
		if (conf_open(&s, conf_default_path(conf_path, "spor"), NULL, err, sizeof err) < 0) {
			fprintf(stderr, "sporctl: %s\n", err);
			return 1;
		}
		int rc = commands[k].run(&s, argc - i - 1, argv + i + 1);
		conf_close(&s);
		return rc;
	}
	fprintf(stderr, "sporctl: unknown command %s\n", argv[i]);
	usage(stderr);
	return 2;
}
