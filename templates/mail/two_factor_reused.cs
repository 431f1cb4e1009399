<?cs # Mail: a code of the authenticator app that was used already was typed at the second step of a sign-in.  First line: the subject. ?><?cs var:Lang.mail.two_factor_reused.subject ?>

<?cs var:Lang.mail.hello ?> <?cs var:Mail.name ?>,

<?cs var:Lang.mail.two_factor_reused.text ?>

<?cs var:Lang.mail.two_factor_reused.if_you ?>

<?cs var:Lang.mail.two_factor_reused.not_you ?> <?cs var:Mail.site ?>/account/password

-- 
<?cs var:Lang.site.name ?>
<?cs var:Mail.site ?>/
