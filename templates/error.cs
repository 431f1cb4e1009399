<?cs # Error pages: 4xx and 5xx, in the portal's layout. ?><?cs
def:title() ?><?cs var:Lang.error[Error.code].title ?><?cs /def ?><?cs
def:reason() ?><?cs if:Lang.error.reason[Error.reason] ?><?cs var:Lang.error.reason[Error.reason] ?><?cs else ?><?cs var:Lang.error.reason.format ?><?cs /if ?><?cs /def ?><?cs
def:content() ?>
<div class="error-page">
 <p class="error-code"><?cs var:Lang.error.code_label ?> <?cs var:Error.code ?></p>
 <h1><?cs var:Lang.error[Error.code].title ?></h1>
 <p><?cs var:Lang.error[Error.code].text ?></p>
 <?cs if:Error.param ?>
 <div class="notice notice-error" role="alert">
  <p><?cs var:Lang.error.param_intro ?> <code><?cs var:Error.param ?></code>: <?cs call:reason() ?></p>
 </div>
 <?cs elif:Error.reason ?>
 <div class="notice notice-error" role="alert"><p><?cs call:reason() ?></p></div>
 <?cs /if ?>
 <p class="actions"><a class="button" href="/"><?cs var:Lang.error.home ?></a></p>
</div>
<?cs /def ?>