<?cs # /rms/terms/{termId}: one term, everything about it. ?><?cs
def:title() ?><?cs var:Page.term.name ?> (<?cs var:Page.term.id ?>)<?cs /def ?><?cs
def:term_link(id, name, status) ?><a href="/rms/terms/<?cs var:id ?>"><?cs if:name ?><?cs var:name ?><?cs else ?><?cs var:id ?><?cs /if ?></a> <span class="id"><?cs var:id ?></span><?cs if:status ?> <?cs call:status(status) ?><?cs /if ?><?cs /def ?><?cs
def:content() ?>
<nav class="breadcrumb" aria-label="<?cs var:Lang.nav.breadcrumb ?>">
 <ol>
  <li><a href="/"><?cs var:Lang.nav.home ?></a></li>
  <li><a href="/rms/lists"><?cs var:Lang.nav.rms ?></a></li>
  <li><a href="/rms/lists/<?cs var:Page.term.list ?>"><?cs var:Page.term.list_name ?></a></li>
  <li aria-current="page"><?cs var:Page.term.name ?></li>
 </ol>
</nav>
<h1<?cs if:Page.term.name_lang != Req.lang ?> lang="<?cs var:Page.term.name_lang ?>"<?cs /if ?>><?cs var:Page.term.name ?></h1>
<?cs if:May.translate == "1" ?><div class="propose">
 <?cs if:May.propose == "1" ?><a class="button button-secondary" href="/rms/terms/<?cs var:Page.term.id ?>/requests/new"><?cs var:Lang.rms.propose_change ?></a><?cs /if ?>
 <form class="inline-form" method="get" action="/rms/terms/<?cs var:Page.term.id ?>/requests/new">
  <label for="text_lang"><?cs var:Lang.rms.propose_translation ?></label>
  <select id="text_lang" name="text_lang"><?cs each:l = Lang.languages ?><?cs if:name(l) != "en" ?><option value="<?cs name:l ?>"><?cs var:l ?></option><?cs /if ?><?cs /each ?></select>
  <button type="submit" class="button-secondary"><?cs var:Lang.rms.propose_go ?></button>
 </form>
</div><?cs else ?><?cs call:may_not("propose", "") ?><?cs /if ?>
<p class="record-id"><?cs var:Lang.rms.term_id ?> <span class="id"><?cs var:Page.term.id ?></span> <?cs call:status(Page.term.status) ?></p>

<?cs if:Page.term.replaced_by ?>
<div class="notice notice-warning" role="note">
 <p><?cs var:Lang.rms.replaced_notice ?> <?cs call:term_link(Page.term.replaced_by, Page.term.replaced_by_name, Page.term.replaced_by_status) ?></p>
</div>
<?cs /if ?>

<nav class="page-toc" aria-label="<?cs var:Lang.rms.on_this_page ?>">
 <ul>
  <li><a href="#details"><?cs var:Lang.rms.details ?></a></li>
  <li><a href="#translations"><?cs var:Lang.rms.translations ?> (<?cs var:Page.translation_count ?>)</a></li>
  <?cs if:Page.term.parent || subcount(Page.children) > 0 ?><li><a href="#hierarchy"><?cs var:Lang.rms.hierarchy ?></a></li><?cs /if ?>
  <?cs if:subcount(Page.mappings) > 0 ?><li><a href="#mappings"><?cs var:Lang.rms.mappings ?></a></li><?cs /if ?>
  <li><a href="#history"><?cs var:Lang.rms.history ?></a></li>
 </ul>
</nav>

