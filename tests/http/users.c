/* Test users. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "../tap.h"
#include "authenticator.h"
#include "client.h"
#include "dbtest.h"
#include "mailbox.h"
#include "users.h"

MYSQL *users_start(char run[USER_RUN_SIZE])
{
	client_init();
	MYSQL *owner = dbtest_connect("owner");
	if (!owner)
		skip_all("no database");
	client_anonymous = true;
	if (run)
		snprintf(run, USER_RUN_SIZE, "%ld", (long)time(NULL) % 1000000 * 100 + getpid() % 100);
	dbtest_execf(owner, "DELETE FROM auth_throttle");
	return owner;
}

void users_done(MYSQL *owner)
{
	dbtest_execf(owner, "DELETE FROM auth_throttle");
	mysql_close(owner);
}

static bool signed_in(MYSQL *owner, struct user *u)
{
	memset(&u->v, 0, sizeof u->v);
	if (visitor_login(&u->v, u->email, USER_PASSWORD) != 303)
		return false;
	snprintf(u->id, sizeof u->id, "%s", dbtest_valuef(owner, "SELECT id FROM accounts WHERE email = '%s'", u->email));
	return *u->id != '\0';
}

bool user_make(MYSQL *owner, struct user *u, const char *who, const char *run, const char *domain)
{
	snprintf(u->email, sizeof u->email, "%s.%s@%s", who, run, domain);
	return visitor_new_account(who, u->email, USER_PASSWORD) && signed_in(owner, u);
}

bool user_make_admin(MYSQL *owner, struct user *u, const char *who, const char *run, const char *domain)
{
	snprintf(u->email, sizeof u->email, "%s.%s@%s", who, run, domain);
	char args[200];
	snprintf(args, sizeof args, "create-admin %s", u->email);
	return dbtest_sporctl(USER_PASSWORD_TYPED, args, NULL) == 0 && signed_in(owner, u) &&
	       authenticator_enrol(&u->v, NULL);
}

long user_get(struct user *u, const char *path)
{
	struct resp r;
	long status = visitor_get(&u->v, path, &r);
	resp_free(&r);
	return status;
}

long user_post(struct user *u, const char *path, const char *fields)
{
	struct resp r;
	long status = visitor_post(&u->v, path, fields, true, &r);
	resp_free(&r);
	return status;
}

bool user_mailed(const char *to, const char *needle)
{
	char who[160], *text = NULL;
	snprintf(who, sizeof who, "To: <%s>", to);
	bool found = false;
	for (int i = 0; i < 50 && !found; i++) {
		free(text);
		text = NULL;
		found = mailbox_count(who, &text) && text && strstr(text, needle);
		if (!found)
			usleep(100000);
	}
	free(text);
	return found;
}
