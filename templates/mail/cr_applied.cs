<?cs # Mail to a follower of a list: an approved change was applied to it.  First line: the subject. ?><?cs var:Lang.mail.cr_applied.subject ?>

<?cs var:Lang.mail.hello ?>,

<?cs var:Lang.mail.cr_applied.text ?> RRQ-<?cs var:Mail.id ?>

<?cs var:Mail.site ?><?cs var:Mail.path ?>

<?cs var:Lang.mail.cr_applied.unsubscribe ?> <?cs var:Mail.site ?>/account/preferences

-- 
<?cs var:Lang.site.name ?>
<?cs var:Mail.site ?>/
