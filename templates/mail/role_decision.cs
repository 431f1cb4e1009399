<?cs # Mail to the requester: the decision on a role request.  First line: the subject. ?><?cs var:Lang.mail.role_decision.subject ?>

<?cs var:Lang.mail.hello ?> <?cs var:Mail.name ?>,

<?cs var:Lang.role[Mail.role].name ?>, <?cs var:Mail.org_name ?> (<?cs var:Mail.org ?>)

<?cs if:Mail.approved ?><?cs var:Lang.mail.role_decision.approved ?><?cs else ?><?cs var:Lang.mail.role_decision.rejected ?><?cs /if ?>
<?cs if:Mail.reason ?><?cs var:Lang.mail.role_decision.reason ?> <?cs var:Mail.reason ?>
<?cs /if ?>
<?cs var:Lang.mail.role_decision.see ?> <?cs var:Mail.site ?>/account/roles

-- 
<?cs var:Lang.site.name ?>
<?cs var:Mail.site ?>/
