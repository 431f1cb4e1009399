/* Writing a message to the outbox. */
#include "config.h"

#include <string.h>

#include "core/db.h"
#include "core/mail.h"
#include "core/page.h"
#include "core/program.h"
#include "core/tpl.h"

int mail_queue_in(struct req *r, const char *kind, const char *recipient, const char *lang)
{
	const char *current = hdf_get_value(r->hdf, "Req.lang", "en");
	bool other = lang && strcmp(lang, current) != 0 && tpl_set_lang(r->app->tpl, lang);
	int rc = mail_queue(r, kind, recipient);
	if (other)
		tpl_set_lang(r->app->tpl, current);
	return rc;
}

static struct db_sql q_queue = DB_SQL("INSERT INTO outbox (kind, recipient, subject, body) VALUES (?, ?, ?, ?)");

int mail_queue(struct req *r, const char *kind, const char *recipient)
{
	page_set(r, "Mail.site", r->app->settings.site_url);
	struct buf text;
	buf_init(&text, r->arena);
	if (tpl_render_text(r->app->tpl, arena_printf(r->arena, "mail/%s.cs", kind), &text) < 0)
		return -1;
	buf_putc(&text, '\0');
	char *subject = text.data;
	while (*subject == '\n')
		subject++;
	char *body = strchr(subject, '\n');
	if (!body)
		return -1;
	*body++ = '\0';
	while (*body == '\n')
		body++;
	return db_exec(r->app->db, &q_queue, NULL, "ssss", kind, recipient, subject, body);
}
