-- Bulk downloads (/downloads): the archives `sporctl dump` made, and the
-- dumps that approvals ask for.
--
-- Each archive the dump moved into its folder (downloads.dir): its file
-- name, what it holds, when it was made, its size and SHA-256.  The page
-- lists these rows (spor-public reads no folder); the dump writes a row
-- once its file is in place and deletes the row before the file when it
-- prunes old archives.
CREATE TABLE IF NOT EXISTS downloads (
  name          VARCHAR(64) NOT NULL PRIMARY KEY,
  kind          ENUM('lists', 'organisations') NOT NULL,
  made_at       DATETIME NOT NULL,
  size          BIGINT UNSIGNED NOT NULL,
  sha256        CHAR(64) NOT NULL,
  entries       INT UNSIGNED NOT NULL,
  KEY downloads_kind (kind, made_at)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_520_ci;

-- A dump asked for: the trigger below writes a row in the transaction that
-- approves a change request (whichever program or procedure approves it:
-- none of them writes files), and `sporctl dump --if-queued`, run every
-- minute by a timer, makes the dump and deletes the rows it has served.
CREATE TABLE IF NOT EXISTS dump_queue (
  id            BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
  request_id    BIGINT UNSIGNED NULL,
  queued_at     DATETIME NOT NULL DEFAULT UTC_TIMESTAMP()
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_520_ci;

CREATE OR REPLACE TRIGGER change_requests_approved AFTER UPDATE ON change_requests FOR EACH ROW
  IF NEW.status IN ('APPROVED', 'APPROVED_WC') AND OLD.status NOT IN ('APPROVED', 'APPROVED_WC') THEN
    INSERT INTO dump_queue (request_id) VALUES (NEW.id);
  END IF;
