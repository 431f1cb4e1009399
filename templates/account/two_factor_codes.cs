<?cs # The recovery codes, shown once: the answer to turning two-step sign-in on (Page.made "enabled") or to new codes ("renewed"). ?><?cs
def:title() ?><?cs var:Lang.twofactor.codes_title ?><?cs /def ?><?cs
def:content() ?>
<?cs call:breadcrumb2("/account/two-factor", Lang.twofactor.title, Lang.twofactor.codes_title) ?>
<div class="narrow">
<h1><?cs var:Lang.twofactor.codes_title ?></h1>
<div class="notice notice-success" role="status"><p><?cs var:Lang.twofactor.made[Page.made] ?></p></div>
<p class="lead"><?cs var:Lang.twofactor.codes_lead ?></p>
<ul class="recovery-codes"><?cs each:c = Page.codes ?>
 <li><code><?cs var:c.code ?></code></li><?cs /each ?>
</ul>
<div class="notice notice-warning"><p><?cs var:Lang.twofactor.codes_once ?></p></div>
<p class="actions"><a class="button" href="<?cs var:Page.continue ?>"><?cs var:Lang.twofactor.continue ?></a></p>
</div>
<?cs /def ?>
