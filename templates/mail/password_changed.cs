<?cs # Mail: the account's password was changed.  First line: the subject. ?><?cs var:Lang.mail.password_changed.subject ?>

<?cs var:Lang.mail.hello ?> <?cs var:Mail.name ?>,

<?cs var:Lang.mail.password_changed.text ?>

<?cs var:Lang.mail.password_changed.not_you ?> <?cs var:Mail.site ?>/password/forgot

-- 
<?cs var:Lang.site.name ?>
<?cs var:Mail.site ?>/
