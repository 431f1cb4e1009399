/* The outbox, spor-mailer and the SMTP sink, for real: a message written to
 * the outbox arrives in the sink's folder with its headers (an encoded
 * subject, a stable Message-ID) and its body intact; with the sink stopped
 * a message waits, its failed attempts recorded; once the sink is back it
 * arrives, and no message ever arrives twice.  Also: spor-public's user
 * cannot read the outbox. */
#include "config.h"

#include <signal.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>

#include "../tap.h"
#include "dbtest.h"
#include "core/file.h"
#include "mailbox.h"

static MYSQL *owner;

static long long enqueue(const char *subject, const char *body)
{
	char sql[4096];
	snprintf(sql, sizeof sql,
		 "INSERT INTO outbox (kind, recipient, subject, body) VALUES ('test', 'someone@example.org', '%s', '%s')",
		 subject, body);
	if (mysql_query(owner, sql))
		return -1;
	return (long long)mysql_insert_id(owner);
}

static const char *column(long long id, const char *col)
{
	char sql[256];
	snprintf(sql, sizeof sql, "SELECT COALESCE(%s, '') FROM outbox WHERE id = %lld", col, id);
	return dbtest_value(owner, sql);
}

/* The mark follows the SMTP server's answer by a moment. */
static bool marked_sent(long long id)
{
	for (int i = 0; i < 50; i++) {
		if (*column(id, "sent_at"))
			return true;
		usleep(100000);
	}
	return false;
}

static pid_t sink_pid(void)
{
	char path[4200];
	snprintf(path, sizeof path, "%s/smtp-sink.pid", getenv("SPOR_RUN"));
	size_t len;
	char *s = file_read(path, &len);
	pid_t pid = s ? (pid_t)atol(s) : 0;
	free(s);
	return pid;
}

static void test_delivery(void)
{
	long long id = enqueue("V\xc3\xa9rification de votre compte",
			       "Bonjour,\\n.a line that starts with a dot\\nline three: \xc3\xa9\xc3\xa8");
	ok(id > 0, "a message is written to the outbox");
	char needle[64], *text = NULL;
	snprintf(needle, sizeof needle, "Message-ID: <outbox-%lld@", id);
	ok(mailbox_wait(needle, 1, 10), "spor-mailer delivers it to the SMTP sink");
	ok(mailbox_count(needle, &text) == 1 && text, "exactly once");
	ok(text && strstr(text, "To: <someone@example.org>") && strstr(text, "From: SPOR portal"),
	   "with its recipient and sender");
	ok(text && strstr(text, "\r\nContent-Language: en\r\n"), "and its language (the outbox's, English unless told)");
	ok(text && strstr(text, "Subject: =?UTF-8?B?VsOpcmlmaWNhdGlvbiBkZSB2b3RyZSBjb21wdGU=?="),
	   "the subject encoded as RFC 2047 UTF-8");
	ok(text && strstr(text, "\r\n.a line that starts with a dot\r\n") &&
		   strstr(text, "line three: \xc3\xa9\xc3\xa8"),
	   "the body intact: CRLF lines, a leading dot kept, UTF-8");
	free(text);
	ok(marked_sent(id) && strcmp(column(id, "attempts"), "1") == 0 && !*column(id, "last_error"),
	   "the outbox marks it sent after one attempt");
}

static void test_outage(void)
{
	pid_t pid = sink_pid();
	ok(pid > 0 && kill(pid, SIGTERM) == 0, "the SMTP sink is stopped");
	for (int i = 0; i < 50 && sink_pid(); i++)
		usleep(100000);
	long long id = enqueue("During the outage", "This one has to wait.");
	char needle[64];
	snprintf(needle, sizeof needle, "Message-ID: <outbox-%lld@", id);
	sleep(3);
	ok(mailbox_count(needle, NULL) == 0 && !*column(id, "sent_at"), "while it is down the message waits");
	int attempts = atoi(column(id, "attempts"));
	ok(attempts >= 1 && *column(id, "last_error"), "its failed attempts are recorded (%d: %s)", attempts,
	   column(id, "last_error"));
	char cmd[8192];
	snprintf(cmd, sizeof cmd, "'%s/script/smtp-sink' %d '%s' '%s/smtp-sink.pid' >/dev/null 2>&1 &", getenv("top_srcdir"),
		 atoi(getenv("SPOR_PORT")) + 25, getenv("SPOR_MAIL"), getenv("SPOR_RUN"));
	ok(system(cmd) == 0, "the sink is started again");
	ok(mailbox_wait(needle, 1, 30), "then the message arrives");
	ok(mailbox_count(needle, NULL) == 1, "once");
	ok(marked_sent(id), "and is marked sent");
	char first[64];
	snprintf(first, sizeof first, "Message-ID: <outbox-%lld@", id - 1);
	sleep(2);
	ok(mailbox_count(first, NULL) == 1, "the message sent before the outage was not sent again");
}

int main(void)
{
	if (!getenv("SPOR_MAIL") || !getenv("SPOR_RUN") || !getenv("SPOR_PORT") || !getenv("top_srcdir"))
		skip_all("no running instance with a mail sink (script/test sets one up)");
	owner = dbtest_connect("owner");
	if (!owner)
		skip_all("no database");
	MYSQL *pub = dbtest_connect("public");
	ok(pub && mysql_query(pub, "SELECT * FROM outbox") != 0, "spor-public's user cannot read the outbox");
	if (pub)
		mysql_close(pub);
	test_delivery();
	test_outage();
	mysql_close(owner);
	return done_testing();
}
