<?cs # /rms/lists/{listId}: one list and its terms; what every visitor sees alike is rms/list_table.cs. ?><?cs
def:title() ?><?cs var:Page.list.name ?> (<?cs var:Page.list.id ?>)<?cs /def ?><?cs
def:content() ?>
<nav class="breadcrumb" aria-label="<?cs var:Lang.nav.breadcrumb ?>">
 <ol>
  <li><a href="/"><?cs var:Lang.nav.home ?></a></li>
  <li><a href="/rms/lists"><?cs var:Lang.nav.rms ?></a></li>
  <li aria-current="page"><?cs var:Page.list.name ?></li>
 </ol>
</nav>
<h1><?cs var:Page.list.name ?></h1>
<?cs call:favourite_star() ?>
<?cs if:May.propose == "1" ?><p class="actions"><a class="button button-secondary" href="/rms/lists/<?cs var:Page.list.id ?>/requests/new"><?cs var:Lang.rms.propose_term ?></a> <a class="button button-secondary" href="/rms/lists/<?cs var:Page.list.id ?>/requests/new?change=list"><?cs var:Lang.rms.propose_list_change ?></a></p><?cs else ?><?cs call:may_not("propose", "") ?><?cs /if ?>
<?cs # The rest, the same for every visitor, rendered apart and kept by the worker (rms/list_table.cs,
# cgi/core/fragment.h): a marker here, which the page's HTML replaces. ?><?cs var:Page.table ?>
<?cs /def ?>