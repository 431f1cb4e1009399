<?cs # A change request's form: a new term, a change to a term, a translation; the preview shows the diff. ?><?cs
def:title() ?><?cs call:cr_type(Page.type) ?><?cs /def ?><?cs
def:content() ?>
<nav class="breadcrumb" aria-label="<?cs var:Lang.nav.breadcrumb ?>">
 <ol>
  <li><a href="/"><?cs var:Lang.nav.home ?></a></li>
  <?cs if:Page.list.id ?><li><a href="/rms/lists/<?cs var:Page.list.id ?>"><?cs var:Page.list.name ?></a></li><?cs elif:Page.type == "ADD-ORG" || Page.org.id ?><li><a href="/oms/organisations"><?cs var:Lang.nav.oms ?></a></li><?cs if:Page.org.id ?><li><a href="/oms/organisations/<?cs var:Page.org.id ?>"><?cs var:Page.org.name ?></a></li><?cs /if ?><?cs else ?><li><a href="/rms/lists"><?cs var:Lang.nav.rms ?></a></li><?cs /if ?>
  <?cs if:Page.current.id ?><li><a href="/rms/terms/<?cs var:Page.current.id ?>"><?cs var:Page.current.name_en ?></a></li><?cs /if ?>
  <li aria-current="page"><?cs call:cr_type(Page.type) ?></li>
 </ol>
</nav>
<h1><?cs call:cr_type(Page.type) ?></h1>
<p class="lead"><?cs if:Page.type == "ADD-TERM" ?><?cs var:Lang.cr.intro.ADD_TERM ?><?cs elif:Page.type == "UPD-TERM" ?><?cs var:Lang.cr.intro.UPD_TERM ?><?cs elif:Page.type == "ADD-LIST" ?><?cs var:Lang.cr.intro.ADD_LIST ?><?cs elif:Page.type == "UPD-LIST" ?><?cs var:Lang.cr.intro.UPD_LIST ?><?cs elif:Page.type == "ADD-ORG" ?><?cs var:Lang.cr.intro.ADD_ORG ?><?cs elif:Page.type == "UPD-ORG" ?><?cs var:Lang.cr.intro.UPD_ORG ?><?cs elif:Page.type == "ADD-LOC" ?><?cs var:Lang.cr.intro.ADD_LOC ?><?cs elif:Page.type == "UPD-LOC" ?><?cs var:Lang.cr.intro.UPD_LOC ?><?cs else ?><?cs var:Lang.cr.intro.TRANSLATION ?><?cs /if ?></p>
<?cs if:Page.no_role ?>
<?cs call:may_not(Page.no_role, "notice-error") ?>
<?cs else ?>
<?cs if:Page.preview ?><div class="notice" role="status"><p><?cs var:Lang.cr.preview_intro ?></p></div><?cs call:cr_diff() ?><?cs /if ?>
<?cs if:subcount(Page.similar) > 0 ?><div class="notice notice-warning" role="status"><h2><?cs var:Lang.cr.similar_heading ?></h2>
 <p><?cs var:Lang.cr.similar_intro ?> <a href="/account/roles"><?cs var:Lang.roles.new ?></a></p>
 <ul><?cs each:o = Page.similar ?><li><a href="/oms/organisations/<?cs var:o.id ?>"><?cs var:o.name ?></a> <span class="id"><?cs var:o.id ?></span><?cs if:o.city ?> &middot; <?cs var:o.city ?><?cs /if ?></li><?cs /each ?></ul></div><?cs /if ?>
<form class="form narrow" method="post" enctype="multipart/form-data">
 <?cs call:csrf() ?>
 <?cs if:Page.lang ?><input type="hidden" name="text_lang" value="<?cs var:Page.lang ?>"><?cs /if ?>
 <?cs if:Page.type == "UPD-LIST" ?><input type="hidden" name="change" value="list"><?cs /if ?>
 <?cs if:Page.location ?><input type="hidden" name="location" value="<?cs var:Page.location ?>"><?cs /if ?>
 <?cs if:subcount(Page.similar) > 0 ?><input type="hidden" name="similar_seen" value="1"><?cs /if ?>
 <?cs call:cr_fields() ?>
</form>
<?cs /if ?>
<?cs /def ?>
