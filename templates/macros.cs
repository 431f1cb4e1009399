<?cs # Shared macros for page templates. ?>
<?cs def:breadcrumb(label) ?>
<nav class="breadcrumb" aria-label="<?cs var:Lang.nav.breadcrumb ?>">
 <ol>
  <li><a href="/"><?cs var:Lang.nav.home ?></a></li>
  <li aria-current="page"><?cs var:label ?></li>
 </ol>
</nav>
<?cs /def ?>
<?cs def:badge(kind, label) ?><span class="badge badge-<?cs var:kind ?>"><?cs var:label ?></span><?cs /def ?>
<?cs def:browse_links() ?>
<ul class="links">
 <li><a href="/rms/lists"><?cs var:Lang.home.link_lists ?></a></li>
 <li><a href="/oms/organisations"><?cs var:Lang.home.link_orgs ?></a></li>
</ul>
<?cs /def ?>
