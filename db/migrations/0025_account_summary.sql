-- What a session's account holds besides its own columns (the roles that
-- open the console, every role held and asked for, what it follows), kept
-- per account by the triggers below, so that spor_request() reads a session
-- with three lookups by key.  Computed for every page as v_session_user
-- computes them, the four GROUP_CONCAT subqueries were most of the server's
-- time a page (planned and run again on each call: 0.49 ms of 0.85 ms,
-- docs/performance.md).  Rows deleted
-- with their account by the foreign keys need no trigger: this row goes
-- with them.
CREATE TABLE IF NOT EXISTS account_summary (
  account_id     BIGINT UNSIGNED NOT NULL PRIMARY KEY,
  console_roles  VARCHAR(1000) NULL,
  held_roles     TEXT NULL,
  pending_roles  TEXT NULL,
  follows        MEDIUMTEXT NULL,
  CONSTRAINT account_summary_account FOREIGN KEY (account_id) REFERENCES accounts (id) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_520_ci;

-- The account's row, computed as v_session_user computes it (migration 0019).
DROP PROCEDURE IF EXISTS spor_account_summarise;
CREATE PROCEDURE spor_account_summarise(IN p_account BIGINT UNSIGNED)
  MODIFIES SQL DATA SQL SECURITY DEFINER
  REPLACE INTO account_summary (account_id, console_roles, held_roles, pending_roles, follows)
  SELECT a.id,
         (SELECT GROUP_CONCAT(DISTINCT r.role_code ORDER BY r.role_code) FROM account_roles r
           WHERE r.account_id = a.id AND (r.org_id = '' OR r.role_code = 'INDUSTRY_SUPER_USER')),
         (SELECT GROUP_CONCAT(CONCAT(r.role_code, ':', r.org_id) ORDER BY r.role_code, r.org_id)
            FROM account_roles r WHERE r.account_id = a.id),
         (SELECT GROUP_CONCAT(CONCAT(q.role_code, ':', q.org_id) ORDER BY q.role_code, q.org_id)
            FROM role_requests q WHERE q.account_id = a.id AND q.status = 'PENDING'),
         (SELECT GROUP_CONCAT(CONCAT(f.kind, ':', f.ref) ORDER BY f.kind, f.ref) FROM favourites f
           WHERE f.account_id = a.id)
    FROM accounts a WHERE a.id = p_account;

CREATE OR REPLACE TRIGGER account_roles_added AFTER INSERT ON account_roles FOR EACH ROW
  CALL spor_account_summarise(NEW.account_id);
CREATE OR REPLACE TRIGGER account_roles_changed AFTER UPDATE ON account_roles FOR EACH ROW
BEGIN
  CALL spor_account_summarise(OLD.account_id);
  CALL spor_account_summarise(NEW.account_id);
END;
CREATE OR REPLACE TRIGGER account_roles_removed AFTER DELETE ON account_roles FOR EACH ROW
  CALL spor_account_summarise(OLD.account_id);
CREATE OR REPLACE TRIGGER role_requests_added AFTER INSERT ON role_requests FOR EACH ROW
  CALL spor_account_summarise(NEW.account_id);
CREATE OR REPLACE TRIGGER role_requests_changed AFTER UPDATE ON role_requests FOR EACH ROW
BEGIN
  CALL spor_account_summarise(OLD.account_id);
  CALL spor_account_summarise(NEW.account_id);
END;
CREATE OR REPLACE TRIGGER role_requests_removed AFTER DELETE ON role_requests FOR EACH ROW
  CALL spor_account_summarise(OLD.account_id);
CREATE OR REPLACE TRIGGER favourites_added AFTER INSERT ON favourites FOR EACH ROW
  CALL spor_account_summarise(NEW.account_id);
CREATE OR REPLACE TRIGGER favourites_changed AFTER UPDATE ON favourites FOR EACH ROW
BEGIN
  CALL spor_account_summarise(OLD.account_id);
  CALL spor_account_summarise(NEW.account_id);
END;
CREATE OR REPLACE TRIGGER favourites_removed AFTER DELETE ON favourites FOR EACH ROW
  CALL spor_account_summarise(OLD.account_id);

-- The accounts there are already.
BEGIN NOT ATOMIC
  FOR a IN (SELECT id FROM accounts) DO
    CALL spor_account_summarise(a.id);
  END FOR;
END;

-- spor-public's one statement before its page's own: the data generation
-- (migration 0020) and, for a live session of the hash (NULL: none), its
-- account, roles and follows as plain columns (no JSON to build and take
-- apart again, as spor_session() did), so that no page asks for its star
-- apart.  Always one row; the session's columns are NULL when the session
-- is none, has expired or gone idle, or its account is not active.
-- spor-public may read no session table: the procedure is its boundary
-- (definer's rights).  A chain of outer joins on keys, each table one row
-- or none, which the server plans as constants (an inner join nested in an
-- outer one it planned in full, each call).
DROP PROCEDURE IF EXISTS spor_request;
CREATE PROCEDURE spor_request(IN p_hash BINARY(32), IN p_idle_seconds INT UNSIGNED)
  READS SQL DATA SQL SECURITY DEFINER
  SELECT g.gen, a.id, a.name, a.ui_lang, a.data_lang, a.page_size, a.date_format, m.console_roles,
         m.held_roles, m.pending_roles, m.follows
    FROM data_generation g
    LEFT JOIN sessions s ON s.token_hash = p_hash AND s.expires_at > UTC_TIMESTAMP()
         AND s.last_seen_at > UTC_TIMESTAMP() - INTERVAL p_idle_seconds SECOND
    LEFT JOIN accounts a ON a.id = s.account_id AND a.status = 'active'
    LEFT JOIN account_summary m ON m.account_id = a.id
   WHERE g.id = 1;

-- spor-public's earlier way to a session and its star (migration 0010): no
-- program calls them now; dropped, they take their grants with them.
DROP FUNCTION IF EXISTS spor_session;
DROP FUNCTION IF EXISTS spor_session_follows;
