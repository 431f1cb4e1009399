<?cs # /rms/lists: every controlled term list; what every visitor sees alike is rms/lists_table.cs. ?><?cs
def:title() ?><?cs var:Lang.rms.lists_title ?><?cs /def ?><?cs
def:content() ?>
<?cs call:breadcrumb(Lang.nav.rms) ?>
<h1><?cs var:Lang.rms.lists_title ?></h1>
<?cs if:May.propose == "1" ?><p><a class="button button-secondary" href="/rms/requests/new"><?cs var:Lang.rms.propose_list ?></a></p><?cs else ?><?cs call:may_not("propose", "") ?><?cs /if ?>
<p class="lead"><?cs var:Lang.rms.lists_lead ?></p>

<?cs # The rest, the same for every visitor, rendered apart and kept by the worker (rms/lists_table.cs,
# cgi/core/fragment.h): a marker here, which the page's HTML replaces. ?><?cs var:Page.table ?>
<?cs /def ?>