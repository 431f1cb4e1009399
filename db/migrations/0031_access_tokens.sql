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

-- Every write a token makes is audit-logged with the token's name.
ALTER TABLE audit_log ADD COLUMN IF NOT EXISTS token_name VARCHAR(100) NULL;

-- An account that stops being active (locked, deleted) loses its tokens
-- whichever program or operator changed it; a reset password revokes them
-- where it ends the sessions (session_end_all).
CREATE OR REPLACE TRIGGER accounts_tokens_end AFTER UPDATE ON accounts FOR EACH ROW
  UPDATE access_tokens SET revoked_at = UTC_TIMESTAMP()
  WHERE NEW.status <> OLD.status AND NEW.status IN ('locked', 'deleted')
    AND account_id = NEW.id AND revoked_at IS NULL;

-- What the programs may know of a live token's account: as v_session_user
-- gives a session's, with the token's name and scope, and whether the
-- account has two-step sign-in on (a token that decides needs it).
CREATE OR REPLACE SQL SECURITY DEFINER VIEW v_token_user AS
  SELECT t.token_hash, t.id AS token_id, t.name AS token_name, t.scope, t.last_used_at,
         a.id AS account_id, a.name, a.ui_lang, a.data_lang, a.page_size, a.date_format,
         s.console_roles, s.held_roles, s.pending_roles,
         EXISTS (SELECT 1 FROM account_totp x WHERE x.account_id = a.id AND x.enabled_at IS NOT NULL) AS two_factor
  FROM access_tokens t JOIN accounts a ON a.id = t.account_id
  LEFT JOIN account_summary s ON s.account_id = a.id
  WHERE a.status = 'active' AND t.revoked_at IS NULL AND t.expires_at > UTC_TIMESTAMP();
