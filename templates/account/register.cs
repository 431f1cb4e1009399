<?cs # /register: a new account; a verification link follows by email. ?><?cs
def:title() ?><?cs var:Lang.register.title ?><?cs /def ?><?cs
def:content() ?>
<?cs call:breadcrumb(Lang.register.title) ?>
<div class="narrow">
<h1><?cs var:Lang.register.title ?></h1>
<p class="lead"><?cs var:Lang.register.lead ?></p>
<form class="form" method="post" action="/register">
 <?cs call:csrf() ?>
 <?cs call:input("name", "text", Lang.form.name, Page.name, "name", Lang.register.name_hint) ?>
 <?cs call:input("email", "email", Lang.form.email, Page.email, "email", Lang.register.email_hint) ?>
 <?cs call:input("password", "password", Lang.form.password, "", "new-password", Lang.form.password_hint) ?>
 <?cs call:input("password_confirm", "password", Lang.form.password_confirm, "", "new-password", "") ?>
 <p class="actions"><button type="submit"><?cs var:Lang.register.submit ?></button></p>
</form>
<p><a href="/login"><?cs var:Lang.register.have_account ?></a></p>
</div>
<?cs /def ?>
