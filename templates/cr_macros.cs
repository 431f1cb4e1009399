<?cs # Macros of the change-request pages (account and console): the proposal's fields (the requester's form and a steward's approval with changes), the records side by side, the thread. ?><?cs
def:text_field(name, label, value, max) ?>
 <div class="form-field<?cs if:Page.errors[name] ?> form-field-error<?cs /if ?>"><label for="<?cs var:name ?>"><?cs var:label ?></label>
  <?cs call:field_error(name, label) ?>
  <input id="<?cs var:name ?>" name="<?cs var:name ?>" type="text" maxlength="<?cs var:max ?>" value="<?cs var:value ?>"<?cs if:Page.errors[name] ?> aria-describedby="<?cs var:name ?>-error"<?cs /if ?>></div>
<?cs /def ?><?cs
def:lines_field(name, label, hint, value, rows, max) ?>
 <div class="form-field<?cs if:Page.errors[name] ?> form-field-error<?cs /if ?>"><label for="<?cs var:name ?>"><?cs var:label ?></label>
  <?cs if:hint ?><p class="hint" id="<?cs var:name ?>-hint"><?cs var:hint ?></p><?cs /if ?>
  <?cs call:field_error(name, label) ?>
  <textarea id="<?cs var:name ?>" name="<?cs var:name ?>" rows="<?cs var:rows ?>" maxlength="<?cs var:max ?>"<?cs if:hint ?> aria-describedby="<?cs var:name ?>-hint"<?cs /if ?>><?cs var:value ?></textarea></div>
<?cs /def ?><?cs
def:oms_status_field() ?><div class="form-field"><label for="oms_status"><?cs var:Lang.cr.fields.status ?></label>
  <select id="oms_status" name="oms_status"><?cs each:s = Lang.oms.statuses ?><option value="<?cs name:s ?>"<?cs if:Page.form.status == name(s) ?> selected<?cs /if ?>><?cs var:s ?></option><?cs /each ?></select></div><?cs /def ?><?cs
def:oms_fields() ?>
 <?cs if:Page.type == "ADD-ORG" || Page.type == "UPD-ORG" ?><fieldset><legend><?cs var:Lang.cr.organisation ?></legend>
 <?cs call:text_field("org_name", Lang.cr.fields.name, Page.form.name, 500) ?>
 <?cs call:text_field("acronym", Lang.cr.fields.acronym, Page.form.acronym, 100) ?>
 <?cs call:text_field("org_type", Lang.cr.fields.type, Page.form.type, 100) ?>
 <div class="form-field<?cs if:Page.errors.org_size ?> form-field-error<?cs /if ?>"><label for="org_size"><?cs var:Lang.cr.fields.size ?></label>
  <?cs call:field_error("org_size", "") ?>
  <select id="org_size" name="org_size"><option value=""><?cs var:Lang.cr.none ?></option><?cs each:s = Lang.cr.sizes ?><option value="<?cs name:s ?>"<?cs if:Page.form.size == name(s) ?> selected<?cs /if ?>><?cs var:s ?></option><?cs /each ?></select></div>
 <?cs call:lines_field("alternative_names", Lang.cr.fields.alternative_names, Lang.cr.alternative_names_hint, Page.form.alternative_names, 3, 5000) ?>
 <?cs call:lines_field("identifiers", Lang.cr.fields.identifiers, Lang.cr.identifiers_hint, Page.form.identifiers, 3, 5000) ?>
 <?cs if:Page.type == "UPD-ORG" ?><?cs call:oms_status_field() ?><?cs /if ?>
 </fieldset><?cs /if ?>
 <?cs if:Page.type != "UPD-ORG" ?><fieldset><legend><?cs var:Lang.cr.location ?></legend>
 <?cs call:lines_field("address", Lang.cr.fields.address, Lang.cr.address_hint, Page.form.address, 3, 1000) ?>
 <?cs call:text_field("po_box", Lang.cr.fields.po_box, Page.form.po_box, 100) ?>
 <?cs call:text_field("postal_code", Lang.cr.fields.postal_code, Page.form.postal_code, 40) ?>
 <?cs call:text_field("city", Lang.cr.fields.city, Page.form.city, 200) ?>
 <?cs call:text_field("county", Lang.cr.fields.county, Page.form.county, 200) ?>
 <?cs call:text_field("region", Lang.cr.fields.region, Page.form.region, 200) ?>
 <?cs call:text_field("country", Lang.cr.fields.country_code, Page.form.country_code, 2) ?>
 <?cs call:text_field("loc_lang", Lang.cr.fields.lang, Page.form.lang, 12) ?>
 <?cs call:text_field("latitude", Lang.cr.fields.latitude, Page.form.latitude, 20) ?>
 <?cs call:text_field("longitude", Lang.cr.fields.longitude, Page.form.longitude, 20) ?>
 <?cs call:text_field("email", Lang.cr.fields.email, Page.form.email, 254) ?>
 <?cs call:text_field("phone", Lang.cr.fields.phone, Page.form.phone, 60) ?>
 <?cs if:Page.type == "UPD-LOC" ?><?cs call:oms_status_field() ?><?cs /if ?>
 </fieldset><?cs /if ?>
