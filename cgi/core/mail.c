/* Writing a message to the outbox, in its recipient's language. */
#include "config.h"

#include <string.h>

#include "core/db.h"
#include "core/mail.h"
#include "core/page.h"
#include "core/program.h"
#include "core/tpl.h"

/* The message as text: its subject (the first line) and its body. */
static int render(struct req *r, const char *kind, char **subject, char **body)
{
	struct buf text;
	buf_init(&text, r->arena);
	if (tpl_render_text(r->app->tpl, arena_printf(r->arena, "mail/%s.cs", kind), &text) < 0)
		return -1;
	buf_putc(&text, '\0');
	char *s = text.data;
	while (*s == '\n')
		s++;
	char *b = strchr(s, '\n');
	if (!b)
		return -1;
	*b++ = '\0';
	while (*b == '\n')
		b++;
	*subject = s;
	*body = b;
	return 0;
}

enum { TO_EMAIL, TO_LANG, TO__COUNT };
static struct db_sql q_recipient = DB_SQL_COLS(TO__COUNT, "SELECT email, ui_lang FROM accounts WHERE id = ?");
static struct db_sql q_queue =
	DB_SQL("INSERT INTO outbox (kind, recipient, lang, subject, body) VALUES (?, ?, ?, ?, ?)");

/* The language is the recipient's here, for every message: the interface
 * strings (Lang.*) point at it while the message is rendered, then back at
 * the request's. */
int mail_queue(struct req *r, const char *kind, const char *account)
{
	struct db_rows rows;
	if (db_query(r->app->db, r->arena, &q_recipient, &rows, "s", account) < 0 || !rows.nrows)
		return -1;
	const char *lang = db_get(&rows, 0, TO_LANG);
	if (!lang || !tpl_has_lang(r->app->tpl, lang))
		lang = "en";
	page_set(r, "Mail.site", r->app->settings.site_url);
	tpl_set_lang(r->app->tpl, lang);
	char *subject = NULL, *body = NULL;
	int rc = render(r, kind, &subject, &body);
	tpl_set_lang(r->app->tpl, r->lang ? r->lang : "en");
	if (rc < 0)
		return -1;
	return db_exec(r->app->db, &q_queue, NULL, "sssss", kind, db_get(&rows, 0, TO_EMAIL), lang, subject, body);
}
