<?cs # Macros of the change-request pages (account and console): the form's fields, the diff, the thread. ?><?cs
def:text_field(name, label, value, max) ?>
 <div class="form-field<?cs if:Page.errors[name] ?> form-field-error<?cs /if ?>"><label for="<?cs var:name ?>"><?cs var:label ?></label>
  <?cs if:Page.errors[name] ?><p class="field-error" id="<?cs var:name ?>-error"><?cs var:Lang.form.error[Page.errors[name]] ?><?cs if:Page.errors[name] == "record_invalid" ?> <?cs var:Page.record_error ?><?cs /if ?></p><?cs /if ?>
  <input id="<?cs var:name ?>" name="<?cs var:name ?>" type="text" maxlength="<?cs var:max ?>" value="<?cs var:value ?>"></div>
<?cs /def ?><?cs
def:oms_fields() ?>
 <?cs if:Page.type == "ADD-ORG" || Page.type == "UPD-ORG" ?><fieldset><legend><?cs var:Lang.cr.organisation ?></legend>
 <?cs call:text_field("org_name", Lang.cr.fields.name, Page.form.name, 500) ?>
 <?cs call:text_field("acronym", Lang.cr.fields.acronym, Page.form.acronym, 100) ?>
 <?cs call:text_field("org_type", Lang.cr.fields.type, Page.form.type, 100) ?>
 <?cs if:Page.type == "UPD-ORG" ?><div class="form-field"><label for="oms_status"><?cs var:Lang.cr.fields.status ?></label>
  <select id="oms_status" name="oms_status"><?cs each:s = Lang.oms.statuses ?><option value="<?cs name:s ?>"<?cs if:Page.form.status == name(s) ?> selected<?cs /if ?>><?cs var:s ?></option><?cs /each ?></select></div><?cs /if ?>
 </fieldset><?cs /if ?>
 <?cs if:Page.type != "UPD-ORG" ?><fieldset><legend><?cs var:Lang.cr.location ?></legend>
 <div class="form-field"><label for="address"><?cs var:Lang.cr.fields.address ?></label><p class="hint" id="address-hint"><?cs var:Lang.cr.address_hint ?></p>
  <textarea id="address" name="address" rows="3" maxlength="1000" aria-describedby="address-hint"><?cs var:Page.form.address ?></textarea></div>
 <?cs call:text_field("postal_code", Lang.cr.fields.postal_code, Page.form.postal_code, 40) ?>
 <?cs call:text_field("city", Lang.cr.fields.city, Page.form.city, 200) ?>
 <?cs call:text_field("region", Lang.cr.fields.region, Page.form.region, 200) ?>
 <?cs call:text_field("country", Lang.cr.fields.country_code, Page.form.country_code, 2) ?>
 <?cs call:text_field("email", Lang.cr.fields.email, Page.form.email, 254) ?>
 <?cs call:text_field("phone", Lang.cr.fields.phone, Page.form.phone, 60) ?>
 <?cs if:Page.type == "UPD-LOC" ?><div class="form-field"><label for="oms_status"><?cs var:Lang.cr.fields.status ?></label>
  <select id="oms_status" name="oms_status"><?cs each:s = Lang.oms.statuses ?><option value="<?cs name:s ?>"<?cs if:Page.form.status == name(s) ?> selected<?cs /if ?>><?cs var:s ?></option><?cs /each ?></select></div><?cs /if ?>
 </fieldset><?cs /if ?>
