<?cs # Mail: two-step sign-in was turned on.  First line: the subject. ?><?cs var:Lang.mail.two_factor_on.subject ?>

<?cs var:Lang.mail.hello ?> <?cs var:Mail.name ?>,

<?cs var:Lang.mail.two_factor_on.text ?>

<?cs var:Lang.mail.two_factor_on.not_you ?> <?cs var:Mail.site ?>/password/forgot

-- 
<?cs var:Lang.site.name ?>
<?cs var:Mail.site ?>/
