<?cs # Shared macros for page templates. ?><?cs
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
def:cr_type(t) ?><?cs if:t == "ADD-TERM" ?><?cs var:Lang.cr.types.ADD_TERM ?><?cs elif:t == "UPD-TERM" ?><?cs var:Lang.cr.types.UPD_TERM ?><?cs elif:t == "ADD-LIST" ?><?cs var:Lang.cr.types.ADD_LIST ?><?cs elif:t == "UPD-LIST" ?><?cs var:Lang.cr.types.UPD_LIST ?><?cs elif:t == "ADD-ORG" ?><?cs var:Lang.cr.types.ADD_ORG ?><?cs elif:t == "UPD-ORG" ?><?cs var:Lang.cr.types.UPD_ORG ?><?cs elif:t == "ADD-LOC" ?><?cs var:Lang.cr.types.ADD_LOC ?><?cs elif:t == "UPD-LOC" ?><?cs var:Lang.cr.types.UPD_LOC ?><?cs else ?><?cs var:Lang.cr.types.TRANSLATION ?><?cs /if ?><?cs /def ?><?cs
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
# A sortable column header: a link that toggles the direction. ?><?cs
def:sort_header(key, label) ?><?cs each:s = Page.sort ?><?cs if:s.key == key ?><th scope="col"<?cs if:s.dir == "asc" ?> aria-sort="ascending"<?cs elif:s.dir == "desc" ?> aria-sort="descending"<?cs /if ?>><a class="sort" href="<?cs var:s.href ?>"><?cs var:label ?><?cs if:s.dir == "asc" ?> <span aria-hidden="true">&#9650;</span><?cs elif:s.dir == "desc" ?> <span aria-hidden="true">&#9660;</span><?cs /if ?></a></th><?cs /if ?><?cs /each ?><?cs /def ?><?cs
# Pagination: previous, numbered pages around the current one, next; each
# link to Page.pager.anchor when set (a listing further down the page). ?><?cs
def:pager_anchor() ?><?cs if:Page.pager.anchor ?>#<?cs var:Page.pager.anchor ?><?cs /if ?><?cs /def ?><?cs
def:pager() ?><?cs if:Page.pager.pages > 1 ?>
<nav class="pager" aria-label="<?cs var:Lang.pager.label ?>">
 <ul>
  <?cs if:Page.pager.prev ?><li><a href="<?cs var:Page.pager.prev ?><?cs call:pager_anchor() ?>" rel="prev"><?cs var:Lang.pager.prev ?></a></li><?cs /if ?>
  <?cs if:Page.pager.links.0.n > 1 ?><li><a href="<?cs var:Page.pager.first ?><?cs call:pager_anchor() ?>">1</a></li><li class="gap" aria-hidden="true">&hellip;</li><?cs /if ?>
  <?cs each:p = Page.pager.links ?><li><?cs if:p.current ?><a href="<?cs var:p.href ?><?cs call:pager_anchor() ?>" aria-current="page"><?cs var:p.n ?></a><?cs else ?><a href="<?cs var:p.href ?><?cs call:pager_anchor() ?>"><?cs var:p.n ?></a><?cs /if ?></li><?cs /each ?>
  <?cs if:Page.pager.next ?><li><a href="<?cs var:Page.pager.next ?><?cs call:pager_anchor() ?>" rel="next"><?cs var:Lang.pager.next ?></a></li><?cs /if ?>
 </ul>
