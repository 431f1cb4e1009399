<?cs # /rms/lists: every controlled term list. ?><?cs
def:title() ?><?cs var:Lang.rms.lists_title ?><?cs /def ?><?cs
def:content() ?>
<?cs call:breadcrumb(Lang.nav.rms) ?>
<h1><?cs var:Lang.rms.lists_title ?></h1>
<?cs if:May.propose == "1" ?><p><a class="button button-secondary" href="/rms/requests/new"><?cs var:Lang.rms.propose_list ?></a></p><?cs else ?><?cs call:may_not(May.propose, "") ?><?cs /if ?>
<p class="lead"><?cs var:Lang.rms.lists_lead ?></p>

<form class="filters" method="get" action="/rms/lists" role="search" aria-label="<?cs var:Lang.rms.filter_lists ?>">
 <?cs call:field_search(Lang.rms.list_q, Page.q) ?>
 <?cs call:field_status(Page.status) ?>
 <?cs call:field_domain(Page.domain) ?>
 <?cs call:field_size(Page.size) ?>
 <div class="field field-actions"><button type="submit"><?cs var:Lang.rms.filter ?></button> <a href="/rms/lists"><?cs var:Lang.rms.clear ?></a></div>
</form>

<?cs call:results_count(Lang.rms.lists_noun) ?>
<?cs if:subcount(Page.lists) > 0 ?>
<?cs call:listing_start(Lang.rms.lists_title, Lang.rms.lists_title) ?>
  <?cs call:sort_header("id", Lang.rms.id) ?>
  <?cs call:sort_header("name", Lang.rms.name) ?>
  <th scope="col"><?cs var:Lang.rms.owner ?></th>
  <th scope="col"><?cs var:Lang.rms.domain ?></th>
  <th scope="col"><?cs var:Lang.rms.status ?></th>
  <?cs call:sort_header("terms", Lang.rms.terms) ?>
  <?cs call:sort_header("modified", Lang.rms.modified) ?>
 </tr></thead>
 <tbody>
 <?cs each:l = Page.lists ?>
  <tr>
   <td><span class="id"><?cs var:l.id ?></span></td>
   <td><a href="/rms/lists/<?cs var:l.id ?>"><?cs var:l.name ?></a></td>
   <td><?cs var:l.owner ?></td>
   <td><?cs if:l.domain_name ?><?cs var:l.domain_name ?><?cs else ?><?cs var:l.domain ?><?cs /if ?></td>
   <td><?cs call:status(l.status) ?></td>
   <td class="num"><?cs var:l.terms ?></td>
   <td><?cs call:date(l.modified) ?></td>
  </tr>
 <?cs /each ?>
<?cs call:listing_end() ?>
<?cs else ?>
<?cs call:listing_empty(Page.q || Page.status || Page.domain, Lang.rms.no_lists_match, "/rms/lists", Lang.rms.no_lists) ?>
<?cs /if ?>
<?cs /def ?>