<?cs # /account/sessions/{id}: one of the account's other sessions, signed out with the password. ?><?cs
def:title() ?><?cs var:Lang.sessions.end_title ?><?cs /def ?><?cs
def:content() ?>
<?cs call:breadcrumb2("/account/sessions", Lang.sessions.title, Lang.sessions.end_title) ?>
<div class="narrow">
<h1><?cs var:Lang.sessions.end_title ?></h1>
<dl class="facts">
 <div><dt><?cs var:Lang.sessions.device ?></dt><dd><?cs call:session_device(Page.session) ?></dd></div>
 <div><dt><?cs var:Lang.sessions.address ?></dt><dd><?cs var:Page.session.address ?></dd></div>
 <div><dt><?cs var:Lang.sessions.started ?></dt><dd><?cs call:date(Page.session.started) ?> UTC</dd></div>
 <div><dt><?cs var:Lang.sessions.seen ?></dt><dd><?cs call:date(Page.session.seen) ?> UTC</dd></div>
</dl>
<p><?cs var:Lang.sessions.end_lead ?></p>
<form class="form" method="post" action="/account/sessions/<?cs var:Page.session.id ?>">
 <?cs call:csrf() ?>
 <?cs call:input("current_password", "password", Lang.form.current_password, "", "current-password", "") ?>
 <p class="actions"><button type="submit" class="button-danger"><?cs var:Lang.sessions.end_submit ?></button> <a class="button button-secondary" href="/account/sessions"><?cs var:Lang.form.cancel ?></a></p>
</form>
</div>
<?cs /def ?>