<section aria-labelledby="details">
<h2 id="details"><?cs var:Lang.rms.details ?></h2>
<dl class="facts">
 <div><dt><?cs var:Lang.rms.list ?></dt><dd><a href="/rms/lists/<?cs var:Page.term.list ?>"><?cs var:Page.term.list_name ?></a> <span class="id"><?cs var:Page.term.list ?></span></dd></div>
 <div><dt><?cs var:Lang.rms.status ?></dt><dd><?cs call:status(Page.term.status) ?><?cs if:Page.term.status_changed ?> <?cs var:Lang.rms.since ?> <?cs call:date(Page.term.status_changed) ?><?cs /if ?></dd></div>
 <?cs if:Page.term.domain ?><div><dt><?cs var:Lang.rms.domain ?></dt><dd><?cs if:Page.term.domain_name ?><?cs var:Page.term.domain_name ?><?cs else ?><?cs var:Page.term.domain ?><?cs /if ?></dd></div><?cs /if ?>
 <?cs if:Page.term.level_name || Page.term.level_short ?><div><dt><?cs var:Lang.rms.level ?></dt><dd><?cs var:Page.term.level_name ?> <?cs if:Page.term.level_short ?>(<?cs var:Page.term.level_short ?>)<?cs /if ?></dd></div><?cs /if ?>
 <?cs if:Page.term.version ?><div><dt><?cs var:Lang.rms.version ?></dt><dd><?cs var:Page.term.version ?><?cs if:Page.term.major == "1" ?> (<?cs var:Lang.rms.major ?>)<?cs /if ?><?cs if:Page.term.version_date ?>, <?cs call:date(Page.term.version_date) ?><?cs /if ?></dd></div><?cs /if ?>
 <?cs if:Page.term.visibility ?><div><dt><?cs var:Lang.rms.visibility ?></dt><dd><?cs var:Page.term.visibility ?></dd></div><?cs /if ?>
 <?cs if:Page.term.created ?><div><dt><?cs var:Lang.rms.created ?></dt><dd><?cs call:date(Page.term.created) ?><?cs if:Page.term.created_by ?>, <?cs var:Page.term.created_by ?><?cs /if ?></dd></div><?cs /if ?>
 <?cs if:Page.term.modified ?><div><dt><?cs var:Lang.rms.modified ?></dt><dd><?cs call:date(Page.term.modified) ?><?cs if:Page.term.modified_by ?>, <?cs var:Page.term.modified_by ?><?cs /if ?></dd></div><?cs /if ?>
 <?cs if:Page.term.tags ?><div><dt><?cs var:Lang.rms.tags ?></dt><dd><?cs var:Page.term.tags ?></dd></div><?cs /if ?>
 <?cs if:Page.term.comments ?><div><dt><?cs var:Lang.rms.comments ?></dt><dd><?cs var:Page.term.comments ?></dd></div><?cs /if ?>
 <?cs if:subcount(Page.countries) > 0 ?><div><dt><?cs var:Lang.rms.countries ?></dt><dd><ul class="inline-list"><?cs each:c = Page.countries ?><li><?cs call:term_link(c.id, c.name, "") ?></li><?cs /each ?></ul></dd></div><?cs /if ?>
 <?cs each:a = Page.attributes ?><div><dt><?cs var:a.name ?></dt><dd><?cs if:a.value_name ?><?cs call:term_link(a.value, a.value_name, "") ?><?cs else ?><?cs var:a.value ?><?cs /if ?></dd></div><?cs /each ?>
</dl>
<?cs if:subcount(Page.replaces) > 0 ?>
<h3><?cs var:Lang.rms.replaces ?></h3>
<ul><?cs each:t = Page.replaces ?><li><?cs call:term_link(t.id, t.name, t.status) ?></li><?cs /each ?></ul>
<?cs /if ?>
</section>

<section aria-labelledby="translations">
<h2 id="translations"><?cs var:Lang.rms.translations ?></h2>
<?cs call:table_frame(Lang.rms.translations) ?>
<table class="data-table">
 <caption class="visually-hidden"><?cs var:Lang.rms.translations ?></caption>
 <thead><tr><th scope="col"><?cs var:Lang.rms.language ?></th><th scope="col"><?cs var:Lang.rms.name ?></th><?cs if:Page.translations_shown.short ?><th scope="col"><?cs var:Lang.rms.short_name ?></th><?cs /if ?><?cs if:Page.translations_shown.description ?><th scope="col"><?cs var:Lang.rms.description ?></th><?cs /if ?><?cs if:Page.translations_shown.status ?><th scope="col"><?cs var:Lang.rms.translation_status ?></th><?cs /if ?></tr></thead>
 <tbody>
 <?cs each:t = Page.translations ?>
  <tr lang="<?cs var:t.lang ?>">
   <th scope="row"><?cs call:language(t.lang) ?></th>
   <td><?cs var:t.name ?><?cs if:t.other ?><br><span class="secondary"><?cs var:Lang.rms.other_name ?>: <?cs var:t.other ?></span><?cs /if ?><?cs if:t.symbol ?><br><span class="secondary"><?cs var:Lang.rms.symbol ?>: <?cs var:t.symbol ?></span><?cs /if ?></td>
   <?cs if:Page.translations_shown.short ?><td><?cs var:t.short ?></td><?cs /if ?>
   <?cs if:Page.translations_shown.description ?><td class="description"><?cs var:t.description ?></td><?cs /if ?>
   <?cs if:Page.translations_shown.status ?><td><?cs if:t.status ?><?cs call:status(t.status) ?><?cs /if ?></td><?cs /if ?>
  </tr>
 <?cs /each ?>
 </tbody>
