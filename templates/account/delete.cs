<?cs # /account/delete: delete the account, confirmed with the password. ?><?cs
def:title() ?><?cs var:Lang.delete.title ?><?cs /def ?><?cs
def:content() ?>
<?cs call:breadcrumb2("/account", Lang.nav.account, Lang.delete.title) ?>
<div class="narrow">
<h1><?cs var:Lang.delete.title ?></h1>
<div class="notice notice-warning"><p><?cs var:Lang.delete.warning ?></p></div>
<ul class="checklist">
 <li><?cs var:Lang.delete.removed ?></li>
 <li><?cs var:Lang.delete.kept ?></li>
</ul>
<form class="form" method="post" action="/account/delete">
 <?cs call:csrf() ?>
 <?cs call:input("current_password", "password", Lang.form.current_password, "", "current-password", "") ?>
 <p class="actions"><button type="submit" class="button-danger"><?cs var:Lang.delete.submit ?></button> <a class="button button-secondary" href="/account"><?cs var:Lang.form.cancel ?></a></p>
</form>
</div>
<?cs /def ?>
