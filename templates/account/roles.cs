<?cs # /account/roles: the roles held, the requests made, and a new request. ?><?cs
def:title() ?><?cs var:Lang.roles.title ?><?cs /def ?><?cs
def:content() ?>
<?cs call:breadcrumb2("/account", Lang.nav.account, Lang.roles.title) ?>
<h1><?cs var:Lang.roles.title ?></h1>
<?cs if:Page.saved ?><div class="notice notice-success" role="status"><p><?cs var:Lang.roles.saved[Page.saved] ?></p></div><?cs /if ?>
<?cs call:refused() ?>

<section aria-labelledby="held">
<h2 id="held"><?cs var:Lang.roles.held ?></h2>
<?cs if:subcount(Page.roles) > 0 ?>
<?cs call:table_frame(Lang.roles.held) ?><table class="data-table">
 <thead><tr><th scope="col"><?cs var:Lang.roles.role ?></th><th scope="col"><?cs var:Lang.roles.organisation ?></th><th scope="col"><?cs var:Lang.roles.since ?></th></tr></thead>
 <tbody><?cs each:h = Page.roles ?>
  <tr><td><?cs var:Lang.role[h.code].name ?></td><td><?cs if:h.org ?><a href="/oms/organisations/<?cs var:h.org ?>"><?cs if:h.org_name ?><?cs var:h.org_name ?><?cs else ?><?cs var:h.org ?><?cs /if ?></a> <span class="id"><?cs var:h.org ?></span><?cs else ?><?cs var:Lang.roles.agency ?><?cs /if ?></td><td><?cs call:date(h.since) ?></td></tr><?cs /each ?>
 </tbody>
</table></div>
<?cs else ?><p><?cs var:Lang.account.no_roles ?></p><?cs /if ?>
</section>

<section aria-labelledby="requests">
<h2 id="requests"><?cs var:Lang.roles.requests ?></h2>
<?cs if:subcount(Page.requests) > 0 ?>
<?cs call:table_frame(Lang.roles.requests) ?><table class="data-table">
 <thead><tr><th scope="col"><?cs var:Lang.roles.request_id ?></th><th scope="col"><?cs var:Lang.roles.role ?></th><th scope="col"><?cs var:Lang.roles.organisation ?></th><th scope="col"><?cs var:Lang.roles.status ?></th><th scope="col"><?cs var:Lang.roles.decision ?></th><?cs if:Page.requests_shown.document || Page.requests_shown.withdrawable ?><th scope="col"><?cs var:Lang.roles.actions ?></th><?cs /if ?></tr></thead>
 <tbody><?cs each:q = Page.requests ?>
  <tr>
   <td class="id">RR-<?cs var:q.id ?></td>
   <td><?cs var:Lang.role[q.role].name ?></td>
   <td><a href="/oms/organisations/<?cs var:q.org ?>"><?cs if:q.org_name ?><?cs var:q.org_name ?><?cs else ?><?cs var:q.org ?><?cs /if ?></a> <span class="id"><?cs var:q.org ?></span></td>
   <td><span class="badge badge-request-<?cs var:q.status ?>"><?cs var:Lang.roles.statuses[q.status] ?></span><br><span class="secondary"><?cs call:date(q.created) ?></span></td>
   <td><?cs if:q.decided ?><?cs call:date(q.decided) ?><?cs if:q.reason ?>: <?cs var:q.reason ?><?cs /if ?><?cs else ?><span class="secondary"><?cs var:Lang.roles.undecided ?></span><?cs /if ?></td>
   <?cs if:Page.requests_shown.document || Page.requests_shown.withdrawable ?><td><?cs if:q.document ?><p><a href="/account/roles/<?cs var:q.id ?>/document"><?cs var:Lang.roles.document_link ?></a> (<?cs var:q.document ?>)</p><?cs /if ?>
    <?cs if:q.withdrawable ?><form method="post" action="/account/roles/<?cs var:q.id ?>/withdraw"><?cs call:csrf() ?><button type="submit" class="button-secondary"><?cs var:Lang.roles.withdraw ?><span class="visually-hidden"> RR-<?cs var:q.id ?></span></button></form><?cs /if ?></td><?cs /if ?>
  </tr><?cs /each ?>
 </tbody>
</table></div>
<?cs else ?><p><?cs var:Lang.roles.no_requests ?></p><?cs /if ?>
</section>

