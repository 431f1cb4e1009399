<?cs # Shared macros for page templates.  This file, listing_macros.cs,
# history_macros.cs and cr_macros.cs are parsed once per worker, in that
# order (cgi/core/tpl.c), and every HTML template may call their macros. ?><?cs
def:breadcrumb(label) ?>
<nav class="breadcrumb" aria-label="<?cs var:Lang.nav.breadcrumb ?>">
 <ol>
  <li><a href="/"><?cs var:Lang.nav.home ?></a></li>
  <li aria-current="page"><?cs var:label ?></li>
 </ol>
</nav>
<?cs /def ?><?cs
def:breadcrumb2(href, parent, label) ?>
<nav class="breadcrumb" aria-label="<?cs var:Lang.nav.breadcrumb ?>">
 <ol>
  <li><a href="/"><?cs var:Lang.nav.home ?></a></li>
  <li><a href="<?cs var:href ?>"><?cs var:parent ?></a></li>
  <li aria-current="page"><?cs var:label ?></li>
 </ol>
</nav>
<?cs /def ?><?cs
def:badge(kind, label) ?><span class="badge badge-<?cs var:kind ?>"><?cs var:label ?></span><?cs /def ?><?cs
def:browse_links() ?>
<ul class="links">
 <li><a href="/rms/lists"><?cs var:Lang.home.link_lists ?></a></li>
 <li><a href="/oms/organisations"><?cs var:Lang.home.link_orgs ?></a></li>
