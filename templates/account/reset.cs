<?cs # /password/reset: a new password from the link of the reset email. ?><?cs
def:title() ?><?cs var:Lang.reset.title ?><?cs /def ?><?cs
def:content() ?>
<?cs call:breadcrumb(Lang.reset.title) ?>
<div class="narrow">
<h1><?cs var:Lang.reset.title ?></h1>
<p class="lead"><?cs var:Lang.reset.lead ?></p>
<form class="form" method="post" action="/password/reset">
 <?cs call:csrf() ?>
 <input type="hidden" name="token" value="<?cs var:Page.token ?>">
 <?cs call:input("password", "password", Lang.form.new_password, "", "new-password", Lang.form.password_hint) ?>
 <?cs call:input("password_confirm", "password", Lang.form.password_confirm, "", "new-password", "") ?>
 <p class="actions"><button type="submit"><?cs var:Lang.reset.submit ?></button></p>
</form>
</div>
<?cs /def ?>
