-- Personal access tokens: a program acting for an account over the write
-- API (Authorization: Bearer spor_pat_...).  Shown to its owner once and
-- found by its SHA-256, never stored itself; named and scoped by its owner
-- (read: their own requests; write: also submit and change them; decide: a
-- data steward's or administrator's decisions), valid until it expires or is
-- revoked.  Revoked tokens stay, so that the audit log's names keep meaning.
CREATE TABLE IF NOT EXISTS access_tokens (
  id            BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
  token_hash    BINARY(32) NOT NULL,
  account_id    BIGINT UNSIGNED NOT NULL,
  name          VARCHAR(100) NOT NULL,
  scope         ENUM('read', 'write', 'decide') NOT NULL,
  created_at    DATETIME NOT NULL DEFAULT UTC_TIMESTAMP(),
  expires_at    DATETIME NOT NULL,
  last_used_at  DATETIME NULL,
  revoked_at    DATETIME NULL,
  UNIQUE KEY access_tokens_hash (token_hash),
  KEY access_tokens_account (account_id, revoked_at),
  CONSTRAINT access_tokens_account FOREIGN KEY (account_id) REFERENCES accounts (id) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_520_ci;

-- An account that stops being active (locked, deleted) loses its tokens
-- whichever program or operator changed it; a reset password revokes them
-- where it ends the sessions (session_end_all).
CREATE OR REPLACE TRIGGER accounts_tokens_end AFTER UPDATE ON accounts FOR EACH ROW
  UPDATE access_tokens SET revoked_at = UTC_TIMESTAMP()
  WHERE NEW.status <> OLD.status AND NEW.status IN ('locked', 'deleted')
    AND account_id = NEW.id AND revoked_at IS NULL;
