<?cs # Mail to a data steward or administrator: the requests that arrived in their queues since the last one (sporctl notify).  First line: the subject. ?><?cs var:Lang.mail.queue.subject ?> (<?cs var:Mail.count ?>)

<?cs var:Lang.mail.hello ?>,

<?cs var:Lang.mail.queue.text ?>
<?cs each:q = Mail.requests ?><?cs if:q.kind == "role" ?>
- RR-<?cs var:q.id ?><?cs var:Lang.mail.queue.colon ?> <?cs var:q.requester ?> <?cs var:Lang.mail.queue.role ?> <?cs var:Lang.role[q.what].name ?> <?cs var:Lang.mail.queue.for ?> <?cs var:q.org ?>
  <?cs var:Mail.site ?>/admin/role-requests/<?cs var:q.id ?>
<?cs else ?>
- RRQ-<?cs var:q.id ?><?cs var:Lang.mail.queue.colon ?> <?cs var:Lang.cr.types[q.what] ?>, <?cs var:Lang.mail.queue.change ?> <?cs var:q.requester ?>
  <?cs var:Mail.site ?>/admin/change-requests/<?cs var:q.id ?>
<?cs /if ?><?cs /each ?>
<?cs var:Lang.mail.queue.why ?>
<?cs var:Mail.site ?>/account/preferences

-- 
<?cs var:Lang.site.name ?>
<?cs var:Mail.site ?>/
