-- An organisation's history from every source.  Until now only an approved
-- change request recorded a version (and the record before the portal's
-- first change); an import rewrote the record and kept nothing.  From here
-- on the OMS store records a version each time it writes an organisation,
-- whatever the source: an import (with the name of its file), generated
-- data, or an approved request.  A write that changes nothing is no write,
-- so importing the same file again records nothing.
--
-- oms_loc_versions says what each version changed in each location
-- ('created', 'removed', or the fields that changed, as "city, phone"; ''
-- for a record taken as it was, without knowing what changed before), so
-- that a location's page shows its own history.  It replaces
-- oms_org_versions.loc_id, which named one location per version, only for
-- requests.

CREATE TABLE IF NOT EXISTS oms_loc_versions (
  loc_id        INT UNSIGNED NOT NULL,
  org_id        INT UNSIGNED NOT NULL,
  seq           INT UNSIGNED NOT NULL,        -- the organisation's version (oms_org_versions.seq)
  changes       VARCHAR(2000) NOT NULL DEFAULT '',
  PRIMARY KEY (loc_id, org_id, seq),
  KEY oms_loc_versions_org (org_id, seq)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_520_ci;

-- The file an import read (its name, without the folders or a URL's query).
ALTER TABLE oms_org_versions ADD COLUMN IF NOT EXISTS file VARCHAR(255) NULL AFTER request_id;

-- The versions a request made about one location become that location's;
-- the organisation's own line then says its locations changed, or that a
-- new organisation was created.
INSERT IGNORE INTO oms_loc_versions (loc_id, org_id, seq, changes)
  SELECT CAST(SUBSTRING(v.loc_id, 5) AS UNSIGNED), v.org_id, v.seq,
         IF(c.type IN ('ADD-ORG', 'ADD-LOC'), 'created', v.changes)
  FROM oms_org_versions v LEFT JOIN change_requests c ON c.id = v.request_id
  WHERE v.loc_id IS NOT NULL;
UPDATE oms_org_versions v LEFT JOIN change_requests c ON c.id = v.request_id
  SET v.changes = IF(c.type = 'ADD-ORG', 'created', 'locations')
  WHERE v.loc_id IS NOT NULL;

-- An organisation whose record is not its last version (never changed in
-- the portal, or changed by an import since) gets its record as a version,
-- recorded when it was last imported; what changed before is not known.
INSERT INTO oms_org_versions (org_id, seq, recorded_at, source, changes, record)
  SELECT o.id, COALESCE(l.seq, 0) + 1, o.imported_at, 'import', '', o.record
  FROM oms_organisations o
  LEFT JOIN (SELECT org_id, MAX(seq) seq FROM oms_org_versions GROUP BY org_id) l ON l.org_id = o.id
  LEFT JOIN oms_org_versions v ON v.org_id = l.org_id AND v.seq = l.seq
  WHERE v.record IS NULL OR v.record <> o.record;

-- Such a record, and the one kept before the portal's first change, holds
-- each of its locations as it was.
INSERT IGNORE INTO oms_loc_versions (loc_id, org_id, seq, changes)
  SELECT CAST(SUBSTRING(j.id, 5) AS UNSIGNED), v.org_id, v.seq, ''
  FROM oms_org_versions v, JSON_TABLE(v.record, '$.locations[*]' COLUMNS (id VARCHAR(13) PATH '$.id')) j
  WHERE v.changes = '' AND j.id IS NOT NULL;

ALTER TABLE oms_org_versions DROP COLUMN IF EXISTS loc_id;
