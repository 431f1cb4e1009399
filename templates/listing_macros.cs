<?cs # Macros of listings (rows with filters, sorting, a pager and exports): a
# template calls them without including this file (see macros.cs). ?><?cs
# A sortable column header: a link that toggles the direction. ?><?cs
def:sort_header(key, label) ?><?cs each:s = Page.sort ?><?cs if:s.key == key ?><th scope="col"<?cs if:s.dir == "asc" ?> aria-sort="ascending"<?cs elif:s.dir == "desc" ?> aria-sort="descending"<?cs /if ?>><a class="sort" href="<?cs var:s.href ?>"><?cs var:label ?><?cs if:s.dir == "asc" ?> <span aria-hidden="true">&#9650;</span><?cs elif:s.dir == "desc" ?> <span aria-hidden="true">&#9660;</span><?cs /if ?></a></th><?cs /if ?><?cs /each ?><?cs /def ?><?cs
# Pagination: previous, numbered pages around the current one, next; each
# link to Page.pager.anchor when set (a listing further down the page). ?><?cs
def:pager_anchor() ?><?cs if:Page.pager.anchor ?>#<?cs var:Page.pager.anchor ?><?cs /if ?><?cs /def ?><?cs
def:pager() ?><?cs if:Page.pager.pages > 1 ?>
<nav class="pager" aria-label="<?cs var:Lang.pager.label ?>">
 <ul>
  <?cs if:Page.pager.prev ?><li><a href="<?cs var:Page.pager.prev ?><?cs call:pager_anchor() ?>" rel="prev"><?cs var:Lang.pager.prev ?></a></li><?cs /if ?>
  <?cs if:Page.pager.links.0.n > 1 ?><li><a href="<?cs var:Page.pager.first ?><?cs call:pager_anchor() ?>">1</a></li><li class="gap" aria-hidden="true">&hellip;</li><?cs /if ?>
  <?cs each:p = Page.pager.links ?><li><?cs if:p.current ?><a href="<?cs var:p.href ?><?cs call:pager_anchor() ?>" aria-current="page"><?cs var:p.n ?></a><?cs else ?><a href="<?cs var:p.href ?><?cs call:pager_anchor() ?>"><?cs var:p.n ?></a><?cs /if ?></li><?cs /each ?>
  <?cs if:Page.pager.next ?><li><a href="<?cs var:Page.pager.next ?><?cs call:pager_anchor() ?>" rel="next"><?cs var:Lang.pager.next ?></a></li><?cs /if ?>
 </ul>
</nav>
<?cs /if ?><?cs /def ?><?cs
def:exports(intro) ?><p class="exports"><?cs var:intro ?> <a href="<?cs var:Page.export_csv ?>" download><?cs var:Lang.rms.export_csv ?></a> <a href="<?cs var:Page.export_xlsx ?>" download><?cs var:Lang.rms.export_xlsx ?></a> <a href="<?cs var:Page.export_json ?>" download><?cs var:Lang.rms.export_json ?></a></p><?cs /def ?><?cs
# Why a word search finds nothing (words too short) or not everything (too common). ?><?cs
def:word_notices(broad) ?><?cs if:Page.short_words ?><div class="notice"><p><?cs var:Lang.rms.short_words ?></p></div><?cs /if ?>
<?cs if:Page.broad_words ?><div class="notice" role="status"><p><?cs var:broad ?></p></div><?cs /if ?><?cs /def ?><?cs
def:suggestion() ?><?cs if:Page.suggestion ?><div class="notice" role="status"><p><?cs var:Lang.search.forgiven ?> <q><?cs var:Page.q ?></q>. <?cs var:Lang.search.did_you_mean ?> <a href="<?cs var:Page.suggestion_href ?>"><?cs var:Page.suggestion ?></a><?cs var:Lang.search.question_end ?> <?cs var:Lang.search.forgiven_shown ?></p></div><?cs /if ?><?cs /def ?><?cs
def:results_count(noun) ?><p class="results-count" role="status"><?cs if:Page.pager.total > 0 ?><?cs var:Lang.pager.showing ?> <?cs var:Page.pager.from ?>&ndash;<?cs var:Page.pager.to ?> <?cs var:Lang.pager.of ?> <?cs call:count(Page.pager.total, noun) ?><?cs else ?><?cs var:Lang.pager.none ?><?cs /if ?></p><?cs /def ?><?cs
def:status_options(current) ?><option value=""><?cs var:Lang.rms.any_status ?></option><?cs each:s = Lang.status ?><option value="<?cs name:s ?>"<?cs if:current == name(s) ?> selected<?cs /if ?>><?cs var:s ?></option><?cs /each ?><?cs /def ?><?cs
def:domain_options(current) ?><option value=""><?cs var:Lang.rms.any_domain ?></option><?cs each:d = Page.domains ?><option value="<?cs var:d.id ?>"<?cs if:current == d.id ?> selected<?cs /if ?>><?cs var:d.name ?></option><?cs /each ?><?cs /def ?><?cs
def:size_options(current) ?><?cs each:n = Lang.pager.sizes ?><option value="<?cs var:n ?>"<?cs if:current == n ?> selected<?cs /if ?>><?cs var:n ?></option><?cs /each ?><?cs /def ?><?cs
# Filter form fields shared by the RMS pages. ?><?cs
def:field_search(label, value) ?>
 <div class="field">
  <label for="q"><?cs var:label ?></label>
  <input id="q" name="q" type="search" value="<?cs var:value ?>" maxlength="200">
 </div>
<?cs /def ?><?cs
def:field_status(current) ?>
 <div class="field">
  <label for="status"><?cs var:Lang.rms.status ?></label>
  <select id="status" name="status"><?cs call:status_options(current) ?></select>
 </div>
<?cs /def ?><?cs
def:field_domain(current) ?>
 <div class="field">
  <label for="domain"><?cs var:Lang.rms.domain ?></label>
  <select id="domain" name="domain"><?cs call:domain_options(current) ?></select>
 </div>
<?cs /def ?><?cs
def:field_size(current) ?>
 <div class="field">
  <label for="size"><?cs var:Lang.pager.size ?></label>
  <select id="size" name="size"><?cs call:size_options(current) ?></select>
 </div>
<?cs /def ?><?cs
# A listing's table (the lists, a list's terms, the organisations): its
# frame, a caption for screen readers and the header row's start; the page
# writes its header cells, "</tr></thead>" and its rows' <tbody>, then
# listing_end closes the table and adds the pager.  Its rows stack on a
# narrow screen (class "stacked"): each cell names its column in
# data-label; a column empty on the whole page (Page.<rows>_shown, from
# page_shown) is left out. ?><?cs
def:listing_start(label, caption) ?><?cs call:table_frame(label) ?>
<table class="data-table stacked">
 <caption class="visually-hidden"><?cs var:caption ?></caption>
 <thead><tr><?cs /def ?><?cs
def:listing_end() ?> </tbody>
</table>
</div>
<?cs call:pager() ?><?cs /def ?><?cs
# A listing without rows: what matched nothing (with the way back to the
# whole listing, when `clear` is a path) or that there is nothing. ?><?cs
def:listing_empty(filtered, no_match, clear, nothing) ?><div class="notice"><p><?cs if:filtered ?><?cs var:no_match ?><?cs if:clear ?> <a href="<?cs var:clear ?>"><?cs var:Lang.rms.clear ?></a><?cs /if ?><?cs else ?><?cs var:nothing ?><?cs /if ?></p></div><?cs /def ?>