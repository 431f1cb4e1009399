<?cs # /oms/organisations: search organisations. ?><?cs
def:title() ?><?cs var:Lang.oms.orgs_title ?><?cs /def ?><?cs
def:content() ?>
<?cs call:breadcrumb(Lang.nav.oms) ?>
<h1><?cs var:Lang.oms.orgs_title ?></h1>
<?cs if:User.id ?><p><a class="button button-secondary" href="/oms/requests/new"><?cs var:Lang.oms.propose_org ?></a></p><?cs /if ?>
<p class="lead"><?cs var:Lang.oms.orgs_lead ?></p>

<form class="filters" method="get" action="/oms/organisations" role="search" aria-label="<?cs var:Lang.oms.search_orgs ?>">
 <?cs call:field_search(Lang.oms.q, Page.q) ?>
<?cs var:Page.country_field ?> <div class="field">
  <label for="city"><?cs var:Lang.oms.city ?></label>
  <input id="city" name="city" type="text" value="<?cs var:Page.city ?>" maxlength="200">
 </div>
 <div class="field">
  <label for="postal_code"><?cs var:Lang.oms.postal_code ?></label>
  <input id="postal_code" name="postal_code" type="text" value="<?cs var:Page.postal_code ?>" maxlength="40" size="10">
 </div>
 <div class="field">
  <label for="status"><?cs var:Lang.oms.status ?></label>
  <select id="status" name="status"><option value=""><?cs var:Lang.rms.any_status ?></option><?cs each:s = Lang.oms.statuses ?><option value="<?cs name:s ?>"<?cs if:Page.status == name(s) ?> selected<?cs /if ?>><?cs var:s ?></option><?cs /each ?></select>
 </div>
 <div class="field">
  <label for="type"><?cs var:Lang.oms.type ?></label>
  <select id="type" name="type"><option value=""><?cs var:Lang.oms.any_type ?></option><?cs each:t = Page.types ?><option value="<?cs var:t.name ?>"<?cs if:Page.type == t.name ?> selected<?cs /if ?>><?cs var:t.label ?></option><?cs /each ?></select>
 </div>
 <?cs call:field_size(Page.size) ?>
 <div class="field field-actions"><button type="submit"><?cs var:Lang.search.submit ?></button> <a href="/oms/organisations"><?cs var:Lang.rms.clear ?></a></div>
</form>

<?cs if:Page.unknown_id ?>
<div class="notice notice-warning" role="status"><p><?cs var:Lang.oms.unknown_id ?> <span class="id"><?cs var:Page.unknown_id ?></span></p></div>
<?cs else ?>
<?cs call:exports(Lang.oms.export_intro) ?>
<?cs call:results_count(Lang.oms.orgs_noun) ?>
<?cs call:suggestion() ?>
<?cs call:word_notices(Lang.oms.broad_words) ?>
<?cs if:subcount(Page.orgs) > 0 ?>
<?cs call:listing_start(Lang.oms.orgs_title, Lang.oms.orgs_title) ?>
  <?cs call:sort_header("name", Lang.oms.name) ?>
  <?cs call:sort_header("id", Lang.oms.org_id) ?>
  <?cs if:Page.orgs_shown.country ?><th scope="col"><?cs var:Lang.oms.country ?></th><?cs /if ?>
  <?cs if:Page.orgs_shown.city ?><th scope="col"><?cs var:Lang.oms.city ?></th><?cs /if ?>
  <?cs if:Page.orgs_shown.type ?><th scope="col"><?cs var:Lang.oms.type ?></th><?cs /if ?>
  <th scope="col"><?cs var:Lang.oms.status ?></th>
  <th scope="col"><?cs var:Lang.oms.locations ?></th>
 </tr></thead>
 <tbody>
 <?cs each:o = Page.orgs ?>
  <tr>
   <td data-label="<?cs var:Lang.oms.name ?>"><a href="/oms/organisations/<?cs var:o.id ?>"><?cs var:o.name ?></a><?cs if:o.acronym ?> <span class="secondary">(<?cs var:o.acronym ?>)</span><?cs /if ?></td>
   <td data-label="<?cs var:Lang.oms.org_id ?>"><span class="id"><?cs var:o.id ?></span></td>
   <?cs if:Page.orgs_shown.country ?><td data-label="<?cs var:Lang.oms.country ?>"><?cs var:o.country_name ?></td><?cs /if ?>
   <?cs if:Page.orgs_shown.city ?><td data-label="<?cs var:Lang.oms.city ?>"><?cs var:o.city ?></td><?cs /if ?>
   <?cs if:Page.orgs_shown.type ?><td data-label="<?cs var:Lang.oms.type ?>"><?cs var:o.type_label ?></td><?cs /if ?>
   <td data-label="<?cs var:Lang.oms.status ?>"><?cs call:org_status(o.status) ?></td>
   <td data-label="<?cs var:Lang.oms.locations ?>" class="num"><?cs var:o.locations ?></td>
  </tr>
 <?cs /each ?>
<?cs call:listing_end() ?>
<?cs else ?>
<?cs call:listing_empty(Page.q || Page.country || Page.city || Page.postal_code || Page.status || Page.type,
  Lang.oms.no_match, "/oms/organisations", Lang.oms.none) ?>
<?cs /if ?>
<?cs /if ?>
<?cs /def ?>
