<?cs # /tools/check: a list of IDs checked (cgi/programs/tools_check.c).  The
# form posts without a token (the check changes nothing), as multipart for
# its file; its buttons say what comes back: the table, a CSV or an Excel
# file.  The results page holds the tokens read in the form again, so that
# its downloads send the same list. ?><?cs
def:title() ?><?cs var:Lang.check.title ?><?cs /def ?><?cs
# The page of an ID of kind k. ?><?cs
def:check_href(k, id) ?><?cs if:k == "term" ?>/rms/terms/<?cs elif:k == "list" ?>/rms/lists/<?cs elif:k == "organisation" ?>/oms/organisations/<?cs else ?>/oms/locations/<?cs /if ?><?cs var:id ?><?cs /def ?><?cs
def:check_status(row) ?><?cs if:row.status == "MERGED" ?><?cs call:badge("inactive", Lang.check.merged) ?><?cs elif:row.kind == "organisation" || row.kind == "location" ?><?cs call:org_status(row.status) ?><?cs elif:row.status ?><?cs call:status(row.status) ?><?cs /if ?><?cs /def ?><?cs
def:check_field_attrs(n) ?><?cs if:Page.errors[n] ?> aria-invalid="true" aria-describedby="<?cs var:n ?>-error <?cs var:n ?>-hint"<?cs else ?> aria-describedby="<?cs var:n ?>-hint"<?cs /if ?><?cs /def ?><?cs
def:content() ?>
<?cs call:breadcrumb(Lang.check.title) ?>
<h1><?cs var:Lang.check.title ?></h1>
<p class="lead"><?cs var:Lang.check.lead ?></p>
<form class="form check-form" method="post" action="/tools/check" enctype="multipart/form-data">
 <input type="hidden" name="lang" value="<?cs var:Req.lang ?>">
 <div class="form-field<?cs if:Page.errors.ids ?> form-field-error<?cs /if ?>">
  <label for="ids"><?cs var:Lang.form.field.ids ?></label>
  <p class="hint" id="ids-hint"><?cs var:Lang.check.ids_hint ?></p>
  <?cs call:field_error("ids", Lang.form.field.ids) ?>
  <textarea id="ids" name="ids" rows="8" spellcheck="false" autocomplete="off"<?cs call:check_field_attrs("ids") ?>><?cs var:Page.ids ?></textarea>
 </div>
 <div class="form-field<?cs if:Page.errors.file ?> form-field-error<?cs /if ?>">
  <label for="file"><?cs var:Lang.form.field.file ?></label>
  <p class="hint" id="file-hint"><?cs var:Lang.check.file_hint ?></p>
  <?cs call:field_error("file", Lang.form.field.file) ?>
  <input id="file" name="file" type="file" accept=".txt,.csv,text/plain,text/csv"<?cs call:check_field_attrs("file") ?>>
 </div>
 <div class="form-field">
  <label for="data_lang"><?cs var:Lang.check.data_lang ?></label>
  <select id="data_lang" name="data_lang"><?cs each:l = Lang.languages ?><option value="<?cs name:l ?>"<?cs if:Req.data_lang == name(l) ?> selected<?cs /if ?>><?cs var:l ?></option><?cs /each ?></select>
 </div>
 <p class="actions">
  <button type="submit" name="format" value="html"><?cs var:Lang.check.submit ?></button>
  <button type="submit" name="format" value="csv" class="button-secondary"><?cs var:Lang.check.download_csv ?></button>
  <button type="submit" name="format" value="xlsx" class="button-secondary"><?cs var:Lang.check.download_xlsx ?></button>
 </p>
</form>
<?cs if:Page.checked ?>
<section aria-labelledby="results-heading">
<h2 id="results-heading" tabindex="-1"><?cs var:Lang.check.results ?></h2>
<p class="results-count" role="status"><?cs call:count(Page.count, Lang.check.entries) ?>: <?cs var:Page.found ?> <?cs var:Lang.check.counts.found ?>, <?cs var:Page.missing ?> <?cs var:Lang.check.counts.missing ?>, <?cs var:Page.invalid_count ?> <?cs var:Lang.check.counts.invalid ?>, <?cs var:Page.replaced ?> <?cs var:Lang.check.counts.replaced ?>.</p>
<?cs if:Page.invalid_count > 0 ?>
<div class="notice notice-warning"><p><?cs var:Lang.check.invalid_intro ?></p>
 <ul class="inline-list"><?cs each:t = Page.invalid ?><li><code><?cs var:t.token ?></code></li><?cs /each ?></ul><?cs if:Page.invalid_count > subcount(Page.invalid) ?>
 <p><?cs var:Lang.check.invalid_more ?> <?cs var:Page.invalid_count - subcount(Page.invalid) ?></p><?cs /if ?></div>
