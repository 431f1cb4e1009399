<?cs # The part of /rms/lists/{listId} that is the same for every visitor: the
# list's facts, the filters, the table of its terms with the pager, and its
# history.  Rendered alone (cgi/core/fragment.h); rms/list.cs puts it in the
# page. ?><p class="record-id"><?cs var:Lang.rms.list_id ?> <span class="id"><?cs var:Page.list.id ?></span> <?cs call:status(Page.list.status) ?></p>
<?cs if:Page.list.description ?><p><?cs var:Page.list.description ?></p><?cs /if ?>
<dl class="facts">
 <?cs if:Page.list.short_name ?><div><dt><?cs var:Lang.rms.short_name ?></dt><dd><?cs var:Page.list.short_name ?></dd></div><?cs /if ?>
 <?cs if:Page.list.owner ?><div><dt><?cs var:Lang.rms.owner ?></dt><dd><?cs var:Page.list.owner ?></dd></div><?cs /if ?>
 <?cs if:Page.list.domain ?><div><dt><?cs var:Lang.rms.domain ?></dt><dd><?cs if:Page.list.domain_name ?><?cs var:Page.list.domain_name ?><?cs else ?><?cs var:Page.list.domain ?><?cs /if ?></dd></div><?cs /if ?>
 <div><dt><?cs var:Lang.rms.terms ?></dt><dd><?cs var:Page.list.terms ?></dd></div>
 <div><dt><?cs var:Lang.rms.languages ?></dt><dd><?cs var:Page.lang_count ?></dd></div>
 <div><dt><?cs var:Lang.rms.version ?></dt><dd><?cs var:Page.list.version ?></dd></div>
 <?cs if:Page.list.modified ?><div><dt><?cs var:Lang.rms.modified ?></dt><dd><?cs call:date(Page.list.modified) ?></dd></div><?cs /if ?>
</dl>

<form class="filters" method="get" action="<?cs var:Page.path ?>" role="search" aria-label="<?cs var:Lang.rms.search_list ?>">
 <?cs call:field_search(Lang.rms.search_list, Page.q) ?>
 <?cs call:field_status(Page.status) ?>
 <?cs call:field_domain(Page.domain) ?>
 <div class="field">
  <label for="data_lang"><?cs var:Lang.rms.data_language ?></label>
  <select id="data_lang" name="data_lang">
   <?cs each:l = Page.langs ?><option value="<?cs var:l.code ?>"<?cs if:l.current ?> selected<?cs /if ?>><?cs call:language(l.code) ?></option><?cs /each ?>
  </select>
 </div>
 <?cs call:field_size(Page.size) ?>
 <div class="field field-actions"><button type="submit"><?cs var:Lang.rms.filter ?></button> <a href="<?cs var:Page.path ?>"><?cs var:Lang.rms.clear ?></a></div>
</form>

<?cs call:exports(Lang.rms.export_intro) ?>

<?cs call:results_count(Lang.rms.terms_noun) ?>
<?cs call:word_notices(Lang.rms.broad_words) ?>
<?cs if:subcount(Page.terms) > 0 ?>
<?cs call:listing_start(Page.list.name, Lang.rms.terms_of + " " + Page.list.name) ?>
  <?cs call:sort_header("id", Lang.rms.id) ?>
  <?cs call:sort_header("name", Lang.rms.name) ?>
  <?cs if:Page.terms_shown.short ?><th scope="col"><?cs var:Lang.rms.short_name ?></th><?cs /if ?>
  <?cs call:sort_header("status", Lang.rms.status) ?>
  <?cs if:Page.terms_shown.domain ?><th scope="col"><?cs var:Lang.rms.domain ?></th><?cs /if ?>
  <?cs if:Page.list.hierarchical == "1" && Page.terms_shown.parent ?><th scope="col"><?cs var:Lang.rms.parent ?></th><?cs /if ?>
 </tr></thead>
 <tbody>
 <?cs each:t = Page.terms ?>
  <tr>
   <td data-label="<?cs var:Lang.rms.id ?>"><span class="id"><?cs var:t.id ?></span></td>
   <td data-label="<?cs var:Lang.rms.name ?>"><a href="/rms/terms/<?cs var:t.id ?>"><?cs var:t.name ?></a><?cs if:t.fallback == "1" ?> <span class="fallback"><span aria-hidden="true">EN</span><span class="visually-hidden"><?cs var:Lang.rms.fallback ?></span></span><?cs /if ?></td>
   <?cs if:Page.terms_shown.short ?><td data-label="<?cs var:Lang.rms.short_name ?>"><?cs var:t.short ?></td><?cs /if ?>
   <td data-label="<?cs var:Lang.rms.status ?>"><?cs call:status(t.status) ?></td>
   <?cs if:Page.terms_shown.domain ?><td data-label="<?cs var:Lang.rms.domain ?>"><?cs if:t.domain_name ?><?cs var:t.domain_name ?><?cs else ?><?cs var:t.domain ?><?cs /if ?></td><?cs /if ?>
   <?cs if:Page.list.hierarchical == "1" && Page.terms_shown.parent ?><td data-label="<?cs var:Lang.rms.parent ?>"><?cs if:t.parent ?><a href="/rms/terms/<?cs var:t.parent ?>"><?cs if:t.parent_name ?><?cs var:t.parent_name ?><?cs else ?><?cs var:t.parent ?><?cs /if ?></a><?cs /if ?></td><?cs /if ?>
  </tr>
 <?cs /each ?>
<?cs call:listing_end() ?>
<?cs elif:!Page.short_words ?>
<?cs call:listing_empty(Page.q || Page.status || Page.domain, Lang.rms.no_terms_match, "", Lang.rms.no_terms) ?>
<?cs /if ?>
<?cs call:history("list-history", Lang.rms.list_history, Page.list_versions, Lang.rms.no_list_history) ?>
