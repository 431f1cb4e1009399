<?cs # /password/forgot: ask for a reset link by email. ?><?cs
def:title() ?><?cs var:Lang.forgot.title ?><?cs /def ?><?cs
def:content() ?>
<?cs call:breadcrumb(Lang.forgot.title) ?>
<div class="narrow">
<h1><?cs var:Lang.forgot.title ?></h1>
<p class="lead"><?cs var:Lang.forgot.lead ?></p>
<form class="form" method="post" action="/password/forgot">
 <?cs call:csrf() ?>
 <?cs call:input("email", "email", Lang.form.email, Page.email, "email", "") ?>
 <p class="actions"><button type="submit"><?cs var:Lang.forgot.submit ?></button></p>
</form>
<p><a href="/login"><?cs var:Lang.forgot.back ?></a></p>
</div>
<?cs /def ?>
