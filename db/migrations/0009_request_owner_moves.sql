-- What the account program may do to a request, enforced by the database:
-- the owner's moves and nothing else, whatever SQL its user sends.
-- spor_account keeps no UPDATE on change_requests and role_requests and
-- inserts only the columns that decide nothing (db/grants.sql); the status
-- changes only through the two procedures below, which run with their
-- definer's rights and allow the requester's own transitions alone:
--   change request: SAVED or RETURNED → itself (an edit), SUBMITTED or
--   WITHDRAWN; SUBMITTED → WITHDRAWN; the content (proposal,
--   justification, document, base version) only while SAVED or RETURNED;
--   role request: PENDING → WITHDRAWN.
-- Validation and decisions stay spor-admin's (spor_admin's grants).

-- A thread's event names a status only as a move (from → to) or as the
-- creation of a draft: a user who may add comments cannot forge a decision.
ALTER TABLE change_request_events
  ADD CONSTRAINT IF NOT EXISTS change_request_events_move
  CHECK (from_status IS NOT NULL OR to_status IS NULL OR to_status = 'SAVED');

-- The requester's edit and move of change request p_id, the row locked;
-- NULL arguments leave the content as it is.  Refused (SQLSTATE 45000):
-- someone else's request, a move that is not the requester's, content
-- written outside SAVED and RETURNED.  A move is recorded in the thread.
CREATE OR REPLACE PROCEDURE spor_cr_owner_write(
    IN p_id BIGINT UNSIGNED, IN p_account BIGINT UNSIGNED, IN p_to VARCHAR(20),
    IN p_proposed TEXT, IN p_justification TEXT, IN p_base_seq INT UNSIGNED,
    IN p_document_name VARCHAR(200), IN p_document_sha256 CHAR(64), IN p_document_size INT UNSIGNED)
  MODIFIES SQL DATA
  SQL SECURITY DEFINER
BEGIN
  DECLARE v_from VARCHAR(20) DEFAULT NULL;
  DECLARE v_owner BIGINT UNSIGNED DEFAULT NULL;
  SELECT status, account_id INTO v_from, v_owner FROM change_requests WHERE id = p_id FOR UPDATE;
  IF v_owner IS NULL OR v_owner <> p_account THEN
    SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'not the requester of this change request';
  END IF;
  IF NOT ((v_from IN ('SAVED', 'RETURNED') AND p_to IN (v_from, 'SUBMITTED', 'WITHDRAWN'))
          OR (v_from = 'SUBMITTED' AND p_to = 'WITHDRAWN')) THEN
    SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'not a move of the requester';
  END IF;
  IF v_from NOT IN ('SAVED', 'RETURNED')
     AND COALESCE(p_proposed, p_justification, p_base_seq, p_document_sha256) IS NOT NULL THEN
    SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'a submitted change request is frozen';
  END IF;
  UPDATE change_requests
     SET status = p_to, proposed = COALESCE(p_proposed, proposed),
         justification = COALESCE(p_justification, justification), base_seq = COALESCE(p_base_seq, base_seq),
         document_name = IF(p_document_sha256 IS NULL, document_name, p_document_name),
         document_size = IF(p_document_sha256 IS NULL, document_size, p_document_size),
         document_sha256 = COALESCE(p_document_sha256, document_sha256), updated_at = UTC_TIMESTAMP()
   WHERE id = p_id;
  IF p_to <> v_from THEN
    INSERT INTO change_request_events (request_id, actor_id, from_status, to_status)
      VALUES (p_id, p_account, v_from, p_to);
  END IF;
END;

-- The requester withdraws their pending role request p_id, the row locked;
-- anything else is refused (SQLSTATE 45000).
CREATE OR REPLACE PROCEDURE spor_role_request_withdraw(IN p_id BIGINT UNSIGNED, IN p_account BIGINT UNSIGNED)
  MODIFIES SQL DATA
  SQL SECURITY DEFINER
BEGIN
  DECLARE v_status VARCHAR(20) DEFAULT NULL;
  SELECT status INTO v_status FROM role_requests WHERE id = p_id AND account_id = p_account FOR UPDATE;
  IF v_status IS NULL OR v_status <> 'PENDING' THEN
    SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'only its requester withdraws a pending role request';
  END IF;
  UPDATE role_requests SET status = 'WITHDRAWN', decided_at = UTC_TIMESTAMP() WHERE id = p_id;
END;

-- Databases migrated before this one gave spor_account UPDATE and INSERT on
-- whole tables; take them back (grants.sql grants the columns it keeps).  On
-- a new database the role does not exist yet: nothing to take back.
BEGIN NOT ATOMIC
  DECLARE CONTINUE HANDLER FOR 1141, 1147 BEGIN END;   -- no such grant (or role)
  REVOKE UPDATE ON change_requests FROM spor_account;
  REVOKE INSERT ON change_requests FROM spor_account;
  REVOKE UPDATE ON role_requests FROM spor_account;
  REVOKE INSERT ON role_requests FROM spor_account;
  REVOKE INSERT ON change_request_events FROM spor_account;
END;
