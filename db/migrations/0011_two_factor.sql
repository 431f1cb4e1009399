-- Two-step sign-in: each account's TOTP secret (RFC 6238) and its recovery
-- codes, and the sign-ins that gave the right password and wait for a
-- code.  Only spor-account reads or writes these tables; spor-admin learns
-- whether an account has two-step sign-in on through v_two_factor, which
-- holds no secret.

-- The secret is sealed (AES-256-GCM under the configuration's
-- twofactor.key, which only spor-account holds, bound to the account): a
-- copy of the database alone does not give the codes.  A row without
-- enabled_at is a secret shown on the enrolment page, not yet confirmed.
CREATE TABLE IF NOT EXISTS account_totp (
  account_id  BIGINT UNSIGNED NOT NULL PRIMARY KEY,
  secret      VARBINARY(128) NOT NULL,
  created_at  DATETIME NOT NULL DEFAULT UTC_TIMESTAMP(),
  enabled_at  DATETIME NULL,
  last_step   BIGINT UNSIGNED NOT NULL DEFAULT 0, -- the newest 30-second step used: it and older ones are refused
  CONSTRAINT account_totp_account FOREIGN KEY (account_id) REFERENCES accounts (id) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_520_ci;

-- Ten single-use codes per account, each stored as SHA-256 of its own salt
-- and the code.
CREATE TABLE IF NOT EXISTS account_recovery_codes (
  account_id  BIGINT UNSIGNED NOT NULL,
  salt        CHAR(8) CHARACTER SET ascii NOT NULL,
  code_hash   BINARY(32) NOT NULL,
  created_at  DATETIME NOT NULL DEFAULT UTC_TIMESTAMP(),
  used_at     DATETIME NULL,
  PRIMARY KEY (account_id, code_hash),
  CONSTRAINT account_recovery_codes_account FOREIGN KEY (account_id) REFERENCES accounts (id) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_520_ci;

-- A sign-in between the password and the code: found by the SHA-256 of the
-- token in the visitor's cookie, for one account, for a few minutes, used
-- once.
CREATE TABLE IF NOT EXISTS login_pending (
  token_hash  BINARY(32) NOT NULL PRIMARY KEY,
  account_id  BIGINT UNSIGNED NOT NULL,
  created_at  DATETIME NOT NULL DEFAULT UTC_TIMESTAMP(),
  expires_at  DATETIME NOT NULL,
  KEY login_pending_account (account_id),
  KEY login_pending_expires (expires_at),
  CONSTRAINT login_pending_account FOREIGN KEY (account_id) REFERENCES accounts (id) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_520_ci;

-- Who has two-step sign-in on, and since when: what spor-admin needs to
-- send an administrator or a data steward without it to the enrolment.
CREATE OR REPLACE SQL SECURITY DEFINER VIEW v_two_factor AS
  SELECT account_id, enabled_at FROM account_totp WHERE enabled_at IS NOT NULL;