</nav>
<?cs /if ?><?cs /def ?><?cs
def:exports(intro) ?><p class="exports"><?cs var:intro ?> <a href="<?cs var:Page.export_csv ?>" download><?cs var:Lang.rms.export_csv ?></a> <a href="<?cs var:Page.export_xlsx ?>" download><?cs var:Lang.rms.export_xlsx ?></a> <a href="<?cs var:Page.export_json ?>" download><?cs var:Lang.rms.export_json ?></a></p><?cs /def ?><?cs
# Why a word search finds nothing (words too short) or not everything (too common). ?><?cs
def:word_notices(broad) ?><?cs if:Page.short_words ?><div class="notice"><p><?cs var:Lang.rms.short_words ?></p></div><?cs /if ?>
<?cs if:Page.broad_words ?><div class="notice" role="status"><p><?cs var:broad ?></p></div><?cs /if ?><?cs /def ?><?cs
def:suggestion() ?><?cs if:Page.suggestion ?><div class="notice" role="status"><p><?cs var:Lang.search.forgiven ?> <q><?cs var:Page.q ?></q>. <?cs var:Lang.search.did_you_mean ?> <a href="<?cs var:Page.suggestion_href ?>"><?cs var:Page.suggestion ?></a><?cs var:Lang.search.question_end ?> <?cs var:Lang.search.forgiven_shown ?></p></div><?cs /if ?><?cs /def ?><?cs
# A count's noun, singular or plural as the language says (Lang.plural):
# call:noun(n, Lang.rms.terms_noun), or call:count(n, ...) for "1 term". ?><?cs
def:noun(n, word) ?><?cs if:n == 1 || (n == 0 && Lang.plural.zero_one == 1) ?><?cs var:word.one ?><?cs else ?><?cs var:word ?><?cs /if ?><?cs /def ?><?cs
def:count(n, word) ?><?cs var:n ?> <?cs call:noun(n, word) ?><?cs /def ?><?cs
def:results_count(noun) ?><p class="results-count" role="status"><?cs if:Page.pager.total > 0 ?><?cs var:Lang.pager.showing ?> <?cs var:Page.pager.from ?>&ndash;<?cs var:Page.pager.to ?> <?cs var:Lang.pager.of ?> <?cs call:count(Page.pager.total, noun) ?><?cs else ?><?cs var:Lang.pager.none ?><?cs /if ?></p><?cs /def ?><?cs
def:status_options(current) ?><option value=""><?cs var:Lang.rms.any_status ?></option><?cs each:s = Lang.status ?><option value="<?cs name:s ?>"<?cs if:current == name(s) ?> selected<?cs /if ?>><?cs var:s ?></option><?cs /each ?><?cs /def ?><?cs
def:domain_options(current) ?><option value=""><?cs var:Lang.rms.any_domain ?></option><?cs each:d = Page.domains ?><option value="<?cs var:d.id ?>"<?cs if:current == d.id ?> selected<?cs /if ?>><?cs var:d.name ?></option><?cs /each ?><?cs /def ?><?cs
def:size_options(current) ?><?cs each:n = Lang.pager.sizes ?><option value="<?cs var:n ?>"<?cs if:current == n ?> selected<?cs /if ?>><?cs var:n ?></option><?cs /each ?><?cs /def ?><?cs
# Filter form fields shared by the RMS pages. ?><?cs
def:field_search(label, value) ?>
 <div class="field">
  <label for="q"><?cs var:label ?></label>
  <input id="q" name="q" type="search" value="<?cs var:value ?>" maxlength="200">
 </div>
<?cs /def ?><?cs
def:field_status(current) ?>
 <div class="field">
  <label for="status"><?cs var:Lang.rms.status ?></label>
  <select id="status" name="status"><?cs call:status_options(current) ?></select>
 </div>
<?cs /def ?><?cs
def:field_domain(current) ?>
 <div class="field">
  <label for="domain"><?cs var:Lang.rms.domain ?></label>
  <select id="domain" name="domain"><?cs call:domain_options(current) ?></select>
 </div>
<?cs /def ?><?cs
def:field_size(current) ?>
 <div class="field">
  <label for="size"><?cs var:Lang.pager.size ?></label>
  <select id="size" name="size"><?cs call:size_options(current) ?></select>
 </div>
<?cs /def ?><?cs # What a signed-in user who may not make a proposal (m: May.<act>,
# cgi/core/may.h) sees instead of its link: the roles that would let them
# and the way to ask for one, or that their request waits. ?><?cs
def:may_not(m, class) ?><?cs if:m ?><div class="notice may-not <?cs var:class ?>"><p><?cs if:m == "pending" ?><?cs var:Lang.cr.may.pending ?> <a href="/account/roles#requests"><?cs var:Lang.cr.may.pending_link ?></a><?cs else ?><?cs var:Lang.cr.may.needs ?> <?cs each:c = m.roles ?><?cs if:!first(c) ?><?cs if:last(c) ?> <?cs var:Lang.cr.may.or ?> <?cs else ?>, <?cs /if ?><?cs /if ?><strong><?cs var:Lang.role[c.code].name ?></strong><?cs /each ?><?cs if:m.org ?> <?cs var:Lang.cr.may.for_org ?><?cs /if ?>. <a href="/account/roles<?cs if:m.org ?>?org=<?cs var:m.org ?><?cs /if ?>#new"><?cs if:m.org ?><?cs var:Lang.oms.request_role ?><?cs else ?><?cs var:Lang.cr.may.ask ?><?cs /if ?></a><?cs /if ?></p></div><?cs /if ?><?cs /def ?><?cs # Forms that change something: the CSRF token and the one-time key that
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
def:table_frame(label) ?><div class="table-wrap" role="region" tabindex="0" aria-label="<?cs var:label ?>"><?cs /def ?><?cs
# A listing's table (the lists, a list's terms, the organisations): its
# frame, a caption for screen readers and the header row's start; the page
# writes its header cells, "</tr></thead>" and its rows' <tbody>, then
# listing_end closes the table and adds the pager.  Its rows stack on a
# narrow screen (class "stacked"): each cell names its column in
# data-label; a column empty on the whole page (Page.<rows>_shown, from
# page_shown) is left out. ?><?cs
def:listing_start(label, caption) ?><?cs call:table_frame(label) ?>
<table class="data-table stacked">
 <caption class="visually-hidden"><?cs var:caption ?></caption>
 <thead><tr><?cs /def ?><?cs
