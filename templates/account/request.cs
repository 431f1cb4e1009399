<?cs # /account/requests/{id}: one of the user's change requests, its history and thread. ?><?cs
def:title() ?>RRQ-<?cs var:Page.cr.id ?><?cs /def ?><?cs
def:content() ?>
<nav class="breadcrumb" aria-label="<?cs var:Lang.nav.breadcrumb ?>">
 <ol>
  <li><a href="/"><?cs var:Lang.nav.home ?></a></li>
  <li><a href="/account"><?cs var:Lang.nav.account ?></a></li>
  <li><a href="/account/requests"><?cs var:Lang.cr.mine ?></a></li>
  <li aria-current="page">RRQ-<?cs var:Page.cr.id ?></li>
 </ol>
</nav>
<h1><?cs call:cr_type(Page.cr.type) ?> RRQ-<?cs var:Page.cr.id ?></h1>
<?cs if:Page.saved ?><div class="notice notice-success" role="status"><p><?cs var:Lang.cr.saved[Page.saved] ?></p></div><?cs /if ?>
<?cs call:refused() ?>
<p><span class="badge badge-cr-<?cs var:Page.cr.status ?>"><?cs var:Lang.cr.statuses[Page.cr.status] ?></span> <?cs var:Lang.cr.status_help[Page.cr.status] ?></p>
<p><?cs if:Page.cr.list ?><a href="/rms/lists/<?cs var:Page.cr.list ?>"><?cs if:Page.cr.list_name ?><?cs var:Page.cr.list_name ?><?cs else ?><?cs var:Page.cr.list ?><?cs /if ?></a><?cs /if ?><?cs if:Page.cr.term ?> &rsaquo; <a href="/rms/terms/<?cs var:Page.cr.term ?>"><?cs if:Page.current.name_en ?><?cs var:Page.current.name_en ?><?cs else ?><?cs var:Page.cr.term ?><?cs /if ?></a> <span class="id"><?cs var:Page.cr.term ?></span><?cs /if ?></p>
<?cs if:Page.cr.org ?><p><a href="/oms/organisations/<?cs var:Page.cr.org ?>"><?cs if:Page.org.name ?><?cs var:Page.org.name ?><?cs else ?><?cs var:Page.cr.org ?><?cs /if ?></a> <span class="id"><?cs var:Page.cr.org ?></span><?cs if:Page.cr.loc ?> &rsaquo; <a href="/oms/locations/<?cs var:Page.cr.loc ?>"><span class="id"><?cs var:Page.cr.loc ?></span></a><?cs /if ?></p><?cs /if ?>
<?cs if:Page.stale ?><div class="notice notice-warning"><p><?cs var:Lang.cr.stale ?></p></div><?cs /if ?>
<?cs call:cr_rounds() ?>
<?cs if:subcount(Page.diff.sides) > 0 ?><h2><?cs var:Lang.cr.as_it_stands ?></h2><?cs call:cr_diff() ?><?cs /if ?>
<?cs if:Page.cr.document ?><p><a href="/account/requests/<?cs var:Page.cr.id ?>/document"><?cs var:Lang.roles.document_link ?></a> (<?cs var:Page.cr.document ?>)</p><?cs /if ?>
<?cs call:cr_thread() ?>
<?cs if:Page.cr.status == "SAVED" || Page.cr.status == "RETURNED" ?>
<h2><?cs var:Lang.cr.edit ?></h2>
<form class="form narrow" method="post" action="/account/requests/<?cs var:Page.cr.id ?>" enctype="multipart/form-data">
 <?cs call:csrf() ?>
 <input type="hidden" name="text_lang" value="<?cs var:Page.cr.lang ?>">
 <?cs call:cr_fields() ?>
</form><?cs /if ?>
<?cs if:Page.cr.status == "SAVED" || Page.cr.status == "SUBMITTED" || Page.cr.status == "RETURNED" ?>
<form method="post" action="/account/requests/<?cs var:Page.cr.id ?>/withdraw"><?cs call:csrf() ?><button type="submit" class="button-secondary"><?cs var:Lang.roles.withdraw ?></button></form><?cs /if ?>
<h2 id="comment-title"><?cs var:Lang.cr.add_comment ?></h2>
<form class="form narrow" method="post" action="/account/requests/<?cs var:Page.cr.id ?>/comments">
 <?cs call:csrf() ?>
 <div class="form-field"><label for="comment"><?cs var:Lang.cr.comment ?></label><textarea id="comment" name="comment" rows="3" maxlength="4000" required></textarea></div>
 <p class="actions"><button type="submit"><?cs var:Lang.cr.send_comment ?></button></p>
</form>
<?cs /def ?>
