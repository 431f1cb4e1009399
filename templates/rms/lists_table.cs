<?cs # The part of /rms/lists that is the same for every visitor: the filters,
# the table of the lists and the pager.  Rendered alone (cgi/core/fragment.h);
# rms/lists.cs puts it in the page. ?><form class="filters" method="get" action="/rms/lists" role="search" aria-label="<?cs var:Lang.rms.filter_lists ?>">
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
  <?cs if:Page.lists_shown.owner ?><th scope="col"><?cs var:Lang.rms.owner ?></th><?cs /if ?>
  <?cs if:Page.lists_shown.domain ?><th scope="col"><?cs var:Lang.rms.domain ?></th><?cs /if ?>
  <th scope="col"><?cs var:Lang.rms.status ?></th>
  <?cs call:sort_header("terms", Lang.rms.terms) ?>
  <?cs call:sort_header("modified", Lang.rms.modified) ?>
 </tr></thead>
 <tbody>
 <?cs each:l = Page.lists ?>
  <tr>
   <td data-label="<?cs var:Lang.rms.id ?>"><span class="id"><?cs var:l.id ?></span></td>
   <td data-label="<?cs var:Lang.rms.name ?>"><a href="/rms/lists/<?cs var:l.id ?>"><?cs var:l.name ?></a></td>
   <?cs if:Page.lists_shown.owner ?><td data-label="<?cs var:Lang.rms.owner ?>"><?cs var:l.owner ?></td><?cs /if ?>
   <?cs if:Page.lists_shown.domain ?><td data-label="<?cs var:Lang.rms.domain ?>"><?cs if:l.domain_name ?><?cs var:l.domain_name ?><?cs else ?><?cs var:l.domain ?><?cs /if ?></td><?cs /if ?>
   <td data-label="<?cs var:Lang.rms.status ?>"><?cs call:status(l.status) ?></td>
   <td data-label="<?cs var:Lang.rms.terms ?>" class="num"><?cs var:l.terms ?></td>
   <td data-label="<?cs var:Lang.rms.modified ?>"><?cs call:date(l.modified) ?></td>
  </tr>
 <?cs /each ?>
<?cs call:listing_end() ?>
<?cs else ?>
<?cs call:listing_empty(Page.q || Page.status || Page.domain, Lang.rms.no_lists_match, "/rms/lists", Lang.rms.no_lists) ?>
<?cs /if ?>
