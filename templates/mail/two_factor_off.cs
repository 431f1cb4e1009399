<?cs # Mail: two-step sign-in was turned off, by the owner or by an operator (Mail.operator).  First line: the subject. ?><?cs var:Lang.mail.two_factor_off.subject ?>

<?cs var:Lang.mail.hello ?> <?cs var:Mail.name ?>,

<?cs if:Mail.operator ?><?cs var:Lang.mail.two_factor_off.by_operator ?><?cs else ?><?cs var:Lang.mail.two_factor_off.text ?><?cs /if ?>

<?cs var:Lang.mail.two_factor_off.again ?> <?cs var:Mail.site ?>/account/two-factor

<?cs var:Lang.mail.two_factor_off.not_you ?> <?cs var:Mail.site ?>/password/forgot

-- 
<?cs var:Lang.site.name ?>
<?cs var:Mail.site ?>/
