/* spor-mailer: sends the notification outbox over SMTP (libcurl).  It takes
 * the messages that are due, oldest first, sends each and marks it sent at
 * once; a failed message waits mail.retry_seconds × 2^attempts (at most an
 * hour) before its next attempt, so an SMTP outage delays mail and loses
 * none.  One mailer runs per database (a lock on its pid file), so no
 * message is sent twice; the one window left, a crash between the server's
 * acceptance and the mark, is covered by a stable Message-ID that lets a
 * receiver drop the repeat.
 *   spor-mailer [-c CONFIG] [-p PIDFILE] [--once]
 * SIGTERM stops it after the message in progress. */
#include "config.h"

#include <curl/curl.h>
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <time.h>
#include <unistd.h>

#include "core/conf.h"
#include "core/db.h"
#include "core/log.h"
#include "core/mem.h"

enum { BATCH = 20 };

enum { MSG_ID, MSG_RECIPIENT, MSG_LANG, MSG_SUBJECT, MSG_BODY, MSG_DATE, MSG__COUNT };
static struct db_sql q_due = DB_SQL_COLS(MSG__COUNT,
	"SELECT id, recipient, lang, subject, body, DATE_FORMAT(created_at, '%a, %d %b %Y %H:%i:%s +0000') FROM outbox"
	" WHERE sent_at IS NULL AND next_attempt_at <= UTC_TIMESTAMP(3) ORDER BY next_attempt_at, id LIMIT 20");

static volatile sig_atomic_t stopping;

static void on_term(int sig)
{
	(void)sig;
	stopping = 1;
}

/* RFC 2047: a header value in UTF-8 as base64 words. */
static void encoded_word(struct buf *b, const char *s)
{
	static const char b64[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
	size_t n = strlen(s);
	for (size_t i = 0; i < n; i += 45) { /* 45 bytes: 60 characters a word */
		buf_puts(b, i ? "\r\n =?UTF-8?B?" : "=?UTF-8?B?");
		for (size_t k = i; k < n && k < i + 45; k += 3) {
			unsigned v = (unsigned char)s[k] << 16;
			v |= k + 1 < n ? (unsigned char)s[k + 1] << 8 : 0;
			v |= k + 2 < n ? (unsigned char)s[k + 2] : 0;
			char q[4] = {b64[v >> 18 & 63], b64[v >> 12 & 63], k + 1 < n ? b64[v >> 6 & 63] : '=',
				     k + 2 < n ? b64[v & 63] : '='};
			buf_append(b, q, 4);
		}
		buf_puts(b, "?=");
	}
}

/* The whole message `m` (a row of q_due): headers (its language as
 * Content-Language, RFC 3282), then the body with CRLF line ends. */
static const char *message(struct arena *a, const struct settings *s, const struct db_rows *rows, size_t m)
{
	const char *body = db_get(rows, m, MSG_BODY);
	struct buf b;
	buf_init(&b, a);
	buf_printf(&b, "Date: %s\r\nFrom: %s\r\nTo: <%s>\r\nMessage-ID: <outbox-%s@%s>\r\nSubject: ",
		   db_get(rows, m, MSG_DATE), s->mail_from, db_get(rows, m, MSG_RECIPIENT), db_get(rows, m, MSG_ID), s->mail_message_id_host);
	encoded_word(&b, db_get(rows, m, MSG_SUBJECT));
	buf_printf(&b, "\r\nMIME-Version: 1.0\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Language: %s\r\n"
		       "Content-Transfer-Encoding: 8bit\r\nAuto-Submitted: auto-generated\r\n\r\n",
		   db_get(rows, m, MSG_LANG));
	for (const char *p = body; *p; p++) {
		if (*p == '\n' && (p == body || p[-1] != '\r'))
			buf_putc(&b, '\r');
		buf_putc(&b, *p);
	}
	buf_puts(&b, "\r\n");
	return buf_str(&b);
}

struct upload {
	const char *p;
	size_t left;
};

static size_t read_message(char *out, size_t size, size_t n, void *ctx)
{
	struct upload *u = ctx;
	size_t k = size * n < u->left ? size * n : u->left;
	memcpy(out, u->p, k);
	u->p += k;
	u->left -= k;
	return k;
}

/* The envelope sender: the address in "Name <address>", or all of it. */
static const char *envelope(const char *from, char out[256])
{
	const char *lt = strrchr(from, '<'), *gt = lt ? strchr(lt, '>') : NULL;
	if (!gt || (size_t)(gt - lt) > 255)
		return from;
	snprintf(out, 256, "%.*s", (int)(gt - lt - 1), lt + 1);
	return out;
}

/* 0, or -1 with the reason in err. */
static int smtp_send(const struct settings *s, const char *to, const char *text, char *err)
{
	CURL *c = curl_easy_init();
	struct curl_slist *rcpt = curl_slist_append(NULL, to);
	struct upload u = {text, strlen(text)};
	err[0] = '\0';
	curl_easy_setopt(c, CURLOPT_URL, s->mail_smtp_url);
	char sender[256];
	curl_easy_setopt(c, CURLOPT_MAIL_FROM, envelope(s->mail_from, sender));
	curl_easy_setopt(c, CURLOPT_MAIL_RCPT, rcpt);
	curl_easy_setopt(c, CURLOPT_READFUNCTION, read_message);
	curl_easy_setopt(c, CURLOPT_READDATA, &u);
	curl_easy_setopt(c, CURLOPT_UPLOAD, 1L);
	curl_easy_setopt(c, CURLOPT_CONNECTTIMEOUT, 10L);
	curl_easy_setopt(c, CURLOPT_TIMEOUT, 60L);
	curl_easy_setopt(c, CURLOPT_ERRORBUFFER, err);
	CURLcode rc = curl_easy_perform(c);
	if (rc != CURLE_OK && !*err)
		snprintf(err, CURL_ERROR_SIZE, "%s", curl_easy_strerror(rc));
	curl_slist_free_all(rcpt);
	curl_easy_cleanup(c);
	return rc == CURLE_OK ? 0 : -1;
}

static struct db_sql q_sent =
	DB_SQL("UPDATE outbox SET sent_at = UTC_TIMESTAMP(), attempts = attempts + 1, last_error = NULL"
	       " WHERE id = ? AND sent_at IS NULL");
static struct db_sql q_failed = DB_SQL(
	"UPDATE outbox SET attempts = attempts + 1, last_error = LEFT(?, 500),"
	" next_attempt_at = UTC_TIMESTAMP(3) + INTERVAL LEAST(? * POW(2, attempts), 3600) SECOND WHERE id = ?");

/* Send what is due; the number of messages tried, or -1. */
static int send_due(struct db *db, const struct settings *s)
{
	struct arena *a = arena_new();
	struct db_rows rows;
	int rc = db_query(db, a, &q_due, &rows, "");
	for (size_t i = 0; rc == 0 && i < rows.nrows && !stopping; i++) {
		const char *to = db_get(&rows, i, MSG_RECIPIENT);
		char err[CURL_ERROR_SIZE];
		long long id = atoll(db_get(&rows, i, MSG_ID));
		if (smtp_send(s, to, message(a, s, &rows, i), err) == 0) {
			log_info("outbox %lld sent to %s", id, to);
			rc = db_exec(db, &q_sent, NULL, "i", id);
		} else {
			log_error("outbox %lld to %s: %s; will retry", id, to, err);
			rc = db_exec(db, &q_failed, NULL, "sii", err, (long long)s->mail_retry_seconds, id);
		}
	}
	int n = rc == 0 ? (int)rows.nrows : -1;
	arena_free(a);
	return n;
}

/* The pid file, locked for as long as this mailer runs. */
static int lock_pidfile(const char *path)
{
	int fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0644);
	if (fd < 0 || flock(fd, LOCK_EX | LOCK_NB) < 0) {
		log_error("%s: %s", path, fd < 0 ? strerror(errno) : "another spor-mailer runs");
		return -1;
	}
	char pid[32];
	int n = snprintf(pid, sizeof pid, "%ld\n", (long)getpid());
	if (ftruncate(fd, 0) < 0 || write(fd, pid, (size_t)n) != n)
		log_error("%s: %s", path, strerror(errno));
	return fd;
}

