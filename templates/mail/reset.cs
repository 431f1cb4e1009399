<?cs # Mail: a password reset link.  First line: the subject. ?><?cs var:Lang.mail.reset.subject ?>

<?cs var:Lang.mail.hello ?> <?cs var:Mail.name ?>,

<?cs var:Lang.mail.reset.text ?>

<?cs var:Mail.site ?>/password/reset?token=<?cs var:Mail.token ?>

<?cs var:Lang.mail.reset.expiry ?>

<?cs var:Lang.mail.reset.not_you ?>

-- 
<?cs var:Lang.site.name ?>
<?cs var:Mail.site ?>/
