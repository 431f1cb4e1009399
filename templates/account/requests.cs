<?cs # /account/requests: the user's change requests. ?><?cs
def:title() ?><?cs var:Lang.cr.mine ?><?cs /def ?><?cs
def:content() ?>
<?cs call:breadcrumb2("/account", Lang.nav.account, Lang.cr.mine) ?>
<h1><?cs var:Lang.cr.mine ?></h1>
<form class="filters" method="get" action="/account/requests">
 <div class="field"><label for="status"><?cs var:Lang.roles.status ?></label>
  <select id="status" name="status"><option value=""><?cs var:Lang.admin.any ?></option><?cs each:s = Lang.cr.statuses ?><option value="<?cs name:s ?>"<?cs if:Page.status == name(s) ?> selected<?cs /if ?>><?cs var:s ?></option><?cs /each ?></select></div>
 <div class="field field-actions"><button type="submit"><?cs var:Lang.admin.apply ?></button></div>
</form>
<?cs if:subcount(Page.requests) > 0 ?>
<?cs call:table_frame(Lang.cr.mine) ?><table class="data-table stacked">
 <thead><tr><th scope="col"><?cs var:Lang.roles.request_id ?></th><th scope="col"><?cs var:Lang.cr.type ?></th><?cs if:Page.requests_shown.list_name || Page.requests_shown.term ?><th scope="col"><?cs var:Lang.cr.what ?></th><?cs /if ?><th scope="col"><?cs var:Lang.roles.status ?></th><th scope="col"><?cs var:Lang.cr.updated ?></th></tr></thead>
 <tbody><?cs each:q = Page.requests ?>
  <tr><td class="id" data-label="<?cs var:Lang.roles.request_id ?>"><a href="/account/requests/<?cs var:q.id ?>">RRQ-<?cs var:q.id ?></a></td><td data-label="<?cs var:Lang.cr.type ?>"><?cs call:cr_type(q.type) ?><?cs if:q.type == "TRANSLATION" ?> (<?cs var:q.lang ?>)<?cs /if ?></td>
   <?cs if:Page.requests_shown.list_name || Page.requests_shown.term ?><td data-label="<?cs var:Lang.cr.what ?>"><?cs var:q.list_name ?><?cs if:q.term ?> &rsaquo; <?cs var:q.term_name ?> <span class="id"><?cs var:q.term ?></span><?cs /if ?></td><?cs /if ?>
   <td data-label="<?cs var:Lang.roles.status ?>"><span class="badge badge-cr-<?cs var:q.status ?>"><?cs var:Lang.cr.statuses[q.status] ?></span></td><td data-label="<?cs var:Lang.cr.updated ?>"><?cs call:date(q.updated) ?></td></tr><?cs /each ?>
 </tbody>
</table></div>
<?cs else ?><p><?cs var:Lang.cr.none ?></p><?cs /if ?>
<?cs /def ?>
