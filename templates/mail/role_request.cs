<?cs # Mail to those who decide: a role request waits.  First line: the subject. ?><?cs var:Lang.mail.role_request.subject ?>

<?cs var:Lang.mail.hello ?>,

<?cs var:Mail.requester ?> <?cs var:Lang.mail.role_request.text ?> <?cs var:Lang.role[Mail.role].name ?>
<?cs var:Lang.mail.role_request.for ?> <?cs var:Mail.org_name ?> (<?cs var:Mail.org ?>).

<?cs var:Lang.mail.role_request.justification ?>

<?cs var:Mail.site ?>/admin/role-requests/<?cs var:Mail.id ?>

-- 
<?cs var:Lang.site.name ?>
<?cs var:Mail.site ?>/
