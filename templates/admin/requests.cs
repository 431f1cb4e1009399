<?cs # /admin/role-requests: the queue of role requests. ?><?cs
def:title() ?><?cs var:Lang.admin.role_requests ?><?cs /def ?><?cs
def:content() ?>
<?cs call:breadcrumb2("/admin", Lang.admin.title, Lang.admin.role_requests) ?>
<h1><?cs var:Lang.admin.role_requests ?></h1>
<?cs if:Page.saved ?><div class="notice notice-success" role="status"><p><?cs var:Lang.admin.saved[Page.saved] ?></p></div><?cs /if ?>
<form class="filters" method="get" action="/admin/role-requests" aria-label="<?cs var:Lang.admin.filters ?>">
 <div class="field"><label for="status"><?cs var:Lang.roles.status ?></label>
  <select id="status" name="status"><?cs each:s = Lang.roles.statuses ?><option value="<?cs name:s ?>"<?cs if:Page.status == name(s) ?> selected<?cs /if ?>><?cs var:s ?></option><?cs /each ?><option value="all"<?cs if:Page.status == "all" ?> selected<?cs /if ?>><?cs var:Lang.admin.any ?></option></select></div>
 <div class="field"><label for="org"><?cs var:Lang.oms.org_id ?></label><input id="org" name="org" type="text" value="<?cs var:Page.org ?>" maxlength="13" size="14" placeholder="ORG-"></div>
 <div class="field"><label for="role"><?cs var:Lang.roles.role ?></label>
  <select id="role" name="role"><option value=""><?cs var:Lang.admin.any ?></option><?cs each:c = Lang.roles.requestable ?><option value="<?cs name:c ?>"<?cs if:Page.role == name(c) ?> selected<?cs /if ?>><?cs var:Lang.role[name(c)].name ?></option><?cs /each ?></select></div>
 <div class="field"><label for="age"><?cs var:Lang.admin.age ?></label>
  <select id="age" name="age"><option value=""><?cs var:Lang.admin.any ?></option><?cs each:a = Lang.admin.ages ?><option value="<?cs name:a ?>"<?cs if:Page.age == name(a) ?> selected<?cs /if ?>><?cs var:a ?></option><?cs /each ?></select></div>
 <div class="field field-actions"><button type="submit"><?cs var:Lang.admin.apply ?></button></div>
</form>
<?cs call:results_count(Lang.admin.requests_noun) ?>
<?cs if:subcount(Page.requests) > 0 ?>
<?cs call:table_frame(Lang.admin.role_requests) ?><table class="data-table stacked">
 <thead><tr><th scope="col"><?cs var:Lang.roles.request_id ?></th><th scope="col"><?cs var:Lang.admin.requester ?></th><th scope="col"><?cs var:Lang.roles.role ?></th><?cs if:Page.requests_shown.org ?><th scope="col"><?cs var:Lang.roles.organisation ?></th><?cs /if ?><th scope="col"><?cs var:Lang.roles.status ?></th><th scope="col"><?cs var:Lang.admin.received ?></th></tr></thead>
 <tbody><?cs each:q = Page.requests ?>
  <tr><td class="id" data-label="<?cs var:Lang.roles.request_id ?>"><a href="/admin/role-requests/<?cs var:q.id ?>">RR-<?cs var:q.id ?></a></td><td data-label="<?cs var:Lang.admin.requester ?>"><?cs var:q.requester ?></td><td data-label="<?cs var:Lang.roles.role ?>"><?cs var:Lang.role[q.role].name ?></td>
   <?cs if:Page.requests_shown.org ?><td data-label="<?cs var:Lang.roles.organisation ?>"><?cs if:q.org_name ?><?cs var:q.org_name ?><?cs else ?><?cs var:q.org ?><?cs /if ?> <span class="id"><?cs var:q.org ?></span></td><?cs /if ?>
   <td data-label="<?cs var:Lang.roles.status ?>"><span class="badge badge-request-<?cs var:q.status ?>"><?cs var:Lang.roles.statuses[q.status] ?></span></td>
   <td data-label="<?cs var:Lang.admin.received ?>"><?cs call:date(q.created) ?> (<?cs call:count(q.days, Lang.admin.days) ?>)</td></tr><?cs /each ?>
 </tbody>
</table></div>
<?cs call:pager() ?>
<?cs /if ?>
<?cs /def ?>
