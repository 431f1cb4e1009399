<?cs # /admin/users: accounts, with their roles. ?><?cs
def:title() ?><?cs var:Lang.admin.users ?><?cs /def ?><?cs
def:content() ?>
<?cs call:breadcrumb2("/admin", Lang.admin.title, Lang.admin.users) ?>
<h1><?cs var:Lang.admin.users ?></h1>
<form class="filters" method="get" action="/admin/users" role="search" aria-label="<?cs var:Lang.admin.filters ?>">
 <div class="field"><label for="q"><?cs var:Lang.admin.name_or_email ?></label><input id="q" name="q" type="search" value="<?cs var:Page.q ?>" maxlength="200"></div>
 <div class="field"><label for="org"><?cs var:Lang.oms.org_id ?></label><input id="org" name="org" type="text" value="<?cs var:Page.org ?>" maxlength="13" size="14" placeholder="ORG-"></div>
 <div class="field"><label for="role"><?cs var:Lang.roles.role ?></label>
  <select id="role" name="role"><option value=""><?cs var:Lang.admin.any ?></option><?cs each:c = Lang.role ?><option value="<?cs name:c ?>"<?cs if:Page.role == name(c) ?> selected<?cs /if ?>><?cs var:c.name ?></option><?cs /each ?></select></div>
 <div class="field field-actions"><button type="submit"><?cs var:Lang.admin.apply ?></button></div>
</form>
<?cs call:results_count(Lang.admin.users_noun) ?>
<?cs if:subcount(Page.users) > 0 ?>
<?cs call:table_frame(Lang.admin.users) ?><table class="data-table stacked">
 <thead><tr><th scope="col"><?cs var:Lang.form.name ?></th><th scope="col"><?cs var:Lang.form.email ?></th><th scope="col"><?cs var:Lang.roles.status ?></th><?cs if:Page.users_shown.roles ?><th scope="col"><?cs var:Lang.account.roles ?></th><?cs /if ?><th scope="col"><?cs var:Lang.account.member_since ?></th></tr></thead>
 <tbody><?cs each:u = Page.users ?>
  <tr><td data-label="<?cs var:Lang.form.name ?>"><a href="/admin/users/<?cs var:u.id ?>"><?cs var:u.name ?></a></td><td data-label="<?cs var:Lang.form.email ?>"><?cs var:u.email ?></td><td data-label="<?cs var:Lang.roles.status ?>"><?cs var:Lang.admin.account_status[u.status] ?></td><?cs if:Page.users_shown.roles ?><td data-label="<?cs var:Lang.account.roles ?>"><?cs each:g = u.roles ?><?cs var:Lang.role[g.code].name ?><?cs if:g.org ?> (<?cs if:g.org_name ?><?cs var:g.org_name ?> <?cs /if ?><span class="id"><?cs var:g.org ?></span>)<?cs /if ?><?cs if:!last(g) ?>, <?cs /if ?><?cs /each ?></td><?cs /if ?><td data-label="<?cs var:Lang.account.member_since ?>"><?cs call:date(u.created) ?></td></tr><?cs /each ?>
 </tbody>
</table></div>
<?cs call:pager() ?>
<?cs /if ?>
<?cs /def ?>