</ul>
<?cs /def ?><?cs
# A status as a labelled badge (never colour alone). ?><?cs
def:org_status(code) ?><span class="badge badge-<?cs var:code ?>"><?cs if:Lang.oms.statuses[code] ?><?cs var:Lang.oms.statuses[code] ?><?cs else ?><?cs var:code ?><?cs /if ?></span><?cs /def ?><?cs
def:status(code) ?><span class="badge badge-<?cs var:code ?>"><?cs if:Lang.status[code] ?><?cs var:Lang.status[code] ?><?cs else ?><?cs var:code ?><?cs /if ?></span><?cs /def ?><?cs
# An audit event by its label (Lang.audit.event), its code where it has none. ?><?cs
def:audit_event(code) ?><?cs if:Lang.audit.event[code] ?><?cs var:Lang.audit.event[code] ?><?cs else ?><code><?cs var:code ?></code><?cs /if ?><?cs /def ?><?cs
# A language code with its name when the portal knows it. ?><?cs
def:language(code) ?><?cs if:Lang.languages[code] ?><?cs var:Lang.languages[code] ?> (<?cs var:code ?>)<?cs else ?><?cs var:code ?><?cs /if ?><?cs /def ?><?cs
# A count's noun, singular or plural as the language says (Lang.plural):
# call:noun(n, Lang.rms.terms_noun), or call:count(n, ...) for "1 term". ?><?cs
def:noun(n, word) ?><?cs if:n == 1 || (n == 0 && Lang.plural.zero_one == 1) ?><?cs var:word.one ?><?cs else ?><?cs var:word ?><?cs /if ?><?cs /def ?><?cs
def:count(n, word) ?><?cs var:n ?> <?cs call:noun(n, word) ?><?cs /def ?><?cs # What a signed-in user who may not make a proposal (act: its name in May,
# cgi/core/may.h) sees instead of its link: the roles that would let them
# and the way to ask for one, or that their request waits. ?><?cs
def:may_not(act, class) ?><?cs if:May[act] ?><div class="notice may-not <?cs var:class ?>"><p><?cs if:May[act] == "pending" ?><?cs var:Lang.cr.may.pending ?> <a href="/account/roles#requests"><?cs var:Lang.cr.may.pending_link ?></a><?cs else ?><?cs var:Lang.cr.may.needs ?> <?cs each:c = Need[act] ?><?cs if:!first(c) ?><?cs if:last(c) ?> <?cs var:Lang.cr.may.or ?> <?cs else ?>, <?cs /if ?><?cs /if ?><strong><?cs var:Lang.role[c.code].name ?></strong><?cs /each ?><?cs if:May[act].org ?> <?cs var:Lang.cr.may.for_org ?><?cs /if ?>. <a href="/account/roles<?cs if:May[act].org ?>?org=<?cs var:May[act].org ?><?cs /if ?>#new"><?cs if:May[act].org ?><?cs var:Lang.oms.request_role ?><?cs else ?><?cs var:Lang.cr.may.ask ?><?cs /if ?></a><?cs /if ?></p></div><?cs /if ?><?cs /def ?><?cs # Forms that change something: the CSRF token and the one-time key that
# makes a form sent twice create once (cgi/core/once.h), the error summary and
# labelled inputs that say what is wrong with them. ?><?cs
def:csrf() ?><input type="hidden" name="csrf_token" value="<?cs var:Csrf.token ?>"><?cs if:Csrf.once ?><input type="hidden" name="form_once" value="<?cs var:Csrf.once ?>"><?cs /if ?><?cs /def ?><?cs
# After a form that the state refused (http_refused): what happened. ?><?cs
def:refused() ?><?cs if:Page.refused ?><div class="notice notice-error" role="alert"><p><?cs var:Lang.refused[Page.refused] ?></p></div><?cs /if ?><?cs /def ?><?cs
# A field's name as its form labels it, for the messages about it. ?><?cs
def:field_label(n) ?><?cs if:Lang.form.field[n] ?><?cs var:Lang.form.field[n] ?><?cs elif:Lang.form[n] ?><?cs var:Lang.form[n] ?><?cs else ?><?cs var:Lang.cr.fields[n] ?><?cs /if ?><?cs /def ?><?cs
# What is wrong with field n, naming it ("Email address: ..."): by the
# label its form shows, when the caller gives it, else by its usual name. ?><?cs
def:field_message(n, label) ?><?cs if:label ?><?cs var:label ?><?cs else ?><?cs call:field_label(n) ?><?cs /if ?>: <?cs var:Lang.form.error[Page.errors[n]] ?><?cs if:Page.errors[n] == "record_invalid" ?> <?cs var:Page.record_error ?><?cs /if ?><?cs /def ?><?cs
def:field_error(n, label) ?><?cs if:Page.errors[n] ?><p class="field-error" id="<?cs var:n ?>-error"><?cs call:field_message(n, label) ?></p><?cs /if ?><?cs /def ?><?cs
# A refused form's summary, which layout.cs puts first in the main content
# of every page: why the form was refused (a sign-in's problem, too many
# attempts) and each field with an error, named and linked to by its id.
# It is focused as the page opens, without script: a block made focusable
# (tabindex -1) with autofocus, so that the keyboard and a screen reader
# start there and Tab leads on to its links. ?><?cs
def:form_errors() ?><?cs if:Page.wait_minutes || Page.problem || subcount(Page.errors) > 0 ?>
<div class="notice notice-error error-summary" role="alert" tabindex="-1" id="form-errors" autofocus>
 <?cs if:Page.problem ?><p><?cs var:Lang.login[Page.problem] ?></p><?cs /if ?><?cs if:Page.wait_minutes ?><p><?cs var:Lang.form.throttled ?> <?cs var:Lang.login.wait ?> <?cs call:count(Page.wait_minutes, Lang.login.minutes) ?></p><?cs /if ?><?cs if:subcount(Page.errors) > 0 ?>
 <h2 class="error-summary-title"><?cs var:Lang.form.errors_title ?></h2>
 <ul><?cs each:e = Page.errors ?><li><a href="#<?cs name:e ?>"><?cs call:field_message(name(e), "") ?></a></li><?cs /each ?></ul><?cs /if ?>
