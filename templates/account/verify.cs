<?cs # /register/verify: the link of the verification email; the button activates the account. ?><?cs
def:title() ?><?cs var:Lang.verify.title ?><?cs /def ?><?cs
def:content() ?>
<?cs call:breadcrumb(Lang.verify.title) ?>
<div class="narrow">
<h1><?cs var:Lang.verify.title ?></h1>
<p><?cs var:Lang.verify.lead ?></p>
<form class="form" method="post" action="/register/verify">
 <?cs call:csrf() ?>
 <input type="hidden" name="token" value="<?cs var:Page.token ?>">
 <p class="actions"><button type="submit"><?cs var:Lang.verify.submit ?></button></p>
</form>
</div>
<?cs /def ?>
