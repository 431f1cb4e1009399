<?cs # The country field of /oms/organisations' form: every country of the
# organisations, in the data language's order, the one chosen selected.
# Rendered alone and kept (cgi/oms/oms_orgs.c, put_filters). ?> <div class="field">
  <label for="country"><?cs var:Lang.oms.country ?></label>
  <select id="country" name="country"><option value=""><?cs var:Lang.oms.any_country ?></option><?cs each:c = Page.countries ?><option value="<?cs var:c.code ?>"<?cs if:Page.country == c.code ?> selected<?cs /if ?>><?cs var:c.label ?></option><?cs /each ?></select>
 </div>
