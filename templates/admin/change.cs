<?cs # /admin/change-requests/{id}: one change request, its diff, history and thread, and the steward's moves (none on their own request). ?><?cs
def:title() ?>RRQ-<?cs var:Page.cr.id ?><?cs /def ?><?cs
def:move(to, label, class) ?><button type="submit" name="to" value="<?cs var:to ?>"<?cs if:class ?> class="<?cs var:class ?>"<?cs /if ?>><?cs var:label ?></button> <?cs /def ?><?cs
def:content() ?>
<nav class="breadcrumb" aria-label="<?cs var:Lang.nav.breadcrumb ?>">
 <ol>
  <li><a href="/"><?cs var:Lang.nav.home ?></a></li>
  <li><a href="/admin"><?cs var:Lang.admin.title ?></a></li>
  <li><a href="/admin/change-requests"><?cs var:Lang.admin.change_requests ?></a></li>
  <li aria-current="page">RRQ-<?cs var:Page.cr.id ?></li>
 </ol>
</nav>
<h1><?cs call:cr_type(Page.cr.type) ?> RRQ-<?cs var:Page.cr.id ?></h1>
<?cs if:Page.saved ?><div class="notice notice-success" role="status"><p><?cs var:Lang.admin.saved[Page.saved] ?></p></div><?cs /if ?>
<?cs call:refused() ?>
<p><span class="badge badge-cr-<?cs var:Page.cr.status ?>"><?cs var:Lang.cr.statuses[Page.cr.status] ?></span></p>
<dl class="facts">
 <div><dt><?cs var:Lang.admin.requester ?></dt><dd><?cs var:Page.cr.requester ?></dd></div>
 <?cs if:Page.cr.list ?><div><dt><?cs var:Lang.rms.list ?></dt><dd><a href="/rms/lists/<?cs var:Page.cr.list ?>"><?cs if:Page.cr.list_name ?><?cs var:Page.cr.list_name ?><?cs else ?><?cs var:Page.cr.list ?><?cs /if ?></a></dd></div><?cs /if ?>
 <?cs if:Page.cr.org ?><div><dt><?cs var:Lang.roles.organisation ?></dt><dd><a href="/oms/organisations/<?cs var:Page.cr.org ?>"><?cs if:Page.org.name ?><?cs var:Page.org.name ?><?cs else ?><?cs var:Page.cr.org ?><?cs /if ?></a> <span class="id"><?cs var:Page.cr.org ?></span><?cs if:Page.cr.loc ?> &rsaquo; <a href="/oms/locations/<?cs var:Page.cr.loc ?>"><span class="id"><?cs var:Page.cr.loc ?></span></a><?cs /if ?></dd></div><?cs /if ?>
 <?cs if:Page.cr.term ?><div><dt><?cs var:Lang.rms.term ?></dt><dd><a href="/rms/terms/<?cs var:Page.cr.term ?>"><?cs if:Page.current.name_en ?><?cs var:Page.current.name_en ?><?cs else ?><?cs var:Page.cr.term ?><?cs /if ?></a> <span class="id"><?cs var:Page.cr.term ?></span></dd></div><?cs /if ?>
 <?cs if:Page.cr.type == "TRANSLATION" ?><div><dt><?cs var:Lang.rms.language ?></dt><dd><?cs call:language(Page.cr.lang) ?></dd></div><?cs /if ?>
 <div><dt><?cs var:Lang.cr.assignee ?></dt><dd><?cs if:Page.cr.assignee ?><?cs var:Page.cr.assignee ?><?cs else ?><?cs var:Lang.cr.nobody ?><?cs /if ?></dd></div>
