-- Term versions written many at a time enter the change feed in one
-- statement instead of one trigger call each (migration 0026 called
-- change_feed_add for every version: the turn locked again, one INSERT,
-- 60-80 µs a version, a minute of the server for a million generated
-- terms).  A writer of a batch (an import's batch of terms, rms_rows.c;
-- a slice of sporctl gen-data) sets @spor_feed_batch while it inserts the
-- versions, so that the trigger leaves them alone, clears it, then calls
-- one of the procedures below in the same transaction: each takes the turn
-- once, as change_feed_add does, before its first cursor, and copies the
-- versions just written into the feed in the order they were written, with
-- what the trigger would have copied.  The writer's statement clears the
-- variable on an error too (its handler), so a connection never keeps it.
-- Every other writer of term versions (an approved change request, the
-- demonstration data) goes through the trigger as before.

CREATE OR REPLACE TRIGGER rms_term_versions_feed AFTER INSERT ON rms_term_versions FOR EACH ROW
  IF @spor_feed_batch IS NULL THEN
    CALL change_feed_add('term', NEW.term_id, NEW.seq, (SELECT list_id FROM rms_terms WHERE id = NEW.term_id), NULL,
                         NEW.recorded_at, NEW.source, NEW.request_id,
                         IF(NEW.source = 'import', @spor_import_file, NULL), NEW.changes);
  END IF;

-- The versions of an import's batch: p_versions is a JSON array of
-- {"term": ID, "seq": N}, one for each version in the order they were
-- written (rms_rows.c).
DROP PROCEDURE IF EXISTS change_feed_terms;
CREATE PROCEDURE change_feed_terms(IN p_versions LONGTEXT)
  MODIFIES SQL DATA SQL SECURITY DEFINER
BEGIN
  DECLARE turn BIGINT UNSIGNED;
  SELECT gen INTO turn FROM data_generation WHERE id = 1 FOR UPDATE;
  INSERT INTO change_feed (kind, record_id, seq, list_id, org_id, recorded_at, source, request_id, file, changes)
    SELECT 'term', v.term_id, v.seq, t.list_id, NULL, v.recorded_at, v.source, v.request_id,
           IF(v.source = 'import', @spor_import_file, NULL), v.changes
      FROM JSON_TABLE(p_versions, '$[*]' COLUMNS (n FOR ORDINALITY, term BIGINT UNSIGNED PATH '$.term',
                                                  seq INT UNSIGNED PATH '$.seq')) j
      JOIN rms_term_versions v ON v.term_id = j.term AND v.seq = j.seq
      LEFT JOIN rms_terms t ON t.id = v.term_id
     ORDER BY j.n;
END;

-- The first versions of sporctl gen-data's terms p_from to p_to (their
-- numbers), written by one statement in the order of their numbers.
DROP PROCEDURE IF EXISTS change_feed_generated;
CREATE PROCEDURE change_feed_generated(IN p_from BIGINT UNSIGNED, IN p_to BIGINT UNSIGNED)
  MODIFIES SQL DATA SQL SECURITY DEFINER
BEGIN
  DECLARE turn BIGINT UNSIGNED;
  SELECT gen INTO turn FROM data_generation WHERE id = 1 FOR UPDATE;
  INSERT INTO change_feed (kind, record_id, seq, list_id, org_id, recorded_at, source, request_id, file, changes)
    SELECT 'term', v.term_id, v.seq, t.list_id, NULL, v.recorded_at, v.source, v.request_id, NULL, v.changes
      FROM rms_terms t JOIN rms_term_versions v ON v.term_id = t.id AND v.seq = 1
     WHERE t.id BETWEEN p_from AND p_to
     ORDER BY t.id;
END;
