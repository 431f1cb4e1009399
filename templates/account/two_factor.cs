<?cs # /account/two-factor: two-step sign-in.  Off: the secret offered to the app (QR code, base32, otpauth URI) and the code that turns it on.  On: since when, the recovery codes left, and one form (password and code) that turns it off or makes new recovery codes. ?><?cs
def:title() ?><?cs var:Lang.twofactor.title ?><?cs /def ?><?cs
def:content() ?>
<?cs call:breadcrumb2("/account", Lang.nav.account, Lang.twofactor.title) ?>
<div class="narrow">
<h1><?cs var:Lang.twofactor.title ?></h1>
<?cs if:Page.on ?>
<div class="notice notice-success" role="status"><p><?cs var:Lang.twofactor.is_on ?></p></div>
<dl class="facts">
 <div><dt><?cs var:Lang.twofactor.since ?></dt><dd><?cs call:date(Page.since) ?> UTC</dd></div>
 <div><dt><?cs var:Lang.twofactor.codes_left ?></dt><dd><?cs var:Page.codes_left ?></dd></div>
</dl>
<?cs if:Page.codes_left < 3 ?><div class="notice notice-warning"><p><?cs var:Lang.twofactor.codes_few ?></p></div><?cs /if ?>
<h2><?cs var:Lang.twofactor.change_title ?></h2>
<p><?cs var:Lang.twofactor.change_lead ?></p>
<?cs if:Page.required ?><p><?cs var:Lang.twofactor.off_required ?></p><?cs /if ?>
<form class="form" method="post" action="/account/two-factor/recovery-codes">
 <?cs call:csrf() ?>
 <?cs call:input("current_password", "password", Lang.form.current_password, "", "current-password", "") ?>
 <?cs call:input("code", "text", Lang.twofactor.code, "", "one-time-code", Lang.twofactor.code_hint) ?>
 <p class="actions"><button type="submit"><?cs var:Lang.twofactor.renew ?></button> <button type="submit" class="button-danger" formaction="/account/two-factor/disable"><?cs var:Lang.twofactor.disable ?></button></p>
</form>
<?cs else ?>
<?cs if:Page.required ?><div class="notice notice-warning" role="alert"><p><?cs var:Lang.twofactor.required ?></p></div><?cs /if ?>
<p class="lead"><?cs var:Lang.twofactor.lead ?></p>
<ol class="steps">
 <li><p><?cs var:Lang.twofactor.step_app ?></p></li>
 <li><p><?cs var:Lang.twofactor.step_scan ?></p>
  <svg class="qr" role="img" aria-labelledby="qr-title" viewBox="0 0 <?cs var:Page.qr.size ?> <?cs var:Page.qr.size ?>" shape-rendering="crispEdges"><title id="qr-title"><?cs var:Lang.twofactor.qr_label ?></title><rect width="<?cs var:Page.qr.size ?>" height="<?cs var:Page.qr.size ?>" fill="#fff"/><path fill="#000" d="<?cs each:q = Page.qr.runs ?>M<?cs var:q.x ?> <?cs var:q.y ?>h<?cs var:q.w ?>v1h-<?cs var:q.w ?>z<?cs /each ?>"/></svg>
  <p><?cs var:Lang.twofactor.manual ?></p>
  <dl class="facts secret">
   <div><dt><?cs var:Lang.twofactor.key ?></dt><dd><code id="totp-secret" class="key"><?cs loop:i = 0, string.length(Page.secret) - 1, 4 ?><?cs if:i > 0 ?><wbr><?cs /if ?><span><?cs var:string.slice(Page.secret, i, i + 4) ?></span><?cs /loop ?></code></dd></div>
   <div><dt><?cs var:Lang.twofactor.key_kind ?></dt><dd><?cs var:Lang.twofactor.key_kind_value ?></dd></div>
   <div><dt><?cs var:Lang.twofactor.uri ?></dt><dd><code id="totp-uri"><?cs var:Page.uri ?></code></dd></div>
  </dl></li>
 <li><p><?cs var:Lang.twofactor.step_confirm ?></p>
  <form class="form" method="post" action="/account/two-factor">
   <?cs call:csrf() ?>
   <?cs call:input("code", "text", Lang.twofactor.code, "", "one-time-code", "") ?>
   <p class="actions"><button type="submit"><?cs var:Lang.twofactor.enable ?></button> <a class="button button-secondary" href="/account"><?cs var:Lang.form.cancel ?></a></p>
  </form></li>
</ol>
<?cs /if ?>
</div>
<?cs /def ?>
