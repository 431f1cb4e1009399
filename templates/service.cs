<?cs # A service that is not activated yet: what it will hold. ?><?cs
def:title() ?><?cs var:Lang.service[Page.service].name ?><?cs /def ?><?cs
def:content() ?>
<?cs call:breadcrumb(Lang.service[Page.service].name) ?>
<h1><?cs var:Lang.service[Page.service].name ?></h1>
<p><?cs call:badge("inactive", Lang.home.state_inactive) ?></p>
<div class="notice notice-info" role="status">
 <p><?cs var:Lang.service.not_active ?></p>
</div>
<h2><?cs var:Lang.service.will_hold ?></h2>
<p><?cs var:Lang.service[Page.service].holds ?></p>
<ul class="checklist">
 <?cs each:item = Lang.service[Page.service].items ?><li><?cs var:item ?></li><?cs /each ?>
</ul>
<h2><?cs var:Lang.service.meanwhile ?></h2>
<p><?cs var:Lang.service.meanwhile_text ?></p>
<?cs call:browse_links() ?>
<?cs /def ?>