</dl>
<?cs if:Page.stale ?><div class="notice notice-warning" role="alert"><p><?cs var:Lang.cr.stale_steward ?></p></div><?cs /if ?>
<?cs call:cr_rounds() ?>
<?cs if:subcount(Page.diff.sides) > 0 ?><h2><?cs var:Lang.cr.as_it_stands ?></h2><?cs call:cr_diff() ?><?cs /if ?>
<?cs if:Page.cr.document ?><p><a href="/admin/change-requests/<?cs var:Page.cr.id ?>/document"><?cs var:Lang.roles.document_link ?></a> (<?cs var:Page.cr.document ?>)</p><?cs /if ?>
<h2><?cs var:Lang.cr.justification ?></h2>
<blockquote class="justification"><?cs var:Page.cr.justification ?></blockquote>
<?cs call:cr_thread() ?>
<?cs if:Page.own ?>
<div class="notice"><p><?cs var:Lang.cr.own_request ?> <a href="/account/requests/<?cs var:Page.cr.id ?>"><?cs var:Lang.cr.own_link ?></a></p></div>
<?cs elif:Page.cr.status == "SUBMITTED" || Page.cr.status == "VALID" ?>
<?cs if:!Page.cr.assignee ?><form method="post" action="/admin/change-requests/<?cs var:Page.cr.id ?>/assign"><?cs call:csrf() ?><button type="submit" class="button-secondary"><?cs var:Lang.cr.take ?></button></form><?cs /if ?>
<h2 id="decide"><?cs var:Lang.admin.decide ?></h2>
<form class="form narrow" method="post" action="/admin/change-requests/<?cs var:Page.cr.id ?>/move">
 <?cs call:csrf() ?>
 <div class="form-field<?cs if:Page.errors.reason ?> form-field-error<?cs /if ?>"><label for="reason"><?cs var:Lang.cr.comment ?></label>
  <p class="hint" id="reason-hint"><?cs var:Lang.cr.comment_hint ?></p>
  <?cs call:field_error("reason", "") ?>
  <textarea id="reason" name="reason" rows="3" maxlength="2000" aria-describedby="reason-hint"><?cs var:Page.draft.reason ?></textarea></div>
 <?cs if:Page.cr.status == "VALID" ?>
 <details id="with-changes"<?cs if:Page.draft.to == "APPROVED_WC" ?> open<?cs /if ?>><summary><?cs var:Lang.cr.with_changes ?></summary>
  <p class="hint"><?cs var:Lang.cr.with_changes_hint ?></p>
  <?cs call:cr_data_fields() ?>
  <p class="actions"><?cs call:move("APPROVED_WC", Lang.cr.moves.APPROVED_WC, "") ?></p>
 </details><?cs /if ?>
 <p class="actions"><?cs if:Page.cr.status == "SUBMITTED" ?><?cs call:move("VALID", Lang.cr.moves.VALID, "") ?><?cs call:move("INVALID", Lang.cr.moves.INVALID, "button-danger") ?><?cs call:move("RETURNED", Lang.cr.moves.RETURNED, "button-secondary") ?><?cs else ?><?cs call:move("APPROVED", Lang.cr.moves.APPROVED, "") ?><?cs call:move("RETURNED", Lang.cr.moves.RETURNED, "button-secondary") ?><?cs call:move("REJECTED", Lang.cr.moves.REJECTED, "button-danger") ?><?cs /if ?></p>
</form>
<?cs /if ?>
<?cs if:!Page.own ?>
<h2 id="comment"><?cs var:Lang.cr.add_comment ?></h2>
<form class="form narrow" method="post" action="/admin/change-requests/<?cs var:Page.cr.id ?>/comments">
 <?cs call:csrf() ?>
 <div class="form-field<?cs if:Page.errors.thread_comment ?> form-field-error<?cs /if ?>"><label for="thread_comment"><?cs var:Lang.cr.comment ?></label>
  <?cs call:field_error("thread_comment", "") ?>
  <textarea id="thread_comment" name="reason" rows="3" maxlength="2000" required></textarea></div>
 <p class="actions"><button type="submit"><?cs var:Lang.cr.send_comment ?></button></p>
</form>
<?cs /if ?>
<?cs /def ?>
