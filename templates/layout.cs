<!DOCTYPE html><?cs include:Page.template ?>
<html lang="<?cs if:Req.lang ?><?cs var:Req.lang ?><?cs else ?>en<?cs /if ?>">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title><?cs if:subcount(Page.errors) > 0 || Page.wait_minutes || Page.problem ?><?cs var:Lang.form.title_prefix ?> <?cs /if ?><?cs call:title() ?> | <?cs var:Lang.site.name ?></title>
<link rel="stylesheet" href="/static/spor.css">
<link rel="icon" href="/static/favicon.svg" type="image/svg+xml"><?cs if:Page.atom ?>
<link rel="alternate" type="application/atom+xml" title="<?cs var:Lang.changes.feed_link ?>" href="<?cs var:Page.atom ?>"><?cs /if ?>
</head>
<body>
<a class="skip-link" href="#main"><?cs var:Lang.nav.skip ?></a>
<header class="site-header">
 <div class="container header-top">
  <a class="brand" href="/"><span class="brand-mark" aria-hidden="true">SPOR</span><span class="brand-text"><span class="brand-name"><?cs var:Lang.site.name ?></span><span class="brand-tagline"><?cs var:Lang.site.short_tagline ?></span></span></a>
  <div class="header-user"><?cs if:subcount(Req.switch) > 1 ?>
   <nav class="lang-switch" aria-label="<?cs var:Lang.nav.language ?>"><ul><?cs each:l = Req.switch ?><li><a href="<?cs var:l.href ?>" lang="<?cs var:l.code ?>" hreflang="<?cs var:l.code ?>"<?cs if:l.current ?> aria-current="true"<?cs /if ?>><?cs var:Lang.nav.languages[l.code] ?></a></li><?cs /each ?></ul></nav><?cs /if ?>
   <?cs if:User.name ?><span class="signed-in"><?cs var:Lang.nav.signed_in_as ?> <strong><?cs var:User.name ?></strong></span>
   <a href="/account"><?cs var:Lang.nav.account ?></a><?cs if:User.admin || User.steward || User.super ?>
   <a href="/admin"><?cs var:Lang.admin.title ?></a><?cs /if ?>
   <form class="logout" method="post" action="/logout"><?cs call:csrf() ?><button type="submit" class="button-secondary"><?cs var:Lang.nav.logout ?></button></form><?cs else ?><a href="/login<?cs if:Req.path && Req.path != "/" && Req.path != "/login" && Req.path != "/register" ?>?next=<?cs var:url_escape(Req.here) ?><?cs /if ?>"><?cs var:Lang.nav.login ?></a>
   <a class="button button-secondary" href="/register"><?cs var:Lang.nav.register ?></a><?cs /if ?>
  </div>
 </div>
 <nav class="site-nav" aria-label="<?cs var:Lang.nav.label ?>">
  <ul class="container">
   <li><a href="/"<?cs if:Page.nav == "home" ?> aria-current="page"<?cs /if ?>><?cs var:Lang.nav.home ?></a></li>
   <li><a href="/rms/lists"<?cs if:Page.nav == "rms" ?> aria-current="page"<?cs /if ?>><?cs var:Lang.nav.rms ?></a></li>
   <li><a href="/oms/organisations"<?cs if:Page.nav == "oms" ?> aria-current="page"<?cs /if ?>><?cs var:Lang.nav.oms ?></a></li>
   <li><a href="/sms"<?cs if:Page.nav == "sms" ?> aria-current="page"<?cs /if ?>><?cs var:Lang.nav.sms ?></a></li>
   <li><a href="/pms"<?cs if:Page.nav == "pms" ?> aria-current="page"<?cs /if ?>><?cs var:Lang.nav.pms ?></a></li>
  </ul>
 </nav>
</header>
<main id="main" class="container" tabindex="-1">
<?cs call:form_errors() ?><?cs call:content() ?>
</main>
<footer class="site-footer">
 <div class="container footer-grid">
  <div>
   <p class="footer-title"><?cs var:Lang.site.name ?></p>
   <p><?cs var:Lang.footer.about ?></p>
  </div>
  <div>
   <p class="footer-title"><?cs var:Lang.footer.services ?></p>
   <ul>
    <li><a href="/rms/lists"><?cs var:Lang.nav.rms ?></a></li>
    <li><a href="/oms/organisations"><?cs var:Lang.nav.oms ?></a></li>
    <li><a href="/sms"><?cs var:Lang.nav.sms ?></a></li>
    <li><a href="/pms"><?cs var:Lang.nav.pms ?></a></li>
    <li><a href="/downloads"<?cs if:Page.nav == "downloads" ?> aria-current="page"<?cs /if ?>><?cs var:Lang.nav.downloads ?></a></li>
    <li><a href="/api"><?cs var:Lang.api.title ?></a></li>
    <li><a href="/tools/check"><?cs var:Lang.check.link ?></a></li>
   </ul>
  </div>
  <div>
   <p class="footer-title"><?cs var:Lang.footer.account ?></p>
   <ul>
    <?cs if:User.name ?><li><a href="/account"><?cs var:Lang.nav.account ?></a></li><?cs else ?><li><a href="/login"><?cs var:Lang.nav.login ?></a></li>
    <li><a href="/register"><?cs var:Lang.nav.register ?></a></li><?cs /if ?>
   </ul>
  </div>
 </div>
 <div class="container footer-note"><p><?cs var:Lang.footer.note ?></p></div>
</footer>
</body>
</html>
