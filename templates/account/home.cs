<?cs # /account: the signed-in user's profile, roles and favourites. ?><?cs
def:title() ?><?cs var:Lang.nav.account ?><?cs /def ?><?cs
def:content() ?>
<?cs call:breadcrumb(Lang.nav.account) ?>
<h1><?cs var:Lang.nav.account ?></h1>
<?cs if:Page.saved ?><div class="notice notice-success" role="status"><p><?cs var:Lang.account.saved[Page.saved] ?></p></div><?cs /if ?>

<section aria-labelledby="profile">
<h2 id="profile"><?cs var:Lang.account.profile ?></h2>
<dl class="facts">
 <div><dt><?cs var:Lang.form.name ?></dt><dd><?cs var:Page.me.name ?></dd></div>
 <div><dt><?cs var:Lang.form.email ?></dt><dd><?cs var:Page.me.email ?></dd></div>
 <div><dt><?cs var:Lang.account.member_since ?></dt><dd><?cs call:date(Page.me.created) ?></dd></div>
 <?cs if:Page.me.last_login ?><div><dt><?cs var:Lang.account.last_login ?></dt><dd><?cs call:date(Page.me.last_login) ?> UTC</dd></div><?cs /if ?>
 <div><dt><?cs var:Lang.account.two_factor ?></dt><dd><?cs if:Page.me.two_factor ?><?cs var:Lang.account.two_factor_on ?><?cs else ?><?cs var:Lang.account.two_factor_off ?><?cs /if ?></dd></div>
</dl>
<ul class="links">
 <li><a href="/account/preferences"><?cs var:Lang.prefs.title ?></a></li>
 <li><a href="/account/password"><?cs var:Lang.password.title ?></a></li>
 <li><a href="/account/two-factor"><?cs var:Lang.twofactor.title ?></a></li>
 <li><a href="/account/sessions"><?cs var:Lang.sessions.title ?></a></li>
 <li><a href="/account/tokens"><?cs var:Lang.tokens.title ?></a></li>
 <li><a href="/account/delete"><?cs var:Lang.delete.title ?></a></li>
</ul>
</section>

<section aria-labelledby="roles">
<h2 id="roles"><?cs var:Lang.account.roles ?></h2>
<?cs if:subcount(Page.roles) > 0 ?>
<ul class="inline-list"><?cs each:role = Page.roles ?>
 <li><strong><?cs var:Lang.role[role.code].name ?></strong><?cs if:role.org ?> &middot; <a href="/oms/organisations/<?cs var:role.org ?>"><?cs if:role.org_name ?><?cs var:role.org_name ?><?cs else ?><?cs var:role.org ?><?cs /if ?></a> <span class="id"><?cs var:role.org ?></span><?cs /if ?></li><?cs /each ?>
</ul>
<?cs else ?><p><?cs var:Lang.account.no_roles ?></p><?cs /if ?>
<p><a href="/account/roles"><?cs var:Lang.account.roles_link ?></a></p>
<p><a href="/account/requests"><?cs var:Lang.cr.mine ?></a></p>
</section>

<section aria-labelledby="favourites">
<h2 id="favourites"><?cs var:Lang.favourites.title ?></h2>
<?cs if:subcount(Page.favourites) > 0 ?>
<?cs call:table_frame(Lang.favourites.title) ?><table class="data-table">
 <thead><tr><th scope="col"><?cs var:Lang.favourites.kind ?></th><th scope="col"><?cs var:Lang.favourites.id ?></th><th scope="col"><?cs var:Lang.favourites.name ?></th></tr></thead>
 <tbody><?cs each:f = Page.favourites ?>
  <tr><td><?cs var:Lang.favourites.kinds[f.kind] ?></td><td class="id"><?cs var:f.ref ?></td><td><a href="<?cs if:f.kind == "list" ?>/rms/lists/<?cs else ?>/oms/organisations/<?cs /if ?><?cs var:f.ref ?>"><?cs if:f.name ?><?cs var:f.name ?><?cs else ?><?cs var:f.ref ?><?cs /if ?></a></td></tr><?cs /each ?>
 </tbody>
</table></div>
<?cs else ?><p><?cs var:Lang.favourites.none ?></p><?cs /if ?>
</section>
<?cs /def ?>
