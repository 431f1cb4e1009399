<?cs # /admin/change-requests: the data stewards' queue. ?><?cs
def:title() ?><?cs var:Lang.admin.change_requests ?><?cs /def ?><?cs
def:content() ?>
<?cs call:breadcrumb2("/admin", Lang.admin.title, Lang.admin.change_requests) ?>
<h1><?cs var:Lang.admin.change_requests ?></h1>
<?cs if:Page.saved ?><div class="notice notice-success" role="status"><p><?cs var:Lang.admin.saved[Page.saved] ?></p></div><?cs /if ?>
<form class="filters" method="get" action="/admin/change-requests" aria-label="<?cs var:Lang.admin.filters ?>">
 <div class="field"><label for="status"><?cs var:Lang.roles.status ?></label>
  <select id="status" name="status"><?cs each:s = Lang.cr.statuses ?><?cs if:name(s) != "SAVED" ?><option value="<?cs name:s ?>"<?cs if:Page.status == name(s) ?> selected<?cs /if ?>><?cs var:s ?></option><?cs /if ?><?cs /each ?><option value="all"<?cs if:Page.status == "all" ?> selected<?cs /if ?>><?cs var:Lang.admin.any ?></option></select></div>
 <div class="field"><label for="type"><?cs var:Lang.cr.type ?></label>
  <select id="type" name="type"><option value=""><?cs var:Lang.admin.any ?></option><option value="ADD-TERM"<?cs if:Page.type == "ADD-TERM" ?> selected<?cs /if ?>><?cs var:Lang.cr.types.ADD_TERM ?></option><option value="UPD-TERM"<?cs if:Page.type == "UPD-TERM" ?> selected<?cs /if ?>><?cs var:Lang.cr.types.UPD_TERM ?></option><option value="TRANSLATION"<?cs if:Page.type == "TRANSLATION" ?> selected<?cs /if ?>><?cs var:Lang.cr.types.TRANSLATION ?></option><option value="ADD-LIST"<?cs if:Page.type == "ADD-LIST" ?> selected<?cs /if ?>><?cs var:Lang.cr.types.ADD_LIST ?></option><option value="UPD-LIST"<?cs if:Page.type == "UPD-LIST" ?> selected<?cs /if ?>><?cs var:Lang.cr.types.UPD_LIST ?></option><option value="ADD-ORG"<?cs if:Page.type == "ADD-ORG" ?> selected<?cs /if ?>><?cs var:Lang.cr.types.ADD_ORG ?></option><option value="UPD-ORG"<?cs if:Page.type == "UPD-ORG" ?> selected<?cs /if ?>><?cs var:Lang.cr.types.UPD_ORG ?></option><option value="ADD-LOC"<?cs if:Page.type == "ADD-LOC" ?> selected<?cs /if ?>><?cs var:Lang.cr.types.ADD_LOC ?></option><option value="UPD-LOC"<?cs if:Page.type == "UPD-LOC" ?> selected<?cs /if ?>><?cs var:Lang.cr.types.UPD_LOC ?></option></select></div>
 <div class="field"><label for="service"><?cs var:Lang.cr.service ?></label>
  <select id="service" name="service"><option value=""><?cs var:Lang.admin.any ?></option><option value="rms"<?cs if:Page.service == "rms" ?> selected<?cs /if ?>><?cs var:Lang.nav.rms ?></option><option value="oms"<?cs if:Page.service == "oms" ?> selected<?cs /if ?>><?cs var:Lang.nav.oms ?></option></select></div>
 <div class="field"><label for="list"><?cs var:Lang.rms.list_id ?></label><input id="list" name="list" type="text" inputmode="numeric" maxlength="12" size="13" value="<?cs var:Page.list ?>"></div>
 <div class="field"><label for="org"><?cs var:Lang.oms.org_id ?></label><input id="org" name="org" type="text" maxlength="13" size="14" placeholder="ORG-" value="<?cs var:Page.org ?>"></div>
 <div class="field"><label for="age"><?cs var:Lang.cr.age ?></label>
  <select id="age" name="age"><option value=""><?cs var:Lang.admin.any ?></option><?cs each:a = Lang.admin.ages ?><option value="<?cs name:a ?>"<?cs if:Page.age == name(a) ?> selected<?cs /if ?>><?cs var:a ?></option><?cs /each ?></select></div>
 <div class="form-check"><input type="checkbox" id="mine" name="mine" value="1"<?cs if:Page.mine ?> checked<?cs /if ?>> <label for="mine"><?cs var:Lang.cr.only_mine ?></label></div>
 <div class="field field-actions"><button type="submit"><?cs var:Lang.admin.apply ?></button></div>
</form>
<?cs call:results_count(Lang.admin.requests_noun) ?>
<?cs if:subcount(Page.requests) > 0 ?>
<?cs call:table_frame(Lang.admin.change_requests) ?><table class="data-table stacked">
 <thead><tr><th scope="col"><?cs var:Lang.roles.request_id ?></th><th scope="col"><?cs var:Lang.cr.type ?></th><?cs if:Page.requests_shown.list_name || Page.requests_shown.term_name || Page.requests_shown.org_name || Page.requests_shown.org ?><th scope="col"><?cs var:Lang.cr.what ?></th><?cs /if ?><th scope="col"><?cs var:Lang.admin.requester ?></th><th scope="col"><?cs var:Lang.roles.status ?></th><?cs if:Page.requests_shown.assignee ?><th scope="col"><?cs var:Lang.cr.assignee ?></th><?cs /if ?><th scope="col"><?cs var:Lang.cr.updated ?></th></tr></thead>
 <tbody><?cs each:q = Page.requests ?>
  <tr><td class="id" data-label="<?cs var:Lang.roles.request_id ?>"><a href="/admin/change-requests/<?cs var:q.id ?>">RRQ-<?cs var:q.id ?></a></td><td data-label="<?cs var:Lang.cr.type ?>"><?cs call:cr_type(q.type) ?><?cs if:q.type == "TRANSLATION" ?> (<?cs var:q.lang ?>)<?cs /if ?></td>
   <?cs if:Page.requests_shown.list_name || Page.requests_shown.term_name || Page.requests_shown.org_name || Page.requests_shown.org ?><td data-label="<?cs var:Lang.cr.what ?>"><?cs var:q.list_name ?><?cs if:q.term ?> &rsaquo; <?cs var:q.term_name ?><?cs /if ?><?cs if:q.org ?><?cs var:q.org_name ?> <span class="id"><?cs var:q.org ?></span><?cs /if ?></td><?cs /if ?><td data-label="<?cs var:Lang.admin.requester ?>"><?cs var:q.requester ?></td>
   <td data-label="<?cs var:Lang.roles.status ?>"><span class="badge badge-cr-<?cs var:q.status ?>"><?cs var:Lang.cr.statuses[q.status] ?></span></td><?cs if:Page.requests_shown.assignee ?><td data-label="<?cs var:Lang.cr.assignee ?>"><?cs var:q.assignee ?></td><?cs /if ?>
   <td data-label="<?cs var:Lang.cr.updated ?>"><?cs call:date(q.updated) ?> (<?cs call:count(q.days, Lang.admin.days) ?>)</td></tr><?cs /each ?>
 </tbody>
</table></div>
<?cs call:pager() ?>
<?cs /if ?>
<?cs /def ?>
