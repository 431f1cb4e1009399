-- Role requests: a registered user asks for a role for an organisation; an
-- administrator, or one of the organisation's super users, decides.  Each
-- request keeps its decision (who, when, why); at most one request per
-- user, role and organisation is pending at a time.

CREATE TABLE IF NOT EXISTS role_requests (
  id              BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
  account_id      BIGINT UNSIGNED NOT NULL,
  role_code       VARCHAR(40) NOT NULL,
  org_id          VARCHAR(13) NOT NULL,          -- ORG-ID
  justification   TEXT NOT NULL,
  status          ENUM('PENDING', 'APPROVED', 'REJECTED', 'WITHDRAWN') NOT NULL DEFAULT 'PENDING',
  created_at      DATETIME NOT NULL DEFAULT UTC_TIMESTAMP(),
  decided_at      DATETIME NULL,
  decided_by      BIGINT UNSIGNED NULL,
  reason          VARCHAR(2000) NULL,
  document_name   VARCHAR(200) NULL,             -- as uploaded, for the download's name
  document_sha256 CHAR(64) NULL,                 -- the stored file's name under uploads.dir
  document_size   INT UNSIGNED NULL,
  pending_key     VARCHAR(80) AS (IF(status = 'PENDING', CONCAT(account_id, ':', role_code, ':', org_id), NULL)) STORED,
  UNIQUE KEY role_requests_pending (pending_key),
  KEY role_requests_account (account_id, created_at),
  KEY role_requests_queue (status, org_id, created_at),
  KEY role_requests_age (status, created_at),
  CONSTRAINT role_requests_account FOREIGN KEY (account_id) REFERENCES accounts (id),
  CONSTRAINT role_requests_role FOREIGN KEY (role_code) REFERENCES roles (code)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_520_ci;
