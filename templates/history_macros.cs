<?cs # Macros of histories and change requests (versions, a request's records
# side by side); a template calls them without including this file (see
# macros.cs). ?><?cs
def:cr_type(t) ?><?cs if:t == "ADD-TERM" ?><?cs var:Lang.cr.types.ADD_TERM ?><?cs elif:t == "UPD-TERM" ?><?cs var:Lang.cr.types.UPD_TERM ?><?cs elif:t == "ADD-LIST" ?><?cs var:Lang.cr.types.ADD_LIST ?><?cs elif:t == "UPD-LIST" ?><?cs var:Lang.cr.types.UPD_LIST ?><?cs elif:t == "ADD-ORG" ?><?cs var:Lang.cr.types.ADD_ORG ?><?cs elif:t == "UPD-ORG" ?><?cs var:Lang.cr.types.UPD_ORG ?><?cs elif:t == "ADD-LOC" ?><?cs var:Lang.cr.types.ADD_LOC ?><?cs elif:t == "UPD-LOC" ?><?cs var:Lang.cr.types.UPD_LOC ?><?cs else ?><?cs var:Lang.cr.types.TRANSLATION ?><?cs /if ?><?cs /def ?><?cs
# The versions of a record (list, organisation, location): when, which
# version, where the change came from (with the request that made it), what. ?><?cs
# A change request's records side by side (cgi/core/sides.h): node.sides,
# one row per field, before, when decided (node.moved; node.live: now,
# the request being undecided), proposed and approved (node.approved);
# node.draft when "before" is the record now (a preview, a draft); no
# "before" (node.has_before) for something new.  A term or a country a
# field refers to shows its name (d.<column>_name), its ID beside it. ?><?cs
def:side_text(value, name) ?><?cs if:name ?><?cs var:name ?> <span class="id"><?cs var:value ?></span><?cs else ?><?cs var:value ?><?cs /if ?><?cs /def ?><?cs
def:side_value(set, value, name) ?><?cs if:set ?><ins><?cs call:side_text(value, name) ?></ins><?cs else ?><span class="secondary"><?cs var:Lang.cr.records.unchanged ?></span><?cs /if ?><?cs /def ?><?cs
def:sides(node, caption, class) ?><?cs call:table_frame(caption) ?><table class="data-table sides <?cs var:class ?>">
 <caption><?cs var:caption ?></caption>
 <thead><tr><th scope="col"><?cs var:Lang.cr.field ?></th><?cs if:node.has_before ?><th scope="col"><?cs if:node.draft ?><?cs var:Lang.cr.now ?><?cs else ?><?cs var:Lang.cr.records.before ?><?cs /if ?></th><?cs /if ?><?cs if:node.moved ?><th scope="col"><?cs if:node.live ?><?cs var:Lang.cr.now ?><?cs else ?><?cs var:Lang.cr.records.at_decision ?><?cs /if ?></th><?cs /if ?><th scope="col"><?cs var:Lang.cr.proposed ?></th><?cs if:node.approved ?><th scope="col"><?cs var:Lang.cr.records.approved ?></th><?cs /if ?></tr></thead>
 <tbody><?cs each:d = node.sides ?><tr><th scope="row"><?cs if:Lang.cr.fields[d.field] ?><?cs var:Lang.cr.fields[d.field] ?><?cs else ?><?cs var:d.field ?><?cs /if ?></th>
  <?cs if:node.has_before ?><td><?cs if:d.proposed_set && d.before ?><del><?cs call:side_text(d.before, d.before_name) ?></del><?cs else ?><?cs call:side_text(d.before, d.before_name) ?><?cs /if ?></td><?cs /if ?><?cs if:node.moved ?><td><?cs call:side_text(d.decision, d.decision_name) ?></td><?cs /if ?>
  <td><?cs call:side_value(d.proposed_set, d.proposed, d.proposed_name) ?></td><?cs if:node.approved ?><td><?cs call:side_value(d.approved_set, d.approved, d.approved_name) ?><?cs if:d.approved_changed ?> <span class="badge badge-changed"><?cs var:Lang.cr.records.changed ?></span><?cs /if ?></td><?cs /if ?></tr><?cs /each ?></tbody>
</table></div><?cs /def ?><?cs
# In a history, an approved request's records, folded under its version. ?><?cs
def:request_sides(v) ?><?cs if:subcount(v.sides) > 0 ?><details class="request-sides"><summary><?cs var:Lang.cr.records.public ?></summary><?cs call:sides(v, Lang.cr.records.title, "diff records") ?></details><?cs /if ?><?cs /def ?><?cs
def:history(id, title, versions, empty) ?>
<section aria-labelledby="<?cs var:id ?>">
<h2 id="<?cs var:id ?>"><?cs var:title ?></h2>
<?cs if:subcount(versions) > 0 ?>
<?cs call:table_frame(title) ?><table class="data-table">
 <thead><tr><th scope="col"><?cs var:Lang.rms.recorded ?></th><th scope="col"><?cs var:Lang.rms.version ?></th><th scope="col"><?cs var:Lang.rms.source_of_change ?></th><th scope="col"><?cs var:Lang.rms.what_changed ?></th></tr></thead>
 <tbody><?cs each:v = versions ?>
  <tr><td><?cs call:date(v.recorded) ?></td><td><?cs var:v.version ?></td><td><?cs if:Lang.rms.sources[v.source] ?><?cs var:Lang.rms.sources[v.source] ?><?cs else ?><?cs var:v.source ?><?cs /if ?><?cs if:v.request ?> <span class="id">RRQ-<?cs var:v.request ?></span><?cs /if ?></td><td><?cs if:v.changes == "created" ?><?cs var:Lang.rms.created_here ?><?cs else ?><?cs var:v.changes ?><?cs /if ?><?cs call:request_sides(v) ?></td></tr><?cs /each ?>
 </tbody>
</table></div>
<?cs else ?><p><?cs var:empty ?></p><?cs /if ?>
</section>
<?cs /def ?>