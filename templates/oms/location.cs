<?cs # /oms/locations/{locId}: one location. ?><?cs include:"oms/history.cs" ?><?cs
def:title() ?><?cs var:Page.loc.org_name ?>, <?cs var:Page.loc.city ?> (<?cs var:Page.loc.id ?>)<?cs /def ?><?cs
def:content() ?>
<nav class="breadcrumb" aria-label="<?cs var:Lang.nav.breadcrumb ?>">
 <ol>
  <li><a href="/"><?cs var:Lang.nav.home ?></a></li>
  <li><a href="/oms/organisations"><?cs var:Lang.nav.oms ?></a></li>
  <li><a href="/oms/organisations/<?cs var:Page.loc.org_id ?>"><?cs var:Page.loc.org_name ?></a></li>
  <li aria-current="page"><?cs var:Page.loc.city ?></li>
 </ol>
</nav>
<h1><?cs var:Page.loc.org_name ?>, <?cs var:Page.loc.city ?></h1>
<?cs if:May.change_org == "1" ?><p><a class="button button-secondary" href="/oms/organisations/<?cs var:Page.loc.org_id ?>/requests/new?location=<?cs var:Page.loc.id ?>"><?cs var:Lang.oms.propose_location_change ?></a></p><?cs else ?><?cs call:may_not("change_org", "") ?><?cs /if ?>
<p class="record-id"><?cs var:Lang.oms.loc_id ?> <span class="id"><?cs var:Page.loc.id ?></span> <?cs call:org_status(Page.loc.status) ?></p>

<section aria-labelledby="address">
<h2 id="address"><?cs var:Lang.oms.address ?></h2>
<address class="postal"<?cs if:Page.loc.lang ?> lang="<?cs var:Page.loc.lang ?>"<?cs /if ?>>
<?cs var:Page.loc.org_name ?><br>
<?cs var:Page.loc.line1 ?><br>
<?cs if:Page.loc.line2 ?><?cs var:Page.loc.line2 ?><br><?cs /if ?>
<?cs if:Page.loc.line3 ?><?cs var:Page.loc.line3 ?><br><?cs /if ?>
<?cs if:Page.loc.line4 ?><?cs var:Page.loc.line4 ?><br><?cs /if ?>
<?cs if:Page.loc.po_box ?><?cs if:Page.loc.po_box_bare ?><span lang="<?cs var:Req.lang ?>"><?cs var:Lang.oms.po_box ?></span> <?cs /if ?><?cs var:Page.loc.po_box ?><br><?cs /if ?>
<?cs var:Page.loc.postal_code ?> <?cs var:Page.loc.city ?><br>
<?cs if:Page.loc.county ?><?cs var:Page.loc.county ?><br><?cs /if ?>
<?cs if:Page.loc.region ?><?cs var:Page.loc.region ?><br><?cs /if ?>
<span lang="<?cs var:Req.data_lang ?>"><?cs if:Page.loc.country_term ?><a href="/rms/terms/<?cs var:Page.loc.country_term ?>"><?cs var:Page.loc.country ?></a><?cs else ?><?cs var:Page.loc.country ?><?cs /if ?></span>
</address>
</section>

<section aria-labelledby="details">
<h2 id="details"><?cs var:Lang.rms.details ?></h2>
<dl class="facts">
 <div><dt><?cs var:Lang.oms.organisation ?></dt><dd><a href="/oms/organisations/<?cs var:Page.loc.org_id ?>"><?cs var:Page.loc.org_name ?></a> <span class="id"><?cs var:Page.loc.org_id ?></span> <?cs call:org_status(Page.loc.org_status) ?><?cs if:Page.loc.siblings > 1 ?> <span class="secondary">(<?cs call:count(Page.loc.siblings, Lang.oms.locations_noun) ?>)</span><?cs /if ?></dd></div>
 <?cs if:Page.loc.latitude ?><div><dt><?cs var:Lang.oms.gps ?></dt><dd><?cs var:Page.loc.latitude ?>, <?cs var:Page.loc.longitude ?></dd></div><?cs /if ?>
 <?cs if:Page.loc.lang ?><div><dt><?cs var:Lang.oms.language ?></dt><dd><?cs call:language(Page.loc.lang) ?></dd></div><?cs /if ?>
 <?cs if:Page.loc.email ?><div><dt><?cs var:Lang.oms.email ?></dt><dd><a href="mailto:<?cs var:Page.loc.email ?>"><?cs var:Page.loc.email ?></a></dd></div><?cs /if ?>
 <?cs if:Page.loc.phone ?><div><dt><?cs var:Lang.oms.phone ?></dt><dd><?cs var:Page.loc.phone ?></dd></div><?cs /if ?>
 <div><dt><?cs var:Lang.oms.status ?></dt><dd><?cs call:org_status(Page.loc.status) ?></dd></div>
 <?cs if:Page.loc.version ?><div><dt><?cs var:Lang.oms.version ?></dt><dd><?cs call:date(Page.loc.version) ?></dd></div><?cs /if ?>
 <?cs if:subcount(Page.merged) > 0 ?><div><dt><?cs var:Lang.oms.merged_ids ?></dt><dd><ul class="inline-list"><?cs each:m = Page.merged ?><li><span class="id"><?cs var:m.id ?></span></li><?cs /each ?></ul></dd></div><?cs /if ?>
</dl>
</section>
<?cs call:oms_history(Lang.oms.no_history) ?>
<?cs /def ?>
