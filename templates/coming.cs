<?cs # A feature announced but not built yet. ?><?cs
def:title() ?><?cs var:Lang.coming[Page.feature].title ?><?cs /def ?><?cs
def:content() ?>
<?cs call:breadcrumb(Lang.coming[Page.feature].title) ?>
<h1><?cs var:Lang.coming[Page.feature].title ?></h1>
<div class="notice notice-info" role="status">
 <p><?cs var:Lang.coming.notice ?></p>
</div>
<p><?cs var:Lang.coming[Page.feature].text ?></p>
<p><a href="/"><?cs var:Lang.coming.back ?></a></p>
<?cs /def ?>