<?cs # /admin/audit: the audit log, each event by its label, the person it concerns and who acted (linked), and what it is about (linked). ?><?cs
def:title() ?><?cs var:Lang.admin.audit ?><?cs /def ?><?cs
def:person(id, name, email) ?><a href="/admin/users/<?cs var:id ?>"><?cs if:name ?><?cs var:name ?><?cs else ?>#<?cs var:id ?><?cs /if ?></a><?cs if:email ?> <span class="hint"><?cs var:email ?></span><?cs /if ?><?cs /def ?><?cs
def:content() ?>
<?cs call:breadcrumb2("/admin", Lang.admin.title, Lang.admin.audit) ?>
<h1><?cs var:Lang.admin.audit ?></h1>
<form class="filters" method="get" action="/admin/audit" aria-label="<?cs var:Lang.admin.filters ?>">
 <div class="field"><label for="event"><?cs var:Lang.admin.event ?></label>
  <select id="event" name="event"><option value=""><?cs var:Lang.admin.any ?></option><?cs each:e = Lang.admin.events ?><option value="<?cs name:e ?>"<?cs if:Page.event == name(e) ?> selected<?cs /if ?>><?cs var:e ?></option><?cs /each ?></select></div>
 <div class="field"><label for="q"><?cs var:Lang.admin.name_or_email ?></label><input id="q" name="q" type="search" value="<?cs var:Page.q ?>" maxlength="200"></div>
 <div class="field"><label for="since"><?cs var:Lang.admin.since ?></label><input id="since" name="since" type="date" value="<?cs var:Page.since ?>"></div>
 <div class="field"><label for="until"><?cs var:Lang.admin.until ?></label><input id="until" name="until" type="date" value="<?cs var:Page.until ?>"></div>
 <div class="field field-actions"><button type="submit"><?cs var:Lang.admin.apply ?></button></div>
</form>
<?cs call:results_count(Lang.admin.events_noun) ?>
<?cs if:subcount(Page.events) > 0 ?>
<?cs call:table_frame(Lang.admin.audit) ?><table class="data-table">
 <thead><tr><th scope="col"><?cs var:Lang.admin.when ?> (UTC)</th><th scope="col"><?cs var:Lang.admin.event ?></th><th scope="col"><?cs var:Lang.admin.account ?></th><th scope="col"><?cs var:Lang.admin.about ?></th><th scope="col"><?cs var:Lang.admin.actor ?></th><th scope="col"><?cs var:Lang.admin.address ?></th></tr></thead>
 <tbody><?cs each:e = Page.events ?>
  <tr><td class="id"><?cs call:date(e.at) ?></td>
   <td><?cs call:audit_event(e.event) ?></td>
   <td><?cs if:e.account ?><?cs call:person(e.account, e.name, e.email) ?><?cs elif:e.subject ?><?cs var:e.subject ?><?cs /if ?></td>
   <td><?cs if:e.about_kind == "role_request" ?><a href="/admin/role-requests/<?cs var:e.about_id ?>">RR-<?cs var:e.about_id ?></a><?cs elif:e.about_kind == "change_request" ?><a href="/admin/change-requests/<?cs var:e.about_id ?>">RRQ-<?cs var:e.about_id ?></a><?cs elif:e.about_kind == "organisation" ?><a href="/oms/organisations/<?cs var:e.about_id ?>"><?cs if:e.about_name ?><?cs var:e.about_name ?> <?cs /if ?><span class="id"><?cs var:e.about_id ?></span></a><?cs /if ?></td>
   <td><?cs if:e.actor ?><?cs call:person(e.actor, e.actor_name, e.actor_email) ?><?cs /if ?></td><td><?cs var:e.address ?></td></tr><?cs /each ?>
 </tbody>
</table></div>
<?cs call:pager() ?>
<?cs /if ?>
<?cs /def ?>
