<?cs # /login/two-factor: the second step of signing in, a code of the authenticator app or a recovery code; without a live pending sign-in, the way back to the first. ?><?cs
def:title() ?><?cs var:Lang.twofactor.step_title ?><?cs /def ?><?cs
def:content() ?>
<?cs call:breadcrumb2("/login", Lang.login.title, Lang.twofactor.step_title) ?>
<div class="narrow">
<h1><?cs var:Lang.twofactor.step_title ?></h1>
<?cs if:Page.expired ?>
<div class="notice notice-error" role="alert"><p><?cs var:Lang.twofactor.expired ?></p></div>
<p class="actions"><a class="button" href="/login<?cs if:Page.next ?>?next=<?cs var:url_escape(Page.next) ?><?cs /if ?>"><?cs var:Lang.login.title ?></a></p>
<?cs else ?>
<p class="lead"><?cs var:Lang.twofactor.step_lead ?></p>
<form class="form" method="post" action="/login/two-factor">
 <?cs call:csrf() ?>
 <?cs if:Page.next ?><input type="hidden" name="next" value="<?cs var:Page.next ?>"><?cs /if ?>
 <?cs call:input("code", "text", Lang.twofactor.code, "", "one-time-code", Lang.twofactor.code_hint) ?>
 <p class="actions"><button type="submit"><?cs var:Lang.twofactor.step_submit ?></button> <a class="button button-secondary" href="/login"><?cs var:Lang.form.cancel ?></a></p>
</form>
<?cs /if ?>
</div>
<?cs /def ?>
