<?cs # /login: sign in with email and password. ?><?cs
def:title() ?><?cs var:Lang.login.title ?><?cs /def ?><?cs
def:content() ?>
<?cs call:breadcrumb(Lang.login.title) ?>
<div class="narrow">
<h1><?cs var:Lang.login.title ?></h1>
<?cs if:Page.saved == "signed_out" ?><div class="notice notice-success" role="status"><p><?cs var:Lang.login.signed_out ?></p></div><?cs /if ?>
<?cs set:Page.autofocus = "email" ?><form class="form" method="post" action="/login">
 <?cs call:csrf() ?>
 <?cs if:Page.next ?><input type="hidden" name="next" value="<?cs var:Page.next ?>"><?cs /if ?>
 <?cs call:input("email", "email", Lang.form.email, Page.email, "username", "") ?>
 <?cs call:input("password", "password", Lang.form.password, "", "current-password", "") ?>
 <p class="actions"><button type="submit"><?cs var:Lang.login.submit ?></button></p>
</form>
<ul class="links">
 <li><a href="/password/forgot"><?cs var:Lang.login.forgot ?></a></li>
 <li><a href="/register"><?cs var:Lang.login.no_account ?></a></li>
</ul>
</div>
<?cs /def ?>
