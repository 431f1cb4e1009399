<?cs # Mail: the account was deleted.  First line: the subject. ?><?cs var:Lang.mail.account_deleted.subject ?>

<?cs var:Lang.mail.hello ?> <?cs var:Mail.name ?>,

<?cs var:Lang.mail.account_deleted.text ?>

-- 
<?cs var:Lang.site.name ?>
<?cs var:Mail.site ?>/
