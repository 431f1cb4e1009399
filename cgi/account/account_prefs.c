/* /account/preferences: interface and data language, page size, date
 * format and which notifications to mail; every page applies them from the
 * next request on (they travel with the session: v_session_user).
 * /account/language: the ?lang= of a link, kept as the preference (lang.h).
 * /account/favourites: follow or unfollow a list or an organisation (the
 * star on their pages). */
#include "config.h"

#include <string.h>

#include "account/account.h"
#include "core/db.h"
#include "core/field.h"
#include "core/lang.h"
#include "core/page.h"
#include "core/program.h"
#include "programs/fields_account.h"
#include "programs/handlers_account.h"

#define PREFS_COLUMNS(X)                                                                                           \
	X(PREFS_UI_LANG, "ui_lang") X(PREFS_DATA_LANG, "data_lang") X(PREFS_PAGE_SIZE, "page_size")                 \
	X(PREFS_DATE_FORMAT, "date_format") X(PREFS_NOTIFY_REQUESTS, "notify_requests")                             \
	X(PREFS_NOTIFY_FOLLOWING, "notify_following") X(PREFS_NOTIFY_QUEUE, "notify_queue")
enum { PREFS_COLUMNS(DB_COLUMN) PREFS__COUNT };
static struct db_sql q_prefs = DB_SQL_COLS(PREFS__COUNT,
	"SELECT ui_lang, data_lang, page_size, date_format, notify_requests, notify_following, notify_queue"
	" FROM accounts WHERE id = ?");

int account_prefs_form(struct req *r)
{
	struct db_rows rows;
	if (db_query(r->app->db, r->arena, &q_prefs, &rows, "s", r->user.id) < 0 || !rows.nrows)
		return 500;
	static const char *const names[] = {PREFS_COLUMNS(DB_COLUMN_NAME)};
	page_row(r, "Page.prefs", &rows, 0, names, PREFS__COUNT);
	page_set(r, "Page.saved", in_text(r, AF_SAVED));
	return account_form(r, "preferences", 200);
}

static const char *on(struct req *r, enum account_field field)
{
	return in_text(r, field) ? "1" : "0";
}

static struct db_sql q_save = DB_SQL(
	"UPDATE accounts SET ui_lang = ?, data_lang = ?, page_size = ?, date_format = ?, notify_requests = ?,"
	" notify_following = ?, notify_queue = ?, updated_at = UTC_TIMESTAMP() WHERE id = ?");

int account_prefs_submit(struct req *r)
{
	const char *page_size = in_text(r, AF_PAGE_SIZE), *format = in_text(r, AF_DATE_FORMAT);
	if (db_exec(r->app->db, &q_save, NULL, "ssssssss", in_text(r, AF_UI_LANG), in_text(r, AF_DATA_LANG), page_size,
		    format ? format : "iso", on(r, AF_NOTIFY_REQUESTS), on(r, AF_NOTIFY_FOLLOWING),
		    on(r, AF_NOTIFY_QUEUE), r->user.id) < 0)
		return 500;
	return http_redirect(r, 303, "/account/preferences?saved=preferences");
}

/* What a ?lang= or ?data_lang= asks to keep (lang.h): an interface
 * language sets the data language to follow it again. */
static struct db_sql q_keep_ui =
	DB_SQL("UPDATE accounts SET ui_lang = ?, data_lang = NULL, updated_at = UTC_TIMESTAMP() WHERE id = ?");
static struct db_sql q_keep_data =
	DB_SQL("UPDATE accounts SET data_lang = ?, updated_at = UTC_TIMESTAMP() WHERE id = ?");

int account_prefs_language_show(struct req *r)
{
	struct lang_wish w = lang_wish(r);
	if ((w.ui && db_exec(r->app->db, &q_keep_ui, NULL, "ss", w.ui, r->user.id) < 0) ||
	    (w.data && db_exec(r->app->db, &q_keep_data, NULL, "ss", w.data, r->user.id) < 0))
		return 500;
	const char *next = in_text(r, AF_NEXT);
	r->cache_control = "no-store";
	return http_redirect(r, 303, next ? next : "/account/preferences");
}

static struct db_sql q_list_exists = DB_SQL("SELECT 1 FROM rms_lists WHERE id = ?");
static struct db_sql q_org_exists = DB_SQL("SELECT 1 FROM oms_organisations WHERE id = SUBSTRING(?, 5)");
static struct db_sql q_follow = DB_SQL("INSERT IGNORE INTO favourites (account_id, kind, ref) VALUES (?, ?, ?)");
static struct db_sql q_unfollow = DB_SQL("DELETE FROM favourites WHERE account_id = ? AND kind = ? AND ref = ?");

int account_prefs_favourites_submit(struct req *r)
{
	const char *kind = in_text(r, AF_KIND), *ref = in_text(r, AF_REF), *action = in_text(r, AF_ACTION);
	bool list = kind[0] == 'l';
	/* What a reference must look like depends on its kind: checked here,
	 * given or not, once the route has its kind and action. */
	bool well_formed = ref && (list ? strlen(ref) == 12 && strspn(ref, "0123456789") == 12
					: field_is_prefixed_id(ref, "ORG-"));
	if (!well_formed) {
		r->err_param = "ref";
		r->err_reason = ref ? "format" : "required";
		return 400;
	}
	struct db_rows rows;
	if (db_query(r->app->db, r->arena, list ? &q_list_exists : &q_org_exists, &rows, "s", ref) < 0)
		return 500;
	if (!rows.nrows)
		return 404;
	if (db_exec(r->app->db, action[0] == 'a' ? &q_follow : &q_unfollow, NULL, "sss", r->user.id, kind, ref) < 0)
		return 500;
	const char *next = in_text(r, AF_NEXT);
	return http_redirect(r, 303, next ? next : list ? arena_printf(r->arena, "/rms/lists/%s", ref)
						    : arena_printf(r->arena, "/oms/organisations/%s", ref));
}
