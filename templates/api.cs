<?cs # /api: the read API for people, with examples the tests run. ?><?cs
def:title() ?><?cs var:Lang.api.title ?><?cs /def ?><?cs
def:example(path, text) ?>
 <li><p><?cs var:text ?></p><pre><code class="example">curl -s '<?cs var:Page.site ?><?cs var:path ?>'</code></pre></li>
<?cs /def ?><?cs
def:content() ?>
<?cs call:breadcrumb(Lang.api.title) ?>
<h1><?cs var:Lang.api.title ?></h1>
<p class="lead"><?cs var:Lang.api.lead ?></p>
<p><a href="/api/v1/openapi.json"><?cs var:Lang.api.openapi ?></a></p>
<h2><?cs var:Lang.api.examples ?></h2>
<ul class="examples">
<?cs call:example("/api/v1/lists?size=5", Lang.api.ex.lists) ?>
<?cs call:example("/api/v1/lists/100000000002/terms?lang=fr&size=20", Lang.api.ex.terms) ?>
<?cs call:example("/api/v1/search/terms?q=france", Lang.api.ex.search) ?>
<?cs call:example("/api/v1/organisations?q=pharma&country=FR", Lang.api.ex.orgs) ?>
<?cs call:example("/api/v1/organisations/ORG-100000001", Lang.api.ex.org) ?>
<?cs call:example("/v1/lists/100000000002/term-summaries?lang=en&page=1&pagesize=20&parent=all&sortby=term-name", Lang.api.ex.v1) ?>
</ul>
<h2><?cs var:Lang.api.conventions ?></h2>
<ul class="checklist">
 <li><?cs var:Lang.api.paging ?></li>
 <li><?cs var:Lang.api.caching ?></li>
 <li><?cs var:Lang.api.errors ?></li>
 <li><?cs var:Lang.api.ema ?></li>
</ul>
<?cs /def ?>
