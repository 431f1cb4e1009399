-- Change requests: a registered user with a role proposes a change to the
-- reference data; data stewards evaluate it; an approved change is applied
-- in the same transaction as the request's new status, with a new version
-- in the data's history pointing back at the request.  Every transition
-- and every comment of the thread is an event.

CREATE TABLE IF NOT EXISTS change_requests (
  id            BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,   -- quoted as RRQ-<id>
  type          ENUM('ADD-TERM', 'UPD-TERM', 'TRANSLATION', 'ADD-LIST', 'UPD-LIST',
                     'ADD-ORG', 'UPD-ORG', 'ADD-LOC', 'UPD-LOC') NOT NULL,
  status        ENUM('SAVED', 'SUBMITTED', 'VALID', 'INVALID', 'RETURNED', 'APPROVED', 'APPROVED_WC',
                     'REJECTED', 'WITHDRAWN') NOT NULL DEFAULT 'SAVED',
  account_id    BIGINT UNSIGNED NOT NULL,
  list_id       BIGINT UNSIGNED NULL,         -- the list (a new list's once applied)
  term_id       BIGINT UNSIGNED NULL,         -- the term changed, or the new term once applied
  org_id        VARCHAR(13) NULL,             -- OMS: the organisation (a new one's once applied)
  loc_id        VARCHAR(13) NULL,             -- OMS: the location (a new one's once applied)
  lang          VARCHAR(10) NOT NULL DEFAULT 'en',
  proposed      TEXT NOT NULL CHECK (JSON_VALID(proposed)),   -- the fields to change, as JSON
  justification TEXT NOT NULL,
  document_name   VARCHAR(200) NULL,          -- a supporting PDF, as uploaded
  document_sha256 CHAR(64) NULL,              -- its file under uploads.dir
  document_size   INT UNSIGNED NULL,
  base_seq      INT UNSIGNED NULL,            -- what the proposal was made against: the term's or list's
                                              -- version, or the CRC32 of the organisation's record
  assigned_to   BIGINT UNSIGNED NULL,         -- the steward who took it
  applied_seq   INT UNSIGNED NULL,            -- the version the approval made
  created_at    DATETIME NOT NULL DEFAULT UTC_TIMESTAMP(),
  updated_at    DATETIME NOT NULL DEFAULT UTC_TIMESTAMP(),
  KEY change_requests_account (account_id, id),
  KEY change_requests_queue (status, updated_at),
  KEY change_requests_term (term_id),
  KEY change_requests_list (list_id, status),
  KEY change_requests_org (org_id, status),
  CONSTRAINT change_requests_account FOREIGN KEY (account_id) REFERENCES accounts (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_520_ci;

CREATE TABLE IF NOT EXISTS change_request_events (
  id            BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
  request_id    BIGINT UNSIGNED NOT NULL,
  at            DATETIME NOT NULL DEFAULT UTC_TIMESTAMP(),
  actor_id      BIGINT UNSIGNED NOT NULL,
  from_status   VARCHAR(20) NULL,             -- NULL for a comment
  to_status     VARCHAR(20) NULL,
  comment       TEXT NULL,
  KEY change_request_events_request (request_id, id),
  CONSTRAINT change_request_events_request FOREIGN KEY (request_id) REFERENCES change_requests (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_520_ci;

-- The history of a list: one row per version since the portal changed it
-- (the version before the first change is recorded too), with a snapshot.
CREATE TABLE IF NOT EXISTS rms_list_versions (
  list_id       BIGINT UNSIGNED NOT NULL,
  seq           INT UNSIGNED NOT NULL,        -- the list's version number
  recorded_at   DATETIME NOT NULL DEFAULT UTC_TIMESTAMP(),
  source        VARCHAR(20) NOT NULL,         -- 'import' (as it was), 'request'
  request_id    BIGINT UNSIGNED NULL,
  changes       VARCHAR(2000) NOT NULL DEFAULT '',
  snapshot      TEXT NOT NULL CHECK (JSON_VALID(snapshot)),
  PRIMARY KEY (list_id, seq),
  CONSTRAINT rms_list_versions_list FOREIGN KEY (list_id) REFERENCES rms_lists (id) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_520_ci;

-- The history of an organisation (with its locations): its record at each
-- version since the portal changed it, the one before the first change too.
-- No foreign key: the store rewrites an organisation's row on each change.
CREATE TABLE IF NOT EXISTS oms_org_versions (
  org_id        INT UNSIGNED NOT NULL,
  seq           INT UNSIGNED NOT NULL,
  recorded_at   DATETIME NOT NULL DEFAULT UTC_TIMESTAMP(),
  source        VARCHAR(20) NOT NULL,         -- 'import' (as it was), 'request'
  request_id    BIGINT UNSIGNED NULL,
  loc_id        VARCHAR(13) NULL,             -- the location the change was about, if one
  changes       VARCHAR(2000) NOT NULL DEFAULT '',
  record        LONGTEXT NOT NULL CHECK (JSON_VALID(record)),
  PRIMARY KEY (org_id, seq)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_520_ci;
