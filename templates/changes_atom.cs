<?xml version="1.0" encoding="utf-8"?><?cs # The Atom 1.0 document of the change feed (cgi/api/api_changes.c): all changes, a list's or an organisation's, newest first; every value printed with var: (escaped). ?>
<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="<?cs if:Req.lang ?><?cs var:Req.lang ?><?cs else ?>en<?cs /if ?>">
 <id><?cs var:Page.feed.self ?></id>
 <title><?cs if:Page.feed.of == "list" ?><?cs var:Lang.changes.feed_list ?> <?cs var:Page.feed.name ?><?cs elif:Page.feed.of == "organisation" ?><?cs var:Lang.changes.feed_organisation ?> <?cs var:Page.feed.name ?><?cs else ?><?cs var:Lang.changes.feed_all ?><?cs /if ?> | <?cs var:Lang.site.name ?></title>
 <updated><?cs var:Page.feed.updated ?></updated>
 <author><name><?cs var:Lang.site.name ?></name></author>
 <link rel="self" type="application/atom+xml" href="<?cs var:Page.feed.self ?>"/>
 <link rel="alternate" type="text/html" href="<?cs var:Page.feed.page ?>"/>
<?cs each:e = Page.entries ?> <entry>
  <id><?cs var:e.uri ?></id>
  <title><?cs var:Lang.changes.kind[e.kind] ?> <?cs var:e.id ?><?cs if:e.name ?>: <?cs var:e.name ?><?cs /if ?> (<?cs var:Lang.changes.version ?> <?cs var:e.version ?>)</title>
  <updated><?cs var:e.time ?></updated>
  <link rel="alternate" type="text/html" href="<?cs var:e.page ?>"/>
  <summary><?cs if:e.changes == "created" ?><?cs var:Lang.changes.created ?><?cs elif:e.changes ?><?cs var:Lang.changes.changed ?> <?cs var:e.changes ?>.<?cs else ?><?cs var:Lang.changes.recorded ?><?cs /if ?> <?cs if:Lang.changes.source[e.source] ?><?cs var:Lang.changes.source[e.source] ?><?cs else ?><?cs var:e.source ?>.<?cs /if ?><?cs if:e.request ?> <?cs var:Lang.changes.request ?> <?cs var:e.request ?>.<?cs /if ?><?cs if:e.file ?> <?cs var:Lang.changes.file ?> <?cs var:e.file ?>.<?cs /if ?></summary>
 </entry>
<?cs /each ?></feed>
