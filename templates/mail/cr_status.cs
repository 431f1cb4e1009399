<?cs # Mail to the requester: their change request moved.  First line: the subject. ?><?cs var:Lang.mail.cr_status.subject ?> RRQ-<?cs var:Mail.id ?>

<?cs var:Lang.mail.hello ?> <?cs var:Mail.name ?>,

<?cs var:Lang.mail.cr_status.text ?> <?cs var:Lang.cr.statuses[Mail.status] ?>

<?cs var:Lang.cr.status_help[Mail.status] ?>

<?cs var:Mail.site ?>/account/requests/<?cs var:Mail.id ?>

-- 
<?cs var:Lang.site.name ?>
<?cs var:Mail.site ?>/
