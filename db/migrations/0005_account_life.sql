-- Accounts, continued: preferences, one-time links (email verification and
-- password reset), sign-in throttling, the audit log, favourites, and the
-- role catalogue with the roles accounts hold.

ALTER TABLE accounts
  ADD COLUMN IF NOT EXISTS ui_lang          VARCHAR(12) NULL,      -- interface; NULL: ?lang=, then the browser
  ADD COLUMN IF NOT EXISTS data_lang        VARCHAR(12) NULL,      -- term names; NULL: the interface language
  ADD COLUMN IF NOT EXISTS page_size        SMALLINT UNSIGNED NULL, -- rows per page; NULL: the portal's default
  ADD COLUMN IF NOT EXISTS date_format      ENUM('iso', 'dmy', 'long') NOT NULL DEFAULT 'iso',
  ADD COLUMN IF NOT EXISTS notify_requests  BOOLEAN NOT NULL DEFAULT TRUE, -- my role and change requests
  ADD COLUMN IF NOT EXISTS notify_following BOOLEAN NOT NULL DEFAULT TRUE, -- changes to my favourites
  ADD COLUMN IF NOT EXISTS notify_queue     BOOLEAN NOT NULL DEFAULT TRUE, -- requests waiting for my decision
  ADD COLUMN IF NOT EXISTS last_login_at    DATETIME NULL;

-- A link sent by email, found by the SHA-256 of its token; used once.
CREATE TABLE IF NOT EXISTS account_tokens (
  token_hash  BINARY(32) NOT NULL PRIMARY KEY,
  account_id  BIGINT UNSIGNED NOT NULL,
  purpose     ENUM('verify', 'reset') NOT NULL,
  created_at  DATETIME NOT NULL DEFAULT UTC_TIMESTAMP(),
  expires_at  DATETIME NOT NULL,
  used_at     DATETIME NULL,
  KEY account_tokens_account (account_id, purpose),
  CONSTRAINT account_tokens_account FOREIGN KEY (account_id) REFERENCES accounts (id) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_520_ci;

-- Failed sign-ins per account (the email typed, hashed: unknown ones too)
-- and per client address; a lockout doubles each time, up to an hour.
CREATE TABLE IF NOT EXISTS auth_throttle (
  scope           ENUM('account', 'address') NOT NULL,
  subject_hash    BINARY(32) NOT NULL,
  failures        INT UNSIGNED NOT NULL DEFAULT 0,
  lockouts        INT UNSIGNED NOT NULL DEFAULT 0,
  last_failure_at DATETIME NOT NULL DEFAULT UTC_TIMESTAMP(),
  locked_until    DATETIME NULL,
  PRIMARY KEY (scope, subject_hash)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_520_ci;

-- What happened to accounts, kept after an account is deleted (by ID only).
CREATE TABLE IF NOT EXISTS audit_log (
  id          BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
  at          DATETIME(3) NOT NULL DEFAULT UTC_TIMESTAMP(3),
  event       VARCHAR(40) NOT NULL,   -- login.ok, login.failed, login.lockout, password.reset, ...
  account_id  BIGINT UNSIGNED NULL,   -- the account concerned, when known
  actor_id    BIGINT UNSIGNED NULL,   -- who acted on it, when someone else
  subject     VARCHAR(254) NULL,      -- the email typed, for failures
  address     VARCHAR(45) NULL,       -- the client's address
  detail      VARCHAR(500) NULL,
  KEY audit_at (at),
  KEY audit_event (event, at),
  KEY audit_account (account_id, at)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_520_ci;

-- Lists and organisations an account follows.
CREATE TABLE IF NOT EXISTS favourites (
  account_id  BIGINT UNSIGNED NOT NULL,
  kind        ENUM('list', 'organisation') NOT NULL,
  ref         VARCHAR(13) NOT NULL,   -- a list ID (12 digits) or an ORG-ID
  created_at  DATETIME NOT NULL DEFAULT UTC_TIMESTAMP(),
  PRIMARY KEY (account_id, kind, ref),
  KEY favourites_ref (kind, ref),
  CONSTRAINT favourites_account FOREIGN KEY (account_id) REFERENCES accounts (id) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_520_ci;

-- The roles of SPOR.  Organisation roles are held for an ORG-ID, agency
-- roles for the whole portal (org_id '').  Their descriptions are interface
-- strings (Lang.role.<code>).
CREATE TABLE IF NOT EXISTS roles (
  code        VARCHAR(40) NOT NULL PRIMARY KEY,
  scope       ENUM('organisation', 'agency') NOT NULL,
  position    TINYINT UNSIGNED NOT NULL
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_520_ci;

INSERT IGNORE INTO roles (code, scope, position) VALUES
  ('INDUSTRY_USER', 'organisation', 1),
  ('INDUSTRY_SUPER_USER', 'organisation', 2),
  ('NCA_USER', 'organisation', 3),
  ('TRANSLATOR', 'agency', 4),
  ('DATA_STEWARD', 'agency', 5),
  ('ADMINISTRATOR', 'agency', 6);

CREATE TABLE IF NOT EXISTS account_roles (
  account_id  BIGINT UNSIGNED NOT NULL,
  role_code   VARCHAR(40) NOT NULL,
  org_id      VARCHAR(13) NOT NULL DEFAULT '',
  granted_at  DATETIME NOT NULL DEFAULT UTC_TIMESTAMP(),
  granted_by  BIGINT UNSIGNED NULL,
  PRIMARY KEY (account_id, role_code, org_id),
  KEY account_roles_org (org_id, role_code),
  CONSTRAINT account_roles_account FOREIGN KEY (account_id) REFERENCES accounts (id) ON DELETE CASCADE,
  CONSTRAINT account_roles_role FOREIGN KEY (role_code) REFERENCES roles (code)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_520_ci;

-- What every program may know of a session: who is signed in, the
-- preferences every page applies, and the roles that open spor-admin's
-- console (the agency's, and Super User of any organisation).  No secrets.
CREATE OR REPLACE SQL SECURITY DEFINER VIEW v_session_user AS
  SELECT s.token_hash, s.account_id, a.name, s.last_seen_at, s.expires_at,
         a.ui_lang, a.data_lang, a.page_size, a.date_format,
         (SELECT GROUP_CONCAT(DISTINCT r.role_code ORDER BY r.role_code) FROM account_roles r
           WHERE r.account_id = a.id AND (r.org_id = '' OR r.role_code = 'INDUSTRY_SUPER_USER')) AS console_roles
  FROM sessions s JOIN accounts a ON a.id = s.account_id
  WHERE a.status = 'active';

-- A signed-in visitor's favourites, found only through the session's hash.
CREATE OR REPLACE SQL SECURITY DEFINER VIEW v_session_favourites AS
  SELECT s.token_hash, f.kind, f.ref
  FROM sessions s JOIN favourites f ON f.account_id = s.account_id;
