<?cs # A confirmation after a form (mail sent, email verified, ...) or why a link of a mail did not work (used, expired, not one the portal sent: for Page.purpose, verify or reset), with what to do next. ?><?cs
def:title() ?><?cs var:Lang.notice[Page.notice].title ?><?cs /def ?><?cs
def:content() ?>
<?cs call:breadcrumb(Lang.notice[Page.notice].title) ?>
<div class="narrow">
<h1><?cs var:Lang.notice[Page.notice].title ?></h1>
<div class="notice<?cs if:Page.notice == "link_invalid" || Page.notice == "verify_expired" || Page.notice == "reset_used" || Page.notice == "reset_expired" ?> notice-error<?cs else ?> notice-success<?cs /if ?>" role="status">
 <p><?cs var:Lang.notice[Page.notice].text ?><?cs if:Page.email ?> <strong><?cs var:Page.email ?></strong><?cs /if ?></p>
</div>
<?cs if:Lang.notice[Page.notice].more ?><p><?cs var:Lang.notice[Page.notice].more ?></p><?cs /if ?>
<p class="actions"><?cs if:Page.notice == "verified" || Page.notice == "password_reset" || Page.notice == "verify_used" ?><a class="button" href="/login"><?cs var:Lang.nav.login ?></a><?cs elif:Page.purpose ?><a class="button" href="/password/forgot"><?cs var:Lang.notice.new_link ?></a><?cs else ?><a class="button" href="/"><?cs var:Lang.error.home ?></a><?cs /if ?></p>
</div>
<?cs /def ?>
