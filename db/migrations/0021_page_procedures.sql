-- What the term page, the organisation page and the location page show,
-- each in one round trip: a procedure answers the page's result sets in one
-- CALL, where the pages sent two, four and five statements one after the
-- other (the histories were also prepared anew for each page).  An
-- organisation's or a location's history page is clamped here, with the
-- count it needs, so nothing waits on the program between two statements.
-- They run with the caller's rights (spor-public's SELECT on the reference
-- data): the procedures read nothing the program could not read itself.

-- The organisation `p_org` and page `p_page` (of `p_size` versions) of its
-- history:
--   1. one row: its record (NULL: no such organisation), the organisation
--      an ID merged into another now is (NULL: none), the versions there
--      are, the page shown (p_page within the pages there are);
--   2. the page's versions, newest first;
--   3. what each of those versions changed in each location.
DROP PROCEDURE IF EXISTS spor_org_page;
CREATE PROCEDURE spor_org_page(IN p_org INT UNSIGNED, IN p_page BIGINT UNSIGNED, IN p_size INT UNSIGNED)
  READS SQL DATA SQL SECURITY INVOKER
BEGIN
  DECLARE v_total BIGINT UNSIGNED DEFAULT (SELECT COUNT(*) FROM oms_org_versions WHERE org_id = p_org);
  DECLARE v_page BIGINT UNSIGNED DEFAULT LEAST(GREATEST(p_page, 1), GREATEST(CEIL(v_total / p_size), 1));
  DECLARE v_offset BIGINT UNSIGNED DEFAULT (v_page - 1) * p_size;
  DECLARE v_newest, v_oldest INT UNSIGNED;
  SELECT (SELECT record FROM oms_organisations WHERE id = p_org),
         (SELECT new_id FROM oms_merged WHERE kind = 'ORG' AND old_id = p_org), v_total, v_page;
  SELECT seq, DATE_FORMAT(recorded_at, '%Y-%m-%d %H:%i'), source, request_id, file, changes
    FROM oms_org_versions WHERE org_id = p_org ORDER BY seq DESC LIMIT p_size OFFSET v_offset;
  SELECT MAX(seq), MIN(seq) INTO v_newest, v_oldest
    FROM (SELECT seq FROM oms_org_versions WHERE org_id = p_org ORDER BY seq DESC LIMIT p_size OFFSET v_offset) p;
  SELECT seq, CONCAT('LOC-', LPAD(loc_id, 9, '0')), changes FROM oms_loc_versions
   WHERE org_id = p_org AND seq BETWEEN v_oldest AND v_newest AND changes <> '' ORDER BY seq DESC, loc_id;
END;

-- The location `p_loc` and page `p_page` (of `p_size` versions) of its
-- history:
--   1. one row: the location ID it was merged into (NULL: none), the
--      versions there are, the page shown;
--   2. the location with its organisation (no row: no such location);
--   3. the location IDs merged into it;
--   4. the page's versions, newest first, with what each changed in it.
DROP PROCEDURE IF EXISTS spor_location_page;
CREATE PROCEDURE spor_location_page(IN p_loc INT UNSIGNED, IN p_page BIGINT UNSIGNED, IN p_size INT UNSIGNED)
  READS SQL DATA SQL SECURITY INVOKER