<section aria-labelledby="new">
<h2 id="new"><?cs var:Lang.roles.new ?></h2>
<?cs if:!Page.org.id ?><dl class="role-catalogue"><?cs each:c = Lang.roles.requestable ?>
 <dt><?cs var:Lang.role[name(c)].name ?></dt><dd><?cs var:Lang.role[name(c)].text ?></dd><?cs /each ?>
</dl><?cs /if ?>
<form class="search-box" method="get" action="/account/roles" role="search" aria-label="<?cs var:Lang.roles.find_org ?>">
 <div class="form-field"><label for="q"><?cs var:Lang.roles.find_org ?></label>
 <p class="hint" id="q-hint"><?cs var:Lang.roles.find_hint ?></p>
 <input id="q" name="q" type="search" value="<?cs var:Page.q ?>" maxlength="200" aria-describedby="q-hint"></div>
 <p><button type="submit"><?cs var:Lang.roles.search ?></button></p>
</form>
<?cs if:Page.not_found ?><div class="notice notice-error" role="alert"><p><?cs var:Lang.roles.org_not_found ?> <span class="id"><?cs var:Page.not_found ?></span></p></div><?cs /if ?>
<?cs if:Page.q && !Page.org.id && !Page.not_found ?>
 <?cs if:Page.found_count > 0 ?>
 <ul class="links" aria-label="<?cs var:Lang.roles.found ?>"><?cs each:o = Page.found ?>
  <li><a href="/account/roles?org=<?cs var:o.id ?>#new"><?cs var:o.name ?></a> <span class="id"><?cs var:o.id ?></span><?cs if:o.city ?> &middot; <?cs var:o.city ?><?cs /if ?><?cs if:o.country ?> (<?cs var:o.country_name ?>)<?cs /if ?></li><?cs /each ?>
 </ul>
 <?cs else ?><p><?cs var:Lang.roles.none_found ?> <a href="/oms/organisations?q=<?cs var:url_escape(Page.q) ?>"><?cs var:Lang.roles.search_oms ?></a></p><?cs /if ?>
<?cs /if ?>
<?cs if:Page.org.id ?>
<div class="panel">
 <p><strong><?cs var:Page.org.name ?></strong> <span class="id"><?cs var:Page.org.id ?></span><?cs if:Page.org.city ?> &middot; <?cs var:Page.org.city ?><?cs /if ?></p>
 <p><?cs if:Page.org.has_super == "1" ?><?cs var:Lang.roles.decided_by_super ?><?cs else ?><?cs var:Lang.roles.no_super ?><?cs /if ?></p>
</div>
<form class="form" method="post" action="/account/roles" enctype="multipart/form-data">
 <?cs call:csrf() ?>
 <input type="hidden" name="org" value="<?cs var:Page.org.id ?>">
 <fieldset<?cs if:Page.errors.role ?> class="form-field-error"<?cs /if ?>>
  <legend id="role"><?cs var:Lang.roles.role ?></legend>
  <?cs call:field_error("role", "") ?>
  <?cs each:c = Lang.roles.requestable ?>
  <div class="form-check form-check-described"><input type="radio" id="role-<?cs name:c ?>" name="role" value="<?cs name:c ?>"<?cs if:Page.role == name(c) ?> checked<?cs /if ?> aria-describedby="role-<?cs name:c ?>-text"> <label for="role-<?cs name:c ?>"><?cs var:Lang.role[name(c)].name ?></label></div>
  <p class="hint" id="role-<?cs name:c ?>-text"><?cs var:Lang.role[name(c)].text ?></p>
  <?cs /each ?>
 </fieldset>
 <div class="form-field<?cs if:Page.errors.justification ?> form-field-error<?cs /if ?>">
  <label for="justification"><?cs var:Lang.roles.justification ?></label>
  <p class="hint" id="justification-hint"><?cs var:Lang.roles.justification_hint ?></p>
  <?cs call:field_error("justification", "") ?>
  <textarea id="justification" name="justification" rows="5" maxlength="2000" required aria-describedby="justification-hint"><?cs var:Page.justification ?></textarea>
 </div>
 <div class="form-field<?cs if:Page.errors.document ?> form-field-error<?cs /if ?>">
  <label for="document"><?cs var:Lang.roles.document ?></label>
  <p class="hint" id="document-hint"><?cs var:Lang.roles.document_hint ?></p>
  <?cs call:field_error("document", "") ?>
  <input id="document" name="document" type="file" accept="application/pdf,.pdf" aria-describedby="document-hint">
 </div>
 <p class="actions"><button type="submit"><?cs var:Lang.roles.submit ?></button></p>
</form>
<?cs /if ?>
</section>
<?cs /def ?>
