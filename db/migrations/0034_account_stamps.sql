-- What spor-public's workers may keep of a session between requests.
--
-- Every signed-in page of spor-public reads its session (spor_request,
-- migration 0025) in the request's first round trip.  A worker now keeps
-- the session's row after reading it, with the account's stamp below, and
-- on the session's next page reads only the data generation, the stamp and
-- the server's clock (one table and one row by key: about half of the
-- call's cost to the server, docs/performance.md).  The kept row is used
-- while the stamp is the same and the clock is before the moment the
-- session would expire or go idle; else the worker calls spor_request again.
--
-- The stamp moves, in the transaction of the write, with everything that
-- changes what spor_request answers for an account's sessions: a session
-- ended, re-pointed, given another expiry or made to look idle longer (a
-- last visit moved back; moved forward, the kept row is only more cautious
-- than the table), any change to the account's row, and any change to its
-- summary (roles held or asked for, what it follows).  Deleting an account
-- deletes its sessions and summary by foreign key, which fires no trigger:
-- the account's own trigger moves the stamp.  A row per account, made with
-- it (so that moving a stamp only ever updates a row: two first moves of
-- one account's stamp could otherwise deadlock inserting it); the stamp only
-- grows, and the row outlives its account so that a stamp is never seen
-- twice.
--
-- spor-public may read this table: account numbers and counts of changes,
-- no session, hash, name or role.
CREATE TABLE IF NOT EXISTS account_stamps (
  account_id  BIGINT UNSIGNED NOT NULL PRIMARY KEY,
  stamp       BIGINT UNSIGNED NOT NULL
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_520_ci;

INSERT IGNORE INTO account_stamps (account_id, stamp) SELECT id, 0 FROM accounts;
CREATE OR REPLACE TRIGGER accounts_stamp_made AFTER INSERT ON accounts FOR EACH ROW
  INSERT IGNORE INTO account_stamps (account_id, stamp) VALUES (NEW.id, 0);

DROP PROCEDURE IF EXISTS spor_account_stamp;
CREATE PROCEDURE spor_account_stamp(IN p_account BIGINT UNSIGNED)
  MODIFIES SQL DATA SQL SECURITY DEFINER
  INSERT INTO account_stamps (account_id, stamp) VALUES (p_account, 1)
    ON DUPLICATE KEY UPDATE stamp = stamp + 1;

CREATE OR REPLACE TRIGGER sessions_stamp_ended AFTER DELETE ON sessions FOR EACH ROW
  CALL spor_account_stamp(OLD.account_id);
CREATE OR REPLACE TRIGGER sessions_stamp_changed AFTER UPDATE ON sessions FOR EACH ROW
BEGIN
  IF NOT (NEW.token_hash <=> OLD.token_hash AND NEW.account_id <=> OLD.account_id
          AND NEW.expires_at <=> OLD.expires_at AND NEW.last_seen_at >= OLD.last_seen_at) THEN
    CALL spor_account_stamp(OLD.account_id);
    IF NEW.account_id <> OLD.account_id THEN
      CALL spor_account_stamp(NEW.account_id);
    END IF;
  END IF;
END;

CREATE OR REPLACE TRIGGER accounts_stamp_changed AFTER UPDATE ON accounts FOR EACH ROW
BEGIN
  CALL spor_account_stamp(OLD.id);
  IF NEW.id <> OLD.id THEN
    CALL spor_account_stamp(NEW.id);
  END IF;
END;
CREATE OR REPLACE TRIGGER accounts_stamp_removed AFTER DELETE ON accounts FOR EACH ROW
  CALL spor_account_stamp(OLD.id);

CREATE OR REPLACE TRIGGER account_summary_stamp_added AFTER INSERT ON account_summary FOR EACH ROW
  CALL spor_account_stamp(NEW.account_id);
CREATE OR REPLACE TRIGGER account_summary_stamp_changed AFTER UPDATE ON account_summary FOR EACH ROW
  CALL spor_account_stamp(NEW.account_id);
CREATE OR REPLACE TRIGGER account_summary_stamp_removed AFTER DELETE ON account_summary FOR EACH ROW
  CALL spor_account_stamp(OLD.account_id);

-- spor_request as before (migration 0025), and for a live session its
-- account's stamp, the seconds it has left before it expires or goes idle,
-- and the server's clock (seconds since the epoch) it was read at.
DROP PROCEDURE IF EXISTS spor_request;
CREATE PROCEDURE spor_request(IN p_hash BINARY(32), IN p_idle_seconds INT UNSIGNED)
  READS SQL DATA SQL SECURITY DEFINER
  SELECT g.gen, a.id, a.name, a.ui_lang, a.data_lang, a.page_size, a.date_format, m.console_roles,
         m.held_roles, m.pending_roles, m.follows,
         IF(a.id IS NULL, NULL, COALESCE(t.stamp, 0)),
         IF(a.id IS NULL, NULL,
            LEAST(TIMESTAMPDIFF(SECOND, UTC_TIMESTAMP(), s.expires_at),
                  TIMESTAMPDIFF(SECOND, UTC_TIMESTAMP() - INTERVAL p_idle_seconds SECOND, s.last_seen_at))),
         UNIX_TIMESTAMP()
    FROM data_generation g
    LEFT JOIN sessions s ON s.token_hash = p_hash AND s.expires_at > UTC_TIMESTAMP()
         AND s.last_seen_at > UTC_TIMESTAMP() - INTERVAL p_idle_seconds SECOND
    LEFT JOIN accounts a ON a.id = s.account_id AND a.status = 'active'
    LEFT JOIN account_summary m ON m.account_id = a.id
    LEFT JOIN account_stamps t ON t.account_id = a.id
   WHERE g.id = 1;
