-- The three records of a change request, kept once and never changed: what
-- the request was about as it was when it was submitted (and again when it
-- was decided, if it had moved meanwhile), the proposal exactly as its
-- requester sent it, and what was approved (the steward's version when the
-- request was approved with changes).  The requester's page, the stewards'
-- console and the public history show them side by side; before them, the
-- pages read "now" from the live data, so that once approved "now" equalled
-- "proposed", and an approval with changes overwrote the proposal.
--
-- A record is a flat JSON object of the fields the request's type can
-- change (cgi/account/cr_record.c): the term's, the list's, the
-- organisation's or the location's, each a string.  "before" and
-- "before_decision" hold every such field; "proposed" and "approved" the
-- ones the proposal changes.  Each submission is a round: a request
-- returned and submitted again gets a new round, and the earlier one stays
-- as it was.
--
-- Written by: the requester's submission (spor_cr_owner_write below, as
-- the account program's user may not write records itself): "before" and
-- "proposed"; the steward's decision (spor-admin): "before_decision" and
-- "approved".  Requests submitted before this migration get what their
-- data still tells (sporctl migrate, cgi/ctl/ctl_records.c), marked
-- source 'migrated'; docs/operations.md says what could not be recovered.
CREATE TABLE IF NOT EXISTS change_request_records (
  request_id    BIGINT UNSIGNED NOT NULL,
  round         SMALLINT UNSIGNED NOT NULL,   -- 1, then one more at each resubmission
  kind          ENUM('before', 'proposed', 'before_decision', 'approved') NOT NULL,
  recorded_at   DATETIME NOT NULL DEFAULT UTC_TIMESTAMP(),
  source        ENUM('portal', 'migrated') NOT NULL DEFAULT 'portal',
  record        TEXT NOT NULL CHECK (JSON_VALID(record) AND JSON_TYPE(record) = 'OBJECT'),
  PRIMARY KEY (request_id, round, kind),
  CONSTRAINT change_request_records_request FOREIGN KEY (request_id) REFERENCES change_requests (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_520_ci;

-- Never changed, by any user: whoever may write a record may only add one.
CREATE OR REPLACE TRIGGER change_request_records_frozen BEFORE UPDATE ON change_request_records FOR EACH ROW
  SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'the records of a change request never change';
CREATE OR REPLACE TRIGGER change_request_records_kept BEFORE DELETE ON change_request_records FOR EACH ROW
  SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'the records of a change request are kept';

-- What the public history shows of an approved request: its approved
-- round's records, without who asked (spor-public reads this view alone).
CREATE OR REPLACE SQL SECURITY DEFINER VIEW v_cr_public_records AS
  SELECT r.request_id, r.kind, r.record
    FROM change_request_records r
    JOIN change_request_records a ON a.request_id = r.request_id AND a.round = r.round AND a.kind = 'approved';

-- What a steward typed in a decision form that was refused (no comment, a
-- correction that does not check): the form answers with a redirect to the
-- request's page, which shows it again from here; one per steward and
-- request, dropped when their next move succeeds.
CREATE TABLE IF NOT EXISTS change_request_drafts (
  account_id    BIGINT UNSIGNED NOT NULL,
  request_id    BIGINT UNSIGNED NOT NULL,
  saved_at      DATETIME NOT NULL DEFAULT UTC_TIMESTAMP(),
  form          TEXT NOT NULL CHECK (JSON_VALID(form)),   -- {"to", "reason", "values": {}, "errors": {}}
  PRIMARY KEY (account_id, request_id),
  KEY change_request_drafts_saved (saved_at),
  CONSTRAINT change_request_drafts_account FOREIGN KEY (account_id) REFERENCES accounts (id),
  CONSTRAINT change_request_drafts_request FOREIGN KEY (request_id) REFERENCES change_requests (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_520_ci;

-- The requester's edit and move (migration 0009), now also keeping the
-- records of a submission: p_before, what the request is about as the
-- portal read it (NULL for something new), and the proposal as it stands
-- once written.  Refused as before (SQLSTATE 45000): someone else's
-- request, a move that is not the requester's, content written outside
-- SAVED and RETURNED.
CREATE OR REPLACE PROCEDURE spor_cr_owner_write(
    IN p_id BIGINT UNSIGNED, IN p_account BIGINT UNSIGNED, IN p_to VARCHAR(20),
    IN p_proposed TEXT, IN p_justification TEXT, IN p_base_seq INT UNSIGNED,
    IN p_document_name VARCHAR(200), IN p_document_sha256 CHAR(64), IN p_document_size INT UNSIGNED,
    IN p_before TEXT)
  MODIFIES SQL DATA
  SQL SECURITY DEFINER
BEGIN
  DECLARE v_from VARCHAR(20) DEFAULT NULL;
  DECLARE v_owner BIGINT UNSIGNED DEFAULT NULL;
  DECLARE v_round SMALLINT UNSIGNED DEFAULT 1;
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
  IF p_to = 'SUBMITTED' THEN
    SELECT COALESCE(MAX(round), 0) + 1 INTO v_round FROM change_request_records WHERE request_id = p_id;
    IF p_before IS NOT NULL THEN
      INSERT INTO change_request_records (request_id, round, kind, record) VALUES (p_id, v_round, 'before', p_before);
    END IF;
    INSERT INTO change_request_records (request_id, round, kind, record)
      SELECT id, v_round, 'proposed', proposed FROM change_requests WHERE id = p_id;
  END IF;
END;