</div><?cs /if ?><?cs /def ?><?cs
# A labelled input, focused as the page opens where the template says so
# (Page.autofocus, its name) and no error summary takes the focus first. ?><?cs
def:input(name, type, label, value, autocomplete, hint) ?>
 <div class="form-field<?cs if:Page.errors[name] ?> form-field-error<?cs /if ?>">
  <label for="<?cs var:name ?>"><?cs var:label ?></label>
  <?cs if:hint ?><p class="hint" id="<?cs var:name ?>-hint"><?cs var:hint ?></p><?cs /if ?>
  <?cs call:field_error(name, label) ?>
  <input id="<?cs var:name ?>" name="<?cs var:name ?>" type="<?cs var:type ?>" value="<?cs var:value ?>" autocomplete="<?cs var:autocomplete ?>"<?cs if:type == "password" ?> maxlength="1024"<?cs else ?> maxlength="254"<?cs /if ?> required<?cs if:Page.autofocus == name && !Page.problem && !Page.wait_minutes && subcount(Page.errors) == 0 ?> autofocus<?cs /if ?><?cs if:Page.errors[name] ?> aria-invalid="true" aria-describedby="<?cs var:name ?>-error<?cs if:hint ?> <?cs var:name ?>-hint<?cs /if ?>"<?cs elif:hint ?> aria-describedby="<?cs var:name ?>-hint"<?cs /if ?>>
 </div>
<?cs /def ?><?cs
# A date (YYYY-MM-DD, maybe with a time after it) in the signed-in user's format. ?><?cs
def:date(d) ?><?cs if:User.date_format == "dmy" && string.length(d) >= 10 ?><?cs var:string.slice(d, 8, 10) ?>/<?cs var:string.slice(d, 5, 7) ?>/<?cs var:string.slice(d, 0, 4) ?><?cs var:string.slice(d, 10, string.length(d)) ?><?cs elif:User.date_format == "long" && string.length(d) >= 10 ?><?cs if:string.slice(d, 8, 9) == "0" ?><?cs var:string.slice(d, 9, 10) ?><?cs else ?><?cs var:string.slice(d, 8, 10) ?><?cs /if ?> <?cs var:Lang.months[string.slice(d, 5, 7)] ?> <?cs var:string.slice(d, 0, 4) ?><?cs var:string.slice(d, 10, string.length(d)) ?><?cs else ?><?cs var:d ?><?cs /if ?><?cs /def ?><?cs
# A session's browser and system, named from its User-Agent (cgi/account/useragent.h): "Firefox on Linux". ?><?cs
def:session_device(s) ?><?cs if:s.browser ?><?cs var:Lang.sessions.browsers[s.browser] ?><?cs else ?><?cs var:Lang.sessions.unknown_browser ?><?cs /if ?><?cs if:s.system ?> <?cs var:Lang.sessions.on ?> <?cs var:Lang.sessions.systems[s.system] ?><?cs /if ?><?cs /def ?><?cs
# The star of a list or an organisation a signed-in user may follow. ?><?cs
def:favourite_star() ?><?cs if:Page.favourite.kind ?>
<form class="favourite" method="post" action="/account/favourites">
 <?cs call:csrf() ?>
 <input type="hidden" name="kind" value="<?cs var:Page.favourite.kind ?>">
 <input type="hidden" name="ref" value="<?cs var:Page.favourite.ref ?>">
 <input type="hidden" name="next" value="<?cs var:Page.favourite.next ?>">
 <?cs if:Page.favourite.on == "1" ?><input type="hidden" name="action" value="remove">
 <button type="submit" class="button-secondary star" aria-pressed="true"><span aria-hidden="true">&#9733;</span> <?cs var:Lang.favourites.remove ?></button><?cs else ?><input type="hidden" name="action" value="add">
 <button type="submit" class="button-secondary star" aria-pressed="false"><span aria-hidden="true">&#9734;</span> <?cs var:Lang.favourites.add ?></button><?cs /if ?>
</form><?cs /if ?><?cs /def ?><?cs
# A table's frame, which scrolls sideways on a narrow screen: a named
# region in the tab order, so that the keyboard can scroll it too. ?><?cs
def:table_frame(label) ?><div class="table-wrap" role="region" tabindex="0" aria-label="<?cs var:label ?>"><?cs /def ?>