-- RMS: controlled term lists and their terms, names per language and kind,
-- mappings to source terminologies, country applicability, attributes and
-- the version history of every term.  IDs are the 12-digit SPOR IDs (lists
-- and terms share one number range).

CREATE TABLE IF NOT EXISTS rms_lists (
  id            BIGINT UNSIGNED NOT NULL PRIMARY KEY,
  name          VARCHAR(400) NOT NULL,
  short_name    VARCHAR(200) NULL,
  description   TEXT NULL,
  owner         VARCHAR(200) NULL,
  domain_id     BIGINT UNSIGNED NULL,
  status        ENUM('PROVISIONAL', 'CURRENT', 'NON_CURRENT', 'NULLIFIED') NOT NULL DEFAULT 'CURRENT',
  version       INT UNSIGNED NOT NULL DEFAULT 1,
  hierarchical  TINYINT(1) NOT NULL DEFAULT 0,
  term_count    INT UNSIGNED NOT NULL DEFAULT 0,
  languages     VARCHAR(2000) NOT NULL DEFAULT '',  -- the languages of its names, "de,en,fr"
  stats         VARCHAR(2000) NOT NULL DEFAULT '{}' CHECK (JSON_VALID(stats)),  -- terms per status and domain
  created_at    DATETIME NULL,
  modified_at   DATETIME NULL,
  KEY rms_lists_name (name(100)),
  KEY rms_lists_modified (modified_at)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_520_ci;

CREATE TABLE IF NOT EXISTS rms_terms (
  id              BIGINT UNSIGNED NOT NULL PRIMARY KEY,
  list_id         BIGINT UNSIGNED NOT NULL,
  status          ENUM('PROVISIONAL', 'CURRENT', 'NON_CURRENT', 'NULLIFIED') NOT NULL,
  domain_id       BIGINT UNSIGNED NULL,
  parent_id       BIGINT UNSIGNED NULL,
  current_term_id BIGINT UNSIGNED NULL,       -- the term that replaces this one
  level_short     VARCHAR(100) NULL,          -- hierarchical level of the term
  level_name      VARCHAR(200) NULL,
  name_en         VARCHAR(1000) NOT NULL DEFAULT '',  -- English name, for sorting and fallback
  name_sort       VARCHAR(200) AS (LEFT(name_en, 200)) STORED,  -- indexable sort key
  seq             INT UNSIGNED NOT NULL DEFAULT 1,    -- its current entry in rms_term_versions
  comments        TEXT NULL,
  user_tags       VARCHAR(1000) NULL,
  visibility      VARCHAR(20) NULL,
  version         INT UNSIGNED NULL,
  version_date    DATETIME NULL,
  is_major        TINYINT(1) NULL,
  status_changed_at DATETIME NULL,
  created_at      DATETIME NULL,
  created_by      VARCHAR(100) NULL,
  modified_at     DATETIME NULL,
  modified_by     VARCHAR(100) NULL,
  KEY rms_terms_list_name (list_id, name_sort, id),
  KEY rms_terms_list_status (list_id, status, name_sort, id),
  KEY rms_terms_list_id (list_id, id),
  KEY rms_terms_parent (parent_id),
  KEY rms_terms_current (current_term_id),
  CONSTRAINT rms_terms_list FOREIGN KEY (list_id) REFERENCES rms_lists (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_520_ci;

-- Names of a term per language and kind.
CREATE TABLE IF NOT EXISTS rms_term_names (
  term_id       BIGINT UNSIGNED NOT NULL,
  lang          VARCHAR(10) NOT NULL,
  kind          ENUM('name', 'short', 'other', 'symbol') NOT NULL,
  value         VARCHAR(1000) NOT NULL,
  tr_status     VARCHAR(20) NULL,       -- translation status
  modified_at   DATETIME NULL,
  modified_by   VARCHAR(100) NULL,
  PRIMARY KEY (term_id, lang, kind),
  CONSTRAINT rms_term_names_term FOREIGN KEY (term_id) REFERENCES rms_terms (id) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_520_ci;

-- Every word of a term's names, once per term, by its collation weight
-- (WEIGHT_STRING: case and accents folded, "Comprimé" = "comprime"): the
-- words that start with a prefix are one range of this key.  The
-- (term_id, wkey) index checks a term's further words.
CREATE TABLE IF NOT EXISTS rms_term_words (
  wkey          VARBINARY(255) NOT NULL,
  term_id       BIGINT UNSIGNED NOT NULL,
  PRIMARY KEY (wkey, term_id),
  KEY rms_term_words_term (term_id, wkey),
  CONSTRAINT rms_term_words_term FOREIGN KEY (term_id) REFERENCES rms_terms (id) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_520_ci;

CREATE TABLE IF NOT EXISTS rms_term_descriptions (
  term_id       BIGINT UNSIGNED NOT NULL,
  lang          VARCHAR(10) NOT NULL,
  value         TEXT NOT NULL,
  tr_status     VARCHAR(20) NULL,
  modified_at   DATETIME NULL,
  modified_by   VARCHAR(100) NULL,
  PRIMARY KEY (term_id, lang),
  CONSTRAINT rms_term_descriptions_term FOREIGN KEY (term_id) REFERENCES rms_terms (id) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_520_ci;

-- Mappings to a source terminology (e.g. the EDQM code of a dose form).
CREATE TABLE IF NOT EXISTS rms_term_mappings (
  term_id        BIGINT UNSIGNED NOT NULL,
  position       SMALLINT UNSIGNED NOT NULL,
  source_id      BIGINT UNSIGNED NULL,      -- the source, itself an RMS term
  source_term_id VARCHAR(200) NULL,
  source_name    VARCHAR(1000) NULL,
  is_main        TINYINT(1) NULL,
  source_version VARCHAR(50) NULL,
  source_status  VARCHAR(50) NULL,
  PRIMARY KEY (term_id, position),
  KEY rms_term_mappings_source (source_term_id(50)),
  CONSTRAINT rms_term_mappings_term FOREIGN KEY (term_id) REFERENCES rms_terms (id) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_520_ci;

CREATE TABLE IF NOT EXISTS rms_term_countries (
  term_id       BIGINT UNSIGNED NOT NULL,
  country_id    BIGINT UNSIGNED NOT NULL,   -- a term of the Country list
  PRIMARY KEY (term_id, country_id),
  CONSTRAINT rms_term_countries_term FOREIGN KEY (term_id) REFERENCES rms_terms (id) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_520_ci;

CREATE TABLE IF NOT EXISTS rms_term_attributes (
  term_id       BIGINT UNSIGNED NOT NULL,
  position      SMALLINT UNSIGNED NOT NULL,
  name          VARCHAR(200) NOT NULL,
  value         VARCHAR(1000) NULL,
  PRIMARY KEY (term_id, position),
  CONSTRAINT rms_term_attributes_term FOREIGN KEY (term_id) REFERENCES rms_terms (id) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_520_ci;

-- The history of a term: one row per version seen (from an import, or made
-- by an approved change request), with what changed against the version
-- before and a snapshot of the term at that version (JSON).
CREATE TABLE IF NOT EXISTS rms_term_versions (
  term_id       BIGINT UNSIGNED NOT NULL,
  seq           INT UNSIGNED NOT NULL,      -- 1, 2, ... in the order recorded here
  version       INT UNSIGNED NULL,          -- the SPOR version number, when known
  recorded_at   DATETIME NOT NULL,
  version_date  DATETIME NULL,
  source        VARCHAR(20) NOT NULL,       -- 'import', 'request', 'demo'
  request_id    BIGINT UNSIGNED NULL,       -- the approved change request
  changes       VARCHAR(2000) NOT NULL DEFAULT '',
  snapshot      LONGTEXT NOT NULL CHECK (JSON_VALID(snapshot)),
  PRIMARY KEY (term_id, seq),
  CONSTRAINT rms_term_versions_term FOREIGN KEY (term_id) REFERENCES rms_terms (id) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_520_ci;