<?cs /if ?>
<?cs call:listing_start(Lang.check.results, Lang.check.caption) ?>
<th scope="col"><?cs var:Lang.check.col.id ?></th><th scope="col"><?cs var:Lang.check.col.result ?></th><?cs if:Page.rows_shown.kind ?><th scope="col"><?cs var:Lang.check.col.kind ?></th><?cs /if ?><?cs if:Page.rows_shown.parent_id ?><th scope="col"><?cs var:Lang.check.col.parent ?></th><?cs /if ?><?cs if:Page.rows_shown.status ?><th scope="col"><?cs var:Lang.check.col.status ?></th><?cs /if ?><?cs if:Page.rows_shown.name ?><th scope="col"><?cs var:Lang.check.col.name ?></th><?cs /if ?><?cs if:Page.local_lang && Page.rows_shown.local ?><th scope="col"><?cs var:Lang.check.col.local ?> (<?cs call:language(Page.local_lang) ?>)</th><?cs /if ?><?cs if:Page.rows_shown.current || Page.rows_shown.problem ?><th scope="col"><?cs var:Lang.check.col.current ?></th><?cs /if ?></tr></thead>
 <tbody><?cs each:row = Page.rows ?>
  <tr><th scope="row" data-label="<?cs var:Lang.check.col.id ?>"><?cs if:row.result == "found" ?><a href="<?cs call:check_href(row.kind, row.id) ?>"><code class="id"><?cs var:row.id ?></code></a><?cs else ?><code class="id"><?cs var:row.input ?></code><?cs /if ?></th>
  <td data-label="<?cs var:Lang.check.col.result ?>"><?cs if:row.result == "found" ?><?cs call:badge("live", Lang.check.result.found) ?><?cs elif:row.result == "missing" ?><?cs call:badge("NULLIFIED", Lang.check.result.missing) ?><?cs else ?><?cs call:badge("PROVISIONAL", Lang.check.result.invalid) ?><?cs /if ?></td><?cs if:Page.rows_shown.kind ?>
  <td data-label="<?cs var:Lang.check.col.kind ?>"><?cs if:row.kind ?><?cs var:Lang.check.kinds[row.kind] ?><?cs /if ?></td><?cs /if ?><?cs if:Page.rows_shown.parent_id ?>
  <td data-label="<?cs var:Lang.check.col.parent ?>"><?cs if:row.parent_id ?><a href="<?cs if:row.kind == "location" ?>/oms/organisations/<?cs else ?>/rms/lists/<?cs /if ?><?cs var:row.parent_id ?>"><?cs var:row.parent_name ?></a> <span class="id"><?cs var:row.parent_id ?></span><?cs /if ?></td><?cs /if ?><?cs if:Page.rows_shown.status ?>
  <td data-label="<?cs var:Lang.check.col.status ?>"><?cs call:check_status(row) ?></td><?cs /if ?><?cs if:Page.rows_shown.name ?>
  <td data-label="<?cs var:Lang.check.col.name ?>" lang="en"><?cs var:row.name ?></td><?cs /if ?><?cs if:Page.local_lang && Page.rows_shown.local ?>
  <td data-label="<?cs var:Lang.check.col.local ?>" lang="<?cs var:Page.local_lang ?>"><?cs var:row.local ?></td><?cs /if ?><?cs if:Page.rows_shown.current || Page.rows_shown.problem ?>
  <td data-label="<?cs var:Lang.check.col.current ?>"><?cs if:row.problem ?><?cs var:Lang.check.problems[row.problem] ?><?cs elif:row.current ?><a href="<?cs call:check_href(row.kind, row.current) ?>"><code class="id"><?cs var:row.current ?></code></a><?cs /if ?></td><?cs /if ?></tr><?cs /each ?>
 </tbody>
</table>
</div>
</section>
<?cs else ?>
<div class="panel">
 <h2><?cs var:Lang.check.empty_heading ?></h2>
 <ul><?cs each:t = Lang.check.empty_items ?><li><?cs var:t ?></li><?cs /each ?></ul>
 <p><?cs var:Lang.check.api ?> <a href="/api"><?cs var:Lang.api.title ?></a></p>
</div>
<?cs /if ?>
<?cs /def ?>
