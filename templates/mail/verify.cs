<?cs # Mail: the link that verifies a new account's email.  First line: the subject. ?><?cs var:Lang.mail.verify.subject ?>

<?cs var:Lang.mail.hello ?> <?cs var:Mail.name ?>,

<?cs var:Lang.mail.verify.text ?>

<?cs var:Mail.site ?>/register/verify?token=<?cs var:Mail.token ?>

<?cs var:Lang.mail.verify.expiry ?>

<?cs var:Lang.mail.not_you ?>

-- 
<?cs var:Lang.site.name ?>
<?cs var:Mail.site ?>/
