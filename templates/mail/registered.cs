<?cs # Mail: someone registered with an email that already has an account.  First line: the subject. ?><?cs var:Lang.mail.registered.subject ?>

<?cs var:Lang.mail.hello ?>,

<?cs var:Lang.mail.registered.text ?>

<?cs var:Mail.site ?>/login
<?cs var:Lang.mail.registered.forgot ?> <?cs var:Mail.site ?>/password/forgot

<?cs var:Lang.mail.not_you ?>

-- 
<?cs var:Lang.site.name ?>
<?cs var:Mail.site ?>/