<?cs /def ?><?cs
def:rms_fields() ?><?cs if:Page.type == "TRANSLATION" && Page.source.name ?>
 <section class="panel translation-source" aria-labelledby="source-title"><h2 id="source-title"><?cs var:Lang.cr.source ?> (<?cs call:language("en") ?>)</h2>
  <dl class="facts"><div><dt><?cs var:Lang.cr.fields.name ?></dt><dd lang="en"><?cs var:Page.source.name ?></dd></div><?cs if:Page.source.description ?>
  <div><dt><?cs var:Lang.cr.fields.description ?></dt><dd lang="en"><?cs var:Page.source.description ?></dd></div><?cs /if ?></dl></section><?cs /if ?>
 <div class="form-field<?cs if:Page.errors.term_name ?> form-field-error<?cs /if ?>"><label for="term_name"><?cs var:Lang.cr.fields.name ?><?cs if:Page.lang && Page.lang != "en" ?> (<?cs call:language(Page.lang) ?>)<?cs /if ?></label>
  <?cs call:field_error("term_name", "") ?>
  <input id="term_name" name="term_name" type="text" maxlength="1000" value="<?cs var:Page.form.name ?>"<?cs if:Page.lang ?> lang="<?cs var:Page.lang ?>"<?cs /if ?>></div>
 <div class="form-field<?cs if:Page.errors.short_name ?> form-field-error<?cs /if ?>"><label for="short_name"><?cs var:Lang.cr.fields.short ?></label>
  <?cs call:field_error("short_name", "") ?>
  <input id="short_name" name="short_name" type="text" maxlength="200" value="<?cs var:Page.form.short ?>"<?cs if:Page.lang ?> lang="<?cs var:Page.lang ?>"<?cs /if ?>></div>
 <div class="form-field<?cs if:Page.errors.description ?> form-field-error<?cs /if ?>"><label for="description"><?cs var:Lang.cr.fields.description ?></label>
  <?cs call:field_error("description", "") ?>
  <textarea id="description" name="description" rows="4" maxlength="4000"<?cs if:Page.lang ?> lang="<?cs var:Page.lang ?>"<?cs /if ?>><?cs var:Page.form.description ?></textarea></div>
 <?cs if:Page.type == "UPD-TERM" || Page.type == "UPD-LIST" ?>
 <div class="form-field"><label for="term_status"><?cs var:Lang.cr.fields.status ?></label>
  <select id="term_status" name="term_status"><?cs each:s = Lang.status ?><option value="<?cs name:s ?>"<?cs if:Page.form.status == name(s) ?> selected<?cs /if ?>><?cs var:s ?></option><?cs /each ?></select></div>
 <?cs /if ?><?cs if:Page.type != "TRANSLATION" ?>
 <div class="form-field<?cs if:Page.errors.domain ?> form-field-error<?cs /if ?>"><label for="domain"><?cs var:Lang.cr.fields.domain ?><?cs if:Page.domain_required ?> <span class="required">(<?cs var:Lang.cr.required ?>)</span><?cs /if ?></label>
  <?cs call:field_error("domain", "") ?>
  <select id="domain" name="domain"><option value=""><?cs var:Lang.cr.none ?></option><?cs each:d = Page.domains ?><option value="<?cs var:d.id ?>"<?cs if:Page.form.domain == d.id ?> selected<?cs /if ?>><?cs var:d.name ?> (<?cs var:d.id ?>)</option><?cs /each ?></select></div>
 <?cs /if ?><?cs if:Page.type == "ADD-LIST" || Page.type == "UPD-LIST" ?>
 <?cs call:text_field("owner", Lang.cr.fields.owner, Page.form.owner, 200) ?>
 <?cs /if ?><?cs if:Page.type == "UPD-TERM" ?>
 <div class="form-field<?cs if:Page.errors.replaced_by ?> form-field-error<?cs /if ?>"><label for="replaced_by"><?cs var:Lang.cr.fields.replaced_by ?></label>
  <?cs call:field_error("replaced_by", "") ?>
  <input id="replaced_by" name="replaced_by" type="text" inputmode="numeric" maxlength="12" value="<?cs var:Page.form.replaced_by ?>"></div>
 <?cs /if ?><?cs if:Page.type == "ADD-TERM" || Page.type == "UPD-TERM" ?>
 <div class="form-field<?cs if:Page.errors.parent ?> form-field-error<?cs /if ?>"><label for="parent"><?cs var:Lang.cr.fields.parent ?></label>
  <?cs call:field_error("parent", "") ?>
  <input id="parent" name="parent" type="text" inputmode="numeric" maxlength="12" value="<?cs var:Page.form.parent ?>"></div>
 <?cs /if ?><?cs if:Page.type == "ADD-TERM" ?>
 <?cs call:lines_field("other_names", Lang.cr.fields.other_names, Lang.cr.other_names_hint, Page.form.other_names, 4, 10000) ?>
 <?cs /if ?>
