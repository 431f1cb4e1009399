-- Email identity: an account's email is stored in its normal form (trimmed,
-- lower case, the domain in IDNA ASCII form; cgi/email.h) and compared
-- byte for byte, so that another case, an accent or a look-alike letter
-- is another address, never the same account.  sporctl migrate brings
-- existing rows to the normal form after this script (cgi/ctl_emails.c)
-- and prints any two accounts whose addresses became one.
ALTER TABLE accounts MODIFY email VARCHAR(254) CHARACTER SET utf8mb4 COLLATE utf8mb4_bin NOT NULL;

-- The throttle counts every action that mails or hashes, not only failed
-- sign-ins: each action has its own counts per email and per address.
-- Rows from before are sign-ins.
ALTER TABLE auth_throttle
  ADD COLUMN IF NOT EXISTS action VARCHAR(24) CHARACTER SET ascii NOT NULL DEFAULT 'login' FIRST,
  DROP PRIMARY KEY,
  ADD PRIMARY KEY (action, scope, subject_hash);
