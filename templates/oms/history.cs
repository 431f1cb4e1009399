<?cs # The history of an organisation or a location (cgi/oms/oms_history.c):
# each version from every source, what it changed (field names translated,
# and on the organisation's page what changed in each location; an
# approved request's records side by side), a page at a time. ?><?cs
def:oms_changes(c) ?><?cs if:c.changes == "created" ?><?cs var:Lang.rms.created_here ?><?cs
 elif:c.changes == "removed" ?><?cs var:Lang.oms.history.removed ?><?cs
 elif:c.changes == "" ?><?cs var:Lang.oms.history.as_it_was ?><?cs
 else ?><?cs each:f = c.fields ?><?cs if:!first(f) ?>, <?cs /if ?><?cs if:Lang.oms.history.fields[f.name] ?><?cs var:Lang.oms.history.fields[f.name] ?><?cs else ?><?cs var:f.name ?><?cs /if ?><?cs /each ?><?cs /if ?><?cs /def ?><?cs
def:oms_history(empty) ?>
<section aria-labelledby="history">
<h2 id="history"><?cs var:Lang.rms.history ?></h2>
<?cs if:subcount(Page.versions) > 0 ?>
<?cs if:Page.pager.pages > 1 ?><?cs call:results_count(Lang.oms.history.versions_noun) ?><?cs /if ?>
<?cs call:listing_start(Lang.rms.history, Lang.rms.history) ?><th scope="col"><?cs var:Lang.rms.recorded ?></th><th scope="col"><?cs var:Lang.rms.version ?></th><th scope="col"><?cs var:Lang.rms.source_of_change ?></th><th scope="col"><?cs var:Lang.rms.what_changed ?></th></tr></thead>
 <tbody>
 <?cs each:v = Page.versions ?>
  <tr>
   <td data-label="<?cs var:Lang.rms.recorded ?>"><?cs call:date(v.recorded) ?></td>
   <td data-label="<?cs var:Lang.rms.version ?>"><?cs var:v.version ?></td>
   <td data-label="<?cs var:Lang.rms.source_of_change ?>"><?cs if:v.source == "import" && v.file ?><?cs var:Lang.oms.history.import_file ?> <span class="id"><?cs var:v.file ?></span><?cs
    elif:Lang.oms.history.sources[v.source] ?><?cs var:Lang.oms.history.sources[v.source] ?><?cs
    else ?><?cs var:v.source ?><?cs /if ?><?cs if:v.request ?> <span class="id">RRQ-<?cs var:v.request ?></span><?cs /if ?></td>
   <td data-label="<?cs var:Lang.rms.what_changed ?>"><?cs call:oms_changes(v) ?><?cs if:subcount(v.locations) > 0 ?>
    <ul class="history-locations"><?cs each:l = v.locations ?><li><a href="/oms/locations/<?cs var:l.id ?>"><span class="id"><?cs var:l.id ?></span></a>: <?cs call:oms_changes(l) ?></li><?cs /each ?></ul><?cs /if ?><?cs call:request_sides(v) ?></td>
  </tr>
 <?cs /each ?>
<?cs call:listing_end() ?>
<?cs else ?><p><?cs var:empty ?></p><?cs /if ?>
</section>
<?cs /def ?>