<?cs /def ?><?cs
def:cr_fields() ?>
 <?cs call:form_errors() ?>
 <?cs if:Page.type == "ADD-ORG" || Page.type == "UPD-ORG" || Page.type == "ADD-LOC" || Page.type == "UPD-LOC" ?><?cs call:oms_fields() ?><?cs else ?>
 <div class="form-field<?cs if:Page.errors.term_name ?> form-field-error<?cs /if ?>"><label for="term_name"><?cs var:Lang.cr.fields.name ?><?cs if:Page.lang && Page.lang != "en" ?> (<?cs call:language(Page.lang) ?>)<?cs /if ?></label>
  <?cs if:Page.errors.term_name ?><p class="field-error" id="term_name-error"><?cs var:Lang.form.error[Page.errors.term_name] ?></p><?cs /if ?>
  <input id="term_name" name="term_name" type="text" maxlength="1000" value="<?cs var:Page.form.name ?>"<?cs if:Page.lang ?> lang="<?cs var:Page.lang ?>"<?cs /if ?>></div>
 <div class="form-field"><label for="short_name"><?cs var:Lang.cr.fields.short ?></label>
  <input id="short_name" name="short_name" type="text" maxlength="200" value="<?cs var:Page.form.short ?>"<?cs if:Page.lang ?> lang="<?cs var:Page.lang ?>"<?cs /if ?>></div>
 <div class="form-field"><label for="description"><?cs var:Lang.cr.fields.description ?></label>
  <textarea id="description" name="description" rows="4" maxlength="4000"<?cs if:Page.lang ?> lang="<?cs var:Page.lang ?>"<?cs /if ?>><?cs var:Page.form.description ?></textarea></div>
 <?cs if:Page.type == "UPD-TERM" || Page.type == "UPD-LIST" ?>
 <div class="form-field"><label for="term_status"><?cs var:Lang.cr.fields.status ?></label>
  <select id="term_status" name="term_status"><?cs each:s = Lang.status ?><option value="<?cs name:s ?>"<?cs if:Page.form.status == name(s) ?> selected<?cs /if ?>><?cs var:s ?></option><?cs /each ?></select></div>
 <?cs /if ?><?cs if:Page.type == "UPD-TERM" ?>
 <div class="form-field"><label for="replaced_by"><?cs var:Lang.cr.fields.replaced_by ?></label>
  <input id="replaced_by" name="replaced_by" type="text" inputmode="numeric" maxlength="12" value="<?cs var:Page.form.replaced_by ?>"></div>
 <?cs /if ?><?cs if:Page.type == "ADD-TERM" || Page.type == "UPD-TERM" ?>
 <div class="form-field"><label for="parent"><?cs var:Lang.cr.fields.parent ?></label>
  <input id="parent" name="parent" type="text" inputmode="numeric" maxlength="12" value="<?cs var:Page.form.parent ?>"></div>
 <?cs /if ?><?cs /if ?>
 <div class="form-field<?cs if:Page.errors.document ?> form-field-error<?cs /if ?>"><label for="document"><?cs var:Lang.roles.document ?></label>
  <p class="hint" id="document-hint"><?cs var:Lang.cr.document_hint ?></p>
  <?cs if:Page.errors.document ?><p class="field-error" id="document-error"><?cs var:Lang.form.error[Page.errors.document] ?></p><?cs /if ?>
  <input id="document" name="document" type="file" accept="application/pdf,.pdf" aria-describedby="document-hint"></div>
 <div class="form-field<?cs if:Page.errors.justification ?> form-field-error<?cs /if ?>"><label for="justification"><?cs var:Lang.cr.justification ?></label>
  <p class="hint" id="justification-hint"><?cs var:Lang.cr.justification_hint ?></p>
  <?cs if:Page.errors.justification ?><p class="field-error" id="justification-error"><?cs var:Lang.form.error[Page.errors.justification] ?></p><?cs /if ?>
  <textarea id="justification" name="justification" rows="3" maxlength="2000" aria-describedby="justification-hint"><?cs var:Page.form.justification ?></textarea></div>
 <p class="actions"><button type="submit" name="step" value="preview" class="button-secondary"><?cs var:Lang.cr.preview ?></button>
  <button type="submit" name="step" value="save" class="button-secondary"><?cs var:Lang.cr.save ?></button>
  <button type="submit" name="step" value="submit"><?cs var:Lang.cr.submit ?></button></p>
<?cs /def ?><?cs
def:cr_diff() ?><?cs if:subcount(Page.diff) > 0 ?>
<?cs call:table_frame(Lang.cr.diff) ?><table class="data-table diff">
 <caption><?cs var:Lang.cr.diff ?></caption>
 <thead><tr><th scope="col"><?cs var:Lang.cr.field ?></th><th scope="col"><?cs var:Lang.cr.now ?></th><th scope="col"><?cs var:Lang.cr.proposed ?></th></tr></thead>
 <tbody><?cs each:d = Page.diff ?><tr><th scope="row"><?cs var:Lang.cr.fields[d.field] ?></th><td><del><?cs var:d.current ?></del></td><td><ins><?cs var:d.proposed ?></ins></td></tr><?cs /each ?></tbody>
</table></div><?cs /if ?><?cs /def ?><?cs
def:cr_thread() ?><?cs if:subcount(Page.events) > 0 ?>
<h2 id="history"><?cs var:Lang.cr.history ?></h2>
<ol class="thread"><?cs each:e = Page.events ?>
 <li<?cs if:e.by_requester == "1" ?> class="by-requester"<?cs /if ?>><p class="secondary"><?cs call:date(e.at) ?> UTC &middot; <?cs var:e.actor ?><?cs if:e.to ?> &middot; <?cs if:e.from ?><?cs var:Lang.cr.statuses[e.from] ?> &rarr; <?cs /if ?><strong><?cs var:Lang.cr.statuses[e.to] ?></strong><?cs /if ?></p>
 <?cs if:e.comment ?><p class="comment"><?cs var:e.comment ?></p><?cs /if ?></li><?cs /each ?>
</ol><?cs /if ?><?cs /def ?>