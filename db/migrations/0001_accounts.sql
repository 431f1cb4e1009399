-- Accounts and sessions: the portal's own accounts.  Only spor-account and
-- spor-admin may read them; spor-public sees the narrow v_session_user view.

CREATE TABLE IF NOT EXISTS accounts (
  id            BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
  email         VARCHAR(254) NOT NULL,
  name          VARCHAR(200) NOT NULL,
  password_hash VARCHAR(255) NOT NULL,
  status        ENUM('pending', 'active', 'locked', 'deleted') NOT NULL DEFAULT 'pending',
  created_at    DATETIME NOT NULL DEFAULT UTC_TIMESTAMP(),
  updated_at    DATETIME NOT NULL DEFAULT UTC_TIMESTAMP(),
  UNIQUE KEY accounts_email (email)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_520_ci;

-- A session is found by the SHA-256 of its token; the token itself is never stored.
CREATE TABLE IF NOT EXISTS sessions (
  token_hash    BINARY(32) NOT NULL PRIMARY KEY,
  account_id    BIGINT UNSIGNED NOT NULL,
  created_at    DATETIME NOT NULL DEFAULT UTC_TIMESTAMP(),
  last_seen_at  DATETIME NOT NULL DEFAULT UTC_TIMESTAMP(),
  expires_at    DATETIME NOT NULL,
  KEY sessions_account (account_id),
  KEY sessions_expires (expires_at),
  CONSTRAINT sessions_account FOREIGN KEY (account_id) REFERENCES accounts (id) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_520_ci;

-- What spor-public may know of a session: enough to say who is signed in.
CREATE OR REPLACE SQL SECURITY DEFINER VIEW v_session_user AS
  SELECT s.token_hash, s.account_id, a.name, s.last_seen_at, s.expires_at
  FROM sessions s JOIN accounts a ON a.id = s.account_id
  WHERE a.status = 'active';
