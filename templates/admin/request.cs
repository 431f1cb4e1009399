<?cs # /admin/role-requests/{requestId}: one role request and its decision. ?><?cs
def:title() ?>RR-<?cs var:Page.request.id ?><?cs /def ?><?cs
def:content() ?>
<nav class="breadcrumb" aria-label="<?cs var:Lang.nav.breadcrumb ?>">
 <ol>
  <li><a href="/"><?cs var:Lang.nav.home ?></a></li>
  <li><a href="/admin"><?cs var:Lang.admin.title ?></a></li>
  <li><a href="/admin/role-requests"><?cs var:Lang.admin.role_requests ?></a></li>
  <li aria-current="page">RR-<?cs var:Page.request.id ?></li>
 </ol>
</nav>
<h1><?cs var:Lang.admin.request ?> RR-<?cs var:Page.request.id ?></h1>
<?cs call:refused() ?>
<p><span class="badge badge-request-<?cs var:Page.request.status ?>"><?cs var:Lang.roles.statuses[Page.request.status] ?></span></p>
<dl class="facts">
 <div><dt><?cs var:Lang.admin.requester ?></dt><dd><a href="/admin/users/<?cs var:Page.request.account ?>"><?cs var:Page.request.requester ?></a><br><?cs var:Page.request.email ?></dd></div>
 <div><dt><?cs var:Lang.roles.role ?></dt><dd><?cs var:Lang.role[Page.request.role].name ?></dd></div>
 <div><dt><?cs var:Lang.roles.organisation ?></dt><dd><a href="/oms/organisations/<?cs var:Page.request.org ?>"><?cs if:Page.request.org_name ?><?cs var:Page.request.org_name ?><?cs else ?><?cs var:Page.request.org ?><?cs /if ?></a> <span class="id"><?cs var:Page.request.org ?></span></dd></div>
 <div><dt><?cs var:Lang.admin.received ?></dt><dd><?cs call:date(Page.request.created) ?> UTC</dd></div>
 <?cs if:Page.request.decided ?><div><dt><?cs var:Lang.roles.decision ?></dt><dd><?cs call:date(Page.request.decided) ?> UTC<?cs if:Page.request.decided_by ?>, <?cs var:Page.request.decided_by ?><?cs /if ?></dd></div><?cs /if ?>
</dl>
<?cs if:Page.org_has_super == "1" ?><p><?cs var:Lang.roles.decided_by_super ?></p><?cs else ?><div class="notice"><p><?cs var:Lang.roles.no_super ?></p></div><?cs /if ?>
<h2><?cs var:Lang.roles.justification ?></h2>
<blockquote class="justification"><?cs var:Page.request.justification ?></blockquote>
<?cs if:Page.request.document ?><p><a href="/admin/role-requests/<?cs var:Page.request.id ?>/document"><?cs var:Lang.roles.document_link ?></a> (<?cs var:Page.request.document ?>, <?cs call:count(Page.request.document_size, Lang.admin.bytes) ?>)</p><?cs /if ?>
<?cs if:Page.request.reason ?><h2><?cs var:Lang.admin.reason ?></h2><p><?cs var:Page.request.reason ?></p><?cs /if ?>
<?cs if:Page.may_decide ?>
<h2 id="decide"><?cs var:Lang.admin.decide ?></h2>
<form class="form narrow" method="post" action="/admin/role-requests/<?cs var:Page.request.id ?>/decision">
 <?cs call:csrf() ?>
 <div class="form-field<?cs if:Page.errors.reason ?> form-field-error<?cs /if ?>">
  <label for="reason"><?cs var:Lang.admin.reason ?></label>
  <p class="hint" id="reason-hint"><?cs var:Lang.admin.reason_hint ?></p>
  <?cs call:field_error("reason", "") ?>
  <textarea id="reason" name="reason" rows="3" maxlength="2000" aria-describedby="reason-hint"></textarea>
 </div>
 <p class="actions"><button type="submit" name="decision" value="approve"><?cs var:Lang.admin.approve ?></button> <button type="submit" name="decision" value="reject" class="button-danger"><?cs var:Lang.admin.reject ?></button></p>
</form>
<?cs elif:Page.own && Page.request.status == "PENDING" ?><div class="notice"><p><?cs var:Lang.admin.own_request ?></p></div>
<?cs elif:Page.request.status == "PENDING" ?><p><?cs var:Lang.admin.not_yours ?></p><?cs /if ?>
<?cs /def ?>
