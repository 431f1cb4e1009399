<?cs # /rms/search: terms across all lists. ?><?cs
def:title() ?><?cs if:Page.q ?><?cs var:Page.q ?> | <?cs /if ?><?cs var:Lang.search.title ?><?cs /def ?><?cs
def:pieces(list) ?><?cs each:p = list ?><?cs if:p.hit ?><mark><?cs var:p.text ?></mark><?cs else ?><?cs var:p.text ?><?cs /if ?><?cs /each ?><?cs /def ?><?cs
def:content() ?>
<nav class="breadcrumb" aria-label="<?cs var:Lang.nav.breadcrumb ?>">
 <ol>
  <li><a href="/"><?cs var:Lang.nav.home ?></a></li>
  <li><a href="/rms/lists"><?cs var:Lang.nav.rms ?></a></li>
  <li aria-current="page"><?cs var:Lang.search.title ?></li>
 </ol>
</nav>
<h1><?cs var:Lang.search.title ?></h1>
<form class="filters" method="get" action="/rms/search" role="search" aria-label="<?cs var:Lang.search.title ?>">
 <div class="field">
  <label for="q"><?cs var:Lang.search.q ?></label>
  <input id="q" name="q" type="search" value="<?cs var:Page.q ?>" maxlength="200" aria-describedby="q-hint">
  <span id="q-hint" class="secondary"><?cs var:Lang.search.hint ?></span>
 </div>
<?cs var:Page.filters ?> <div class="field field-actions"><button type="submit"><?cs var:Lang.search.submit ?></button></div>
</form>
<?cs if:Page.unknown_id ?>
<div class="notice notice-warning" role="status"><p><?cs var:Lang.search.unknown_id ?> <span class="id"><?cs var:Page.unknown_id ?></span></p></div>
<?cs elif:Page.short_words ?>
<div class="notice" role="status"><p><?cs var:Lang.rms.short_words ?></p></div>
<?cs elif:Page.searched ?>
<?cs call:results_count(Lang.rms.terms_noun) ?>
<?cs call:suggestion() ?>
<?cs if:Page.broad_words ?><div class="notice" role="status"><p><?cs var:Lang.rms.broad_words ?></p></div><?cs /if ?>
<?cs if:subcount(Page.hits) > 0 ?>
<ol class="hit-list" start="<?cs var:Page.pager.from ?>">
<?cs each:h = Page.hits ?>
 <li>
  <p class="hit-title"><a href="/rms/terms/<?cs var:h.id ?>"><?cs call:pieces(h.title) ?></a></p>
  <?cs if:subcount(h.match) > 0 ?><p class="secondary"><?cs var:Lang.search.matched ?> <?cs call:language(h.match_lang) ?>: <span lang="<?cs var:h.match_lang ?>"><?cs call:pieces(h.match) ?></span></p><?cs /if ?>
  <p class="hit-meta"><span class="id"><?cs var:h.id ?></span> <?cs call:status(h.status) ?> <span><?cs var:Lang.rms.list ?>: <a href="/rms/lists/<?cs var:h.list ?>"><?cs var:h.list_name ?></a></span></p>
 </li>
<?cs /each ?>
</ol>
<?cs call:pager() ?>
<?cs else ?>
<div class="notice" role="status"><p><?cs var:Lang.search.none ?></p></div>
<?cs /if ?>
<?cs else ?>
<div class="panel">
 <h2><?cs var:Lang.search.tips_heading ?></h2>
 <ul><?cs each:t = Lang.search.tips ?><li><?cs var:t ?></li><?cs /each ?></ul>
</div>
<?cs /if ?>
<?cs /def ?>