BEGIN
  DECLARE v_org INT UNSIGNED DEFAULT (SELECT org_id FROM oms_locations WHERE id = p_loc);
  DECLARE v_total BIGINT UNSIGNED DEFAULT
    (SELECT COUNT(*) FROM oms_loc_versions WHERE loc_id = p_loc AND org_id = v_org);
  DECLARE v_page BIGINT UNSIGNED DEFAULT LEAST(GREATEST(p_page, 1), GREATEST(CEIL(v_total / p_size), 1));
  DECLARE v_offset BIGINT UNSIGNED DEFAULT (v_page - 1) * p_size;
  SELECT (SELECT new_id FROM oms_merged WHERE kind = 'LOC' AND old_id = p_loc), v_total, v_page;
  SELECT CONCAT('LOC-', LPAD(l.id, 9, '0')), CONCAT('ORG-', LPAD(o.id, 9, '0')), o.name, o.status,
         l.line1, l.line2, l.line3, l.line4, l.po_box, l.postal_code, l.city, l.county, l.region, l.country_code,
         l.latitude + 0, l.longitude + 0, l.lang, l.email, l.phone, l.status,
         DATE_FORMAT(l.version_at, '%Y-%m-%d %H:%i:%s'), o.location_count
    FROM oms_locations l JOIN oms_organisations o ON o.id = l.org_id WHERE l.id = p_loc;
  SELECT CONCAT('LOC-', LPAD(old_id, 9, '0')) FROM oms_merged WHERE kind = 'LOC' AND new_id = p_loc ORDER BY old_id;
  SELECT v.seq, DATE_FORMAT(v.recorded_at, '%Y-%m-%d %H:%i'), v.source, v.request_id, v.file, l.changes
    FROM oms_loc_versions l JOIN oms_org_versions v ON v.org_id = l.org_id AND v.seq = l.seq
   WHERE l.loc_id = p_loc AND l.org_id = v_org ORDER BY l.seq DESC LIMIT p_size OFFSET v_offset;
END;

-- The term `p_term`, its names in the data language `p_lang` (English
-- standing in):
--   1. its current record (the snapshot) and its list's name (no row: no
--      such term);
--   2. everything around it, one kind of row after the other: its children,
--      the terms it replaces, the terms its record refers to (its domain,
--      parent, replacement, mappings' sources, countries, attributes'
--      values: the 12-digit IDs among them) and its versions, newest first.
-- Plain UNION ALL streams each part in turn; aggregating them as JSON
-- instead would cost a temporary table on disk per part.
DROP PROCEDURE IF EXISTS spor_term_page;
CREATE PROCEDURE spor_term_page(IN p_term BIGINT UNSIGNED, IN p_lang VARCHAR(12))
  READS SQL DATA SQL SECURITY INVOKER
BEGIN
  DECLARE v_snapshot LONGTEXT DEFAULT (SELECT v.snapshot FROM rms_terms t
    JOIN rms_term_versions v ON v.term_id = t.id AND v.seq = t.seq WHERE t.id = p_term);
  SELECT v_snapshot, l.name FROM rms_terms t JOIN rms_lists l ON l.id = t.list_id WHERE t.id = p_term;
  (SELECT 'child', c.id, COALESCE(n.value, c.name_en), c.status, NULL, NULL, NULL FROM rms_terms c
     LEFT JOIN rms_term_names n ON n.term_id = c.id AND n.lang = p_lang AND n.kind = 'name'
    WHERE c.parent_id = p_term ORDER BY c.name_sort, c.id LIMIT 500)
  UNION ALL
  (SELECT 'replaces', c.id, COALESCE(n.value, c.name_en), c.status, NULL, NULL, NULL FROM rms_terms c
     LEFT JOIN rms_term_names n ON n.term_id = c.id AND n.lang = p_lang AND n.kind = 'name'
    WHERE c.current_term_id = p_term ORDER BY c.name_sort, c.id LIMIT 500)
  UNION ALL
  (SELECT 'ref', r.id, COALESCE(n.value, r.name_en), r.status, NULL, NULL, NULL
     FROM JSON_TABLE(JSON_EXTRACT(v_snapshot, '$.domain', '$.parent', '$.replaced_by', '$.mappings[*].source',
                                  '$.countries[*]', '$.attributes[*].value'),
                     '$[*]' COLUMNS (id VARCHAR(40) PATH '$')) j
     JOIN rms_terms r ON r.id = CAST(j.id AS UNSIGNED)
     LEFT JOIN rms_term_names n ON n.term_id = r.id AND n.lang = p_lang AND n.kind = 'name'
    WHERE j.id REGEXP '^[0-9]{12}$')
  UNION ALL
  (SELECT 'version', h.version, DATE_FORMAT(h.recorded_at, '%Y-%m-%d %H:%i'), DATE_FORMAT(h.version_date, '%Y-%m-%d'),
          h.source, h.changes, h.request_id
     FROM rms_term_versions h WHERE h.term_id = p_term ORDER BY h.seq DESC LIMIT 200);
END;
