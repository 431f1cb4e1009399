-- The change feed (GET /api/v1/changes, the Atom feeds): one row per
-- version the portal records of a list, a term, an organisation or a
-- location, in a single sequence across the four, its number the cursor a
-- client keeps.  The version tables' triggers below fill it in the
-- transaction that writes the version, whoever writes it (an import,
-- sporctl gen-data, an approved change request), so no writer can forget
-- it and a rolled-back write leaves no row.
--
-- A reader must never see a cursor before an older one commits: a client
-- that had read up to 11 would then never see 10.  An AUTO_INCREMENT is
-- handed out when a row is inserted, not when it commits, so two writers
-- could commit 11 before 10.  Each trigger therefore first locks the data
-- generation's row (migration 0020), which every writer of reference data
-- updates before it commits anyway, and holds it to the end of its
-- transaction: a writer takes its first cursor only after every writer
-- that took one before it has committed or rolled back.  Cursors are
-- handed out in the order the writes commit, and a snapshot that holds
-- one cursor holds every smaller one.  (A writer waits for another's
-- commit from its first version on; the versions are each writer's last
-- statements but for an import, which holds the turn until it commits.)
-- A cursor of a rolled-back write is never handed out again (InnoDB keeps
-- the counter across restarts), so a number means one version forever.
--
-- The rows copy what the feed shows of each version, so a page of the feed
-- never changes once it is full; names are read from the records when the
-- Atom feeds show them.  list_id and org_id hold a term's list (and a
-- list's own ID) and a location's organisation (and an organisation's
-- own), so that a list's or an organisation's feed is one range of an index.
CREATE TABLE IF NOT EXISTS change_feed (
  id            BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,  -- the cursor
  kind          ENUM('list', 'term', 'organisation', 'location') NOT NULL,
  record_id     BIGINT UNSIGNED NOT NULL,     -- the list's, term's, organisation's or location's number
  seq           INT UNSIGNED NOT NULL,        -- its version (for a location: its organisation's)
  list_id       BIGINT UNSIGNED NULL,
  org_id        INT UNSIGNED NULL,
  recorded_at   DATETIME NOT NULL,
  source        VARCHAR(20) NOT NULL,         -- 'import', 'request', 'generated', 'demo'
  request_id    BIGINT UNSIGNED NULL,         -- the approved change request
  file          VARCHAR(255) NULL,            -- the file an import read
  changes       VARCHAR(2000) NOT NULL DEFAULT '',
  KEY change_feed_list (list_id, id),
  KEY change_feed_org (org_id, id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_520_ci;

-- One version into the feed, in its turn (see above).
DROP PROCEDURE IF EXISTS change_feed_add;
CREATE PROCEDURE change_feed_add(IN p_kind VARCHAR(12), IN p_id BIGINT UNSIGNED, IN p_seq INT UNSIGNED,
                                 IN p_list BIGINT UNSIGNED, IN p_org INT UNSIGNED, IN p_at DATETIME,
                                 IN p_source VARCHAR(20), IN p_request BIGINT UNSIGNED, IN p_file VARCHAR(255),
                                 IN p_changes VARCHAR(2000))
  MODIFIES SQL DATA SQL SECURITY DEFINER
BEGIN
  DECLARE turn BIGINT UNSIGNED;
  SELECT gen INTO turn FROM data_generation WHERE id = 1 FOR UPDATE;
  INSERT INTO change_feed (kind, record_id, seq, list_id, org_id, recorded_at, source, request_id, file, changes)
    VALUES (p_kind, p_id, p_seq, p_list, p_org, p_at, p_source, p_request, p_file, p_changes);
END;

-- What is recorded already, oldest first (a location after its
-- organisation's version), numbered from 1 without a gap, before the
-- triggers exist: sporctl migrate runs with the writers stopped.  (At a
-- million terms this takes a minute or two.)
INSERT INTO change_feed (id, kind, record_id, seq, list_id, org_id, recorded_at, source, request_id, file, changes)
  SELECT ROW_NUMBER() OVER (ORDER BY recorded_at, COALESCE(org_id, 0), k, record_id, seq),
         kind, record_id, seq, list_id, org_id, recorded_at, source, request_id, file, changes FROM (
    SELECT 'list' kind, 0 k, v.list_id record_id, v.seq, v.list_id, NULL org_id, v.recorded_at, v.source,
           v.request_id, NULL file, v.changes
      FROM rms_list_versions v
    UNION ALL
    SELECT 'term', 1, v.term_id, v.seq, t.list_id, NULL, v.recorded_at, v.source, v.request_id, NULL, v.changes
      FROM rms_term_versions v LEFT JOIN rms_terms t ON t.id = v.term_id
    UNION ALL
    SELECT 'organisation', 2, v.org_id, v.seq, NULL, v.org_id, v.recorded_at, v.source, v.request_id, v.file,
           v.changes
      FROM oms_org_versions v
    UNION ALL
    SELECT 'location', 3, l.loc_id, l.seq, NULL, l.org_id, v.recorded_at, v.source, v.request_id, v.file, l.changes
      FROM oms_loc_versions l JOIN oms_org_versions v ON v.org_id = l.org_id AND v.seq = l.seq
  ) a
  WHERE NOT EXISTS (SELECT 1 FROM change_feed);

-- A term's list is its row's (written before its versions); an import's
-- file is the one sporctl import names on its connection (ctl_import.c),
-- the organisations' their versions'.
CREATE OR REPLACE TRIGGER rms_list_versions_feed AFTER INSERT ON rms_list_versions FOR EACH ROW
  CALL change_feed_add('list', NEW.list_id, NEW.seq, NEW.list_id, NULL, NEW.recorded_at, NEW.source,
                       NEW.request_id, NULL, NEW.changes);
CREATE OR REPLACE TRIGGER rms_term_versions_feed AFTER INSERT ON rms_term_versions FOR EACH ROW
  CALL change_feed_add('term', NEW.term_id, NEW.seq, (SELECT list_id FROM rms_terms WHERE id = NEW.term_id), NULL,
                       NEW.recorded_at, NEW.source, NEW.request_id,
                       IF(NEW.source = 'import', @spor_import_file, NULL), NEW.changes);
CREATE OR REPLACE TRIGGER oms_org_versions_feed AFTER INSERT ON oms_org_versions FOR EACH ROW
  CALL change_feed_add('organisation', NEW.org_id, NEW.seq, NULL, NEW.org_id, NEW.recorded_at, NEW.source,
                       NEW.request_id, NEW.file, NEW.changes);
CREATE OR REPLACE TRIGGER oms_loc_versions_feed AFTER INSERT ON oms_loc_versions FOR EACH ROW
BEGIN
  DECLARE v_at DATETIME;
  DECLARE v_source VARCHAR(20);
  DECLARE v_request BIGINT UNSIGNED;
  DECLARE v_file VARCHAR(255);
  SELECT recorded_at, source, request_id, file INTO v_at, v_source, v_request, v_file
    FROM oms_org_versions WHERE org_id = NEW.org_id AND seq = NEW.seq;
  CALL change_feed_add('location', NEW.loc_id, NEW.seq, NULL, NEW.org_id, COALESCE(v_at, UTC_TIMESTAMP()),
                       COALESCE(v_source, 'import'), v_request, v_file, NEW.changes);
END;
