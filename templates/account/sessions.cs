<?cs # /account/sessions: where the account is signed in now (browser and system, address, when started and last used; this session marked); signing out one of the others, or all of them with the password. ?><?cs
def:title() ?><?cs var:Lang.sessions.title ?><?cs /def ?><?cs
def:content() ?>
<?cs call:breadcrumb2("/account", Lang.nav.account, Lang.sessions.title) ?>
<h1><?cs var:Lang.sessions.title ?></h1>
<?cs if:Page.saved ?><div class="notice notice-success" role="status"><p><?cs var:Lang.sessions.saved[Page.saved] ?></p></div><?cs /if ?>
<p class="lead"><?cs var:Lang.sessions.lead ?></p>
<?cs call:table_frame(Lang.sessions.title) ?><table class="data-table stacked">
 <thead><tr><th scope="col"><?cs var:Lang.sessions.device ?></th><th scope="col"><?cs var:Lang.sessions.address ?></th><th scope="col"><?cs var:Lang.sessions.started ?> (UTC)</th><th scope="col"><?cs var:Lang.sessions.seen ?> (UTC)</th><th scope="col"><span class="visually-hidden"><?cs var:Lang.sessions.action ?></span></th></tr></thead>
 <tbody><?cs each:s = Page.sessions ?>
  <tr><th scope="row"><?cs call:session_device(s) ?><?cs if:s.current ?> <?cs call:badge("live", Lang.sessions.this) ?><?cs /if ?></th>
   <td data-label="<?cs var:Lang.sessions.address ?>" class="address"><?cs var:s.address ?></td>
   <td data-label="<?cs var:Lang.sessions.started ?> (UTC)"><?cs call:date(s.started) ?></td>
   <td data-label="<?cs var:Lang.sessions.seen ?> (UTC)"><?cs call:date(s.seen) ?></td>
   <td><?cs if:s.current ?><form class="inline-form" method="post" action="/logout"><?cs call:csrf() ?><button type="submit" class="button-secondary"><?cs var:Lang.nav.logout ?></button></form><?cs else ?><a href="/account/sessions/<?cs var:s.id ?>"><?cs var:Lang.sessions.end ?><span class="visually-hidden">: <?cs call:session_device(s) ?>, <?cs call:date(s.started) ?></span></a><?cs /if ?></td></tr><?cs /each ?>
 </tbody>
</table></div>
<?cs if:Page.others ?>
<section class="narrow" aria-labelledby="end-others">
<h2 id="end-others"><?cs var:Lang.sessions.others_title ?></h2>
<p><?cs var:Lang.sessions.others_lead ?></p>
<form class="form" method="post" action="/account/sessions">
 <?cs call:csrf() ?>
 <?cs call:input("current_password", "password", Lang.form.current_password, "", "current-password", "") ?>
 <p class="actions"><button type="submit" class="button-danger"><?cs var:Lang.sessions.others_submit ?></button></p>
</form>
</section>
<?cs else ?><p><?cs var:Lang.sessions.only_this ?></p><?cs /if ?>
<?cs /def ?>
