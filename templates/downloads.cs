<?cs # /downloads: the bulk downloads, each archive with its date, size and SHA-256 (cgi/programs/downloads.c). ?><?cs
def:title() ?><?cs var:Lang.downloads.title ?><?cs /def ?><?cs
def:content() ?>
<?cs call:breadcrumb(Lang.downloads.title) ?>
<h1><?cs var:Lang.downloads.title ?></h1>
<p class="lead"><?cs var:Lang.downloads.lead ?></p>
<?cs if:subcount(Page.downloads) == 0 ?>
<div class="notice notice-info" role="status" id="downloads-empty">
 <p><?cs var:Lang.downloads.empty ?></p>
</div>
<?cs call:browse_links() ?>
<?cs else ?>
<?cs call:table_frame(Lang.downloads.caption) ?><table class="data-table stacked" id="downloads">
 <caption class="visually-hidden"><?cs var:Lang.downloads.caption ?></caption>
 <thead><tr><th scope="col"><?cs var:Lang.downloads.col_file ?></th><th scope="col"><?cs var:Lang.downloads.col_holds ?></th><th scope="col"><?cs var:Lang.downloads.col_made ?></th><th scope="col"><?cs var:Lang.downloads.col_size ?></th><th scope="col"><?cs var:Lang.downloads.col_sha256 ?></th></tr></thead>
 <tbody>
 <?cs each:d = Page.downloads ?>
 <tr>
  <td data-label="<?cs var:Lang.downloads.col_file ?>"><a href="/downloads/<?cs var:url_escape(d.name) ?>" download><code class="id"><?cs var:d.name ?></code></a></td>
  <td data-label="<?cs var:Lang.downloads.col_holds ?>"><?cs var:Lang.downloads.holds[d.kind] ?></td>
  <td data-label="<?cs var:Lang.downloads.col_made ?>"><time datetime="<?cs var:d.made ?>"><?cs var:d.made ?></time></td>
  <td data-label="<?cs var:Lang.downloads.col_size ?>"><data class="size" value="<?cs var:d.size ?>"><?cs var:d.size_whole ?><?cs var:Lang.downloads.decimal ?><?cs var:d.size_tenth ?> <?cs var:Lang.downloads.units[d.size_unit] ?></data></td>
  <td data-label="<?cs var:Lang.downloads.col_sha256 ?>"><code class="sha256"><?cs var:d.sha256 ?></code></td>
 </tr>
 <?cs /each ?>
 </tbody>
</table></div>
<h2><?cs var:Lang.downloads.check_heading ?></h2>
<p><?cs var:Lang.downloads.check_text ?></p>
<pre><code>sha256sum <?cs var:Page.downloads.0.name ?></code></pre>
<?cs /if ?>
<h2><?cs var:Lang.downloads.what_heading ?></h2>
<ul>
 <li><?cs var:Lang.downloads.what_lists ?></li>
 <li><?cs var:Lang.downloads.what_orgs ?></li>
</ul>
<p><?cs var:Lang.downloads.when ?></p>
<?cs /def ?>
