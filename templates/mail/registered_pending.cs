<?cs # Mail: someone registered with an email whose account is still pending; nothing changed.  First line: the subject. ?><?cs var:Lang.mail.registered_pending.subject ?>

<?cs var:Lang.mail.hello ?>,

<?cs var:Lang.mail.registered_pending.text ?>

<?cs var:Lang.mail.registered_pending.first ?>

<?cs var:Lang.mail.registered_pending.forgot ?>
<?cs var:Mail.site ?>/password/forgot

<?cs var:Lang.mail.registered_pending.not_you ?>

-- 
<?cs var:Lang.site.name ?>
<?cs var:Mail.site ?>/