def:listing_end() ?> </tbody>
</table>
</div>
<?cs call:pager() ?><?cs /def ?><?cs
# A listing without rows: what matched nothing (with the way back to the
# whole listing, when `clear` is a path) or that there is nothing. ?><?cs
def:listing_empty(filtered, no_match, clear, nothing) ?><div class="notice"><p><?cs if:filtered ?><?cs var:no_match ?><?cs if:clear ?> <a href="<?cs var:clear ?>"><?cs var:Lang.rms.clear ?></a><?cs /if ?><?cs else ?><?cs var:nothing ?><?cs /if ?></p></div><?cs /def ?><?cs
# The versions of a record (list, organisation, location): when, which
# version, where the change came from (with the request that made it), what. ?><?cs
# A change request's records side by side (cgi/core/sides.h): node.sides,
# one row per field, before, when decided (node.moved; node.live: now,
# the request being undecided), proposed and approved (node.approved);
# node.draft when "before" is the record now (a preview, a draft); no
# "before" (node.has_before) for something new.  A term or a country a
# field refers to shows its name (d.<column>_name), its ID beside it. ?><?cs
def:side_text(value, name) ?><?cs if:name ?><?cs var:name ?> <span class="id"><?cs var:value ?></span><?cs else ?><?cs var:value ?><?cs /if ?><?cs /def ?><?cs
def:side_value(set, value, name) ?><?cs if:set ?><ins><?cs call:side_text(value, name) ?></ins><?cs else ?><span class="secondary"><?cs var:Lang.cr.records.unchanged ?></span><?cs /if ?><?cs /def ?><?cs
def:sides(node, caption, class) ?><?cs call:table_frame(caption) ?><table class="data-table sides <?cs var:class ?>">
 <caption><?cs var:caption ?></caption>
 <thead><tr><th scope="col"><?cs var:Lang.cr.field ?></th><?cs if:node.has_before ?><th scope="col"><?cs if:node.draft ?><?cs var:Lang.cr.now ?><?cs else ?><?cs var:Lang.cr.records.before ?><?cs /if ?></th><?cs /if ?><?cs if:node.moved ?><th scope="col"><?cs if:node.live ?><?cs var:Lang.cr.now ?><?cs else ?><?cs var:Lang.cr.records.at_decision ?><?cs /if ?></th><?cs /if ?><th scope="col"><?cs var:Lang.cr.proposed ?></th><?cs if:node.approved ?><th scope="col"><?cs var:Lang.cr.records.approved ?></th><?cs /if ?></tr></thead>
 <tbody><?cs each:d = node.sides ?><tr><th scope="row"><?cs if:Lang.cr.fields[d.field] ?><?cs var:Lang.cr.fields[d.field] ?><?cs else ?><?cs var:d.field ?><?cs /if ?></th>
  <?cs if:node.has_before ?><td><?cs if:d.proposed_set && d.before ?><del><?cs call:side_text(d.before, d.before_name) ?></del><?cs else ?><?cs call:side_text(d.before, d.before_name) ?><?cs /if ?></td><?cs /if ?><?cs if:node.moved ?><td><?cs call:side_text(d.decision, d.decision_name) ?></td><?cs /if ?>
  <td><?cs call:side_value(d.proposed_set, d.proposed, d.proposed_name) ?></td><?cs if:node.approved ?><td><?cs call:side_value(d.approved_set, d.approved, d.approved_name) ?><?cs if:d.approved_changed ?> <span class="badge badge-changed"><?cs var:Lang.cr.records.changed ?></span><?cs /if ?></td><?cs /if ?></tr><?cs /each ?></tbody>
</table></div><?cs /def ?><?cs
# In a history, an approved request's records, folded under its version. ?><?cs
def:request_sides(v) ?><?cs if:subcount(v.sides) > 0 ?><details class="request-sides"><summary><?cs var:Lang.cr.records.public ?></summary><?cs call:sides(v, Lang.cr.records.title, "diff records") ?></details><?cs /if ?><?cs /def ?><?cs
def:history(id, title, versions, empty) ?>
<section aria-labelledby="<?cs var:id ?>">
<h2 id="<?cs var:id ?>"><?cs var:title ?></h2>
<?cs if:subcount(versions) > 0 ?>
<?cs call:table_frame(title) ?><table class="data-table">
 <thead><tr><th scope="col"><?cs var:Lang.rms.recorded ?></th><th scope="col"><?cs var:Lang.rms.version ?></th><th scope="col"><?cs var:Lang.rms.source_of_change ?></th><th scope="col"><?cs var:Lang.rms.what_changed ?></th></tr></thead>
 <tbody><?cs each:v = versions ?>
  <tr><td><?cs call:date(v.recorded) ?></td><td><?cs var:v.version ?></td><td><?cs if:Lang.rms.sources[v.source] ?><?cs var:Lang.rms.sources[v.source] ?><?cs else ?><?cs var:v.source ?><?cs /if ?><?cs if:v.request ?> <span class="id">RRQ-<?cs var:v.request ?></span><?cs /if ?></td><td><?cs if:v.changes == "created" ?><?cs var:Lang.rms.created_here ?><?cs else ?><?cs var:v.changes ?><?cs /if ?><?cs call:request_sides(v) ?></td></tr><?cs /each ?>
 </tbody>
</table></div>
<?cs else ?><p><?cs var:empty ?></p><?cs /if ?>
</section>
<?cs /def ?>