/* Where mail goes, for the log: mail.smtp_url may carry the relay's user
 * and password, which stay out of it. */
static void log_relay(const char *url)
{
	CURLU *u = curl_url();
	char *shown = NULL;
	if (u && curl_url_set(u, CURLUPART_URL, url, 0) == CURLUE_OK &&
	    curl_url_set(u, CURLUPART_USER, NULL, 0) == CURLUE_OK &&
	    curl_url_set(u, CURLUPART_PASSWORD, NULL, 0) == CURLUE_OK &&
	    curl_url_set(u, CURLUPART_OPTIONS, NULL, 0) == CURLUE_OK)
		curl_url_get(u, CURLUPART_URL, &shown, 0);
	log_info("sending the outbox through %s", shown ? shown : "mail.smtp_url (not a URL libcurl reads)");
	curl_free(shown);
	curl_url_cleanup(u);
}

int main(int argc, char **argv)
{
	log_init("spor-mailer");
	const char *conf_path = NULL, *pidfile = NULL;
	bool once = false;
	for (int i = 1; i < argc; i++) {
		if (strcmp(argv[i], "-c") == 0 && i + 1 < argc)
			conf_path = argv[++i];
		else if (strcmp(argv[i], "-p") == 0 && i + 1 < argc)
			pidfile = argv[++i];
		else if (strcmp(argv[i], "--once") == 0)
			once = true;
		else {
			fprintf(stderr, "usage: spor-mailer [-c CONFIG] [-p PIDFILE] [--once]\n");
			return 2;
		}
	}
	char err[512];
	struct settings s;
	if (conf_open(&s, conf_default_path(conf_path, "spor-mailer"), "spor-mailer", err, sizeof err) < 0) {
		fprintf(stderr, "spor-mailer: %s\n", err);
		return 1;
	}
	int lock = pidfile ? lock_pidfile(pidfile) : 0;
	if (lock < 0)
		return 1;
	struct db_conf dc;
	db_conf_from(&dc, &s, "mailer");
	struct db *db = db_new(&dc);
	signal(SIGTERM, on_term);
	signal(SIGINT, on_term);
	curl_global_init(CURL_GLOBAL_DEFAULT);
	log_relay(s.mail_smtp_url);
	int rc = 0;
	while (!stopping) {
		int n = send_due(db, &s);
		if (once) {
			rc = n < 0;
			break;
		}
		if (n <= 0) { /* nothing due, or the database is away: wait */
			struct timespec t = {s.mail_poll_ms / 1000, (s.mail_poll_ms % 1000) * 1000000L};
			nanosleep(&t, NULL);
		}
	}
	db_free(db);
	curl_global_cleanup();
	conf_close(&s);
	if (pidfile) {
		unlink(pidfile);
		close(lock);
	}
	return rc;
}
