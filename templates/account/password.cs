<?cs # /account/password: change the password (the current one first). ?><?cs
def:title() ?><?cs var:Lang.password.title ?><?cs /def ?><?cs
def:content() ?>
<?cs call:breadcrumb2("/account", Lang.nav.account, Lang.password.title) ?>
<div class="narrow">
<h1><?cs var:Lang.password.title ?></h1>
<p class="lead"><?cs var:Lang.password.lead ?></p>
<form class="form" method="post" action="/account/password">
 <?cs call:csrf() ?>
 <?cs call:input("current_password", "password", Lang.form.current_password, "", "current-password", "") ?>
 <?cs call:input("password", "password", Lang.form.new_password, "", "new-password", Lang.form.password_hint) ?>
 <?cs call:input("password_confirm", "password", Lang.form.password_confirm, "", "new-password", "") ?>
 <p class="actions"><button type="submit"><?cs var:Lang.password.submit ?></button> <a class="button button-secondary" href="/account"><?cs var:Lang.form.cancel ?></a></p>
</form>
</div>
<?cs /def ?>