<?cs /def ?><?cs
# The fields of a proposal of Page.type, with Page.form's values: the requester's form and a steward's correction. ?><?cs
def:cr_data_fields() ?><?cs if:Page.type == "ADD-ORG" || Page.type == "UPD-ORG" || Page.type == "ADD-LOC" || Page.type == "UPD-LOC" ?><?cs call:oms_fields() ?><?cs else ?><?cs call:rms_fields() ?><?cs /if ?><?cs /def ?><?cs
def:cr_fields() ?>
 <?cs call:cr_data_fields() ?>
 <div class="form-field<?cs if:Page.errors.document ?> form-field-error<?cs /if ?>"><label for="document"><?cs var:Lang.roles.document ?></label>
  <p class="hint" id="document-hint"><?cs var:Lang.cr.document_hint ?></p>
  <?cs call:field_error("document", "") ?>
  <input id="document" name="document" type="file" accept="application/pdf,.pdf" aria-describedby="document-hint"></div>
 <div class="form-field<?cs if:Page.errors.justification ?> form-field-error<?cs /if ?>"><label for="justification"><?cs var:Lang.cr.justification ?></label>
  <p class="hint" id="justification-hint"><?cs var:Lang.cr.justification_hint ?></p>
  <?cs call:field_error("justification", "") ?>
  <textarea id="justification" name="justification" rows="3" maxlength="2000" aria-describedby="justification-hint"><?cs var:Page.form.justification ?></textarea></div>
 <p class="actions"><button type="submit" name="step" value="preview" class="button-secondary"><?cs var:Lang.cr.preview ?></button>
  <button type="submit" name="step" value="save" class="button-secondary"><?cs var:Lang.cr.save ?></button>
  <button type="submit" name="step" value="submit"><?cs var:Lang.cr.submit ?></button></p>
<?cs /def ?><?cs
# A proposal not yet submitted (a preview, a draft) beside the record as it is now. ?><?cs
def:cr_diff() ?><?cs if:subcount(Page.diff.sides) > 0 ?>
<?cs call:sides(Page.diff, Lang.cr.diff, "diff") ?><?cs /if ?><?cs /def ?><?cs
# The records of each submission (round), the newest first and open: before, when decided (or now, if it moved since), proposed, approved. ?><?cs
def:cr_round(round) ?>
 <p class="secondary"><?cs var:Lang.cr.records.submitted ?> <?cs call:date(round.submitted) ?> UTC<?cs if:round.decided ?> &middot; <?cs var:Lang.cr.records.decided ?> <?cs call:date(round.decided) ?> UTC<?cs /if ?></p>
 <?cs if:round.migrated ?><p class="secondary"><?cs var:Lang.cr.records.migrated ?><?cs if:round.no_proposed ?> <?cs var:Lang.cr.records.no_proposed ?><?cs /if ?><?cs if:round.no_before && Page.cr.type != "ADD-TERM" && Page.cr.type != "ADD-LIST" && Page.cr.type != "ADD-ORG" && Page.cr.type != "ADD-LOC" ?> <?cs var:Lang.cr.records.no_before ?><?cs /if ?></p><?cs /if ?>
 <?cs call:sides(round, Lang.cr.records.title, "diff records") ?>
<?cs /def ?><?cs
def:cr_rounds() ?><?cs if:subcount(Page.rounds) > 0 ?>
<section aria-labelledby="records">
<h2 id="records"><?cs var:Lang.cr.records.title ?></h2>
<p><?cs var:Lang.cr.records.intro ?></p>
<?cs each:round = Page.rounds ?><?cs if:first(round) ?><?cs call:cr_round(round) ?><?cs else ?>
<details><summary><?cs var:Lang.cr.records.earlier ?> <?cs call:date(round.submitted) ?> UTC</summary>
<?cs call:cr_round(round) ?>
</details><?cs /if ?><?cs /each ?>
</section><?cs /if ?><?cs /def ?><?cs
def:cr_thread() ?><?cs if:subcount(Page.events) > 0 ?>
<h2 id="history"><?cs var:Lang.cr.history ?></h2>
<ol class="thread"><?cs each:e = Page.events ?>
 <li<?cs if:e.by_requester == "1" ?> class="by-requester"<?cs /if ?>><p class="secondary"><?cs call:date(e.at) ?> UTC &middot; <?cs var:e.actor ?><?cs if:e.to ?> &middot; <?cs if:e.from ?><?cs var:Lang.cr.statuses[e.from] ?> &rarr; <?cs /if ?><strong><?cs var:Lang.cr.statuses[e.to] ?></strong><?cs /if ?></p>
 <?cs if:e.comment ?><p class="comment"><?cs var:e.comment ?></p><?cs /if ?></li><?cs /each ?>
</ol><?cs /if ?><?cs /def ?>
