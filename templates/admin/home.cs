<?cs # /admin: what waits for the signed-in decider. ?><?cs
def:title() ?><?cs var:Lang.admin.title ?><?cs /def ?><?cs
def:content() ?>
<?cs call:breadcrumb(Lang.admin.title) ?>
<h1><?cs var:Lang.admin.title ?></h1>
<div class="two-columns">
 <?cs if:User.admin || User.super ?><section class="panel" aria-labelledby="waiting">
  <h2 id="waiting"><?cs var:Lang.admin.role_requests ?></h2>
  <?cs if:Page.waiting > 0 ?><p><strong><?cs var:Page.waiting ?></strong> <?cs var:Lang.admin.waiting ?> <?cs var:Lang.admin.oldest ?> <?cs call:count(Page.oldest_days, Lang.admin.days) ?>.</p>
  <?cs else ?><p><?cs var:Lang.admin.nothing_waiting ?></p><?cs /if ?>
  <p><a class="button" href="/admin/role-requests"><?cs var:Lang.admin.open_queue ?></a></p>
 </section>
 <section class="panel" aria-labelledby="people">
  <h2 id="people"><?cs var:Lang.admin.users ?></h2>
  <p><?cs if:User.admin ?><?cs var:Lang.admin.users_admin ?><?cs else ?><?cs var:Lang.admin.users_super ?><?cs /if ?></p>
  <p><a href="/admin/users"><?cs var:Lang.admin.users ?></a><?cs if:User.admin ?> &middot; <a href="/admin/audit"><?cs var:Lang.admin.audit ?></a><?cs /if ?></p>
 </section><?cs /if ?>
 <?cs if:User.steward || User.admin ?><section class="panel" aria-labelledby="changes">
  <h2 id="changes"><?cs var:Lang.admin.change_requests ?></h2>
  <p><?cs var:Lang.admin.change_requests_soon ?></p>
  <?cs if:Page.changes > 0 ?><p><strong><?cs var:Page.changes ?></strong> <?cs var:Lang.admin.waiting ?> <?cs var:Lang.admin.oldest ?> <?cs call:count(Page.changes_oldest, Lang.admin.days) ?>.</p>
  <?cs else ?><p><?cs var:Lang.admin.nothing_waiting ?></p><?cs /if ?>
  <p><a class="button" href="/admin/change-requests"><?cs var:Lang.admin.open_queue ?></a></p>
 </section><?cs /if ?>
</div>
<?cs /def ?>
