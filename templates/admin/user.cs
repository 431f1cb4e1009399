<?cs # /admin/users/{accountId}: one account, its roles, locking. ?><?cs
def:title() ?><?cs var:Page.user.name ?><?cs /def ?><?cs
def:content() ?>
<nav class="breadcrumb" aria-label="<?cs var:Lang.nav.breadcrumb ?>">
 <ol>
  <li><a href="/"><?cs var:Lang.nav.home ?></a></li>
  <li><a href="/admin"><?cs var:Lang.admin.title ?></a></li>
  <li><a href="/admin/users"><?cs var:Lang.admin.users ?></a></li>
  <li aria-current="page"><?cs var:Page.user.name ?></li>
 </ol>
</nav>
<h1><?cs var:Page.user.name ?></h1>
<?cs if:Page.saved ?><div class="notice notice-success" role="status"><p><?cs var:Lang.admin.saved[Page.saved] ?></p></div><?cs /if ?>
<?cs call:refused() ?>
<dl class="facts">
 <div><dt><?cs var:Lang.form.email ?></dt><dd><?cs var:Page.user.email ?></dd></div>
 <div><dt><?cs var:Lang.roles.status ?></dt><dd><?cs var:Lang.admin.account_status[Page.user.status] ?></dd></div>
 <div><dt><?cs var:Lang.account.member_since ?></dt><dd><?cs call:date(Page.user.created) ?></dd></div>
 <?cs if:Page.user.last_login ?><div><dt><?cs var:Lang.account.last_login ?></dt><dd><?cs call:date(Page.user.last_login) ?> UTC</dd></div><?cs /if ?>
</dl>
<?cs if:User.admin && !Page.self ?><?cs if:Page.user.status == "locked" ?>
<form method="post" action="/admin/users/<?cs var:Page.user.id ?>/unlock"><?cs call:csrf() ?><button type="submit"><?cs var:Lang.admin.unlock ?></button></form><?cs else ?>
<form method="post" action="/admin/users/<?cs var:Page.user.id ?>/lock"><?cs call:csrf() ?><button type="submit" class="button-danger"><?cs var:Lang.admin.lock ?></button> <span class="hint"><?cs var:Lang.admin.lock_hint ?></span></form><?cs /if ?><?cs /if ?>

<h2><?cs var:Lang.account.roles ?></h2>
<?cs if:subcount(Page.roles) > 0 ?>
<?cs call:table_frame(Lang.account.roles) ?><table class="data-table">
 <thead><tr><th scope="col"><?cs var:Lang.roles.role ?></th><th scope="col"><?cs var:Lang.roles.organisation ?></th><th scope="col"><?cs var:Lang.roles.since ?></th><th scope="col"><?cs var:Lang.admin.revoke ?></th></tr></thead>
 <tbody><?cs each:g = Page.roles ?>
  <tr><td><?cs var:Lang.role[g.code].name ?></td><td><?cs if:g.org ?><?cs if:g.org_name ?><?cs var:g.org_name ?><?cs else ?><?cs var:g.org ?><?cs /if ?> <span class="id"><?cs var:g.org ?></span><?cs else ?><?cs var:Lang.roles.agency ?><?cs /if ?></td><td><?cs call:date(g.since) ?></td>
   <td><?cs if:g.revocable == "1" ?><form class="inline-form" method="post" action="/admin/users/<?cs var:Page.user.id ?>/roles/revoke"><?cs call:csrf() ?><input type="hidden" name="role" value="<?cs var:g.code ?>"><input type="hidden" name="org" value="<?cs var:g.org ?>">
    <label for="reason-<?cs name:g ?>" class="visually-hidden"><?cs var:Lang.admin.reason ?></label><input id="reason-<?cs name:g ?>" name="reason" type="text" maxlength="2000" required placeholder="<?cs var:Lang.admin.reason ?>"> <button type="submit" class="button-secondary"><?cs var:Lang.admin.revoke ?></button></form><?cs /if ?></td></tr><?cs /each ?>
 </tbody>
</table></div>
<?cs else ?><p><?cs var:Lang.admin.no_roles ?></p><?cs /if ?>
<?cs if:User.admin ?>
<h2><?cs var:Lang.admin.grant ?></h2>
<form class="form narrow" method="post" action="/admin/users/<?cs var:Page.user.id ?>/roles">
 <?cs call:csrf() ?>
 <div class="form-field"><label for="grant-role"><?cs var:Lang.roles.role ?></label>
  <select id="grant-role" name="role"><?cs each:c = Lang.admin.agency_roles ?><option value="<?cs name:c ?>"><?cs var:Lang.role[name(c)].name ?></option><?cs /each ?></select></div>
 <p class="actions"><button type="submit"><?cs var:Lang.admin.grant ?></button></p>
</form><?cs /if ?>
<?cs /def ?>