</table>
</div>
</section>

<?cs if:Page.term.parent || subcount(Page.children) > 0 ?>
<section aria-labelledby="hierarchy">
<h2 id="hierarchy"><?cs var:Lang.rms.hierarchy ?></h2>
<?cs if:Page.term.parent ?><p><?cs var:Lang.rms.parent ?>: <?cs call:term_link(Page.term.parent, Page.term.parent_name, "") ?></p><?cs /if ?>
<?cs if:subcount(Page.children) > 0 ?>
<h3><?cs var:Lang.rms.children ?> (<?cs var:subcount(Page.children) ?>)</h3>
<ul><?cs each:t = Page.children ?><li><?cs call:term_link(t.id, t.name, t.status) ?></li><?cs /each ?></ul>
<?cs /if ?>
</section>
<?cs /if ?>

<?cs if:subcount(Page.mappings) > 0 ?>
<section aria-labelledby="mappings">
<h2 id="mappings"><?cs var:Lang.rms.mappings ?></h2>
<?cs call:table_frame(Lang.rms.mappings) ?>
<table class="data-table">
 <caption class="visually-hidden"><?cs var:Lang.rms.mappings ?></caption>
 <thead><tr><?cs if:Page.mappings_shown.source ?><th scope="col"><?cs var:Lang.rms.source ?></th><?cs /if ?><th scope="col"><?cs var:Lang.rms.source_code ?></th><?cs if:Page.mappings_shown.name ?><th scope="col"><?cs var:Lang.rms.source_name ?></th><?cs /if ?><?cs if:Page.mappings_shown.main ?><th scope="col"><?cs var:Lang.rms.main_source ?></th><?cs /if ?><?cs if:Page.mappings_shown.version ?><th scope="col"><?cs var:Lang.rms.version ?></th><?cs /if ?></tr></thead>
 <tbody>
 <?cs each:m = Page.mappings ?>
  <tr>
   <?cs if:Page.mappings_shown.source ?><td><?cs if:m.source ?><?cs call:term_link(m.source, m.source_name, "") ?><?cs /if ?></td><?cs /if ?>
   <td><span class="id"><?cs var:m.code ?></span></td>
   <?cs if:Page.mappings_shown.name ?><td><?cs var:m.name ?></td><?cs /if ?>
   <?cs if:Page.mappings_shown.main ?><td><?cs if:m.main == "1" ?><?cs var:Lang.rms.yes ?><?cs elif:m.main == "0" ?><?cs var:Lang.rms.no ?><?cs /if ?></td><?cs /if ?>
   <?cs if:Page.mappings_shown.version ?><td><?cs var:m.version ?></td><?cs /if ?>
  </tr>
 <?cs /each ?>
 </tbody>
</table>
</div>
</section>
<?cs /if ?>

<section aria-labelledby="history">
<h2 id="history"><?cs var:Lang.rms.history ?></h2>
<?cs if:subcount(Page.versions) > 0 ?>
<?cs call:table_frame(Lang.rms.history) ?>
<table class="data-table">
 <caption class="visually-hidden"><?cs var:Lang.rms.history ?></caption>
 <thead><tr><th scope="col"><?cs var:Lang.rms.recorded ?></th><?cs if:Page.versions_shown.version || Page.versions_shown.date ?><th scope="col"><?cs var:Lang.rms.version ?></th><?cs /if ?><th scope="col"><?cs var:Lang.rms.source_of_change ?></th><th scope="col"><?cs var:Lang.rms.what_changed ?></th></tr></thead>
 <tbody>
 <?cs each:v = Page.versions ?>
  <tr>
   <td><?cs call:date(v.recorded) ?></td>
   <?cs if:Page.versions_shown.version || Page.versions_shown.date ?><td><?cs var:v.version ?><?cs if:v.date ?> (<?cs call:date(v.date) ?>)<?cs /if ?></td><?cs /if ?>
   <td><?cs if:Lang.rms.sources[v.source] ?><?cs var:Lang.rms.sources[v.source] ?><?cs else ?><?cs var:v.source ?><?cs /if ?><?cs if:v.request ?> <span class="id">RRQ-<?cs var:v.request ?></span><?cs /if ?></td>
   <td><?cs if:v.changes == "created" ?><?cs var:Lang.rms.created_here ?><?cs else ?><?cs var:v.changes ?><?cs /if ?><?cs call:request_sides(v) ?></td>
  </tr>
 <?cs /each ?>
 </tbody>
</table>
</div>
<?cs else ?><p><?cs var:Lang.rms.no_history ?></p><?cs /if ?>
</section>
<?cs /def ?>