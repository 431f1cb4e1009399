-- OMS: organisations, their alternative names, identifiers in other
-- systems and locations, and merged IDs.  IDs are the 9 digits of ORG-... and
-- LOC-...  Each organisation also keeps its whole record (organisation and
-- locations) as the canonical JSON that export.json writes: the organisation
-- page reads it in one lookup, and an import compares it to skip what did
-- not change.

CREATE TABLE IF NOT EXISTS oms_organisations (
  id              INT UNSIGNED NOT NULL PRIMARY KEY,
  name            VARCHAR(500) NOT NULL,
  name_sort       VARCHAR(200) AS (LEFT(name, 200)) STORED,
  acronym         VARCHAR(100) NULL,
  type            VARCHAR(100) NULL,
  size            VARCHAR(10) NULL,
  status          ENUM('PROVISIONAL', 'ACTIVE', 'INACTIVE', 'DELETED') NOT NULL,
  version_at      DATETIME NULL,
  country_code    CHAR(2) NULL,               -- of its first location, for result lists
  city            VARCHAR(200) NULL,
  location_count  SMALLINT UNSIGNED NOT NULL DEFAULT 0,
  record          LONGTEXT NOT NULL CHECK (JSON_VALID(record)),
  imported_at     DATETIME NOT NULL,
  KEY oms_org_name (name_sort, id),
  KEY oms_org_status (status, name_sort, id),
  KEY oms_org_type (type, name_sort, id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_520_ci;

CREATE TABLE IF NOT EXISTS oms_org_names (
  org_id          INT UNSIGNED NOT NULL,
  seq             SMALLINT UNSIGNED NOT NULL,
  lang            VARCHAR(10) NULL,
  name            VARCHAR(500) NOT NULL,
  PRIMARY KEY (org_id, seq),
  CONSTRAINT oms_org_names_org FOREIGN KEY (org_id) REFERENCES oms_organisations (id) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_520_ci;

CREATE TABLE IF NOT EXISTS oms_org_identifiers (
  org_id          INT UNSIGNED NOT NULL,
  seq             SMALLINT UNSIGNED NOT NULL,
  system          VARCHAR(100) NOT NULL,
  code            VARCHAR(100) NOT NULL,
  valid_from      DATE NULL,
  valid_to        DATE NULL,
  PRIMARY KEY (org_id, seq),
  KEY oms_org_identifiers_code (code),
  CONSTRAINT oms_org_identifiers_org FOREIGN KEY (org_id) REFERENCES oms_organisations (id) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_520_ci;

CREATE TABLE IF NOT EXISTS oms_locations (
  id              INT UNSIGNED NOT NULL PRIMARY KEY,
  org_id          INT UNSIGNED NOT NULL,
  seq             SMALLINT UNSIGNED NOT NULL,   -- its place in the organisation's record
  line1           VARCHAR(300) NOT NULL,
  line2           VARCHAR(300) NULL,
  line3           VARCHAR(300) NULL,
  line4           VARCHAR(300) NULL,
  po_box          VARCHAR(100) NULL,
  postal_code     VARCHAR(40) NULL,
  city            VARCHAR(200) NOT NULL,
  county          VARCHAR(200) NULL,
  region          VARCHAR(200) NULL,
  country_code    CHAR(2) NOT NULL,
  country_name    VARCHAR(200) NULL,
  latitude        DECIMAL(9,6) NULL,
  longitude       DECIMAL(9,6) NULL,
  lang            VARCHAR(10) NULL,
  email           VARCHAR(254) NULL,
  phone           VARCHAR(60) NULL,
  status          ENUM('PROVISIONAL', 'ACTIVE', 'INACTIVE', 'DELETED') NOT NULL,
  version_at      DATETIME NULL,
  KEY oms_locations_org (org_id, seq),
  KEY oms_locations_place (country_code, city(60), org_id),
  KEY oms_locations_postal (postal_code, org_id),
  CONSTRAINT oms_locations_org FOREIGN KEY (org_id) REFERENCES oms_organisations (id) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_520_ci;

-- An old ID merged into a surviving record: ORG-old -> ORG-new, LOC-old -> LOC-new.
CREATE TABLE IF NOT EXISTS oms_merged (
  kind            ENUM('ORG', 'LOC') NOT NULL,
  old_id          INT UNSIGNED NOT NULL,
  new_id          INT UNSIGNED NOT NULL,
  org_id          INT UNSIGNED NOT NULL,        -- the organisation whose record lists it
  PRIMARY KEY (kind, old_id),
  KEY oms_merged_org (org_id),
  CONSTRAINT oms_merged_org FOREIGN KEY (org_id) REFERENCES oms_organisations (id) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_520_ci;

-- Every word of an organisation's name, acronym and alternative names, by
-- collation weight, like rms_term_words.
CREATE TABLE IF NOT EXISTS oms_org_words (
  wkey            VARBINARY(255) NOT NULL,
  org_id          INT UNSIGNED NOT NULL,
  PRIMARY KEY (wkey, org_id),
  KEY oms_org_words_org (org_id, wkey),
  CONSTRAINT oms_org_words_org FOREIGN KEY (org_id) REFERENCES oms_organisations (id) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_520_ci;

-- What the search page shows before any filter: the number of
-- organisations and the choices of the country and type filters.  The
-- store writes it at the end of every import (counting 200,000 rows on each
-- page view would cost more than the page).
CREATE TABLE IF NOT EXISTS oms_stats (
  id              TINYINT UNSIGNED NOT NULL PRIMARY KEY,
  organisations   INT UNSIGNED NOT NULL,
  countries       VARCHAR(2000) NOT NULL DEFAULT '[]' CHECK (JSON_VALID(countries)),
  types           VARCHAR(8000) NOT NULL DEFAULT '[]' CHECK (JSON_VALID(types))
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_520_ci;
