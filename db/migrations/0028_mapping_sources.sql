-- The sources a list's terms map from, with how many mappings each, in the
-- list's stats ('sources': {"sourceId": count}), as rms_store_list_stats
-- now counts them at the end of every import: a list's FHIR ConceptMaps
-- (one per source) are found without reading its mappings.  Lists without
-- mappings get an empty object.  A list may map from many sources (an
-- export names a source per mapping): the stats outgrow 2,000 characters.
ALTER TABLE rms_lists MODIFY stats MEDIUMTEXT NOT NULL DEFAULT '{}' CHECK (JSON_VALID(stats));
UPDATE rms_lists SET stats = JSON_SET(stats, '$.sources', JSON_OBJECT());
UPDATE rms_lists l
  JOIN (SELECT list_id, JSON_OBJECTAGG(source_id, c) sources
        FROM (SELECT t.list_id, m.source_id, COUNT(*) c FROM rms_term_mappings m JOIN rms_terms t ON t.id = m.term_id
              WHERE m.source_id IS NOT NULL GROUP BY t.list_id, m.source_id) s
        GROUP BY list_id) s ON s.list_id = l.id
  SET l.stats = JSON_SET(l.stats, '$.sources', JSON_EXTRACT(s.sources, '$'));
