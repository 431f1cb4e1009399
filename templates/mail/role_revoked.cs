<?cs # Mail to a user whose role was revoked.  First line: the subject. ?><?cs var:Lang.mail.role_revoked.subject ?>

<?cs var:Lang.mail.hello ?> <?cs var:Mail.name ?>,

<?cs var:Lang.mail.role_revoked.text ?> <?cs var:Lang.role[Mail.role].name ?>, <?cs var:Mail.org_name ?> (<?cs var:Mail.org ?>)
<?cs var:Lang.mail.role_decision.reason ?> <?cs var:Mail.reason ?>

<?cs var:Lang.mail.role_decision.see ?> <?cs var:Mail.site ?>/account/roles

-- 
<?cs var:Lang.site.name ?>
<?cs var:Mail.site ?>/
