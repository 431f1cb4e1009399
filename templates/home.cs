<?cs def:title() ?><?cs var:Lang.home.title ?><?cs /def ?><?cs
# A kind of identifier with an example that opens its record: records of
# the demonstration data (db/demo), which tests/browser/small.mjs opens. ?><?cs
def:id_row(id, path, example) ?><tr><td data-label="<?cs var:Lang.home.ids_col_what ?>"><?cs var:id.what ?></td><td data-label="<?cs var:Lang.home.ids_col_form ?>"><?cs var:id.form ?></td><td data-label="<?cs var:Lang.home.ids_col_example ?>"><a href="<?cs var:path ?><?cs var:example ?>"><code class="id"><?cs var:example ?></code></a></td></tr><?cs /def ?><?cs
def:content() ?>
<div class="hero">
 <h1><?cs var:Lang.home.heading ?></h1>
 <p class="lead"><?cs var:Lang.home.lead ?></p>
 <form class="search-box home-search" method="get" action="/rms/search" role="search" aria-label="<?cs var:Lang.search.title ?>">
  <div class="field">
   <label for="q"><?cs var:Lang.search.title ?></label>
   <p class="hint" id="q-hint"><?cs var:Lang.search.hint ?></p>
   <input id="q" name="q" type="search" maxlength="200" aria-describedby="q-hint">
  </div>
  <button type="submit"><?cs var:Lang.search.submit ?></button>
 </form>
</div>

<section aria-labelledby="services-heading">
 <h2 id="services-heading"><?cs var:Lang.home.services_heading ?></h2>
 <ul class="cards">
  <?cs each:s = Lang.home.services ?>
  <li class="card">
   <h3><a href="<?cs var:s.href ?>"><?cs var:s.name ?></a></h3>
   <p><?cs if:s.live == "1" ?><?cs call:badge("live", Lang.home.state_live) ?><?cs else ?><?cs call:badge("inactive", Lang.home.state_inactive) ?><?cs /if ?></p>
   <p><?cs var:s.text ?></p>
  </li>
  <?cs /each ?>
 </ul>
</section>

<section aria-labelledby="access-heading" class="panel">
 <h2 id="access-heading"><?cs var:Lang.home.access_heading ?></h2>
 <div class="two-columns">
  <div>
   <h3><?cs var:Lang.home.browse_heading ?></h3>
   <p><?cs var:Lang.home.browse_text ?></p>
<?cs call:browse_links() ?>
   <p><a href="/api"><?cs var:Lang.home.link_api ?></a></p>
   <p><a href="/tools/check"><?cs var:Lang.check.link ?></a></p>
  </div>
  <div>
   <h3><?cs var:Lang.home.account_heading ?></h3>
   <p><?cs var:Lang.home.account_text ?></p>
   <ul class="checklist">
    <?cs each:item = Lang.home.account_items ?><li><?cs var:item ?></li><?cs /each ?>
   </ul>
   <p class="actions">
    <?cs if:User.name ?><a class="button" href="/account"><?cs var:Lang.nav.account ?></a><?cs else ?><a class="button" href="/register"><?cs var:Lang.nav.register ?></a>
    <a class="button button-secondary" href="/login"><?cs var:Lang.nav.login ?></a><?cs /if ?>
   </p>
  </div>
 </div>
</section>

<section aria-labelledby="ids-heading">
 <h2 id="ids-heading"><?cs var:Lang.home.ids_heading ?></h2>
 <?cs call:table_frame(Lang.home.ids_heading) ?><table class="data-table stacked">
  <caption class="visually-hidden"><?cs var:Lang.home.ids_caption ?></caption>
  <thead><tr><th scope="col"><?cs var:Lang.home.ids_col_what ?></th><th scope="col"><?cs var:Lang.home.ids_col_form ?></th><th scope="col"><?cs var:Lang.home.ids_col_example ?></th></tr></thead>
  <tbody>
   <?cs call:id_row(Lang.home.ids.list, "/rms/lists/", "100000000002") ?>
   <?cs call:id_row(Lang.home.ids.term, "/rms/terms/", "100000000012") ?>
   <?cs call:id_row(Lang.home.ids.org, "/oms/organisations/", "ORG-100000001") ?>
   <?cs call:id_row(Lang.home.ids.loc, "/oms/locations/", "LOC-100001001") ?>
  </tbody>
 </table></div>
</section>
<?cs /def ?>