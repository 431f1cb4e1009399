<?cs # /oms/organisations/{orgId}: one organisation and its locations. ?><?cs include:"oms/history.cs" ?><?cs
def:title() ?><?cs var:Page.org.name ?> (<?cs var:Page.org.id ?>)<?cs /def ?><?cs
def:content() ?>
<nav class="breadcrumb" aria-label="<?cs var:Lang.nav.breadcrumb ?>">
 <ol>
  <li><a href="/"><?cs var:Lang.nav.home ?></a></li>
  <li><a href="/oms/organisations"><?cs var:Lang.nav.oms ?></a></li>
  <li aria-current="page"><?cs var:Page.org.name ?></li>
 </ol>
</nav>
<h1><?cs var:Page.org.name ?></h1>
<?cs call:favourite_star() ?>
<?cs if:May.change_org == "1" ?><p class="actions"><a class="button button-secondary" href="/account/roles?org=<?cs var:Page.org.id ?>#new"><?cs var:Lang.oms.request_role ?></a> <a class="button button-secondary" href="/oms/organisations/<?cs var:Page.org.id ?>/requests/new"><?cs var:Lang.oms.propose_change ?></a> <a class="button button-secondary" href="/oms/organisations/<?cs var:Page.org.id ?>/requests/new?location=new"><?cs var:Lang.oms.propose_location ?></a></p><?cs else ?><?cs call:may_not("change_org", "") ?><?cs /if ?>
<p class="record-id"><?cs var:Lang.oms.org_id ?> <span class="id"><?cs var:Page.org.id ?></span> <?cs call:org_status(Page.org.status) ?></p>

<section aria-labelledby="details">
<h2 id="details"><?cs var:Lang.rms.details ?></h2>
<dl class="facts">
 <?cs if:Page.org.acronym ?><div><dt><?cs var:Lang.oms.acronym ?></dt><dd><?cs var:Page.org.acronym ?></dd></div><?cs /if ?>
 <?cs if:Page.org.type ?><div><dt><?cs var:Lang.oms.type ?></dt><dd><?cs var:Page.org.type_label ?></dd></div><?cs /if ?>
 <?cs if:Page.org.size ?><div><dt><?cs var:Lang.oms.size ?></dt><dd><?cs var:Page.org.size_label ?></dd></div><?cs /if ?>
 <div><dt><?cs var:Lang.oms.status ?></dt><dd><?cs call:org_status(Page.org.status) ?></dd></div>
 <?cs if:Page.org.version ?><div><dt><?cs var:Lang.oms.version ?></dt><dd><?cs call:date(Page.org.version) ?></dd></div><?cs /if ?>
 <?cs if:subcount(Page.names) > 0 ?><div><dt><?cs var:Lang.oms.alternative_names ?></dt><dd><ul class="inline-list"><?cs each:n = Page.names ?><li<?cs if:n.lang ?> lang="<?cs var:n.lang ?>"<?cs /if ?>><?cs var:n.name ?><?cs if:n.lang ?> <span class="secondary">(<?cs call:language(n.lang) ?>)</span><?cs /if ?></li><?cs /each ?></ul></dd></div><?cs /if ?>
 <?cs if:subcount(Page.merged) > 0 ?><div><dt><?cs var:Lang.oms.merged_ids ?></dt><dd><ul class="inline-list"><?cs each:m = Page.merged ?><li><span class="id"><?cs var:m.id ?></span></li><?cs /each ?></ul></dd></div><?cs /if ?>
</dl>
</section>

<?cs if:subcount(Page.identifiers) > 0 ?>
<section aria-labelledby="identifiers">
<h2 id="identifiers"><?cs var:Lang.oms.identifiers ?></h2>
<?cs call:table_frame(Lang.oms.identifiers) ?>
<table class="data-table">
 <caption class="visually-hidden"><?cs var:Lang.oms.identifiers ?></caption>
 <thead><tr><th scope="col"><?cs var:Lang.oms.code_system ?></th><th scope="col"><?cs var:Lang.oms.code ?></th><?cs if:Page.identifiers_shown.valid_from ?><th scope="col"><?cs var:Lang.oms.valid_from ?></th><?cs /if ?><?cs if:Page.identifiers_shown.valid_to ?><th scope="col"><?cs var:Lang.oms.valid_to ?></th><?cs /if ?></tr></thead>
 <tbody>
 <?cs each:i = Page.identifiers ?><tr><td><?cs var:i.system ?></td><td><span class="id"><?cs var:i.code ?></span></td><?cs if:Page.identifiers_shown.valid_from ?><td><?cs call:date(i.valid_from) ?></td><?cs /if ?><?cs if:Page.identifiers_shown.valid_to ?><td><?cs call:date(i.valid_to) ?></td><?cs /if ?></tr><?cs /each ?>
 </tbody>
</table>
</div>
</section>
<?cs /if ?>

<section aria-labelledby="locations">
<h2 id="locations"><?cs var:Lang.oms.locations ?> (<?cs var:subcount(Page.locations) ?>)</h2>
<?cs if:subcount(Page.locations) > 0 ?>
<?cs call:table_frame(Lang.oms.locations) ?>
<table class="data-table stacked">
 <caption class="visually-hidden"><?cs var:Lang.oms.locations ?></caption>
 <thead><tr><th scope="col"><?cs var:Lang.oms.loc_id ?></th><th scope="col"><?cs var:Lang.oms.address ?></th><th scope="col"><?cs var:Lang.oms.postal_code ?></th><th scope="col"><?cs var:Lang.oms.city ?></th><th scope="col"><?cs var:Lang.oms.country ?></th><th scope="col"><?cs var:Lang.oms.status ?></th></tr></thead>
 <tbody>
 <?cs each:l = Page.locations ?>
  <tr>
   <td data-label="<?cs var:Lang.oms.loc_id ?>"><a href="/oms/locations/<?cs var:l.id ?>"><span class="id"><?cs var:l.id ?></span></a></td>
   <td data-label="<?cs var:Lang.oms.address ?>"><?cs var:l.line1 ?></td>
   <td data-label="<?cs var:Lang.oms.postal_code ?>"><?cs var:l.postal_code ?></td>
   <td data-label="<?cs var:Lang.oms.city ?>"><?cs var:l.city ?></td>
   <td data-label="<?cs var:Lang.oms.country ?>"><?cs if:l.country_term ?><a href="/rms/terms/<?cs var:l.country_term ?>"><?cs var:l.country_name ?></a><?cs else ?><?cs var:l.country_name ?><?cs /if ?> <span class="secondary">(<?cs var:l.country_code ?>)</span></td>
   <td data-label="<?cs var:Lang.oms.status ?>"><?cs call:org_status(l.status) ?></td>
  </tr>
 <?cs /each ?>
 </tbody>
</table>
</div>
<?cs else ?>
<div class="notice"><p><?cs var:Lang.oms.no_locations ?></p></div>
<?cs /if ?>
</section>
<?cs call:oms_history(Lang.oms.no_history) ?>
<?cs /def ?>
